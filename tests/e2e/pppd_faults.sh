#!/bin/sh
# pppd-lite faults found by a hostile look (issue 14): a vanished device
# under `persist` (back-off, one log line with a count, SIGTERM still works),
# SIGUSR2 (ignored) and the fatal signals (full clean-up, exit 127), `auth`
# without a usable secret (pppd's refusal to start, exit 1), a malformed
# secrets line (that line skipped, the rest used), a bad `ifname` (an option
# error), and a peer's Code-Reject of a code every peer must know (logged
# without debug).
. "$TOP/tests/e2e/pppd_lib.inc"
pppd_need_root "pppd-lite fault tests"
pppd_setup
pppd_side a; pppd_side b
pppd_ns A; pppd_ns B

pppd_of() {   # the pppd-lite of namespace $1
    for p in $(ip netns pids "${NS_PREFIX}$1"); do
        [ "$(cat /proc/$p/comm 2>/dev/null)" = pppd-lite ] && echo "$p"
    done
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null; }
count() { grep -cF -- "$2" "$T/$1.log" 2>/dev/null || true; }

# ---- persist on a device that is gone (a USB modem unplugged, a pty closed)
start_ptylink -s "$T/ttyA"
PTYL=$(pgrep -f "ptylink -s $T/ttyA" | head -n 1)
run_pppd a A "$T/ttyA" nodetach noauth persist maxfail 0 holdoff 0 lock
wait_for "$T/a.log" "Connect:" 10
kill "$PTYL" 2>/dev/null      # the pty goes, and its name with it
if wait_for "$T/a.log" "Failed to open" 10; then
    p=$(pppd_of A)
    t0=$(cpu_ticks "$p")
    sleep 5
    t1=$(cpu_ticks "$p")
    fails=$(count a "Failed to open")
    starts=$(count a "Starting link")
    if [ -n "$p" ] && [ "$fails" -eq 1 ] && [ "$starts" -eq 1 ]; then
        pass "vanished device: the failure is logged once (1 'Failed to open', 1 'Starting link' in 5 s)"
    else
        fail "vanished device: logged once (got $fails 'Failed to open', $starts 'Starting link')"
        show_log a
    fi
    if [ -n "$t0" ] && [ -n "$t1" ] && [ $((t1 - t0)) -lt 50 ]; then
        pass "vanished device: backs off ($((t1 - t0)) CPU ticks in 5 s)"
    else
        fail "vanished device: backs off (CPU ticks $t0 -> $t1)"
    fi
    kill -TERM "$p"
    rc=$(wait_rc a 5)
    if [ "$rc" = 5 ] && has_line a "Terminating on signal 15" &&
       has_line a "The previous failure repeated" && has_line a "Exit."; then
        pass "vanished device: SIGTERM ends it at once (exit 5) and reports the repeats"
    else
        fail "vanished device: SIGTERM ends it (got $rc)"; show_log a
    fi
    ls "$T/a/lock" | grep -q LCK && fail "vanished device: the lock is left behind" ||
        pass "vanished device: no lock left behind"
    ls "$T/a/run" | grep -q '\.pid$' && fail "vanished device: a pid file is left behind" ||
        pass "vanished device: no pid file left behind"
else
    fail "vanished device: the reopen fails"; show_log a
fi

# ---- SIGUSR2 is ignored, SIGQUIT cleans up like pppd's bad_signal (exit 127)
pppd_fresh
cat >"$T/a/etc/ip-down" <<EOF
#!/bin/sh
echo "\$1 \$4 \$5" >"$T/a.ipdown"
EOF
chmod 755 "$T/a/etc/ip-down"
start_ptylink "$T/ttyA" "$T/ttyB"
run_pppd b B "$T/ttyB" nodetach noauth 192.0.2.1:192.0.2.2
run_pppd a A "$T/ttyA" nodetach noauth lock
if wait_for "$T/a.log" "remote IP address" 10; then
    p=$(pppd_of A)
    kill -USR2 "$p"
    sleep 1
    if kill -0 "$p" 2>/dev/null && ip -n "${NS_PREFIX}A" addr show ppp0 2>/dev/null | grep -q 192.0.2.2; then
        pass "SIGUSR2: ignored, the link stays up"
    else
        fail "SIGUSR2: ignored"; show_log a
    fi
    kill -QUIT "$p"
    rc=$(wait_rc a 10)
    if [ "$rc" = 127 ] && has_line a "Fatal signal 3" && has_line a "Exit."; then
        pass "SIGQUIT: 'Fatal signal 3', exit 127"
    else
        fail "SIGQUIT: exit 127 (got $rc)"; show_log a
    fi
    wait_for "$T/a.ipdown" ppp0 5 && pass "SIGQUIT: ip-down ran" || fail "SIGQUIT: ip-down ran"
    ls "$T/a/lock" | grep -q LCK && fail "SIGQUIT: lock left behind" || pass "SIGQUIT: lock removed"
    ls "$T/a/run" | grep -q '\.pid$' && fail "SIGQUIT: pid file left behind" ||
        pass "SIGQUIT: pid file removed"
    ip -n "${NS_PREFIX}A" link show ppp0 >/dev/null 2>&1 && fail "SIGQUIT: ppp0 left behind" ||
        pass "SIGQUIT: ppp0 removed"
