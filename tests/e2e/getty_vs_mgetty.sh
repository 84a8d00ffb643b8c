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
pass() { echo "PASS: getty_vs_mgetty: $*"; }
fail() { echo "FAIL: getty_vs_mgetty: $*"; FAILED=1; }
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
    rm -rf "$D"; mkdir -p "$D/etc" "$D/run/lock" "$D/log"
    cp "$CFG"/* "$D/etc/"
    : >"$D/run/utmp"; : >"$D/wtmp"; chmod 664 "$D/run/utmp" "$D/wtmp"
    if [ "$prog" = deb ]; then exe=$MG; else exe=$BIN/getty; fi
    # the line's owner and mode while the program waits (1.2 s in)
    ( sleep 1.2; read -r _ l <"$D/pid" && stat -c '%a %U %G' "/dev/$l" >"$D/stat.wait" ) 2>/dev/null &
    statpid=$!
    # shellcheck disable=SC2086
    CASE_DIR=$D RECORDER_OUT=$D/rec RECORDER_FULL=1 timeout 90 unshare -m sh "$T/ns.sh" "$D" \
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
    norm() { sed -e "s/pid=$pid\\b/pid=GETTY/" -e "s|pts/$n\\b|pts/N|g" -e "s|id=ts/$n\\b|id=ts/N|"; }
    [ -f "$D/rec" ] && grep -v '^stty=speed\|^environ=RECORDER_OUT=\|^environ=CASE_DIR=' "$D/rec" | norm >"$D/rec.n"
    "$DUMP" "$D/run/utmp" | norm >"$D/utmp.n"
    "$DUMP" "$D/wtmp" | norm >"$D/wtmp.n"
}

# compare NAME: run both and compare what each left.
compare() {
    name=$1
    one deb "$name"; one our "$name"
    d=$T/$name.deb; o=$T/$name.our
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

if [ -n "$PROBE" ]; then
    newcase
    printf "%s\n" "$PROBE_CFG" >"$CFG/mgetty.config"; [ -n "$PROBE_ISSUE" ] && printf "%s" "$PROBE_ISSUE" >"$CFG/issue"
    printf "$PROBE" >"$T/script"
    ARGS=$PROBE_ARGS
    compare probe
fi

[ -z "$FAILED" ]
