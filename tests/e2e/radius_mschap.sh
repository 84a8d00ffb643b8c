#!/bin/sh
# MS-CHAP v1 and v2 checked by RADIUS: pppd-lite as NAS (plugin radius.so,
# no chap-secrets of its own) asks Debian's FreeRADIUS 3 (mschap module,
# Cleartext-Password users) with MS-CHAP-Challenge and MS-CHAP2-Response /
# MS-CHAP-Response; a pppd-lite client with its password in chap-secrets
# checks the S= FreeRADIUS computed (MS-CHAP2-Success, passed on by the NAS),
# gets its Framed-IP-Address and pings; a wrong password gets FreeRADIUS's
# MS-CHAP-Error (E=691) as the Failure message; accounting Start follows.
. "$TOP/tests/e2e/pppd_lib.inc"
. "$TOP/tests/e2e/radius_lib.inc"
pppd_need_root "pppd-lite MS-CHAP over RADIUS tests"
radius_need "pppd-lite MS-CHAP over RADIUS tests"
sh "$TOP/contrib/install-deps" iputils-ping >/dev/null 2>&1 || true
pppd_setup
trap 'radius_stop_all; pppd_teardown' EXIT INT TERM
pppd_side srv; pppd_side cli
pppd_ns A; pppd_ns B

USERS='alice Cleartext-Password := "Sesame4u"
	Framed-IP-Address = 192.0.2.5
bob Cleartext-Password := "V1-pass"
	Framed-IP-Address = 192.0.2.6
"EXAMPLE\carol" Cleartext-Password := "Dom4in-pw"
	Framed-IP-Address = 192.0.2.7'
radius_conf r1 21822 testing123 "$USERS"
radius_start r1 B || { fail "FreeRADIUS starts"; cat "$T/r1/log/"*; exit 1; }
# Debian's radcli dictionary leaves dictionary.microsoft out: pppd-lite reads it
radius_client_conf "$T/rc1.conf" testing123 127.0.0.1:21822
: >"$T/srv/etc/chap-secrets"; : >"$T/srv/etc/pap-secrets"
chmod 600 "$T/srv/etc/chap-secrets" "$T/srv/etc/pap-secrets"

# link NAS_ARGS CLIENT_ARGS CLIENT_SECRETS: a fresh pty pair, the NAS in B
# (nothing local to check a peer with), the client in A
link() {
    pppd_fresh
    rm -f "$T"/srv.* "$T"/cli.*
    printf '%s\n' "$3" >"$T/cli/etc/chap-secrets"; chmod 600 "$T/cli/etc/chap-secrets"
    start_ptylink "$T/ttyA" "$T/ttyB" || { fail "ptylink"; return 1; }
    # shellcheck disable=SC2086
    run_pppd srv B "$T/ttyB" nodetach debug 192.0.2.1: auth plugin radius.so \
        radius-config-file "$T/rc1.conf" radius-spool "$T/spool" $1
    # shellcheck disable=SC2086
    run_pppd cli A "$T/ttyA" nodetach debug noauth noipdefault $2
}

stop_client() {
    kill -INT "$(cat "$T/cli/run/ppp0.pid" 2>/dev/null)" 2>/dev/null
    wait_rc cli 15 >/dev/null; wait_rc srv 30 >/dev/null
}

# accepted CASE ALG IP: the link came up through RADIUS with algorithm ALG
accepted() {
    case=$1; alg=$2; ip=$3
    if wait_for "$T/cli.log" "remote IP address 192.0.2.1" 20 &&
       grep -qE "local +IP address $ip" "$T/cli.log"; then
        pass "$case: accepted by FreeRADIUS, Framed-IP-Address $ip on the link"
    else
        fail "$case: accepted by FreeRADIUS, Framed-IP-Address $ip on the link"
        show_log srv; show_log cli; return 1
    fi
    has_line srv "<auth chap $alg>" && has_line srv "CHAP peer authentication succeeded for" &&
        has_line cli "CHAP authentication succeeded" &&
        pass "$case: <auth chap $alg>, pppd's success lines on both sides" ||
        { fail "$case: <auth chap $alg>, pppd's success lines"; show_log srv; show_log cli; }
    ip netns exec "${NS_PREFIX}A" ping -c 3 -i 0.2 -W 2 192.0.2.1 >/dev/null &&
        pass "$case: ping over the link" || fail "$case: ping over the link"
}

