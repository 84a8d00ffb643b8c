#!/bin/sh
# pppd-lite link benchmark (not a test): TCP throughput over two pppd-lite
# joined by a ptylink pty pair, raw bytes through the same kind of pty pair
# in the same run, their ratio, and the set-up time from start to both
# sides' IPCP up. Needs root (network namespaces); prints nothing otherwise.
# Prints: bench: link_tcp_MBps, pty_raw_MBps, link_to_pty_ratio, setup_ms
[ "$(id -u)" -eq 0 ] || { echo "bench_link: skipped (needs root)" >&2; exit 0; }
sh "$TOP/contrib/install-deps" netcat-openbsd >/dev/null 2>&1 || true
. "$TOP/tests/e2e/pppd_lib.inc"
pppd_setup
pppd_side a; pppd_side b
SIZE=$((32 * 1048576))
head -c "$SIZE" /dev/urandom >"$T/data"
now_ns() { date +%s%N; }

# raw bytes through a ptylink pair
start_ptylink "$T/ttyA" "$T/ttyB"
head -c "$SIZE" <"$T/ttyB" >/dev/null &
rd=$!
t0=$(now_ns)
cat "$T/data" >"$T/ttyA"
wait "$rd"
t1=$(now_ns)
raw=$(awk -v b="$SIZE" -v ns=$((t1 - t0)) 'BEGIN { printf "%.1f", b / 1048576 / (ns / 1e9) }')
for p in $PIDS; do kill "$p" 2>/dev/null; done; PIDS=""; sleep 0.2

# set-up time and TCP throughput over the link
pppd_ns A; pppd_ns B
start_ptylink "$T/ttyA" "$T/ttyB"
t0=$(now_ns)
run_pppd b B "$T/ttyB" nodetach noauth 192.0.2.1:192.0.2.2
run_pppd a A "$T/ttyA" nodetach noauth
i=0
while [ "$i" -lt 2000 ]; do
    grep -q "remote IP address" "$T/a.log" 2>/dev/null &&
        grep -q "remote IP address" "$T/b.log" 2>/dev/null && break
    sleep 0.002
    i=$((i + 1))
done
t1=$(now_ns)
setup=$(( (t1 - t0) / 1000000 ))

ip netns exec "${NS_PREFIX}B" timeout 120 nc -l 192.0.2.1 5003 >/dev/null &
PIDS="$PIDS $!"
sleep 0.3
t0=$(now_ns)
ip netns exec "${NS_PREFIX}A" timeout 120 nc -N 192.0.2.1 5003 <"$T/data"
t1=$(now_ns)
link=$(awk -v b="$SIZE" -v ns=$((t1 - t0)) 'BEGIN { printf "%.1f", b / 1048576 / (ns / 1e9) }')

echo "bench: link_tcp_MBps $link MB/s"
echo "bench: pty_raw_MBps $raw MB/s"
echo "bench: link_to_pty_ratio $(awk -v a="$link" -v b="$raw" 'BEGIN { printf "%.2f", a / b }') ratio"
echo "bench: setup_ms $setup ms"
