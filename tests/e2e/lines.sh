#!/bin/sh
# A small dial-in server (issue 17): LINES_N lines (4) called at once through
# modemsim at 57600 bps, getty's /AutoPPP/ and pppd-lite on the server, chat
# and pppd-lite on the clients; every link comes up, `pppctl list` on the
# server shows each line with its caller's address, every client pings the
# server, and `pppctl terminate` ends one line without touching the others.
: "${TOP:?}" "${BIN:?}" "${BUILD:?}"
. "$TOP/tests/e2e/lines_lib.inc"
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; }
skip() { echo "SKIP: $*"; }
sh "$TOP/contrib/install-deps" iputils-ping >/dev/null 2>&1 || true
if ! lines_need; then skip "N simultaneous calls ($LINES_WHY)"; exit 0; fi
trap lines_teardown EXIT
trap 'exit 1' INT TERM
N=${LINES_N:-4}
lines_world "$N" || { fail "set up namespaces and modemsim"; exit 1; }
k=0; while [ "$k" -lt "$N" ]; do lines_getty $k; k=$((k + 1)); done
if lines_gettys_ready 30; then pass "$N gettys wait for calls"; else
    fail "$N gettys wait for calls"; tail -5 "$L"/log/*; exit 1; fi
k=0; while [ "$k" -lt "$N" ]; do lines_dial $k; k=$((k + 1)); done
if lines_wait_up 90; then
    pass "$N simultaneous calls: every client's IPCP is up ($(sort -n "$L/setup_ms" | tail -1) ms the slowest)"
else
    fail "$N simultaneous calls up ($(wc -l <"$L/setup_ms") of $N)"
    for f in "$L"/cli/pppd*.log "$L"/log/pppd.log; do echo "--- $f"; tail -n 5 "$f"; done
fi
lines_pppctl list >"$L/list"
rows=$(grep -cE '^ppp[0-9]+ +pts/[0-9]+ +- +198\.51\.100\.[0-9]+ .* Network$' "$L/list")
[ "$rows" = "$N" ] && pass "pppctl list on the server: $N rows in Network with the callers' addresses" ||
    { fail "pppctl list on the server ($rows of $N)"; cat "$L/list"; }
k=0; ok=0
while [ "$k" -lt "$N" ]; do
    ip netns exec "${LINES_NS}cli" ping -c 1 -W 5 -I "$(sed -n 's/.*Using interface \(ppp[0-9]*\).*/\1/p' "$L/cli/pppd$k.log" | head -1)" \
        198.51.100.1 >/dev/null 2>&1 && ok=$((ok + 1))
    k=$((k + 1))
done
[ "$ok" = "$N" ] && pass "every client pings the server over its own line" ||
    fail "every client pings the server ($ok of $N)"
# end the first line from the server with pppctl; the others stay up
victim=$(awk '$4 == "198.51.100.10" { print $1 }' "$L/list")
if [ -n "$victim" ] && lines_pppctl terminate "$victim" >/dev/null; then
    i=0
    while [ "$i" -lt 150 ] && [ ! -s "$L/cli/pppd0.rc" ]; do sleep 0.1; i=$((i + 1)); done
    sleep 0.5
    left=$(lines_pppctl list | grep -c ' Network$')
    [ -s "$L/cli/pppd0.rc" ] && [ "$left" = $((N - 1)) ] &&
        pass "pppctl terminate $victim ends line 0's call; $left lines stay up" ||
        fail "pppctl terminate $victim (client rc '$(cat "$L/cli/pppd0.rc" 2>/dev/null)', $left up)"
else
    fail "pppctl terminate on the server (no row for 198.51.100.10)"
fi
exit 0
