#!/bin/sh
# pppd-lite inside a user namespace (unshare -rn): it needs only
# CAP_NET_ADMIN there, no real root. Run as nobody when /dev/net/tun is open
# to everyone (as on a stock Debian), else as the invoking user.
. "$TOP/tests/e2e/pppd_lib.inc"
pppd_need_root "pppd-lite in a user namespace"
if ! unshare -rn true 2>/dev/null; then
    skip "pppd-lite in a user namespace (unshare -rn not permitted here)"
    exit 0
fi
pppd_setup
pppd_side b
pppd_ns B
mkdir -m 1777 "$T/u"
start_ptylink "$T/ttyA" "$T/ttyB"
chmod 666 "$(readlink "$T/ttyA")"

who="the invoking user"
as=""
if setpriv --reuid=65534 --regid=65534 --clear-groups sh -c 'test -r /dev/net/tun -a -w /dev/net/tun' 2>/dev/null; then
    who="nobody"
    as="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi

run_pppd b B "$T/ttyB" nodetach noauth 192.0.2.1:192.0.2.2
(
    # shellcheck disable=SC2086
    PPPD_LITE_ETC="$T/u" PPPD_LITE_RUNDIR="$T/u" HOME="$T/u" timeout 30 $as unshare -rn sh -c '
        ip link set lo up
        "$0" "$1" nodetach noauth logfile "$2/a.log" &
        p=$!
        i=0
        while ! grep -q "remote IP address" "$2/a.log" 2>/dev/null && [ $i -lt 100 ]; do
            sleep 0.1; i=$((i + 1))
        done
        ip -4 addr show ppp0 >"$2/addr" 2>&1
        ping -c 1 -W 3 192.0.2.1 >"$2/ping" 2>&1 && echo ok >>"$2/ping"
        kill -INT $p
        wait $p
        echo $? >"$2/a.rc"
    ' "$PPPD" "$T/ttyA" "$T/u"
) >"$T/u.out" 2>&1

if grep -q "remote IP address 192.0.2.1" "$T/u/a.log" 2>/dev/null &&
   grep -q "inet 192.0.2.2 peer 192.0.2.1" "$T/u/addr"; then
    pass "user namespace ($who): IPCP up, ppp0 configured"
else
    fail "user namespace ($who): IPCP up"; cat "$T/u.out" "$T/u/a.log" "$T/u/addr" 2>/dev/null
fi
if command -v ping >/dev/null; then
    grep -q '^ok' "$T/u/ping" && pass "user namespace ($who): ping over the link" ||
        fail "user namespace ($who): ping over the link"
fi
[ "$(cat "$T/u/a.rc" 2>/dev/null)" = 5 ] && pass "user namespace ($who): SIGINT, exit 5" ||
    fail "user namespace ($who): SIGINT, exit 5 (got $(cat "$T/u/a.rc" 2>/dev/null))"
exit 0
