/* cmocka tests for pppd-lite/radius: the loop <-> helper messages (radmsg),
 * the requests and the reading of replies (radreq), MS-CHAP's Microsoft
 * attributes (radms), the spool file form (radspool). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "pppd-lite/radius/radmsg.h"
#include "pppd-lite/radius/radms.h"
#include "pppd-lite/radius/radreq.h"
#include "pppd-lite/radius/radspool.h"

static struct radmsg m, back;
static uint8_t wire[RADMSG_WIRE_MAX];
static const struct radreq_nas nas = { .port = 3, .calling = "5551234", .connect_info = "33600" };

static void test_roundtrip(void **state)
{
    (void)state;
    radmsg_init(&m, RADMSG_REPLY, 77);
    m.result = RADMSG_REJECT;
    assert_true(radmsg_add_str(&m, RAD_REPLY_MESSAGE, "Account closed"));
    assert_true(radmsg_add_u32(&m, RAD_FRAMED_IP_ADDRESS, 0xc0000202));
    size_t n = radmsg_encode(&m, wire, sizeof(wire));
    assert_true(n > 0);
    assert_true(radmsg_decode(wire, n, &back));
    assert_int_equal(back.seq, 77);
    assert_int_equal(back.result, RADMSG_REJECT);
    uint32_t ip;
    assert_true(radmsg_get_u32(&back, RAD_FRAMED_IP_ADDRESS, &ip));
    assert_int_equal(ip, 0xc0000202);
    char s[64];
    assert_true(radmsg_get_str(&back, 0, RAD_REPLY_MESSAGE, s, sizeof(s)));
    assert_string_equal(s, "Account closed");
}

/* Every truncation and a trailing byte are refused. */
static void test_decode_refuses_damage(void **state)
{
    (void)state;
    radmsg_init(&m, RADMSG_AUTH, 1);
    radmsg_add_str(&m, RAD_USER_NAME, "alice");
    size_t n = radmsg_encode(&m, wire, sizeof(wire));
    for (size_t i = 0; i < n; i++)
        assert_false(radmsg_decode(wire, i, &back));
    wire[n] = 0;
    assert_false(radmsg_decode(wire, n + 1, &back));
    wire[0] ^= 1;
    assert_false(radmsg_decode(wire, n, &back));
}

static void test_value_limits(void **state)
{
    (void)state;
    uint8_t big[RADMSG_VAL_MAX + 1] = { 0 };
    radmsg_init(&m, RADMSG_AUTH, 1);
    assert_false(radmsg_add(&m, RADMSG_ITEM_ATTR, 0, 1, big, sizeof(big)));
    for (int i = 0; i < RADMSG_MAX_ITEMS; i++)
        assert_true(radmsg_add_u32(&m, RAD_NAS_PORT, 1));
    assert_false(radmsg_add_u32(&m, RAD_NAS_PORT, 1));
    assert_int_equal(radmsg_encode(&m, wire, 10), 0);
}

static void test_pap_request(void **state)
{
    (void)state;
    assert_true(radreq_auth_pap(&m, 5, &nas, "alice", "pass", 4));
    assert_int_equal(m.kind, RADMSG_AUTH);
    const struct radmsg_item *pw = radmsg_find(&m, 0, RAD_USER_PASSWORD);
    assert_non_null(pw);
    assert_memory_equal(pw->val, "pass", 4);
    uint32_t v;
    assert_true(radmsg_get_u32(&m, RAD_SERVICE_TYPE, &v));
    assert_int_equal(v, 2);
    assert_true(radmsg_get_u32(&m, RAD_FRAMED_PROTOCOL, &v));
    assert_int_equal(v, 1);
    assert_true(radmsg_get_u32(&m, RAD_NAS_PORT, &v));
    assert_int_equal(v, 3);
    assert_true(radmsg_get_u32(&m, RAD_NAS_PORT_TYPE, &v));
    assert_int_equal(v, 0);
    char s[32];
    assert_true(radmsg_get_str(&m, 0, RAD_CALLING_STATION_ID, s, sizeof(s)));
    assert_string_equal(s, "5551234");
    assert_true(radmsg_get_str(&m, 0, RAD_CONNECT_INFO, s, sizeof(s)));
    assert_string_equal(s, "33600");
    char longpw[200];
    memset(longpw, 'x', sizeof(longpw));
    assert_false(radreq_auth_pap(&m, 5, &nas, "alice", longpw, 129));
}

