#!/bin/sh
# Hostile configuration files: overlong lines, unterminated quotes, binary
# junk, for pppd-lite's option files (dryrun), chat's -f scripts,
# ppplogin.conf, getty's mgetty.config and login.config; a login.config or
# ppplogin.conf writable by others, a login.config owned by another user
# (refused). Each must give a message naming the file (and the
# line where there is one) or be ignored as the classic program does: never a
# crash or a hang. (Secrets files with bad modes: tests/e2e/hostile_pppd.sh.)
: "${TOP:?}" "${BIN:?}" "${HELPERS:?}"
T=$(mktemp -d /tmp/hostile-config.XXXXXX)
trap '[ -n "$KEEP" ] || rm -rf "$T"' EXIT INT TERM
chmod 755 "$T"
REC=$HELPERS/getty_recorder
PTY=$HELPERS/ptyscript
LINE=ttyC$$
FAILED=""
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; FAILED=1; }

# Deterministic junk: every byte value, NULs and newlines included.
junk() {
    LC_ALL=C awk -v seed="$1" -v n="$2" 'BEGIN { s = seed; for (i = 0; i < n; i++) {
        s = (s * 1103515245 + 12345) % 2147483648; printf "%c", int(s / 65536) % 256 } }'
}
long_line() { awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "a"; printf "\n" }'; }

# crashed RC: true for a timeout or a signal.
crashed() { [ "$1" -eq 124 ] || [ "$1" -ge 128 ]; }

# --- pppd-lite option files -------------------------------------------------
pppd_file() { # CASE FILE EXPECTED-MESSAGE
    chmod 644 "$2"
    timeout 10 "$BIN/pppd-lite" file "$2" dryrun >"$T/out" 2>&1
    rc=$?
    if ! crashed $rc && [ $rc -ne 0 ] && grep -qF -- "$3" "$T/out"; then
        pass "pppd-lite options file, $1: exit $rc, '$3...'"
    else
        fail "pppd-lite options file, $1: exit $rc: $(head -c 300 "$T/out")"
    fi
}
{ echo debug; long_line 100000; } >"$T/long.opt"
pppd_file "100 KB line" "$T/long.opt" "$T/long.opt:2: "
printf 'debug\nname "never closed\nnoauth\n' >"$T/quote.opt"
pppd_file "unterminated quote" "$T/quote.opt" "$T/quote.opt:2: unterminated quoted string"
{ echo debug; junk 1 4000; } >"$T/junk.opt"
pppd_file "binary junk" "$T/junk.opt" "$T/junk.opt:"
printf 'debug\nmru 99999999999999999999\n' >"$T/num.opt"
pppd_file "number out of range" "$T/num.opt" "$T/num.opt:2: "
printf 'mru -1\n' >"$T/neg.opt"
pppd_file "negative number" "$T/neg.opt" "$T/neg.opt:1: "
printf 'file %s\n' "$T/loop.opt" >"$T/loop.opt"
pppd_file "a file that includes itself" "$T/loop.opt" "$T/loop.opt"

# --- chat -f scripts ----------------------------------------------------------
# chat(8) reads -f files with fgets(1024): a longer line is cut into words of
# 1023 bytes; an unterminated quote is an error with the line number.
printf 'wait-exit any\n' >"$T/wait"
chat_file() { # CASE FILE
    timeout 20 "$PTY" -t 10000 -T /dev/null -i "$T/wait" -- sh -c \
        '"$1" -s -f "$2"; echo "rc=$?" >&2' sh "$BIN/chat" "$2" >"$T/out" 2>&1
    prc=$?
    rc=$(sed -n 's/^rc=//p' "$T/out")
}
{ echo "TIMEOUT 1"; long_line 5000; } >"$T/long.chat"
chat_file "5000-byte line" "$T/long.chat"
if [ "$prc" -eq 0 ] && [ "$rc" = 3 ]; then
    pass "chat -f, 5000-byte line: read as 1023-byte words as chat(8), exit 3 on TIMEOUT"
else
    fail "chat -f, 5000-byte line: exit 3 (rc '$rc', ptyscript $prc): $(head -c 300 "$T/out")"
