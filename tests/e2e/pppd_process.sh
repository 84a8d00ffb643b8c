#!/bin/sh
# pppd-lite as a process: modem hangup (16), maxconnect (13), SIGUSR1 toggles
# debug, default detach (the parent returns 0 at once, the daemon keeps the
# link and its pid file), updetach (the parent returns once IPCP is up).
. "$TOP/tests/e2e/pppd_lib.inc"
pppd_need_root "pppd-lite process tests"
pppd_setup
pppd_side a; pppd_side b
pppd_ns A; pppd_ns B

# the line drops under a running link
start_ptylink -x 2500 "$T/ttyA" "$T/ttyB"
run_pppd b B "$T/ttyB" nodetach noauth 192.0.2.1:192.0.2.2
run_pppd a A "$T/ttyA" nodetach noauth
rc=$(wait_rc a 15)
if [ "$rc" = 16 ] && has_line a "Modem hangup" && has_line a "Connection terminated." &&
   has_line a "Sent " && has_line a "Exit."; then
    pass "line dropped: Modem hangup, exit 16"
else
    fail "line dropped: Modem hangup, exit 16 (got $rc)"; show_log a
fi
has_line a "remote IP address" && pass "line dropped: the link had been up" ||
    fail "line dropped: the link had been up"

# a signal while the connect script runs: the script is stopped, exit 5
pppd_fresh
start_ptylink -s "$T/ttyA"
run_pppd a A connect "sleep 30" "$T/ttyA" nodetach noauth
sleep 1
for p in $(ip netns pids "${NS_PREFIX}A"); do
    [ "$(cat /proc/$p/comm 2>/dev/null)" = pppd-lite ] && kill -TERM "$p"
done
rc=$(wait_rc a 10)
if [ "$rc" = 5 ] && has_line a "Terminating on signal 15" && ! has_line a "Connect script failed"; then
    pass "SIGTERM during the connect script: script stopped, exit 5"
else
    fail "SIGTERM during the connect script: exit 5 (got $rc)"; show_log a
fi

# maxconnect
pppd_fresh
start_ptylink "$T/ttyA" "$T/ttyB"
run_pppd b B "$T/ttyB" nodetach noauth 192.0.2.1:192.0.2.2
run_pppd a A "$T/ttyA" nodetach noauth maxconnect 1
rc=$(wait_rc a 15)
[ "$rc" = 13 ] && has_line a "Connect time expired" &&
    pass "maxconnect 1: Connect time expired, exit 13" ||
    { fail "maxconnect 1: exit 13 (got $rc)"; show_log a; }


# a peer that stops answering: LCP echo failure, exit 15
pppd_fresh
start_ptylink "$T/ttyA" "$T/ttyB"
run_pppd b B "$T/ttyB" nodetach noauth 192.0.2.1:192.0.2.2
run_pppd a A "$T/ttyA" nodetach noauth lcp-echo-interval 1 lcp-echo-failure 2
if wait_for "$T/a.log" "remote IP address" 10; then
    for p in $(ip netns pids "${NS_PREFIX}B"); do
        [ "$(cat /proc/$p/comm 2>/dev/null)" = pppd-lite ] && kill -STOP "$p" && stopped="$stopped $p"
    done
    rc=$(wait_rc a 15)
    if [ "$rc" = 15 ] && has_line a "Serial link appears to be disconnected."; then
        pass "silent peer after IPCP: LCP echo failure, exit 15"
    else
        fail "silent peer after IPCP: LCP echo failure, exit 15 (got $rc)"; show_log a
    fi
    for p in $stopped; do kill -CONT "$p"; kill -TERM "$p"; done
else
    fail "echo failure: link up"; show_log a
fi
# SIGUSR1 toggles debug
pppd_fresh
start_ptylink "$T/ttyA" "$T/ttyB"
run_pppd b B "$T/ttyB" nodetach noauth 192.0.2.1:192.0.2.2 lcp-echo-interval 1
run_pppd a A "$T/ttyA" nodetach noauth
if wait_for "$T/a.log" "remote IP address" 10; then
    pid=$(cat "$T/a/run/ppp0.pid")
    kill -USR1 "$pid"
    if wait_for "$T/a.log" "Debug turned on" 3 && wait_for "$T/a.log" "rcvd [LCP EchoReq" 5; then
        pass "SIGUSR1: debug on, packets logged"
    else
        fail "SIGUSR1: debug on, packets logged"; show_log a
    fi
    kill -USR1 "$pid"
    wait_for "$T/a.log" "Debug turned off" 3 && pass "SIGUSR1 again: debug off" ||
        fail "SIGUSR1 again: debug off"
    kill -TERM "$pid"
    rc=$(wait_rc a 10)
    [ "$rc" = 5 ] && pass "SIGTERM: exit 5" || fail "SIGTERM: exit 5 (got $rc)"
else
    fail "SIGUSR1: link up"; show_log a
fi

# default: detach at once
pppd_fresh
start_ptylink "$T/ttyA" "$T/ttyB"
run_pppd b B "$T/ttyB" nodetach noauth 192.0.2.1:192.0.2.2
run_pppd a A "$T/ttyA" noauth
rc=$(wait_rc a 5)
if [ "$rc" = 0 ] && wait_for "$T/a.log" "remote IP address" 10; then
    pass "detach: the parent exits 0 at once, the daemon brings the link up"
else
    fail "detach: parent exit 0 (got $rc), link up"; show_log a
fi
pid=$(cat "$T/a/run/ppp0.pid" 2>/dev/null)
if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ "$(ps -o sid= -p "$pid" | tr -d ' ')" = "$pid" ]; then
    pass "detach: the daemon runs in its own session and wrote the pid file"
else
    fail "detach: daemon running in its own session (pid $pid)"
fi
[ -n "$pid" ] && kill -INT "$pid"
i=0; while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ ! -e "$T/a/run/ppp0.pid" ] && ! ip -n "${NS_PREFIX}A" link show ppp0 >/dev/null 2>&1 &&
    pass "detach: kill -INT cleans up" || fail "detach: kill -INT cleans up"

# updetach: the parent waits for IPCP
pppd_fresh
start_ptylink "$T/ttyA" "$T/ttyB"
run_pppd b B "$T/ttyB" nodetach noauth 192.0.2.1:192.0.2.2
run_pppd a A "$T/ttyA" noauth updetach
rc=$(wait_rc a 15)
if [ "$rc" = 0 ] && grep -q "remote IP address" "$T/a.out"; then
    pass "updetach: the parent prints the IPCP lines and exits 0 once up"
else
    fail "updetach: parent exit 0 after IPCP up (got $rc)"; show_log a
fi
pid=$(cat "$T/a/run/ppp0.pid" 2>/dev/null)
[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && pass "updetach: the daemon stays" ||
    fail "updetach: the daemon stays"
[ -n "$pid" ] && kill -INT "$pid"
sleep 0.5
exit 0
