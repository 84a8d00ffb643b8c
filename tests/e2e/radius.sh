#!/bin/sh
# pppd-lite's built-in RADIUS client (plugin radius.so) against Debian's
# FreeRADIUS 3: PAP and CHAP users get their Framed-IP-Address, a rejected
# user's Reply-Message, Start/Interim/Stop in the detail file with the octets
# of the link, failover while the first server is stopped (SIGSTOP) and LCP
# echo keeps being answered, a wrong shared secret, and a Stop spooled while
# the server is down and delivered by the next start.
. "$TOP/tests/e2e/pppd_lib.inc"
. "$TOP/tests/e2e/radius_lib.inc"
pppd_need_root "pppd-lite RADIUS tests"
radius_need "pppd-lite RADIUS tests"
sh "$TOP/contrib/install-deps" iputils-ping >/dev/null 2>&1 || true
pppd_setup
trap 'radius_stop_all; pppd_teardown' EXIT INT TERM
pppd_side srv; pppd_side cli
pppd_ns A; pppd_ns B

USERS='alice Cleartext-Password := "pass"
	Framed-IP-Address = 192.0.2.2,
	Acct-Interim-Interval = 2,
	Class = "alice-class"
carol Cleartext-Password := "pass"
	Framed-IP-Address = 192.0.2.3
bob Auth-Type := Reject
	Reply-Message = "Account closed"'
radius_conf r1 21812 testing123 "$USERS"
radius_conf r2 21814 testing123 "$USERS"
radius_start r1 B || { fail "FreeRADIUS r1 starts"; cat "$T/r1/log/"*; exit 1; }
radius_start r2 B || { fail "FreeRADIUS r2 starts"; cat "$T/r2/log/"*; exit 1; }
radius_client_conf "$T/rc1.conf" testing123 127.0.0.1:21812
radius_client_conf "$T/rc2.conf" testing123 127.0.0.1:21812 127.0.0.1:21814
radius_client_conf "$T/rc3.conf" wrongsecret 127.0.0.1:21812
SPOOL="$T/spool"

# link NAS_ARGS -- CLIENT_ARGS: a fresh pty pair, the NAS in B, the client in A
link() {
    pppd_fresh
    rm -f "$T"/srv.* "$T"/cli.*
    start_ptylink "$T/ttyA" "$T/ttyB" || { fail "ptylink"; return 1; }
    # shellcheck disable=SC2086
    run_pppd srv B "$T/ttyB" nodetach 192.0.2.1: auth plugin radius.so radius-spool "$SPOOL" \
        lcp-echo-interval 1 lcp-echo-failure 3 $1
    # shellcheck disable=SC2086
    run_pppd cli A "$T/ttyA" nodetach noauth noipdefault lcp-echo-interval 1 \
        lcp-echo-failure 3 $2
}

# stop_client: SIGINT to the client; both sides exit
stop_client() {
    kill -INT "$(cat "$T/cli/run/ppp0.pid" 2>/dev/null)" 2>/dev/null
    wait_rc cli 15 >/dev/null; wait_rc srv 30 >/dev/null
}

