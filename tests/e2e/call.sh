#!/bin/sh
# The seed HOWTO's whole dial-up call (issue 7 "The call"): getty on the
# simulated ttyS0 with the seed's mgetty.config and login.config, login and
# ppplogin, pppd-lite with the seed's options, options.ttyS0 and pap-secrets;
# the client's ~/ppp line with the SuSE chat script on /dev/modem; namespaces
# client, server and lan. Scenarios 1-6 of the issue. CALL_REPEAT sets the
# number of calls in a row (10).
: "${TOP:?}" "${BIN:?}" "${HELPERS:?}"
. "$TOP/contrib/demo/call-lib.sh"
pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1"; FAILED=1; }
skip() { echo "SKIP: $1"; }
check() { if [ "$2" -eq 0 ]; then pass "$1"; else fail "$1"; fi; }
show() { for f in "$@"; do [ -f "$f" ] && { echo "--- $f"; tail -25 "$f"; }; done; }

sh "$TOP/contrib/install-deps" iputils-ping openssl >/dev/null 2>&1 || true
if ! call_need; then
    skip "the seed's dial-up call, scenarios 1-6 ($CALL_WHY)"
    exit 0
fi
trap call_cleanup EXIT
trap 'exit 1' INT TERM
if ! call_world; then
    fail "set up namespaces and modemsim ($CALL_WHY)"
    exit 1
fi
call_seed_server
call_seed_client "$SUSE_SCRIPT"
call_server_start
PPPLOG=$R/server/log/pppd.log
GETTYLOG=$R/server/log/mgetty/mg_ttyS0.log
call_getty_ready 0 10
check "getty on ttyS0 initialises the modem and waits (mg_ttyS0.log)" $?

# call_up NAME: wait for the client's "remote IP address"
call_up() {
    call_wait "$CALL_OUT" "remote IP address" 25
}

# ---- 1. login-prompt style, through /bin/login and ppplogin
w=$(call_getty_waits)
call_dial s1 "$SUSE_SCRIPT"
if call_up; then
    pass "1: SuSE script: ogin: ppp Password: actinium, the link comes up"
    for l in "Serial connection established." "Using interface ppp0" \
             "Connect: ppp0 <--> /dev/modem" "remote IP address 128.231.54.227"; do
        grep -qF -- "$l" "$CALL_OUT"; check "1: client prints '$l'" $?
    done
    grep -qE "local +IP address 192.168.100.4" "$CALL_OUT"; check "1: client prints 'local IP address 192.168.100.4'" $?
    grep -q "CONNECT 57600" "$GETTYLOG"; check "1: getty logs CONNECT 57600" $?
    grep -q "login.config' ignored, wrong permissions" "$GETTYLOG"
    check "1: the seed's -rw-r--r-- login.config is ignored (as mgetty), /bin/login runs" $?
    grep -q "cmd='/bin/login', user='ppp'" "$GETTYLOG"; check "1: getty hands 'ppp' to /bin/login" $?
    grep -q "started by ppp, uid 1001" "$PPPLOG"; check "1: server pppd started by ppp through ppplogin" $?
    grep -q "Connect: ppp0 <--> /dev/ttyS0" "$PPPLOG"; check "1: server: Connect: ppp0 <--> /dev/ttyS0" $?
    grep -qE "local +IP address 128.231.54.227" "$PPPLOG" && grep -q "remote IP address 192.168.100.4" "$PPPLOG"
    check "1: server: addresses from options.ttyS0" $?

    # ---- 3. routes and pings
    ip -n "$NS_C" addr show ppp0 | grep -q "inet 192.168.100.4 peer 128.231.54.227/32"
    check "3: client ppp0 192.168.100.4 peer 128.231.54.227" $?
    ip -n "$NS_C" link show ppp0 | grep -q POINTOPOINT; check "3: client ppp0 is point-to-point" $?
    ip -n "$NS_C" route show default | grep -q "via 128.231.54.227 dev ppp0"
    check "3: client default route via ppp0 (defaultroute)" $?
    ip -n "$NS_S" route show | grep -q "192.168.100.4 dev ppp0"; check "3: server host route to 192.168.100.4 on ppp0" $?
    ip netns exec "$NS_C" ping -c 2 -i 0.3 -W 2 $CALL_SERVER_IP >/dev/null; check "3: client pings the server" $?
    ip netns exec "$NS_C" ping -c 2 -i 0.3 -W 2 $CALL_LAN_IP >/dev/null
    check "3: client pings the lan host behind the server (IP forwarding on)" $?

    # ---- 5. ppp-off on the client
    call_hangup_client; rc=$?
    check "5: client ppp-off (kill -INT via /var/run/ppp0.pid): both pppds end" $rc
    grep -q "Modem hangup" "$PPPLOG"; check "5: server pppd sees the modem hangup" $?
    call_getty_ready "$w" 15; check "5: getty respawned and waiting for the next call" $?
