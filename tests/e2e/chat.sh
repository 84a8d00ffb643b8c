#!/bin/sh
# End-to-end tests for chat: the real binary against scripted fake modems on
# a pty (tests/helpers/ptyscript), plus a comparison with Debian's chat when
# the ppp package can be installed.
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${BUILD:-$TOP/build}
BIN=${BIN:-$BUILD/bin}
HELPERS=${HELPERS:-$BUILD/tests/helpers}
CHAT=$BIN/chat
PS=$HELPERS/ptyscript
T=$(mktemp -d /tmp/chat-e2e.XXXXXX)
trap 'rm -rf "$T"' EXIT INT TERM

pass() { printf 'PASS: chat: %s\n' "$1"; }
fail() {
    printf 'FAIL: chat: %s\n' "$1"
    for f in "$T/err" "$T/transcript"; do [ -s "$f" ] && { echo "--- $f"; cat "$f"; }; done
}

# run NAME CHAT-ARGS... ; the modem script is read from stdin. Sets $rc.
run() {
    name=$1; shift
    cat >"$T/modem"
    (cd "$T" && timeout 30 "$PS" -T "$T/transcript" -i "$T/modem" -- "$CHAT" "$@") >"$T/out" 2>"$T/err"
    rc=$?
}
# check NAME: the modem script passed (it holds the wait-exit for the status)
check() { if [ "$rc" -eq 0 ]; then pass "$1"; else fail "$1"; fi; }
has() { grep -qF -- "$1" "$T/err"; }

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# --- the man page names every option, keyword, escape and exit status ---
man=$TOP/doc/chat.8
missing=""
for o in e E v V s S t T U r f; do grep -q "^\.B[I]* \\\\-$o" "$man" || missing="$missing -$o"; done
for k in ABORT CLR_ABORT REPORT CLR_REPORT TIMEOUT ECHO HANGUP SAY EOT BREAK; do grep -q "^\.B[I]* $k" "$man" || missing="$missing $k"; done
for e in b c d K n N p q r s t T U '\\' ddd; do grep -q "^\.BI* \\\\e *$e" "$man" || missing="$missing \\$e"; done
for x in 0 1 2 3 4; do grep -q "^\.B $x$" "$man" || missing="$missing exit$x"; done
if [ -z "$missing" ]; then pass "doc/chat.8 documents every option, keyword, escape and exit status"
else fail "doc/chat.8 lacks:$missing"; fi

# --- the two scripts of the seed HOWTO, from -f files ---
cat >"$T/ppp.script" <<'S'
'' ATZ OK ATM0 OK ATDT301-555-1212 57600 '' Username: tjnelson Password: potatoe '' ppp
S
run "seed ISP script" -f ppp.script <<'M'
expect ATZ\r
send ATZ\r\r\nOK\r\n
expect ATM0\r
send ATM0\r\r\nOK\r\n
expect ATDT301-555-1212\r
send \r\nCONNECT 57600\r\n
expect \r
send \r\nWelcome to the ISP\r\nUsername: 
expect tjnelson\r
send \r\nPassword: 
expect potatoe\r
expect ppp\r
wait-exit 0
M
check "seed ISP script dials (Username:/Password:, exit 0)"

cat >"$T/ppp.script2" <<'S'
'' ATZ OK ATM0 OK ATDT301-555-1212 'CONNECT 57600' '' 'me to SuSE Linux 6.0 (i386) - Kernel' '\d' ogin: ppp Password: actinium \r
S
run "seed SuSE script" -v -s -f ppp.script2 <<'M'
expect ATZ\r
send ATZ\r\r\nOK\r\n
expect ATM0\r
send ATM0\r\r\nOK\r\n
expect ATDT301-555-1212\r
send \r\nCONNECT 57600\r\n
expect \r
send \r\nWelcome to SuSE Linux 6.0 (i386) - Kernel 2.2.5 (ttyS0).\r\n\r\n
quiet 800
expect \r
send las1!login: 
expect ppp\r
send \r\nPassword: 
expect actinium\r
send \r\n
wait-exit 0
M
check "seed SuSE script dials ('\\d' ogin: ppp Password: ... \\r, exit 0)"
if has "send (\\d^M)" && has "expect (Password:)" && has " -- got it"; then
    pass "SuSE script -v -s logs chat's wording"; else fail "SuSE script -v -s logs chat's wording"; fi