fi
printf "'' AT\nOK 'unterminated\n" >"$T/quote.chat"
chat_file "unterminated quote" "$T/quote.chat"
if [ "$prc" -eq 0 ] && [ "$rc" = 1 ] && grep -q "unterminated quote (line 2)" "$T/out"; then
    pass "chat -f, unterminated quote: 'unterminated quote (line 2)', exit 1"
else
    fail "chat -f, unterminated quote (rc '$rc'): $(head -c 300 "$T/out")"
fi
{ echo "TIMEOUT 1"; junk 2 3000 | tr -d "'\"\\\\"; } >"$T/junk.chat"
chat_file "binary junk" "$T/junk.chat"
if [ "$prc" -eq 0 ] && [ -n "$rc" ] && [ "$rc" -le 3 ]; then
    pass "chat -f, binary junk: ends with status $rc, no crash"
else
    fail "chat -f, binary junk (rc '$rc', ptyscript $prc): $(head -c 300 "$T/out")"
fi

# --- ppplogin.conf ----------------------------------------------------------------
ppplogin_conf() { # FILE: runs ppplogin on a pty with --conf FILE; sets $rc, $T/prec
    rm -f "$T/prec"
    RECORDER_OUT=$T/prec timeout 20 "$PTY" -t 10000 -i -T /dev/null "$T/wait" -- sh -c \
        '"$1" --conf "$2" --pppd "$3"; echo "rc=$?" >&2' sh "$BIN/ppplogin" "$1" "$REC" \
        >"$T/out" 2>&1
    rc=$(sed -n 's/^rc=//p' "$T/out")
}
for f in long quote junk; do
    cp "$T/$f.opt" "$T/ppplogin-$f.conf"; chmod 644 "$T/ppplogin-$f.conf"
    ppplogin_conf "$T/ppplogin-$f.conf"
    if [ "$rc" = 1 ] && [ ! -e "$T/prec" ] && grep -q "ppplogin-$f.conf:[0-9]*: " "$T/out"; then
        pass "ppplogin.conf ($f): $(grep -o "ppplogin-$f.conf:[0-9]*: .*" "$T/out" | head -n 1 |
            cut -c1-70), exit 1, nothing run"
    else
        fail "ppplogin.conf ($f): exit 1 with file:line (rc '$rc'): $(head -c 300 "$T/out")"
    fi
done
printf 'debug noauth\n' >"$T/ppplogin-w.conf"
chmod 666 "$T/ppplogin-w.conf"
ppplogin_conf "$T/ppplogin-w.conf"
# The file that picks pppd-lite's arguments for every caller must not be
# writable by group or others (ppplogin once used such a file as it was).
if [ "$rc" = 1 ] && [ ! -e "$T/prec" ] &&
   grep -q "not using $T/ppplogin-w.conf: .*writable by group or others" "$T/out"; then
    pass "ppplogin.conf writable by others: 'not using ...: writable by group or others', exit 1"
else
    fail "ppplogin.conf mode 0666 refused (rc '$rc', pppd-lite ran with '$(sed -n \
        's/^argv1=//p' "$T/prec" 2>/dev/null)'): $(head -c 200 "$T/out")"
fi

# --- getty: mgetty.config and login.config ---------------------------------------
mkdir -p "$T/cfg" "$T/lock" "$T/log"
good_login_config() {
    cat <<LC
ppp - a_ppp $REC auth -chap +pap login
* - - $REC @
LC
}
write_mgetty() {
    { printf 'debug 4\nspeed 57600\nissue-file /dev/null\nprompt-waittime 50\nlogin-time 20\n'
      cat; } >"$T/cfg/mgetty.config"
}
echo "" | write_mgetty

