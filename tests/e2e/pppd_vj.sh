#!/bin/sh
# VJ TCP/IP header compression (RFC 1144) between two pppd-lite over a pty
# pair: negotiated as pppd (<compress VJ 0f 01> acked both ways), 4 MB of
# bulk TCP each way arrive intact (pattern-checked), 1-byte interactive echoes
# all come back, IPv6 (never compressed) flows beside it, and the exit
# summaries count compressed packets with no errors. Then vj-max-slots 4
# against novjccomp (Naks to <compress VJ 03 00>) with 8 parallel connections
# sharing 4 slots, and novj on one side (no VJ either way, traffic intact).
. "$TOP/tests/e2e/pppd_lib.inc"
pppd_need_root "pppd-lite VJ tests"
sh "$TOP/contrib/install-deps" iputils-ping >/dev/null 2>&1 || true
METER="$HELPERS/tcpmeter"
pppd_setup
pppd_side srv; pppd_side cli

# vj_link CASE "SERVER ARGS" "CLIENT ARGS": both up, or fail and return 1
vj_link() {
    case=$1
    rm -f "$T"/srv.* "$T"/cli.*
    pppd_ns "A$case"; pppd_ns "B$case"
    # TCP timestamps change an option in every segment, which RFC 1144
    # cannot carry: off, as on the vintage clients that ask for VJ
    for ns in "A$case" "B$case"; do
        ip netns exec "$NS_PREFIX$ns" sysctl -qw net.ipv4.tcp_timestamps=0
    done
    start_ptylink "$T/ttyA" "$T/ttyB" || { fail "$case: ptylink"; return 1; }
    # shellcheck disable=SC2086
    run_pppd srv "B$case" "$T/ttyB" nodetach noauth debug 192.0.2.1:192.0.2.2 $2
    # shellcheck disable=SC2086
    run_pppd cli "A$case" "$T/ttyA" nodetach noauth debug $3
    if wait_for "$T/cli.log" "remote IP address 192.0.2.1" 10 &&
       wait_for "$T/srv.log" "remote IP address 192.0.2.2" 5; then
        pass "$case: IPCP up on both sides"
    else
        fail "$case: IPCP up on both sides"; show_log srv; show_log cli; return 1
    fi
}

# bulk CASE FROM TO ADDR PORT BYTES: tcpmeter source in FROM to a sink in TO
bulk() {
    ip netns exec "${NS_PREFIX}$3$1" timeout 60 "$METER" sink "$4" "$5" "$6" >"$T/sink$5.out" 2>&1 &
    s=$!
    wait_for "$T/sink$5.out" listening 5
    ip netns exec "${NS_PREFIX}$2$1" timeout 60 "$METER" source "$4" "$5" "$6" 2>"$T/src$5.err"
    wait "$s" && grep -q "^bytes $6 " "$T/sink$5.out"
}

# end_link CASE: SIGINT the client, both exit
end_link() {
    kill -INT "$(cat "$T/cli/run/ppp0.pid" 2>/dev/null)" 2>/dev/null
    rc=$(wait_rc cli 10); rcs=$(wait_rc srv 10)
    [ "$rc" = 5 ] && [ "$rcs" = 0 ] && pass "$1: both ends exit" ||
        fail "$1: both ends exit (client $rc, server $rcs)"
    for p in $PIDS; do kill "$p" 2>/dev/null; done
    PIDS=""
    ip netns del "${NS_PREFIX}A$1"; ip netns del "${NS_PREFIX}B$1"
}

# vj_counts NAME: "COMPRESSED UNCOMPRESSED RX_COMPRESSED TOSSED ERRORS" from its summary
vj_counts() {
    sed -n 's/.*VJ: sent \([0-9]*\) compressed, \([0-9]*\) uncompressed.*received \([0-9]*\) compressed, [0-9]* uncompressed, \([0-9]*\) tossed, \([0-9]*\) errors$/\1 \2 \3 \4 \5/p' \
        "$T/$1.log"
}

