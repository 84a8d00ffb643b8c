#!/bin/sh
# pppd's packet filters, two pppd-lite over a pty pair in two namespaces:
# pass-filter 'not icmp' on the client drops pings both ways (counted at
# exit) while TCP passes; active-filter 'not icmp' with idle 2 lets a steady
# ping not count, so the link ends for lack of activity (exit 12), where
# without the filter the same pings keep it up; an invalid expression is an
# option error naming the option.
. "$TOP/tests/e2e/pppd_lib.inc"
pppd_need_root "pppd-lite filter tests"
sh "$TOP/contrib/install-deps" iputils-ping netcat-openbsd >/dev/null 2>&1 || true
pppd_setup
pppd_side srv; pppd_side cli

# link CASE CLIENT_ARGS...: a fresh link, IPCP up on both sides
link() {
    case=$1; shift
    pppd_fresh; rm -f "$T"/srv.* "$T"/cli.*
    ip netns del "${NS_PREFIX}A" 2>/dev/null; ip netns del "${NS_PREFIX}B" 2>/dev/null
    pppd_ns A; pppd_ns B
    start_ptylink "$T/ttyA" "$T/ttyB" || { fail "$case: ptylink"; return 1; }
    run_pppd srv B "$T/ttyB" nodetach noauth 192.0.2.1:192.0.2.2
    run_pppd cli A "$T/ttyA" nodetach noauth "$@"
    if wait_for "$T/cli.log" "remote IP address 192.0.2.1" 10; then
        return 0
    fi
    fail "$case: IPCP up"; show_log cli; show_log srv; return 1
}
ping_ok() { ip netns exec "${NS_PREFIX}$1" ping -c 2 -i 0.2 -W 1 "$2" >/dev/null 2>&1; }

# 1. pass-filter
if link pass pass-filter 'not icmp'; then
    ping_ok A 192.0.2.1 && fail "pass: ping out dropped" || pass "pass: ping out dropped"
    ping_ok B 192.0.2.2 && fail "pass: ping in dropped" || pass "pass: ping in dropped"
    ip netns exec "${NS_PREFIX}B" timeout 10 nc -l 192.0.2.1 5005 >"$T/recv" &
    sleep 0.3
    echo "through the filter" | ip netns exec "${NS_PREFIX}A" timeout 10 nc -N 192.0.2.1 5005
    sleep 0.3
    grep -q "through the filter" "$T/recv" && pass "pass: TCP passes" || fail "pass: TCP passes"
    kill -INT "$(cat "$T/cli/run/ppp0.pid")"
    wait_rc cli 10 >/dev/null
    has_line cli "pass-filter dropped 2 packets sent, 2 received" &&
        pass "pass: drops counted at exit" || { fail "pass: drops counted at exit"; show_log cli; }
fi

# 2. active-filter: pings do not count for idle
if link active idle 2 active-filter 'not icmp'; then
    ip netns exec "${NS_PREFIX}A" ping -i 0.3 -c 30 -W 1 192.0.2.1 >/dev/null 2>&1 &
    PIDS="$PIDS $!"
    rc=$(wait_rc cli 10)
    if [ "$rc" = 12 ] && has_line cli "Terminating connection due to lack of activity."; then
        pass "active: pings passing but not active: idle ends the link (exit 12)"
    else
        fail "active: idle ends the link despite pings (rc $rc)"; show_log cli
    fi
fi
# the same pings without the filter keep the link up past idle
if link noactive idle 2; then
    ip netns exec "${NS_PREFIX}A" ping -i 0.3 -c 30 -W 1 192.0.2.1 >/dev/null 2>&1 &
    PIDS="$PIDS $!"
    sleep 5
    if [ ! -s "$T/cli.rc" ]; then
        pass "noactive: pings keep the link up past idle 2"
    else
        fail "noactive: pings keep the link up past idle 2"; show_log cli
    fi
fi
pppd_fresh

# 3. invalid expressions
for opt in pass-filter active-filter; do
    "$PPPD" "$opt" 'tcp port' >"$T/bad.out" 2>&1
    rc=$?
    if [ "$rc" = 2 ] && grep -q "$opt: invalid filter expression 'tcp port'" "$T/bad.out"; then
        pass "$opt: invalid expression is option error 2 naming the option"
    else
        fail "$opt: invalid expression (rc $rc: $(cat "$T/bad.out"))"
    fi
done

[ -z "$FAILED" ]
