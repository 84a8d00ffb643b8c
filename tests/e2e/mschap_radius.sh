#!/bin/sh
# Cross-check of pppd-lite's MS-CHAP computations against FreeRADIUS's mschap
# module: the Response values our code makes (tests/helpers/mschap_calc) are
# sent with radclient to a FreeRADIUS in a network namespace of our own; it
# must accept them and send back the same S= and MPPE keys we compute, and
# reject a wrong password. Skipped when FreeRADIUS is not installed.
. "$TOP/tests/e2e/pppd_lib.inc"
pppd_need_root "MS-CHAP FreeRADIUS cross-check"
if ! command -v freeradius >/dev/null 2>&1 || ! command -v radclient >/dev/null 2>&1 ||
   [ ! -d /etc/freeradius/3.0 ]; then
    skip "MS-CHAP FreeRADIUS cross-check (freeradius and freeradius-utils not installed)"
    exit 0
fi
pppd_setup
CALC="$HELPERS/mschap_calc"
R="$T/raddb"
cp -r /etc/freeradius/3.0 "$R"
sed -i -e "s|^\([[:space:]]*logdir = \).*|\1$T/radlog|" -e "s|^\([[:space:]]*run_dir = \).*|\1$T/radrun|" \
    -e 's|^\([[:space:]]*\)\(user = \)|\1#\2|' -e 's|^\([[:space:]]*\)\(group = \)|\1#\2|' \
    "$R/radiusd.conf"
mkdir -p "$T/radlog" "$T/radrun"
printf 'client localhost {\n ipaddr = 127.0.0.1\n secret = testing123\n}\n' >"$R/clients.conf"
{ printf 'alice Cleartext-Password := "Sesame4u"\n\n'; cat "$R/mods-config/files/authorize"; } \
    >"$R/users.new" && mv "$R/users.new" "$R/mods-config/files/authorize"
pppd_ns R
ip netns exec "${NS_PREFIX}R" freeradius -f -d "$R" >"$T/radius.out" 2>&1 &
PIDS="$PIDS $!"
i=0
until ip netns exec "${NS_PREFIX}R" ss -uln 2>/dev/null | grep -q ':1812 '; do
    i=$((i + 1)); [ $i -gt 100 ] && break; sleep 0.1
done

ask() {    # ask ATTRIBUTES: one Access-Request, the reply on stdout
    printf '%s\n' "$1" | ip netns exec "${NS_PREFIX}R" radclient -x -r 1 -t 3 127.0.0.1:1812 auth testing123 2>&1
}
val() { sed -n "s/^$1=//p" "$T/calc"; }

AUTH=5b5d7c7d7b3f2f3e3c2c602132262628
PEER=21402324255e262a28295f2b3a337c7e
"$CALC" v2 alice Sesame4u "$AUTH" "$PEER" >"$T/calc"
ask "User-Name = \"alice\"
MS-CHAP-Challenge = 0x$AUTH
MS-CHAP2-Response = 0x$(val response)" >"$T/v2.reply"
if grep -q "Access-Accept" "$T/v2.reply"; then
    pass "v2: FreeRADIUS accepts our NT-Response"
else
    fail "v2: FreeRADIUS accepts our NT-Response"; cat "$T/v2.reply" "$T/radius.out"
fi
# MS-CHAP2-Success = ident, "S=<40 hex>"; radclient prints it in hex.
s_hex=$(printf 'S=%s' "$(val s)" | od -An -tx1 | tr -d ' \n')
if grep -i "MS-CHAP2-Success" "$T/v2.reply" | tr -d ' ' | grep -qi "0x01$s_hex"; then
    pass "v2: FreeRADIUS sends the S= we compute ($(val s))"
else
    fail "v2: FreeRADIUS sends the S= we compute ($(val s))"; grep -i success "$T/v2.reply"
fi
if grep -i "MS-MPPE-Send-Key" "$T/v2.reply" | grep -qi "0x$(val send)" &&
   grep -i "MS-MPPE-Recv-Key" "$T/v2.reply" | grep -qi "0x$(val recv)"; then
    pass "v2: FreeRADIUS's MS-MPPE-Send-Key/Recv-Key are our server keys"
else
    fail "v2: FreeRADIUS's MPPE keys are our server keys"; grep -i mppe "$T/v2.reply"
fi
"$CALC" v2 alice Wr0ng "$AUTH" "$PEER" >"$T/calc"
ask "User-Name = \"alice\"
MS-CHAP-Challenge = 0x$AUTH
MS-CHAP2-Response = 0x$(val response)" >"$T/v2bad.reply"
grep -q "Access-Reject" "$T/v2bad.reply" && pass "v2: a wrong password is rejected" ||
    { fail "v2: a wrong password is rejected"; cat "$T/v2bad.reply"; }

CH=102db5df085d3041
"$CALC" v1 alice Sesame4u "$CH" >"$T/calc"
ask "User-Name = \"alice\"
MS-CHAP-Challenge = 0x$CH
MS-CHAP-Response = 0x$(val response)" >"$T/v1.reply"
grep -q "Access-Accept" "$T/v1.reply" && pass "v1: FreeRADIUS accepts our NT-Response" ||
    { fail "v1: FreeRADIUS accepts our NT-Response"; cat "$T/v1.reply"; }
"$CALC" v1 alice Wr0ng "$CH" >"$T/calc"
ask "User-Name = \"alice\"
MS-CHAP-Challenge = 0x$CH
MS-CHAP-Response = 0x$(val response)" >"$T/v1bad.reply"
grep -q "Access-Reject" "$T/v1bad.reply" && pass "v1: a wrong password is rejected" ||
    { fail "v1: a wrong password is rejected"; cat "$T/v1bad.reply"; }
exit 0
