#!/bin/sh
# MS-CHAP v1 and v2 between two pppd-lite over a pty pair, one in each
# network namespace: success (IPCP up, pppd's log lines, the algorithm in
# the debug dump, no secret in it), wrong passwords (exit 11 and 19, the
# error code in words, a Hint), both sides as authenticator, a client that
# refuses MS-CHAP, and a hostile authenticator whose S= is wrong (the client
# fails the link: mutual authentication).
. "$TOP/tests/e2e/pppd_lib.inc"
pppd_need_root "pppd-lite MS-CHAP tests"
pppd_setup
pppd_side srv; pppd_side cli

secrets() {    # secrets SIDE TEXT
    printf '%s\n' "$2" >"$T/$1/etc/chap-secrets"; chmod 600 "$T/$1/etc/chap-secrets"
}

# start CASE SERVER_ARGS -- CLIENT_ARGS: both ends, fresh namespaces.
start() {
    case=$1; sargs=$2; cargs=$3
    for p in $PIDS; do kill "$p" 2>/dev/null; done
    for p in $PIDS; do wait "$p" 2>/dev/null; done
    PIDS=""
    for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^${NS_PREFIX}"); do
        ip netns del "$ns"
    done
    rm -f "$T"/srv.* "$T"/cli.*
    pppd_ns A; pppd_ns B
    start_ptylink "$T/ttyA" "$T/ttyB" || { fail "$case: ptylink"; return 1; }
    # shellcheck disable=SC2086
    run_pppd srv B "$T/ttyB" nodetach debug 192.0.2.1:192.0.2.2 $sargs
    # shellcheck disable=SC2086
    run_pppd cli A "$T/ttyA" nodetach debug $cargs
}

# good CASE ALG SERVER_ARGS CLIENT_ARGS: the link comes up with algorithm ALG.
good() {
    case=$1; alg=$2
    start "$1" "$3" "$4" || return
    if wait_for "$T/cli.log" "remote IP address 192.0.2.1" 15 &&
       wait_for "$T/srv.log" "remote IP address 192.0.2.2" 5; then
        pass "$case: IPCP up on both sides"
    else
        fail "$case: IPCP up on both sides"; show_log srv; show_log cli; return 1
    fi
    has_line srv "CHAP peer authentication succeeded for alice" &&
        has_line cli "CHAP authentication succeeded" &&
        pass "$case: 'CHAP peer authentication succeeded for alice' / 'CHAP authentication succeeded'" ||
        { fail "$case: pppd's success lines"; show_log srv; show_log cli; }
    has_line cli "<auth chap $alg>" && has_line srv "<auth chap $alg>" &&
        pass "$case: debug dumps name the algorithm (<auth chap $alg>)" ||
        fail "$case: debug dumps name the algorithm (<auth chap $alg>)"
    if grep -q "Sesame4u" "$T/srv.log" "$T/cli.log" "$T/srv.out" "$T/cli.out"; then
        fail "$case: the secret never appears in the logs"
    else
        pass "$case: the secret never appears in the logs"
    fi
    ip netns exec "${NS_PREFIX}A" ping -c 1 -W 3 192.0.2.1 >/dev/null &&
        pass "$case: ping over the link" || fail "$case: ping over the link"
    pid=$(cat "$T/cli/run/ppp0.pid" 2>/dev/null)
    [ -n "$pid" ] && kill -INT "$pid"
    rc=$(wait_rc cli 10)
    [ "$rc" = 5 ] && pass "$case: SIGINT ends the client (exit 5)" ||
        fail "$case: SIGINT ends the client (exit 5, got $rc)"
}

# bad CASE SERVER_ARGS CLIENT_ARGS WORDS: wrong password.
bad() {
    case=$1
    start "$1" "$2" "$3" || return
    rcs=$(wait_rc srv 40); rc=$(wait_rc cli 40)
    if [ "$rcs" = 11 ] && [ "$rc" = 19 ]; then
        pass "$case: server exit 11, client exit 19"
    else
        fail "$case: server exit 11, client exit 19 (got $rcs, $rc)"; show_log srv; show_log cli
    fi
    has_line srv "CHAP peer authentication failed for alice" &&
        has_line cli "$4" && has_line cli "CHAP authentication failed" &&
        pass "$case: 'CHAP peer authentication failed for alice', client: '$4'" ||
        { fail "$case: failure lines"; show_log srv; show_log cli; }
    has_line srv "Hint:" && has_line cli "Hint:" &&
        pass "$case: a Hint: line on each side" || fail "$case: a Hint: line on each side"
}

