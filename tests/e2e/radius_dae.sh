#!/bin/sh
# pppctl dae: RFC 5176 Dynamic Authorization against RADIUS-authenticated
# links, with Debian's FreeRADIUS 3 for authentication and accounting and
# its radclient as the Dynamic Authorization Client. Disconnect-Request by
# Acct-Session-Id and by User-Name ends the link with Admin-Reset in the
# Stop record; an unknown session gets a NAK with Error-Cause 503; a wrong
# secret gets no answer at all; a CoA-Request with Session-Timeout gives
# the link a connect-time limit that ends it (Session-Timeout in the Stop);
# SIGTERM ends the listener cleanly.
. "$TOP/tests/e2e/pppd_lib.inc"
. "$TOP/tests/e2e/radius_lib.inc"
pppd_need_root "pppctl dae tests"
radius_need "pppctl dae tests"
command -v radclient >/dev/null 2>&1 ||
    { skip "pppctl dae tests (radclient is not installed: contrib/install-deps freeradius-utils)"; exit 0; }
pppd_setup
DAE_PID=""
trap 'radius_stop_all; [ -n "$DAE_PID" ] && kill "$DAE_PID" 2>/dev/null; pppd_teardown' EXIT INT TERM
pppd_side srv; pppd_side cli
pppd_ns A; pppd_ns B

USERS='alice Cleartext-Password := "pass"
	Framed-IP-Address = 192.0.2.2
carol Cleartext-Password := "pass"
	Framed-IP-Address = 192.0.2.3'
radius_conf r1 21812 testing123 "$USERS"
radius_start r1 B || { fail "FreeRADIUS r1 starts"; cat "$T/r1/log/"*; exit 1; }
radius_client_conf "$T/rc1.conf" testing123 127.0.0.1:21812
DAE_PORT=23799

link() {
    pppd_fresh
    rm -f "$T"/srv.* "$T"/cli.*
    start_ptylink "$T/ttyA" "$T/ttyB" || { fail "ptylink"; return 1; }
    run_pppd srv B "$T/ttyB" nodetach 192.0.2.1: auth plugin radius.so \
        radius-spool "$T/spool" radius-config-file "$T/rc1.conf" require-pap
    run_pppd cli A "$T/ttyA" nodetach noauth noipdefault user "$1" password pass
    wait_for "$T/srv.log" "remote IP address" 15 ||
        { fail "link for $1 comes up"; show_log srv; show_log cli; return 1; }
}

