#!/bin/sh
# End-to-end: modemsim lines driven by modemsim_talk as the DTEs.
# Dial, RING, ATA, CONNECT, data both ways, +++ ATH -> NO CARRIER and a pty
# hangup on the far side, BUSY, NO ANSWER, NO DIALTONE, auto answer, DTE
# close, reopen, line rate, and calls over TCP on 127.0.0.1.
: "${TOP:?}" "${BIN:?}" "${HELPERS:?}"
MS=$BIN/modemsim
TALK=$HELPERS/modemsim_talk
D=$(mktemp -d /tmp/modemsim-e2e.XXXXXX)
pids=""
cleanup() {
    for p in $pids; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$D"
}
trap cleanup EXIT INT TERM

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1"; for f in "$D"/*.log; do [ -s "$f" ] && { echo "--- $f"; tail -20 "$f"; }; done; }
check() { if [ "$2" -eq 0 ]; then pass "$1"; else fail "$1"; fi; }

# start NAME ARGS...: a modemsim instance, waits for its pid file
start() {
    name=$1; shift
    "$MS" --pidfile "$D/$name.pid" -d "$@" 2>"$D/$name.log" &
    pids="$pids $!"
    i=0
    while [ ! -s "$D/$name.pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    [ -s "$D/$name.pid" ]
}
talk() { timeout 20 "$TALK" -t 8 "$@"; }

if "$MS" --help | grep -q -- '--line NAME=PATH'; then pass "modemsim --help documents --line"; else fail "modemsim --help"; fi
"$MS" --line x 2>/dev/null; check "modemsim rejects a malformed --line" $([ $? -eq 2 ]; echo $?)

start main --line ttyS0="$D/ttyS0" --line modem="$D/modem" --line third="$D/third" \
    --line dead="$D/dead" --number 301-555-1212=ttyS0 --number 555-0003=third \
    --no-dialtone dead --ring-interval 300 --speed 57600 --rate 19200
check "modemsim starts and makes its lines" $?
[ -L "$D/ttyS0" ] && [ -c "$D/ttyS0" ] && [ -L "$D/modem" ]
check "stable symlinks point at ptys" $?

talk "$D/modem" 'send:AT\r' 'expect:AT\r\r\nOK\r\n' 'send:ATI\r' 'expect:modemsim' 'expect:OK' \
    'send:ATS0=0Q0&D3&C1\r' 'expect:OK' 'send:ATQ0V0\r' 'expect:0\r' 'send:ATFOO\r' 'expect:4\r' 2>"$D/t1.log"
check "AT, ATI, mgetty init string, numeric result codes" $?

# A call: ttyS0 answers with ATA, then data both ways, then +++ ATH.
pts_before=$(readlink "$D/ttyS0")
talk "$D/ttyS0" 'send:ATZ\r' 'expect:OK' 'expect:RING' 'expect:RING' 'send:ATA\r' \
    'expect:CONNECT 57600' 'expect:ping' 'send:pong' 'expect:NO CARRIER' 'hangup' 2>"$D/callee.log" &
callee=$!
sleep 0.3
talk "$D/modem" 'send:ATZ\r' 'expect:OK' 'send:ATDT301-555-1212\r' 'expect:CONNECT 57600' \
    'send:ping' 'expect:pong' 'sleep:1100' 'send:+++' 'expect:OK' 'send:ATH\r' 'expect:OK' \
    'send:AT\r' 'expect:OK' 2>"$D/caller.log"
rc=$?
wait $callee; rc2=$?
check "dial: RING, ATA, CONNECT 57600 on both sides, data both ways" $rc
check "+++ ATH: the far end gets NO CARRIER and a pty hangup" $rc2

# As root the hangup is TIOCVHANGUP in place: the same pty stays behind the path.
if [ "$(id -u)" -eq 0 ]; then
    [ "$(readlink "$D/ttyS0")" = "$pts_before" ]
    check "hangup as root keeps the same pty ($pts_before)" $?
else
    echo "SKIP: hangup keeps the same pty (needs CAP_SYS_ADMIN for TIOCVHANGUP)"
fi
# The hung-up line comes back at the same path, ready for the next call.
talk "$D/ttyS0" 'send:AT\r' 'expect:OK' 2>"$D/t2.log"
check "hung-up line reopens at the same path" $?

talk "$D/modem" 'send:ATDT(301) 555 9999\r' 'expect:NO ANSWER' 'send:ATV0\r' 'send:ATD5550000\r' 'expect:8\r' 2>"$D/t3.log"
check "unknown number: NO ANSWER (numeric 8)" $?
talk "$D/dead" 'send:ATDT3015551212\r' 'expect:NO DIALTONE' 2>"$D/t4.log"
check "line without dial tone: NO DIALTONE" $?
talk "$D/modem" 'send:ATZ\r' 'sleep:200' 'send:ATDT555-0000\r' 'expect:NO ANSWER' 'send:ATX0DT555-0000\r' 'expect:NO CARRIER' 2>"$D/t4b.log"
check "ATX0 reports NO CARRIER instead of NO ANSWER" $?

# BUSY: third calls ttyS0 while modem and ttyS0 talk; auto answer (S0=1) on ttyS0.
talk "$D/ttyS0" 'send:ATS0=1\r' 'expect:OK' 'expect:RING' 'expect:CONNECT 57600' 'expect:bye' 'absent:300:NO CARRIER' 'close' 2>"$D/auto.log" &
callee=$!
sleep 0.3
talk "$D/modem" 'send:ATZ\r' 'sleep:100' 'send:ATDT301-555-1212\r' 'expect:CONNECT 57600' 'sleep:500' 'send:bye' 'expect:NO CARRIER' 'hangup' 2>"$D/caller2.log" &
caller=$!
sleep 0.5
talk "$D/third" 'send:ATDT301-555-1212\r' 'expect:BUSY' 'send:ATDT555-0003\r' 'expect:BUSY' 2>"$D/busy.log"
check "busy line answers BUSY (and dialling yourself too)" $?
wait $callee; rc=$?
wait $caller; rc2=$?
check "auto answer after S0 rings" $rc
check "DTE closing its line gives NO CARRIER and a hangup on the far side" $rc2

# A caller that gives up while ringing stops the ringing; any key aborts a dial.
talk "$D/modem" 'send:ATZ\r' 'sleep:100' 'send:ATS7=1DT555-0003\r' 'expect:NO CARRIER' 'send:ATDT555-0003\r' 'sleep:200' 'send:x' 'expect:NO CARRIER' 2>"$D/t5.log"
check "S7 carrier timeout and keypress abort give NO CARRIER" $?

# Line rate: 19200 bps = 1920 bytes/s, so 1920 bytes take about a second.
talk "$D/ttyS0" 'expect:RING' 'send:ATA\r' 'expect:CONNECT 57600\r\n' 'recvblob:1920' >"$D/rate.out" 2>"$D/rate.log" &
callee=$!
sleep 0.3
talk "$D/modem" 'send:ATZ\r' 'sleep:100' 'send:ATDT301-555-1212\r' 'expect:CONNECT' 'blob:1920' 'sleep:1500' 2>"$D/rate2.log"
wait $callee; rc=$?
ms=$(sed -n 's/^recvblob 1920 bytes in \([0-9]*\) ms/\1/p' "$D/rate.out")
if [ $rc -eq 0 ] && [ -n "$ms" ] && [ "$ms" -ge 800 ] && [ "$ms" -le 3000 ]; then
    pass "pass-through paced at the line rate (1920 bytes at 19200 bps in $ms ms)"
else
    fail "pass-through paced at the line rate (rc=$rc, ${ms:-?} ms)"
fi

# Calls over TCP on the loopback: two more modemsims, unthrottled, one listens.
port=$((20000 + $$ % 20000))
start tcp --line bbs="$D/bbs" --listen 127.0.0.1:$port=bbs --rate 0 --ring-interval 300
check "modemsim --listen 127.0.0.1:$port" $?
start tcpc --line caller="$D/caller" --rate 0
talk "$D/bbs" 'send:ATE0\r' 'expect:OK' 'expect:RING' 'send:ATA\r' 'expect:CONNECT 57600\r\n' \
    'expect:hello bbs' 'send:welcome' 'recvblob:5760' 'send:thanks' 'expect:NO CARRIER' >"$D/tcp.out" 2>"$D/bbs.log" &
callee=$!
sleep 0.3
talk "$D/caller" "send:ATDT127.0.0.1:$port\\r" 'expect:CONNECT 57600' 'send:hello bbs' 'expect:welcome' \
    'blob:5760' 'expect:thanks' 'sleep:1100' 'send:+++' 'expect:OK' 'send:ATH0\r' 'expect:OK' 2>"$D/tcpcaller.log"
rc=$?
wait $callee; rc2=$?
check "ATDT127.0.0.1:PORT connects over TCP, the listening line rings and answers" $rc
ms=$(sed -n 's/^recvblob 5760 bytes in \([0-9]*\) ms/\1/p' "$D/tcp.out")
if [ $rc2 -eq 0 ] && [ -n "$ms" ] && [ "$ms" -lt 900 ]; then
    pass "TCP call: data both ways, unthrottled ($ms ms for 5760 bytes), hangup gives NO CARRIER"
else
    fail "TCP call data/hangup (rc=$rc2, ${ms:-?} ms)"
fi
closed=$((port + 1))
talk "$D/caller" "send:ATDT127.0.0.1:$closed\\r" 'expect:NO ANSWER' 2>"$D/t6.log"
check "TCP dial to a closed port: NO ANSWER" $?

# Shutdown removes the symlinks.
kill "$(cat "$D/main.pid")"
i=0; while [ -e "$D/main.pid" ] && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
[ ! -e "$D/ttyS0" ] && [ ! -e "$D/modem" ]
check "SIGTERM removes the line symlinks" $?
