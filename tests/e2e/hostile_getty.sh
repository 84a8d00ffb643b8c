#!/bin/sh
# getty facing hostile callers on a pty (tests/helpers/ptyscript): line noise,
# a 10 KB login name, NUL bytes, a caller who stops typing (login-time), a RING
# with no CONNECT (answer-chat-timeout), a hangup in the middle of the prompt,
# shell metacharacters in the name (one argv word for the program, via
# login.config and the getty_recorder stand-in). Every case is bounded by
# ptyscript's timeouts and checks getty's exit, its log line, and VmHWM.
: "${TOP:?}" "${BIN:?}" "${HELPERS:?}"
T=$(mktemp -d /tmp/hostile-getty.XXXXXX)
trap '[ -n "$KEEP" ] || rm -rf "$T"' EXIT INT TERM
REC=$HELPERS/getty_recorder
PTY=$HELPERS/ptyscript
LINE=ttyH$$
mkdir -p "$T/cfg" "$T/lock" "$T/log"
chmod 755 "$T"
FAILED=""
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; FAILED=1; }
. "$TOP/tests/e2e/hostile_lib.inc"

cat >"$T/cfg/login.config" <<LC
/AutoPPP/ - ppp $REC auth -chap +pap login
ppp - a_ppp $REC auth -chap +pap login
* - - $REC @
LC
chmod 600 "$T/cfg/login.config"
write_mgetty_config() {
    cat >"$T/cfg/mgetty.config" <<MC
debug 4
speed 57600
login-time 30
answer-chat-timeout 30
toggle-dtr-waittime 100
issue-file $T/issue
prompt-waittime 50
$1
MC
    printf 'Welcome to \\s on \\P\n' >"$T/issue"
}
write_mgetty_config ""

