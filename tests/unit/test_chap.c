/* cmocka tests for pppd-lite CHAP-MD5 (RFC 1994): the digest, both roles,
 * both directions, bad and missing secrets, re-challenge, retransmission,
 * fallback to PAP, malformed packets. */
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
    /* alpha requires CHAP from bravo; both know bravo's secret for alpha. */
    L.a.s.auth.require_chap = true;
    L.a.chap_secrets = "bravo alpha \"s3cret\" *\n";
    L.b.chap_secrets = "bravo alpha \"s3cret\"\n";
    return 0;
}

static void md5_digest_matches_known_vector(void **state)
{
    (void)state;
    uint8_t out[16];
    /* MD5("abc") = 900150983cd24fb0d6963f7d28e17f72: id 'a', secret "b", challenge "c". */
    static const uint8_t want[16] = { 0x90, 0x01, 0x50, 0x98, 0x3c, 0xd2, 0x4f, 0xb0,
                                      0xd6, 0x96, 0x3f, 0x7d, 0x28, 0xe1, 0x7f, 0x72 };
    chap_md5_response('a', "b", 1, (const uint8_t *)"c", 1, out);
    assert_memory_equal(out, want, 16);
    /* MD5("message digest") = f96b697d7cb7938d525a2f31aaf161d0. */
    static const uint8_t want2[16] = { 0xf9, 0x6b, 0x69, 0x7d, 0x7c, 0xb7, 0x93, 0x8d,
                                       0x52, 0x5a, 0x2f, 0x31, 0xaa, 0xf1, 0x61, 0xd0 };
    chap_md5_response('m', "essage", 6, (const uint8_t *)" digest", 7, out);
    assert_memory_equal(out, want2, 16);
}

static void good_secret(void **state)
{
    (void)state;
    h_connect(&L, 5000);
    assert_true(engine_ip_ready(L.a.e));
    assert_true(engine_ip_ready(L.b.e));
    assert_true(h_logged("<auth chap MD5>"));
    assert_true(h_logged("sent [CHAP Challenge id=0x1 <"));
    assert_true(h_logged(">, name = \"alpha\"]"));
    assert_true(h_logged(">, name = \"bravo\"]"));
    assert_true(h_logged("sent [CHAP Success id=0x1 \"Access granted\"]"));
    assert_true(h_logged("CHAP peer authentication succeeded for bravo"));
    assert_true(h_logged("CHAP authentication succeeded"));
    assert_string_equal(engine_peer_name(L.a.e), "bravo");
    const struct engine_event *ev = h_find_event(&L.a, ENGINE_EV_AUTH_PEER_OK);
    assert_non_null(ev);
    assert_int_equal(ev->auth.proto, ENGINE_AUTH_CHAP);
}

static void bad_secret(void **state)
{
    (void)state;
    L.b.chap_secrets = "bravo alpha \"wrong\"\n";
    h_connect(&L, 20000);
    assert_true(h_logged("sent [CHAP Failure id=0x1 \"Access denied\"]"));
    assert_true(h_logged("CHAP peer authentication failed for bravo"));
    assert_true(h_logged("CHAP authentication failed"));
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_PEER_AUTH_FAILED);
    assert_int_equal(h_dead_status(&L.b), ENGINE_EXIT_AUTH_TOPEER_FAILED);
}

static void server_without_secret_for_client(void **state)
{
    (void)state;
    L.a.chap_secrets = "bravo alpha \"s3cret\" *\n";
    snprintf(L.b.s.auth.name, sizeof L.b.s.auth.name, "charlie");
    L.b.chap_secrets = "charlie alpha \"s3cret\"\n";
    h_connect(&L, 20000);
    assert_true(h_logged("No CHAP secret found for authenticating charlie"));
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_PEER_AUTH_FAILED);
}

static void client_password_option(void **state)
{
    (void)state;
    L.b.chap_secrets = NULL;
    snprintf(L.b.s.auth.password, sizeof L.b.s.auth.password, "s3cret");
    L.b.s.auth.have_password = true;
    h_connect(&L, 5000);
    assert_true(engine_ip_ready(L.b.e));
}