# detail_value STATUS ATTR: ATTR of the last STATUS record in the detail file
detail_value() {
    radius_detail r1 | awk -v st="$1" -v at="$2" '
        /^[A-Z][a-z][a-z] / { inrec = 1; delete rec; next }
        /^$/ { if (inrec && rec["Acct-Status-Type"] == st && (at in rec)) last = rec[at]; inrec = 0; next }
        { line = $0; sub(/^[ \t]+/, "", line); k = line; sub(/ = .*/, "", k);
          v = line; sub(/^[^=]*= /, "", v); gsub(/"/, "", v); rec[k] = v }
        END { if (inrec && rec["Acct-Status-Type"] == st && (at in rec)) last = rec[at]; print last }'
}
stops() { radius_detail r1 | grep -c 'Acct-Status-Type = Stop'; }

# wait_stops N: until the detail file holds N Stop records
wait_stops() {
    i=0
    while [ "$(stops)" -lt "$1" ] && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
}

# das OUT KIND SECRET: radclient in the NAS's namespace sends KIND
# (disconnect or coa) with the attributes on standard input; once, no retry
das() {
    out=$1; shift
    ip netns exec "${NS_PREFIX}B" radclient -x -r 1 -t 3 "127.0.0.1:$DAE_PORT" "$@" >"$out" 2>&1
}

status_of() {
    PPPD_LITE_RUNDIR="$T/srv/run" ip netns exec "${NS_PREFIX}B" "$BIN/pppctl" status ppp0 \
        >"$T/status" 2>&1
    awk -v k="$1" '$1 == k { print $2 }' "$T/status"
}

# the listener, in the NAS's namespace, on a high loopback port
PPPD_LITE_RUNDIR="$T/srv/run" ip netns exec "${NS_PREFIX}B" "$BIN/pppctl" dae \
    "127.0.0.1:$DAE_PORT" radius-config-file "$T/rc1.conf" >"$T/dae.log" 2>&1 &
DAE_PID=$!
wait_for "$T/dae.log" "dae: listening on 127.0.0.1:$DAE_PORT" 10 &&
    pass "pppctl dae listens on 127.0.0.1:$DAE_PORT" ||
    { fail "pppctl dae listens"; cat "$T/dae.log"; exit 1; }

# 1. Disconnect-Request by Acct-Session-Id
link alice
sid=$(status_of radius_session)
[ "$(status_of nas_port)" = 0 ] && [ "$(status_of user)" = alice ] &&
    pass "status shows nas_port 0 and user alice for the matcher" ||
    { fail "status shows nas_port and user"; cat "$T/status"; }
n=$(stops)
printf 'Acct-Session-Id = "%s"\n' "$sid" | das "$T/r.1" disconnect testing123
grep -q "Received Disconnect-ACK" "$T/r.1" && [ -n "$sid" ] &&
    pass "Disconnect-Request by Acct-Session-Id ($sid): Disconnect-ACK" ||
    { fail "Disconnect-Request by Acct-Session-Id ($sid): Disconnect-ACK"; cat "$T/r.1" "$T/dae.log"; }
rcs=$(wait_rc srv 20)
wait_stops $((n + 1))
[ "$rcs" = 5 ] && has_line srv "Admin-Reset" &&
    pass "the link ends (NAS exit 5), its log names Admin-Reset" ||
    { fail "the link ends (NAS exit $rcs)"; show_log srv; }
[ "$(stops)" -gt "$n" ] && [ "$(detail_value Stop Acct-Terminate-Cause)" = Admin-Reset ] &&
    [ "$(detail_value Stop Acct-Session-Id)" = "$sid" ] &&
    pass "Stop record: Acct-Terminate-Cause Admin-Reset for $sid" ||
    { fail "Stop record: Acct-Terminate-Cause Admin-Reset"; radius_detail r1 | tail -30; }
wait_rc cli 15 >/dev/null

# 2. Disconnect-Request by User-Name; before it, requests that must not end
# the link: an unknown session, a port that is not the user's, a wrong secret
link alice
echo 'User-Name = "nobody"' | das "$T/r.2a" disconnect testing123
grep -q "Received Disconnect-NAK" "$T/r.2a" &&
    grep -q "Error-Cause = Session-Context-Not-Found" "$T/r.2a" &&
    pass "unknown session: Disconnect-NAK with Error-Cause 503 Session-Context-Not-Found" ||
    { fail "unknown session: Disconnect-NAK with Error-Cause 503"; cat "$T/r.2a"; }
printf 'User-Name = "alice"\nNAS-Port = 7\n' | das "$T/r.2b" disconnect testing123
grep -q "Error-Cause = Session-Context-Not-Found" "$T/r.2b" &&
    pass "every attribute must match: alice on NAS-Port 7 is no session (NAK 503)" ||
    { fail "alice on NAS-Port 7: NAK 503"; cat "$T/r.2b"; }
echo 'User-Name = "alice"' | das "$T/r.2c" disconnect wrongsecret
! grep -q "Received" "$T/r.2c" &&
    grep -q "dropped: the authenticator does not verify" "$T/dae.log" &&
    pass "wrong shared secret: no answer, the listener logs why it dropped the request" ||
    { fail "wrong shared secret: no answer"; cat "$T/r.2c" "$T/dae.log"; }
printf 'User-Name = "alice"\nFilter-Id = "x"\n' | das "$T/r.2d" disconnect testing123
grep -q "Error-Cause = Unsupported-Attribute" "$T/r.2d" &&
    pass "an attribute it cannot apply: NAK with Error-Cause 401 Unsupported-Attribute" ||
    { fail "Filter-Id: NAK 401"; cat "$T/r.2d"; }
[ "$(status_of phase)" = Network ] && [ ! -s "$T/srv.rc" ] &&
    pass "the link is still up after the refused requests" ||
    { fail "the link is still up after the refused requests"; show_log srv; }
n=$(stops)
echo 'User-Name = "alice"' | das "$T/r.2" disconnect testing123
grep -q "Received Disconnect-ACK" "$T/r.2" &&
    pass "Disconnect-Request by User-Name: Disconnect-ACK" ||
    { fail "Disconnect-Request by User-Name: Disconnect-ACK"; cat "$T/r.2" "$T/dae.log"; }
rcs=$(wait_rc srv 20)
wait_stops $((n + 1))
[ "$rcs" = 5 ] && [ "$(stops)" -gt "$n" ] &&
    [ "$(detail_value Stop Acct-Terminate-Cause)" = Admin-Reset ] &&
    [ "$(detail_value Stop User-Name)" = alice ] &&
    pass "by User-Name: the link ends, Stop says Admin-Reset" ||
    { fail "by User-Name: the link ends with Admin-Reset (exit $rcs)"; radius_detail r1 | tail -30; show_log srv; }
wait_rc cli 15 >/dev/null

# 3. CoA-Request with Session-Timeout, by Framed-IP-Address
link carol
printf 'Framed-IP-Address = 192.0.2.3\nSession-Timeout = 6\n' | das "$T/r.3" coa testing123
grep -q "Received CoA-ACK" "$T/r.3" &&
    pass "CoA-Request with Session-Timeout 6 by Framed-IP-Address: CoA-ACK" ||
    { fail "CoA-Request with Session-Timeout: CoA-ACK"; cat "$T/r.3" "$T/dae.log"; }
[ "$(status_of session_timeout)" = 6 ] && [ "$(status_of phase)" = Network ] &&
    pass "the link runs on with session_timeout 6 in its status" ||
    { fail "session_timeout 6 in the status"; cat "$T/status"; }
n=$(stops)
rcs=$(wait_rc srv 30)
wait_stops $((n + 1))
[ "$rcs" = 13 ] && has_line srv "Connect time expired" &&
    [ "$(detail_value Stop Acct-Terminate-Cause)" = Session-Timeout ] &&
    [ "$(detail_value Stop User-Name)" = carol ] &&
    pass "the link ends at the new limit: exit 13, Stop says Session-Timeout" ||
    { fail "the link ends at the CoA's Session-Timeout (exit $rcs)"; show_log srv; radius_detail r1 | tail -30; }
wait_rc cli 15 >/dev/null

# 4. the same control requests from the command line
link alice
ctl() { PPPD_LITE_RUNDIR="$T/srv/run" ip netns exec "${NS_PREFIX}B" "$BIN/pppctl" "$@" >"$T/ctl" 2>&1; }
ctl session-timeout ppp0 3600 && grep -qx "ppp0: session-timeout 3600" "$T/ctl" &&
    [ "$(status_of session_timeout)" = 3600 ] &&
    ctl session-timeout ppp0 0 && [ "$(status_of session_timeout)" = 0 ] &&
    pass "pppctl session-timeout ppp0 3600, then 0: the status follows" ||
    { fail "pppctl session-timeout"; cat "$T/ctl" "$T/status"; }
ctl session-timeout ppp0 -5; rc=$?
[ "$rc" = 2 ] && pass "pppctl session-timeout with a negative number: usage error (exit 2)" ||
    fail "pppctl session-timeout -5: exit $rc"
n=$(stops)
ctl terminate ppp0 admin-reset && grep -qx "ppp0: terminating" "$T/ctl" ||
    { fail "pppctl terminate ppp0 admin-reset"; cat "$T/ctl"; }
rcs=$(wait_rc srv 20)
wait_stops $((n + 1))
[ "$rcs" = 5 ] && [ "$(stops)" -gt "$n" ] &&
    [ "$(detail_value Stop Acct-Terminate-Cause)" = Admin-Reset ] &&
    pass "pppctl terminate ppp0 admin-reset: exit 5, Stop says Admin-Reset" ||
    { fail "pppctl terminate ppp0 admin-reset (exit $rcs)"; radius_detail r1 | tail -30; }
wait_rc cli 15 >/dev/null

# 5. SIGTERM: the listener says so and exits 0, its port free again
kill -TERM "$DAE_PID"
wait "$DAE_PID"; rc=$?
DAE_PID=""
[ "$rc" = 0 ] && grep -q "dae: stopped on signal" "$T/dae.log" &&
    ! ip netns exec "${NS_PREFIX}B" ss -Hlun "sport = :$DAE_PORT" | grep -q . &&
    pass "SIGTERM: pppctl dae exits 0 and frees its port" ||
    { fail "SIGTERM: pppctl dae exits 0 (got $rc)"; cat "$T/dae.log"; }
exit 0