reset_files() {
    rm -f "$T/rec" "$T/lock"/* "$T/log"/* "$T/transcript"
    : >"$T/utmp"; : >"$T/wtmp"
}

# run_getty SCRIPT_TEXT [getty args...]: getty on a pty driven by SCRIPT_TEXT;
# returns ptyscript's status; time in $SECS.
run_getty() {
    printf '%s\n' "$1" >"$T/script"; shift
    watch_hwm getty "$T/$LINE"
    start=$(date +%s)
    RECORDER_OUT=$T/rec timeout 60 "$PTY" -t 8000 -l "$T/$LINE" -T "$T/transcript" "$T/script" -- \
        "$BIN/getty" --config-dir "$T/cfg" --lock-dir "$T/lock" --log-dir "$T/log" \
        --utmp "$T/utmp" --wtmp "$T/wtmp" --login "$REC" -x 9 "$@" "$T/$LINE" 2>>"$T/stderr"
    rc=$?
    SECS=$(($(date +%s) - start))
    stop_watch
    return $rc
}

log_has() { grep -q -- "$1" "$T/log/mg_$LINE.log"; }

why() { tail -n 3 "$T/stderr" | tr '\n' ' '; }

# 1. Line noise (8-bit, control characters, no CR/LF/^U/^C), then a real name.
noise=$(awk 'BEGIN { s = 12345; out = "";
    for (i = 0; i < 3000; i++) {
        s = (s * 1103515245 + 12345) % 2147483648; b = int(s / 65536) % 256; c = b % 128;
        if (c == 10 || c == 13 || c == 21 || c == 3 || b == 126 || c == 92) continue;
        out = out sprintf("\\x%02x", b);
    }
    print out }')
reset_files
if run_getty "sleep 700
send \\r
expect login: 
send $noise
sleep 300
send \\x15
send ppp\\r
wait-exit 0" -r; then
    if grep -qx argc=5 "$T/rec" && grep -qx argv1=auth "$T/rec"; then
        pass "line noise: ignored or echoed, ^U clears it, 'ppp' then dispatches normally"
    else
        fail "line noise: dispatch after noise: $(tr '\n' ' ' <"$T/rec" 2>/dev/null)"
    fi
    bounded "line noise"
else
    fail "line noise: getty survives and answers (ptyscript: $(why))"
fi

# 2. A 10 KB login name: kept to LNAME_MAX (128) bytes, the rest refused with BEL.
reset_files
if run_getty "sleep 700
send \\r
expect login: 
send-repeat 10240 A
send \\r
wait-exit 0" -r; then
    len=$(sed -n 's/^argv1=//p' "$T/rec" | tr -d '\n' | wc -c)
    if grep -qx argc=2 "$T/rec" && [ "$len" -ge 1 ] && [ "$len" -le 128 ]; then
        pass "10 KB login name: cut to $len bytes, one argv word"
    else
        fail "10 KB login name: argv1 of $len bytes ($(head -c 200 "$T/rec" | tr '\n' ' '))"
    fi
    bounded "10 KB login name"
else
    fail "10 KB login name (ptyscript: $(why))"
fi

# 3. NUL bytes inside a name are dropped.
reset_files
if run_getty "sleep 700
send \\r
expect login: 
send \\0\\0us\\0\\0er\\0\\r
wait-exit 0" -r; then
    if grep -qx argv1=user "$T/rec"; then
        pass "NUL bytes in the name are ignored ('user')"
    else
        fail "NUL bytes in the name: $(grep argv1 "$T/rec")"
    fi
else
    fail "NUL bytes (ptyscript: $(why))"
fi

# 4. A caller who types half a name and then nothing: login-time ends it.
reset_files
write_mgetty_config "login-time 2"
if run_getty "sleep 700
send \\r
expect login: 
send hal
wait-exit any" -r; then
    if [ "$SECS" -le 10 ] && log_has "login time out" && [ ! -e "$T/rec" ] &&
       [ ! -e "$T/lock/LCK..$LINE" ]; then
        pass "caller stops typing: login-time 2 ends it in ${SECS}s, 'login time out', lock gone"
    else
        fail "caller stops typing: ${SECS}s, log: $(tail -n 2 "$T/log/mg_$LINE.log" | tr '\n' ' ')"
    fi
else
    fail "caller stops typing: getty exits (ptyscript: $(why))"
fi
write_mgetty_config ""

# 5. A hangup in the middle of the prompt (a 256 KB issue file being written).
reset_files
awk 'BEGIN { for (i = 0; i < 4096; i++) printf "issue line %05d .................................................\n", i }' \
    >"$T/issue"
if run_getty "sleep 700
send \\r
expect issue line 00010
hangup
wait-exit any" -r; then
    if [ "$SECS" -le 20 ] && [ ! -e "$T/rec" ] && [ ! -e "$T/lock/LCK..$LINE" ]; then
        pass "hangup during the prompt: getty exits in ${SECS}s, nothing run, lock gone"
    else
        fail "hangup during the prompt: ${SECS}s, rec=$([ -e "$T/rec" ] && echo yes)," \
            "lock=$(cat "$T/lock/LCK..$LINE" 2>/dev/null)"
    fi
    if grep -qiE "hangup|hung up|carrier|EIO|EOF|write" "$T/log/mg_$LINE.log"; then
        pass "hangup during the prompt: a log line says so"
    else
        fail "hangup during the prompt: no log line ($(tail -n 2 "$T/log/mg_$LINE.log" | tr '\n' ' '))"
    fi
else
    fail "hangup during the prompt: getty exits (ptyscript: $(why))"
fi
write_mgetty_config ""

# 6. Names full of shell metacharacters reach the program as one argv word.
for name in '`reboot`' '$(reboot)' '; rm -rf /' 'a|b&c>d<e' "x'y\"z" '${IFS}*?[a]~'; do
    reset_files
    sname=$(printf '%s' "$name" | sed 's/\\/\\\\/g')
    if run_getty "sleep 700
send \\r
expect login: 
send $sname\\r
wait-exit 0" -r && grep -qx argc=2 "$T/rec" && grep -qFx "argv1=$name" "$T/rec"; then
        pass "name '$name' is one argv word, unexpanded"
    else
        fail "name '$name' is one argv word: $(tr '\n' ' ' <"$T/rec" 2>/dev/null)"
    fi
done

# 7. Modem mode: RING but never CONNECT: answer-chat-timeout ends the call.
reset_files
write_mgetty_config "answer-chat-timeout 2
init-chat \"\" ATZ OK
rings 1"
if run_getty "expect ATZ\\r
send OK\\r\\n
sleep 300
send RING\\r\\n
expect ATA\\r
sleep 4000
wait-exit any"; then
    if [ "$SECS" -le 15 ] && log_has "A_FAIL\|answer\|timeout" && [ ! -e "$T/rec" ]; then
        pass "RING without CONNECT: answer-chat-timeout 2 gives up in ${SECS}s, logged"
    else
        fail "RING without CONNECT: ${SECS}s, log: $(tail -n 3 "$T/log/mg_$LINE.log" | tr '\n' ' ')"
    fi
else
    fail "RING without CONNECT: getty gives up (ptyscript: $(why))"
fi

# 8. Modem mode: a modem that floods junk after RING instead of CONNECT.
reset_files
if run_getty "expect ATZ\\r
send OK\\r\\n
sleep 300
send RING\\r\\n
expect ATA\\r
send-repeat 20000 ~~garbage\\x01\\xff
wait-exit any"; then
    if [ "$SECS" -le 15 ] && [ ! -e "$T/rec" ]; then
        pass "flood after ATA: answer chat ends in ${SECS}s, nothing run"
    else
        fail "flood after ATA: ${SECS}s"
    fi
    bounded "flood after ATA"
else
    fail "flood after ATA (ptyscript: $(why))"
fi

# 9. Modem mode: caller-id lines of 5 KB between the RINGs, junk lines before.
reset_files
write_mgetty_config "init-chat \"\" ATZ OK
rings 2"
long=$(awk 'BEGIN { for (i = 0; i < 5000; i++) printf "9" }')
lname=$(awk 'BEGIN { for (i = 0; i < 5000; i++) printf "N" }')
if run_getty "expect ATZ\\r
send OK\\r\\n
sleep 300
send-repeat 200 \\x01\\xffjunk line \\x7e\\x7d\\r\\n
send \\r\\nRING\\r\\n
send \\r\\nNMBR = $long\\r\\nNAME = $lname\\r\\nDATE = 1124\\r\\n
sleep 300
reject ATA
send \\r\\nRING\\r\\n
expect ATA\\r
send \\r\\nCONNECT 57600\\r\\n
expect login: 
send ppp\\r
wait-exit 0"; then
    cid=$(sed -n 's/^env_CALLER_ID=//p' "$T/rec" | tr -d '\n' | wc -c)
    cname=$(sed -n 's/^env_CALLER_NAME=//p' "$T/rec" | tr -d '\n' | wc -c)
    if grep -qx argv1=auth "$T/rec" && [ "$cid" -ge 1 ] && [ "$cid" -le 64 ] &&
       [ "$cname" -ge 1 ] && [ "$cname" -le 64 ] && grep -qx "env_CALLER_ID=99*" "$T/rec"; then
        pass "5 KB caller id and name, junk lines: the call goes on, CALLER_ID $cid and CALLER_NAME $cname bytes"
    else
        fail "5 KB caller id: CALLER_ID $cid bytes, CALLER_NAME $cname bytes, rec: $(head -c 200 "$T/rec")"
    fi
    bounded "5 KB caller id"
else
    fail "5 KB caller id and junk lines before RING (ptyscript: $(why))"
fi
write_mgetty_config ""

[ -z "$FAILED" ]
