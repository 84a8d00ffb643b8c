#!/bin/sh
# pppd-lite facing a hostile peer (tests/helpers/hostile_peer): random bytes,
# bad FCS, frames over the MRU, lying length fields, a Configure-Request
# storm, options repeated 250 times, Naks that never converge (both ways), a
# Protocol-Reject of LCP itself, wrong PAP passwords and CHAP responses, silent and
# Nak-only authenticators, secrets files with bad modes or junk. Every case checks: no
# crash (exit status is one of pppd's, not a signal), no hang (bounded time),
# bounded memory (VmHWM growth), and the log line or packet that shows the
# right reaction.
. "$TOP/tests/e2e/pppd_lib.inc"
pppd_need_root "hostile peer tests"
pppd_setup
pppd_side a
pppd_ns A
PEER="$HELPERS/hostile_peer"
# Memory growth allowed over the first reading (sanitizer builds need more).
# A plain build also runs under an address-space limit (sanitizers reserve
# terabytes of address space, so not there).
if [ -n "$ASAN_OPTIONS" ] || nm "$PPPD" 2>/dev/null | grep -q __asan_init; then
    MEM_GROWTH_KB=262144; VLIMIT_KB=""
else
    MEM_GROWTH_KB=16384; VLIMIT_KB=131072
fi

# hp_run ARGS...: run_pppd for side a in namespace A, under the limit.
hp_run() {
    (
        [ -n "$VLIMIT_KB" ] && ulimit -v "$VLIMIT_KB"
        PPPD_LITE_ETC="$T/a/etc" PPPD_LITE_RUNDIR="$T/a/run" \
        PPPD_LITE_LOCKDIR="$T/a/lock" HOME="$T/a" \
            timeout 120 ip netns exec "${NS_PREFIX}A" "$PPPD" "$@" logfile "$T/a.log" \
            >"$T/a.out" 2>&1
        echo $? >"$T/a.rc"
    ) &
    PIDS="$PIDS $!"
}

# peer MODE [ARGS...]: start the hostile peer on $T/ttyA.
peer() {
    mode=$1; shift
    "$PEER" "$@" "$T/ttyA" "$mode" >"$T/peer.out" 2>&1 &
    PEER_PID=$!
    PIDS="$PIDS $PEER_PID"
    wait_for "$T/peer.out" ready 5
}

# stop_peer: SIGTERM the peer so that it prints its statistics.
stop_peer() {
    kill "$PEER_PID" 2>/dev/null
    wait "$PEER_PID" 2>/dev/null
}

# pstat NAME: a counter from the peer's "stats" line.
pstat() { grep -o "\b$1=[0-9]*" "$T/peer.out" | head -n 1 | cut -d= -f2; }

pppd_pid() {
    for p in $(pgrep -x pppd-lite); do
        cat "/proc/$p/cmdline" 2>/dev/null | tr '\0' ' ' | grep -qF -- "$T/ttyA" && echo "$p"
    done
}

# watch_mem: in the background, record pppd-lite's first VmRSS and its last
# VmHWM in $T/mem (kB), until it exits.
watch_mem() {
    (
        i=0; p=""
        while [ -z "$p" ] && [ $i -lt 50 ]; do p=$(pppd_pid); sleep 0.1; i=$((i + 1)); done
        [ -n "$p" ] || exit 0
        first=$(awk '/^VmRSS/{print $2}' "/proc/$p/status" 2>/dev/null)
        while hwm=$(awk '/^VmHWM/{print $2}' "/proc/$p/status" 2>/dev/null) && [ -n "$hwm" ]; do
            echo "$first $hwm" >"$T/mem.tmp" && mv "$T/mem.tmp" "$T/mem"
            sleep 0.1
        done
    ) &
    PIDS="$PIDS $!"
}

