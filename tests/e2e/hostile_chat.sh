#!/bin/sh
# chat facing a hostile modem on a pty (tests/helpers/hostile_modem for the
# floods, tests/helpers/ptyscript for the rest): output that never stops and
# never holds the expected string, the string at the end of a 2 MB flood, NUL
# and 8-bit bytes around it, an ABORT string inside a flood, a flood under -v
# (every byte logged), a chat script read from an endless source (-f
# /dev/zero: capped at 1 MiB) or from a FIFO that never ends (SIGTERM, SIGINT
# and SIGHUP still end chat with status 2). Each case checks the exit status, the time taken,
# VmHWM and chat's message.
: "${TOP:?}" "${BIN:?}" "${HELPERS:?}"
CHAT=$BIN/chat
PS=$HELPERS/ptyscript
T=$(mktemp -d /tmp/hostile-chat.XXXXXX)
trap '[ -n "$KEEP" ] || rm -rf "$T"' EXIT INT TERM
MARK=HOSTILE$$          # an ABORT string that names our chat processes
FAILED=""
pass() { echo "PASS: chat: $*"; }
fail() { echo "FAIL: chat: $*"; FAILED=1; }
. "$TOP/tests/e2e/hostile_lib.inc"

# run CHAT-ARGS... (modem script on stdin; chat options in $OPTS): sets $rc
# (ptyscript's) and $ms (chat's own run time, measured around it).
run() {
    cat >"$T/modem"
    watch_hwm chat "$MARK"
    # shellcheck disable=SC2086
    timeout 60 "$PS" -t 20000 -T /dev/null -i "$T/modem" -- sh -c \
        's=$(date +%s%N); "$@"; r=$?; echo "CHAT_MS=$((($(date +%s%N) - s) / 1000000))" >&2; exit $r' \
        sh "$CHAT" $OPTS ABORT "$MARK" "$@" >"$T/out" 2>"$T/err"
    rc=$?
    ms=$(sed -n 's/^CHAT_MS=//p' "$T/err")
    ms=${ms:-99999}
    OPTS=""
    stop_watch
}

# flood CHAT-ARGS... (hostile_modem options in $HM, chat options in $OPTS):
# the modem floods once chat has dialled (ATDT), never pausing; sets $rc
# (chat's exit status) and $ms (its run time).
flood() {
    watch_hwm chat "$MARK"
    # shellcheck disable=SC2086
    timeout 60 "$HELPERS/hostile_modem" -e 'ATDT\r' -t 40 $HM -- "$CHAT" $OPTS ABORT "$MARK" "$@" \
        >"$T/out" 2>"$T/err"
    rc=$(sed -n 's/^exit=\([0-9]*\).*/\1/p' "$T/out"); rc=${rc:-none}
    ms=$(sed -n 's/.* ms=\([0-9]*\).*/\1/p' "$T/out"); ms=${ms:-99999}
    HM=""; OPTS=""
    stop_watch
}

# 1. A modem that never stops talking and never says CONNECT: TIMEOUT 2
# still fires (chat(8) arms one alarm for the whole expect).
flood TIMEOUT 2 '' ATDT CONNECT ''
if [ "$rc" = 3 ] && [ "$ms" -le 4000 ]; then
    pass "endless flood without the expect string: TIMEOUT 2 fires, exit 3 after ${ms} ms"
else
    fail "endless flood without the expect string: TIMEOUT 2 fires (exit $rc, ${ms} ms)"
fi
bounded "endless flood"

# 2. The expected string arrives at the end of a 2 MB flood.
HM="-b 2000000 -s \r\nCONNECT\s57600\r\n"
flood TIMEOUT 20 '' ATDT CONNECT ''
if [ "$rc" = 0 ] && [ "$ms" -le 15000 ]; then
    pass "CONNECT after a 2 MB flood is found: exit 0 (${ms} ms)"
else
    fail "CONNECT after a 2 MB flood is found (exit $rc, ${ms} ms)"; tail -3 "$T/err"
fi
bounded "2 MB flood, then CONNECT"

# 3. NUL and 8-bit bytes around and inside the reply.
run TIMEOUT 5 '' AT OK '' <<'M'
expect AT\r
send \x00\x00\xff\xfe\x80\x00\r\n\x00O\x00K\r\n
sleep 100
send \xffOK\x00\r\n
wait-exit 0
M
if [ "$rc" -eq 0 ]; then
    pass "NUL and 8-bit bytes around OK: still matched, exit 0"
