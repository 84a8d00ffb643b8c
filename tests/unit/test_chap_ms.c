/* cmocka tests for MS-CHAP v1 and v2 inside pppd-lite's CHAP (two engines
 * over the in-memory link): negotiation and Nak-down, both roles, good and
 * wrong passwords, the S= mutual check, Failure codes in words, the cached
 * Response, DOMAIN\ names, hostile values, MPPE keys. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "pppd-lite/proto/chap.h"
#include "tests/unit/engine_harness.h"

static int setup(void **state)
{
    h_setup(state);
    /* alpha requires MS-CHAPv2 from bravo; bravo sends its password. */
    L.a.s.auth.require_mschap_v2 = true;
    L.a.chap_secrets = "bravo alpha \"s3cret\" *\n";
    snprintf(L.b.s.auth.password, sizeof L.b.s.auth.password, "s3cret");
    L.b.s.auth.have_password = true;
    return 0;
}

static void keys_match(void)
{
    uint8_t as[16], ar[16], bs[16], br[16];
    assert_true(engine_mppe_keys(L.a.e, as, ar));
    assert_true(engine_mppe_keys(L.b.e, bs, br));
    assert_memory_equal(as, br, 16);
    assert_memory_equal(ar, bs, 16);
}

static void v2_success(void **state)
{
    (void)state;
    h_connect(&L, 5000);
    assert_true(engine_ip_ready(L.a.e));
    assert_true(h_logged("<auth chap MS-v2>"));
    assert_true(h_logged("Authenticating to peer with MS-CHAPv2"));
    assert_true(h_logged("sent [CHAP Success id=0x1 \"S="));
    assert_true(h_logged(" M=Access granted\"]"));
    assert_true(h_logged("CHAP peer authentication succeeded for bravo"));
    assert_true(h_logged("CHAP authentication succeeded"));
    assert_false(h_logged("mutual authentication failed"));
    assert_string_equal(engine_peer_name(L.a.e), "bravo");
    keys_match();
    uint8_t s[16], r[16];
    engine_mppe_keys(L.a.e, s, r);
    assert_memory_not_equal(s, r, 16);        /* v2 keys differ per direction */
}

static void v1_success(void **state)
{
    (void)state;
    L.a.s.auth.require_mschap_v2 = false;
    L.a.s.auth.require_mschap = true;
    h_connect(&L, 5000);
    assert_true(engine_ip_ready(L.a.e));
    assert_true(h_logged("<auth chap MS>"));
    assert_true(h_logged("sent [CHAP Success id=0x1 \"Access granted\"]"));
    assert_true(h_logged("CHAP peer authentication succeeded for bravo"));
    keys_match();
    uint8_t s[16], r[16];
    engine_mppe_keys(L.a.e, s, r);
    assert_memory_equal(s, r, 16);            /* v1: one key both ways */
}

static void md5_gives_no_keys(void **state)
{
    (void)state;
    uint8_t s[16], r[16];
    L.a.s.auth.require_mschap_v2 = false;
    L.a.s.auth.require_chap = true;
    h_connect(&L, 5000);
    assert_true(engine_ip_ready(L.a.e));
    assert_true(h_logged("<auth chap MD5>"));
    assert_false(engine_mppe_keys(L.a.e, s, r));
}

static void plain_auth_never_asks_mschap(void **state)
{
    (void)state;
    L.a.s.auth.require_mschap_v2 = false;
    L.a.s.auth.auth = true;
    h_connect(&L, 5000);
    assert_true(engine_ip_ready(L.a.e));
    assert_true(h_logged("<auth chap MD5>"));
    assert_false(h_logged("MS-v2"));
}