/* RFC 2865 5.3: CHAP-Password is the ident then the response. */
static void test_chap_request(void **state)
{
    (void)state;
    uint8_t chal[16], resp[16];
    memset(chal, 0xaa, 16);
    memset(resp, 0x55, 16);
    assert_true(radreq_auth_chap(&m, 6, &nas, "alice", 9, chal, 16, resp, 16));
    const struct radmsg_item *pw = radmsg_find(&m, 0, RAD_CHAP_PASSWORD);
    assert_non_null(pw);
    assert_int_equal(pw->len, 17);
    assert_int_equal(pw->val[0], 9);
    assert_memory_equal(pw->val + 1, resp, 16);
    const struct radmsg_item *c = radmsg_find(&m, 0, RAD_CHAP_CHALLENGE);
    assert_non_null(c);
    assert_memory_equal(c->val, chal, 16);
    assert_false(radreq_auth_chap(&m, 6, &nas, "alice", 9, chal, 16, resp, 15));
}

static void test_grant(void **state)
{
    (void)state;
    radmsg_init(&m, RADMSG_REPLY, 1);
    radmsg_add_u32(&m, RAD_FRAMED_IP_ADDRESS, 0xc0000202);
    radmsg_add_u32(&m, RAD_ACCT_INTERIM_INTERVAL, 60);
    radmsg_add_u32(&m, RAD_SESSION_TIMEOUT, 3600);
    radmsg_add(&m, RADMSG_ITEM_ATTR, 0, RAD_CLASS, "\x01\x02", 2);
    uint8_t dns[4] = { 198, 51, 100, 53 };
    radmsg_add(&m, RADMSG_ITEM_ATTR, RAD_VENDOR_MICROSOFT, RAD_MS_PRIMARY_DNS, dns, 4);
    struct radreq_grant g;
    radreq_grant(&m, &g);
    assert_true(g.has_ip);
    assert_int_equal(g.interim, 60);
    assert_int_equal(g.session_timeout, 3600);
    assert_int_equal(g.class_len, 2);
    assert_int_equal(g.dns[0], 0xc6336435);
    struct secret_match sm;
    radreq_grant_match(&g, "alice", &sm);
    assert_string_equal(sm.addrs[0], "192.0.2.2");
    uint32_t a;
    assert_true(secrets_suggested_addr(&sm, 0, &a));
    assert_int_equal(a, 0xc0000202);
    g.ip = 0xfffffffe;               /* the NAS chooses */
    radreq_grant_match(&g, "alice", &sm);
    assert_string_equal(sm.addrs[0], "*");
    g.has_ip = false;
    radreq_grant_match(&g, "alice", &sm);
    assert_true(secrets_addr_allowed(&sm, 0x0a000001, 0));
}

static void test_acct_stop(void **state)
{
    (void)state;
    struct radreq_session s = { .id = "ABC", .user = "alice", .ip = 0xc0000202, .seconds = 61,
                                .in_octets = 5000000000ull, .out_octets = 1234,
                                .in_packets = 10, .out_packets = 11 };
    assert_true(radreq_acct(&m, 2, &nas, &s, RAD_STATUS_STOP, RAD_CAUSE_LOST_CARRIER));
    uint32_t v;
    assert_true(radmsg_get_u32(&m, RAD_ACCT_INPUT_OCTETS, &v));
    assert_int_equal(v, (uint32_t)5000000000ull);
    assert_true(radmsg_get_u32(&m, RAD_ACCT_INPUT_GIGAWORDS, &v));
    assert_int_equal(v, 1);
    assert_true(radmsg_get_u32(&m, RAD_ACCT_OUTPUT_GIGAWORDS, &v));
    assert_int_equal(v, 0);
    assert_true(radmsg_get_u32(&m, RAD_ACCT_TERMINATE_CAUSE, &v));
    assert_int_equal(v, RAD_CAUSE_LOST_CARRIER);
    assert_true(radmsg_get_u32(&m, RAD_ACCT_SESSION_TIME, &v));
    assert_int_equal(v, 61);
    /* a Start has no counters and no cause */
    assert_true(radreq_acct(&m, 2, &nas, &s, RAD_STATUS_START, 0));
    assert_false(radmsg_get_u32(&m, RAD_ACCT_INPUT_OCTETS, &v));
    assert_false(radmsg_get_u32(&m, RAD_ACCT_TERMINATE_CAUSE, &v));
}