# --- ABORT ---
run "abort busy" ABORT BUSY ABORT 'NO CARRIER' '' ATDT123 CONNECT '' <<'M'
expect ATDT123\r
send \r\nBUSY\r\n
wait-exit 4
M
check "ABORT BUSY ends with exit 4"
run "abort no carrier" -s ABORT BUSY ABORT 'NO CARRIER' '' ATDT123 CONNECT '' <<'M'
expect ATDT123\r
send \r\nNO CARRIER\r\n
wait-exit 5
M
check "second ABORT string (NO CARRIER) ends with exit 5"
has "Failed (NO CARRIER)" && pass "ABORT reports Failed (NO CARRIER)" || fail "ABORT reports Failed (NO CARRIER)"
run "abort not sub-expect" ABORT BUSY TIMEOUT 2 '' ATDT CONNECT-AT-CONNECT '' <<'M'
expect ATDT\r
send BUSY\r\n
reject AT\r
wait-exit 4
M
check "an ABORT does not move on to the sub-send"
run "clr_abort" ABORT BUSY ABORT 'NO CARRIER' CLR_ABORT BUSY '' AT OK '' <<'M'
expect AT\r
send NO CARRIER\r\n
wait-exit 4
M
check "CLR_ABORT packs the list (NO CARRIER becomes exit 4)"

# --- timeouts ---
start=$(now_ms)
run "timeout" TIMEOUT 1 '' AT OK '' <<'M'
expect AT\r
wait-exit 3
M
el=$(($(now_ms) - start))
check "no answer: TIMEOUT 1 ends with exit 3"
if [ "$el" -ge 900 ] && [ "$el" -le 1700 ]; then pass "timeout of 1 s took ${el} ms"; else fail "timeout of 1 s took ${el} ms"; fi
start=$(now_ms)
run "-t" -t 1 '' AT OK '' <<'M'
expect AT\r
wait-exit 3
M
el=$(($(now_ms) - start))
if [ "$rc" -eq 0 ] && [ "$el" -le 1700 ]; then pass "-t 1 times out (${el} ms, exit 3)"; else fail "-t 1 times out (${el} ms)"; fi

run "silent modem" TIMEOUT 1 OK '' <<'M'
quiet 500
wait-exit 3
M
check "a modem that never answers: exit 3, no hang"

# --- sub-expect ---
run "sub-expect" -v -s TIMEOUT 1 ogin:--ogin: ppp <<'M'
send junk
expect-timeout 2000 \r
send \r\nlogin:
expect ppp\r
wait-exit 0
M
check "ogin:--ogin: sends a CR after the first timeout and logs in"
has "alarm" && has "send (^M)" && pass "sub-expect logs alarm and send (^M)" || fail "sub-expect logs alarm and send (^M)"

# --- -T / -U, escapes ---
run "-T" -T 5551212 -U 99 '' 'ATDT\T,\U' <<'M'
expect ATDT5551212,99\r
wait-exit 0
M
check "-T and -U replace \\T and \\U"
run "\\c" '' 'AT\c' '' 'A\cB' '' '^Ax\101\\\s' <<'M'
expect ATAcB\r\x01xA\\ \r
wait-exit 0
M
check "\\c only counts at the end; ^A, \\101, \\\\, \\s"
run "EOT BREAK \\N \\q" -v -s '' EOT '' BREAK '' 'a\Nb\qc' <<'M'
expect \x04a\0bc\r
wait-exit 0
M
check "EOT sends ^D, BREAK sends nothing, \\N a NUL"
has "send (??????)" && pass "\\q hides the send string in the log" || fail "\\q hides the send string in the log"
printf 'ATfromfile\n' >"$T/atcmd"
run "@file" '' "@$T/atcmd" <<'M'
expect ATfromfile\r
wait-exit 0
M
check "@file sends the file's text"

# --- REPORT, ECHO, SAY, -E, -f ---
run "report" -r "$T/report" REPORT CONNECT '' ATDT CONNECT '' <<'M'
expect ATDT\r
send \r\nCONNECT 57600/V42\r\n
wait-exit 0
M
check "REPORT CONNECT dials"
if grep -q '^chat:  [A-Z][a-z][a-z] [0-9][0-9] [0-9:]* CONNECT 57600/V42$' "$T/report"; then
    pass "REPORT writes the CONNECT line to the -r file"; else fail "REPORT writes the CONNECT line to the -r file"; cat "$T/report"; fi