static void v2_wrong_password(void **state)
{
    (void)state;
    snprintf(L.b.s.auth.password, sizeof L.b.s.auth.password, "wrong");
    h_connect(&L, 10000);
    assert_true(h_logged("sent [CHAP Failure id=0x1 \"E=691 R=1 C="));
    assert_true(h_logged(" V=3 M=Access denied\"]"));
    assert_true(h_logged("CHAP peer authentication failed for bravo"));
    assert_true(h_logged("MS-CHAP authentication failed: E=691 Authentication failure"));
    assert_true(h_logged("MS-CHAP authentication failed: Access denied"));
    assert_true(h_logged("CHAP authentication failed"));
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_PEER_AUTH_FAILED);
    assert_int_equal(h_dead_status(&L.b), ENGINE_EXIT_AUTH_TOPEER_FAILED);
    uint8_t s[16], r[16];
    assert_false(engine_mppe_keys(L.a.e, s, r));
}

static void v1_wrong_password(void **state)
{
    (void)state;
    L.a.s.auth.require_mschap_v2 = false;
    L.a.s.auth.require_mschap = true;
    snprintf(L.b.s.auth.password, sizeof L.b.s.auth.password, "wrong");
    h_connect(&L, 10000);
    assert_true(h_logged(" V=0\"]"));
    assert_true(h_logged("MS-CHAP authentication failed: E=691 Authentication failure"));
    assert_false(h_logged("MS-CHAP authentication failed: Access denied"));
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_PEER_AUTH_FAILED);
    assert_int_equal(h_dead_status(&L.b), ENGINE_EXIT_AUTH_TOPEER_FAILED);
}

/* alpha's Success: flip one hex digit of S=. */
static bool bad_s(struct h_peer *from, uint16_t proto, uint8_t *d, size_t *len)
{
    (void)from;
    if (proto == PPP_PROTO_CHAP && d[0] == CHAP_SUCCESS && *len > 8)
        d[6] = d[6] == 'A' ? 'B' : 'A';
    return true;
}

static void v2_wrong_s_fails_the_client(void **state)
{
    (void)state;
    L.a.filter = bad_s;
    h_connect(&L, 10000);
    assert_true(h_logged("CHAP peer authentication succeeded for bravo"));
    assert_true(h_logged("MS-CHAPv2 mutual authentication failed."));
    assert_true(h_logged("CHAP authentication failed"));
    assert_true(h_logged("Hint: the peer accepted our password but could not prove it"));
    assert_false(h_logged("Hint: the peer refused our name or password"));
    assert_int_equal(h_dead_status(&L.b), ENGINE_EXIT_AUTH_TOPEER_FAILED);
    assert_null(h_find_event(&L.b, ENGINE_EV_AUTH_SELF_OK));
}

/* alpha's Success without S= (as a CHAP-MD5 server says it). */
static bool no_s(struct h_peer *from, uint16_t proto, uint8_t *d, size_t *len)
{
    (void)from;
    if (proto == PPP_PROTO_CHAP && d[0] == CHAP_SUCCESS) {
        memcpy(d + 4, "Access granted", 14);
        *len = 18;
        d[2] = 0;
        d[3] = 18;
    }
    return true;
}

static void v2_missing_s_fails_the_client(void **state)
{
    (void)state;
    L.a.filter = no_s;
    h_connect(&L, 10000);
    assert_true(h_logged("MS-CHAPv2 Success packet is badly formed."));
    assert_int_equal(h_dead_status(&L.b), ENGINE_EXIT_AUTH_TOPEER_FAILED);
}

/* alpha's Failure replaced by one with another code and no M=. */
static bool failure_646(struct h_peer *from, uint16_t proto, uint8_t *d, size_t *len)
{
    (void)from;
    static const char m[] = "E=646 R=0 V=3";
    if (proto == PPP_PROTO_CHAP && d[0] == CHAP_FAILURE) {
        memcpy(d + 4, m, sizeof m - 1);
        *len = 4 + sizeof m - 1;
        d[2] = 0;
        d[3] = (uint8_t)*len;
    }
    return true;
}

