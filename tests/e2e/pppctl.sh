#!/bin/sh
# pppctl and the control socket over real links: two pppd-lite over a pty
# pair in two namespaces (PAP), one run directory for both, so pppctl sees
# ppp0 (client) and ppp1 (server). Every command, --json, the socket's mode,
# a huge request, stuck clients that must not stall the link, removal of the
# socket on every exit path (terminate, SIGTERM, a fatal signal), and
# up_sdnotify with a fake NOTIFY_SOCKET.
. "$TOP/tests/e2e/pppd_lib.inc"
pppd_need_root "pppctl tests"
sh "$TOP/contrib/install-deps" iputils-ping socat >/dev/null 2>&1 || true
if ! command -v socat >/dev/null; then
    skip "pppctl (socat not installable)"; exit 0
fi
pppd_setup
PPPCTL="$BIN/pppctl"
RUN="$T/run"
SOCKS="$RUN/pppd-lite"
mkdir -p "$RUN"; chmod 755 "$RUN"
export PPPD_LITE_RUNDIR="$RUN"

# start NAME NS ARGS...: as run_pppd, but every daemon in the one run directory
start() {
    name=$1; ns=$2; shift 2
    (
        PPPD_LITE_ETC="$T/$name/etc" PPPD_LITE_LOCKDIR="$T/$name/lock" HOME="$T/$name" \
            timeout 120 ip netns exec "$NS_PREFIX$ns" "$PPPD" "$@" logfile "$T/$name.log" \
            >"$T/$name.out" 2>&1
        echo $? >"$T/$name.rc"
    ) &
    PIDS="$PIDS $!"
}

# link CASE [CLIENT_ARGS...]: a fresh PAP link, client ppp0 in A$CASE, server ppp1 in B$CASE
link() {
    case=$1; shift
    rm -f "$T"/srv.* "$T"/cli.*
    pppd_ns "A$case"; pppd_ns "B$case"
    start_ptylink "$T/ttyA" "$T/ttyB" || { fail "$case: ptylink"; return 1; }
    start srv "B$case" "$T/ttyB" nodetach unit 1 192.0.2.1:192.0.2.2 auth require-pap
    start cli "A$case" "$T/ttyA" nodetach unit 0 noauth user alice password s3cret "$@"
    if wait_for "$T/cli.log" "remote IP address 192.0.2.1" 15 &&
       wait_for "$T/srv.log" "remote IP address 192.0.2.2" 5; then
        return 0
    fi
    fail "$case: link up"; show_log srv; show_log cli
    return 1
}

ping_ok() {
    ip netns exec "${NS_PREFIX}A$1" ping -c 2 -i 0.2 -W 2 192.0.2.1 >/dev/null 2>&1
}

# field FILE NAME: the value of NAME in pppctl status output
field() { awk -v k="$2" '$1 == k { print $2 }' "$1"; }

pppd_side srv; pppd_side cli
printf 'alice * "s3cret" *\n' >"$T/srv/etc/pap-secrets"; chmod 600 "$T/srv/etc/pap-secrets"

