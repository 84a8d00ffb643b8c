#!/bin/sh
# getty in modem mode against a scripted fake modem on a pty: init chat, two
# RINGs with caller id, ATA, CONNECT 57600, prompt, login.config dispatch;
# a failing answer chat; the lock released while idle.
: "${TOP:?}" "${BIN:?}" "${HELPERS:?}"
T=$(mktemp -d /tmp/getty-modem.XXXXXX)
trap '[ -n "$KEEP" ] || rm -rf "$T"' EXIT INT TERM
REC=$HELPERS/getty_recorder
PTY=$HELPERS/ptyscript
LINE=ttyM$$
mkdir -p "$T/cfg" "$T/lock" "$T/log"
: >"$T/utmp"; : >"$T/wtmp"

pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; }

cat >"$T/cfg/login.config" <<LC
/AutoPPP/ - ppp $REC auth -chap +pap login
ppp - a_ppp $REC auth -chap +pap login \\I \\Y
* - - $REC @
LC
chmod 600 "$T/cfg/login.config"
cat >"$T/cfg/mgetty.config" <<MC
# global part
debug 4
speed 57600
login-time 30
answer-chat-timeout 30
toggle-dtr yes
toggle-dtr-waittime 100
issue-file /dev/null
prompt-waittime 50
init-chat "" ATZ OK AT&C1 OK
rings 5
port $LINE
  rings 2
MC

run() { # run SCRIPT_TEXT [extra getty args...]
    printf '%s\n' "$1" >"$T/script"; shift
    RECORDER_OUT=$T/rec timeout 60 "$PTY" -t 8000 -l "$T/$LINE" -T "$T/transcript" "$T/script" -- \
        "$BIN/getty" --config-dir "$T/cfg" --lock-dir "$T/lock" --log-dir "$T/log" \
        --utmp "$T/utmp" --wtmp "$T/wtmp" -x 9 "$@" "$T/$LINE" 2>>"$T/stderr"
}

# the whole call: init, idle without a lock, two RINGs, ATA, CONNECT 57600, prompt
if run "expect ATZ\\r
send ATZ\\r\\r\\nOK\\r\\n
expect AT&C1\\r
send \\r\\nOK\\r\\n
sleep 600
reject ATA
send \\r\\nRING\\r\\n
send \\r\\nDATE = 1124\\r\\nTIME = 1005\\r\\nNMBR = 5551212\\r\\nNAME = NELSON\\r\\n
sleep 300
reject ATA
send \\r\\nRING\\r\\n
expect ATA\\r
send \\r\\nCONNECT 57600\\r\\n
expect login: 
send ppp\\r
wait-exit 0"; then
    pass "modem call: init chat, 2 RINGs (rings from the port section), ATA, CONNECT 57600, prompt"
    if grep -qx 'argv5=57600' "$T/rec" && grep -qx 'argv6=5551212' "$T/rec"; then
        pass "\\I and \\Y become the CONNECT string and the caller id"
    else fail "\\I/\\Y substitution: $(tr '\n' ' ' <"$T/rec")"; fi
    if grep -qx env_CONNECT=57600 "$T/rec" && grep -qx env_CALLER_ID=5551212 "$T/rec" &&
       grep -qx env_CALLER_NAME=NELSON "$T/rec" && grep -qx env_CALL_DATE=1124 "$T/rec" &&
       grep -qx env_CALL_TIME=1005 "$T/rec" && grep -qx "env_DEVICE=$LINE" "$T/rec"; then
        pass "environment CONNECT CALLER_ID CALLER_NAME CALL_DATE CALL_TIME DEVICE"
    else fail "environment: $(tr '\n' ' ' <"$T/rec")"; fi
    grep -qx clocal=0 "$T/rec" && pass "modem line: CLOCAL off for the session (carrier loss hangs up)" ||
        fail "CLOCAL still set on the modem line"
    if grep -q "data dev=$LINE, pid=[0-9]*, caller='5551212', conn='57600', name='NELSON'" "$T/log/mg_$LINE.log"; then
        pass "audit line with caller and CONNECT"
    else fail "audit line"; fi
else
    fail "modem call (ptyscript: $(tail -2 "$T/stderr" | tr '\n' ' '))"
