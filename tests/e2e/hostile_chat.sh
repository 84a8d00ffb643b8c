#!/bin/sh
# chat facing a hostile modem on a pty (tests/helpers/hostile_modem for the
# floods, tests/helpers/ptyscript for the rest): output that never stops and
# never holds the expected string, the string at the end of a 2 MB flood, NUL
# and 8-bit bytes around it, an ABORT string inside a flood, a flood under -v
# (every byte logged). Each case checks the exit status, the time taken,
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

[ -z "$FAILED" ]