if link one; then
    # the sockets: one per interface, 0600, root's
    m=$(stat -c '%A %U' "$SOCKS/ppp0.sock" 2>/dev/null)
    m1=$(stat -c '%A %U' "$SOCKS/ppp1.sock" 2>/dev/null)
    [ "$m" = "srw------- root" ] && [ "$m1" = "srw------- root" ] &&
        pass "sockets ppp0.sock and ppp1.sock in RUNDIR/pppd-lite, mode 0600, owned by root" ||
        fail "socket mode (got '$m' '$m1')"

    # list
    "$PPPCTL" >"$T/list" 2>&1; rc=$?
    if [ $rc = 0 ] && grep -q '^IFACE ' "$T/list" &&
       grep -E '^ppp0 +ttyA +alice +192\.0\.2\.1 .* Network$' "$T/list" >/dev/null &&
       grep -E '^ppp1 +ttyB +alice +192\.0\.2\.2 .* Network$' "$T/list" >/dev/null; then
        pass "pppctl list: both links with tty, user, remote address, state"
    else
        fail "pppctl list (rc $rc)"; cat "$T/list"
    fi
    "$PPPCTL" --json list >"$T/list.json"
    grep -q '^\[{"interface":"ppp0",.*"remote_ip":"192.0.2.1".*},{"interface":"ppp1",.*}\]$' \
        "$T/list.json" && pass "pppctl --json list: an array of both" ||
        { fail "pppctl --json list"; cat "$T/list.json"; }

    # status on both sides
    ping_ok one || fail "ping before status"
    "$PPPCTL" status ppp1 >"$T/s1"; rc1=$?
    "$PPPCTL" status ppp0 >"$T/s0"; rc0=$?
    if [ $rc0 = 0 ] && [ $rc1 = 0 ] &&
       [ "$(field "$T/s1" phase)" = Network ] && [ "$(field "$T/s1" lcp)" = Opened ] &&
       [ "$(field "$T/s1" ipcp)" = Opened ] && [ "$(field "$T/s1" ipv6cp)" = Initial ] &&
       [ "$(field "$T/s1" peer_name)" = alice ] && [ "$(field "$T/s1" auth_peer)" = pap ] &&
       [ "$(field "$T/s0" auth_self)" = pap ] && [ "$(field "$T/s0" auth_peer)" = none ] &&
       [ "$(field "$T/s1" local_ip)" = 192.0.2.1 ] && [ "$(field "$T/s1" remote_ip)" = 192.0.2.2 ] &&
       [ "$(field "$T/s0" tty)" = "$T/ttyA" ] && [ "$(field "$T/s0" speed)" -gt 0 ] &&
       [ "$(field "$T/s0" pid)" = "$(cat "$RUN/ppp0.pid")" ] &&
       [ "$(field "$T/s0" bytes_in)" -gt 0 ] && [ "$(field "$T/s0" packets_out)" -ge 4 ] &&
       [ "$(field "$T/s0" bad_fcs)" = 0 ] && [ "$(field "$T/s0" radius_session)" = - ]; then
        pass "pppctl status: phase, protocol states, peer and auth, addresses, tty, counters"
    else
        fail "pppctl status"; cat "$T/s0" "$T/s1"
    fi
    "$PPPCTL" --json status ppp1 >"$T/s1.json"
    grep -q '"peer_name":"alice"' "$T/s1.json" && grep -q '"bytes_in":[0-9][0-9]*,' "$T/s1.json" &&
        pass "pppctl --json status: strings quoted, counters as numbers" ||
        { fail "pppctl --json status"; cat "$T/s1.json"; }

    # stats: as pppstats, and the counters move with traffic
    "$PPPCTL" stats ppp0 1 3 >"$T/stats" &
    sp=$!
    sleep 0.5
    ip netns exec "${NS_PREFIX}Aone" ping -c 6 -i 0.2 -W 2 192.0.2.1 >/dev/null 2>&1
    wait $sp; rc=$?
    l2=$(sed -n 3p "$T/stats"); l3=$(sed -n 4p "$T/stats")
    if [ $rc = 0 ] && head -1 "$T/stats" | grep -q '^      IN   PACK VJCOMP  VJUNC  VJERR  |      OUT   PACK VJCOMP  VJUNC NON-VJ$' &&
       [ "$(wc -l <"$T/stats")" = 4 ] &&
       echo "$l2 $l3" | awk '{ exit !($2 + $13 > 0 && $3 + $4 + $5 + $9 + $10 == 0 && $11 == $8) }'; then
        pass "pppctl stats ppp0 1 3: pppstats' header, 3 lines, packets counted, VJ columns zero"
    else
        fail "pppctl stats (rc $rc)"; cat "$T/stats"
    fi

    # debug on|off
    "$PPPCTL" debug ppp0 on >"$T/dbg"; rc=$?
    if [ $rc = 0 ] && grep -qx 'ppp0: debug on' "$T/dbg" && has_line cli "Debug turned on" &&
       [ "$("$PPPCTL" status ppp0 | awk '$1 == "debug" {print $2}')" = on ]; then
        pass "pppctl debug ppp0 on"
    else
        fail "pppctl debug ppp0 on (rc $rc)"; cat "$T/dbg"
    fi
    "$PPPCTL" --json debug ppp0 off >"$T/dbg"
    grep -qx '{"interface":"ppp0","result":"debug off"}' "$T/dbg" &&
        pass "pppctl --json debug ppp0 off" || { fail "pppctl --json debug off"; cat "$T/dbg"; }

    # exit statuses
    "$PPPCTL" status ppp7 2>"$T/err"; rc=$?
    [ $rc = 1 ] && grep -q 'ppp7: no such link' "$T/err" && pass "no such link: exit 1" ||
        fail "no such link: exit 1 (got $rc)"
    "$PPPCTL" frobnicate 2>/dev/null; rc=$?
    "$PPPCTL" debug ppp0 maybe 2>/dev/null; rc2=$?
    "$PPPCTL" stats ppp0 0 2>/dev/null; rc3=$?
    [ $rc = 2 ] && [ $rc2 = 2 ] && [ $rc3 = 2 ] && pass "bad command lines: exit 2" ||
        fail "bad command lines: exit 2 (got $rc $rc2 $rc3)"
    "$PPPCTL" --help | grep -q 'pppctl \[--json\] status IFACE' && pass "pppctl --help" ||
        fail "pppctl --help"

    # a huge request: an error line, the connection closed, the link unharmed
    head -c 100000 /dev/zero | tr '\0' a |
        timeout 10 socat -t 5 - "UNIX-CONNECT:$SOCKS/ppp0.sock" >"$T/huge" 2>/dev/null
    grep -qx 'error request too long' "$T/huge" && ping_ok one &&
        pass "huge request: 'error request too long', closed, link still passes traffic" ||
        { fail "huge request"; cat "$T/huge"; }
    printf 'shutdown now\n' | timeout 10 socat -t 5 - "UNIX-CONNECT:$SOCKS/ppp0.sock" >"$T/bad"
    grep -qxF 'error unknown command (status, terminate [admin-reset], hangup, debug on|off, session-timeout N)' "$T/bad" &&
        pass "unknown request: error line" || { fail "unknown request"; cat "$T/bad"; }

    # stuck clients: 8 that say nothing hold every slot, one that floods
    # requests never reads; the link still works, a ninth client is told,
    # and after the 5 s deadline pppctl is answered again
    HOLD=""
    for i in 1 2 3 4 5 6 7 8; do
        sleep 12 | socat -t 12 - "UNIX-CONNECT:$SOCKS/ppp0.sock" >/dev/null 2>&1 &
        HOLD="$HOLD $!"
    done
    sleep 0.5
    # the ninth only listens: what it is told does not race its own writes
    sleep 2 | timeout 5 socat -t 3 - "UNIX-CONNECT:$SOCKS/ppp0.sock" >"$T/ninth" 2>/dev/null
    PPPD_LITE_RUNDIR="$RUN" "$PPPCTL" status ppp0 >/dev/null 2>"$T/ninth.pppctl"; rc9=$?
    start_ms=$(date +%s%N)
    ping_ok one && ok_ping=1 || ok_ping=0
    grep -qx 'error too many clients' "$T/ninth" && [ $ok_ping = 1 ] && [ $rc9 = 1 ] &&
        grep -q 'ppp0: refused: too many clients' "$T/ninth.pppctl" &&
        pass "8 silent clients: a ninth gets 'error too many clients' (pppctl: exit 1); ping still works" ||
        { fail "8 silent clients (ping $ok_ping, pppctl $rc9)"; cat "$T/ninth" "$T/ninth.pppctl"; }
    sleep 3.5   # 6 s after they connected; they stay connected 12 s
    "$PPPCTL" status ppp0 >/dev/null && pass "after the 5 s deadline the silent clients are dropped" ||
        fail "after the 5 s deadline the silent clients are dropped"
    for p in $HOLD; do kill "$p" 2>/dev/null; done
    yes status | timeout 8 socat -u - "UNIX-CONNECT:$SOCKS/ppp0.sock" >/dev/null 2>&1 &
    flood=$!
    sleep 1
    ping_ok one && "$PPPCTL" status ppp0 >/dev/null &&
        pass "a client flooding requests and never reading does not stall the link or others" ||
        fail "a client flooding requests and never reading"
    kill $flood 2>/dev/null

    # watch: refreshes every second until SIGTERM, then exit 0
    "$PPPCTL" watch >"$T/watch" 2>&1 &
    wp=$!
    sleep 2.5
    kill -TERM $wp; wait $wp; rc=$?
    n=$(grep -c '^IFACE ' "$T/watch")
    [ $rc = 0 ] && [ "$n" -ge 2 ] && [ "$n" -le 4 ] &&
        pass "pppctl watch: $n refreshes in 2.5 s, SIGTERM ends it with 0" ||
        fail "pppctl watch (rc $rc, $n tables)"

    # hangup on the server: it ends the call, so both exit; terminate on the
    # client (below, on a new link) ends it as SIGTERM
    "$PPPCTL" hangup ppp1 >"$T/hup"; rc=$?
    rcs=$(wait_rc srv 15); rcc=$(wait_rc cli 15)
    [ $rc = 0 ] && grep -qx 'ppp1: hanging up' "$T/hup" && has_line srv "Hangup (SIGHUP)" &&
        [ "$rcs" = 5 ] && pass "pppctl hangup ppp1: the server hangs up as on SIGHUP (exit 5)" ||
        { fail "pppctl hangup (rc $rc, srv $rcs)"; show_log srv; }
    [ ! -e "$SOCKS/ppp1.sock" ] && [ ! -e "$SOCKS/ppp0.sock" ] &&
        pass "both sockets removed when the daemons exit" ||
        { fail "sockets removed on exit"; ls -l "$SOCKS"; }