# check_common CASE RC: exit status one of pppd-lite's (no signal, no
# timeout) and memory growth bounded.
check_common() {
    case "$2" in
        ''|timeout|124|1[2-9][0-9]|2[0-9][0-9])
            fail "$1: pppd-lite ended normally in bounded time (got '$2')"; show_log a ;;
        *) pass "$1: pppd-lite ended normally in bounded time (exit $2)" ;;
    esac
    if [ -s "$T/mem" ]; then
        read -r first hwm <"$T/mem"
        if [ $((hwm - first)) -le "$MEM_GROWTH_KB" ]; then
            pass "$1: bounded memory (VmRSS ${first} kB at start, VmHWM ${hwm} kB)"
        else
            fail "$1: bounded memory (VmRSS ${first} kB at start, VmHWM ${hwm} kB)"
        fi
    elif [ -n "$VLIMIT_KB" ]; then
        pass "$1: bounded memory (ran under ulimit -v $VLIMIT_KB; too short-lived to sample)"
    else
        skip "$1: bounded memory (too short-lived to sample, no ulimit under a sanitizer)"
    fi
}

# go CASE PEERMODE "PEERARGS" SECONDS PPPD-ARGS...: one case; leaves the peer's
# statistics in $T/peer.out and pppd-lite's status in $RC.
go() {
    case_name=$1; mode=$2; pargs=$3; secs=$4; shift 4
    pppd_fresh
    rm -f "$T/mem" "$T/peer.out"
    # shellcheck disable=SC2086
    peer "$mode" -d "$secs" $pargs
    hp_run "$T/ttyA" nodetach noauth debug lcp-restart 1 ipcp-restart 1 \
        ipcp-max-configure 3 "$@"
    watch_mem
    RC=$(wait_rc a $((secs + 15)))
    stop_peer
    check_common "$case_name" "$RC"
}

FAST="lcp-max-configure 10"

# line_errors KIND CASE: the end-of-link summary "Line errors: N frames with a
# bad FCS, N too long, N too short, N aborted" counts KIND ("bad FCS", "too
# long") above zero.
line_errors() {
    n=$(sed -n "s/.*Line errors:.*[^0-9]\([0-9][0-9]*\) [a-z ]*$1.*/\1/p" "$T/a.log" | head -n 1)
    if [ "${n:-0}" -gt 0 ]; then
        pass "$2: counted ('Line errors: ... $n ... $1')"
    else
        fail "$2: counted in the 'Line errors:' summary ($1)"; grep "Line errors" "$T/a.log"
    fi
}

# 1. Random bytes: 1 MB before anything, 2 KB before every frame.
go "random bytes" random "-n 7" 20 $FAST
if grep -q "event lcp-open" "$T/peer.out"; then
    pass "random bytes: ignored, LCP still opens ($(pstat bytes_sent) bytes sent)"
else
    fail "random bytes: ignored, LCP still opens"; show_log a; cat "$T/peer.out"
fi
line_errors "bad FCS" "random bytes"

# noise_case CASE MODE KIND: frames the decoder must drop (they carry a
# Terminate-Request: accepting one shows as a Terminate-Ack) before every good
# frame; LCP still opens; the end-of-link summary counts KIND.
noise_case() {
    go "$1" "$2" "" 20 $FAST
    if grep -q "event lcp-open" "$T/peer.out" && [ "$(pstat lcp_termack)" = 0 ]; then
        pass "$1: frames dropped (no Terminate-Ack), LCP still opens"
    else
        fail "$1: frames dropped, LCP still opens (termack=$(pstat lcp_termack))"
        show_log a; cat "$T/peer.out"
    fi
    line_errors "$3" "$1"
}
# 2. Bad FCS: a Terminate-Request with a bad FCS before every good frame.
noise_case "bad FCS" badfcs "bad FCS"
# 3. Frames over the MRU: a 4000-byte Terminate-Request before every frame.
noise_case "frames over the MRU" overmru "too long"

# 4. Length fields that lie (and malformed options, runts, bad PAP/CHAP/IPCP).
go "lying length fields" lying "" 20 $FAST
if grep -q "event lcp-open" "$T/peer.out" && [ "$(pstat lcp_termack)" = 0 ] &&
   [ "$(pstat confreq_after_open)" = 0 ]; then
    pass "lying length fields: discarded (no Terminate-Ack, no renegotiation), LCP opens"
