#!/bin/sh
# pppd-lite's TUN offloads end to end: TCP both ways between a side with
# offloads (B) and a side switched to plain packets with
# PPPD_LITE_TUN_OFFLOAD=0 and a small MRU (A), the data compared, and the
# debug counters showing that B cut super-packets to A's MRU and merged the
# segments it received.
. "$TOP/tests/e2e/pppd_lib.inc"
pppd_need_root "pppd-lite TUN offloads"
sh "$TOP/contrib/install-deps" netcat-openbsd >/dev/null 2>&1 || true
pppd_setup
pppd_side a; pppd_side b
pppd_ns A; pppd_ns B
start_ptylink "$T/ttyA" "$T/ttyB"
run_pppd b B "$T/ttyB" nodetach noauth debug 192.0.2.1:192.0.2.2
PPPD_LITE_TUN_OFFLOAD=0
export PPPD_LITE_TUN_OFFLOAD
run_pppd a A "$T/ttyA" nodetach noauth debug mru 576
unset PPPD_LITE_TUN_OFFLOAD
if ! wait_for "$T/a.log" "remote IP address" 10 || ! wait_for "$T/b.log" "remote IP address" 10
then
    fail "offloads: IPCP up on both sides"; show_log a; show_log b
    exit 0
fi
head -c 4194304 /dev/urandom >"$T/send"

# transfer NAME FROM TO ADDR: 4 MB from namespace FROM to a listener in TO
transfer() {
    rm -f "$T/recv"
    ip netns exec "$NS_PREFIX$3" timeout 30 nc -l "$4" 5002 >"$T/recv" &
    l=$!
    sleep 0.3
    ip netns exec "$NS_PREFIX$2" timeout 30 nc -N "$4" 5002 <"$T/send"
    wait "$l"
    if cmp -s "$T/send" "$T/recv"; then
        pass "offloads: $1: 4 MB over TCP arrive intact"
    else
        fail "offloads: $1: 4 MB over TCP arrive intact ($(wc -c <"$T/recv") bytes)"
    fi
}
transfer "plain side to offload side" A B 192.0.2.1
transfer "offload side to plain side (MRU 576)" B A 192.0.2.2

kill -INT "$(cat "$T/a/run/ppp0.pid")"
wait_rc a 10 >/dev/null; wait_rc b 10 >/dev/null
# "ppp0: N TCP super-packets sent as N segments, N checksums completed;
#  N received segments merged into N super-packets, N packets passed as they came"
set -- $(sed -n 's/.*ppp0: \([0-9]*\) TCP super-packets sent as \([0-9]*\) segments, [0-9]* checksums completed; \([0-9]*\) received segments merged into \([0-9]*\) super.*/\1 \2 \3 \4/p' "$T/b.log")
if has_line b "ppp0: TCP segmentation and checksum offloads on" && [ "${1:-0}" -gt 0 ] &&
   [ "${2:-0}" -gt "${1:-0}" ] && [ "${3:-0}" -gt 0 ] && [ "${4:-0}" -gt 0 ]; then
    pass "offloads: B cut ${1} super-packets into ${2} segments and merged ${3} received segments into ${4}"
else
    fail "offloads: B's counters"; show_log b
fi
if ! has_line a "offloads on" && ! grep -q "super-packets" "$T/a.log"; then
    pass "offloads: PPPD_LITE_TUN_OFFLOAD=0 gives plain packets"
else
    fail "offloads: PPPD_LITE_TUN_OFFLOAD=0 gives plain packets"
fi
if grep -q "dropped a" "$T/a.log" "$T/b.log"; then
    fail "offloads: no packet dropped"; grep "dropped a" "$T/a.log" "$T/b.log"
else
    pass "offloads: no packet dropped"
fi
exit 0