else
    fail "1: SuSE script: the link comes up"; show "$CALL_OUT" "$GETTYLOG" "$PPPLOG" "$R/modemsim.log"
fi

# ---- 5. ppp-off on the server
w=$(call_getty_waits)
call_dial s5 "$SUSE_SCRIPT"
if call_up; then
    call_in server sh /etc/ppp-off 2>/dev/null
    call_gone "$NS_S" pppd-lite 10 && call_gone "$NS_C" pppd-lite 10
    check "5: server ppp-off: both pppds end" $?
    grep -q "Modem hangup" "$CALL_OUT" || grep -q "LCP terminated by peer" "$CALL_OUT"
    check "5: client reports the hangup" $?
    call_getty_ready "$w" 15; check "5: getty respawned after the server's ppp-off" $?
else
    fail "5: second call for the server's ppp-off"; show "$CALL_OUT" "$PPPLOG"
fi

# ---- 5. idle timeout (the seed's ~/ppp line with idle 3 instead of 1800)
w=$(call_getty_waits)
call_dial idle "$SUSE_SCRIPT" "/usr/sbin/pppd connect '/usr/sbin/chat -f ppp.script' /dev/modem 57600 -detach crtscts modem defaultroute idle 3 >/dev/null &"
if call_up && call_wait "$CALL_OUT" "lack of activity" 12; then
    pass "5: idle 3: Terminating connection due to lack of activity."
    call_wait "$CALL_OUT" "Connection terminated." 5; check "5: idle: Connection terminated." $?
    call_gone "$NS_C" pppd-lite 10 && call_gone "$NS_S" pppd-lite 10
    check "5: idle: both pppds end" $?
    call_getty_ready "$w" 15; check "5: getty respawned after the idle hangup" $?
else
    fail "5: idle timeout"; show "$CALL_OUT"
fi

# ---- 4. bad password: the remote login echoes our frames
w=$(call_getty_waits)
call_dial nixon "$NIXON_SCRIPT"
if call_wait "$CALL_OUT" "looped back" 30; then
    pass "4: nixon: client says 'Serial line is looped back.'"
    grep -q "Hint:" "$CALL_OUT"; check "4: nixon: plus a hint" $?
    call_wait "$CALL_OUT" "Connection terminated." 20; check "4: nixon: Connection terminated." $?
    call_gone "$NS_C" pppd-lite 20; check "4: nixon: client pppd gives up" $?
else
    fail "4: nixon: 'Serial line is looped back.'"; show "$CALL_OUT" "$GETTYLOG"
fi
for p in $(call_pids "$NS_C" pppd-lite); do kill "$p"; done
call_getty_ready "$w" 40; check "4: getty ready again after the failed login" $?

# ---- 6. calls in a row through the same getty line
n=${CALL_REPEAT:-10}
ok=0
base=$(ip netns pids "$NS_S" | wc -l)
for i in $(seq 1 "$n"); do
    w=$(call_getty_waits)
    call_dial "row$i" "$SUSE_SCRIPT"
    if call_up && ip netns exec "$NS_C" ping -c 1 -W 2 $CALL_SERVER_IP >/dev/null &&
        call_hangup_client && call_getty_ready "$w" 15; then
        ok=$((ok + 1))
    else
        show "$CALL_OUT"; break
    fi
