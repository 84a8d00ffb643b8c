#!/bin/sh
# pppd-lite as the client of an independent PPP implementation: Debian's
# slirp ("slirp-fullbolt ppp"), on a pty, in its own network namespace (it
# only reaches that namespace's loopback). slirp assigns us 10.0.2.15 and
# offers CCP, which we must Protocol-Reject; a TCP connection to 10.0.2.2
# (slirp's alias for its host) reaches a listener on slirp's 127.0.0.1.
# slirp asks for VJ compression (its own RFC 1144 code): agreed both ways,
# 512 KB through it arrive intact and both directions counted compressed.
. "$TOP/tests/e2e/pppd_lib.inc"
pppd_need_root "pppd-lite with slirp"
if ! sh "$TOP/contrib/install-deps" slirp netcat-openbsd >/dev/null 2>&1 ||
   ! command -v slirp-fullbolt >/dev/null; then
    skip "pppd-lite with slirp (slirp not installable)"
    exit 0
fi
pppd_setup
pppd_side cli
pppd_ns A; pppd_ns S
mkdir -p "$T/slirphome"

start_ptylink "$T/ttyA" "$T/ttyS"
ip netns exec "${NS_PREFIX}S" timeout 20 nc -l 127.0.0.1 5002 >"$T/got" &
PIDS="$PIDS $!"
(
    cd "$T/slirphome" && HOME="$T/slirphome" timeout 60 ip netns exec "${NS_PREFIX}S" \
        slirp-fullbolt ppp nozeros ppp_exit <>"$T/ttyS" >&0 2>"$T/slirp.err"
) &
PIDS="$PIDS $!"
sleep 0.3
run_pppd cli A "$T/ttyA" nodetach noauth noipdefault :10.0.2.2 ipcp-accept-local debug

if wait_for "$T/cli.log" "remote IP address 10.0.2.2" 15; then
    pass "slirp: IPCP up"
else
    fail "slirp: IPCP up"; show_log cli; cat "$T/slirp.err"
fi
grep -qE "local +IP address 10.0.2.15" "$T/cli.log" && pass "slirp: we got 10.0.2.15" ||
    fail "slirp: we got 10.0.2.15"
grep -qiE "sent \[LCP ProtRej.*(CCP|80fd)|Protocol-Reject.*(CCP|80fd)|ProtRej.*80 fd" "$T/cli.log" &&
    pass "slirp: its CCP was Protocol-Rejected" ||
    { fail "slirp: its CCP was Protocol-Rejected"; grep -i 'rej\|ccp' "$T/cli.log"; }
echo "hello through slirp" | ip netns exec "${NS_PREFIX}A" timeout 10 nc -N 10.0.2.2 5002
sleep 0.5
grep -q "hello through slirp" "$T/got" && pass "slirp: a TCP connection goes through" ||
    fail "slirp: a TCP connection goes through"
grep -q "rcvd \[IPCP ConfAck id=0x[0-9a-f]* <compress VJ 0f 01>" "$T/cli.log" &&
    grep -q "sent \[IPCP ConfAck id=0x[0-9a-f]* .*<compress VJ 0f 01>" "$T/cli.log" &&
    pass "slirp: VJ compression agreed both ways" || fail "slirp: VJ compression agreed both ways"
ip netns exec "${NS_PREFIX}A" sysctl -qw net.ipv4.tcp_timestamps=0
ip netns exec "${NS_PREFIX}S" timeout 30 "$HELPERS/tcpmeter" sink 127.0.0.1 5004 524288 \
    >"$T/sink.out" 2>&1 &
sink=$!
wait_for "$T/sink.out" listening 5
ip netns exec "${NS_PREFIX}A" timeout 30 "$HELPERS/tcpmeter" source 10.0.2.2 5004 524288
wait "$sink" && pass "slirp: 512 KB through slirp with VJ intact" ||
    { fail "slirp: 512 KB through slirp with VJ"; cat "$T/sink.out"; }
kill -INT "$(cat "$T/cli/run/ppp0.pid")"
rc=$(wait_rc cli 10)
[ "$rc" = 5 ] && pass "slirp: SIGINT ends the link, exit 5" || fail "slirp: exit 5 (got $rc)"
vj=$(sed -n 's/.*VJ: sent \([0-9]*\) compressed.*received \([0-9]*\) compressed.* \([0-9]*\) errors$/\1 \2 \3/p' "$T/cli.log")
set -- $vj
[ "${1:-0}" -gt 100 ] && [ "${2:-0}" -gt 0 ] && [ "$3" = 0 ] &&
    pass "slirp: VJ counted both ways ($1 sent and $2 received compressed, 0 errors)" ||
    { fail "slirp: VJ counters"; grep "VJ:" "$T/cli.log"; }
exit 0