# 1. VJ on both sides (the default), with IPv6 beside it
if vj_link vj "+ipv6" "+ipv6"; then
    has_line cli "sent [IPCP ConfReq id=0x1 <compress VJ 0f 01> <addr 0.0.0.0>]" &&
        grep -q "rcvd \[IPCP ConfAck id=0x[0-9a-f]* <compress VJ 0f 01>" "$T/cli.log" &&
        grep -q "rcvd \[IPCP ConfAck id=0x[0-9a-f]* <compress VJ 0f 01>" "$T/srv.log" &&
        pass "vj: debug shows <compress VJ 0f 01> asked and acked both ways" ||
        { fail "vj: <compress VJ 0f 01> acked both ways"; grep IPCP "$T/cli.log"; }
    bulk vj A B 192.0.2.1 5001 4194304 && pass "vj: 4 MB client to server intact" ||
        { fail "vj: 4 MB client to server"; cat "$T/sink5001.out" "$T/src5001.err"; }
    bulk vj B A 192.0.2.2 5002 4194304 && pass "vj: 4 MB server to client intact" ||
        { fail "vj: 4 MB server to client"; cat "$T/sink5002.out" "$T/src5002.err"; }
    ip netns exec "${NS_PREFIX}Bvj" timeout 30 "$METER" echod 192.0.2.1 5003 >"$T/echod.out" 2>&1 &
    e=$!
    wait_for "$T/echod.out" listening 5
    ip netns exec "${NS_PREFIX}Avj" timeout 30 "$METER" ping 192.0.2.1 5003 200 2 >"$T/ping.out" &&
        grep -q "^pings 200 " "$T/ping.out" && pass "vj: 200 interactive 1-byte echoes intact" ||
        { fail "vj: interactive echoes"; cat "$T/ping.out"; }
    wait "$e"
    wait_for "$T/cli.log" "remote LL address" 5
    ip netns exec "${NS_PREFIX}Avj" timeout 10 ping -6 -c 3 -i 0.2 -W 2 fe80::1%ppp0 >/dev/null ||
    ip netns exec "${NS_PREFIX}Avj" timeout 10 ping -6 -c 3 -i 0.2 -W 2 \
        "$(sed -n 's/.*remote LL address \(fe80[^ ]*\).*/\1/p' "$T/cli.log" | head -1)%ppp0" >/dev/null &&
        pass "vj: IPv6 flows beside it (never compressed)" || fail "vj: IPv6 ping"
    # the same counters, live, through the control socket
    PPPD_LITE_RUNDIR="$T/cli/run" "$BIN/pppctl" status ppp0 >"$T/ctl.out" 2>&1
    cin=$(sed -n 's/^vj_comp_in  *//p' "$T/ctl.out"); cout=$(sed -n 's/^vj_comp_out  *//p' "$T/ctl.out")
    [ "${cin:-0}" -gt 1000 ] 2>/dev/null && [ "${cout:-0}" -gt 1000 ] &&
        pass "vj: pppctl status shows the VJ counters ($cout compressed out, $cin in)" ||
        { fail "vj: pppctl status VJ counters"; cat "$T/ctl.out"; }
    end_link vj
    for s in cli srv; do
        set -- $(vj_counts "$s")
        if [ "${1:-0}" -gt 1000 ] && [ "${3:-0}" -gt 1000 ] && [ "$4" = 0 ] && [ "$5" = 0 ]; then
            pass "vj: $s exit summary: $1 compressed sent, $3 received, 0 tossed, 0 errors"
        else
            fail "vj: $s exit summary ($*)"; grep "VJ:" "$T/$s.log"
        fi
    done
fi

# 2. vj-max-slots 4 against novjccomp: 8 connections at once over 4 slots
if vj_link slots "vj-max-slots 4" "novjccomp"; then
    grep -q "rcvd \[IPCP ConfAck id=0x[0-9a-f]* <compress VJ 03 00>" "$T/srv.log" &&
        grep -q "rcvd \[IPCP ConfAck id=0x[0-9a-f]* <compress VJ 03 00>" "$T/cli.log" &&
        grep -q "sent \[IPCP ConfNak id=0x[0-9a-f]* <compress VJ 03 00>" "$T/srv.log" &&
        pass "slots: Naks settle on <compress VJ 03 00> both ways" ||
        { fail "slots: <compress VJ 03 00>"; grep IPCP "$T/srv.log" "$T/cli.log"; }
    ok=0; jobs=""
    for port in 5101 5102 5103 5104 5105 5106 5107 5108; do
        ip netns exec "${NS_PREFIX}Bslots" timeout 60 "$METER" sink 192.0.2.1 "$port" 262144 \
            >"$T/s$port.out" 2>&1 &
        jobs="$jobs $!"
    done
    for port in 5101 5102 5103 5104 5105 5106 5107 5108; do
        wait_for "$T/s$port.out" listening 5
    done
    for port in 5101 5102 5103 5104 5105 5106 5107 5108; do
        ip netns exec "${NS_PREFIX}Aslots" timeout 60 "$METER" source 192.0.2.1 "$port" 262144 &
        jobs="$jobs $!"
    done
    for j in $jobs; do wait "$j"; done
    for port in 5101 5102 5103 5104 5105 5106 5107 5108; do
        grep -q "^bytes 262144 " "$T/s$port.out" && ok=$((ok + 1))
    done
    [ "$ok" = 8 ] && pass "slots: 8 parallel connections over 4 slots all intact" ||
        fail "slots: $ok of 8 parallel connections intact"
    end_link slots
    set -- $(vj_counts cli)
    grep -q "VJ:.*([0-9]* searches, [1-9][0-9]* misses)" "$T/cli.log" && [ "$5" = 0 ] &&
        [ "${1:-0}" -gt 0 ] && pass "slots: connections took slots from each other, no errors" ||
        { fail "slots: summary"; grep "VJ:" "$T/cli.log"; }
fi

# 3. novj on the server: no VJ either way, and none needed
if vj_link novj "novj" ""; then
    ! grep "sent \[IPCP ConfReq" "$T/srv.log" | grep -q "<compress" &&
        grep -q "sent \[IPCP ConfRej id=0x[0-9a-f]* <compress VJ 0f 01>" "$T/srv.log" &&
        pass "novj: the server rejects the client's VJ" ||
        { fail "novj: VJ rejected"; grep IPCP "$T/srv.log"; }
    bulk novj A B 192.0.2.1 5201 1048576 && pass "novj: 1 MB intact without VJ" ||
        fail "novj: 1 MB without VJ"
    end_link novj
    ! grep -q "VJ:" "$T/cli.log" && ! grep -q "VJ:" "$T/srv.log" &&
        pass "novj: no VJ summary on either side" || fail "novj: no VJ summary"
fi
[ -z "$FAILED" ]