done
[ "$ok" -eq "$n" ]; check "6: $ok of $n calls in a row (dial, ping, ppp-off, getty respawn)" $?
leak=""
for f in "$R"/client/run/lock/LCK..* ; do [ -e "$f" ] && leak="$leak $f"; done
[ -z "$leak" ]; check "6: no client lock left ($leak)" $?
srvlocks=$(ls "$R/server/run/lock" | grep -c LCK)
gettypid=$(call_pids "$NS_S" getty)
if [ "$srvlocks" -eq 0 ] || [ -n "$gettypid" ]; then pass "6: server lock only while getty holds the line ($srvlocks)"; else fail "6: stale server lock"; fi
ip -n "$NS_C" link show | grep -q ': ppp[0-9]'; [ $? -ne 0 ]; check "6: no TUN interface left on the client" $?
if ip -n "$NS_S" link show | grep -q ': ppp[0-9]'; then
    fail "6: no TUN interface left on the server"; ip -n "$NS_S" link show; ip netns pids "$NS_S" | xargs -r ps -o pid,args -p
else pass "6: no TUN interface left on the server"; fi
now=$(ip netns pids "$NS_S" | wc -l)
[ "$now" -le "$base" ]; check "6: no processes left on the server ($now <= $base)" $?
[ -z "$(ip netns pids "$NS_C")" ]; check "6: no processes left on the client" $?
# login(1) leaves its USER_PROCESS entry for init to clear; each new session
# reuses the line's slot, so entries must not pile up over the calls.
users=$(who "$R/server/run/utmp" 2>/dev/null | grep -c ttyS0)
if [ "$users" -le 1 ]; then pass "6: utmp entries for ttyS0 do not pile up ($users after $n calls)"
else fail "6: utmp entries for ttyS0 pile up ($users)"; who -a "$R/server/run/utmp"; fi

# ---- 2. AutoPPP: login.config mode 0600, chat stops at CONNECT, PAP with login
chmod 600 "$R/server/etc/mgetty+sendfax/login.config"
printf 'user ppp\n' >"$R/client/etc/ppp/options"
printf '%s\n' "ppp * $CALL_PASSWORD" >"$R/client/etc/ppp/pap-secrets"
chmod 600 "$R/client/etc/ppp/pap-secrets"
call_forwarding 0
w=$(call_getty_waits)
call_dial autoppp "$AUTOPPP_SCRIPT"
if call_up; then
    pass "2: AutoPPP: chat stops at CONNECT, the link comes up"
    grep -q "cmd='/usr/sbin/pppd', user='/AutoPPP/'" "$GETTYLOG"; check "2: getty dispatches /AutoPPP/ to /usr/sbin/pppd" $?
    # the frame getty read while looking for a name is handed back: the
    # server's first request from the client is its first, id 0x1
    awk '/started by/ { first = "" } /rcvd \[LCP ConfReq/ && first == "" { first = $0 }
         END { exit first ~ /id=0x1 / ? 0 : 1 }' "$PPPLOG"
    check "2: server pppd gets the client's first Configure-Request (id 0x1) from getty" $?
    grep -q "PAP peer authentication succeeded for ppp" "$PPPLOG"
    check "2: server: PAP peer authentication succeeded for ppp (login)" $?
    grep -q "PAP authentication succeeded" "$CALL_OUT"; check "2: client: PAP authentication succeeded" $?
    ip netns exec "$NS_C" ping -c 1 -W 2 $CALL_SERVER_IP >/dev/null; check "2: client pings the server" $?
    ip netns exec "$NS_C" ping -c 1 -W 1 $CALL_LAN_IP >/dev/null; [ $? -ne 0 ]
    check "3: IP forwarding off: the lan ping fails" $?
    grep -q "IP forwarding is off" "$PPPLOG"; check "3: IP forwarding off: pppd-lite's warning is in the log" $?
    call_hangup_client; check "2: ppp-off ends the AutoPPP call" $?
else
    fail "2: AutoPPP call"; show "$CALL_OUT" "$GETTYLOG" "$PPPLOG"
fi
call_forwarding 1
exit 0
