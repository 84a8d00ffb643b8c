#!/bin/sh
# pppd-lite as the client of an independent PPP implementation: Debian's
# slirp ("slirp-fullbolt ppp"), on a pty, in its own network namespace (it
# only reaches that namespace's loopback). slirp assigns us 10.0.2.15 and
# offers CCP, which we must Protocol-Reject; a TCP connection to 10.0.2.2
# (slirp's alias for its host) reaches a listener on slirp's 127.0.0.1.
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
kill -INT "$(cat "$T/cli/run/ppp0.pid")"
rc=$(wait_rc cli 10)
[ "$rc" = 5 ] && pass "slirp: SIGINT ends the link, exit 5" || fail "slirp: exit 5 (got $rc)"
exit 0
