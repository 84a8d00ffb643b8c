#!/bin/sh
# The dial-in server benchmark of issue 17 (not a test): BENCH_LINES (64)
# simultaneous calls through modemsim at 57600 bps, getty's /AutoPPP/ and
# pppd-lite on the server, chat and pppd-lite on the clients
# (tests/e2e/lines_lib.inc). `pppctl list` on the server goes to stderr.
# Prints: bench: lines_up, lines_setup_ms_median, lines_setup_ms_max (dial to
# the client's IPCP up), private_kib_per_pppd and private_kib_per_getty
# (Private_Dirty from smaps_rollup), idle_wakeups_per_s (context switches of
# an idle server pppd-lite, per process), cpu_pct_per_idle_line and
# cpu_pct_per_streaming_line (server pppd-lite CPU per line while every line
# is idle, then while every client floods pings of 1000 bytes, more than the
# line carries). Needs root; prints nothing otherwise.
[ "$(id -u)" -eq 0 ] || { echo "bench_lines: skipped (needs root)" >&2; exit 0; }
sh "$TOP/contrib/install-deps" iputils-ping >/dev/null 2>&1 || true
. "$TOP/tests/e2e/lines_lib.inc"
lines_need || { echo "bench_lines: skipped ($LINES_WHY)" >&2; exit 0; }
trap lines_teardown EXIT
trap 'exit 1' INT TERM
N=${BENCH_LINES:-64}
WINDOW=${BENCH_WINDOW:-5}
HZ=$(getconf CLK_TCK)
bench() { echo "bench: $1 $2 $3"; }

# private_kib PIDS...: mean Private_Dirty in KiB
private_kib() {
    for p in "$@"; do
        awk '/^Private_Dirty:/ { print $2 }' "/proc/$p/smaps_rollup" 2>/dev/null
    done | awk '{ s += $1; n++ } END { if (n) printf "%d", s / n; else print 0 }'
}

# counters PIDS...: "total_cpu_ticks total_context_switches" over the processes
counters() {
    ticks=0; sw=0
    for p in "$@"; do
        t=$(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null)
        s=$(awk '/ctxt_switches/ { s += $2 } END { print s + 0 }' "/proc/$p/status" 2>/dev/null)
        ticks=$((ticks + ${t:-0})); sw=$((sw + ${s:-0}))
    done
    echo "$ticks $sw"
}

# window PIDS...: sets D_CPU (percent per process) and D_WAKE (per process per second)
window() {
    n=$#
    set -- $(counters "$@") "$@"
    t0=$1; s0=$2; shift 2
    sleep "$WINDOW"
    set -- $(counters "$@") "$@"
    t1=$1; s1=$2
    D_CPU=$(awk -v t=$((t1 - t0)) -v hz="$HZ" -v w="$WINDOW" -v n="$n" \
        'BEGIN { printf "%.2f", t / hz / w * 100 / n }')
    D_WAKE=$(awk -v s=$((s1 - s0)) -v w="$WINDOW" -v n="$n" 'BEGIN { printf "%.2f", s / w / n }')
}

lines_world "$N" || { echo "bench_lines: set-up failed" >&2; exit 1; }
k=0; while [ "$k" -lt "$N" ]; do lines_getty $k; k=$((k + 1)); done
lines_gettys_ready 120 || echo "bench_lines: not every getty came up" >&2
sleep 1
# shellcheck disable=SC2046
bench private_kib_per_getty "$(private_kib $(lines_pids srv getty))" KiB

k=0; while [ "$k" -lt "$N" ]; do lines_dial $k; k=$((k + 1)); done
lines_wait_up 240 || echo "bench_lines: $(wc -l <"$L/setup_ms") of $N calls came up" >&2
sleep 2
lines_pppctl list >"$L/list"
cat "$L/list" >&2
bench lines_up "$(grep -c ' Network$' "$L/list")" lines
sort -n "$L/setup_ms" >"$L/setup_sorted"
n=$(wc -l <"$L/setup_sorted")
if [ "$n" -gt 0 ]; then
    bench lines_setup_ms_median "$(sed -n "$(((n + 1) / 2))p" "$L/setup_sorted")" ms
    bench lines_setup_ms_max "$(tail -n 1 "$L/setup_sorted")" ms
fi
PPPDS=$(lines_pids srv pppd-lite)
# shellcheck disable=SC2086
bench private_kib_per_pppd "$(private_kib $PPPDS)" KiB

# idle: nothing to send, no LCP echo: no wakeups expected
# shellcheck disable=SC2086
window $PPPDS
bench idle_wakeups_per_s "$D_WAKE" /s
bench cpu_pct_per_idle_line "$D_CPU" %

# streaming: every client floods its line (both directions carry the pings)
PINGS=""
k=0
while [ "$k" -lt "$N" ]; do
    ifn=$(sed -n 's/.*Using interface \(ppp[0-9]*\).*/\1/p' "$L/cli/pppd$k.log" | head -1)
    [ -n "$ifn" ] && ip netns exec "${LINES_NS}cli" ping -q -f -s 1000 -I "$ifn" \
        -w $((WINDOW + 3)) 198.51.100.1 >/dev/null 2>&1 &
    PINGS="$PINGS $!"
    k=$((k + 1))
done
sleep 1
# shellcheck disable=SC2086
window $PPPDS
bench cpu_pct_per_streaming_line "$D_CPU" %
# only the pings: the getty respawn loops run until the teardown
for p in $PINGS; do wait "$p" 2>/dev/null; done
exit 0