else
    fail "lying length fields: discarded, LCP opens (termack=$(pstat lcp_termack)" \
        "confreq after open=$(pstat confreq_after_open))"
    show_log a; cat "$T/peer.out"
fi
if grep -qiE "malformed|discard|too short|bad " "$T/a.log"; then
    pass "lying length fields: a debug line names the discarded packets"
else
    fail "lying length fields: a debug line names the discarded packets"
fi

# 5. A storm of 2000 Configure-Requests once the link is open.
go "Configure-Request storm" storm "-n 2000" 25 $FAST
acks=$(pstat storm_acks)
if [ "${acks:-0}" -ge 1800 ] && [ "$(pstat ipcp)" -ge 2 ]; then
    pass "Configure-Request storm: $acks of 2000 acked, the link renegotiates afterwards"
else
    fail "Configure-Request storm: acked ($acks of 2000) and renegotiated (ipcp=$(pstat ipcp))"
    tail -n 30 "$T/a.log"; cat "$T/peer.out"
fi

# 5b. 2000 Echo-Requests of 1400 bytes (2.8 MB) once the link is open.
go "Echo-Request storm" echostorm "-n 2000" 25 $FAST
reps=$(pstat lcp_echorep)
if [ "${reps:-0}" -ge 1800 ] && [ "$(pstat lcp_termreq)" -le 1 ]; then
    pass "Echo-Request storm: $reps of 2000 answered"
else
    fail "Echo-Request storm: answered ($reps of 2000)"; tail -n 20 "$T/a.log"; cat "$T/peer.out"
fi
# Reads from the line are sized so that the replies always fit the output
# queue: none is dropped, however fast the requests come.
if ! grep -q "output queue full" "$T/a.log"; then
    pass "Echo-Request storm: no reply dropped for want of queue room"
else
    fail "Echo-Request storm: $(grep -c "output queue full" "$T/a.log") replies dropped (queue full)"
fi

# 5c. 2000 packets of protocols pppd-lite does not speak (EAP first, with a
# lying length): each gets a Protocol-Reject, nothing else happens.
go "unknown-protocol storm" protostorm "-n 2000" 25 $FAST
rejs=$(pstat lcp_protrej)
if [ "${rejs:-0}" -ge 1800 ] && [ "$(pstat lcp_termreq)" -le 1 ] && [ "$(pstat ipcp)" -ge 1 ]; then
    pass "unknown-protocol storm: $rejs of 2000 Protocol-Rejected"
else
    fail "unknown-protocol storm: Protocol-Rejects ($rejs of 2000)"; tail -n 20 "$T/a.log"
    cat "$T/peer.out"
fi

# 6. The MRU option 150 times and the async map 100 times in one request.
go "options repeated 250 times" repeat "" 20 $FAST
if grep -q "event reply" "$T/peer.out" && grep -q "event lcp-open" "$T/peer.out"; then
    pass "options repeated 250 times: answered ($(sed -n 's/event reply \([0-9]*\).*/code \1/p' \
        "$T/peer.out")), then a sane request opens LCP"
else
    fail "options repeated 250 times: answered, then LCP opens"; show_log a; cat "$T/peer.out"
fi

# 7. The peer insists on MRU 64 forever: Naks, then Rejects after Max-Failure.
go "never-converging peer request" naked "" 20 lcp-max-failure 4 lcp-max-configure 4
if [ "$(pstat lcp_confnak)" = 4 ] && [ "$(pstat lcp_confrej)" -ge 1 ] && [ "$RC" = 10 ] &&
   has_line a "LCP: timeout sending Config-Requests"; then
    pass "never-converging peer request: 4 Naks (lcp-max-failure 4), then Rejects; timeout exit 10"
else
    fail "never-converging peer request: Naks=$(pstat lcp_confnak) (want 4)," \
        "Rejects=$(pstat lcp_confrej), exit $RC (want 10)"
    show_log a; cat "$T/peer.out"
