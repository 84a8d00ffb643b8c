#!/bin/sh
# getty end to end on a pseudo-terminal, direct mode (-r): login.config
# dispatch (the seed's lines), AutoPPP, /bin/login fallback, hostile names,
# file permissions, login-time expiry, locks, utmp/wtmp, userid, environment.
# A recording stand-in (getty_recorder) replaces pppd and /bin/login.
: "${TOP:?}" "${BIN:?}" "${HELPERS:?}"
T=$(mktemp -d /tmp/getty-e2e.XXXXXX)
trap '[ -n "$KEEP" ] || rm -rf "$T"' EXIT INT TERM
REC=$HELPERS/getty_recorder
PTY=$HELPERS/ptyscript
DUMP=$HELPERS/getty_utmpdump
LINE=ttyG$$
mkdir -p "$T/cfg" "$T/lock" "$T/log" "$T/pub"
chmod 755 "$T"; chmod 1777 "$T/pub"   # the recorder may run as nobody

pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; }
check() { # check "what" command...
    what=$1; shift
    if "$@" >/dev/null 2>&1; then pass "$what"; else fail "$what"; fi
}

# The seed HOWTO's login.config with the recorder in place of pppd/login.
write_login_config() {
    cat >"$T/cfg/login.config" <<LC
# login.config
timeout 20
/AutoPPP/ - ppp $REC auth -chap +pap login
ppp - a_ppp $REC auth -chap +pap login
nob nobody - $REC nobody-session
* - - $REC @
LC
    chmod 600 "$T/cfg/login.config"
}
# The seed's mgetty.config plus test settings.
write_mgetty_config() {
    cat >"$T/cfg/mgetty.config" <<MC
debug 4
speed 57600
login-time 30
answer-chat-timeout 30
toggle-dtr yes
issue-file $T/issue
prompt-waittime 50
$1
MC
    printf 'Welcome to \\s on \\P\n' >"$T/issue"
}