else
    fail "NUL and 8-bit bytes around OK (rc $rc)"; tail -3 "$T/err"
fi

# 4. An ABORT string in the middle of a flood ends with ABORT's status.
run ABORT BUSY TIMEOUT 20 '' ATDT CONNECT '' <<'M'
expect ATDT\r
send-repeat 20000 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n
send \r\nBUSY\r\n
wait-exit 5
M
if [ "$rc" -eq 0 ]; then
    pass "BUSY inside a flood: exit 5 (second ABORT string)"
else
    fail "BUSY inside a flood: exit 5 (rc $rc)"; tail -3 "$T/err"
fi

# 5. An endless flood under -v -s: every byte is logged, memory stays bounded.
OPTS="-v -s" flood TIMEOUT 2 '' ATDT CONNECT ''
if [ "$rc" = 3 ] && [ "$ms" -le 4000 ] && grep -q "alarm" "$T/err" && grep -q "Failed" "$T/err"; then
    pass "-v flood: TIMEOUT 2 fires in ${ms} ms, exit 3, 'alarm' and 'Failed' logged"
else
    fail "-v flood: exit 3 in time, 'alarm' and 'Failed' logged (exit $rc, ${ms} ms)"
    tail -c 300 "$T/err"
fi
bounded "-v flood"

# 6. -f /dev/zero: the script source never ends; chat refuses it past 1 MiB
# with a message naming the file, exit 1, in bounded time and memory. (No
# ABORT word here: words beside -f are a usage error.)
printf 'wait-exit 1\n' >"$T/modem"
s=$(date +%s%N)
timeout 60 "$PS" -t 20000 -T /dev/null -i "$T/modem" -- "$CHAT" -s -f /dev/zero >"$T/out" 2>"$T/err"
rc=$?; ms=$((($(date +%s%N) - s) / 1000000))
if [ "$rc" -eq 0 ] && [ "$ms" -le 5000 ] &&
    [ "$(cat "$T/err")" = "/dev/zero -- chat script longer than 1048576 bytes" ]; then
    pass "-f /dev/zero: 'chat script longer than 1048576 bytes', exit 1 in ${ms} ms"
else
    fail "-f /dev/zero: refused with exit 1 (rc $rc, ${ms} ms)"; tail -c 300 "$T/err"
fi

# 7. A script FIFO that is written slowly and never closed (and one nobody
# ever opens for writing): SIGTERM, SIGINT and SIGHUP end chat while it reads,
# with chat's status 2 and the signal's name, as at any other point.
for sig in TERM INT HUP; do
    for writer in slow none; do
        rm -f "$T/fifo" "$T/pid"
        mkfifo "$T/fifo"
        wpid=""
        if [ "$writer" = slow ]; then
            (while :; do printf "'' AT OK ''\n"; sleep 0.05; done >"$T/fifo") 2>/dev/null &
            wpid=$!
        fi
        printf 'wait-exit 2\n' >"$T/modem"
        timeout 60 "$PS" -t 30000 -T /dev/null -i "$T/modem" -- sh -c \
            'echo $$ >"$0"; exec "$@"' "$T/pid" "$CHAT" -s -f "$T/fifo" >"$T/out" 2>"$T/err" &
        ppid=$!
        i=0; while [ ! -s "$T/pid" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
        sleep 0.5
        cpid=$(cat "$T/pid" 2>/dev/null)
        alive=$(kill -0 "$cpid" 2>/dev/null && echo yes || echo no)
        kill -"$sig" "$cpid" 2>/dev/null
        wait "$ppid"; rc=$?
        [ -n "$wpid" ] && { kill "$wpid" 2>/dev/null; wait "$wpid" 2>/dev/null; }
        if [ "$alive" = yes ] && [ "$rc" -eq 0 ] && [ "$(cat "$T/err")" = "SIG$sig" ]; then
            pass "-f FIFO ($writer writer): SIG$sig while reading ends chat with exit 2, 'SIG$sig' logged"
        else
            fail "-f FIFO ($writer writer): SIG$sig ends chat with exit 2 (alive=$alive rc=$rc)"; cat "$T/err"
        fi
    done
done

[ -z "$FAILED" ]
