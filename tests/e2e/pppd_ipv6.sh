#!/bin/sh
# IPv6CP (RFC 5072) end to end: two pppd-lite over a pty pair in two network
# namespaces with +ipv6; the server gives `ipv6 ::1,::2`; link-local
# addresses on the tuns, ping -6 both ways, ipv6-up/ipv6-down with pppd's
# arguments and LLLOCAL/LLREMOTE, addresses gone after SIGINT. Then a peer
# without +ipv6 Protocol-Rejects IPv6CP while IPv4 still works.
. "$TOP/tests/e2e/pppd_lib.inc"
pppd_need_root "pppd-lite IPv6CP"
if [ ! -d /proc/sys/net/ipv6 ]; then
    skip "pppd-lite IPv6CP (the kernel has no IPv6)"
    exit 0
fi
sh "$TOP/contrib/install-deps" iputils-ping netcat-openbsd >/dev/null 2>&1 || true
pppd_setup
pppd_side srv; pppd_side cli
for s in ipv6-up ipv6-down; do
    cat >"$T/srv/etc/$s" <<EOF2
#!/bin/sh
echo "$s \$* LLLOCAL=\$LLLOCAL LLREMOTE=\$LLREMOTE" >>"$T/scripts.log"
EOF2
    chmod 755 "$T/srv/etc/$s"
done
L1=fe80::0000:0000:0000:0001
L2=fe80::0000:0000:0000:0002

# 1. both +ipv6
pppd_ns A; pppd_ns B
start_ptylink "$T/ttyA" "$T/ttyB" || fail "ptylink"
run_pppd srv B "$T/ttyB" nodetach debug 192.0.2.1:192.0.2.2 +ipv6 ipv6 ::1,::2 ipparam six
run_pppd cli A "$T/ttyA" nodetach debug +ipv6
if wait_for "$T/cli.log" "remote LL address $L1" 10 &&
   wait_for "$T/srv.log" "remote LL address $L2" 5; then
    pass "IPv6CP up on both sides (fe80::1 and fe80::2)"
else
    fail "IPv6CP up on both sides"; show_log srv; show_log cli
fi
has_line srv "local  LL address $L1" && has_line cli "local  LL address $L2" &&
    has_line srv "sent [IPV6CP ConfReq id=0x1 <addr $L1>]" &&
    has_line srv "sent [IPV6CP ConfNak id=0x1 <addr $L2>]" &&
    pass "pppd's log lines: local/remote LL address, IPV6CP packets" ||
    fail "pppd's log lines: local/remote LL address, IPV6CP packets"
wait_for "$T/cli.log" "remote IP address 192.0.2.1" 5
sleep 0.3
ip -n "${NS_PREFIX}B" -6 addr show dev ppp0 2>/dev/null | grep -q "inet6 fe80::1/64" &&
    ip -n "${NS_PREFIX}A" -6 addr show dev ppp0 2>/dev/null | grep -q "inet6 fe80::2/64" &&
    pass "link-local fe80::LOCAL/64 on each tun" ||
    { fail "link-local fe80::LOCAL/64 on each tun"; ip -n "${NS_PREFIX}B" -6 addr; }
if ip netns exec "${NS_PREFIX}A" timeout 10 ping -6 -c 2 -i 0.2 -W 2 fe80::1%ppp0 >/dev/null &&
   ip netns exec "${NS_PREFIX}B" timeout 10 ping -6 -c 2 -i 0.2 -W 2 fe80::2%ppp0 >/dev/null; then
    pass "ping -6 over the link both ways"
else
    fail "ping -6 over the link both ways"
fi
# TCP over IPv6 through the TUN offloads (TSO6 segments cut to the MRU)
head -c 2097152 /dev/urandom >"$T/send"
ip netns exec "${NS_PREFIX}B" timeout 30 nc -6 -l fe80::1%ppp0 5001 >"$T/recv" &
PIDS="$PIDS $!"
sleep 0.3
ip netns exec "${NS_PREFIX}A" timeout 30 nc -6 -N fe80::1%ppp0 5001 <"$T/send"
sleep 0.5
cmp -s "$T/send" "$T/recv" && pass "2 MB over TCP/IPv6 arrive intact" ||
    fail "2 MB over TCP/IPv6 arrive intact ($(wc -c <"$T/recv") bytes)"
ip netns exec "${NS_PREFIX}A" timeout 10 ping -c 1 -W 2 192.0.2.1 >/dev/null &&
    pass "IPv4 alongside IPv6" || fail "IPv4 alongside IPv6"
wait_for "$T/scripts.log" "ipv6-up" 5
grep -q "^ipv6-up ppp0 $T/ttyB [0-9]* $L1 $L2 six LLLOCAL=$L1 LLREMOTE=$L2\$" "$T/scripts.log" &&
    pass "ipv6-up: interface, tty, speed, LL addresses, ipparam; LLLOCAL/LLREMOTE" ||
    { fail "ipv6-up arguments"; cat "$T/scripts.log"; }
kill -INT "$(cat "$T/srv/run/ppp0.pid")"
rc=$(wait_rc srv 10); rcc=$(wait_rc cli 10)
[ "$rc" = 5 ] && [ "$rcc" = 0 ] && pass "SIGINT: server exit 5, client exit 0" ||
    { fail "SIGINT: exit codes (got $rc, $rcc)"; show_log srv; }
grep -q "^ipv6-down ppp0 $T/ttyB [0-9]* $L1 $L2 six" "$T/scripts.log" &&
    pass "ipv6-down ran with the same arguments" || { fail "ipv6-down"; cat "$T/scripts.log"; }
ip -n "${NS_PREFIX}B" -6 addr 2>/dev/null | grep -q "fe80::1/64" &&
    fail "fe80::1 gone after exit" || pass "fe80::1 gone after exit"
for p in $PIDS; do kill "$p" 2>/dev/null; done
PIDS=""
ip netns del "${NS_PREFIX}A"; ip netns del "${NS_PREFIX}B"

# 2. the client without +ipv6: Protocol-Reject, IPv4 carries on
rm -f "$T"/srv.* "$T"/cli.*
pppd_ns A; pppd_ns B
start_ptylink "$T/ttyA" "$T/ttyB" || fail "ptylink"
run_pppd srv B "$T/ttyB" nodetach debug 192.0.2.1:192.0.2.2 +ipv6
run_pppd cli A "$T/ttyA" nodetach debug
if wait_for "$T/cli.log" "remote IP address 192.0.2.1" 10 &&
   wait_for "$T/cli.log" "sent [LCP ProtRej" 5; then
    pass "without +ipv6: IPv6CP Protocol-Rejected"
else
    fail "without +ipv6: IPv6CP Protocol-Rejected"; show_log cli
fi
sleep 0.3
ip netns exec "${NS_PREFIX}A" timeout 10 ping -c 2 -i 0.2 -W 2 192.0.2.1 >/dev/null &&
    ! has_line srv "LL address" && pass "without +ipv6: IPv4 up, no IPv6CP" ||
    fail "without +ipv6: IPv4 up, no IPv6CP"
kill -INT "$(cat "$T/cli/run/ppp0.pid")"
wait_rc cli 10 >/dev/null; wait_rc srv 10 >/dev/null
[ -z "$FAILED" ]
