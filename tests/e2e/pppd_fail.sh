#!/bin/sh
# pppd-lite's failure paths and their exit codes: a looped-back line (17), a
# silent peer (10), a 7-bit line (the 8-bit-clean lines), a failing connect
# script (8), a failing init script (18), a locked device (6), an unknown
# option (2).
. "$TOP/tests/e2e/pppd_lib.inc"
pppd_need_root "pppd-lite failure tests"
pppd_setup
pppd_side a; pppd_side b
pppd_ns A; pppd_ns B

# 3. a line that echoes everything
start_ptylink -e "$T/ttyA"
run_pppd a A "$T/ttyA" nodetach noauth
rc=$(wait_rc a 20)
if [ "$rc" = 17 ] && has_line a "Serial line is looped back." && has_line a "Hint:"; then
    pass "looped-back line: 'Serial line is looped back.', a hint, exit 17"
else
    fail "looped-back line: exit 17 (got $rc)"; show_log a
fi

# 4a. a silent peer
pppd_fresh
start_ptylink -s "$T/ttyA"
run_pppd a A "$T/ttyA" nodetach noauth lcp-restart 1 lcp-max-configure 2
rc=$(wait_rc a 20)
if [ "$rc" = 10 ] && has_line a "LCP: timeout sending Config-Requests" &&
   has_line a "Connection terminated." && has_line a "Exit."; then
    pass "silent peer: LCP: timeout sending Config-Requests, exit 10"
else
    fail "silent peer: LCP timeout, exit 10 (got $rc)"; show_log a
fi
if has_line a "not 8-bit clean"; then
    fail "silent peer: no 8-bit complaint when nothing was received"
else
    pass "silent peer: no 8-bit complaint when nothing was received"
fi

# 4b. a 7-bit line: a real peer, bit 7 cleared on the way to us
pppd_fresh
start_ptylink -7 "$T/ttyA" "$T/ttyB"
run_pppd b B "$T/ttyB" nodetach noauth 192.0.2.1:192.0.2.2
run_pppd a A "$T/ttyA" nodetach noauth lcp-restart 1 lcp-max-configure 5
rc=$(wait_rc a 20)
if [ "$rc" = 10 ] && has_line a "LCP: timeout sending Config-Requests" &&
   has_line a "Receive serial link is not 8-bit clean:" &&
   has_line a "Problem: all had bit 7 set to 0"; then
    pass "7-bit peer: Receive serial link is not 8-bit clean / all had bit 7 set to 0"
else
    fail "7-bit peer: the 8-bit-clean lines (got $rc)"; show_log a; show_log b
fi
# the order of the seed HOWTO's log: timeout, terminated, 8-bit lines, Exit.
order=$(grep -oE 'LCP: timeout|Connection terminated|not 8-bit clean|Problem:|Exit\.' "$T/a.log" | tr '\n' ,)
[ "$order" = "LCP: timeout,Connection terminated,not 8-bit clean,Problem:,Exit.," ] &&
    pass "7-bit peer: lines in the seed HOWTO's order" ||
    fail "7-bit peer: lines in the seed HOWTO's order ($order)"

# a failing connect script
pppd_fresh
start_ptylink -s "$T/ttyA"
run_pppd a A connect 'echo ATZ; exit 3' "$T/ttyA" nodetach noauth
rc=$(wait_rc a 20)
if [ "$rc" = 8 ] && has_line a "Connect script failed"; then
    pass "failing connect script: Connect script failed, exit 8"
else
    fail "failing connect script: exit 8 (got $rc)"; show_log a
fi


# a failing init script (modem initialisation)
pppd_fresh
start_ptylink -s "$T/ttyA"
run_pppd a A init 'exit 1' connect 'true' "$T/ttyA" nodetach noauth
rc=$(wait_rc a 20)
if [ "$rc" = 18 ] && has_line a "Init script failed"; then
    pass "failing init script: Init script failed, exit 18"
else
    fail "failing init script: exit 18 (got $rc)"; show_log a
fi
# the connect script talks on the line; success gives pppd's message
pppd_fresh
start_ptylink -s "$T/ttyA"
run_pppd a A connect 'printf AT; test -t 0 && test -t 1' "$T/ttyA" nodetach noauth debug \
    lcp-restart 1 lcp-max-configure 1
rc=$(wait_rc a 20)
if has_line a "Script printf AT; test -t 0 && test -t 1 finished (pid" &&
   has_line a "status = 0x0" && has_line a "Serial connection established."; then
    pass "connect script on the line: Script ... finished, Serial connection established."
else
    fail "connect script on the line"; show_log a
fi

# a device locked by a live process
pppd_fresh
start_ptylink -s "$T/ttyA"
printf '%10d\n' $$ >"$T/a/lock/LCK..ttyA"
run_pppd a A "$T/ttyA" nodetach noauth lock
rc=$(wait_rc a 10)
if [ "$rc" = 6 ] && has_line a "is locked by pid $$"; then
    pass "locked device: Device ... is locked by pid N, exit 6"
else
    fail "locked device: exit 6 (got $rc)"; show_log a
fi
rm -f "$T/a/lock/LCK..ttyA"

# an unknown option in an options file: file and line, exit 2
pppd_fresh
printf 'lock\n\nno-such-option\n' >"$T/a/etc/options"
run_pppd a A "$T/ttyA" nodetach
rc=$(wait_rc a 10)
if [ "$rc" = 2 ] && grep -qF "$T/a/etc/options:3: unrecognized option 'no-such-option'" "$T/a.out"; then
    pass "unknown option: FILE:3: unrecognized option, exit 2"
else
    fail "unknown option: exit 2 (got $rc)"; show_log a
fi
rm -f "$T/a/etc/options"
exit 0