static void client_without_secret_refuses(void **state)
{
    (void)state;
    L.b.chap_secrets = NULL;
    h_connect(&L, 20000);
    assert_true(h_logged("peer refused to authenticate: terminating link"));
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_PEER_AUTH_FAILED);
}

static void client_secret_for_other_server_is_missing(void **state)
{
    (void)state;
    /* bravo has a secret for "*" servers (so it agrees to CHAP), but the
     * challenge names alpha and the entry is for delta only. */
    L.b.chap_secrets = "bravo delta \"s3cret\"\n";
    L.b.s.auth.have_password = false;
    h_connect(&L, 20000);
    assert_true(h_logged("peer refused to authenticate") ||
                h_logged("No CHAP secret found for authenticating us to alpha"));
    assert_null(h_find_event(&L.a, ENGINE_EV_IP_UP));
}

static void both_directions(void **state)
{
    (void)state;
    L.b.s.auth.require_chap = true;
    L.a.chap_secrets = "bravo alpha \"s3cret\" *\nalpha bravo \"other\" *\n";
    L.b.chap_secrets = "bravo alpha \"s3cret\" *\nalpha bravo \"other\" *\n";
    h_connect(&L, 5000);
    assert_true(engine_ip_ready(L.a.e));
    assert_true(engine_ip_ready(L.b.e));
    assert_string_equal(engine_peer_name(L.a.e), "bravo");
    assert_string_equal(engine_peer_name(L.b.e), "alpha");
    assert_int_equal(h_count_events(&L.a, ENGINE_EV_AUTH_PEER_OK), 1);
    assert_int_equal(h_count_events(&L.a, ENGINE_EV_AUTH_SELF_OK), 1);
}

static void both_directions_one_fails(void **state)
{
    (void)state;
    L.b.s.auth.require_chap = true;
    L.a.chap_secrets = "bravo alpha \"s3cret\" *\nalpha bravo \"bad\" *\n";
    L.b.chap_secrets = "bravo alpha \"s3cret\" *\nalpha bravo \"other\" *\n";
    h_connect(&L, 20000);
    assert_int_equal(h_dead_status(&L.b), ENGINE_EXIT_PEER_AUTH_FAILED);
    assert_null(h_find_event(&L.a, ENGINE_EV_IP_UP));
}

static void pap_and_chap_across(void **state)
{
    (void)state;
    /* alpha wants CHAP from bravo; bravo wants PAP from alpha. */
    L.b.s.auth.require_pap = true;
    L.b.pap_secrets = "alpha * pw *\n";
    snprintf(L.a.s.auth.password, sizeof L.a.s.auth.password, "pw");
    L.a.pap_secrets = "alpha * pw\n";
    h_connect(&L, 5000);
    assert_true(engine_ip_ready(L.a.e));
    assert_true(h_logged("PAP peer authentication succeeded for alpha"));
    assert_true(h_logged("CHAP peer authentication succeeded for bravo"));
}

static void rechallenge_runs_periodically(void **state)
{
    (void)state;
    L.a.s.auth.chap_interval_ms = 5000;
    h_connect(&L, 3000);
    h_run_for(&L, 16000);
    assert_true(engine_ip_ready(L.a.e));
    assert_int_equal(L.a.sent_by_proto_code[3][1], 4);   /* first + 3 re-challenges */
    assert_int_equal(L.a.sent_by_proto_code[3][3], 4);
    assert_int_equal(h_count_events(&L.a, ENGINE_EV_AUTH_PEER_OK), 1);
}

static void failed_rechallenge_ends_link(void **state)
{
    (void)state;
    L.a.s.auth.chap_interval_ms = 5000;
    h_connect(&L, 3000);
    assert_true(engine_ip_ready(L.a.e));
    L.b.chap_secrets = "bravo alpha \"changed\"\n";
    h_run_for(&L, 10000);
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_PEER_AUTH_FAILED);
}