fi

# script steps: the init chat succeeds, then the modem is idle a moment
MODEM_UP="expect ATZ\\r
send OK\\r\\n
expect AT&C1\\r
send OK\\r\\n
sleep 600"

# ringback (-R): the first call (two RINGs) is let ring out; when no RING
# has come for 17 s the caller may call again, and that call is answered
rm -f "$T/lock"/*
if run "$MODEM_UP
send RING\\r\\n
sleep 4000
send RING\\r\\n
sleep 18500
reject ATA
send RING\\r\\n
expect ATA\\r
send CONNECT 57600\\r\\n
expect login: 
send ppp\\r
wait-exit 0" -R 30 -n 1; then
    if grep -q "ringback: phone stopped after 2 RINGs, waiting for re-ring" "$T/log/mg_$LINE.log" &&
       grep -qx 'argv1=auth' "$T/rec"; then
        pass "ringback: first call not answered, the second one is (mgetty's log line)"
    else fail "ringback: log or dispatch"; fi
else fail "ringback (ptyscript: $(tail -2 "$T/stderr" | tr '\n' ' '))"; fi

# the answer chat fails (NO CARRIER): logged, error status
rm -f "$T/lock"/*
if run "$MODEM_UP
send RING\\r\\nRING\\r\\n
expect ATA\\r
send NO CARRIER\\r\\n
wait-exit 1"; then
    if grep -q "failed A_FAIL dev=$LINE" "$T/log/mg_$LINE.log" && [ ! -e "$T/lock/LCK..$LINE" ]; then
        pass "answer chat failure: logged as mgetty, exit 1, lock released"
    else fail "answer chat failure: log or lock"; fi
else fail "answer chat failure (ptyscript: $(tail -2 "$T/stderr" | tr '\n' ' '))"; fi

# the modem rejects the init chat: exit with an error status (after a pause)
rm -f "$T/lock"/*
if run "expect ATZ\\r
send ERROR\\r\\n
wait-exit 1"; then
    grep -q 'init chat failed, exiting' "$T/log/mg_$LINE.log" &&
        pass "init chat failure: logged, exit 1" || fail "init chat failure log"
else fail "init chat failure (ptyscript: $(tail -2 "$T/stderr" | tr '\n' ' '))"; fi
# /etc/nologin.<line> (here --nologin-dir): RINGs are not answered
rm -f "$T/lock"/*
: >"$T/nologin.$LINE"
printf '%s\n' "expect ATZ\r
send OK\r\n
expect AT&C1\r
send OK\r\n
sleep 600
send RING\r\nRING\r\n
sleep 1000
reject ATA
wait-exit 0" >"$T/script"
if timeout 60 "$PTY" -t 8000 -l "$T/$LINE" -T "$T/transcript" "$T/script" -- "$BIN/getty" \
    --config-dir "$T/cfg" --lock-dir "$T/lock" --log-dir "$T/log" --utmp "$T/utmp" \
    --wtmp "$T/wtmp" --nologin-dir "$T" -x 9 "$T/$LINE" 2>>"$T/stderr" &&
    grep -q "nologin.$LINE exists, not answering" "$T/log/mg_$LINE.log"; then
    pass "nologin.<line> present: the call is not answered"
else fail "nologin (ptyscript: $(tail -2 "$T/stderr" | tr '\n' ' '))"; fi
rm -f "$T/nologin.$LINE"

# modem-check-time: while idle the modem is asked AT and must say OK
rm -f "$T/lock"/*
printf '%s\n' "modem-check-time 1" >>"$T/cfg/mgetty.config"
if run "expect ATZ\r
send OK\r\n
expect AT&C1\r
send OK\r\n
expect-timeout 4000 AT\r
send OK\r\n
expect-timeout 4000 AT\r
send OK\r\n
sleep 300
send RING\r\nRING\r\n
expect ATA\r
send CONNECT 57600\r\n
expect login: 
send ppp\r
wait-exit 0"; then
    pass "modem-check-time: AT/OK while idle, then a call is answered"
else fail "modem-check-time (ptyscript: $(tail -2 "$T/stderr" | tr '\n' ' '))"; fi
exit 0
