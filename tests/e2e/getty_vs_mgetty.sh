#!/bin/sh
# getty against Debian 12's mgetty 1.2.1, side by side: both programs run with
# the same command line on the same scripted modem dialogue over a pty
# (tests/helpers/ptyscript), each in a private mount namespace where
# /etc/mgetty, /run (utmp, /var/lock) and /var/log/wtmp are the case's own
# files. Compared: every byte on the line, the exec'd argv, environment, uid,
# the terminal modes (`stty -a`) handed over (tests/helpers/getty_recorder
# stands in for /bin/login and pppd) and the utmp and wtmp records
# (tests/helpers/getty_utmpdump). The shell that starts each program writes
# an INIT_PROCESS record for its own pid first, as init does, and execs it.
# Timing is the script's: both programs see the same bytes at the same
# moments. Deliberate differences are listed in doc/getty.8.
: "${TOP:?}" "${BIN:?}" "${HELPERS:?}"
FAILED=""
pass() { printf "PASS: getty_vs_mgetty: %s\n" "$*"; }
fail() { printf "FAIL: getty_vs_mgetty: %s\n" "$*"; FAILED=1; }
skip() { echo "SKIP: getty_vs_mgetty: $*"; exit 0; }

[ "$(id -u)" -eq 0 ] || skip "needs root (mount namespaces)"
MG=/usr/sbin/mgetty
[ -x "$MG" ] || sh "$TOP/contrib/install-deps" mgetty >/dev/null 2>&1
[ -x "$MG" ] || skip "Debian's mgetty not installable"
"$MG" -V 2>&1 | grep -q "1\.2\.1" || skip "mgetty is not 1.2.1 ($("$MG" -V 2>&1 | head -1))"
unshare -m true 2>/dev/null || skip "mount namespaces refused"

T=$(mktemp -d /tmp/getty-vs-mgetty.XXXXXX)
chmod 755 "$T"
trap '[ -n "$KEEP" ] || rm -rf "$T"' EXIT INT TERM
REC=$HELPERS/getty_recorder
DUMP=$HELPERS/getty_utmpdump