reset_files() {
    rm -f "$T/rec" "$T/pub/rec" "$T/lock"/* "$T/log"/* "$T/transcript"
    : >"$T/utmp"; : >"$T/wtmp"
}

# as init: an INIT_PROCESS record for this pid in $T/utmp, then exec the
# rest (getty, whose pid it is); getty updates only that record, as mgetty
cat >"$T/init.sh" <<EOF
"$DUMP" -w "$T/utmp" INIT_PROCESS "" "$LINE" \$\$ || exit 96
exec "\$@"
EOF

# run_getty SCRIPT_TEXT [extra getty args...]: runs getty under ptyscript.
run_getty() {
    printf '%s\n' "$1" >"$T/script"; shift
    RECORDER_OUT=$T/rec RECORDER_LOCK=$T/lock/LCK..$LINE \
    timeout 40 "$PTY" -t 8000 -l "$T/$LINE" -T "$T/transcript" "$T/script" -- \
        sh "$T/init.sh" "$BIN/getty" --config-dir "$T/cfg" --lock-dir "$T/lock" --log-dir "$T/log" \
        --utmp "$T/utmp" --wtmp "$T/wtmp" --login "$REC" -x 9 "$@" -r "$T/$LINE" \
        2>>"$T/stderr"
}

log_has() { grep -q -- "$1" "$T/log/mg_$LINE.log"; }
rec_has() { grep -qx -- "$1" "$T/rec"; }

write_login_config
write_mgetty_config ""

# 1. "ppp" at the prompt runs the ppp entry with exactly login.config's argv
reset_files
if run_getty "sleep 700
send \\r
expect Welcome to Linux on $LINE
expect login: 
send ppp\\r
wait-exit 0"; then
    if rec_has "argc=5" && rec_has "argv0=getty_recorder" && rec_has "argv1=auth" &&
       rec_has "argv2=-chap" && rec_has "argv3=+pap" && rec_has "argv4=login"; then
        pass "ppp at the prompt runs the login.config ppp entry with its argv"
    else fail "ppp entry argv: $(tr '\n' ' ' <"$T/rec")"; fi
    check "environment CONNECT=DIRECT DEVICE CALLER_ID=none" \
        sh -c "grep -qx env_CONNECT=DIRECT '$T/rec' && grep -qx env_DEVICE=$LINE '$T/rec' && grep -qx env_CALLER_ID=none '$T/rec'"
    check "the line is the program's controlling tty on stdin, cooked with echo" \
        sh -c "grep -qx ctty=1 '$T/rec' && grep -qx stdin_tty=1 '$T/rec' && grep -qx echo=1 '$T/rec' && grep -qx icanon=1 '$T/rec' && grep -qx sid_is_pid=1 '$T/rec' && grep -qx clocal=0 '$T/rec'"
    pid=$(sed -n 's/^pid=//p' "$T/rec")
    check "the lock file holds the session's PID during the call" rec_has "lock=$pid"
    check "utmp: USER_PROCESS a_ppp on the line (getutxent)" \
        sh -c "'$DUMP' '$T/utmp' | grep -q '^USER_PROCESS user=a_ppp line=$LINE host=DIRECT pid=$pid'"
    check "wtmp: LOGIN_PROCESS LOGIN, then USER_PROCESS a_ppp (nothing while waiting, as Debian's mgetty)" \
        sh -c "[ \$('$DUMP' '$T/wtmp' | wc -l) -eq 2 ] && '$DUMP' '$T/wtmp' | head -1 | grep -q '^LOGIN_PROCESS user=LOGIN line=$LINE' && '$DUMP' '$T/wtmp' | sed -n 2p | grep -q '^USER_PROCESS user=a_ppp'"
    check "audit log line as mgetty's" \
        log_has "data dev=$LINE, pid=$pid, caller='none', conn='DIRECT', name='', cmd='$REC', user='ppp'"
    check "the seed's 'timeout 20' line is reported with file and line" log_has "login.config:2: syntax error"
else
    fail "ppp at the prompt (ptyscript failed: $(tail -3 "$T/stderr" | tr '\n' ' '))"
fi

# 1b. the next getty writes nothing while it waits for a call (init's record
# for it stays as init wrote it, as with Debian's mgetty); the prompt's \U and
# \N count the users logged in (utmp USER_PROCESS records), as mgetty's
if [ -s "$T/utmp" ]; then
    "$DUMP" "$T/utmp" | grep -q "^USER_PROCESS user=a_ppp line=$LINE" || fail "1b: no session record to start from"
    run_getty "sleep 1500" &
    bg=$!
    sleep 1
    gpid=$(sed -n 's/.*getty (pppsuite) .* pid \([0-9]*\)$/\1/p' "$T/log/mg_$LINE.log" | tail -1)
    check "utmp while waiting: only init's INIT_PROCESS record for getty, wtmp untouched" \
        sh -c "'$DUMP' '$T/utmp' | grep -q '^INIT_PROCESS user= line=$LINE host= pid=$gpid' && ! '$DUMP' '$T/utmp' | grep -q '^USER_PROCESS.* line=$LINE ' && [ \$('$DUMP' '$T/wtmp' | wc -l) -eq 2 ]"
    wait "$bg"
    # two users on other lines, then the prompt counts them
    "$DUMP" -w "$T/utmp" USER_PROCESS fred ttyX1 4001 &&
        "$DUMP" -w "$T/utmp" USER_PROCESS wilma ttyX2 4002 ||
        fail "getty_utmpdump -w"
    write_mgetty_config 'login-prompt "\U users, \N logged in, login: "'
    run_getty "sleep 700
send \\r
expect 2 users, 2 logged in, login: 
send ppp\\r
wait-exit 0" && pass "\\U and \\N in the prompt: the users logged in (utmp USER_PROCESS records)" ||
        fail "\\U and \\N in the prompt: $(grep -a 'login:' "$T/transcript" | tail -1)"
    write_mgetty_config ""
fi

# 2. a stale lock is cleared; the lock of an ended session is stale for the next getty
reset_files
echo "    999999" >"$T/lock/LCK..$LINE"
if run_getty "sleep 700
send \\r
expect login: 
send someone\\r
wait-exit 0"; then
    check "a stale lock is removed" log_has "stale lockfile, created by process 999999"
    check "any other name runs the * entry (login) with @ replaced" \
        sh -c "grep -qx argc=2 '$T/rec' && grep -qx argv1=someone '$T/rec' && grep -qx tty_mode=0600 '$T/rec'"
    check "login.config with utmp '-' writes no USER_PROCESS record" \
        sh -c "! '$DUMP' '$T/utmp' | grep -q USER_PROCESS && '$DUMP' '$T/utmp' | grep -q '^LOGIN_PROCESS user=LOGIN'"
else
    fail "stale lock / other name (ptyscript failed)"
fi

# 3. a PPP frame instead of a name runs /AutoPPP/ on a raw line; the
# program reads the peer's first frame whole (getty hands back the bytes it
# read), then what followed it, in order
export RECORDER_READ_MS=700
for form in '\x7e\xff\x7d\x23\xc0\x21\x7d\x21\x7d\x21\x7d\x20\x7d\x34' '\x7e\xff\x03\xc0\x21\x01\x01\x00\x14' \
    '\x7e\xff\x7d\x23\xc0\x21\x7d\x21\x7d\x21\x7d\x20\x7d\x24\x12\x34\x7e\x7e\xff\x7d\x23\xc0\x21\x7d\x22\x7e'; do
    reset_files
    if run_getty "sleep 700
send \\r
expect login: 
send $form
wait-exit 0"; then
        check "PPP frame ($form) runs /AutoPPP/, line raw without echo" \
            sh -c "grep -qx argv1=auth '$T/rec' && grep -qx echo=0 '$T/rec' && grep -qx icanon=0 '$T/rec' && grep -qx opost=0 '$T/rec' && '$DUMP' '$T/utmp' | grep -q '^USER_PROCESS user=ppp '"
        want=$(printf '%s' "$form" | sed 's/\\x//g')
        check "AutoPPP: the program reads every byte of the frame(s) in order" rec_has "input=$want"
    else
        fail "PPP frame $form (ptyscript failed)"
    fi
done
unset RECORDER_READ_MS
# ... and a frame start followed by a flood without a closing flag: the
# program still starts promptly (nothing is handed back that would be out
# of order; logged)
reset_files
start=$(date +%s)
if run_getty "sleep 700
send \\r
expect login: 
send \\x7e\\xff\\x7d\\x23\\xc0\\x21
send-repeat 800 0123456789
wait-exit 0"; then
    end=$(date +%s)
    if rec_has "argv1=auth" && [ $((end - start)) -le 6 ]; then
        pass "AutoPPP with a flood after the frame start: dispatched in $((end - start)) s"
    else fail "AutoPPP flood: $(head -3 "$T/rec" | tr '\n' ' ') $((end - start)) s"; fi
else fail "AutoPPP flood (ptyscript failed: $(tail -3 "$T/stderr" | tr '\n' ' '))"; fi

# 4. hostile names reach the program as one argv word; a leading '-' is refused
reset_files
run_getty "sleep 700
send \\r
expect login: 
send \$(reboot); rm -rf /\\r
wait-exit 0" && check "a name like '\$(reboot); rm -rf /' is one argv word" \
    sh -c "grep -qx argc=2 '$T/rec' && grep -qFx 'argv1=\$(reboot); rm -rf /' '$T/rec'" ||
    fail "hostile name (ptyscript failed)"
reset_files
run_getty "sleep 700
send \\r
expect login: 
send -froot\\r
expect froot
wait-exit 0" && check "a leading '-' is erased: no option injection into login" \
    sh -c "grep -qx argv1=froot '$T/rec' && grep -qx argc=2 '$T/rec'" ||
    fail "leading dash (ptyscript failed)"

# 5. userid: the program runs as that user; the line keeps its owner
# (port-owner, root by default) with mode 0600, as Debian's mgetty
reset_files
ln -s "$T/pub/rec" "$T/rec"
run_getty "sleep 700
send \\r
expect login: 
send nob\\r
wait-exit 0" && check "userid column: setuid to nobody, tty still root's, mode 0600" \
    sh -c "grep -qx uid=$(id -u nobody) '$T/rec' && grep -qx euid=$(id -u nobody) '$T/rec' && grep -qx tty_uid=0 '$T/rec' && grep -qx tty_mode=0600 '$T/rec'" ||
    fail "userid (ptyscript failed)"

# 6. login.config with group/other bits is ignored: /bin/login (here --login) with the name
reset_files
chmod 644 "$T/cfg/login.config"
run_getty "sleep 700
send \\r
expect login: 
send ppp\\r
wait-exit 0" && check "login.config mode 0644 ignored, logged, fallback to login NAME" \
    sh -c "grep -qx argc=2 '$T/rec' && grep -qx argv1=ppp '$T/rec' && grep -q \"wrong permissions. Must be owned by 'root' and have mode '0600'\" '$T/log/mg_$LINE.log'" ||
    fail "permissions fallback (ptyscript failed)"
chmod 600 "$T/cfg/login.config"

# 7. login-time expiry: hang up, lock released, exit so init respawns
reset_files
write_mgetty_config "login-time 2"
start=$(date +%s)
run_getty "sleep 700
send \\r
expect login: 
wait-exit 0"
rc=$?; end=$(date +%s)
if [ $rc -eq 0 ] && [ $((end - start)) -le 8 ] && log_has "login time out" && [ ! -e "$T/lock/LCK..$LINE" ]; then
    pass "login-time expiry: exit 0, logged, lock gone"
else fail "login-time expiry (rc=$rc, $((end - start))s)"; fi
write_mgetty_config ""

# 7b. stopped by init (SIGTERM) at the prompt: the lock goes with it
reset_files
run_getty "sleep 700
send \\r
expect login: "
sleep 0.3
if [ ! -e "$T/lock/LCK..$LINE" ]; then pass "SIGTERM at the prompt: lock removed"
else fail "SIGTERM at the prompt left $(cat "$T/lock/LCK..$LINE")"; fi

# 8. editing: erase and kill at the prompt, an empty line shows the prompt again
reset_files
run_getty "sleep 700
send \\r
expect login: 
send xx\\x7f\\x7f\\r
expect login: 
send ab\\x15
expect login: 
send pp\\x08pp\\r
wait-exit 0" && check "erase, kill and empty lines at the prompt" rec_has "argv1=auth" ||
    fail "editing at the prompt (ptyscript failed)"

# 9. a dial-out program takes the line while getty waits: getty steps back
reset_files
sleep 30 &
holder=$!
printf 'sleep 700\nsend \\r\nsleep 1500\nreject login:\n' >"$T/script"
( sleep 0.4; printf '%10d\n' "$holder" >"$T/lock/LCK..$LINE" ) &
RECORDER_OUT=$T/rec timeout 40 "$PTY" -t 8000 -l "$T/$LINE" -T "$T/transcript" "$T/script" -- \
    sh "$T/init.sh" "$BIN/getty" --config-dir "$T/cfg" --lock-dir "$T/lock" --log-dir "$T/log" --utmp "$T/utmp" \
    --wtmp "$T/wtmp" -x 9 -r "$T/$LINE" 2>>"$T/stderr" &
pty=$!
sleep 1.5
kill "$holder" 2>/dev/null
wait "$pty"
if log_has "dialout in progress: 'sleep 30'!" && "$DUMP" "$T/utmp" | grep -q '^USER_PROCESS user=dialout'; then
    pass "dial-out detected: logged, utmp dialout, no prompt"
else fail "dial-out detection"; fi
wait 2>/dev/null

# 10. bad config lines name file and line; getty still answers
reset_files
write_mgetty_config "bogus-key 1
rings many"
run_getty "sleep 700
send \\r
expect login: 
send ppp\\r
wait-exit 0" && check "mgetty.config errors name file:line and getty still works" \
    sh -c "grep -q 'mgetty.config:8: unknown keyword .bogus-key.' '$T/log/mg_$LINE.log' && grep -q 'mgetty.config:9: invalid value' '$T/log/mg_$LINE.log'" ||
    fail "config errors (ptyscript failed)"
write_mgetty_config ""

# 11. command line: -F refused clearly, --help, --version, no line
out=$(timeout 10 "$BIN/getty" -F ttyS0 2>&1); rc=$?
case "$out" in *"not supported"*) [ $rc -eq 2 ] && pass "-F refused with a clear message, status 2" || fail "-F status $rc";;
    *) fail "-F message: $out";; esac
timeout 5 "$BIN/getty" --help | grep -q 'Usage: getty' && pass "--help" || fail "--help"
timeout 5 "$BIN/getty" --version | grep -q 'getty (pppsuite)' && pass "--version" || fail "--version"
timeout 10 "$BIN/getty" -r >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] && pass "no line: usage error, status 2" || fail "no line: status $rc"
# 12. contrib/examples: the seed's mgetty.config as shipped, its login.config
# with only the binary paths changed
reset_files
sed "s|/usr/local/sbin/pppd-lite|$REC|; s|/bin/login|$REC|" "$TOP/contrib/examples/login.config" \
    >"$T/cfg/login.config"
chmod 600 "$T/cfg/login.config"
run_getty "sleep 1200
send \\r
expect login: 
send ppp\\r
wait-exit 0" -c "$TOP/contrib/examples/mgetty.config" &&
    check "contrib/examples (seed files) work unmodified apart from binary paths" \
        sh -c "grep -qx argv1=auth '$T/rec' && grep -qx argv4=login '$T/rec' && ! grep -q 'mgetty.config:[0-9]' '$T/log/mg_$LINE.log'" ||
    fail "contrib/examples (ptyscript failed)"
write_login_config

# 13a. -b (blocking yes): getty's line fd has no O_NONBLOCK (on a real line
# the open waits for carrier unless CLOCAL); without it the fd is
# non-blocking; a whole call works on the blocking line
for mode in nonblocking blocking; do
    reset_files
    if [ $mode = blocking ]; then set -- -b; else set --; fi
    run_getty "sleep 1500" "$@" &
    bg=$!
    sleep 1
    gpid=$(sed -n 's/.*getty (pppsuite) .* pid \([0-9]*\)$/\1/p' "$T/log/mg_$LINE.log" | tail -1)
    slave=$(readlink -f "$T/$LINE")
    flags=""
    for fd in /proc/"$gpid"/fd/*; do
        [ "$(readlink "$fd" 2>/dev/null)" = "$slave" ] || continue
        flags=$(sed -n 's/^flags:[[:space:]]*//p' "/proc/$gpid/fdinfo/${fd##*/}")
        break
    done
    wait "$bg"
    if [ -z "$flags" ]; then fail "-b: no line fd found in /proc/$gpid"
    elif [ $mode = blocking ] && [ $((0$flags & 04000)) -eq 0 ] && log_has "opening .* blocking"; then
        pass "-b: the line is opened without O_NONBLOCK (fdinfo flags $flags)"
    elif [ $mode = nonblocking ] && [ $((0$flags & 04000)) -ne 0 ]; then
        pass "without -b the line is opened O_NONBLOCK (fdinfo flags $flags)"
    else fail "$mode open: fdinfo flags $flags"; fi
done
set --
reset_files
run_getty "sleep 700
send \\r
expect login: 
send ppp\\r
wait-exit 0" -b && check "-b: a whole call on the blocking line" rec_has "argv1=auth" ||
    fail "-b: a whole call (ptyscript failed: $(tail -3 "$T/stderr" | tr '\n' ' '))"

# 13. the man pages describe every option and keyword of the table (--help prints it)
missing=""
help=$(timeout 5 "$BIN/getty" --help)
for opt in $(printf '%s\n' "$help" | sed -n 's/^  \(-[A-Za-z]\).*/\1/p; s/^  \(--[a-z-]*\).*/\1/p; s/^  -., \(--[a-z-]*\).*/\1/p'); do
    o=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
    grep -q -- "$o" "$TOP/doc/getty.8" || missing="$missing $opt"
done
for key in $(printf '%s\n' "$help" | sed -n '/^mgetty.config keywords:/,$p' | tail -n +2); do
    grep -q "fB$key\\\\fR" "$TOP/doc/mgetty.config.5" || missing="$missing $key"
done
[ -z "$missing" ] && pass "doc/getty.8 and doc/mgetty.config.5 cover every option and keyword" ||
    fail "undocumented:$missing"
exit 0
