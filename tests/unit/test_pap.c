/* cmocka tests for pppd-lite PAP (RFC 1334) and pppd's auth rules: both
 * roles, good and bad secrets, `login` with a fake verifier, refusal,
 * retransmission, timeouts, addresses from pap-secrets, malformed packets. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/engine_harness.h"

static int setup(void **state)
{
    h_setup(state);
    /* alpha authenticates bravo, who logs in as joe. */
    L.a.s.auth.require_pap = true;
    snprintf(L.b.s.auth.user, sizeof L.b.s.auth.user, "joe");
    snprintf(L.b.s.auth.password, sizeof L.b.s.auth.password, "s3cret");
    L.b.s.auth.have_password = true;
    L.a.pap_secrets = "# client server secret addrs\njoe * s3cret *\n";
    return 0;
}

static void good_password(void **state)
{
    (void)state;
    h_connect(&L, 5000);
    assert_true(engine_ip_ready(L.a.e));
    assert_true(engine_ip_ready(L.b.e));
    assert_true(h_logged("sent [LCP ConfReq id=0x1 <asyncmap 0x0> <auth pap> <magic 0x"));
    assert_true(h_logged("sent [PAP AuthReq id=0x1 user=\"joe\" password=<hidden>]"));
    assert_true(h_logged("sent [PAP AuthAck id=0x1 \"Login ok\"]"));
    assert_true(h_logged("PAP peer authentication succeeded for joe"));
    assert_true(h_logged("PAP authentication succeeded"));
    assert_false(h_logged("s3cret"));
    assert_string_equal(engine_peer_name(L.a.e), "joe");
    const struct engine_event *ev = h_find_event(&L.a, ENGINE_EV_AUTH_PEER_OK);
    assert_non_null(ev);
    assert_string_equal(ev->auth.name, "joe");
    assert_int_equal(ev->auth.proto, ENGINE_AUTH_PAP);
    ev = h_find_event(&L.b, ENGINE_EV_AUTH_SELF_OK);
    assert_non_null(ev);
    assert_string_equal(ev->auth.name, "joe");
    assert_string_equal(engine_peer_name(L.b.e), "");
}

static void bad_password(void **state)
{
    (void)state;
    snprintf(L.b.s.auth.password, sizeof L.b.s.auth.password, "wrong");
    h_connect(&L, 20000);
    assert_true(h_logged("sent [PAP AuthNak id=0x1 \"Login incorrect\"]"));
    assert_true(h_logged("PAP peer authentication failed for joe"));
    assert_true(h_logged("PAP authentication failed"));
    assert_true(h_logged("sent [LCP TermReq id=0x2 \"Authentication failed\"]"));
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_PEER_AUTH_FAILED);
    assert_int_equal(h_dead_status(&L.b), ENGINE_EXIT_AUTH_TOPEER_FAILED);
    const struct engine_event *ev = h_find_event(&L.a, ENGINE_EV_AUTH_PEER_FAIL);
    assert_non_null(ev);
    assert_string_equal(ev->auth.name, "joe");
    assert_non_null(h_find_event(&L.b, ENGINE_EV_AUTH_SELF_FAIL));
    assert_null(h_find_event(&L.a, ENGINE_EV_IP_UP));
}

static void unknown_user(void **state)
{
    (void)state;
    snprintf(L.b.s.auth.user, sizeof L.b.s.auth.user, "mallory");
    h_connect(&L, 20000);
    assert_true(h_logged("no PAP secret found for mallory"));
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_PEER_AUTH_FAILED);
}

static void secret_for_other_server_does_not_match(void **state)
{
    (void)state;
    L.a.pap_secrets = "joe elsewhere s3cret *\n";
    h_connect(&L, 20000);
    assert_true(h_logged("peer refused to authenticate") || h_logged("no PAP secret found"));
    assert_null(h_find_event(&L.a, ENGINE_EV_IP_UP));
}

static void client_password_from_pap_secrets(void **state)
{
    (void)state;
    L.b.s.auth.have_password = false;
    L.b.s.auth.password[0] = '\0';
    L.b.pap_secrets = "joe * s3cret\n";
    h_connect(&L, 5000);
    assert_true(engine_ip_ready(L.b.e));
}

