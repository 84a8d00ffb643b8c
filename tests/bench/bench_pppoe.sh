#!/bin/sh
# PPPoE benchmark (not a test): TCP throughput over rp-pppoe between two
# namespaces joined by a veth pair (tests/e2e/pppoe_lib.inc), async framing
# against pppd's `sync` (pppoe -s, pppoe-server -s). Three rounds, each an
# async link then a sync link, 32 MB client to server; medians. A round
# whose link does not come up or whose data do not arrive intact fails the
# bench (exit 1) instead of printing a figure. Needs root and the pppoe
# package; prints nothing otherwise.
# On this kernel pppoe -s runs under the test-only N_HDLC shim, which reads
# each frame in two to four system calls where N_HDLC needs one: the sync
# figure here is a floor for what a host with N_HDLC gets.
# Prints: bench: pppoe_async_tcp_MBps, pppoe_sync_tcp_MBps, pppoe_sync_to_async_ratio.
[ "$(id -u)" -eq 0 ] || { echo "bench_pppoe: skipped (needs root)" >&2; exit 0; }
sh "$TOP/contrib/install-deps" pppoe netcat-openbsd >/dev/null 2>&1 || true
[ -x /usr/sbin/pppoe-server ] || { echo "bench_pppoe: skipped (no pppoe package)" >&2; exit 0; }
. "$TOP/tests/e2e/pppd_lib.inc"
. "$TOP/tests/e2e/pppoe_lib.inc"
pppoe_setup
SIZE=$((32 * 1048576))
head -c "$SIZE" /dev/urandom >"$T/data"
now_ns() { date +%s%N; }
bad() { echo "bench_pppoe: FAILED: $*" >&2; show_log cli >&2; show_log srv >&2; exit 1; }

# run SYNC: one link, one transfer; MB/s to $T/run.res
run() {
    pppoe_start "$1"
    wait_for "$T/cli.log" "remote IP address 192.0.2.1" 30 || bad "${1:+sync}${1:-async}: link not up"
    ip netns exec "${NS_PREFIX}B" timeout 120 nc -l 192.0.2.1 5004 >"$T/recv" &
    lpid=$!
    sleep 0.3
    t0=$(now_ns)
    ip netns exec "${NS_PREFIX}A" timeout 120 nc -N 192.0.2.1 5004 <"$T/data"
    wait "$lpid"
    t1=$(now_ns)
    cmp -s "$T/data" "$T/recv" || bad "${1:+sync}${1:-async}: data not intact ($(wc -c <"$T/recv") bytes)"
    awk -v b="$SIZE" -v ns=$((t1 - t0)) 'BEGIN { printf "%.1f", b / 1048576 / (ns / 1e9) }' >"$T/run.res"
    kill -INT "$(cat "$T/cli/run/ppp0.pid")"
    wait_rc cli 20 >/dev/null
    kill "$(cat "$T/pppoe-server.pid")" 2>/dev/null
    i=0   # the server's session ends with LCP and a PADT
    while [ "$i" -lt 150 ] && [ -n "$(ip netns pids "${NS_PREFIX}B")" ]; do
        sleep 0.1; i=$((i + 1))
    done
    pppd_fresh
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
: >"$T/rounds"
for i in 1 2 3; do
    run ""; a=$(cat "$T/run.res")
    run 1; s=$(cat "$T/run.res")
    echo "$a $s $(awk -v a="$a" -v s="$s" 'BEGIN { printf "%.3f", s / a }')" >>"$T/rounds"
done
[ -n "$SHOW_ROUNDS" ] && cat "$T/rounds" >&2
echo "bench: pppoe_async_tcp_MBps $(awk '{ print $1 }' "$T/rounds" | median) MB/s"
echo "bench: pppoe_sync_tcp_MBps $(awk '{ print $2 }' "$T/rounds" | median) MB/s"
echo "bench: pppoe_sync_to_async_ratio $(awk '{ print $3 }' "$T/rounds" | median | awk '{ printf "%.2f", $1 }') ratio"