# 1. MS-CHAPv2: FreeRADIUS's S= reaches the client, which checks it
link "require-mschap-v2" "user alice" 'alice * "Sesame4u" *'
if accepted "MS-CHAPv2" MS-v2 192.0.2.5; then
    # the Success the NAS sent is FreeRADIUS's MS-CHAP2-Success text, S= alone
    s=$(sed -n 's/.*sent \[CHAP Success id=0x[0-9a-f]* "\(S=[0-9A-Fa-f]*\)"\].*/\1/p' "$T/srv.log")
    [ "${#s}" = 42 ] && has_line srv "RADIUS: MS-CHAP2-Success $s" &&
        ! has_line cli "mutual authentication failed" &&
        pass "MS-CHAPv2: the NAS passed FreeRADIUS's $s on; the client verified it" ||
        { fail "MS-CHAPv2: FreeRADIUS's S= passed on and verified (got '$s')"; show_log srv; }
    if grep -q "Sesame4u" "$T/srv.log" "$T/srv.out"; then
        fail "MS-CHAPv2: the password never appears in the NAS's log"
    else
        pass "MS-CHAPv2: the password never appears in the NAS's log"
    fi
fi
sleep 1
stop_client
radius_detail r1 | grep -q 'User-Name = "alice"' &&
    radius_detail r1 | grep -q 'Acct-Status-Type = Start' &&
    pass "MS-CHAPv2: accounting Start for alice in the detail file" ||
    { fail "MS-CHAPv2: accounting Start for alice"; radius_detail r1 | tail -30; }

# 2. MS-CHAPv2, wrong password: FreeRADIUS's MS-CHAP-Error is the Failure
link "require-mschap-v2" "user alice" 'alice * "Wr0ng" *'
rcs=$(wait_rc srv 30); rcc=$(wait_rc cli 30)
[ "$rcs" = 11 ] && has_line srv "CHAP peer authentication failed for alice" &&
    pass "MS-CHAPv2 wrong password: NAS exits 11 with pppd's line" ||
    { fail "MS-CHAPv2 wrong password: NAS exits 11 (got $rcs)"; show_log srv; }
[ "$rcc" = 19 ] && has_line cli "MS-CHAP authentication failed: E=691 Authentication failure" &&
    pass "MS-CHAPv2 wrong password: client exits 19, logs E=691 in words" ||
    { fail "MS-CHAPv2 wrong password: client exits 19, E=691 in words (got $rcc)"; show_log cli; }
f=$(sed -n 's/.*sent \[CHAP Failure id=0x[0-9a-f]* "\(E=[^"]*\)"\].*/\1/p' "$T/srv.log")
[ -n "$f" ] && has_line srv "RADIUS: MS-CHAP-Error $f" &&
    pass "MS-CHAPv2 wrong password: the Failure is FreeRADIUS's MS-CHAP-Error ($f)" ||
    { fail "MS-CHAPv2 wrong password: the Failure is FreeRADIUS's MS-CHAP-Error ($f)"; show_log srv; }

# 3. MS-CHAP (v1)
link "require-mschap" "user bob" 'bob * "V1-pass" *'
accepted "MS-CHAP" MS 192.0.2.6
stop_client

# 3b. MS-CHAPv2 with a DOMAIN\ name: the server gets User-Name as the peer
# sent it (its users file has EXAMPLE\carol: FreeRADIUS keeps a backslash that
# escapes nothing), both hash the name without its domain
link "require-mschap-v2" 'user EXAMPLE\carol' 'EXAMPLE\\carol * "Dom4in-pw" *'
accepted "MS-CHAPv2, DOMAIN-prefixed name" MS-v2 192.0.2.7
sleep 1
stop_client
radius_detail r1 | grep -qF 'User-Name = "EXAMPLE\\carol"' &&
    pass "MS-CHAPv2, DOMAIN-prefixed name: the server saw and accounted the full name" ||
    { fail "MS-CHAPv2, DOMAIN-prefixed name: the server saw and accounted the full name"
      radius_detail r1 | grep User-Name; }

# 4. MS-CHAP (v1), wrong password
link "require-mschap" "user bob" 'bob * "nope" *'
rcs=$(wait_rc srv 30); rcc=$(wait_rc cli 30)
[ "$rcs" = 11 ] && [ "$rcc" = 19 ] &&
    has_line cli "MS-CHAP authentication failed: E=691 Authentication failure" &&
    pass "MS-CHAP wrong password: exits 11 and 19, E=691 in words" ||
    { fail "MS-CHAP wrong password: exits 11 and 19 (got $rcs, $rcc)"; show_log srv; show_log cli; }
exit 0
