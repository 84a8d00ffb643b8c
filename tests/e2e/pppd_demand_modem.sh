#!/bin/sh
# demand dialing over a modem line (issue 19): modemsim joins the client's
# /dev/modem to the server's ttyS0, where getty answers and /AutoPPP/ starts
# pppd-lite, which gives the client 192.0.2.2. The client runs `demand idle 3
# noipdefault defaultroute` with chat dialling in its connect script:
# - ppp0 (pppd's placeholders 10.64.64.64 / 10.112.112.112) and the default
#   route exist before any call, and nothing is dialled;
# - five pings start the call; all five wait through chat, the modems, LCP
#   and IPCP, go out from the address IPCP gave (pppd's "Open ICMP" lines)
#   and are answered; "Local/Remote IP address changed to" are logged;
# - 3 idle seconds hang up (the modems too), ppp0 stays; ip-up/ip-down ran;
# - a second ping dials again; 40 pings in 0.4 s during the third set-up:
#   the queue keeps the newest 32, the 8 oldest are dropped and counted;
# - a number that does not answer: the failed dials obey holdoff and maxfail
#   (the modem answers the dial with NO CARRIER, chat's ABORT ends it).
. "$TOP/tests/e2e/pppd_lib.inc"
pppd_need_root "pppd-lite demand dialing over modemsim"
sh "$TOP/contrib/install-deps" iputils-ping >/dev/null 2>&1 || true
pppd_setup
pppd_side srv; pppd_side cli
pppd_ns A; pppd_ns B
mkdir -p "$T/cfg" "$T/glock" "$T/glog"
: >"$T/utmp"; : >"$T/wtmp"

"$BIN/modemsim" --line modem="$T/modem" --line ttyS0="$T/ttyS0" --number 5551=ttyS0 \
    --speed 57600 --rate 57600 --ring-interval 300 --pidfile "$T/modemsim.pid" \
    --logfile "$T/modemsim.log" 2>/dev/null &
