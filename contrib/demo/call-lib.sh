# call-lib.sh: the seed HOWTO's dial-up call on one machine, shared by
# tests/e2e/call.sh and contrib/demo/run-demo (sourced; POSIX sh).
#
# Three network namespaces (client, server, lan), a modemsim with the
# server's ttyS0 and the client's modem, and for each side a private mount
# namespace in which the seed's files sit at the seed's paths: /etc is an
# overlay (writes go to a temporary directory, never the host's /etc),
# /usr/sbin/pppd, /usr/sbin/chat and /usr/sbin/mgetty are our programs,
# /run and /var/log are temporary directories, and /dev is a small tmpfs
# whose /dev/ttyS0 is the simulated modem's pty (bind mount) and
# /dev/modem -> /dev/ttyS0, as in the seed's "ls -l /dev/modem".
#
# Needs: TOP, BIN. Sets R (the temporary root). Functions return non-zero
# with a message in CALL_WHY when something is missing.

CALL_SERVER_IP=128.231.54.227
CALL_CLIENT_IP=192.168.100.4
CALL_LAN_IP=128.231.54.10
CALL_NETMASK_BITS=23
CALL_NUMBER=301-555-1212
CALL_PASSWORD=actinium

call_need() {
    CALL_WHY=""
    if [ "$(id -u)" -ne 0 ]; then
        CALL_WHY="needs root (network and mount namespaces, TUN, /bin/login)"; return 1
    fi
    for t in ip unshare mount mknod ping openssl; do
        command -v $t >/dev/null 2>&1 || { CALL_WHY="needs the '$t' command"; return 1; }
    done
    [ -x /bin/login ] || { CALL_WHY="needs /bin/login (package login)"; return 1; }
    [ -c /dev/net/tun ] || { CALL_WHY="needs /dev/net/tun"; return 1; }
    for p in modemsim getty ppplogin pppd-lite chat; do
        [ -x "$BIN/$p" ] || { CALL_WHY="needs $BIN/$p"; return 1; }
    done
    grep -qw overlay /proc/filesystems 2>/dev/null || modprobe overlay 2>/dev/null
    grep -qw overlay /proc/filesystems || { CALL_WHY="needs overlayfs"; return 1; }
    # a container may refuse namespaces or mounts even to root
    unshare -n true 2>/dev/null || { CALL_WHY="needs network namespaces (unshare -n refused)"; return 1; }
    probe=$(mktemp -d /tmp/ppp-call-probe.XXXXXX)
    mkdir -p "$probe/u" "$probe/w" "$probe/m"
    unshare -m --propagation private sh -c \
        "mount -t overlay overlay -o lowerdir=/etc,upperdir=$probe/u,workdir=$probe/w $probe/m" 2>/dev/null
    rc=$?
    rm -rf "$probe"
    [ $rc -eq 0 ] || { CALL_WHY="needs mount namespaces with overlay mounts (refused here)"; return 1; }
    return 0
}

