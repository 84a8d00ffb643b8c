#!/bin/sh
# pppd-lite installed set-uid root (as pppd was, and as contrib/demo installs
# it) and run by `nobody`: privilege is the real uid's. Privileged options
# are refused, files the user names are opened with the user's rights (so
# `file /etc/shadow` shows nothing of it and `logfile` cannot create a file
# where the user could not), a world-writable options file is not a
# privileged source, the PPPD_LITE_* redirections are ignored, and the
# connect script runs as the user. A root-owned peers file still grants its
# privileged options, as pppd's `call`.
#
# Each run happens in a network namespace of the test's own and a private
# mount namespace where /etc/ppp is a tmpfs holding the test's files.
. "$TOP/tests/e2e/pppd_lib.inc"
pppd_need_root "set-uid tests"
pppd_setup
if ! command -v setpriv >/dev/null 2>&1 || ! id nobody >/dev/null 2>&1; then
    skip "set-uid tests (need setpriv and the nobody user)"
    exit 0
fi
[ -d /etc/ppp ] || sh "$TOP/contrib/install-deps" ppp >/dev/null 2>&1 || true
pppd_ns A
NOBODY=$(id -u nobody)

# the set-uid copy, in a directory nobody may enter
SUID="$T/bin/pppd-lite"
mkdir -p "$T/bin"; cp "$PPPD" "$SUID"; chown root:root "$SUID"; chmod 4755 "$SUID"
# what /etc/ppp holds during the runs (root-owned, as an admin would make it)
E="$T/etcppp"
mkdir -p "$E/peers"
: >"$E/options"
printf 'noauth\n' >"$E/peers/trusted"
printf 'notty noauth connect "id -u >%s/connect.uid; id -g >>%s/connect.uid"\n' "$T/out" "$T/out" \
    >"$E/peers/dialer"
chmod -R go-w "$E"; chmod 755 "$E" "$E/peers"
# nobody's home and a world-writable options file
mkdir -p "$T/home" "$T/ww" "$T/out" "$T/fakeetc"
printf 'logfile %s/made-by-ppprc\n' "$T/rootonly" >"$T/home/.ppprc"
chown -R "$NOBODY" "$T/home"
chmod 777 "$T/ww" "$T/out"
printf 'noauth\n' >"$T/ww/options"; chmod 666 "$T/ww/options"
mkdir -p "$T/rootonly"; chmod 700 "$T/rootonly"
printf 'not-an-option-at-all\n' >"$T/fakeetc/options"

# as_nobody OUT ARGS...: the set-uid copy run by nobody; exit status printed
as_nobody() {
    out=$1; shift
    HOME="$T/home" PPPD_LITE_ETC="$T/fakeetc" PPPD_LITE_RUNDIR="$T/out" \
    timeout 30 ip netns exec "${NS_PREFIX}A" unshare -m --propagation private sh -c '
        etc=$1; uid=$2; shift 2
        if [ -d /etc/ppp ]; then
            mount -t tmpfs -o mode=755 pppd-lite-test /etc/ppp && cp -a "$etc"/. /etc/ppp/ || exit 99
        fi
        exec setpriv --reuid="$uid" --regid="$uid" --clear-groups "$@"' \
        sh "$E" "$NOBODY" "$SUID" "$@" </dev/null >"$out" 2>&1
    echo $?
}

# privileged options from the command line
for opt in noauth defaultroute "name x" "pap-secrets /tmp/x"; do
    # shellcheck disable=SC2086
    rc=$(as_nobody "$T/o.txt" /dev/null dryrun $opt)
    if [ "$rc" = 2 ] && grep -q "requires root privilege" "$T/o.txt"; then
        pass "set-uid, run by nobody: '$opt' is refused (exit 2)"
    else
        fail "set-uid, run by nobody: '$opt' is refused (got $rc)"; cat "$T/o.txt"
    fi
done

# file /etc/shadow: opened as nobody, nothing of it shown
rc=$(as_nobody "$T/o.txt" /dev/null dryrun file /etc/shadow)
first=$(head -n 1 /etc/shadow | cut -d: -f1-2)
if [ "$rc" = 2 ] && grep -q "cannot open /etc/shadow" "$T/o.txt" &&
   ! grep -qF -- "$first" "$T/o.txt" && ! grep -q "unrecognized option" "$T/o.txt"; then
    pass "set-uid: 'file /etc/shadow' is opened with nobody's rights (permission denied, no content)"