fi

# 8. The peer Naks every one of our requests forever: the negotiation must
# end in bounded time (pppd: after Max-Failure Naks it treats them as Rejects).
go "never-converging Naks" nakall "" 10 nomagic lcp-max-failure 4 lcp-max-configure 4
reqs=$(pstat lcp_confreq)
if [ "$RC" = 10 ] && [ "${reqs:-0}" -le 20 ] &&
   has_line a "LCP: peer keeps sending Configure-Naks: giving up"; then
    pass "never-converging Naks: 'LCP: peer keeps sending Configure-Naks: giving up' after $reqs requests, exit 10"
else
    fail "never-converging Naks: Configure-Requests sent=$reqs in 10 s, exit '$RC' (want 10 and" \
        "'LCP: peer keeps sending Configure-Naks: giving up'; pppd-lite/proto/fsm.c fsm_rconfnakrej)"
    tail -n 8 "$T/a.log"
fi

# 8b. The same in IPCP: every address we ask for is Nak'd with another one.
go "never-converging IPCP Naks" ipcpnak "" 15 $FAST ipcp-max-failure 4 ipcp-max-configure 4
if [ "$RC" = 10 ] && [ "$(pstat ipcp)" -le 20 ] &&
   has_line a "IPCP: peer keeps sending Configure-Naks: giving up"; then
    pass "never-converging IPCP Naks: 'IPCP: peer keeps sending Configure-Naks: giving up', exit 10"
else
    fail "never-converging IPCP Naks: IPCP packets=$(pstat ipcp), exit '$RC'"; tail -n 8 "$T/a.log"
fi

# 9. A Protocol-Reject of LCP itself ends the link (RFC 1661 5.7).
go "Protocol-Reject of LCP" protrej "" 15 $FAST
if grep -q "event termreq" "$T/peer.out" && has_line a "rcvd [LCP ProtRej" &&
   has_line a "Connection terminated."; then
    pass "Protocol-Reject of LCP: Terminate-Request, Connection terminated."
else
    fail "Protocol-Reject of LCP ends the link"; show_log a; cat "$T/peer.out"
fi

# 10. Wrong PAP passwords: rejected with a log line; the link ends.
printf 'hostile * right-one *\n' >"$T/a/etc/pap-secrets"
chmod 600 "$T/a/etc/pap-secrets"
go "wrong PAP password" pap "-u hostile -p Wr0ngXyzzy -n 50" 20 $FAST auth require-pap \
    pap-secrets "$T/a/etc/pap-secrets"
naks=$(pstat pap_nak)
if [ "$(pstat pap_ack)" = 0 ] && [ "${naks:-0}" -ge 1 ] && [ "$naks" -le 3 ] &&
   has_line a "PAP peer authentication failed for hostile" && has_line a "Connection terminated."; then
    pass "wrong PAP password: Nak, 'PAP peer authentication failed for hostile', link ends"
else
    fail "wrong PAP password: acks=$(pstat pap_ack) naks=$naks, log line and end"
    show_log a; cat "$T/peer.out"
fi
if grep -q Wr0ngXyzzy "$T/a.log" "$T/a.out"; then
    fail "wrong PAP password: the password appears in the debug log"
else
    pass "wrong PAP password: the password never appears in the debug log"
fi

# 10b. A wrong CHAP response: Failure, a log line, the link ends.
printf 'hostile srv right-one *\n' >"$T/a/etc/chap-secrets"
chmod 600 "$T/a/etc/chap-secrets"
go "wrong CHAP response" chap "-u hostile" 20 $FAST auth require-chap name srv \
    chap-secrets "$T/a/etc/chap-secrets"
if [ "$(pstat chap_success)" = 0 ] && [ "$(pstat chap_failure)" -ge 1 ] &&
   has_line a "CHAP peer authentication failed for hostile" && has_line a "Connection terminated."; then
    pass "wrong CHAP response: Failure, 'CHAP peer authentication failed for hostile', link ends"
