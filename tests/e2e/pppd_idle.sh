#!/bin/sh
# idle 2 ends an unused link (exit 12); kill -INT on the pid file ends a link
# cleanly: ip-up and ip-down ran with pppd's arguments, the interface, the
# default route, the lock and the pid file are gone (exit 5).
. "$TOP/tests/e2e/pppd_lib.inc"
pppd_need_root "pppd-lite idle/signal tests"
pppd_setup
pppd_side a; pppd_side b
pppd_ns A; pppd_ns B

# ip-up / ip-down that record their arguments and environment
for s in ip-up ip-down; do
    cat >"$T/a/etc/$s" <<EOF
#!/bin/sh
echo "\$0 \$*" >>"$T/scripts.log"
echo "$s env IFNAME=\$IFNAME IPLOCAL=\$IPLOCAL IPREMOTE=\$IPREMOTE DEVICE=\$DEVICE" >>"$T/scripts.log"
EOF
    chmod 755 "$T/a/etc/$s"
done

# 5a. idle 2
start_ptylink "$T/ttyA" "$T/ttyB"
run_pppd b B "$T/ttyB" nodetach noauth 192.0.2.1:192.0.2.2
run_pppd a A "$T/ttyA" nodetach noauth idle 2
rc=$(wait_rc a 20)
if [ "$rc" = 12 ] && has_line a "Terminating connection due to lack of activity." &&
   has_line a "Connection terminated." && has_line a "Connect time 0."; then
    pass "idle 2: lack-of-activity message, exit 12"
else
    fail "idle 2: exit 12 (got $rc)"; show_log a
fi
rcb=$(wait_rc b 10)
[ "$rcb" = 0 ] && pass "idle 2: the peer ends with exit 0" || fail "idle 2: peer exit 0 (got $rcb)"
for p in $PIDS; do kill "$p" 2>/dev/null; done; PIDS=""
rm -f "$T"/a.* "$T"/b.* "$T/scripts.log"

# 5b. kill -INT `cat /var/run/ppp0.pid`, as the seed's ppp-off does
start_ptylink "$T/ttyA" "$T/ttyB"
run_pppd b B "$T/ttyB" nodetach noauth 192.0.2.1:192.0.2.2
run_pppd a A "$T/ttyA" nodetach noauth lock defaultroute ipparam office linkname office
if wait_for "$T/a.log" "remote IP address" 10 && wait_for "$T/scripts.log" "ip-up env" 5; then
    pass "link up, ip-up ran"
else
    fail "link up, ip-up ran"; show_log a; show_log b
fi
grep -qF "$T/a/etc/ip-up ppp0 $T/ttyA " "$T/scripts.log" &&
    grep -qF "192.0.2.2 192.0.2.1 office" "$T/scripts.log" &&
    grep -qF "ip-up env IFNAME=ppp0 IPLOCAL=192.0.2.2 IPREMOTE=192.0.2.1 DEVICE=$T/ttyA" "$T/scripts.log" &&
    pass "ip-up got pppd's arguments and environment" ||
    { fail "ip-up got pppd's arguments and environment"; cat "$T/scripts.log"; }
ip -n "${NS_PREFIX}A" route show default | grep -q "dev ppp0" &&
    pass "defaultroute: default route via ppp0" || fail "defaultroute: default route via ppp0"
[ -f "$T/a/lock/LCK..ttyA" ] && pass "lock file held" || fail "lock file held"
[ "$(sed -n 2p "$T/a/run/ppp-office.pid" 2>/dev/null)" = ppp0 ] &&
    [ "$(sed -n 1p "$T/a/run/ppp-office.pid")" = "$(cat "$T/a/run/ppp0.pid")" ] &&
    pass "linkname: ppp-office.pid holds the pid and ppp0" || fail "linkname: ppp-office.pid"
pid=$(cat "$T/a/run/ppp0.pid")
kill -INT "$pid"
rc=$(wait_rc a 10)
[ "$rc" = 5 ] && has_line a "Terminating on signal 2" && pass "kill -INT: exit 5" ||
    { fail "kill -INT: exit 5 (got $rc)"; show_log a; }
grep -qF "$T/a/etc/ip-down ppp0 $T/ttyA " "$T/scripts.log" && pass "ip-down ran" ||
    { fail "ip-down ran"; cat "$T/scripts.log"; }
ip -n "${NS_PREFIX}A" link show ppp0 >/dev/null 2>&1 && fail "ppp0 removed" || pass "ppp0 removed"
ip -n "${NS_PREFIX}A" route show default | grep -q . && fail "default route removed" ||
    pass "default route removed"
[ -e "$T/a/lock/LCK..ttyA" ] && fail "lock file removed" || pass "lock file removed"
[ -e "$T/a/run/ppp0.pid" ] && fail "pid file removed" || pass "pid file removed"
[ -e "$T/a/run/ppp-office.pid" ] && fail "linkname pid file removed" || pass "linkname pid file removed"

# 5c. persist: SIGHUP hangs up and redials; SIGTERM then ends it
for p in $PIDS; do kill "$p" 2>/dev/null; done; PIDS=""
rm -f "$T"/a.* "$T"/b.*
start_ptylink "$T/ttyA" "$T/ttyB"
run_pppd b B "$T/ttyB" nodetach noauth 192.0.2.1:192.0.2.2 persist holdoff 0 maxfail 3
run_pppd a A "$T/ttyA" nodetach noauth persist holdoff 0
if wait_for "$T/a.log" "remote IP address" 10; then
    kill -HUP "$(cat "$T/a/run/ppp0.pid")"
    sleep 1
    if wait_for "$T/a.log" "Starting link" 10 &&
       [ "$(grep -c 'remote IP address' "$T/a.log")" -ge 1 ] &&
       wait_for "$T/a.log" "Hangup (SIGHUP)" 1; then
        i=0
        while [ "$(grep -c "remote IP address" "$T/a.log")" -lt 2 ] && [ "$i" -lt 100 ]; do
            sleep 0.1; i=$((i + 1))
        done
        n=$(grep -c "remote IP address" "$T/a.log")
        [ "$n" -ge 2 ] && pass "persist: SIGHUP redials ($n times up)" ||
            { fail "persist: SIGHUP redials (up $n times)"; show_log a; }
    else
        fail "persist: SIGHUP redials"; show_log a
    fi
    kill -TERM "$(cat "$T/a/run/ppp0.pid")"
    rc=$(wait_rc a 10)
    [ "$rc" = 5 ] && pass "persist: SIGTERM ends it, exit 5" || fail "persist: SIGTERM exit 5 (got $rc)"
else
    fail "persist: link up"; show_log a
fi
exit 0
