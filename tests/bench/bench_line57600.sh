#!/bin/sh
# Line efficiency at 57600 bps (issue 18; not a test): two pppd-lite in
# network namespaces call each other through modemsim throttled to 57600 bps
# (8N1: 5760 bytes/s on the wire; the throttle models line time, so an idle
# line lends no burst), TCP timestamps off as on the vintage clients that
# ask for VJ. For MTU 1500 and 576, with and without VJ header compression:
#   line57600_bulk_ratio_*: goodput of a BENCH_LINE_BYTES (1 MB) TCP transfer
#       (accept to last byte at the receiver) divided by 5760 bytes/s;
#   line57600_echo_ms_*: median round trip of a 1-byte TCP echo
#       (BENCH_LINE_PINGS of them, 100 ms apart).
# Each call is checked before its figures are printed: both links up, VJ
# negotiated (<compress VJ 0f 01> acked both ways) or not as asked, every
# byte arrived intact, every echo came back, and the exit summaries count
# compressed packets only with VJ on. A failed call prints "bench: ... FAILED"
# on stderr and no figure. Needs root (namespaces); prints nothing otherwise.
[ "$(id -u)" -eq 0 ] || { echo "bench_line57600: skipped (needs root)" >&2; exit 0; }
. "$TOP/tests/e2e/pppd_lib.inc"
METER="$HELPERS/tcpmeter"
CHAT="$BIN/chat"
BYTES=${BENCH_LINE_BYTES:-1048576}
PINGS=${BENCH_LINE_PINGS:-40}
LINE_BPS=5760
pppd_setup
pppd_side a; pppd_side b
pppd_ns A; pppd_ns B
for ns in A B; do
    ip netns exec "$NS_PREFIX$ns" sysctl -qw net.ipv4.tcp_timestamps=0
done

"$BIN/modemsim" --line a="$T/modemA" --line b="$T/modemB" --number 5551234=b \
    --speed 57600 --ring-interval 300 --pidfile "$T/modemsim.pid" \
    --logfile "$T/modemsim.log" 2>/dev/null &