else
    fail "wrong CHAP response: success=$(pstat chap_success) failure=$(pstat chap_failure)"
    show_log a; cat "$T/peer.out"
fi

# 10c. We must authenticate to a peer that never answers: pap-max-authreq
# requests, then the link ends.
go "silent PAP authenticator" papsilent "" 20 $FAST user me password pw pap-max-authreq 3 \
    pap-restart 1
if [ "$(pstat pap_req)" = 3 ] && has_line a "No response to PAP authenticate-requests" &&
   has_line a "Connection terminated."; then
    pass "silent PAP authenticator: 3 requests (pap-max-authreq 3), 'No response to PAP authenticate-requests'"
else
    fail "silent PAP authenticator: requests=$(pstat pap_req) (want 3)"; show_log a
fi

# 10d. ... and to a peer that Naks every request: the link ends at once.
go "PAP authenticator that Naks" papnak "" 20 $FAST user me password pw pap-max-authreq 10 \
    pap-restart 1
if [ "$(pstat pap_req)" -ge 1 ] && [ "$(pstat pap_req)" -le 2 ] &&
   has_line a "PAP authentication failed" && has_line a "Connection terminated."; then
    pass "PAP authenticator that Naks: 'PAP authentication failed' after $(pstat pap_req) request, link ends"
else
    fail "PAP authenticator that Naks: requests=$(pstat pap_req)"; show_log a
fi

# 11. A secrets file writable by others is refused: even the right password fails.
chmod 606 "$T/a/etc/pap-secrets"
go "secrets writable by others" pap "-u hostile -p right-one -n 3" 20 $FAST auth require-pap \
    pap-secrets "$T/a/etc/pap-secrets"
if [ "$(pstat pap_ack)" = 0 ] &&
   has_line a "Not using secrets file $T/a/etc/pap-secrets: " &&
   has_line a "writable by group or others"; then
    pass "secrets file writable by others: 'Not using secrets file ...', no login"
else
    fail "secrets file writable by others refused (acks=$(pstat pap_ack))"; show_log a
fi

# 12. A secrets file readable by all: a warning, and it is used.
chmod 644 "$T/a/etc/pap-secrets"
go "secrets readable by all" pap "-u hostile -p right-one -n 3" 15 $FAST auth require-pap \
    pap-secrets "$T/a/etc/pap-secrets"
if [ "$(pstat pap_ack)" -ge 1 ] &&
   has_line a "Warning - secret file $T/a/etc/pap-secrets has world and/or group access"; then
    pass "secrets file readable by all: warned, still used (the right password is accepted)"
else
    fail "secrets file readable by all: warned and used (acks=$(pstat pap_ack))"; show_log a
fi

# 13. A secrets file of junk, overlong lines and unterminated quotes: named
# with file and line (or skipped), never a crash; the good last line works.
{
    awk 'BEGIN { for (i = 0; i < 5000; i++) printf "x"; printf " * y *\n" }'
    printf 'user "unterminated * pw\n'
    LC_ALL=C awk 'BEGIN { s = 7; for (i = 0; i < 700; i++) {
        s = (s * 1103515245 + 12345) % 2147483648; printf "%c", int(s / 65536) % 256 } }'
    printf '\nhostile * right-one *\n'
} >"$T/a/etc/pap-secrets"
chmod 600 "$T/a/etc/pap-secrets"
go "secrets file of junk" pap "-u hostile -p right-one -n 3" 15 $FAST auth require-pap \
    pap-secrets "$T/a/etc/pap-secrets"
if grep -q "pap-secrets:[0-9]*:" "$T/a.log" || [ "$(pstat pap_ack)" -ge 1 ]; then
    pass "secrets file of junk: $(grep -o "pap-secrets:[0-9]*: .*" "$T/a.log" | head -n 1 |
        cut -c1-80) (acks=$(pstat pap_ack))"
else
    fail "secrets file of junk: neither a file:line message nor a working last line"; show_log a
fi

[ -z "$FAILED" ]