# Inside the namespace: the case's directories over the system's, then the
# pty script; the program is started by start.sh below.
cat >"$T/ns.sh" <<'EOF'
D=$1; shift
mount --make-rprivate / 2>/dev/null
mount --bind "$D/etc" /etc/mgetty || exit 97
# getty prefers upstream's directory when the host has one
if [ -d /etc/mgetty+sendfax ]; then mount --bind "$D/etc" /etc/mgetty+sendfax || exit 97; fi
mount --bind "$D/run" /run || exit 97
mount --bind "$D/wtmp" /var/log/wtmp || exit 97
mount --bind "$D/log" /var/log/mgetty || exit 97
exec "$@"
EOF
# Started by ptyscript: TTY first, then the program and its arguments. As
# init: an INIT_PROCESS record for this pid, then exec (the pid stays).
cat >"$T/start.sh" <<EOF
tty=\$1; shift
line=\${tty#/dev/}
echo "\$\$ \$line" >"\$CASE_DIR/pid"
"$DUMP" -w /run/utmp INIT_PROCESS "" "\$line" \$\$ || exit 96
exec "\$@" "\$tty"
EOF

# CFG holds the case's mgetty.config, login.config and issue file.
CFG=$T/cfg
newcase() {
    rm -rf "$CFG"; mkdir -p "$CFG"
    cat >"$CFG/login.config" <<EOF
/AutoPPP/ - a_ppp $REC auth -chap +pap login
ppp - a_ppp $REC auth -chap +pap login \\I \\Y
* - - $REC @
EOF
    chmod 600 "$CFG/login.config"
    printf 'Welcome\non the test line\n' >"$CFG/issue"
}

# one PROG NAME: run PROG (deb or our) on the dialogue in $T/script with the
# arguments in $ARGS; its results go to $T/NAME.PROG/.
one() {
    prog=$1; name=$2
    D=$T/$name.$prog
    rm -rf "$D"; mkdir -p "$D/etc" "$D/run/lock" "$D/log" "$D/pub"
    chmod 1777 "$D/pub"     # the recorder may run as another user
    cp "$CFG"/* "$D/etc/"
    : >"$D/run/utmp"; : >"$D/wtmp"; chmod 664 "$D/run/utmp" "$D/wtmp"
    if [ "$prog" = deb ]; then exe=$MG; else exe=$BIN/getty; fi
    # the line's owner and mode while the program waits ($STAT_AT s after
    # start, default 1.2; or after it ended, while ptyscript still holds the pty)
    ( i=0; while [ ! -s "$D/pid" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
      sleep "${STAT_AT:-1.2}"; read -r _ l <"$D/pid" && stat -c '%a %U %G' "/dev/$l" >"$D/stat.wait" ) 2>/dev/null &
    statpid=$!
    # shellcheck disable=SC2086
    CASE_DIR=$D RECORDER_OUT=$D/pub/rec RECORDER_FULL=1 timeout 90 unshare -m sh "$T/ns.sh" "$D" \
        "$HELPERS/ptyscript" -t 15000 -T "$D/transcript" "$T/script" -- \
        sh "$T/start.sh" '{TTY}' "$exe" $ARGS >"$D/out" 2>&1
    echo $? >"$D/rc"
    wait "$statpid" 2>/dev/null
    read -r pid line <"$D/pid" 2>/dev/null
    n=${line#pts/}
    # What was said on the line: the received bytes, joined (the chunks
    # depend on timing), with the line's name and pid made neutral.
    sed -n 's/^recv: //p' "$D/transcript" | tr -d '\n' |
        sed -e "s|pts/$n\\b|pts/N|g" >"$D/bytes"
    id=$(printf '%s' "$line" | tail -c 4)     # init's ut_id: the line's last 4 characters
    norm() { sed -e "s/pid=$pid\\b/pid=GETTY/" -e "s|id=$id\\b|id=ID|" -e "s|pts/$n\\b|pts/N|g"; }
    [ -f "$D/pub/rec" ] && grep -v '^stty=speed\|^environ=RECORDER_OUT=\|^environ=CASE_DIR=' "$D/pub/rec" | norm >"$D/rec.n"
    "$DUMP" "$D/run/utmp" | norm >"$D/utmp.n"
    "$DUMP" "$D/wtmp" | norm >"$D/wtmp.n"
}

# compare NAME: run both and compare what each left. With $SPLIT set, the
# bytes after its last occurrence differ on purpose (doc/getty.8, "Deliberate
# differences"): they are compared with $DEB_REST and $OUR_REST instead.
compare() {
    name=$1
    one deb "$name"; one our "$name"
    d=$T/$name.deb; o=$T/$name.our
    if [ -n "$SPLIT" ]; then
        for w in deb our; do
            f=$T/$name.$w/bytes
            awk -v s="$SPLIT" '{ i = 0; p = 0; while ((j = index(substr($0, p + 1), s)) > 0) { p += j; i = p }
                 if (i) { printf "%s", substr($0, 1, i + length(s) - 1) > (FILENAME ".head");
                          printf "%s", substr($0, i + length(s)) > (FILENAME ".rest") }
                 else { printf "%s", $0 > (FILENAME ".head"); printf "" > (FILENAME ".rest") } }' "$f"
            mv "$f.head" "$f"
        done
        for w in deb our; do
            if [ "$w" = deb ]; then want=$DEB_REST; else want=$OUR_REST; fi
            got=$(cat "$T/$name.$w/bytes.rest")
            if [ "$got" = "$want" ]; then
                pass "$name: $w sends '$want' after '$SPLIT' (a documented difference)"
            else
                fail "$name: $w sends '$got' after '$SPLIT', expected '$want'"
            fi
        done
        SPLIT=""
    fi
    for what in rc bytes stat.wait rec.n utmp.n wtmp.n; do
        if [ ! -e "$d/$what" ] && [ ! -e "$o/$what" ]; then
            continue
        fi
        if cmp -s "$d/$what" "$o/$what"; then
            pass "$name: same $what"
        else
            fail "$name: $what differs (< mgetty, > getty)"
            diff "$d/$what" "$o/$what" | head -20
            [ "$what" = bytes ] && { echo "mgetty: $(cat "$d/bytes")"; echo "getty:  $(cat "$o/bytes")"; }
        fi
    done
}

# ---- 1. direct line (-r): a CR, the issue file and prompt, a name, login
newcase
printf 'speed 38400\nissue-file /etc/mgetty/issue\n' >"$CFG/mgetty.config"
cat >"$T/script" <<'EOF'
sleep 1500
send \r
expect login: 
sleep 300
send bob\r
sleep 1500
EOF
ARGS="-r"
compare direct

# The modem's side of a call up to the prompt: Debian's default init chat
# (with -D), a RING, ATA, CONNECT.
MODEM_CALL='expect ATQ0V1H0\r
send \r\nOK\r\n
expect AT\r
send \r\nOK\r\n
sleep 1500
send \r\nRING\r\n
expect ATA\r
send \r\nCONNECT 38400\r\n'
modem_cfg() { printf 'speed 38400\nissue-file /etc/mgetty/issue\ntoggle-dtr no\n%s\n' "$1" >"$CFG/mgetty.config"; }
# ONLY='shell code': run just that (a case being looked into), with KEEP=1
[ -n "$ONLY" ] && { eval "$ONLY"; exit; }

# ---- 2. modem: init, RING, answer, the default prompt, a name for the * entry
newcase
modem_cfg ""
printf '%s\nexpect login: \nsleep 300\nsend fred\\r\nsleep 1500\n' "$MODEM_CALL" >"$T/script"
ARGS="-D"
compare modem_login

# ---- 3. modem: "ppp" ended with LF runs the ppp entry (its argv with \I and
# \Y, utmp a_ppp); the tty modes after an LF
newcase
modem_cfg ""
printf '%s\nexpect login: \nsleep 300\nsend ppp\\n\nsleep 1500\n' "$MODEM_CALL" >"$T/script"
ARGS="-D"
compare modem_ppp

# ---- 4. direct: a name with @ in it for the * entry (@ is replaced by it),
# the issue file's escapes, fido-send-emsi no, an empty line first
newcase
printf 'speed 38400\ndirect yes\nissue-file /etc/mgetty/issue\nfido-send-emsi no\nlogin-prompt \\P \\I \\Y \\S \\101 login: \n' >"$CFG/mgetty.config"
printf 'line \\P @ \\I\nspeed \\S\\r\\n\nlast without LF' >"$CFG/issue"
cat >"$T/script" <<'EOF'
sleep 1500
send \r
expect login: 
sleep 300
send \r
expect login: 
sleep 300
send joe@example.org\r
sleep 1500
EOF
ARGS=""
compare direct_at

# ---- 5. AutoPPP: a PPP frame instead of a name. What the program reads of
# the frame differs on purpose (getty hands it back, see doc/getty.8), so
# the recorder does not read input here.
newcase
modem_cfg ""
printf '%s\nexpect login: \nsleep 300\nsend \\x7e\\xff\\x7d\\x23\\xc0\\x21\\x7d\\x21\\x7d\\x21\\x7d\\x20\\x7d\\x34\nsleep 1500\n' "$MODEM_CALL" >"$T/script"
ARGS="-D"
# mgetty echoes the frame start (DEL from 0xff erases the ~) and ends the
# "line"; getty holds that echo back so the peer gets no bogus frame
SPLIT='login: '; DEB_REST='~\x08 \x08}#@\r\n'; OUR_REST=''
compare autoppp

# ---- 6. login-time runs out at the prompt. Debian's mgetty 1.2.1 notices
# only at the next byte from the line ("login timeout, exit."), so a byte
# comes 2 s after the expiry; getty has hung up and ended by then (a
# documented difference, checked on its own below).
newcase
modem_cfg "login-time 3"
printf '%s\nexpect login: \nsleep 5000\nsend x\nwait-exit 0\n' "$MODEM_CALL" >"$T/script"
ARGS="-D"
compare login_time
printf '%s\nexpect login: \nwait-exit 0\n' "$MODEM_CALL" >"$T/script"
one our login_time_alone
if [ "$(cat "$T/login_time_alone.our/rc")" = 0 ]; then
    pass "login_time: getty ends the call by itself when login-time runs out (exit 0)"
else
    fail "login_time: getty did not end the call by itself"; cat "$T/login_time_alone.our/out"
fi

# ---- 7. a bad login.config: a line with too few fields, then the * entry
newcase
modem_cfg ""
cat >"$CFG/login.config" <<EOF
ppp
* - - $REC @
EOF
chmod 600 "$CFG/login.config"
printf '%s\nexpect login: \nsleep 300\nsend ppp\\r\nsleep 1500\n' "$MODEM_CALL" >"$T/script"
ARGS="-D"
compare bad_login_config

# ---- 8. a login.config userid: the program runs as that user, the line is
# given to it, the utmp column names the session
newcase
printf 'speed 38400\ndirect yes\nissue-file /etc/mgetty/issue\n' >"$CFG/mgetty.config"
cat >"$CFG/login.config" <<EOF
carol nobody c_utmp $REC -x @
* - - $REC @
EOF
chmod 600 "$CFG/login.config"
printf 'sleep 1500\nsend \\r\nexpect login: \nsleep 300\nsend carol\\r\nsleep 1500\n' >"$T/script"
ARGS=""
compare userid

# ---- 9. the modem answers ERROR: to the init chat, and to ATA
newcase
modem_cfg ""
printf 'expect ATQ0V1H0\\r\nsend \\r\\nERROR\\r\\n\nwait-exit 1\nsleep 3000\n' >"$T/script"
ARGS="-D"
STAT_AT=3     # after the exit: what each leaves the line as
compare init_error
STAT_AT=
newcase
modem_cfg ""
printf '%s\n' 'expect ATQ0V1H0\r
send \r\nOK\r\n
expect AT\r
send \r\nOK\r\n
sleep 1500
send \r\nRING\r\n
expect ATA\r
send \r\nERROR\r\n
wait-exit 0' >"$T/script"
ARGS="-D"
compare answer_error

[ -z "$FAILED" ]
