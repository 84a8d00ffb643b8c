#!/bin/sh
# ppplogin on a pty as the login shell: "mesg n" (mode 0600), "stty -echo",
# exec of pppd-lite (here the recorder) with the seed's or ppplogin.conf's words.
: "${TOP:?}" "${BIN:?}" "${HELPERS:?}"
T=$(mktemp -d /tmp/ppplogin-e2e.XXXXXX)
trap 'rm -rf "$T"' EXIT INT TERM
REC=$HELPERS/getty_recorder
PTY=$HELPERS/ptyscript
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; }

printf 'wait-exit 0\n' >"$T/ok.script"

# without ppplogin.conf: the seed's "-detach silent modem crtscts"
if RECORDER_OUT=$T/rec timeout 20 "$PTY" -i "$T/ok.script" -- \
    sh -c "chmod 0620 \"\$(tty)\"; exec '$BIN/ppplogin' --conf '$T/none.conf' --pppd '$REC'" \
    2>"$T/err"; then
    if grep -qx argc=5 "$T/rec" && grep -qx argv0=getty_recorder "$T/rec" &&
       grep -qx argv1=-detach "$T/rec" && grep -qx argv2=silent "$T/rec" &&
       grep -qx argv3=modem "$T/rec" && grep -qx argv4=crtscts "$T/rec"; then
        pass "no ppplogin.conf: exec with -detach silent modem crtscts"
    else fail "default argv: $(tr '\n' ' ' <"$T/rec")"; fi
    grep -qx echo=0 "$T/rec" && pass "echo turned off (stty -echo)" || fail "echo still on"
    grep -qx tty_mode=0600 "$T/rec" && pass "tty mode 0600 (mesg n)" || fail "tty mode: $(grep tty_mode "$T/rec")"
    grep -qx stdin_tty=1 "$T/rec" && pass "the line stays on stdin" || fail "stdin not the tty"
else fail "ppplogin default run: $(cat "$T/err")"; fi

# with ppplogin.conf: its words
cat >"$T/ppplogin.conf" <<'C'
# arguments for pppd-lite
-detach silent modem crtscts
name "dial in" debug
C
rm -f "$T/rec"
if RECORDER_OUT=$T/rec timeout 20 "$PTY" -i "$T/ok.script" -- "$BIN/ppplogin" --conf "$T/ppplogin.conf" \
    --pppd "$REC" 2>"$T/err" && grep -qx argc=8 "$T/rec" && grep -qx 'argv6=dial in' "$T/rec" &&
    grep -qx argv7=debug "$T/rec"; then
    pass "ppplogin.conf words become the arguments"
else fail "ppplogin.conf: $(cat "$T/err" "$T/rec" 2>/dev/null | tr '\n' ' ')"; fi

# pppd-lite missing: a clear error, status 1
printf 'wait-exit 1\n' >"$T/fail.script"
if timeout 20 "$PTY" -i "$T/fail.script" -- "$BIN/ppplogin" --conf "$T/none.conf" \
    --pppd "$T/no-such-pppd" 2>"$T/err" && grep -q "cannot run $T/no-such-pppd: No such file" "$T/err"; then
    pass "missing pppd-lite: clear error and status 1"
else fail "missing pppd-lite: $(cat "$T/err")"; fi

# a login shell started with -c (ssh ppp@host cmd) refuses to run commands
if timeout 20 "$PTY" -i "$T/fail.script" -- "$BIN/ppplogin" -c "id" 2>"$T/err" &&
    grep -q "no commands allowed" "$T/err"; then
    pass "-c command refused"
else fail "-c: $(cat "$T/err")"; fi

# not on a terminal
out=$(timeout 10 "$BIN/ppplogin" </dev/null 2>&1); rc=$?
case "$out" in *"not a terminal"*) [ $rc -eq 1 ] && pass "stdin not a tty: error" || fail "not a tty rc=$rc";;
    *) fail "not a tty: $out";; esac
exit 0