fi
pppd_fresh

# terminate: exit 5, no redial even with persist, socket gone
if link term persist holdoff 1; then
    "$PPPCTL" terminate ppp0 >"$T/term"; rc=$?
    rcc=$(wait_rc cli 15)
    [ $rc = 0 ] && grep -qx 'ppp0: terminating' "$T/term" && [ "$rcc" = 5 ] &&
        has_line cli "Terminating on request from the control socket" &&
        [ ! -e "$SOCKS/ppp0.sock" ] &&
        pass "pppctl terminate ppp0 with persist: exit 5, no redial, socket removed" ||
        { fail "pppctl terminate (rc $rc, exit $rcc)"; show_log cli; }
fi
pppd_fresh

# SIGTERM and a fatal signal remove the socket too
for sig in TERM QUIT; do
    if link "sig$sig"; then
        pid=$(cat "$RUN/ppp0.pid")
        [ -S "$SOCKS/ppp0.sock" ] || fail "SIG$sig: socket there before"
        kill -"$sig" "$pid"
        rcc=$(wait_rc cli 15)
        want=5; [ $sig = QUIT ] && want=127
        [ "$rcc" = $want ] && [ ! -e "$SOCKS/ppp0.sock" ] &&
            pass "SIG$sig: exit $want, socket removed" ||
            { fail "SIG$sig: exit $want, socket removed (got $rcc)"; ls -l "$SOCKS"; }
    fi
    pppd_fresh