static void client_without_password_is_rejected_then_refused(void **state)
{
    (void)state;
    L.b.s.auth.have_password = false;
    h_connect(&L, 20000);
    /* bravo cannot do PAP: it rejects the option, alpha ends the link. */
    assert_true(h_logged("rcvd [LCP ConfRej id=0x1 <auth pap>]"));
    assert_true(h_logged("peer refused to authenticate: terminating link"));
    assert_true(h_logged("LCP terminated by peer (peer refused to authenticate)"));
    assert_true(h_logged("Hint: the two ends disagree on authentication"));
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_PEER_AUTH_FAILED);
}

static void refuse_pap_makes_peer_refuse(void **state)
{
    (void)state;
    L.b.s.auth.refuse_pap = true;
    h_connect(&L, 20000);
    assert_true(h_logged("peer refused to authenticate: terminating link"));
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_PEER_AUTH_FAILED);
    assert_int_equal(h_dead_status(&L.b), ENGINE_EXIT_NEGOTIATION_FAILED);
}

static void null_login_lets_refusing_peer_in(void **state)
{
    (void)state;
    L.a.s.auth.require_pap = false;
    L.a.s.auth.auth = true;
    L.a.pap_secrets = "\"\" * \"\" *\n";
    L.b.s.auth.have_password = false;
    h_connect(&L, 5000);
    assert_true(engine_ip_ready(L.a.e));
    assert_false(h_logged("peer refused"));
}

static void login_with_fake_verifier(void **state)
{
    (void)state;
    L.a.s.auth.login = true;
    L.a.pap_secrets = "* * \"\" *\n";
    L.a.login_user = "joe";
    L.a.login_pass = "s3cret";
    h_connect(&L, 5000);
    assert_true(engine_ip_ready(L.a.e));
    assert_int_equal(L.a.login_calls, 1);
    assert_true(h_logged("PAP peer authentication succeeded for joe"));
}

static void login_bad_password(void **state)
{
    (void)state;
    L.a.s.auth.login = true;
    L.a.pap_secrets = "* * \"\" *\n";
    L.a.login_user = "joe";
    L.a.login_pass = "other";
    h_connect(&L, 20000);
    assert_int_equal(L.a.login_calls, 1);
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_PEER_AUTH_FAILED);
}

static void login_still_needs_a_secrets_entry(void **state)
{
    (void)state;
    L.a.s.auth.login = true;
    L.a.pap_secrets = "someoneelse * \"\" *\n";
    L.a.login_user = "joe";
    L.a.login_pass = "s3cret";
    h_connect(&L, 20000);
    assert_int_equal(L.a.login_calls, 0);
    assert_true(h_logged("no PAP secret found for joe"));
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_PEER_AUTH_FAILED);
}

static void login_and_nonempty_secret_both_must_match(void **state)
{
    (void)state;
    L.a.s.auth.login = true;
    L.a.pap_secrets = "joe * different *\n";
    L.a.login_user = "joe";
    L.a.login_pass = "s3cret";
    h_connect(&L, 20000);
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_PEER_AUTH_FAILED);
}

static void login_secret_word_uses_verifier(void **state)
{
    (void)state;
    L.a.pap_secrets = "joe * @login *\n";
    L.a.login_user = "joe";
    L.a.login_pass = "s3cret";
    h_connect(&L, 5000);
    assert_int_equal(L.a.login_calls, 1);
    assert_true(engine_ip_ready(L.a.e));
}

static void empty_secret_accepts_any_password(void **state)
{
    (void)state;
    L.a.pap_secrets = "joe * \"\" *\n";
    snprintf(L.b.s.auth.password, sizeof L.b.s.auth.password, "anything");
    h_connect(&L, 5000);
    assert_true(engine_ip_ready(L.a.e));
}

/* The seed HOWTO's server line: pppd auth -chap +pap login. */
static void seed_howto_server_options(void **state)
{
    (void)state;
    L.a.s.auth.require_pap = true;
    L.a.s.auth.auth = true;
    L.a.s.auth.refuse_chap = true;
    L.a.s.auth.login = true;
    L.a.pap_secrets = "*  *  \"\"  *\n";
    L.a.login_user = "joe";
    L.a.login_pass = "s3cret";
    h_connect(&L, 5000);
    assert_true(engine_ip_ready(L.b.e));
    assert_true(h_logged("local  IP address 192.0.2.2"));
}

static bool drop_first_pap(struct h_peer *from, uint16_t proto, uint8_t *d, size_t *len)
{
    static int n;
    (void)from;
    (void)d;
    (void)len;
    if (proto == PPP_PROTO_PAP && n++ < 1)
        return false;
    return true;
}

