#!/bin/sh
# demand dialing: the client (demand idle 3, a connect script, ip-up script)
# has ppp0 with its addresses and the default route before any call; a ping
# starts the call and its first packet arrives (queued, not lost); the link
# hangs up after 3 idle seconds and the interface stays; a second ping dials
# again (ip-up each time); with active-filter 'not icmp' a ping dials nothing,
# with pass-filter 'not icmp' it is dropped; a failing connect script obeys
# holdoff and maxfail. When IPCP gives other addresses than the dormant ones
# (noipdefault: pppd's placeholders; ipcp-accept-local: the server's Nak;
# ipcp-accept-remote: the server's own idea of its address), the
# interface and default route move to them with pppd's "Local/Remote IP
# address changed to" lines, the queued first ping goes out from the new
# address and is answered, and the next call keeps them.
# The line is a ptylink pty pair; the far side runs a fresh pppd-lite per
# call, as a dial-in server answering each call would.
. "$TOP/tests/e2e/pppd_lib.inc"
pppd_need_root "pppd-lite demand tests"
sh "$TOP/contrib/install-deps" iputils-ping >/dev/null 2>&1 || true
pppd_setup
pppd_side srv; pppd_side cli

# the answering side: one pppd-lite per call, for as long as the test runs
cat >"$T/answer" <<EOS
#!/bin/sh
while [ ! -e "$T/stop" ]; do
    PPPD_LITE_ETC="$T/srv/etc" PPPD_LITE_RUNDIR="$T/srv/run" PPPD_LITE_LOCKDIR="$T/srv/lock" \\
        "$PPPD" "$T/ttyB" nodetach noauth 192.0.2.1:192.0.2.2 logfile "$T/srv.log" >/dev/null 2>&1
    sleep 0.2
done
EOS
cat >"$T/cli/ip-up" <<EOS
#!/bin/sh
echo "up \$1 \$4 \$5 old=\$OLDIPLOCAL,\$OLDIPREMOTE" >>"$T/ip-up.calls"
EOS
cat >"$T/cli/ip-down" <<EOS
#!/bin/sh
echo "down \$1" >>"$T/ip-down.calls"
EOS
chmod 755 "$T/answer" "$T/cli/ip-up" "$T/cli/ip-down"