static void test_causes(void **state)
{
    (void)state;
    assert_int_equal(radreq_cause(5), RAD_CAUSE_USER_REQUEST);
    assert_int_equal(radreq_cause(0), RAD_CAUSE_USER_REQUEST);
    assert_int_equal(radreq_cause(16), RAD_CAUSE_LOST_CARRIER);
    assert_int_equal(radreq_cause(12), RAD_CAUSE_IDLE_TIMEOUT);
    assert_int_equal(radreq_cause(13), RAD_CAUSE_SESSION_TIMEOUT);
    assert_int_equal(radreq_cause(11), RAD_CAUSE_SERVICE_UNAVAILABLE);
    assert_int_equal(radreq_cause(7), RAD_CAUSE_PORT_ERROR);
    assert_int_equal(radreq_cause(127), RAD_CAUSE_NAS_ERROR);
}

static void test_session_ids_differ(void **state)
{
    (void)state;
    char a[40], b[40], c[40];
    radreq_session_id(a, sizeof(a), 1700000000, 1234, 0);
    radreq_session_id(b, sizeof(b), 1700000000, 1234, 1);
    radreq_session_id(c, sizeof(c), 1700000000, 1235, 0);
    assert_string_not_equal(a, b);
    assert_string_not_equal(a, c);
    assert_int_equal(strlen(a), 16);
}

static void test_spool(void **state)
{
    (void)state;
    static uint8_t file[RADSPOOL_MAX];
    struct radreq_session s = { .id = "S1", .user = "alice" };
    assert_true(radreq_acct(&m, 9, &nas, &s, RAD_STATUS_STOP, 1));
    size_t n = radspool_encode(&m, 1000, file, sizeof(file));
    assert_true(n > 0);
    uint64_t t = 0;
    assert_true(radspool_parse(file, n, &back, &t));
    assert_int_equal(t, 1000);
    radspool_delay(&back, t, 1042);
    uint32_t v;
    assert_true(radmsg_get_u32(&back, RAD_ACCT_DELAY_TIME, &v));
    assert_int_equal(v, 42);
    radspool_delay(&back, t, 1050);  /* replaced, not added twice */
    assert_true(radmsg_get_u32(&back, RAD_ACCT_DELAY_TIME, &v));
    assert_int_equal(v, 50);
    for (size_t i = 0; i < n; i++)
        assert_false(radspool_parse(file, i, &back, &t));
    /* an Access-Request (a password) is never taken from a spool */
    assert_true(radreq_auth_pap(&m, 1, &nas, "alice", "pass", 4));
    n = radspool_encode(&m, 1000, file, sizeof(file));
    assert_false(radspool_parse(file, n, &back, &t));
}

/* RFC 2548 2.3.2: MS-CHAP2-Response is ident, flags, then peer challenge,
 * reserved and NT-Response as CHAP carries them (flags last there). */
