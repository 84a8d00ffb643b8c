#!/bin/sh
# PPPoE with Debian's rp-pppoe (no kernel PPP): two namespaces joined by a
# veth pair; the client is `pppd-lite pty 'pppoe -I veth0'`, the server is
# pppoe-server spawning pppd-lite per session (-q). Async and sync (pppd's
# `sync`, pppoe -s and pppoe-server -s): IPCP up, ping, a TCP transfer, and a
# PADT from either side ends the link cleanly (no processes, TUN, pid files).
# (pppoe -s runs under a test-only N_HDLC shim: see pppoe_lib.inc)
. "$TOP/tests/e2e/pppd_lib.inc"
pppd_need_root "PPPoE tests"
sh "$TOP/contrib/install-deps" pppoe iputils-ping netcat-openbsd >/dev/null 2>&1 || true
if ! [ -x /usr/sbin/pppoe ] || ! [ -x /usr/sbin/pppoe-server ]; then
    skip "PPPoE tests (Debian package pppoe not installed)"
    exit 0
fi
. "$TOP/tests/e2e/pppoe_lib.inc"
pppoe_setup

# no_leftovers CASE: nothing of the link is left in either namespace
# (pppoe may take a moment for its PADT)
no_leftovers() {
    n=0
    while [ "$n" -lt 50 ] && [ -n "$(leftovers)" ]; do sleep 0.1; n=$((n + 1)); done
    left=$(leftovers)
    if [ -z "$left" ]; then
        pass "$1: no process, interface, pid file or lock left"
    else
        fail "$1: left behind (after 5 s):$left"
    fi
}
leftovers() {
    left=""
    for ns in A B; do
        for p in $(ip netns pids "$NS_PREFIX$ns" 2>/dev/null); do
            [ "$p" = "$(cat "$T/pppoe-server.pid" 2>/dev/null)" ] && continue
            left="$left $(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null)"
        done
        ip -n "$NS_PREFIX$ns" link show ppp0 >/dev/null 2>&1 && left="$left ppp0-in-$ns"
    done
    # files only: the run folder keeps pppctl's (empty) socket folder
    for f in $(find "$T/cli/run" "$T/srv/run" "$T/cli/lock" "$T/srv/lock" ! -type d); do
        left="$left $f"
    done
    echo "$left"
}

# srv_quiet SECONDS: until only pppoe-server is left in the server's namespace
srv_quiet() {
    i=0
    while [ "$i" -lt $(($1 * 10)) ]; do
        [ -z "$(ip netns pids "${NS_PREFIX}B" | grep -vx "$(cat "$T/pppoe-server.pid")")" ] && return 0
        sleep 0.1; i=$((i + 1))
    done
    return 1
}

# up CASE SYNC: start the server and a client; IPCP up and a ping
up() {
    case=$1; sync=$2
    rm -f "$T"/cli.* "$T"/srv.*
    pppoe_start "$sync"
    if wait_for "$T/cli.log" "remote IP address 192.0.2.1" 20 &&
       wait_for "$T/srv.log" "remote IP address 192.0.2.10" 5; then
        pass "$case: IPCP up on both sides"
    else
        fail "$case: IPCP up on both sides"; show_log cli; show_log srv; return 1
    fi
    if ip netns exec "${NS_PREFIX}A" ping -c 3 -i 0.2 -W 2 192.0.2.1 >/dev/null &&
       ip netns exec "${NS_PREFIX}B" ping -c 3 -i 0.2 -W 2 -s 1400 192.0.2.10 >/dev/null; then
        pass "$case: ping both ways (1400-byte too)"
    else
        fail "$case: ping both ways"
    fi
}

transfer() {
    case=$1
    head -c 5242880 /dev/urandom >"$T/send"
    ip netns exec "${NS_PREFIX}B" timeout 60 nc -l 192.0.2.1 5001 >"$T/recv" &
    lpid=$!
    sleep 0.3
    start=$(date +%s)
    ip netns exec "${NS_PREFIX}A" timeout 60 nc -N 192.0.2.1 5001 <"$T/send"
    wait "$lpid" 2>/dev/null
    if cmp -s "$T/send" "$T/recv"; then
        pass "$case: 5 MB over TCP arrive intact ($(($(date +%s) - start)) s)"
    else
        fail "$case: 5 MB over TCP arrive intact ($(wc -c <"$T/recv") bytes)"
    fi
}

# pppoe_pid NS: the pppoe session process (run by a pppd-lite) in namespace NS
pppoe_pid() {
    for p in $(ip netns pids "$NS_PREFIX$1"); do
        if tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -q '^/usr/sbin/pppoe .*-I'; then
            echo "$p"; return
        fi
    done
}

# padt CASE SIDE: SIGTERM to SIDE's pppoe sends a PADT; both pppd-lite end
padt() {
    case=$1; side=$2
    p=$(pppoe_pid "$side")
    [ -n "$p" ] || { fail "$case: pppoe process on side $side"; return 1; }
    kill -TERM "$p"
    rc=$(wait_rc cli 15)
    srv_quiet 15
    if [ "$rc" = 16 ] && has_line cli "Modem hangup" && has_line cli "Exit." &&
       has_line srv "Exit."; then
        pass "$case: PADT from side $side: client exit 16 (hangup), both log Exit."
    else
        fail "$case: PADT from side $side ended the link (client rc $rc)"; show_log cli; show_log srv
    fi
    kill "$(cat "$T/pppoe-server.pid")" 2>/dev/null
    sleep 0.3
    no_leftovers "$case"
}


up async "" && {
    has_line cli "Connect: ppp0 <--> /dev/pts/" && pass "async: Connect line names the pty" ||
        fail "async: Connect line names the pty"
    grep -q "nameserver 192.0.2.53" "$T/cli/etc/resolv.conf" 2>/dev/null &&
        pass "async: usepeerdns over PPPoE" || fail "async: usepeerdns over PPPoE"
    transfer async
}
padt async A

up sync 1 && transfer sync
padt sync B

# the client ends with SIGINT: LCP goodbye, pppoe sends its PADT, server ends too
up sigint "" && {
    kill -INT "$(cat "$T/cli/run/ppp0.pid")"
    rc=$(wait_rc cli 15)
    srv_quiet 15
    if [ "$rc" = 5 ] && has_line srv "Exit."; then
        pass "sigint: client exit 5, the server's pppd-lite ends"
    else
        fail "sigint: client exit 5, the server's pppd-lite ends (rc $rc)"; show_log cli; show_log srv
    fi
    kill "$(cat "$T/pppoe-server.pid")" 2>/dev/null
    sleep 0.3
    no_leftovers sigint
}

# pppd's plugin for kernel PPPoE: a clear option error pointing at pty 'pppoe'
"$PPPD" plugin rp-pppoe.so nic-eth0 >"$T/plugin.out" 2>&1
rc=$?
if [ "$rc" = 2 ] && grep -q "pty 'pppoe -I IFACE'" "$T/plugin.out"; then
    pass "plugin rp-pppoe.so: option error (2) telling to use pty 'pppoe ...'"
else
    fail "plugin rp-pppoe.so: option error (got $rc: $(cat "$T/plugin.out"))"
fi

[ -z "$FAILED" ]