run_getty() { # log lines in $T/log/mg_$LINE.log, recorder output in $T/rec
    rm -f "$T/rec" "$T/log"/* "$T/lock"/*
    : >"$T/utmp"; : >"$T/wtmp"
    printf 'sleep 700\nsend \\r\n%s\nsend ppp\\r\nwait-exit 0\n' "${PROMPT_STEP:-expect login: }" \
        >"$T/script"
    RECORDER_OUT=$T/rec timeout 40 "$PTY" -t 8000 -l "$T/$LINE" -T /dev/null "$T/script" -- \
        "$BIN/getty" --config-dir "$T/cfg" --lock-dir "$T/lock" --log-dir "$T/log" \
        --utmp "$T/utmp" --wtmp "$T/wtmp" --login "$REC" -x 9 -r "$T/$LINE" 2>>"$T/stderr"
}
log_has() { grep -qF -- "$1" "$T/log/mg_$LINE.log"; }
dispatched_ppp() { grep -qx argc=5 "$T/rec" 2>/dev/null && grep -qx argv1=auth "$T/rec"; }
dispatched_login() { grep -qx argc=2 "$T/rec" 2>/dev/null && grep -qx argv1=ppp "$T/rec"; }

good_login_config >"$T/cfg/login.config"; chmod 600 "$T/cfg/login.config"

# mgetty.config: each bad line is named with its number; getty still answers.
{ echo "login-prompt \"never closed"; long_line 100000; junk 3 600 | tr -d '\n\r'; echo;
  echo "speed 57600"; } | write_mgetty
# (the prompt is not waited for: the unterminated one changes it)
if PROMPT_STEP="sleep 1500" run_getty && dispatched_ppp && log_has "mgetty.config:7: line too long"; then
    pass "mgetty.config with a 100 KB line and junk: getty still answers, the long line named"
else
    fail "mgetty.config with bad lines: $(grep -i "mgetty.config" "$T/log/mg_$LINE.log" 2>/dev/null |
        head -c 400)"
fi
if log_has "mgetty.config:8:"; then
    pass "mgetty.config: the binary junk line is named"
else
    fail "mgetty.config: the binary junk line is named (line 8)"
fi
# A string value that opens a quote and never closes it is an error (getty
# once took it literally, quote included, without a word).
if log_has "mgetty.config:6: unterminated quoted string for login-prompt"; then
    pass "mgetty.config: login-prompt with an unterminated quote: 'unterminated quoted string', line 6"
else
    fail "mgetty.config: login-prompt \"never closed (line 6) is accepted silently"
fi
echo "" | write_mgetty

# login.config: bad lines are named; the good ones still work.
{ long_line 20000; junk 4 1500 | tr -d '\n'; echo; echo "x - - \"$REC unterminated";
  good_login_config; } >"$T/cfg/login.config"
chmod 600 "$T/cfg/login.config"
if run_getty && dispatched_ppp; then
    pass "login.config with a 20 KB line, junk, an unterminated quote: the good ppp line works"
else
    fail "login.config with bad lines: $(head -c 300 "$T/rec" 2>/dev/null)" \
        "$(grep -i "login.config" "$T/log/mg_$LINE.log" 2>/dev/null | head -c 400)"
fi
if log_has "login.config:1:" && log_has "login.config:2:"; then
    pass "login.config: the overlong and the junk lines are named with their numbers"
else
    fail "login.config: bad lines named ($(grep -i "login.config" "$T/log/mg_$LINE.log" 2>/dev/null |
        head -c 400))"
fi

# login.config writable by others, by the group, or owned by someone else:
# refused (as mgetty: /bin/login with the name instead, and a log line).
good_login_config >"$T/cfg/login.config"
for mode in 0666 0620 0602; do
    chmod "$mode" "$T/cfg/login.config"
    if run_getty && dispatched_login &&
       log_has "wrong permissions. Must be owned by 'root' and have mode '0600'"; then
        pass "login.config mode $mode: refused, logged, /bin/login with the name"
    else
        fail "login.config mode $mode refused: $(tr '\n' ' ' <"$T/rec" 2>/dev/null)"
    fi
done
chmod 600 "$T/cfg/login.config"
if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1; then
    chown nobody "$T/cfg/login.config"
    if run_getty && dispatched_login && log_has "wrong permissions"; then
        pass "login.config owned by nobody: refused, logged"
    else
        fail "login.config owned by nobody refused: $(tr '\n' ' ' <"$T/rec" 2>/dev/null)"
    fi
    chown root "$T/cfg/login.config"
else
    echo "SKIP: login.config owned by another user (needs root and user nobody)"
fi

[ -z "$FAILED" ]