static void test_mschap2_request(void **state)
{
    (void)state;
    uint8_t chal[16], val[49];
    for (int i = 0; i < 16; i++)
        chal[i] = (uint8_t)(0xa0 + i);
    for (int i = 0; i < 49; i++)
        val[i] = (uint8_t)i;
    val[48] = 0x5a;                             /* the flags */
    assert_true(radms_auth(&m, 7, &nas, "EXAMPLE\\alice", 2, 0x42, chal, 16, val, 49));
    char s[64];
    assert_true(radmsg_get_str(&m, 0, RAD_USER_NAME, s, sizeof(s)));
    assert_string_equal(s, "EXAMPLE\\alice");  /* as the peer sent it */
    const struct radmsg_item *c = radmsg_find(&m, RAD_VENDOR_MICROSOFT, RAD_MS_CHAP_CHALLENGE);
    assert_non_null(c);
    assert_int_equal(c->len, 16);
    assert_memory_equal(c->val, chal, 16);
    const struct radmsg_item *r = radmsg_find(&m, RAD_VENDOR_MICROSOFT, RAD_MS_CHAP2_RESPONSE);
    assert_non_null(r);
    assert_int_equal(r->len, 50);
    assert_int_equal(r->val[0], 0x42);
    assert_int_equal(r->val[1], 0x5a);
    assert_memory_equal(r->val + 2, val, 48);
    assert_null(radmsg_find(&m, RAD_VENDOR_MICROSOFT, RAD_MS_CHAP_RESPONSE));
    assert_null(radmsg_find(&m, 0, RAD_USER_PASSWORD));
    uint32_t v;
    assert_true(radmsg_get_u32(&m, RAD_SERVICE_TYPE, &v));
    /* the lengths each version wants, and nothing else */
    assert_false(radms_auth(&m, 7, &nas, "a", 2, 1, chal, 8, val, 49));
    assert_false(radms_auth(&m, 7, &nas, "a", 2, 1, chal, 16, val, 48));
    assert_false(radms_auth(&m, 7, &nas, "a", 3, 1, chal, 16, val, 49));
}

/* RFC 2548 2.1.3: MS-CHAP-Response is ident, flags, LM and NT responses. */
static void test_mschap1_request(void **state)
{
    (void)state;
    uint8_t chal[8], val[49];
    memset(chal, 0x11, 8);
    memset(val, 0, 24);                         /* LM response */
    memset(val + 24, 0x77, 24);                 /* NT response */
    val[48] = 1;                                /* use NT */
    assert_true(radms_auth(&m, 8, &nas, "bob", 1, 9, chal, 8, val, 49));
    const struct radmsg_item *r = radmsg_find(&m, RAD_VENDOR_MICROSOFT, RAD_MS_CHAP_RESPONSE);
    assert_non_null(r);
    assert_int_equal(r->len, 50);
    assert_int_equal(r->val[0], 9);
    assert_int_equal(r->val[1], 1);
    assert_memory_equal(r->val + 2, val, 48);
    assert_int_equal(radmsg_find(&m, RAD_VENDOR_MICROSOFT, RAD_MS_CHAP_CHALLENGE)->len, 8);
    assert_false(radms_auth(&m, 8, &nas, "bob", 1, 9, chal, 16, val, 49));
}

/* A reply holding one Microsoft attribute: ident, then text. */
static void ms_reply(uint16_t attr, uint8_t ident, const char *text, size_t n)
{
    uint8_t v[RADMSG_VAL_MAX];
    radmsg_init(&m, RADMSG_REPLY, 1);
    v[0] = ident;
    memcpy(v + 1, text, n);
    assert_true(radmsg_add(&m, RADMSG_ITEM_ATTR, RAD_VENDOR_MICROSOFT, attr, v, n + 1));
    /* the encrypted MPPE keys come along and change nothing */
    memset(v, 0x80, 34);
    assert_true(radmsg_add(&m, RADMSG_ITEM_ATTR, RAD_VENDOR_MICROSOFT, RAD_MS_MPPE_SEND_KEY, v, 34));
}

#define GOOD_S "S=407A5589115FD0D6209F510FE9C04566932CDA56"