# call_world: temporary root, namespaces, links, modemsim.
call_world() {
    R=$(mktemp -d /tmp/ppp-call.XXXXXX)
    chmod 755 "$R"
    NS_C=pppcall-client-$$ NS_S=pppcall-server-$$ NS_L=pppcall-lan-$$
    ip netns add "$NS_C" && ip netns add "$NS_S" && ip netns add "$NS_L" || {
        CALL_WHY="cannot create network namespaces"; return 1; }
    for n in "$NS_C" "$NS_S" "$NS_L"; do ip -n "$n" link set lo up; done
    ip link add ppc$$ netns "$NS_S" type veth peer name ppl$$ netns "$NS_L" || {
        CALL_WHY="cannot create a veth pair"; return 1; }
    ip -n "$NS_S" link set ppc$$ name eth0
    ip -n "$NS_L" link set ppl$$ name eth0
    ip -n "$NS_S" addr add $CALL_SERVER_IP/$CALL_NETMASK_BITS dev eth0
    ip -n "$NS_L" addr add $CALL_LAN_IP/$CALL_NETMASK_BITS dev eth0
    ip -n "$NS_S" link set eth0 up
    ip -n "$NS_L" link set eth0 up
    ip -n "$NS_L" route add default via $CALL_SERVER_IP
    call_forwarding 1
    mkdir -p "$R/lines"
    "$BIN/modemsim" --line ttyS0="$R/lines/ttyS0" --line modem="$R/lines/modem" \
        --number $CALL_NUMBER=ttyS0 --speed 57600 --rate 57600 --ring-interval 1000 \
        --pidfile "$R/modemsim.pid" --logfile "$R/modemsim.log" 2>/dev/null &
    i=0
    while [ ! -s "$R/modemsim.pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    [ -s "$R/modemsim.pid" ] || { CALL_WHY="modemsim did not start"; return 1; }
    return 0
}

# call_forwarding 0|1: IP forwarding on the server
call_forwarding() {
    ip netns exec "$NS_S" sh -c "echo $1 > /proc/sys/net/ipv4/ip_forward"
}

# call_side_dirs SIDE: the side's overlay upper directories and /run, /var/log
call_side_dirs() {
    d=$R/$1
    mkdir -p "$d/etc/ppp" "$d/log/mgetty" "$d/home-dir" "$d/usr-sbin" "$d/usr-local-sbin" "$d/run/lock" "$d/log" \
        "$d/home" "$d/.w/etc" "$d/.w/usr-sbin" "$d/.w/usr-local-sbin" "$d/.pts"
    ln -sf "$BIN/pppd-lite" "$d/usr-sbin/pppd"
    ln -sf "$BIN/chat" "$d/usr-sbin/chat"
    ln -sf "$BIN/getty" "$d/usr-sbin/mgetty"
    cp "$TOP/contrib/demo/ns-init" "$d/ns-init"
    # the seed's /etc/ppp-off, both sides
    printf '%s\n' 'kill -INT `cat /var/run/ppp0.pid`' >"$d/etc/ppp-off"
    chmod 755 "$d/etc/ppp-off"
    : >"$d/run/utmp"; : >"$d/log/wtmp"; : >"$d/log/lastlog"
    chmod 664 "$d/run/utmp" "$d/log/wtmp"
}

# call_seed_server: the seed's server configuration (section 2)
call_seed_server() {
    s=$R/server
    call_side_dirs server
    # /etc/passwd and /etc/shadow: the ppp user, shell ppplogin
    # (the namespace's /etc/shadow holds only these two: no host secrets are copied)
    cp /etc/passwd "$s/etc/passwd"; cp /etc/group "$s/etc/group"
    sed -i '/^ppp:/d' "$s/etc/passwd"
    echo "ppp:x:1001:100::/home/ppp:/etc/ppp/ppplogin" >>"$s/etc/passwd"
    : >"$s/etc/shadow"; chmod 600 "$s/etc/shadow"
    printf 'root:*:19000:0:99999:7:::\nppp:%s:19000:0:99999:7:::\n' \
        "$(openssl passwd -6 "$CALL_PASSWORD")" >"$s/etc/shadow"
    cp /etc/shells "$s/etc/shells"; echo /etc/ppp/ppplogin >>"$s/etc/shells"
    # useradd's home; .hushlogin keeps login quiet, which shortens the time
    # the line still echoes (before ppplogin's stty -echo) while the
    # client's first LCP frames arrive
    mkdir -p "$s/home-dir/ppp"; : >"$s/home-dir/ppp/.hushlogin"
    chown -R 1001:100 "$s/home-dir/ppp"
    # /etc/ppp/ppplogin: our ppplogin in place of the seed's script, which
    # ran "exec /usr/sbin/pppd -detach silent modem crtscts"
    cp "$BIN/ppplogin" "$s/etc/ppp/ppplogin"; chmod 755 "$s/etc/ppp/ppplogin"
    printf '%s\n' '-detach silent modem crtscts' >"$s/etc/ppp/ppplogin.conf"
    # pppd runs as the ppp user after login: setuid root, as pppd was installed
    cp "$BIN/pppd-lite" "$s/usr-local-sbin/pppd-lite"; chmod 4755 "$s/usr-local-sbin/pppd-lite"
    rm -f "$s/usr-sbin/pppd"; ln -s /usr/local/sbin/pppd-lite "$s/usr-sbin/pppd"
    cat >"$s/etc/ppp/pap-secrets" <<'SEED'
# Secrets for authentication using PAP
# client server secret IP addresses
* * "" *
SEED
    chmod 600 "$s/etc/ppp/pap-secrets"
    cat >"$s/etc/ppp/options" <<'SEED'
-detach
asyncmap 0
netmask 255.255.254.0
proxyarp
lock
crtscts
noauth
usehostname
modem
disconnect /etc/ppp-off
nodefaultroute
debug
SEED
    # syslog is not running in the namespace: the same lines to a file
    echo "logfile /var/log/pppd.log" >>"$s/etc/ppp/options"
    cat >"$s/etc/ppp/options.ttyS0" <<'SEED'
128.231.54.227:192.168.100.4
modem
crtscts
silent
proxyarp
SEED
    mkdir -p "$s/etc/mgetty+sendfax"
    cat >"$s/etc/mgetty+sendfax/login.config" <<'SEED'
# login.config
timeout 20
/AutoPPP/ - ppp /usr/sbin/pppd auth -chap +pap login
ppp - a_ppp /usr/sbin/pppd auth -chap +pap login
* - - /bin/login @
SEED
    chmod 644 "$s/etc/mgetty+sendfax/login.config"   # "Make it -rw-r--r--."
    cat >"$s/etc/mgetty+sendfax/mgetty.config" <<'SEED'
debug 4
speed 57600
login-time 30
answer-chat-timeout 30
toggle-dtr yes
SEED
    printf 'Welcome to SuSE Linux 6.0 (i386) - Kernel (l).\n\n' >"$s/etc/issue"
}

# call_seed_client SCRIPT: the seed's client side (section 3) with ~/ppp.script = SCRIPT
call_seed_client() {
    c=$R/client
    call_side_dirs client
    call_ppp_line
    printf '%s\n' "$1" >"$c/home/ppp.script"
    : >"$c/etc/ppp/options"
}

# call_ppp_line [LINE]: ~/ppp as the seed writes it (one line), or with LINE
call_ppp_line() {
    if [ -n "$1" ]; then
        printf 'cd\n%s\ncd -\n' "$1" >"$R/client/home/ppp"
    else
        cat >"$R/client/home/ppp" <<'SEED'
cd
/usr/sbin/pppd connect '/usr/sbin/chat -f ppp.script' /dev/modem 57600 -detach crtscts modem defaultroute idle 1800 >/dev/null &
cd -
SEED
    fi
    chmod 755 "$R/client/home/ppp"
}

# call_in SIDE CMD...: run CMD in the side's network and mount namespaces
call_in() {
    side=$1; shift
    case $side in server) ns=$NS_S; line=ttyS0; host=las1 ;; *) ns=$NS_C; line=modem; host=dalek ;; esac
    ip netns exec "$ns" unshare -m -u --propagation private \
        sh "$R/$side/ns-init" "$R/$side" "$(readlink "$R/lines/$line")" "$host" "$@"
}