MSPID=$!
trap 'kill $MSPID 2>/dev/null; pppd_teardown' EXIT
trap 'exit 1' INT TERM
i=0; while [ ! -s "$T/modemsim.pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done

# run_pppd as in pppd_lib.inc, but for a call of many minutes (1 MB takes
# three at this line rate; pppd_lib's runs end after 120 s)
run_call_pppd() {
    name=$1; ns=$2; shift 2
    (
        PPPD_LITE_ETC="$T/$name/etc" PPPD_LITE_RUNDIR="$T/$name/run" \
        PPPD_LITE_LOCKDIR="$T/$name/lock" HOME="$T/$name" \
            timeout 1800 ip netns exec "$NS_PREFIX$ns" "$PPPD" "$@" logfile "$T/$name.log" \
            >"$T/$name.out" 2>&1
        echo $? >"$T/$name.rc"
    ) &
    PIDS="$PIDS $!"
}

bad() { echo "bench: line57600 $1 FAILED: $2" >&2; [ -n "$SHOW_LOGS" ] && show_log a && show_log b >&2; return 1; }

# summary NAME: "COMPRESSED TOSSED_PLUS_ERRORS" from pppd-lite NAME's VJ exit line
summary() {
    sed -n 's/.*VJ: sent \([0-9]*\) compressed.*received .* \([0-9]*\) errors.*/\1 \2/p' \
        "$T/$1.log" | tail -1
}

# run_call MODE MTU: one call; writes "RATIO ECHO_MS" to $T/res on success
# (not to stdout: a command substitution would wait for the daemons).
run_call() {
    mode=$1; mtu=$2
    if [ "$mode" = vj ]; then vjopt=""; else vjopt="novj"; fi
    pppd_fresh
    run_call_pppd b B "$T/modemB" connect "$CHAT -t 60 '' ATZ OK ATS0=1 CONNECT ''" \
        nodetach noauth debug mtu "$mtu" mru "$mtu" 192.0.2.1:192.0.2.2 $vjopt
    sleep 0.5
    run_call_pppd a A "$T/modemA" connect "$CHAT -t 30 '' ATZ OK ATDT5551234 CONNECT ''" \
        nodetach noauth debug mtu "$mtu" mru "$mtu" $vjopt
    wait_for "$T/a.log" "remote IP address" 60 && wait_for "$T/b.log" "remote IP address" 10 ||
        { bad "$mode/$mtu" "the link did not come up"; return 1; }
    for s in a b; do
        n=$(grep -c "rcvd \[IPCP ConfAck.*<compress VJ 0f 01>" "$T/$s.log")
        if [ "$mode" = vj ] && [ "$n" -eq 0 ]; then bad "$mode/$mtu" "$s: VJ not acked"; return 1; fi
        if [ "$mode" = novj ] && [ "$n" -ne 0 ]; then bad "$mode/$mtu" "$s: VJ acked"; return 1; fi
    done
    ip netns exec "${NS_PREFIX}B" "$METER" sink 192.0.2.1 5001 "$BYTES" >"$T/sink.out" 2>&1 &
    sink=$!
    wait_for "$T/sink.out" listening 5
    ip netns exec "${NS_PREFIX}A" timeout 900 "$METER" source 192.0.2.1 5001 "$BYTES" ||
        { bad "$mode/$mtu" "bulk source"; return 1; }
    wait "$sink" || { bad "$mode/$mtu" "bulk: $(cat "$T/sink.out")"; return 1; }
    us=$(sed -n 's/^bytes [0-9]* us \([0-9]*\)$/\1/p' "$T/sink.out")
    ip netns exec "${NS_PREFIX}B" "$METER" echod 192.0.2.1 5002 >"$T/echod.out" 2>&1 &
    echod=$!
    wait_for "$T/echod.out" listening 5
    ip netns exec "${NS_PREFIX}A" timeout 300 "$METER" ping 192.0.2.1 5002 "$PINGS" 100 \
        >"$T/ping.out" || { bad "$mode/$mtu" "echo"; return 1; }
    wait "$echod"
    med=$(sed -n 's/^pings [0-9]* median_us \([0-9]*\) .*/\1/p' "$T/ping.out")
    # hang up from the client; both exit and log their summaries
    kill "$(cat "$T/a/run/ppp0.pid" 2>/dev/null)" 2>/dev/null ||
        for p in $(ip netns pids "${NS_PREFIX}A"); do kill "$p" 2>/dev/null; done
    wait_rc a 20 >/dev/null; wait_rc b 20 >/dev/null
    for s in a b; do
        set -- $(summary "$s")
        if [ "$mode" = vj ] && { [ "${1:-0}" -eq 0 ] || [ "${2:-1}" -ne 0 ]; }; then
            bad "$mode/$mtu" "$s: VJ counters '$*'"; return 1
        fi
        if [ "$mode" = novj ] && [ -n "$1" ]; then bad "$mode/$mtu" "$s: VJ in use"; return 1; fi
    done
    awk -v b="$BYTES" -v us="$us" -v r="$LINE_BPS" -v m="$med" \
        'BEGIN { printf "%.3f %.1f\n", b / (us / 1e6) / r, m / 1000 }' >"$T/res"
}

for mtu in 1500 576; do
    sfx=""; [ "$mtu" = 576 ] && sfx="_mtu576"
    for mode in novj vj; do
        rm -f "$T/res"
        run_call "$mode" "$mtu" || continue
        set -- $(cat "$T/res")
        echo "bench: line57600_bulk_ratio_$mode$sfx $1 ratio"
        echo "bench: line57600_echo_ms_$mode$sfx $2 ms"
    done
done
pppd_fresh
