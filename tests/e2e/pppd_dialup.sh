#!/bin/sh
# The seed HOWTO end to end with the suite's own programs: two simulated
# modems (modemsim), getty answering on the server line with the seed's
# login.config /AutoPPP/ entry starting pppd-lite with the seed's
# /etc/ppp/options and options.ttyS0, and the client started with the seed's
# ~/ppp command line: connect '/usr/sbin/chat -f ppp.script' /dev/modem 57600
# -detach crtscts modem defaultroute idle 1800. The seed's ppp-off ends it.
. "$TOP/tests/e2e/pppd_lib.inc"
pppd_need_root "seed dial-up end to end"
sh "$TOP/contrib/install-deps" iputils-ping >/dev/null 2>&1 || true
pppd_setup
pppd_side srv; pppd_side cli
pppd_ns A; pppd_ns B
mkdir -p "$T/cfg" "$T/glock" "$T/glog"

"$BIN/modemsim" --line modem="$T/modem" --line ttyS0="$T/ttyS0" \
    --number 301-555-1212=ttyS0 --ring-interval 300 --pidfile "$T/modemsim.pid" \
    --logfile "$T/modemsim.log" 2>/dev/null &
PIDS="$PIDS $!"
wait_for "$T/modemsim.pid" "" 5
i=0; while [ ! -s "$T/modemsim.pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
pts=$(readlink "$T/ttyS0" | sed 's|^/dev/||; s|/|.|g')

# server: the seed's files (contrib/examples), PAP secret for user ppp
cp "$TOP/contrib/examples/options" "$T/srv/etc/options"
cp "$TOP/contrib/examples/options.ttyS0" "$T/srv/etc/options.$pts"
printf 'ppp * "nixon" *\n' >"$T/srv/etc/pap-secrets"
chmod 600 "$T/srv/etc/pap-secrets"
cat >"$T/cfg/login.config" <<EOF
/AutoPPP/ - ppp $PPPD auth -chap +pap logfile $T/srv.log
* - - /bin/false @
EOF
chmod 600 "$T/cfg/login.config"
cat >"$T/cfg/mgetty.config" <<EOF
debug 4
speed 57600
login-time 30
answer-chat-timeout 30
toggle-dtr yes
rings 1
issue-file /dev/null
EOF
(
    PPPD_LITE_ETC="$T/srv/etc" PPPD_LITE_RUNDIR="$T/srv/run" PPPD_LITE_LOCKDIR="$T/srv/lock" \
        timeout 60 ip netns exec "${NS_PREFIX}B" "$BIN/getty" --config-dir "$T/cfg" \
        --lock-dir "$T/glock" --log-dir "$T/glog" --utmp "$T/utmp" --wtmp "$T/wtmp" \
        "$T/ttyS0" >"$T/getty.out" 2>&1
    echo $? >"$T/getty.rc"
) &
PIDS="$PIDS $!"
: >"$T/utmp"; : >"$T/wtmp"
sleep 1

# client: the seed's chat script (dial, CONNECT), the seed's command line
cat >"$T/ppp.script" <<'EOF'
'' ATZ OK ATM0 OK ATDT301-555-1212 'CONNECT 57600'
EOF
cd "$T" || exit 1
run_pppd cli A connect "$BIN/chat -f ppp.script" "$T/modem" 57600 \
    -detach crtscts modem defaultroute idle 1800 user ppp password nixon

if wait_for "$T/cli.log" "remote IP address 128.231.54.227" 30; then
    pass "seed dial-up: chat dials, getty's /AutoPPP/ starts pppd-lite, IPCP up"
else
    fail "seed dial-up: IPCP up"; show_log cli; show_log srv; cat "$T/getty.out"
    tail -20 "$T/modemsim.log"; ls "$T/glog"; cat "$T/glog"/* 2>/dev/null | tail -20
fi
has_line cli "Serial connection established." && has_line cli "Connect: ppp0 <--> $T/modem" &&
    pass "seed dial-up: the client's log lines as in the HOWTO" ||
    fail "seed dial-up: the client's log lines as in the HOWTO"
grep -qE "local +IP address 192.168.100.4" "$T/cli.log" &&
    pass "seed dial-up: the client gets 192.168.100.4 from options.ttyS0" ||
    fail "seed dial-up: the client gets 192.168.100.4 from options.ttyS0"
grep -q "PAP peer authentication succeeded for ppp\|Peer ppp authenticated with PAP" "$T/srv.log" &&
    pass "seed dial-up: the server authenticated ppp with PAP" ||
    fail "seed dial-up: the server authenticated ppp with PAP"
ip netns exec "${NS_PREFIX}A" ping -c 2 -i 0.3 -W 3 128.231.54.227 >/dev/null &&
    pass "seed dial-up: ping the server through the modems" ||
    fail "seed dial-up: ping the server through the modems"
ip -n "${NS_PREFIX}A" route show default | grep -q "dev ppp0" &&
    pass "seed dial-up: defaultroute via ppp0" || fail "seed dial-up: defaultroute via ppp0"

# the seed's /etc/ppp-off on the client
kill -INT "$(cat "$T/cli/run/ppp0.pid")"
rc=$(wait_rc cli 15)
[ "$rc" = 5 ] && pass "seed dial-up: ppp-off (kill -INT) ends the client, exit 5" ||
    { fail "seed dial-up: ppp-off, exit 5 (got $rc)"; show_log cli; }
i=0; while ! grep -q "Exit." "$T/srv.log" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
has_line srv "Exit." && pass "seed dial-up: the server's pppd-lite ends too" ||
    { fail "seed dial-up: the server's pppd-lite ends too"; show_log srv; }
exit 0