PIDS="$PIDS $!"
i=0; while [ ! -s "$T/modemsim.pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done

# the server: getty respawned as init would, /AutoPPP/ -> pppd-lite
printf 'noauth\nlocal\n192.0.2.1:192.0.2.2\n' >"$T/srv/etc/options"
cat >"$T/cfg/login.config" <<EOS
/AutoPPP/ - - $PPPD logfile $T/srv.log
* - - /bin/false
EOS
chmod 600 "$T/cfg/login.config"
cat >"$T/cfg/mgetty.config" <<EOS
debug 2
speed 57600
login-time 30
answer-chat-timeout 30
rings 1
issue-file /dev/null
EOS
(
    export PPPD_LITE_ETC="$T/srv/etc" PPPD_LITE_RUNDIR="$T/srv/run" PPPD_LITE_LOCKDIR="$T/srv/lock"
    while [ ! -e "$T/stop" ]; do
        timeout 100 ip netns exec "${NS_PREFIX}B" "$BIN/getty" --config-dir "$T/cfg" \
            --lock-dir "$T/glock" --log-dir "$T/glog" --utmp "$T/utmp" --wtmp "$T/wtmp" \
            -x 2 "$(readlink "$T/ttyS0")" >>"$T/getty.out" 2>&1
        sleep 0.3
    done
) &
PIDS="$PIDS $!"

cat >"$T/cli/ip-up" <<EOS
#!/bin/sh
echo "up \$1 \$4 \$5" >>"$T/ip-up.calls"
EOS
cat >"$T/cli/ip-down" <<EOS
#!/bin/sh
echo "down \$1" >>"$T/ip-down.calls"
EOS
chmod 755 "$T/cli/ip-up" "$T/cli/ip-down"
count() { grep -c -- "$2" "$T/$1" 2>/dev/null || echo 0; }
addr() { ip -n "${NS_PREFIX}A" addr show ppp0; }
pings() { # pings COUNT INTERVAL WAIT: how many were answered (COUNT sent, no more)
    ip netns exec "${NS_PREFIX}A" ping -n -c "$1" -i "$2" -W "$3" 192.0.2.1 2>/dev/null |
        sed -n 's/.* \([0-9]*\) received.*/\1/p'
}
# call_over N: until the client's Nth call is over
call_over() {
    i=0
    while [ "$i" -lt 150 ] && [ "$(count cli.log "Connection terminated.")" -lt "$1" ]; do
        sleep 0.1; i=$((i + 1))
    done
    [ "$(count cli.log "Connection terminated.")" -ge "$1" ]
}

run_pppd cli A "$T/modem" 57600 nodetach noauth local demand idle 3 holdoff 1 noipdefault \
    defaultroute connect "$BIN/chat -t 30 '' ATZ OK ATDT5551 CONNECT" \
    ip-up-script "$T/cli/ip-up" ip-down-script "$T/cli/ip-down"
wait_for "$T/cli.log" "Using interface ppp0" 10 || { fail "the demand client starts"; show_log cli; exit 1; }
sleep 1
if addr | grep -q "inet 10.64.64.64 peer 10.112.112.112" &&
   ip -n "${NS_PREFIX}A" route show default | grep -q "dev ppp0" &&
   ! has_line cli "Starting link" && ! grep -q ATDT "$T/modemsim.log"; then
    pass "before any call: ppp0 with pppd's placeholders and the default route, nothing dialled"
else
    fail "before any call: ppp0 and the route"; addr; show_log cli
fi

# call 1: five pings while chat dials and the link comes up
got=$(pings 5 0.1 30)
if [ "$got" = 5 ] && [ "$(count cli.log "Open ICMP 192.0.2.2 -> 192.0.2.1")" = 5 ]; then
    pass "call 1: the 5 pings sent during the set-up waited, went out from 192.0.2.2 and were answered"
else
    fail "call 1: pings sent during the set-up ($got of 5 answered)"; show_log cli; tail -20 "$T/modemsim.log"
fi
has_line cli "Starting link" && has_line cli "Serial connection established." &&
    has_line cli "Connect: ppp0 <--> $T/modem" && grep -q "ATDT5551" "$T/modemsim.log" &&
    pass "call 1: chat dialled through the modems (Starting link, Serial connection established, Connect)" ||
    { fail "call 1: the dial"; show_log cli; }
has_line cli "Local IP address changed to 192.0.2.2" && has_line cli "Remote IP address changed to 192.0.2.1" &&
    addr | grep -q "inet 192.0.2.2 peer 192.0.2.1" &&
    ip -n "${NS_PREFIX}A" route show default | grep -q "via 192.0.2.1 dev ppp0" &&
    pass "call 1: ppp0 and the default route moved to the addresses IPCP gave" ||
    { fail "call 1: the address change"; addr; ip -n "${NS_PREFIX}A" route; }

if wait_for "$T/cli.log" "Terminating connection due to lack of activity." 15 && call_over 1; then
    sleep 0.5
    addr | grep -q "inet 192.0.2.2 peer 192.0.2.1" && ip -n "${NS_PREFIX}A" route show default | grep -q "dev ppp0" &&
        pass "call 1: idle 3 hangs up; ppp0 and its route stay" ||
        { fail "call 1: ppp0 stays after the idle hangup"; addr; }
else
    fail "call 1: idle 3 hangs up"; show_log cli
fi

# call 2: one ping dials again
got=$(pings 1 1 30)
[ "$got" = 1 ] && [ "$(count cli.log "Starting link")" = 2 ] && [ "$(count modemsim.log "ATDT5551")" -ge 2 ] &&
    pass "call 2: a ping after the hangup dials again and is answered" ||
    { fail "call 2: a second ping dials again ($got answered)"; show_log cli; }
[ "$(count cli.log "Local IP address changed")" = 1 ] &&
    pass "call 2: same addresses, nothing to change" || fail "call 2: same addresses, nothing to change"
call_over 2 || fail "call 2: idle hangup"
sleep 0.5

# call 3: more than the queue holds while the link comes up
got=$(pings 40 0.01 15)
if [ "$got" = 32 ] && has_line cli "demand queue full: dropped 8 oldest packets"; then
    pass "call 3: 40 pings during the set-up: the newest 32 answered, 8 oldest dropped and counted"
else
    fail "call 3: the queue's bound ($got of 40 answered)"; grep -i "queue" "$T/cli.log"
fi
call_over 3 || fail "call 3: idle hangup"
sleep 0.5
[ "$(count ip-up.calls "up ppp0 192.0.2.2 192.0.2.1")" = 3 ] && [ "$(count ip-down.calls "down ppp0")" = 3 ] &&
    pass "ip-up and ip-down at each of the 3 calls" ||
    { fail "ip-up and ip-down at each call"; cat "$T"/ip-*.calls; }
kill -INT "$(cat "$T/cli/run/ppp0.pid")" 2>/dev/null
rc=$(wait_rc cli 15)
[ "$rc" = 5 ] && ! ip -n "${NS_PREFIX}A" link show ppp0 >/dev/null 2>&1 &&
    pass "SIGINT ends the client (exit 5), ppp0 gone" || { fail "SIGINT ends the client (rc $rc)"; show_log cli; }

# a number nobody answers: holdoff between the failed dials, maxfail ends it
rm -f "$T/cli.rc"
mv "$T/cli.log" "$T/cli1.log"
run_pppd cli A "$T/modem" 57600 nodetach noauth local demand idle 3 holdoff 3 maxfail 2 noipdefault defaultroute \
    connect "$BIN/chat -t 3 ABORT 'NO CARRIER' ABORT BUSY '' ATZ OK ATDT5559 CONNECT"
wait_for "$T/cli.log" "Using interface ppp0" 10
ip netns exec "${NS_PREFIX}A" ping -c 30 -i 0.5 -W 1 192.0.2.1 >/dev/null 2>&1 &
PIDS="$PIDS $!"
rc=$(wait_rc cli 40)
# pppd-lite says a repeated failure once, with a count (common/loghold)
if [ "$rc" = 8 ] && [ "$(count modemsim.log "modem: ATDT5559")" = 2 ] &&
   has_line cli "Connect script failed" && has_line cli "The previous failure repeated 1 more time" &&
   has_line cli "Maximum connect failures (2) reached"; then
    pass "failed dials: two dials that fail, maxfail 2 ends it (exit 8)"
else
    fail "failed dials: maxfail 2 (rc $rc)"; show_log cli
fi
# holdoff 3: from the first failure to the second dial (whole seconds of the
# two logs' time stamps: a gap of 3 s or more never reads as less than 3)
secs() { awk '{ split($3, t, ":"); print t[1] * 3600 + t[2] * 60 + t[3] }'; }
failed=$(grep -m1 "Connect script failed" "$T/cli.log" | secs)
dial2=$(grep "modem: ATDT5559" "$T/modemsim.log" | sed -n 2p | secs)
if [ -n "$failed" ] && [ -n "$dial2" ] && [ $((dial2 - failed)) -ge 3 ]; then
    pass "failed dials: holdoff 3 between the failure and the next dial ($((dial2 - failed)) s)"
else
    fail "failed dials: holdoff 3 between the failure and the next dial ('$failed' '$dial2')"
fi
touch "$T/stop"
pppd_fresh
[ -z "$FAILED" ]
