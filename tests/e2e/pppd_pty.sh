#!/bin/sh
# pppd's `pty SCRIPT`: pppd-lite runs SCRIPT on a new pseudo-terminal and uses
# it as its line. Here the script is a second pppd-lite (no device: its line
# is its standard input) in another network namespace, so both ends come up
# and ping (with defaultroute-metric); kill -INT on the first ends the link
# and stops the script; `pty` with a device name is an option error. Then
# `notty`: two pppd-lite over a pair of pipes.
. "$TOP/tests/e2e/pppd_lib.inc"
pppd_need_root "pppd-lite pty option"
sh "$TOP/contrib/install-deps" iputils-ping >/dev/null 2>&1 || true
pppd_setup
pppd_side a; pppd_side b
pppd_ns A; pppd_ns B

peer="PPPD_LITE_ETC=$T/b/etc PPPD_LITE_RUNDIR=$T/b/run PPPD_LITE_LOCKDIR=$T/b/lock HOME=$T/b"
peer="$peer ip netns exec ${NS_PREFIX}B $PPPD nodetach noauth 192.0.2.1:192.0.2.2 logfile $T/b.log"
run_pppd a A pty "$peer" nodetach noauth defaultroute defaultroute-metric 30
if wait_for "$T/a.log" "remote IP address 192.0.2.1" 15 && wait_for "$T/b.log" "remote IP address 192.0.2.2" 5; then
    pass "pty: the script's pppd-lite and ours negotiate IPCP"
else
    fail "pty: IPCP up on both ends"; show_log a; show_log b
fi
grep -qE "Connect: ppp0 <--> /dev/pts/[0-9]+" "$T/a.log" &&
    pass "pty: Connect: ppp0 <--> the pty's slave" || fail "pty: Connect: ppp0 <--> /dev/pts/N"
ip netns exec "${NS_PREFIX}A" ping -c 2 -i 0.3 -W 3 192.0.2.1 >/dev/null &&
    pass "pty: ping through the link" || fail "pty: ping through the link"
ip -n "${NS_PREFIX}A" route show default | grep -q "via 192.0.2.1 dev ppp0 metric 30" &&
    pass "defaultroute-metric 30: the default route carries metric 30" ||
    { fail "defaultroute-metric 30"; ip -n "${NS_PREFIX}A" route; }
bpid=$(cat "$T/b/run/ppp0.pid" 2>/dev/null)
kill -INT "$(cat "$T/a/run/ppp0.pid")"
rc=$(wait_rc a 15)
[ "$rc" = 5 ] && pass "pty: kill -INT ends the link (exit 5)" || { fail "pty: kill -INT (exit $rc)"; show_log a; }
i=0
while [ -n "$bpid" ] && kill -0 "$bpid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if [ -n "$bpid" ] && ! kill -0 "$bpid" 2>/dev/null; then
    pass "pty: the script's pppd-lite is gone too"
else
    fail "pty: the script's pppd-lite is still running (pid '$bpid')"
fi
ip -n "${NS_PREFIX}A" link show ppp0 >/dev/null 2>&1 && fail "pty: ppp0 removed" || pass "pty: ppp0 removed"
pppd_fresh

run_pppd a A pty "cat" /dev/null nodetach noauth
rc=$(wait_rc a 10)
[ "$rc" = 2 ] && has_line a "pty option precludes specifying device name" &&
    pass "pty with a device name: option error, exit 2" ||
    { fail "pty with a device name: exit 2 (got $rc)"; show_log a; }
# notty: the line is a pair of pipes (ssh without a tty does this): two
# pppd-lite joined by two FIFOs, stdin from one, stdout to the other
pppd_fresh
mkfifo "$T/ab" "$T/ba"
(
    PPPD_LITE_ETC="$T/b/etc" PPPD_LITE_RUNDIR="$T/b/run" PPPD_LITE_LOCKDIR="$T/b/lock" HOME="$T/b" \
        timeout 60 ip netns exec "${NS_PREFIX}B" "$PPPD" notty nodetach noauth 192.0.2.1:192.0.2.2 \
        logfile "$T/b.log" <"$T/ab" >"$T/ba" 2>"$T/b.out"
    echo $? >"$T/b.rc"
) &
PIDS="$PIDS $!"
(
    PPPD_LITE_ETC="$T/a/etc" PPPD_LITE_RUNDIR="$T/a/run" PPPD_LITE_LOCKDIR="$T/a/lock" HOME="$T/a" \
        timeout 60 ip netns exec "${NS_PREFIX}A" "$PPPD" notty nodetach noauth \
        logfile "$T/a.log" >"$T/ab" <"$T/ba" 2>"$T/a.out"
    echo $? >"$T/a.rc"
) &
PIDS="$PIDS $!"
if wait_for "$T/a.log" "remote IP address 192.0.2.1" 15 && wait_for "$T/b.log" "remote IP address 192.0.2.2" 5; then
    pass "notty: two pppd-lite over a pair of pipes negotiate IPCP"
else
    fail "notty: IPCP up over pipes"; show_log a; show_log b
fi
ip netns exec "${NS_PREFIX}A" ping -c 2 -i 0.3 -W 3 192.0.2.1 >/dev/null &&
    pass "notty: ping through the pipes" || fail "notty: ping through the pipes"
kill -INT "$(cat "$T/a/run/ppp0.pid" 2>/dev/null)" 2>/dev/null
rca=$(wait_rc a 15); rcb=$(wait_rc b 15)
[ "$rca" = 5 ] && [ -n "$rcb" ] && [ "$rcb" != timeout ] &&
    pass "notty: kill -INT ends both (exit $rca, peer $rcb)" ||
    { fail "notty: both end (exit '$rca', peer '$rcb')"; show_log a; show_log b; }
exit 0
