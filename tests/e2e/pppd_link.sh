#!/bin/sh
# Two pppd-lite over a pty pair, one in each network namespace: noauth, PAP
# and CHAP; ping both ways; 10 MB over TCP arrive intact; SIGINT ends both.
. "$TOP/tests/e2e/pppd_lib.inc"
pppd_need_root "pppd-lite link tests"
sh "$TOP/contrib/install-deps" iputils-ping netcat-openbsd >/dev/null 2>&1 || true
pppd_setup

# one_link CASE SERVER_ARGS -- CLIENT_ARGS
one_link() {
    case=$1; sargs=$2; cargs=$3
    rm -f "$T"/srv.* "$T"/cli.*
    pppd_ns "A$case"; pppd_ns "B$case"
    start_ptylink "$T/ttyA" "$T/ttyB" || { fail "$case: ptylink"; return 1; }
    # shellcheck disable=SC2086
    run_pppd srv "B$case" "$T/ttyB" nodetach 192.0.2.1:192.0.2.2 $sargs
    # shellcheck disable=SC2086
    run_pppd cli "A$case" "$T/ttyA" nodetach $cargs
    if wait_for "$T/cli.log" "remote IP address 192.0.2.1" 10 &&
       wait_for "$T/srv.log" "remote IP address 192.0.2.2" 5; then
        pass "$case: IPCP up on both sides"
    else
        fail "$case: IPCP up on both sides"; show_log srv; show_log cli; return 1
    fi
    if ip netns exec "${NS_PREFIX}A$case" ping -c 2 -i 0.2 -W 2 192.0.2.1 >/dev/null &&
       ip netns exec "${NS_PREFIX}B$case" ping -c 2 -i 0.2 -W 2 192.0.2.2 >/dev/null; then
        pass "$case: ping both ways"
    else
        fail "$case: ping both ways"
    fi
    has_line cli "Connect: ppp0 <--> $T/ttyA" && has_line cli "Using interface ppp0" &&
        pass "$case: pppd's Using interface / Connect lines" ||
        fail "$case: pppd's Using interface / Connect lines"
}

# the pid file, as ppp-off reads it, ends both sides
end_link() {
    case=$1
    pid=$(cat "$T/cli/run/ppp0.pid" 2>/dev/null)
    if [ -n "$pid" ]; then kill -INT "$pid"; else fail "$case: pid file"; fi
    rc=$(wait_rc cli 10); rcs=$(wait_rc srv 10)
    if [ "$rc" = 5 ] && has_line cli "Terminating on signal 2" && has_line cli "Exit."; then
        pass "$case: SIGINT on the client: exit 5"
    else
        fail "$case: SIGINT on the client: exit 5 (got $rc)"; show_log cli
    fi
    if [ "$rcs" = 0 ] && has_line srv "LCP terminated by peer"; then
        pass "$case: server sees LCP terminated by peer, exit 0"
    else
        fail "$case: server sees LCP terminated by peer, exit 0 (got $rcs)"; show_log srv
    fi
    for p in $PIDS; do kill "$p" 2>/dev/null; done
    PIDS=""
    ip netns del "${NS_PREFIX}A$case"; ip netns del "${NS_PREFIX}B$case"
}

pppd_side srv; pppd_side cli

# 1. noauth, plus the 10 MB transfer
one_link noauth "noauth ms-dns 192.0.2.53" "noauth usepeerdns" && {
    grep -q "nameserver 192.0.2.53" "$T/cli/etc/resolv.conf" 2>/dev/null &&
        pass "noauth: usepeerdns wrote the server's ms-dns to ETC/resolv.conf" ||
        fail "noauth: usepeerdns wrote the server's ms-dns to ETC/resolv.conf"
    head -c 10485760 /dev/urandom >"$T/send"
    ip netns exec "${NS_PREFIX}Bnoauth" timeout 60 nc -l 192.0.2.1 5001 >"$T/recv" &
    PIDS="$PIDS $!"
    sleep 0.3
    start=$(date +%s)
    ip netns exec "${NS_PREFIX}Anoauth" timeout 60 nc -N 192.0.2.1 5001 <"$T/send"
    wait $! 2>/dev/null
    sleep 0.5
    if cmp -s "$T/send" "$T/recv"; then
        pass "noauth: 10 MB over TCP arrive intact ($(($(date +%s) - start)) s)"
    else
        fail "noauth: 10 MB over TCP arrive intact ($(wc -c <"$T/recv") bytes)"
    fi
    end_link noauth
}

# 2. PAP: the server requires it, the client has user/password
printf 'alice * "s3cret" *\n' >"$T/srv/etc/pap-secrets"; chmod 600 "$T/srv/etc/pap-secrets"
one_link pap "auth require-pap mru 296" "noauth user alice password s3cret" && {
    ip -n "${NS_PREFIX}Apap" link show ppp0 | grep -q "mtu 296 " &&
        ip netns exec "${NS_PREFIX}Apap" ping -c 1 -s 1200 -W 3 192.0.2.1 >/dev/null &&
        pass "pap: the server's mru 296 is the client's MTU; a 1200-byte ping still goes" ||
        fail "pap: the server's mru 296 is the client's MTU"
    has_line srv "PAP peer authentication succeeded for alice" ||
        has_line srv "Peer alice authenticated with PAP" &&
        pass "pap: server logs the peer's PAP success" ||
        fail "pap: server logs the peer's PAP success"
    end_link pap
}

# 3. CHAP: secrets file on both sides
printf 'alice server1 "s3cret" *\n' >"$T/srv/etc/chap-secrets"; chmod 600 "$T/srv/etc/chap-secrets"
printf 'alice server1 "s3cret" *\n' >"$T/cli/etc/chap-secrets"; chmod 600 "$T/cli/etc/chap-secrets"
one_link chap "auth require-chap name server1" "noauth user alice remotename server1" && {
    has_line srv "alice" && has_line cli "CHAP authentication succeeded" &&
        pass "chap: client logs CHAP authentication succeeded" ||
        { fail "chap: client logs CHAP authentication succeeded"; show_log cli; }
    end_link chap
}

# 4. wrong PAP password: the server says the peer failed (11), the client 19
printf 'alice * "other" *\n' >"$T/srv/etc/pap-secrets"
rm -f "$T"/srv.* "$T"/cli.*
pppd_ns Abad; pppd_ns Bbad
start_ptylink "$T/ttyA" "$T/ttyB"
run_pppd srv Bbad "$T/ttyB" nodetach 192.0.2.1:192.0.2.2 auth require-pap
run_pppd cli Abad "$T/ttyA" nodetach noauth user alice password s3cret
rcs=$(wait_rc srv 30); rc=$(wait_rc cli 30)
if [ "$rcs" = 11 ] && [ "$rc" = 19 ]; then
    pass "bad PAP password: server exit 11, client exit 19"
else
    fail "bad PAP password: server exit 11, client exit 19 (got $rcs, $rc)"; show_log srv; show_log cli
fi
exit 0