run "echo" ECHO ON '' AT OK '' <<'M'
expect AT\r
send \r\nOK\r\n
wait-exit 0
M
check "ECHO ON dials"
if [ "$(cat "$T/err")" = "$(printf '\nOK')" ]; then pass "ECHO ON copies the modem's text to stderr"; else fail "ECHO ON copies the modem's text to stderr"; fi
run "say" SAY 'Dialing...\n\c' '' AT <<'M'
expect AT\r
wait-exit 0
M
if [ "$rc" -eq 0 ] && [ "$(cat "$T/err")" = "Dialing..." ]; then pass "SAY writes to stderr"; else fail "SAY writes to stderr"; fi
PHONE=5550000 run "-E" -E '' 'ATDT$PHONE\$' <<'M'
expect ATDT5550000$\r
wait-exit 0
M
check "-E substitutes \$PHONE and keeps \\\$"
cat >"$T/multi.chat" <<'S'
# a comment in column 1
ABORT BUSY '' ATZ OK "ATDT 123"
CONNECT ''
S
run "-f" -f multi.chat <<'M'
expect ATZ\r
send OK\r\n
expect ATDT 123\r
send CONNECT\r\n
expect \r
wait-exit 0
M
check "-f file with comments, quotes and several pairs per line"
printf "'' 'AT\n" >"$T/bad.chat"
run "bad -f" -s -f bad.chat <<'M'
wait-exit 1
M
check "unterminated quote in -f file: exit 1"
has "unterminated quote (line 1)" && pass "unterminated quote names the line" || fail "unterminated quote names the line"
run "usage" -Q <<'M'
wait-exit 1
M
check "unknown option: exit 1"

# --- the byte stream ---
run "split and 8-bit" '' AT CONNECT '' <<'M'
expect AT\r
send \x00\r\nCON
sleep 300
send \xce\xc5CT\r\n
wait-exit 0
M
check "expect string split across reads, 8-bit bytes masked to 7 bits, NUL in between"
run "flood" TIMEOUT 5 ABORT BUSY '' AT OK '' <<'M'
expect AT\r
send-repeat 3000 RING garbage line 0123456789\r\n
send OK\r\n
wait-exit 0
M
check "a flooding modem: OK found after 100 kB of noise"
run "flood timeout" TIMEOUT 1 '' AT OK '' <<'M'
expect AT\r
send-repeat 2000 noise noise noise\r\n
sleep 1500
wait-exit 3
M
check "a flooding modem without OK: timeout exit 3"
cat >"$T/modem" <<'M'
expect AT\r
send OK\r\n~}
wait-exit 0
M
(cd "$T" && timeout 30 "$PS" -T "$T/transcript" -i "$T/modem" -- sh -c '"$1" "" AT OK "" && dd bs=1 count=4 2>/dev/null | od -An -tx1 >&2' sh "$CHAT") >"$T/out" 2>"$T/err"
rc=$?
if [ "$rc" -eq 0 ] && has "0d 0a 7e 7d"; then pass "chat leaves the bytes after the last match on the line"; else fail "chat leaves the bytes after the last match on the line"; fi

# --- signals, hangup, limits ---
cat >"$T/modem" <<'M'
wait-exit 0
M
(cd "$T" && timeout 30 "$PS" -T "$T/transcript" -i "$T/modem" -- sh -c 'exec 3<&0; "$1" -s TIMEOUT 20 OK "" <&3 & p=$!; sleep 1; kill $p; wait $p; echo "EXIT=$?" >&2' sh "$CHAT") >"$T/out" 2>"$T/err"
if has "SIGTERM" && has "EXIT=2"; then pass "SIGTERM during an expect: logged, exit 2"; else fail "SIGTERM during an expect: logged, exit 2"; fi
run "hangup" -s TIMEOUT 5 OK '' <<'M'
sleep 200
hangup
wait-exit 2
M
if [ "$rc" -eq 0 ] && has "SIGHUP"; then pass "hangup of the line: SIGHUP, exit 2"; else fail "hangup of the line: SIGHUP, exit 2"; fi
run "hangup off" -s HANGUP OFF TIMEOUT 5 OK '' <<'M'
sleep 200
hangup
wait-exit 2
M
# as chat(8): no SIGHUP; the expect fails, then the modes of the hung-up line cannot be restored
if [ "$rc" -eq 0 ] && has "Failed" && has "Can't restore terminal parameters" && ! has "SIGHUP"; then
    pass "HANGUP OFF: a hangup is not a signal exit"; else fail "HANGUP OFF: a hangup is not a signal exit"; fi