static bool drop_first_chap(struct h_peer *from, uint16_t proto, uint8_t *d, size_t *len)
{
    static int n;
    (void)from;
    (void)d;
    (void)len;
    if (proto == PPP_PROTO_CHAP && n++ < 1)
        return false;
    return true;
}

static void lost_challenge_is_retransmitted(void **state)
{
    (void)state;
    L.a.filter = drop_first_chap;
    h_connect(&L, 10000);
    assert_true(engine_ip_ready(L.a.e));
    assert_int_equal(L.a.sent_by_proto_code[3][1], 2);
}

static bool drop_first_response(struct h_peer *from, uint16_t proto, uint8_t *d, size_t *len)
{
    static int n;
    (void)from;
    (void)len;
    if (proto == PPP_PROTO_CHAP && d[0] == 2 && n++ < 1)
        return false;
    return true;
}

static void lost_response_is_answered_again(void **state)
{
    (void)state;
    L.b.filter = drop_first_response;
    h_connect(&L, 10000);
    assert_true(engine_ip_ready(L.a.e));
    assert_int_equal(L.b.sent_by_proto_code[3][2], 2);
}

static void max_challenges_then_fail(void **state)
{
    (void)state;
    L.b.drop_proto = PPP_PROTO_CHAP;
    L.b.s.auth.chap_timeout_ms = 0;
    h_connect(&L, 60000);
    assert_int_equal(L.a.sent_by_proto_code[3][1], 10);
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_PEER_AUTH_FAILED);
}

static void client_times_out_without_challenge(void **state)
{
    (void)state;
    L.a.drop_proto = PPP_PROTO_CHAP;
    L.a.s.auth.chap_max_challenge = 100;
    h_connect(&L, 60000);
    assert_true(h_logged("CHAP authentication timed out"));
    assert_int_equal(h_dead_status(&L.b), ENGINE_EXIT_AUTH_TOPEER_FAILED);
}

static void peer_nak_to_pap_falls_back(void **state)
{
    (void)state;
    /* bravo refuses CHAP and offers PAP; alpha can do both. */
    L.a.s.auth.require_chap = false;
    L.a.s.auth.auth = true;
    L.a.pap_secrets = "bravo * pw *\n";
    L.b.s.auth.refuse_chap = true;
    L.b.s.auth.refuse_mschap = true;          /* refuse-chap is MD5 only, as pppd */
    L.b.s.auth.refuse_mschap_v2 = true;
    snprintf(L.b.s.auth.password, sizeof L.b.s.auth.password, "pw");
    L.b.s.auth.have_password = true;
    h_connect(&L, 5000);
    assert_true(h_logged("rcvd [LCP ConfNak id=0x1 <auth pap>]"));
    assert_true(h_logged("PAP peer authentication succeeded for bravo"));
    assert_true(engine_ip_ready(L.a.e));
}

static void require_chap_but_peer_only_pap(void **state)
{
    (void)state;
    L.b.s.auth.refuse_chap = true;
    snprintf(L.b.s.auth.password, sizeof L.b.s.auth.password, "pw");
    L.b.s.auth.have_password = true;
    h_connect(&L, 20000);
    assert_true(h_logged("peer refused to authenticate: terminating link"));
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_PEER_AUTH_FAILED);
}

static void remotename_selects_client_secret(void **state)
{
    (void)state;
    snprintf(L.b.s.auth.remotename, sizeof L.b.s.auth.remotename, "gateway");
    L.b.chap_secrets = "bravo gateway \"s3cret\"\nbravo alpha \"wrong\"\n";
    h_connect(&L, 5000);
    assert_true(engine_ip_ready(L.b.e));
}

