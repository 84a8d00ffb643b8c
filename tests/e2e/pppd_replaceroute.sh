#!/bin/sh
# replacedefaultroute: the client's namespace has a default route via a LAN
# (veth) gateway. With defaultroute alone it stays ("not replacing"); with
# replacedefaultroute the default goes via ppp0 while the link is up and the
# old one is back after the link ends, with pppd's log lines. With demand the
# dormant interface's default route replaces it from the start until exit.
. "$TOP/tests/e2e/pppd_lib.inc"
pppd_need_root "pppd-lite replacedefaultroute tests"
pppd_setup
pppd_side srv; pppd_side cli

# lan_world CASE: namespaces, the client's LAN default route, the pty pair
lan_world() {
    case=$1
    pppd_fresh; rm -f "$T"/srv.* "$T"/cli.*
    ip netns del "${NS_PREFIX}A" 2>/dev/null; ip netns del "${NS_PREFIX}B" 2>/dev/null
    pppd_ns A; pppd_ns B
    ip -n "${NS_PREFIX}A" link add lan0 type veth peer name lan1
    ip -n "${NS_PREFIX}A" addr add 198.51.100.2/24 dev lan0
    ip -n "${NS_PREFIX}A" link set lan0 up
    ip -n "${NS_PREFIX}A" link set lan1 up
    ip -n "${NS_PREFIX}A" route add default via 198.51.100.1 dev lan0
    start_ptylink "$T/ttyA" "$T/ttyB" || { fail "$case: ptylink"; return 1; }
}
# link CASE CLIENT_ARGS...
link() {
    case=$1; shift
    lan_world "$case" || return 1
    run_pppd srv B "$T/ttyB" nodetach noauth 192.0.2.1:192.0.2.2
    run_pppd cli A "$T/ttyA" nodetach noauth defaultroute "$@"
    wait_for "$T/cli.log" "remote IP address 192.0.2.1" 10 && return 0
    fail "$case: IPCP up"; show_log cli; show_log srv; return 1
}
defroute() { ip -n "${NS_PREFIX}A" route show default; }
stop_cli() {
    kill -INT "$(cat "$T/cli/run/ppp0.pid")"
    wait_rc cli 10 >/dev/null
}

if link keep; then
    defroute | grep -q "via 198.51.100.1 dev lan0" && has_line cli "not replacing existing default route via lan0" &&
        pass "defaultroute alone: the LAN default route stays, 'not replacing' logged" ||
        { fail "defaultroute alone: the LAN default route stays ($(defroute))"; show_log cli; }
    stop_cli
fi

if link replace replacedefaultroute; then
    r=$(defroute)
    if echo "$r" | grep -q "dev ppp0" && ! echo "$r" | grep -q lan0 &&
       has_line cli "replacing old default route to lan0 [198.51.100.1]"; then
        pass "replacedefaultroute: default via ppp0 while up, pppd's 'replacing' line"
    else
        fail "replacedefaultroute: default via ppp0 while up ($r)"; show_log cli
    fi
    ip netns exec "${NS_PREFIX}A" ping -c 1 -W 2 192.0.2.1 >/dev/null 2>&1 &&
        pass "replacedefaultroute: the peer answers" || fail "replacedefaultroute: the peer answers"
    stop_cli
    r=$(defroute)
    if echo "$r" | grep -q "default via 198.51.100.1 dev lan0" &&
       has_line cli "restoring old default route to lan0 [198.51.100.1]"; then
        pass "replacedefaultroute: the old default route is back after the link"
    else
        fail "replacedefaultroute: the old default route is back ($r)"; show_log cli
    fi
fi
# demand: the dormant interface's default route takes the LAN one's place
# from the start, through the call, and the LAN one is back at exit
if lan_world demand; then
    run_pppd srv B "$T/ttyB" nodetach noauth 192.0.2.1:192.0.2.2
    run_pppd cli A "$T/ttyA" nodetach noauth defaultroute replacedefaultroute demand connect true \
        192.0.2.2:192.0.2.1
    wait_for "$T/cli.log" "Using interface ppp0" 10
    sleep 0.5
    r=$(defroute)
    if echo "$r" | grep -q "dev ppp0" && ! echo "$r" | grep -q lan0 && ! has_line cli "Connect:" &&
       has_line cli "replacing old default route to lan0 [198.51.100.1]"; then
        pass "demand: the dormant default route replaces the LAN one before any call"
    else
        fail "demand: the dormant default route replaces the LAN one ($r)"; show_log cli
    fi
    ip netns exec "${NS_PREFIX}A" ping -c 1 -W 10 192.0.2.1 >/dev/null 2>&1 &&
        defroute | grep -q "dev ppp0" && has_line cli "Connect:" &&
        pass "demand: a ping dials, is answered, the default stays via ppp0" ||
        { fail "demand: a ping dials through the replaced route"; show_log cli; }
    stop_cli
    r=$(defroute)
    if echo "$r" | grep -q "default via 198.51.100.1 dev lan0" &&
       has_line cli "restoring old default route to lan0 [198.51.100.1]"; then
        pass "demand: the LAN default route is back at exit"
    else
        fail "demand: the LAN default route is back at exit ($r)"; show_log cli
    fi
fi
pppd_fresh
[ -z "$FAILED" ]