long=$(printf '%01100d' 0)
run "long expect" -s "$long" '' <<'M'
wait-exit 1
M
if [ "$rc" -eq 0 ] && has "expect string is too long"; then pass "expect string over 1024 bytes: exit 1"; else fail "expect string over 1024 bytes: exit 1"; fi
run "report at exit" REPORT CONNECT '' ATDT CONNECT <<'M'
expect ATDT\r
send \r\nCONNECT 115200
sleep 300
send /ARQ\r\n
wait-exit 0
M
if [ "$rc" -eq 0 ] && grep -q '^chat:  .* CONNECT 115200/ARQ$' "$T/err"; then pass "a REPORT line still arriving at the end is completed"; else fail "a REPORT line still arriving at the end is completed"; fi
"$CHAT" -s '' AT </dev/null >/dev/null 2>"$T/err"; rc=$?
if [ "$rc" -eq 2 ] && has "Can't get terminal parameters"; then pass "stdin not a terminal: exit 2"; else fail "stdin not a terminal: exit 2"; fi

# --- against the modem simulator: the seed ISP script dials a simulated ISP ---
MS=$BIN/modemsim
TALK=$HELPERS/modemsim_talk
if [ ! -x "$MS" ] || [ ! -x "$TALK" ]; then
    echo "SKIP: chat: dial through modemsim (modemsim not built)"