done

# MS-CHAPv2: status names the method each way
printf 'alice server1 "Sesame4u" *\n' >"$T/srv/etc/chap-secrets"; chmod 600 "$T/srv/etc/chap-secrets"
printf 'alice server1 "Sesame4u" *\n' >"$T/cli/etc/chap-secrets"; chmod 600 "$T/cli/etc/chap-secrets"
rm -f "$T"/srv.* "$T"/cli.*
pppd_ns Amsc; pppd_ns Bmsc
start_ptylink "$T/ttyA" "$T/ttyB"
start srv Bmsc "$T/ttyB" nodetach unit 1 192.0.2.1:192.0.2.2 auth name server1 require-mschap-v2
start cli Amsc "$T/ttyA" nodetach unit 0 noauth user alice remotename server1
if wait_for "$T/cli.log" "remote IP address 192.0.2.1" 15; then
    "$PPPCTL" status ppp1 >"$T/m1"; "$PPPCTL" status ppp0 >"$T/m0"
    [ "$(field "$T/m1" auth_peer)" = mschap-v2 ] && [ "$(field "$T/m1" peer_name)" = alice ] &&
        [ "$(field "$T/m0" auth_self)" = mschap-v2 ] &&
        pass "MS-CHAPv2 link: status says auth_peer/auth_self mschap-v2" ||
        { fail "MS-CHAPv2 link: auth method in status"; cat "$T/m1" "$T/m0"; }
else
    fail "MS-CHAPv2 link up"; show_log srv; show_log cli
fi
pppd_fresh

# up_sdnotify: READY=1 reaches a fake NOTIFY_SOCKET once IPCP is up
rm -f "$T/notify.sock" "$T/notify.out"
socat -u "UNIX-RECV:$T/notify.sock" "OPEN:$T/notify.out,creat,append" &
PIDS="$PIDS $!"
sleep 0.3
export NOTIFY_SOCKET="$T/notify.sock"
if link notify up_sdnotify; then
    wait_for "$T/notify.out" "READY=1" 5 && grep -q '^STATUS=ppp0 is up' "$T/notify.out" &&
        pass "up_sdnotify: READY=1 and STATUS sent to NOTIFY_SOCKET once the link is up" ||
        { fail "up_sdnotify: READY=1 sent"; cat "$T/notify.out"; show_log cli; }
fi
unset NOTIFY_SOCKET
pppd_fresh
exit 0