static void test_mschap2_success_text(void **state)
{
    (void)state;
    char out[254];
    const char *why = "unset";
    ms_reply(RAD_MS_CHAP2_SUCCESS, 0x42, GOOD_S, 42);
    radms_peer_text(&m, true, 2, 0x42, out, sizeof(out), &why);
    assert_null(why);
    assert_string_equal(out, GOOD_S);
    /* another identifier: not ours */
    radms_peer_text(&m, true, 2, 0x43, out, sizeof(out), &why);
    assert_string_equal(out, "");
    assert_non_null(why);
    /* too small a buffer: refused, never cut */
    radms_peer_text(&m, true, 2, 0x42, out, 42, &why);
    assert_string_equal(out, "");
    assert_non_null(why);
    /* not hex, short, NUL inside, empty */
    ms_reply(RAD_MS_CHAP2_SUCCESS, 0x42, "S=407A5589115FD0D6209F510FE9C04566932CDAZZ", 42);
    radms_peer_text(&m, true, 2, 0x42, out, sizeof(out), &why);
    assert_string_equal(out, "");
    assert_non_null(why);
    ms_reply(RAD_MS_CHAP2_SUCCESS, 0x42, "S=407A", 6);
    radms_peer_text(&m, true, 2, 0x42, out, sizeof(out), &why);
    assert_string_equal(out, "");
    ms_reply(RAD_MS_CHAP2_SUCCESS, 0x42, GOOD_S " M=a\0b", 48);
    radms_peer_text(&m, true, 2, 0x42, out, sizeof(out), &why);
    assert_string_equal(out, "");
    assert_string_equal(why, "it holds a NUL byte");
    ms_reply(RAD_MS_CHAP2_SUCCESS, 0x42, "", 0);
    radms_peer_text(&m, true, 2, 0x42, out, sizeof(out), &why);
    assert_string_equal(out, "");
    assert_non_null(why);
    /* absent: nothing, and nothing wrong */
    radmsg_init(&m, RADMSG_REPLY, 1);
    radms_peer_text(&m, true, 2, 0x42, out, sizeof(out), &why);
    assert_string_equal(out, "");
    assert_null(why);
    /* v1's Success takes nothing from the reply */
    ms_reply(RAD_MS_CHAP2_SUCCESS, 0x42, GOOD_S, 42);
    radms_peer_text(&m, true, 1, 0x42, out, sizeof(out), &why);
    assert_string_equal(out, "");
    assert_null(why);
}

static void test_mschap_error_text(void **state)
{
    (void)state;
    char out[254];
    const char *why = "unset";
    const char *e = "E=691 R=1 C=8f72de1a10305826a551082deffd01e2 V=3 M=Authentication rejected";
    ms_reply(RAD_MS_CHAP_ERROR, 7, e, strlen(e));
    radms_peer_text(&m, false, 2, 7, out, sizeof(out), &why);
    assert_null(why);
    assert_string_equal(out, e);
    /* an Accept does not look at MS-CHAP-Error */
    radms_peer_text(&m, true, 2, 7, out, sizeof(out), &why);
    assert_string_equal(out, "");
    ms_reply(RAD_MS_CHAP_ERROR, 7, "E=691 R=1 C=1301ba5d8df4f0ea V=2", 32);
    radms_peer_text(&m, false, 1, 7, out, sizeof(out), &why);
    assert_string_equal(out, "E=691 R=1 C=1301ba5d8df4f0ea V=2");
    ms_reply(RAD_MS_CHAP_ERROR, 7, "Go away", 7);
    radms_peer_text(&m, false, 2, 7, out, sizeof(out), &why);
    assert_string_equal(out, "");
    assert_non_null(why);
    ms_reply(RAD_MS_CHAP_ERROR, 8, "E=691", 5);
    radms_peer_text(&m, false, 2, 7, out, sizeof(out), &why);
    assert_string_equal(out, "");
    assert_non_null(why);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip),     cmocka_unit_test(test_decode_refuses_damage),
        cmocka_unit_test(test_value_limits),  cmocka_unit_test(test_pap_request),
        cmocka_unit_test(test_chap_request),  cmocka_unit_test(test_grant),
        cmocka_unit_test(test_acct_stop),     cmocka_unit_test(test_causes),
        cmocka_unit_test(test_session_ids_differ), cmocka_unit_test(test_spool),
        cmocka_unit_test(test_mschap2_request), cmocka_unit_test(test_mschap1_request),
        cmocka_unit_test(test_mschap2_success_text), cmocka_unit_test(test_mschap_error_text),
    };
    return cmocka_run_group_tests_name("radius", tests, NULL, NULL);
}