else
    "$MS" --pidfile "$T/ms.pid" --line isp="$T/isp" --line modem="$T/modem.tty" \
        --number 301-555-1212=isp --ring-interval 200 --speed 57600 --rate 0 2>"$T/ms.log" &
    mspid=$!
    i=0; while [ ! -s "$T/ms.pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    timeout 20 "$TALK" -t 10 "$T/isp" 'send:ATS0=1\r' 'expect:OK' 'expect:CONNECT 57600' \
        'sleep:200' 'send:\r\nWelcome\r\nUsername: ' 'expect:tjnelson\r' 'send:\r\nPassword: ' \
        'expect:potatoe\r' 'expect:ppp\r' 'send:~\x7d\x23' 'sleep:500' 2>"$T/isp.log" &
    isp=$!
    sleep 0.3
    (cd "$T" && timeout 20 "$CHAT" -v -s -f ppp.script <"$T/modem.tty" >"$T/modem.tty") 2>"$T/err"
    rc=$?
    wait $isp; rc2=$?
    kill "$mspid" 2>/dev/null; wait "$mspid" 2>/dev/null
    if [ "$rc" -eq 0 ] && [ "$rc2" -eq 0 ] && has "send (ATDT301-555-1212^M)" && has "send (ppp^M)"; then
        pass "the seed ISP script dials the simulated modem and logs in"
    else
        fail "the seed ISP script dials the simulated modem and logs in"; cat "$T/isp.log" "$T/ms.log"
    fi
fi

# --- syslog: ident chat, facility local2, info only with -v (private /dev/log in a mount namespace) ---
if [ "$(id -u)" -ne 0 ] || ! command -v unshare >/dev/null; then
    echo "SKIP: chat: syslog check (needs root and unshare)"
else
    command -v socat >/dev/null || sh "$TOP/contrib/install-deps" socat >/dev/null 2>&1
    if ! command -v socat >/dev/null; then
        echo "SKIP: chat: syslog check (socat not installable)"
    else
        cat >"$T/modem" <<'M'
expect ATZ\r
send ATZ\r\r\nBUSY\r\n
wait-exit any
M
        printf '"" "x\n' >"$T/bad.chat"
        cat >"$T/syslog.sh" <<'S'
T=$1 PS=$2 CHAT=$3
mkdir -p "$T/olddev" && mount --rbind /dev "$T/olddev" && mount -t tmpfs tmpfs /dev || exit 1
for n in null zero tty urandom random; do touch /dev/$n; mount --bind "$T/olddev/$n" /dev/$n; done
mkdir /dev/pts && mount --rbind "$T/olddev/pts" /dev/pts && ln -s pts/ptmx /dev/ptmx
socat -u UNIX-RECV:/dev/log STDOUT >"$T/syslog" & sp=$!
i=0; while [ ! -S /dev/log ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
"$PS" -T /dev/null -i "$T/modem" -- "$CHAT" -v ABORT BUSY '' ATZ OK ''
echo "--quiet--" >"$T/mark"
"$PS" -T /dev/null -i "$T/modem" -- "$CHAT" ABORT BUSY '' ATZ OK '' 2>/dev/null
"$PS" -T /dev/null -i "$T/modem" -- "$CHAT" -f "$T/bad.chat" 2>/dev/null
sleep 0.3; kill $sp
S
        timeout 60 unshare -m sh "$T/syslog.sh" "$T" "$PS" "$CHAT" >/dev/null 2>&1
        tr '<' '\n' <"$T/syslog" >"$T/syslog.lines"
        ok=1
        for want in '^150>.* chat\[[0-9]*\]: abort on (BUSY)$' '^150>.* chat\[[0-9]*\]: send (ATZ^M)$' \
                    '^150>.* chat\[[0-9]*\]: expect (OK)$' '^150>.* chat\[[0-9]*\]:  -- failed$' \
                    '^150>.* chat\[[0-9]*\]: Failed (BUSY)$' '^147>.* chat\[[0-9]*\]: unterminated quote (line 1)$'; do
            grep -q "$want" "$T/syslog.lines" || { ok=0; echo "missing syslog line: $want"; }
        done
        [ "$(grep -c '^150>.*Failed (BUSY)' "$T/syslog.lines")" -eq 1 ] || { ok=0; echo "info lines logged without -v"; }
        if [ $ok -eq 1 ]; then pass "syslog: ident chat, facility local2, conversation only with -v"
        else fail "syslog: ident chat, facility local2, conversation only with -v"; cat "$T/syslog.lines"; fi
    fi
fi

# --- compare with Debian's chat ---
DEB=/usr/sbin/chat
if [ ! -x "$DEB" ] && [ "$(id -u)" -eq 0 ]; then sh "$TOP/contrib/install-deps" ppp >/dev/null 2>&1; fi
if [ ! -x "$DEB" ]; then
    echo "SKIP: chat: comparison with Debian's chat (package ppp not installable)"
else
    compare() {
        name=$1; shift
        cat >"$T/cmpmodem"
        for w in deb our; do
            if [ $w = deb ]; then c=$DEB; else c=$CHAT; fi
            (cd "$T" && timeout 30 "$PS" -T "$T/t.$w" -i "$T/cmpmodem" -- sh -c '"$@"; echo "EXIT=$?" >&2' chat "$c" "$@") >"$T/e.$w" 2>&1
            sed -i -e 's/[A-Z][a-z][a-z] [0-9][0-9] [0-9:]* /TIME /' -e "s#$c#CHAT#" "$T/e.$w"
            grep '^recv: ' "$T/t.$w" | sed 's/^recv: //' | tr -d '\n' >"$T/r.$w"
        done
        if cmp -s "$T/e.deb" "$T/e.our" && cmp -s "$T/r.deb" "$T/r.our"; then
            pass "same as Debian's chat: $name"
        else
            printf 'FAIL: chat: differs from Debian chat: %s\n' "$name"; diff "$T/e.deb" "$T/e.our"; diff "$T/r.deb" "$T/r.our"
        fi
    }
    compare "dial with -v -s, REPORT, ABORT" -v -s ABORT BUSY REPORT CONNECT TIMEOUT 5 '' ATZ OK ATDT123 CONNECT '' ogin: ppp <<'M'
expect ATZ\r
send ATZ\r\r\nOK\r\n
expect ATDT123\r
send \r\nCONNECT 57600\r\n
expect \r
send Welcome\r\nlogin: 
expect ppp\r
wait-exit any
M
    compare "-V and -e echo" -V -e -s '' ATZ OK ATDT CONNECT <<'M'
expect ATZ\r
send ATZ\r\r\nOK\r\n
expect ATDT\r
send \r\nCONNECT 57600\x80\x00\r\n
wait-exit any
M
    compare "second ABORT, CLR_ABORT, Failed (..)" -v -s ABORT BUSY ABORT 'NO CARRIER' ABORT X CLR_ABORT BUSY CONNECT '' <<'M'
send NO CARRIER\r\n
wait-exit any
M
    compare "timeout and sub-expect" -v -s TIMEOUT 1 ogin:-BREAK-ogin:--ogin: ppp <<'M'
send partial
sleep 2300
send \r\nlogin:
wait-exit any
M
    compare "escapes, -T, EOT, \\q" -v -s -T 555 -U 666 '' 'AT\T\U^A^^\101\177\\z\c' '' EOT '' 'x\cy\c' '' 'a\qb' <<'M'
sleep 1000
wait-exit any
M
    compare "-E and SAY" -v -s -E SAY 'hi $USER\n' '' 'a$HOME-b\$c' '' '$NOPE.x' <<'M'
sleep 500
wait-exit any
M
    compare "keyword errors" -v -s TIMEOUT 0 ABORT 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' <<'M'
wait-exit any
M
fi
