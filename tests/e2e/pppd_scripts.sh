#!/bin/sh
# pppd's other scripts: /etc/ppp/ip-pre-up (addresses set, interface still
# down, waited for), /etc/ppp/auth-up when the peer has authenticated and
# /etc/ppp/auth-down when the link goes down (interface, peer name, user,
# device, speed, ipparam), on a PAP server.
. "$TOP/tests/e2e/pppd_lib.inc"
pppd_need_root "pppd-lite ip-pre-up, auth-up and auth-down"
pppd_setup
pppd_side a; pppd_side b
pppd_ns A; pppd_ns B
printf 'alice * "s3cret" *\n' >"$T/b/etc/pap-secrets"; chmod 600 "$T/b/etc/pap-secrets"
for s in ip-pre-up auth-up auth-down ip-up; do
    cat >"$T/b/etc/$s" <<EOF2
#!/bin/sh
state=down
ip link show "\$1" | grep -q "[<,]UP[,>]" && state=up
echo "$s \$* (\$state) PEERNAME=\$PEERNAME" >>"$T/scripts.log"
EOF2
    chmod 755 "$T/b/etc/$s"
done
start_ptylink "$T/ttyA" "$T/ttyB"
run_pppd b B "$T/ttyB" nodetach auth require-pap 192.0.2.1:192.0.2.2 ipparam office
run_pppd a A "$T/ttyA" nodetach noauth user alice password s3cret
if wait_for "$T/a.log" "remote IP address 192.0.2.1" 15 && wait_for "$T/scripts.log" "ip-up " 5; then
    pass "PAP link up, ip-up ran"
else
    fail "PAP link up"; show_log a; show_log b
fi
grep -qxE "ip-pre-up ppp0 $T/ttyB [0-9]+ 192.0.2.1 192.0.2.2 office \(down\) PEERNAME=alice" "$T/scripts.log" &&
    pass "ip-pre-up: ip-up's arguments, interface still down" ||
    { fail "ip-pre-up: arguments and a down interface"; cat "$T/scripts.log"; }
[ "$(grep -n '^ip-pre-up ' "$T/scripts.log" | cut -d: -f1)" -lt "$(grep -n '^ip-up ' "$T/scripts.log" | cut -d: -f1)" ] &&
    grep -q "^ip-up .* (up)" "$T/scripts.log" &&
    pass "ip-pre-up ran before ip-up, which sees the interface up" ||
    { fail "ip-pre-up before ip-up"; cat "$T/scripts.log"; }
# (auth-up runs beside IPCP, not waited for: the interface may be up by now)
grep -qxE "auth-up ppp0 alice $(id -un) $T/ttyB [0-9]+ office \((down|up)\) PEERNAME=alice" "$T/scripts.log" &&
    pass "auth-up: interface, peer name, user, device, speed, ipparam" ||
    { fail "auth-up arguments"; cat "$T/scripts.log"; }
kill -INT "$(cat "$T/a/run/ppp0.pid")"
wait_rc b 15 >/dev/null
grep -qE "^auth-down ppp0 alice $(id -un) $T/ttyB [0-9]+ office " "$T/scripts.log" &&
    pass "auth-down when the link goes down, with auth-up's arguments" ||
    { fail "auth-down"; cat "$T/scripts.log"; show_log b; }
pppd_fresh
: >"$T/scripts.log"
# no authentication asked of the peer: no auth-up
start_ptylink "$T/ttyA" "$T/ttyB"
run_pppd b B "$T/ttyB" nodetach noauth 192.0.2.1:192.0.2.2
run_pppd a A "$T/ttyA" nodetach noauth
wait_for "$T/scripts.log" "ip-up " 15
kill -INT "$(cat "$T/a/run/ppp0.pid" 2>/dev/null)" 2>/dev/null
wait_rc b 15 >/dev/null
grep -q "^ip-up " "$T/scripts.log" && ! grep -q "^auth-" "$T/scripts.log" &&
    pass "noauth: ip-up runs, auth-up and auth-down do not" ||
    { fail "noauth: no auth scripts"; cat "$T/scripts.log"; }
exit 0
