#!/bin/sh
# The layers of pppd-lite, checked on the sources (doc/ARCHITECTURE.md).
# The boundary of the pure protocol engine:
# pppd-lite/proto/ holds no fd, no clock, no <sys/*>, so it may include only
# the C headers below, Nettle, its own headers and the pure parts of common/.
# The protocols talk upward through struct proto_env, never by engine_*
# (PAP and CHAP are one unit with auth.c, as in pppd), and engine.c names no
# protocol but LCP: it loops over the table in protocols.c.
# SRC=dir checks another tree (used to prove the checks can fail).
: "${TOP:?}"
SRC=${SRC:-$TOP/pppd-lite}
P=$SRC/proto
FAILED=""
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; FAILED=1; }

[ -f "$P/engine.c" ] || { fail "no $P/engine.c"; exit 1; }

# Standard headers with no I/O, clock or process state.
ok_sys='stdalign|stdarg|stdbool|stddef|stdint|stdio|string|nettle/[a-z0-9_-]+'
bad=$(grep -HnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*<' "$P"/*.c "$P"/*.h |
      grep -vE "<($ok_sys)\\.h>")
if [ -z "$bad" ]; then
    pass "proto/ includes no system header beyond <$ok_sys>"
else
    fail "proto/ includes a system header: $bad"
fi

# Quoted includes: the folder's own headers, or the pure helpers of common/.
bad=$(grep -HnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$P"/*.c "$P"/*.h |
      grep -vE '"(pppd-lite/proto/)?[a-z0-9_]+\.h"' |
      grep -vE '"common/(buf|log|memzero|secrets)\.h"')
if [ -z "$bad" ]; then
    pass "proto/ includes no daemon header"
else
    fail "proto/ includes a daemon header: $bad"
fi

# No clock, no descriptor: the calls that would need one.
bad=$(grep -HnE '(^|[^>.a-z_])(read|write|poll|select|open|close|clock_gettime|time|gettimeofday|getrandom|sleep|usleep)[[:space:]]*\(' \
      "$P"/*.c | grep -vE '^[^:]+:[0-9]+:[[:space:]]*(/\*|\*)')
if [ -z "$bad" ]; then
    pass "proto/ calls no I/O or clock function"
else
    fail "proto/ calls I/O or a clock: $bad"
fi

# The network protocols and LCP go through the environment.
bad=""
for f in lcp ipcp ipv6cp; do
    hits=$(grep -nE '\bengine_[a-z_]+[[:space:]]*\(|engine_priv\.h' "$P/$f.c" "$P/$f.h")
    [ -n "$hits" ] && bad="$bad $f: $hits"
done
if [ -z "$bad" ]; then
    pass "lcp, ipcp, ipv6cp call no engine_ function and see no struct engine"
else
    fail "a protocol calls the engine by name:$bad"
fi

# engine.c loops over the table: no protocol's function by name but LCP's.
bad=$(grep -nE '\b(ipcp|ipv6cp|pap|chap)_[a-z_]+[[:space:]]*\(' "$P/engine.c")
if [ -z "$bad" ]; then
    pass "engine.c calls no ipcp_/ipv6cp_/pap_/chap_ function"
else
    fail "engine.c names a protocol: $bad"
fi

# One list names the protocols: every *_protocol row is used there only.
bad=""
for row in $(grep -ohE '^const struct protocol [a-z0-9_]+_protocol' "$P"/*.c | awk '{print $4}'); do
    users=$(grep -lE "&$row\\b" "$P"/*.c | xargs -n1 basename)
    [ "$users" = "protocols.c" ] || bad="$bad $row($users)"
done
if [ -z "$bad" ]; then
    pass "only protocols.c lists the protocol rows"
else
    fail "protocol rows used outside protocols.c or not listed:$bad"
fi

# The layers below the daemon (proto, datapath, config, sys) never reach up
# to it: daemon.h and session, loop, main are the top.
bad=$(grep -HnE '#[[:space:]]*include[[:space:]]*"pppd-lite/(daemon|retry)\.h"' \
      "$SRC"/proto/* "$SRC"/datapath/* "$SRC"/config/* "$SRC"/sys/* 2>/dev/null)
if [ -z "$bad" ]; then
    pass "proto/, datapath/, config/, sys/ do not include the daemon's headers"
else
    fail "a lower layer includes the daemon: $bad"
fi

[ -z "$FAILED" ]