static void failure_code_in_words(void **state)
{
    (void)state;
    snprintf(L.b.s.auth.password, sizeof L.b.s.auth.password, "wrong");
    L.a.filter = failure_646;
    h_connect(&L, 10000);
    assert_true(h_logged("MS-CHAP authentication failed: E=646 Restricted logon hours"));
    assert_int_equal(h_dead_status(&L.b), ENGINE_EXIT_AUTH_TOPEER_FAILED);
}

static void nak_down_v2_to_v1(void **state)
{
    (void)state;
    /* alpha would take any CHAP; bravo refuses MS-CHAPv2. */
    L.a.s.auth.require_mschap = true;
    L.a.s.auth.require_chap = true;
    L.b.s.auth.refuse_mschap_v2 = true;
    h_connect(&L, 5000);
    assert_true(h_logged("sent [LCP ConfReq id=0x1 <asyncmap 0x0> <auth chap MS-v2>"));
    assert_true(h_logged("rcvd [LCP ConfNak id=0x1 <auth chap MS>]"));
    assert_true(h_logged("sent [LCP ConfReq id=0x2 <asyncmap 0x0> <auth chap MS>"));
    assert_true(engine_ip_ready(L.a.e));
    keys_match();
}

static void nak_down_to_md5(void **state)
{
    (void)state;
    L.a.s.auth.require_mschap = true;
    L.a.s.auth.require_chap = true;
    L.b.s.auth.refuse_mschap_v2 = true;
    L.b.s.auth.refuse_mschap = true;
    h_connect(&L, 5000);
    /* pppd: an algorithm of ours the peer names is taken at once. */
    assert_true(h_logged("rcvd [LCP ConfNak id=0x1 <auth chap MD5>]"));
    assert_true(h_logged("sent [LCP ConfReq id=0x2 <asyncmap 0x0> <auth chap MD5>"));
    assert_true(engine_ip_ready(L.a.e));
}

static void client_refusing_mschap_meets_server_requiring_it(void **state)
{
    (void)state;
    L.b.s.auth.refuse_mschap_v2 = true;
    L.b.s.auth.refuse_mschap = true;
    h_connect(&L, 20000);
    assert_true(h_logged("peer refused to authenticate: terminating link"));
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_PEER_AUTH_FAILED);
    assert_null(h_find_event(&L.a, ENGINE_EV_IP_UP));
}

/* Lose bravo's first Response and record both Responses it sends. */
static uint8_t resp[2][64];
static size_t nresp;
static bool record_drop_first_response(struct h_peer *from, uint16_t proto, uint8_t *d,
                                       size_t *len)
{
    (void)from;
    if (proto == PPP_PROTO_CHAP && d[0] == CHAP_RESPONSE && *len >= 4 + 50) {
        if (nresp < 2)
            memcpy(resp[nresp], d, 4 + 50);
        return nresp++ > 0;
    }
    return true;
}

static void retransmitted_challenge_gets_same_response(void **state)
{
    (void)state;
    nresp = 0;
    L.b.filter = record_drop_first_response;
    h_connect(&L, 10000);
    assert_true(engine_ip_ready(L.a.e));
    assert_int_equal(nresp, 2);
    assert_int_equal(L.a.sent_by_proto_code[3][1], 2);   /* the Challenge went twice */
    assert_memory_equal(resp[0], resp[1], 4 + 50);       /* peer challenge included */
    assert_true(h_logged("MS-CHAPv2: same Challenge again, same Response"));
}

static void domain_user_name(void **state)
{
    (void)state;
    snprintf(L.b.s.auth.user, sizeof L.b.s.auth.user, "CORP\\bravo");
    L.a.chap_secrets = "\"CORP\\\\bravo\" alpha \"s3cret\" *\n";
    h_connect(&L, 5000);
    assert_true(engine_ip_ready(L.a.e));
    assert_true(h_logged("CHAP peer authentication succeeded for CORP\\x5cbravo") ||
                h_logged("CHAP peer authentication succeeded for CORP\\bravo"));
}