SRV="auth name server1"
CLI="noauth user alice remotename server1"
secrets srv 'alice server1 "Sesame4u" *'
secrets cli 'alice server1 "Sesame4u" *'
good "MS-CHAPv2" MS-v2 "$SRV require-mschap-v2" "$CLI"
good "MS-CHAP" MS "$SRV require-mschap" "$CLI"
# The client refuses v2: the server Naks down to v1.
good "MS-CHAPv2 refused, v1 taken" MS "$SRV require-mschap-v2 require-mschap" "$CLI refuse-mschap-v2"
has_line srv "rcvd [LCP ConfNak id=0x1 <auth chap MS>]" &&
    pass "MS-CHAPv2 refused, v1 taken: the client's Nak names MS" ||
    fail "MS-CHAPv2 refused, v1 taken: the client's Nak names MS"

# Both sides authenticate each other with MS-CHAPv2 (each is a server).
secrets srv 'alice server1 "Sesame4u" *
server1 alice "Other5ecret" *'
secrets cli 'alice server1 "Sesame4u" *
server1 alice "Other5ecret" *'
good "MS-CHAPv2 both ways" MS-v2 "$SRV require-mschap-v2 user server1 remotename alice" \
    "auth name alice require-mschap-v2 user alice remotename server1"
has_line cli "CHAP peer authentication succeeded for server1" &&
    pass "MS-CHAPv2 both ways: the client authenticated the server too" ||
    { fail "MS-CHAPv2 both ways: the client authenticated the server too"; show_log cli; }

# Wrong passwords.
secrets srv 'alice server1 "Sesame4u" *'
secrets cli 'alice server1 "Wr0ng" *'
bad "MS-CHAPv2 wrong password" "$SRV require-mschap-v2" "$CLI" \
    "MS-CHAP authentication failed: E=691 Authentication failure"
has_line cli "MS-CHAP authentication failed: Access denied" &&
    pass "MS-CHAPv2 wrong password: the server's M= text is logged" ||
    fail "MS-CHAPv2 wrong password: the server's M= text is logged"
bad "MS-CHAP wrong password" "$SRV require-mschap" "$CLI" \
    "MS-CHAP authentication failed: E=691 Authentication failure"

# A client that refuses MS-CHAP against a server that requires it.
secrets cli 'alice server1 "Sesame4u" *'
start "refused" "$SRV require-mschap-v2 require-mschap" "$CLI refuse-mschap refuse-mschap-v2"
rcs=$(wait_rc srv 40)
if [ "$rcs" = 11 ] && has_line srv "peer refused to authenticate: terminating link" &&
   has_line srv "Hint:"; then
    pass "client refusing MS-CHAP: server says 'peer refused to authenticate', exit 11"
else
    fail "client refusing MS-CHAP: server exit 11 (got $rcs)"; show_log srv; show_log cli
fi

# An authenticator that does not know the password: its S= is wrong.
for p in $PIDS; do kill "$p" 2>/dev/null; done
for p in $PIDS; do wait "$p" 2>/dev/null; done
PIDS=""
rm -f "$T"/cli.*
"$HELPERS/hostile_peer" -d 20 "$T/ttyA" mschapbad >"$T/peer.out" 2>&1 &
PIDS="$PIDS $!"
wait_for "$T/peer.out" ready 5
run_pppd cli A "$T/ttyA" nodetach debug noauth user alice password Sesame4u lcp-restart 1
rc=$(wait_rc cli 30)
if [ "$rc" = 19 ] && has_line cli "MS-CHAPv2 mutual authentication failed." &&
   has_line cli "CHAP authentication failed" && ! has_line cli "CHAP authentication succeeded" &&
   has_line cli "Hint: the peer accepted our password but could not prove it"; then
    pass "wrong S= from the authenticator: 'MS-CHAPv2 mutual authentication failed.', its Hint, exit 19"
else
    fail "wrong S= from the authenticator: exit 19 (got $rc)"; show_log cli; cat "$T/peer.out"
fi
exit 0