static void malformed_chap_packets(void **state)
{
    (void)state;
    uint8_t pkt[128];
    L.b.drop_proto = PPP_PROTO_CHAP;
    h_connect(&L, 1000);
    uint64_t sent = engine_counters(L.a.e)->tx_packets;
    uint8_t id = L.a.last_sent.data[1];
    static const uint8_t over[] = { 40, 1, 2, 3 };
    static const uint8_t empty[] = { 0 };
    static const uint8_t lying[] = { 2, 1, 0, 60, 16 };
    static const uint8_t badcode[] = { 7, 1, 0, 4 };
    engine_input(L.a.e, L.now, PPP_PROTO_CHAP, pkt, h_pkt(pkt, 2, id, over, sizeof over));
    engine_input(L.a.e, L.now, PPP_PROTO_CHAP, pkt, h_pkt(pkt, 2, id, empty, 0));
    engine_input(L.a.e, L.now, PPP_PROTO_CHAP, lying, sizeof lying);
    engine_input(L.a.e, L.now, PPP_PROTO_CHAP, badcode, sizeof badcode);
    engine_input(L.a.e, L.now, PPP_PROTO_CHAP, lying, 3);
    assert_int_equal(engine_counters(L.a.e)->rx_malformed, 5);
    assert_int_equal(engine_counters(L.a.e)->tx_packets, sent);
    /* A response to another challenge id is not ours. */
    uint8_t resp[32] = { 16 };
    engine_input(L.a.e, L.now, PPP_PROTO_CHAP, pkt, h_pkt(pkt, 2, (uint8_t)(id + 1), resp, 17));
    assert_int_equal(engine_counters(L.a.e)->rx_unexpected, 1);
    /* A wrong-size value is a failure, not a crash. */
    engine_input(L.a.e, L.now, PPP_PROTO_CHAP, pkt, h_pkt(pkt, 2, id, (const uint8_t[]){ 4, 1, 2, 3, 4, 'b' }, 6));
    assert_int_equal(L.a.sent_by_proto_code[3][4], 1);
    assert_int_equal(h_dead_status(&L.a), -1);
    h_run_for(&L, 10000);
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_PEER_AUTH_FAILED);
}

static void malformed_challenge_is_dropped(void **state)
{
    (void)state;
    uint8_t pkt[64];
    L.a.drop_proto = PPP_PROTO_CHAP;
    h_connect(&L, 1000);
    static const uint8_t zero_value[] = { 0, 'x' };
    static const uint8_t nul_name[] = { 1, 9, 'a', 0, 'b' };
    engine_input(L.b.e, L.now, PPP_PROTO_CHAP, pkt, h_pkt(pkt, 1, 1, zero_value, 2));
    engine_input(L.b.e, L.now, PPP_PROTO_CHAP, pkt, h_pkt(pkt, 1, 1, nul_name, 5));
    assert_int_equal(engine_counters(L.b.e)->rx_malformed, 2);
    assert_int_equal(L.b.sent_by_proto_code[3][2], 0);
    /* Success without a response is unexpected. */
    engine_input(L.b.e, L.now, PPP_PROTO_CHAP, pkt, h_pkt(pkt, 3, 1, NULL, 0));
    assert_int_equal(engine_counters(L.b.e)->rx_unexpected, 1);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, h_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(md5_digest_matches_known_vector),
        T(good_secret),
        T(bad_secret),
        T(server_without_secret_for_client),
        T(client_password_option),
        T(client_without_secret_refuses),
        T(client_secret_for_other_server_is_missing),
        T(both_directions),
        T(both_directions_one_fails),
        T(pap_and_chap_across),
        T(rechallenge_runs_periodically),
        T(failed_rechallenge_ends_link),
        T(lost_challenge_is_retransmitted),
        T(lost_response_is_answered_again),
        T(max_challenges_then_fail),
        T(client_times_out_without_challenge),
        T(peer_nak_to_pap_falls_back),
        T(require_chap_but_peer_only_pap),
        T(remotename_selects_client_secret),
        T(malformed_chap_packets),
        T(malformed_challenge_is_dropped),
    };
    return cmocka_run_group_tests_name("chap", tests, NULL, NULL);
}