else
    fail "SIGUSR2/SIGQUIT: link up"; show_log a
fi
rm -f "$T/a/etc/ip-down"

# ---- auth without a usable secret: pppd's refusal, exit 1, nothing opened
# no_secret NAME ARGS...: pppd-lite must refuse before opening the line
no_secret() {
    what=$1; shift
    pppd_fresh
    start_ptylink -s "$T/ttyA"
    run_pppd a A "$T/ttyA" nodetach lock "$@"
    rc=$(wait_rc a 10)
    if [ "$rc" = 1 ] && grep -q "The remote system .*is required to authenticate itself" "$T/a.log" &&
       has_line a "but I couldn't find any suitable secret (password) for it to use to do so." &&
       ! has_line a "Connect:" && ! has_line a "peer refused to authenticate"; then
        pass "auth, $what: refuses to start (exit 1)"
    else
        fail "auth, $what: refuses to start (got $rc)"; show_log a
    fi
}
rm -f "$T/a/etc/pap-secrets" "$T/a/etc/chap-secrets"
no_secret "no secrets file" auth
no_secret "require-pap, no secrets file" require-pap
printf 'bob * "x" *\n' >"$T/a/etc/pap-secrets"; chmod 600 "$T/a/etc/pap-secrets"
no_secret "no entry for the peer" auth remotename alice
has_line a "The remote system (alice) is required to authenticate itself" &&
    pass "auth, no entry: names the remote" || fail "auth, no entry: names the remote"
printf '* * "x" *\n' >"$T/a/etc/pap-secrets"; chmod 666 "$T/a/etc/pap-secrets"
no_secret "secrets file writable by others" require-pap
has_line a "Not using secrets file" && pass "auth, unsafe file: says why" ||
    fail "auth, unsafe file: says why"
printf '* * "x" -\n' >"$T/a/etc/pap-secrets"; chmod 600 "$T/a/etc/pap-secrets"
no_secret "entry without addresses" require-pap
has_line a "(None of the available passwords would let it use an IP address.)" &&
    pass "auth, entry without addresses: says so" || fail "auth, entry without addresses: says so"

# ---- one malformed pap-secrets line costs that line only
pppd_fresh
# line 2: a NUL byte in a name; line 4: a quote never closed (the last line)
{
    printf 'alice * "s3cret" *\n'
    printf 'bad%bname * "x" *\n' '\0'
    printf 'bob * "pw2" *\n'
    printf 'carol * "open\n'
} >"$T/b/etc/pap-secrets"
chmod 600 "$T/b/etc/pap-secrets"
start_ptylink "$T/ttyA" "$T/ttyB"
run_pppd b B "$T/ttyB" nodetach require-pap 192.0.2.1:192.0.2.2
run_pppd a A "$T/ttyA" nodetach noauth user bob password pw2
if wait_for "$T/a.log" "remote IP address" 10 && has_line b "PAP peer authentication succeeded for bob"; then
    pass "malformed secrets line: the user on a later line still logs in"
else
    fail "malformed secrets line: the later user logs in"; show_log b
fi
if [ "$(grep -c "pap-secrets:2: .*line ignored" "$T/b.log")" = 1 ] &&
   [ "$(grep -c "pap-secrets:4: .*line ignored" "$T/b.log")" = 1 ]; then
    pass "malformed secrets line: warned once, with file and line"
else
    fail "malformed secrets line: warned once, with file and line"; show_log b
fi

# ---- ifname that cannot be an interface name: an option error at once
for bad in abcdefghijklmnop 'a/b' 'pp p0' 'a:b'; do
    pppd_fresh
    run_pppd a A nodetach noauth ifname "$bad" "$T/ttyA"
    rc=$(wait_rc a 5)
    if [ "$rc" = 2 ] && grep -q "not a valid interface name" "$T/a.out" && ! has_line a "Using interface"; then
        pass "ifname '$bad': option error, exit 2"
    else
        fail "ifname '$bad': exit 2 (got $rc)"; show_log a
    fi
done

# ---- a peer that Code-Rejects our Configure-Request: said without debug
pppd_fresh
"$HELPERS/hostile_peer" "$T/ttyA" coderej >"$T/peer.out" 2>&1 &
PIDS="$PIDS $!"
wait_for "$T/peer.out" ready 5
run_pppd a A "$T/ttyA" nodetach noauth
rc=$(wait_rc a 20)
if has_line a "LCP: Rcvd Code-Reject for code 1" && has_line a "LCP: the peer rejects ConfReq" &&
   [ "$rc" = 10 ]; then
    pass "Code-Reject of Configure-Request: logged without debug, exit 10"
else
    fail "Code-Reject of Configure-Request: logged (got $rc)"; show_log a
fi

[ -z "$FAILED" ]