else
    fail "set-uid: 'file /etc/shadow' opened as nobody (got $rc)"; cat "$T/o.txt"
fi

# logfile where nobody may not write: not created
rc=$(as_nobody "$T/o.txt" /dev/null dryrun logfile "$T/rootonly/made-by-option")
if [ "$rc" = 2 ] && [ ! -e "$T/rootonly/made-by-option" ] && grep -q "Can't open log file" "$T/o.txt"; then
    pass "set-uid: 'logfile' in a root-only directory is refused and not created"
else
    fail "set-uid: 'logfile' refused (got $rc)"; cat "$T/o.txt"; ls -l "$T/rootonly"
fi
# the same from ~/.ppprc (never a privileged source)
rm -f "$T/home/.ppprc.used"
rc=$(as_nobody "$T/o.txt" /dev/null dryrun)
if [ "$rc" = 2 ] && [ ! -e "$T/rootonly/made-by-ppprc" ]; then
    pass "set-uid: 'logfile' from ~/.ppprc is opened as nobody: not created"
else
    fail "set-uid: 'logfile' from ~/.ppprc (got $rc)"; cat "$T/o.txt"; ls -l "$T/rootonly"
fi
mv "$T/home/.ppprc" "$T/home/ppprc.off"

# a world-writable options file is no privileged source
rc=$(as_nobody "$T/o.txt" /dev/null dryrun file "$T/ww/options")
if [ "$rc" = 2 ] && grep -q "noauth option requires root privilege" "$T/o.txt"; then
    pass "set-uid: a world-writable options file cannot grant noauth"
else
    fail "set-uid: world-writable options file (got $rc)"; cat "$T/o.txt"
fi

# PPPD_LITE_ETC (and friends) are ignored: the fake options file is never
# read (nobody must authenticate its peer, and has no secrets: pppd's refusal)
rc=$(as_nobody "$T/o.txt" /dev/null dryrun)
if [ "$rc" = 1 ] && ! grep -q "not-an-option-at-all" "$T/o.txt" &&
   grep -q "is required to authenticate itself" "$T/o.txt"; then
    pass "set-uid: PPPD_LITE_ETC is ignored"
else
    fail "set-uid: PPPD_LITE_ETC is ignored (got $rc)"; cat "$T/o.txt"
fi

if [ -d /etc/ppp ]; then
    # /etc/ppp/options.TTY is read with our rights; when nobody may not read
    # it, an error names the file and line but shows none of its words
    printf 'secret-word-in-a-root-only-file\n' >"$E/options.null"; chmod 600 "$E/options.null"
    rc=$(as_nobody "$T/o.txt" /dev/null dryrun)
    if [ "$rc" = 2 ] && grep -q "options.null:1: unrecognized option '(not shown)'" "$T/o.txt" &&
       ! grep -q "secret-word" "$T/o.txt"; then
        pass "set-uid: an error in a file nobody may not read shows none of its words"
    else
        fail "set-uid: error in an unreadable file (got $rc)"; cat "$T/o.txt"
    fi
    rm -f "$E/options.null"
    # a root-owned peers file is a privileged source, as pppd's `call`
    rc=$(as_nobody "$T/o.txt" /dev/null dryrun call trusted)
    if [ "$rc" = 0 ]; then
        pass "set-uid: 'call' of a root-owned peers file may say noauth"
    else
        fail "set-uid: 'call trusted' (got $rc)"; cat "$T/o.txt"
    fi
    # the connect script runs as the invoking user (pppd's device_script)
    rm -f "$T/out/connect.uid"
    rc=$(as_nobody "$T/o.txt" call dialer nodetach)
    if [ "$(head -n 1 "$T/out/connect.uid" 2>/dev/null)" = "$NOBODY" ] &&
       [ "$(sed -n 2p "$T/out/connect.uid" 2>/dev/null)" = "$NOBODY" ]; then
        pass "set-uid: the connect script runs as nobody (uid and gid)"
    else
        fail "set-uid: the connect script runs as nobody (rc $rc, got $(cat "$T/out/connect.uid" 2>/dev/null))"
        cat "$T/o.txt"
    fi
else
    skip "set-uid: 'call' cases (no /etc/ppp to mount over)"
fi

[ -z "$FAILED" ]