# call_asan_env: with AddressSanitizer builds (make asan), pam_unix.so dlopens
# libcrypt after ASan resolved its crypt_r interceptor, which then calls
# address 0 when pppd-lite checks a PAP password with "login". Loading
# libcrypt at start avoids it; normal builds are left alone.
call_asan_env() {
    grep -q __asan_init "$BIN/pppd-lite" 2>/dev/null || return 0
    lib=$(ldconfig -p 2>/dev/null | sed -n 's/.*libcrypt\.so\.1 (libc6,x86-64) => //p' | head -1)
    [ -n "$lib" ] || return 0
    export LD_PRELOAD="$lib"
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
}

# call_server_start: init's "S0:2345:respawn:/usr/sbin/mgetty ttyS0 -D /dev/ttyS0"
call_server_start() {
    ( call_asan_env; call_in server sh -c 'while [ ! -e "$0/stop" ]; do
        /usr/sbin/mgetty ttyS0 -D /dev/ttyS0
        echo "getty exited with status $? at $(date +%T), respawning" >>/var/log/respawn.log
        sleep 0.5
    done' "$R/server" >"$R/server/init.out" 2>&1 ) &
    CALL_INIT_PID=$!
}

call_cleanup() {
    [ -n "$R" ] || return 0
    [ -d "$R/server" ] && : >"$R/server/stop"
    for f in "$R"/server/run/ppp0.pid "$R"/client/run/ppp0.pid; do
        [ -s "$f" ] && kill -TERM "$(cat "$f")" 2>/dev/null
    done
    for n in "$NS_C" "$NS_S" "$NS_L"; do
        [ -n "$n" ] && ip netns pids "$n" 2>/dev/null | xargs -r kill -TERM 2>/dev/null
    done
    [ -s "$R/modemsim.pid" ] && kill "$(cat "$R/modemsim.pid")" 2>/dev/null
    sleep 0.3
    for n in "$NS_C" "$NS_S" "$NS_L"; do
        [ -n "$n" ] && ip netns pids "$n" 2>/dev/null | xargs -r kill -KILL 2>/dev/null
        [ -n "$n" ] && ip netns del "$n" 2>/dev/null
    done
    wait 2>/dev/null
    [ -n "$KEEP" ] || rm -rf "$R"
}

# call_wait FILE PATTERN SECONDS: wait until FILE has a line matching PATTERN
call_wait() {
    i=0
    while [ $i -lt $(($3 * 10)) ]; do
        grep -q -- "$2" "$1" 2>/dev/null && return 0
        sleep 0.1; i=$((i + 1))
    done
    return 1
}

# ---- one call ----

SUSE_SCRIPT="'' ATZ OK ATM0 OK ATDT301-555-1212 'CONNECT 57600' '' 'me to SuSE Linux 6.0 (i386) - Kernel' '\\d' ogin: ppp Password: actinium \\r"
NIXON_SCRIPT="'' ATZ OK ATM0 OK ATDT301-555-1212 'CONNECT 57600' '' 'me to SuSE Linux 6.0 (i386) - Kernel' '\\d' ogin: ppp Password: nixon \\r"
AUTOPPP_SCRIPT="'' ATZ OK ATM0 OK ATDT301-555-1212 'CONNECT 57600'"

# call_dial NAME SCRIPT [PPP_LINE]: the client runs ~/ppp (the seed's line, or
# PPP_LINE) with ~/ppp.script = SCRIPT; pppd's terminal output goes to
# $R/client/NAME.out
call_dial() {
    printf '%s\n' "$2" >"$R/client/home/ppp.script"
    call_ppp_line "$3"
    CALL_OUT=$R/client/$1.out
    call_in client sh -c 'sh ~/ppp' >"$CALL_OUT" 2>&1
}

# pids of a program in a namespace
call_pids() {
    for p in $(ip netns pids "$1" 2>/dev/null); do
        [ "$(cat /proc/"$p"/comm 2>/dev/null)" = "$2" ] && echo "$p"
    done
}

# call_gone NS PROGRAM SECONDS: wait until PROGRAM has no process in NS
call_gone() {
    i=0
    while [ $i -lt $(($3 * 10)) ]; do
        [ -z "$(call_pids "$1" "$2")" ] && return 0
        sleep 0.1; i=$((i + 1))
    done
    return 1
}

# number of times a getty has started waiting for a call
call_getty_waits() {
    n=$(grep -c 'waiting\.\.\.' "$R/server/log/mgetty/mg_ttyS0.log" 2>/dev/null)
    echo "${n:-0}"
}

# call_getty_ready N SECONDS: wait until getty waits for the (N+1)th time
call_getty_ready() {
    i=0
    while [ $i -lt $(($2 * 10)) ]; do
        [ "$(call_getty_waits)" -gt "$1" ] && return 0
        sleep 0.1; i=$((i + 1))
    done
    return 1
}

# call_hangup_client: the client's ppp-off, then wait for both sides to finish
call_hangup_client() {
    call_in client sh /etc/ppp-off 2>/dev/null
    call_gone "$NS_C" pppd-lite 10 && call_gone "$NS_S" pppd-lite 10
}