static void lost_authreq_is_retransmitted(void **state)
{
    (void)state;
    L.b.filter = drop_first_pap;
    h_connect(&L, 10000);
    assert_true(engine_ip_ready(L.b.e));
    assert_int_equal(L.b.sent_by_proto_code[2][1], 2);
    assert_true(h_logged("sent [PAP AuthReq id=0x2"));
}

static void no_answer_to_authreqs(void **state)
{
    (void)state;
    L.a.drop_proto = PPP_PROTO_PAP;
    L.a.s.auth.pap_timeout_ms = 0;
    h_connect(&L, 60000);
    assert_int_equal(L.b.sent_by_proto_code[2][1], 10);
    assert_true(h_logged("No response to PAP authenticate-requests"));
    assert_int_equal(h_dead_status(&L.b), ENGINE_EXIT_AUTH_TOPEER_FAILED);
}

static void server_times_out_waiting(void **state)
{
    (void)state;
    L.b.drop_proto = PPP_PROTO_PAP;
    h_connect(&L, 60000);
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_PEER_AUTH_FAILED);
    const struct engine_event *ev = h_find_event(&L.a, ENGINE_EV_DEAD);
    assert_non_null(ev);
    assert_string_equal(ev->dead.reason, "Authentication failed");
}

static void pap_settings_are_used(void **state)
{
    (void)state;
    L.a.drop_proto = PPP_PROTO_PAP;
    L.a.s.auth.pap_timeout_ms = 0;
    L.b.s.auth.pap_max_authreq = 3;
    L.b.s.auth.pap_restart_ms = 1000;
    h_connect(&L, 2500);
    assert_int_equal(L.b.sent_by_proto_code[2][1], 3);
    h_run_for(&L, 2000);
    assert_int_equal(h_dead_status(&L.b), ENGINE_EXIT_AUTH_TOPEER_FAILED);
}

static void duplicate_request_after_ack_is_acked_again(void **state)
{
    (void)state;
    uint8_t pkt[64];
    static const uint8_t req[] = { 3, 'j', 'o', 'e', 6, 's', '3', 'c', 'r', 'e', 't' };
    h_connect(&L, 5000);
    engine_input(L.a.e, L.now, PPP_PROTO_PAP, pkt, h_pkt(pkt, 1, 9, req, sizeof req));
    assert_int_equal(L.a.last_sent.proto, PPP_PROTO_PAP);
    assert_int_equal(L.a.last_sent.data[0], 2);
    assert_int_equal(L.a.last_sent.data[1], 9);
    assert_int_equal(h_count_events(&L.a, ENGINE_EV_AUTH_PEER_OK), 1);
}

static void malformed_pap_packets_are_dropped(void **state)
{
    (void)state;
    uint8_t pkt[64];
    L.b.drop_proto = PPP_PROTO_PAP;
    h_connect(&L, 2000);
    uint64_t sent = engine_counters(L.a.e)->tx_packets;
    static const uint8_t over_user[] = { 40, 'j', 'o', 'e' };
    static const uint8_t over_pass[] = { 3, 'j', 'o', 'e', 9, 'x' };
    static const uint8_t no_pass[] = { 3, 'j', 'o', 'e' };
    static const uint8_t lying[] = { 1, 1, 0, 50, 0, 0 };
    static const uint8_t shortp[] = { 1, 1 };
    static const uint8_t badcode[] = { 9, 1, 0, 4 };
    engine_input(L.a.e, L.now, PPP_PROTO_PAP, pkt, h_pkt(pkt, 1, 1, over_user, sizeof over_user));
    engine_input(L.a.e, L.now, PPP_PROTO_PAP, pkt, h_pkt(pkt, 1, 2, over_pass, sizeof over_pass));
    engine_input(L.a.e, L.now, PPP_PROTO_PAP, pkt, h_pkt(pkt, 1, 3, no_pass, sizeof no_pass));
    engine_input(L.a.e, L.now, PPP_PROTO_PAP, lying, sizeof lying);
    engine_input(L.a.e, L.now, PPP_PROTO_PAP, shortp, sizeof shortp);
    engine_input(L.a.e, L.now, PPP_PROTO_PAP, badcode, sizeof badcode);
    assert_int_equal(engine_counters(L.a.e)->rx_malformed, 6);
    assert_int_equal(engine_counters(L.a.e)->tx_packets, sent);
    /* Still listening: a good request now succeeds. */
    static const uint8_t good[] = { 3, 'j', 'o', 'e', 6, 's', '3', 'c', 'r', 'e', 't' };
    engine_input(L.a.e, L.now, PPP_PROTO_PAP, pkt, h_pkt(pkt, 1, 4, good, sizeof good));
    assert_int_equal(L.a.sent_by_proto_code[2][2], 1);      /* AuthAck */
}

