#!/bin/sh
# Server mode on standard input, as ppplogin and login.config's /AutoPPP/
# start it: the seed HOWTO's /etc/ppp/options and options.ttyS0 (here
# options.pts.N, the name of the pty on stdin) and ppplogin's command line
# "-detach silent modem crtscts". Checks the addresses from options.TTY,
# the proxy ARP entry on the LAN interface and the IP-forwarding warning.
. "$TOP/tests/e2e/pppd_lib.inc"
pppd_need_root "pppd-lite server mode"
sh "$TOP/contrib/install-deps" iputils-ping >/dev/null 2>&1 || true
pppd_setup
pppd_side srv; pppd_side cli
pppd_ns A; pppd_ns B
# the server's LAN card, in the client's subnet so proxy ARP has a home
ip -n "${NS_PREFIX}B" link add eth0 type veth peer name eth1
ip -n "${NS_PREFIX}B" link set eth1 up
ip -n "${NS_PREFIX}B" addr add 192.168.100.1/24 dev eth0
ip -n "${NS_PREFIX}B" link set eth0 up
ip netns exec "${NS_PREFIX}B" sh -c 'echo 0 > /proc/sys/net/ipv4/ip_forward'

start_ptylink "$T/ttyA" "$T/ttyB"
pts=$(readlink "$T/ttyB" | sed 's|^/dev/||; s|/|.|g')

# The seed HOWTO's /etc/ppp/options and options.ttyS0 as shipped in
# contrib/examples; options.ttyS0 becomes options.TTY of the pty on stdin.
cp "$TOP/contrib/examples/options" "$T/srv/etc/options"
cp "$TOP/contrib/examples/options.ttyS0" "$T/srv/etc/options.$pts"

(
    PPPD_LITE_ETC="$T/srv/etc" PPPD_LITE_RUNDIR="$T/srv/run" PPPD_LITE_LOCKDIR="$T/srv/lock" \
        timeout 60 ip netns exec "${NS_PREFIX}B" "$PPPD" -detach silent modem crtscts \
        logfile "$T/srv.log" <"$T/ttyB" >"$T/ttyB" 2>"$T/srv.out"
    echo $? >"$T/srv.rc"
) &
PIDS="$PIDS $!"
sleep 0.5
run_pppd cli A "$T/ttyA" nodetach noauth noipdefault

if wait_for "$T/cli.log" "remote IP address 128.231.54.227" 10; then
    pass "server on stdin: client gets 128.231.54.227 as the peer"
else
    fail "server on stdin: IPCP up"; show_log srv; show_log cli
fi
grep -qE "local +IP address 192.168.100.4" "$T/cli.log" &&
    pass "client's address from the server's options.TTY" ||
    fail "client's address from the server's options.TTY"
grep -qE "local +IP address 128.231.54.227" "$T/srv.log" &&
    grep -q "remote IP address 192.168.100.4" "$T/srv.log" &&
    pass "server's log: local/remote IP address lines" ||
    fail "server's log: local/remote IP address lines"
has_line srv "pppd-lite" && has_line srv "started by" && pass "server's 'started by' line" ||
    fail "server's 'started by' line"
ip netns exec "${NS_PREFIX}A" ping -c 2 -i 0.2 -W 2 128.231.54.227 >/dev/null &&
    pass "ping the server over the link" || fail "ping the server over the link"
ip -n "${NS_PREFIX}B" neigh show proxy | grep -q "192.168.100.4 dev eth0" &&
    pass "proxyarp: 192.168.100.4 published on eth0" ||
    { fail "proxyarp: 192.168.100.4 published on eth0"; ip -n "${NS_PREFIX}B" neigh show proxy; show_log srv; }
has_line srv "IP forwarding is off" && has_line srv "sysctl -w net.ipv4.ip_forward=1" &&
    pass "proxyarp with forwarding off: warning says how to turn it on" ||
    fail "proxyarp with forwarding off: warning says how to turn it on"
[ -s "$T/srv.out" ] && fail "nothing written to the server's stderr ($(cat "$T/srv.out"))" ||
    pass "nothing written to the server's stderr"

# ppp-off on the server: kill -INT `cat /var/run/ppp0.pid`
kill -INT "$(cat "$T/srv/run/ppp0.pid")"
rc=$(wait_rc srv 10); rcc=$(wait_rc cli 10)
[ "$rc" = 5 ] && pass "server: kill -INT, exit 5" || { fail "server: kill -INT, exit 5 (got $rc)"; show_log srv; }
[ "$rcc" = 0 ] && pass "client: LCP terminated by peer, exit 0" || fail "client: exit 0 (got $rcc)"
ip -n "${NS_PREFIX}B" neigh show proxy | grep -q "192.168.100.4" &&
    fail "proxy ARP entry removed" || pass "proxy ARP entry removed"
exit 0