# detail_value NAME STATUS ATTR: ATTR of the last STATUS record in NAME's detail file
detail_value() {
    radius_detail "$1" | awk -v st="$2" -v at="$3" '
        /^[A-Z][a-z][a-z] / { inrec = 1; delete rec; next }
        /^$/ { if (inrec && rec["Acct-Status-Type"] == st && (at in rec)) last = rec[at]; inrec = 0; next }
        { line = $0; sub(/^[ \t]+/, "", line); k = line; sub(/ = .*/, "", k);
          v = line; sub(/^[^=]*= /, "", v); gsub(/"/, "", v); rec[k] = v }
        END { if (inrec && rec["Acct-Status-Type"] == st && (at in rec)) last = rec[at]; print last }'
}

# 1. PAP, the address from Framed-IP-Address, accounting with interim updates
link "require-pap radius-config-file $T/rc1.conf plugin radattr.so" "user alice password pass"
if wait_for "$T/cli.log" "local  IP address 192.0.2.2" 15 ||
   grep -qE "local +IP address 192.0.2.2" "$T/cli.log"; then
    pass "PAP user accepted by RADIUS, Framed-IP-Address 192.0.2.2 on the link"
else
    fail "PAP user accepted by RADIUS, Framed-IP-Address 192.0.2.2 on the link"
    show_log srv; show_log cli
fi
ip netns exec "${NS_PREFIX}A" ping -c 5 -i 0.2 -W 2 192.0.2.1 >/dev/null &&
    pass "PAP: ping over the link" || fail "PAP: ping over the link"
grep -q '^Framed-IP-Address 192.0.2.2$' "$T/srv/run/radattr.ppp0" 2>/dev/null &&
    grep -q '^Acct-Interim-Interval 2$' "$T/srv/run/radattr.ppp0" &&
    pass "radattr.so: the Accept's attributes in RUNDIR/radattr.ppp0" ||
    { fail "radattr.so: the Accept's attributes in RUNDIR/radattr.ppp0"; cat "$T/srv/run/radattr.ppp0"; }
PPPD_LITE_RUNDIR="$T/srv/run" "$BIN/pppctl" status ppp0 >"$T/status" 2>&1
ctl_sid=$(awk '$1 == "radius_session" { print $2 }' "$T/status")
sleep 5       # Acct-Interim-Interval 2: two or more updates
stop_client
[ ! -e "$T/srv/run/radattr.ppp0" ] && pass "radattr.so: the file goes with the link" ||
    fail "radattr.so: the file goes with the link"
sid=$(detail_value r1 Start Acct-Session-Id)
[ -n "$sid" ] && [ "$(detail_value r1 Stop Acct-Session-Id)" = "$sid" ] &&
    [ "$(detail_value r1 Interim-Update Acct-Session-Id)" = "$sid" ] &&
    pass "Start, Interim-Update and Stop in the detail file, one Acct-Session-Id ($sid)" ||
    { fail "Start, Interim-Update and Stop in the detail file"; radius_detail r1; show_log srv; }
[ -n "$sid" ] && [ "$ctl_sid" = "$sid" ] &&
    pass "pppctl status: radius_session is the Acct-Session-Id ($ctl_sid)" ||
    { fail "pppctl status: radius_session ($ctl_sid) is the Acct-Session-Id ($sid)"; cat "$T/status"; }
sent=$(sed -n 's/.*Sent \([0-9]*\) bytes, received \([0-9]*\) bytes.*/\1/p' "$T/srv.log" | tail -1)
rcvd=$(sed -n 's/.*Sent \([0-9]*\) bytes, received \([0-9]*\) bytes.*/\2/p' "$T/srv.log" | tail -1)
in=$(detail_value r1 Stop Acct-Input-Octets); out=$(detail_value r1 Stop Acct-Output-Octets)
[ -n "$rcvd" ] && [ "$in" = "$rcvd" ] && [ "$out" = "$sent" ] && [ "$in" -gt 500 ] &&
    pass "Stop's octets are the link's (in $in = received, out $out = sent)" ||
    fail "Stop's octets are the link's (detail in=$in out=$out, log received=$rcvd sent=$sent)"
pin=$(detail_value r1 Stop Acct-Input-Packets); pout=$(detail_value r1 Stop Acct-Output-Packets)
[ "${pin:-0}" -ge 10 ] && [ "${pout:-0}" -ge 10 ] &&
    pass "Stop's packet counts hold the 5 pings each way (in $pin, out $pout)" ||
    fail "Stop's packet counts hold the 5 pings each way (in $pin, out $pout)"
[ "$(detail_value r1 Stop Acct-Terminate-Cause)" = User-Request ] &&
    [ "$(detail_value r1 Stop Framed-IP-Address)" = 192.0.2.2 ] &&
    [ "$(detail_value r1 Stop Class)" = "0x616c6963652d636c617373" ] &&
    [ "$(detail_value r1 Start NAS-Port-Type)" = Async ] &&
    pass "Stop: Terminate-Cause User-Request, Framed-IP-Address, Class echoed; Start: NAS-Port-Type Async" ||
    { fail "Stop: Terminate-Cause, Framed-IP-Address, Class"; radius_detail r1 | tail -40; }
[ -z "$(ls "$SPOOL" 2>/dev/null)" ] && pass "acknowledged Stop leaves nothing in the spool" ||
    fail "acknowledged Stop leaves nothing in the spool ($(ls "$SPOOL"))"

# 2. CHAP-MD5 checked by the server
link "require-chap radius-config-file $T/rc1.conf" "user carol password pass"
if wait_for "$T/cli.log" "192.0.2.3" 15 && grep -qE "local +IP address 192.0.2.3" "$T/cli.log"; then
    pass "CHAP user accepted by RADIUS, Framed-IP-Address 192.0.2.3 on the link"
else
    fail "CHAP user accepted by RADIUS"; show_log srv; show_log cli
fi
stop_client

# 3. Access-Reject with a Reply-Message
link "require-pap radius-config-file $T/rc1.conf" "user bob password x"
rcs=$(wait_rc srv 20); rcc=$(wait_rc cli 20)
[ "$rcs" = 11 ] && has_line srv "PAP peer authentication failed for bob" &&
    pass "rejected user: NAS exits 11 with pppd's line" ||
    { fail "rejected user: NAS exits 11 (got $rcs)"; show_log srv; }
has_line srv "Account closed" && pass "rejected user: Reply-Message logged by the NAS" ||
    fail "rejected user: Reply-Message logged by the NAS"
has_line srv "Hint: the authentication server (RADIUS) rejected" &&
    ! has_line srv "does not match pap-secrets" &&
    pass "rejected user: the Hint names the RADIUS server, not the secrets files" ||
    fail "rejected user: Hint line for a RADIUS reject"
has_line cli "Remote message: Account closed" && [ "$rcc" = 19 ] &&
    pass "rejected user: the peer is shown the Reply-Message, exits 19" ||
    { fail "rejected user: the peer is shown the Reply-Message (exit $rcc)"; show_log cli; }

# 4. the first server stopped: LCP echo still answered, failover to the second
kill -STOP "$(cat "$T/r1.pid")"
link "require-pap radius-config-file $T/rc2.conf debug" "user alice password pass debug"
if wait_for "$T/cli.log" "192.0.2.2" 30 && grep -qE "local +IP address 192.0.2.2" "$T/cli.log"; then
    pass "first server stopped: accepted by the second"
else
    fail "first server stopped: accepted by the second"; show_log srv; show_log cli
fi
has_line srv "failed over past 127.0.0.1:21812 (no answer after" &&
    pass "the NAS says which server did not answer and for how long" ||
    fail "the NAS says which server did not answer"
has_line cli "No response to" && fail "LCP echo answered while RADIUS waits" ||
    { [ "$(grep -c 'rcvd \[LCP EchoRep' "$T/cli.log")" -ge 3 ] &&
      pass "LCP echo answered while RADIUS waits" ||
      fail "LCP echo answered while RADIUS waits (too few Echo-Replies)"; }
stop_client
kill -CONT "$(cat "$T/r1.pid")"

# 5. a wrong shared secret: nobody gets in. PAP: the server cannot read the
# password. CHAP: the server can check the response without the secret, so
# only the reply's Response Authenticator stops it, which radcli before 1.4
# does not check (pppd-lite says so at start; then this part is skipped).
link "require-pap radius-config-file $T/rc3.conf" "user alice password pass"
rcs=$(wait_rc srv 30)
[ "$rcs" = 11 ] && ! grep -qE "remote IP address" "$T/srv.log" &&
    pass "wrong shared secret, PAP: authentication fails (exit 11)" ||
    { fail "wrong shared secret, PAP (exit $rcs)"; show_log srv; }
stop_client
link "require-chap radius-config-file $T/rc3.conf" "user carol password pass"
rcs=$(wait_rc srv 30)
if has_line srv "takes an Access-Accept whose Response Authenticator does not verify"; then
    skip "wrong shared secret, CHAP: this radcli takes the unverifiable Accept (logged at start)"
elif [ "$rcs" = 11 ] && has_line srv "a bad or unverifiable reply"; then
    pass "wrong shared secret, CHAP: the reply is refused, authentication fails (exit 11)"
else
    fail "wrong shared secret, CHAP (exit $rcs)"; show_log srv
fi
stop_client

# 6. the server gone when the link ends: the Stop is spooled, then delivered
link "require-pap radius-config-file $T/rc1.conf" "user alice password pass"
wait_for "$T/cli.log" "192.0.2.2" 15 || fail "spool: link up"
radius_stop r1
stops_before=$(radius_detail r1 | grep -c 'Acct-Status-Type = Stop')
stop_client
ls "$SPOOL"/*.stop >/dev/null 2>&1 && has_line srv "kept in $SPOOL" &&
    pass "server down at the end: the Stop is kept in the spool" ||
    { fail "server down at the end: the Stop is kept in the spool"; show_log srv; }
radius_start r1 B || fail "FreeRADIUS r1 restarts"
link "require-pap radius-config-file $T/rc1.conf" "user alice password pass"
wait_for "$T/srv.log" "spooled accounting Stop delivered" 15 &&
    [ -z "$(ls "$SPOOL" 2>/dev/null)" ] &&
    [ "$(radius_detail r1 | grep -c 'Acct-Status-Type = Stop')" -gt "$stops_before" ] &&
    [ "$(detail_value r1 Stop Acct-Delay-Time)" -gt 0 ] &&
    pass "the next start delivers the spooled Stop with Acct-Delay-Time" ||
    { fail "the next start delivers the spooled Stop"; show_log srv; ls -l "$SPOOL"; }
stop_client

# 7. a radius-config-file that cannot be read: pppd-lite says so and exits 1
pppd_fresh
rm -f "$T"/srv.*
run_pppd srv B /dev/null nodetach auth plugin radius.so radius-config-file "$T/missing.conf"
rcs=$(wait_rc srv 10)
[ "$rcs" = 1 ] && has_line srv "RADIUS: cannot read radius-config-file $T/missing.conf" &&
    pass "unreadable radius-config-file: named in the log, exit 1" ||
    { fail "unreadable radius-config-file (exit $rcs)"; show_log srv; }
exit 0