static void nul_in_user_name_fails(void **state)
{
    (void)state;
    uint8_t pkt[64];
    L.b.drop_proto = PPP_PROTO_PAP;
    h_connect(&L, 2000);
    static const uint8_t req[] = { 4, 'j', 'o', 'e', 0, 6, 's', '3', 'c', 'r', 'e', 't' };
    engine_input(L.a.e, L.now, PPP_PROTO_PAP, pkt, h_pkt(pkt, 1, 1, req, sizeof req));
    assert_int_equal(L.a.sent_by_proto_code[2][3], 1);      /* AuthNak */
}

static void unexpected_ack_is_ignored(void **state)
{
    (void)state;
    uint8_t pkt[64];
    static const uint8_t msg[] = { 2, 'o', 'k' };
    L.a.s.auth.require_pap = false;
    h_connect(&L, 3000);
    engine_input(L.a.e, L.now, PPP_PROTO_PAP, pkt, h_pkt(pkt, 2, 1, msg, sizeof msg));
    assert_int_equal(engine_counters(L.a.e)->rx_unexpected, 1);
    assert_null(h_find_event(&L.a, ENGINE_EV_AUTH_SELF_OK));
}

static void pap_before_lcp_open_is_dropped(void **state)
{
    (void)state;
    uint8_t pkt[64];
    static const uint8_t req[] = { 3, 'j', 'o', 'e', 6, 's', '3', 'c', 'r', 'e', 't' };
    h_start_engines(&L);
    engine_open(L.a.e, 0);
    engine_lower_up(L.a.e, 0);
    engine_input(L.a.e, 0, PPP_PROTO_PAP, pkt, h_pkt(pkt, 1, 1, req, sizeof req));
    assert_int_equal(engine_counters(L.a.e)->rx_not_open, 1);
}

static void secrets_address_is_given_to_peer(void **state)
{
    (void)state;
    struct engine_ip_params ip;
    L.a.s.ipcp.remote_addr = 0;
    L.a.pap_secrets = "joe * s3cret 192.0.2.77\n";
    h_connect(&L, 5000);
    assert_true(engine_get_ip(L.b.e, &ip));
    assert_int_equal(ip.local, h_ip(192, 0, 2, 77));
}

static void secrets_address_restricts_peer(void **state)
{
    (void)state;
    L.a.s.ipcp.remote_addr = 0;
    L.a.pap_secrets = "joe * s3cret 192.0.2.77\n";
    L.b.s.ipcp.local_addr = h_ip(192, 0, 2, 99);
    h_connect(&L, 30000);
    assert_true(h_logged("Peer is not authorized to use remote address 192.0.2.99"));
    assert_null(h_find_event(&L.a, ENGINE_EV_IP_UP));
}

static void secrets_without_addresses_allow_none(void **state)
{
    (void)state;
    L.a.pap_secrets = "joe * s3cret\n";
    h_connect(&L, 30000);
    assert_true(h_logged("Peer is not authorized to use remote address 192.0.2.2"));
    assert_null(h_find_event(&L.a, ENGINE_EV_IP_UP));
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, h_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(good_password),
        T(bad_password),
        T(unknown_user),
        T(secret_for_other_server_does_not_match),
        T(client_password_from_pap_secrets),
        T(client_without_password_is_rejected_then_refused),
        T(refuse_pap_makes_peer_refuse),
        T(null_login_lets_refusing_peer_in),
        T(login_with_fake_verifier),
        T(login_bad_password),
        T(login_still_needs_a_secrets_entry),
        T(login_and_nonempty_secret_both_must_match),
        T(login_secret_word_uses_verifier),
        T(empty_secret_accepts_any_password),
        T(seed_howto_server_options),
        T(lost_authreq_is_retransmitted),
        T(no_answer_to_authreqs),
        T(server_times_out_waiting),
        T(pap_settings_are_used),
        T(duplicate_request_after_ack_is_acked_again),
        T(malformed_pap_packets_are_dropped),
        T(nul_in_user_name_fails),
        T(unexpected_ack_is_ignored),
        T(pap_before_lcp_open_is_dropped),
        T(secrets_address_is_given_to_peer),
        T(secrets_address_restricts_peer),
        T(secrets_without_addresses_allow_none),
    };
    return cmocka_run_group_tests_name("pap", tests, NULL, NULL);
}
