#!/bin/sh
# pppd-lite link benchmark (not a test): TCP throughput over two pppd-lite
# joined by a ptylink pty pair, raw bytes through the same kind of pty pair
# in the same run, their ratio, and the set-up time from start to both
# sides' IPCP up. Five rounds, each a raw run then a link run back to back;
# the ratio is the median of the five rounds' ratios (a shared machine's
# speed drifts: a round compares runs made under the same conditions), the
# speeds are medians too, the set-up time is the best. Needs root (network
# namespaces); prints nothing otherwise.
# Prints: bench: link_tcp_MBps, pty_raw_MBps, link_to_pty_ratio, setup_ms,
# and link_tcp_plain_MBps: the link with the TUN offloads switched off
# (PPPD_LITE_TUN_OFFLOAD=0), to show what they bring. SHOW_ROUNDS=1 prints
# each round (raw, link, plain MB/s and ratio) on stderr.
# Every run checks itself: the pty pair came up, both sides reached IPCP up,
# and every byte arrived (counted at the reader, compared with what was
# sent). A run that fails any check ends the bench with a message and status
# 1 instead of a figure.
[ "$(id -u)" -eq 0 ] || { echo "bench_link: skipped (needs root)" >&2; exit 0; }
sh "$TOP/contrib/install-deps" netcat-openbsd >/dev/null 2>&1 || true
. "$TOP/tests/e2e/pppd_lib.inc"
# die WHAT: the run did not do what it measures; no figure from it.
die() {
    echo "bench_link: FAILED: $*" >&2
    for f in ptylink.out a.log b.log a.out b.out; do
        [ -s "$T/$f" ] && { echo "--- $f" >&2; tail -5 "$T/$f" >&2; }
    done
    exit 1
}
[ -x "$PTYLINK" ] || die "no pty helper $PTYLINK (make tests builds it)"
command -v nc >/dev/null || die "no nc (netcat-openbsd)"
pppd_setup
pppd_side a; pppd_side b
SIZE=$((32 * 1048576))
head -c "$SIZE" /dev/urandom >"$T/data"
now_ns() { date +%s%N; }
mbps() { awk -v b="$SIZE" -v ns="$1" 'BEGIN { printf "%.1f", b / 1048576 / (ns / 1e9) }'; }

# The raw baseline is like for like: the same ptylink pair, the same
# direction (into ttyA, out of ttyB), the same 32 MB. cat writes 128 KB at a
# time, which pppd-lite can do too (its output queue is 256 KB and goes out in
# one write when it has piled up), and both readers get at most 4 KB per read
# (the pty's line discipline buffer). What the link pays on top is its own
# work: per-packet TUN reads and writes, the TCP stack, HDLC framing, and the
# ACKs going the other way over the same pty pair.
# raw_run: writes MBPS to $T/raw.res (run in this shell, not a command
# substitution, so that pppd_fresh knows and stops its ptylink)
raw_run() {
    pppd_fresh
    start_ptylink "$T/ttyA" "$T/ttyB" || die "raw run: the pty pair did not come up"
    timeout 120 head -c "$SIZE" <"$T/ttyB" | wc -c >"$T/raw.count" &
    rd=$!
    PIDS="$PIDS $rd"
    t0=$(now_ns)
    cat "$T/data" >"$T/ttyA" || die "raw run: writing the pty failed"
    wait "$rd"
    t1=$(now_ns)
    got=$(cat "$T/raw.count")
    [ "$got" = "$SIZE" ] || die "raw run: $got of $SIZE bytes arrived"
    mbps $((t1 - t0)) >"$T/raw.res"
}

# link_run: writes "SETUP_MS MBPS" to $T/link.res (not to stdout: a command
# substitution would wait for the daemons it started, which hold its pipe)
link_run() {
    pppd_fresh
    start_ptylink "$T/ttyA" "$T/ttyB" || die "link run: the pty pair did not come up"
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
    grep -q "remote IP address" "$T/a.log" 2>/dev/null &&
        grep -q "remote IP address" "$T/b.log" 2>/dev/null ||
        die "link run: the link did not come up (IPCP) within $i polls"
    ( ip netns exec "${NS_PREFIX}B" timeout 120 nc -l 192.0.2.1 5003 | wc -c >"$T/link.count" ) &
    lpid=$!
    PIDS="$PIDS $lpid"
    sleep 0.3
    t2=$(now_ns)
    ip netns exec "${NS_PREFIX}A" timeout 120 nc -N 192.0.2.1 5003 <"$T/data" ||
        die "link run: the sender (nc) failed"
    wait "$lpid"
    t3=$(now_ns)
    got=$(cat "$T/link.count")
    [ "$got" = "$SIZE" ] || die "link run: $got of $SIZE bytes arrived over TCP"
    # Both daemons must still be up: a link that fell back cannot be measured.
    for side in a b; do
        [ -s "$T/$side.rc" ] && die "link run: pppd-lite $side exited ($(cat "$T/$side.rc"))"
    done
    echo "$(( (t1 - t0) / 1000000 )) $(mbps $((t3 - t2)))" >"$T/link.res"
}

pppd_ns A; pppd_ns B
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
setup=999999
: >"$T/rounds"
for i in 1 2 3 4 5; do
    raw_run
    raw=$(cat "$T/raw.res")
    link_run
    set -- $(cat "$T/link.res")
    [ "$1" -lt "$setup" ] && setup=$1
    link=$2
    PPPD_LITE_TUN_OFFLOAD=0 link_run
    set -- $(cat "$T/link.res")
    echo "$raw $link $2 $(awk -v a="$link" -v b="$raw" 'BEGIN { printf "%.3f", a / b }')" >>"$T/rounds"
done
pppd_fresh
[ -n "$SHOW_ROUNDS" ] && cat "$T/rounds" >&2

echo "bench: link_tcp_MBps $(awk '{ print $2 }' "$T/rounds" | median) MB/s"
echo "bench: pty_raw_MBps $(awk '{ print $1 }' "$T/rounds" | median) MB/s"
echo "bench: link_to_pty_ratio $(awk '{ print $4 }' "$T/rounds" | median | awk '{ printf "%.2f", $1 }') ratio"
echo "bench: setup_ms $setup ms"
echo "bench: link_tcp_plain_MBps $(awk '{ print $3 }' "$T/rounds" | median) MB/s"