static void utf8_password(void **state)
{
    (void)state;
    L.a.chap_secrets = "bravo alpha \"p\xc3\xa4ss\xe2\x82\xac\" *\n";
    snprintf(L.b.s.auth.password, sizeof L.b.s.auth.password, "p\xc3\xa4ss\xe2\x82\xac");
    h_connect(&L, 5000);
    assert_true(engine_ip_ready(L.a.e));
}

/* bravo's Response value cut to 48 bytes. */
static bool short_value(struct h_peer *from, uint16_t proto, uint8_t *d, size_t *len)
{
    (void)from;
    if (proto == PPP_PROTO_CHAP && d[0] == CHAP_RESPONSE && *len > 5 + 49) {
        d[4] = 48;
        memmove(d + 5 + 48, d + 5 + 49, *len - (5 + 49));
        *len -= 1;
        d[2] = (uint8_t)(*len >> 8);
        d[3] = (uint8_t)*len;
    }
    return true;
}

static void short_response_value_fails_cleanly(void **state)
{
    (void)state;
    L.b.filter = short_value;
    h_connect(&L, 10000);
    assert_true(h_logged("MS-CHAPv2: the Response value is not 49 bytes"));
    assert_true(h_logged("sent [CHAP Failure id=0x1 \"E=691"));
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_PEER_AUTH_FAILED);
}

/* alpha's v2 Challenge cut to 8 bytes: bravo drops it as malformed. */
static bool short_challenge(struct h_peer *from, uint16_t proto, uint8_t *d, size_t *len)
{
    (void)from;
    if (proto == PPP_PROTO_CHAP && d[0] == CHAP_CHALLENGE && d[4] == 16) {
        d[4] = 8;
        memmove(d + 5 + 8, d + 5 + 16, *len - (5 + 16));
        *len -= 8;
        d[2] = (uint8_t)(*len >> 8);
        d[3] = (uint8_t)*len;
    }
    return true;
}

static void wrong_length_challenge_is_dropped(void **state)
{
    (void)state;
    L.a.filter = short_challenge;
    L.a.s.auth.chap_max_challenge = 2;
    h_connect(&L, 20000);
    assert_true(h_logged("MS-CHAPv2: Challenge of 8 bytes, expected 16"));
    assert_int_equal(L.b.sent_by_proto_code[3][2], 0);
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_PEER_AUTH_FAILED);
}

static void both_directions_v2(void **state)
{
    (void)state;
    L.b.s.auth.require_mschap_v2 = true;
    L.b.s.auth.have_password = false;
    L.a.chap_secrets = "bravo alpha \"s3cret\" *\nalpha bravo \"other\" *\n";
    L.b.chap_secrets = "bravo alpha \"s3cret\" *\nalpha bravo \"other\" *\n";
    h_connect(&L, 5000);
    assert_true(engine_ip_ready(L.a.e));
    assert_true(engine_ip_ready(L.b.e));
    assert_int_equal(h_count_events(&L.a, ENGINE_EV_AUTH_PEER_OK), 1);
    assert_int_equal(h_count_events(&L.a, ENGINE_EV_AUTH_SELF_OK), 1);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, h_teardown)
int main(void)
{
    const struct CMUnitTest tests[] = {
        T(v2_success),
        T(v1_success),
        T(md5_gives_no_keys),
        T(plain_auth_never_asks_mschap),
        T(v2_wrong_password),
        T(v1_wrong_password),
        T(v2_wrong_s_fails_the_client),
        T(v2_missing_s_fails_the_client),
        T(failure_code_in_words),
        T(nak_down_v2_to_v1),
        T(nak_down_to_md5),
        T(client_refusing_mschap_meets_server_requiring_it),
        T(retransmitted_challenge_gets_same_response),
        T(domain_user_name),
        T(utf8_password),
        T(short_response_value_fails_cleanly),
        T(wrong_length_challenge_is_dropped),
        T(both_directions_v2),
    };
    return cmocka_run_group_tests_name("chap_ms", tests, NULL, NULL);
}