# client CASE ARGS...: start the demand client on a fresh line
# (ADDRS: its LOCAL:REMOTE option, 192.0.2.2:192.0.2.1 unless set)
client() {
    case=$1; shift
    addrs=${ADDRS:-192.0.2.2:192.0.2.1}
    pppd_fresh; rm -f "$T"/srv.* "$T"/cli.* "$T"/*.calls "$T/stop"
    ip netns del "${NS_PREFIX}A" 2>/dev/null; ip netns del "${NS_PREFIX}B" 2>/dev/null
    pppd_ns A; pppd_ns B
    start_ptylink "$T/ttyA" "$T/ttyB" || { fail "$case: ptylink"; return 1; }
    ip netns exec "${NS_PREFIX}B" sh "$T/answer" &
    PIDS="$PIDS $!"
    run_pppd cli A "$T/ttyA" nodetach noauth demand idle 3 holdoff 1 connect true \
        $addrs defaultroute ip-up-script "$T/cli/ip-up" \
        ip-down-script "$T/cli/ip-down" "$@"
    wait_for "$T/cli.log" "Using interface ppp0" 10 || { fail "$case: interface"; show_log cli; return 1; }
    sleep 0.5
}
finish() {
    touch "$T/stop"
    kill -INT "$(cat "$T/cli/run/ppp0.pid")" 2>/dev/null
    rc=$(wait_rc cli 15)
    [ "$rc" = 5 ] && pass "$1: SIGINT ends it (exit 5)" || { fail "$1: SIGINT ends it (rc $rc)"; show_log cli; }
}
count() { grep -c -- "$2" "$T/$1" 2>/dev/null || echo 0; }

if client basic; then
    if ip -n "${NS_PREFIX}A" addr show ppp0 | grep -q "inet 192.0.2.2 peer 192.0.2.1" &&
       ip -n "${NS_PREFIX}A" route show default | grep -q "dev ppp0" &&
       ! has_line cli "Connect:"; then
        pass "basic: ppp0 configured with the default route before any call"
    else
        fail "basic: ppp0 before any call"; ip -n "${NS_PREFIX}A" addr; show_log cli
    fi
    # one echo request, a long wait: it must be queued and delivered
    if ip netns exec "${NS_PREFIX}A" ping -c 1 -W 15 192.0.2.1 >/dev/null; then
        pass "basic: the first ping starts the call and is answered (queued, not lost)"
    else
        fail "basic: the first ping starts the call and is answered"; show_log cli
    fi
    has_line cli "Starting link" && has_line cli "Connect: ppp0 <--> $T/ttyA" &&
        pass "basic: pppd's Starting link / Connect lines" || fail "basic: Starting link / Connect lines"
    if wait_for "$T/cli.log" "Terminating connection due to lack of activity." 10 &&
       wait_for "$T/cli.log" "Connection terminated." 5; then
        sleep 1
        ip -n "${NS_PREFIX}A" addr show ppp0 | grep -q "inet 192.0.2.2" &&
            pass "basic: idle 3 hangs up, ppp0 stays configured" ||
            { fail "basic: ppp0 stays after the idle hangup"; ip -n "${NS_PREFIX}A" addr; }
    else
        fail "basic: idle 3 hangs up"; show_log cli
    fi
    if ip netns exec "${NS_PREFIX}A" ping -c 1 -W 15 192.0.2.1 >/dev/null &&
       [ "$(count cli.log "Starting link")" = 2 ]; then
        pass "basic: a second ping dials again"
    else
        fail "basic: a second ping dials again"; show_log cli
    fi
    sleep 1
    [ "$(count ip-up.calls "up ppp0 192.0.2.2 192.0.2.1")" = 2 ] && [ "$(count ip-down.calls down)" -ge 1 ] &&
        pass "basic: ip-up at each call, ip-down at the hangup" ||
        { fail "basic: ip-up/ip-down each call"; cat "$T"/ip-*.calls; }
    finish basic
fi

if client active active-filter 'not icmp'; then
    ip netns exec "${NS_PREFIX}A" ping -c 2 -W 1 192.0.2.1 >/dev/null 2>&1
    sleep 1
    ! has_line cli "Starting link" && pass "active: active-filter 'not icmp': pings do not dial" ||
        { fail "active: pings do not dial"; show_log cli; }
    finish active
fi
if client passf pass-filter 'not icmp'; then
    ip netns exec "${NS_PREFIX}A" ping -c 2 -W 1 192.0.2.1 >/dev/null 2>&1
    sleep 1
    ! has_line cli "Starting link" && pass "passf: pass-filter 'not icmp': pings dropped, no call" ||
        { fail "passf: pings dropped, no call"; show_log cli; }
    finish passf
fi

# assign CASE EXPECT_BEFORE CHANGED_LINES...: the server gives the client
# 192.0.2.2 (its side 192.0.2.1) where the dormant ppp0 had others
assign() {
    case=$1; before=$2; shift 2
    ip -n "${NS_PREFIX}A" addr show ppp0 | grep -q "inet $before" &&
        ip -n "${NS_PREFIX}A" route show default | grep -q "dev ppp0" &&
        pass "$case: dormant ppp0 has $before and the default route" ||
        { fail "$case: dormant ppp0 has $before"; ip -n "${NS_PREFIX}A" addr show ppp0; }
    if ip netns exec "${NS_PREFIX}A" ping -c 1 -W 15 192.0.2.1 >/dev/null; then
        pass "$case: the first ping, sent from the old address, is answered (source rewritten)"
    else
        fail "$case: the first ping is answered"; show_log cli
    fi
    ok=1
    for l in "$@"; do has_line cli "$l" || { ok=0; echo "missing: $l"; }; done
    has_line cli "Open ICMP 192.0.2.2 -> 192.0.2.1" || { ok=0; echo "missing: Open ICMP"; }
    [ $ok = 1 ] && pass "$case: pppd's address-change lines" || { fail "$case: address-change lines"; show_log cli; }
    ip -n "${NS_PREFIX}A" addr show ppp0 | grep -q "inet 192.0.2.2 peer 192.0.2.1" &&
        ip -n "${NS_PREFIX}A" route show default | grep -q "via 192.0.2.1 dev ppp0" &&
        pass "$case: ppp0 and the default route moved to 192.0.2.2 / 192.0.2.1" ||
        { fail "$case: ppp0 moved"; ip -n "${NS_PREFIX}A" addr show ppp0; ip -n "${NS_PREFIX}A" route; }
    grep -q "up ppp0 192.0.2.2 192.0.2.1 old=${before%% *}," "$T/ip-up.calls" &&
        pass "$case: ip-up sees the new addresses and OLDIPLOCAL" ||
        { fail "$case: ip-up and OLDIPLOCAL"; cat "$T/ip-up.calls"; }
    # the idle hangup keeps the new addresses; the next call changes nothing
    wait_for "$T/cli.log" "Connection terminated." 10
    sleep 0.5
    if ip -n "${NS_PREFIX}A" addr show ppp0 | grep -q "inet 192.0.2.2 peer 192.0.2.1" &&
       ip netns exec "${NS_PREFIX}A" ping -c 1 -W 15 192.0.2.1 >/dev/null &&
       [ "$(count cli.log "Starting link")" = 2 ] && [ "$(count cli.log "Local IP address changed")" = 1 ]; then
        pass "$case: between calls ppp0 keeps 192.0.2.2; the second call changes nothing"
    else
        fail "$case: the second call"; ip -n "${NS_PREFIX}A" addr show ppp0; show_log cli
    fi
}
ADDRS=noipdefault
if client noipdef; then
    assign noipdef "10.64.64.64 peer 10.112.112.112" "Local IP address changed to 192.0.2.2" \
        "Remote IP address changed to 192.0.2.1"
    finish noipdef
fi
ADDRS=192.0.2.9:192.0.2.1
if client acceptlocal ipcp-accept-local; then
    assign acceptlocal "192.0.2.9 peer 192.0.2.1" "Local IP address changed to 192.0.2.2"
    ! has_line cli "Remote IP address changed" && pass "acceptlocal: the remote address did not change" ||
        fail "acceptlocal: the remote address did not change"
    finish acceptlocal
fi
ADDRS=192.0.2.2:192.0.2.9
if client acceptremote ipcp-accept-remote; then
    ip -n "${NS_PREFIX}A" addr show ppp0 | grep -q "inet 192.0.2.2 peer 192.0.2.9" &&
        pass "acceptremote: dormant ppp0 has 192.0.2.2 peer 192.0.2.9" ||
        { fail "acceptremote: dormant ppp0"; ip -n "${NS_PREFIX}A" addr show ppp0; }
    if ip netns exec "${NS_PREFIX}A" ping -c 1 -W 15 192.0.2.1 >/dev/null &&
       has_line cli "Remote IP address changed to 192.0.2.1" && ! has_line cli "Local IP address changed" &&
       ip -n "${NS_PREFIX}A" addr show ppp0 | grep -q "inet 192.0.2.2 peer 192.0.2.1" &&
       ip -n "${NS_PREFIX}A" route show default | grep -q "via 192.0.2.1 dev ppp0"; then
        pass "acceptremote: the server's own address taken, ppp0's peer and the default route moved"
    else
        fail "acceptremote: the remote address change"; ip -n "${NS_PREFIX}A" addr show ppp0; show_log cli
    fi
    finish acceptremote
fi
ADDRS=

# a connect script that fails: holdoff between the calls, maxfail ends it
pppd_fresh; rm -f "$T"/cli.*
start_ptylink "$T/ttyA" "$T/ttyB" || fail "fail: ptylink"
run_pppd cli A "$T/ttyA" nodetach noauth demand idle 3 holdoff 1 maxfail 2 connect false \
    192.0.2.2:192.0.2.1
wait_for "$T/cli.log" "Using interface ppp0" 10
t0=$(date +%s%N)
ip netns exec "${NS_PREFIX}A" ping -c 8 -i 0.5 -W 1 192.0.2.1 >/dev/null 2>&1 &
PIDS="$PIDS $!"
rc=$(wait_rc cli 20)
t1=$(date +%s%N)
# pppd-lite says a repeated failure once, with a count (common/loghold)
if [ "$rc" = 8 ] && has_line cli "Connect script failed" &&
   has_line cli "The previous failure repeated 1 more time" &&
   has_line cli "Maximum connect failures (2) reached"; then
    pass "fail: the connect script fails twice, maxfail 2 ends it (exit 8)"
else
    fail "fail: maxfail 2 after two failed connect scripts (rc $rc)"; show_log cli
fi
ms=$(( (t1 - t0) / 1000000 ))
[ "$ms" -ge 1000 ] && pass "fail: holdoff 1 between the two calls (${ms} ms in all)" ||
    fail "fail: holdoff 1 between the two calls (${ms} ms in all)"
pppd_fresh
[ -z "$FAILED" ]
