/* cmocka tests for pppd-lite/engine: the public interface, phases, events,
 * exit statuses, deadlines, counters, debug logging, and random garbage fed
 * to every protocol in every phase. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "pppd-lite/sys/pam_verify.h"
#include "tests/unit/engine_harness.h"

static void nop_send(void *c, uint16_t p, const uint8_t *d, size_t n) { (void)c; (void)p; (void)d; (void)n; }
static void nop_event(void *c, const struct engine_event *ev) { (void)c; (void)ev; }
static void nop_random(void *c, void *b, size_t n) { (void)c; memset(b, 7, n); }

static void init_checks_its_arguments(void **state)
{
    (void)state;
    struct engine_settings s;
    struct engine_env env = { .send = nop_send, .event = nop_event, .random = nop_random };
    size_t n = engine_storage_size();
    unsigned char *mem = aligned_alloc(64, ENGINE_STORAGE_MAX + 64);

    assert_true(n <= ENGINE_STORAGE_MAX);
    engine_settings_init(&s);
    assert_null(engine_init(NULL, n, &s, &env));
    assert_null(engine_init(mem, n - 1, &s, &env));
    assert_null(engine_init(mem + 1, n, &s, &env));
    assert_null(engine_init(mem, n, NULL, &env));
    assert_null(engine_init(mem, n, &s, NULL));
    env.send = NULL;
    assert_null(engine_init(mem, n, &s, &env));
    env.send = nop_send;
    env.event = NULL;
    assert_null(engine_init(mem, n, &s, &env));
    env.event = nop_event;
    env.random = NULL;
    assert_null(engine_init(mem, n, &s, &env));
    env.random = nop_random;
    struct engine *e = engine_init(mem, ENGINE_STORAGE_MAX, &s, &env);
    assert_non_null(e);
    assert_int_equal(engine_phase(e), ENGINE_PHASE_DEAD);
    assert_int_equal(engine_next_deadline(e), UINT64_MAX);
    assert_false(engine_ip_ready(e));
    assert_int_equal(engine_exit_status(e), ENGINE_EXIT_NEGOTIATION_FAILED);
    free(mem);
}

static void settings_defaults_are_pppds(void **state)
{
    (void)state;
    struct engine_settings s;
    memset(&s, 0xa5, sizeof s);
    engine_settings_init(&s);
    assert_int_equal(s.lcp.mru, 1500);
    assert_true(s.lcp.neg_mru && s.lcp.neg_asyncmap && s.lcp.neg_magic);
    assert_true(s.lcp.neg_pfc && s.lcp.neg_acfc);
    assert_int_equal(s.lcp.asyncmap, 0);
    assert_int_equal(s.lcp.fsm.restart_ms, 3000);
    assert_int_equal(s.lcp.fsm.max_configure, 10);
    assert_int_equal(s.lcp.fsm.max_terminate, 2);
    assert_int_equal(s.lcp.fsm.max_failure, 5);
    assert_int_equal(s.ipcp.fsm.restart_ms, 3000);
    assert_false(s.auth.auth);
    assert_int_equal(s.auth.pap_max_authreq, 10);
    assert_int_equal(s.auth.pap_timeout_ms, 30000);
    assert_int_equal(s.auth.chap_max_challenge, 10);
    assert_int_equal(s.auth.chap_interval_ms, 0);
    assert_int_equal(s.lcp.echo_interval_ms, 0);
    assert_int_equal(s.lcp.listen_time_ms, 0);               /* no connect-delay by default */
    assert_false(s.debug);
    assert_string_equal(s.auth.name, "");
}

/* connect-delay's listen time is an ordinary engine deadline: a daemon that
 * polls until engine_next_deadline and calls engine_timeout (early calls
 * included) sends its first Configure-Request exactly then. */
static void listen_time_is_a_deadline(void **state)
{
    (void)state;
    L.a.s.lcp.listen_time_ms = 700;
    L.a.s.lcp.echo_interval_ms = 100;
    h_start_engines(&L);
    uint64_t t0 = L.now;
    engine_open(L.a.e, t0);
    engine_lower_up(L.a.e, t0);
    assert_int_equal(engine_next_deadline(L.a.e), t0 + 700);
    engine_timeout(L.a.e, t0 + 1);
    engine_timeout(L.a.e, t0 + 699);
    assert_int_equal(engine_counters(L.a.e)->tx_packets, 0);
    assert_int_equal(engine_next_deadline(L.a.e), t0 + 700);
    engine_timeout(L.a.e, t0 + 700);
    assert_int_equal(engine_counters(L.a.e)->tx_packets, 1);
    assert_int_equal(engine_next_deadline(L.a.e), t0 + 700 + 3000);
    engine_timeout(L.a.e, t0 + 701);
    assert_int_equal(engine_counters(L.a.e)->tx_packets, 1);
}

static void phases_in_order(void **state)
{
    (void)state;
    static const enum engine_phase want[] = {
        ENGINE_PHASE_ESTABLISH, ENGINE_PHASE_AUTHENTICATE, ENGINE_PHASE_NETWORK,
        ENGINE_PHASE_TERMINATE, ENGINE_PHASE_DEAD,
    };
    enum engine_phase got[8];
    unsigned n = 0;
    h_connect(&L, 5000);
    engine_close(L.a.e, L.now, ENGINE_EXIT_USER_REQUEST, "User request");
    h_run_for(&L, 100);
    for (unsigned i = 0; i < L.a.nev && n < 8; i++)
        if (L.a.ev[i].type == ENGINE_EV_PHASE)
            got[n++] = L.a.ev[i].phase;
    assert_int_equal(n, 5);
    assert_memory_equal(got, want, sizeof want);
    assert_string_equal(engine_phase_name(ENGINE_PHASE_AUTHENTICATE), "Authenticate");
    assert_string_equal(engine_phase_name((enum engine_phase)42), "?");
}

static void events_in_order(void **state)
{
    (void)state;
    static const enum engine_event_type want[] = {
        ENGINE_EV_LINK_UP, ENGINE_EV_IP_UP, ENGINE_EV_IP_DOWN, ENGINE_EV_LINK_DOWN, ENGINE_EV_DEAD,
    };
    enum engine_event_type got[8];
    unsigned n = 0;
    h_connect(&L, 5000);
    engine_close(L.a.e, L.now, ENGINE_EXIT_USER_REQUEST, "User request");
    h_run_for(&L, 100);
    for (unsigned i = 0; i < L.a.nev && n < 8; i++)
        if (L.a.ev[i].type != ENGINE_EV_PHASE)
            got[n++] = L.a.ev[i].type;
    assert_int_equal(n, 5);
    assert_memory_equal(got, want, sizeof want);
    const struct engine_event *down = h_find_event(&L.a, ENGINE_EV_LINK_DOWN);
    assert_int_equal(down->link.tx_accm, 0xffffffffu);
    assert_false(down->link.tx_pfc);
    const struct engine_event *dead = h_find_event(&L.a, ENGINE_EV_DEAD);
    assert_string_equal(dead->dead.reason, "User request");
    assert_int_equal(dead->phase, ENGINE_PHASE_DEAD);
}

static void status_before_and_after_ip(void **state)
{
    (void)state;
    L.b.filter = NULL;
    h_start_engines(&L);
    engine_open(L.a.e, L.now);
    engine_lower_up(L.a.e, L.now);
    assert_int_equal(engine_exit_status(L.a.e), ENGINE_EXIT_NEGOTIATION_FAILED);
    engine_open(L.b.e, L.now);
    engine_lower_up(L.b.e, L.now);
    h_run_for(&L, 5000);
    assert_int_equal(engine_exit_status(L.a.e), ENGINE_EXIT_OK);
    engine_close(L.b.e, L.now, -1, "keep status");
    h_run_for(&L, 10000);
    assert_int_equal(h_dead_status(&L.b), ENGINE_EXIT_OK);
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_OK);
}

static void peer_terminate_before_ip_is_negotiation_failure(void **state)
{
    (void)state;
    L.a.s.auth.require_pap = true;
    L.a.pap_secrets = "bravo * pw *\n";
    L.b.mute = true;
    h_connect(&L, 10);
    L.b.mute = false;
    h_run_for(&L, 15000);
    /* bravo has no password: alpha ends the link; bravo's status is 10. */
    assert_int_equal(h_dead_status(&L.b), ENGINE_EXIT_NEGOTIATION_FAILED);
}

static void sigterm_during_auth(void **state)
{
    (void)state;
    L.a.s.auth.require_pap = true;
    L.a.pap_secrets = "bravo * pw *\n";
    snprintf(L.b.s.auth.password, sizeof L.b.s.auth.password, "pw");
    L.b.s.auth.have_password = true;
    L.b.mute = true;
    h_start_engines(&L);
    engine_open(L.a.e, L.now);
    engine_lower_up(L.a.e, L.now);
    engine_close(L.a.e, L.now, ENGINE_EXIT_USER_REQUEST, "User request");
    h_run_for(&L, 20000);
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_USER_REQUEST);
    assert_int_equal(L.a.sent_by_proto_code[0][5], 2);
}

static void close_before_lower_up_is_silent(void **state)
{
    (void)state;
    h_start_engines(&L);
    engine_open(L.a.e, L.now);
    engine_close(L.a.e, L.now, ENGINE_EXIT_USER_REQUEST, "x");
    assert_int_equal(engine_phase(L.a.e), ENGINE_PHASE_DEAD);
    assert_int_equal(L.a.nev, 0);
    assert_int_equal(engine_counters(L.a.e)->tx_packets, 0);
}

static void input_while_dead_is_dropped(void **state)
{
    (void)state;
    uint8_t pkt[16];
    h_start_engines(&L);
    engine_input(L.a.e, 0, PPP_PROTO_LCP, pkt, h_pkt(pkt, 1, 1, NULL, 0));
    assert_int_equal(engine_counters(L.a.e)->rx_not_open, 1);
    assert_int_equal(engine_counters(L.a.e)->rx_packets, 1);
    assert_int_equal(engine_counters(L.a.e)->tx_packets, 0);
}

static void non_lcp_before_open_is_dropped(void **state)
{
    (void)state;
    uint8_t pkt[16];
    h_start_engines(&L);
    L.a.to = NULL;
    engine_open(L.a.e, 0);
    engine_lower_up(L.a.e, 0);
    engine_input(L.a.e, 0, PPP_PROTO_IPCP, pkt, h_pkt(pkt, 1, 1, NULL, 0));
    engine_input(L.a.e, 0, PPP_PROTO_CCP, pkt, h_pkt(pkt, 1, 1, NULL, 0));
    engine_input(L.a.e, 0, PPP_PROTO_IP, pkt, 4);
    assert_int_equal(engine_counters(L.a.e)->rx_not_open, 3);
    assert_int_equal(engine_counters(L.a.e)->rx_protocol_rejected, 0);
}

static void deadline_tracks_restart_timer(void **state)
{
    (void)state;
    h_start_engines(&L);
    L.a.to = NULL;
    engine_open(L.a.e, 5000);
    assert_int_equal(engine_next_deadline(L.a.e), UINT64_MAX);
    engine_lower_up(L.a.e, 5000);
    assert_int_equal(engine_next_deadline(L.a.e), 8000);
    engine_timeout(L.a.e, 7999);
    assert_int_equal(engine_counters(L.a.e)->tx_packets, 1);
    engine_timeout(L.a.e, 8000);
    assert_int_equal(engine_counters(L.a.e)->tx_packets, 2);
    assert_int_equal(engine_next_deadline(L.a.e), 11000);
}

static void debug_switch_controls_packet_log(void **state)
{
    (void)state;
    L.a.s.debug = false;
    L.b.s.debug = false;
    h_connect(&L, 5000);
    assert_false(h_logged("sent ["));
    assert_true(h_logged("local  IP address"));
    engine_set_debug(L.a.e, true);
    uint8_t pkt[16];
    engine_input(L.a.e, L.now, PPP_PROTO_LCP, pkt, h_pkt(pkt, 11, 1, (const uint8_t *)"\0\0\0\0", 4));
    assert_true(h_logged("rcvd [LCP DiscReq id=0x1 magic=0x0]"));
}

static void counters_add_up(void **state)
{
    (void)state;
    h_connect(&L, 5000);
    const struct engine_counters *ca = engine_counters(L.a.e), *cb = engine_counters(L.b.e);
    assert_int_equal(ca->tx_packets, cb->rx_packets);
    assert_int_equal(cb->tx_packets, ca->rx_packets);
    assert_int_equal(ca->rx_malformed, 0);
}

static void redial_without_lower_down(void **state)
{
    (void)state;
    h_connect(&L, 5000);
    engine_close(L.a.e, L.now, ENGINE_EXIT_USER_REQUEST, "bye");
    h_run_for(&L, 10000);
    assert_int_equal(engine_phase(L.a.e), ENGINE_PHASE_DEAD);
    assert_int_equal(engine_phase(L.b.e), ENGINE_PHASE_DEAD);
    engine_open(L.a.e, L.now);
    engine_open(L.b.e, L.now);
    engine_lower_up(L.a.e, L.now);
    engine_lower_up(L.b.e, L.now);
    h_run_for(&L, 5000);
    assert_true(engine_ip_ready(L.a.e));
    assert_true(engine_ip_ready(L.b.e));
    assert_int_equal(engine_exit_status(L.a.e), ENGINE_EXIT_OK);
}

static void link_params_default_when_down(void **state)
{
    (void)state;
    struct engine_link_params lp;
    struct engine_ip_params ip;
    h_start_engines(&L);
    assert_false(engine_get_link(L.a.e, &lp));
    assert_int_equal(lp.tx_accm, 0xffffffffu);
    assert_int_equal(lp.rx_mru, 1500);
    assert_false(engine_get_ip(L.a.e, &ip));
    assert_int_equal(ip.local, 0);
    assert_string_equal(engine_peer_name(L.a.e), "");
}

static void long_session_with_echoes(void **state)
{
    (void)state;
    L.a.s.lcp.echo_interval_ms = 30000;
    L.a.s.lcp.echo_failure = 4;
    L.b.s.lcp.echo_interval_ms = 30000;
    L.b.s.lcp.echo_failure = 4;
    h_connect(&L, 5000);
    h_run_for(&L, 3600u * 1000u);
    assert_true(engine_ip_ready(L.a.e));
    assert_true(engine_ip_ready(L.b.e));
    assert_int_equal(engine_counters(L.a.e)->echo_requests_sent, 120);
    assert_true(engine_next_deadline(L.a.e) > L.now);
}

/* Random garbage into every protocol, in every phase: nothing may crash,
 * and the engine must keep answering sensibly. */
static uint32_t fz = 1;
static uint32_t fz_next(void)
{
    fz ^= fz << 13;
    fz ^= fz >> 17;
    fz ^= fz << 5;
    return fz;
}

static void garbage_in_every_phase(void **state)
{
    (void)state;
    static const uint16_t protos[] = { PPP_PROTO_LCP, PPP_PROTO_IPCP, PPP_PROTO_PAP,
                                       PPP_PROTO_CHAP, PPP_PROTO_IP, PPP_PROTO_CCP, 0x1234 };
    L.a.s.auth.require_chap = true;
    L.a.chap_secrets = "bravo alpha s3cret *\n";
    L.b.chap_secrets = "bravo alpha s3cret\n";
    L.a.s.lcp.listen_time_ms = 300;     /* garbage during a connect-delay too */
    h_start_engines(&L);
    log_set_debug(false);
    for (int round = 0; round < 6; round++) {
        engine_open(L.a.e, L.now);
        engine_open(L.b.e, L.now);
        engine_lower_up(L.a.e, L.now);
        engine_lower_up(L.b.e, L.now);
        for (int step = 0; step < 400; step++) {
            uint8_t pkt[64];
            size_t n = fz_next() % sizeof pkt;
            for (size_t i = 0; i < n; i++)
                pkt[i] = (uint8_t)fz_next();
            if (n >= 4 && fz_next() % 2) {     /* mostly honest lengths */
                pkt[2] = 0;
                pkt[3] = (uint8_t)n;
                pkt[0] = (uint8_t)(1 + fz_next() % 12);
            }
            engine_input(L.a.e, L.now, protos[fz_next() % 7], pkt, n);
            h_run_for(&L, fz_next() % 700);
        }
        engine_lower_down(L.a.e, L.now);
        engine_lower_down(L.b.e, L.now);
        h_run_for(&L, 100);
    }
    log_set_debug(true);
    /* After all that, a clean link still comes up. */
    engine_open(L.a.e, L.now);
    engine_open(L.b.e, L.now);
    engine_lower_up(L.a.e, L.now);
    engine_lower_up(L.b.e, L.now);
    h_run_for(&L, 5000);
    assert_true(engine_ip_ready(L.a.e));
    assert_true(engine_counters(L.a.e)->rx_malformed > 0);
}

static void default_framing_rule(void **state)
{
    (void)state;
    static const uint8_t confreq[] = { 1, 1, 0, 4 }, coderej[] = { 7, 1, 0, 4 };
    static const uint8_t echo[] = { 9, 1, 0, 8, 0, 0, 0, 0 };
    assert_true(engine_frame_uses_defaults(PPP_PROTO_LCP, confreq, 4));
    assert_true(engine_frame_uses_defaults(PPP_PROTO_LCP, coderej, 4));
    assert_false(engine_frame_uses_defaults(PPP_PROTO_LCP, echo, 8));
    assert_false(engine_frame_uses_defaults(PPP_PROTO_IPCP, confreq, 4));
    assert_false(engine_frame_uses_defaults(PPP_PROTO_LCP, confreq, 0));
}

static void pam_refuses_unknown_user(void **state)
{
    (void)state;
    assert_int_equal(pam_verify_login(NULL, "no-such-user-pppd-lite", "x"), 0);
}

static void lcp_renegotiation_brings_everything_up_again(void **state)
{
    (void)state;
    uint8_t pkt[64];
    static const uint8_t opts[] = { 2, 6, 0, 0, 0, 0, 5, 6, 0x11, 0x22, 0x33, 0x44 };
    h_connect(&L, 5000);
    engine_input(L.a.e, L.now, PPP_PROTO_LCP, pkt, h_pkt(pkt, 1, 0x77, opts, sizeof opts));
    assert_false(engine_ip_ready(L.a.e));
    assert_int_equal(engine_phase(L.a.e), ENGINE_PHASE_ESTABLISH);
    assert_int_equal(h_count_events(&L.a, ENGINE_EV_LINK_DOWN), 1);
    h_run_for(&L, 10000);
    assert_true(engine_ip_ready(L.a.e));
    assert_true(engine_ip_ready(L.b.e));
    assert_int_equal(h_count_events(&L.a, ENGINE_EV_LINK_UP), 2);
    assert_int_equal(h_count_events(&L.a, ENGINE_EV_IP_UP), 2);
}

#define T(f) cmocka_unit_test_setup_teardown(f, h_setup, h_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(init_checks_its_arguments),
        T(settings_defaults_are_pppds),
        T(phases_in_order),
        T(events_in_order),
        T(status_before_and_after_ip),
        T(peer_terminate_before_ip_is_negotiation_failure),
        T(sigterm_during_auth),
        T(close_before_lower_up_is_silent),
        T(input_while_dead_is_dropped),
        T(non_lcp_before_open_is_dropped),
        T(deadline_tracks_restart_timer),
        T(listen_time_is_a_deadline),
        T(debug_switch_controls_packet_log),
        T(counters_add_up),
        T(redial_without_lower_down),
        T(link_params_default_when_down),
        T(long_session_with_echoes),
        T(garbage_in_every_phase),
        T(default_framing_rule),
        T(pam_refuses_unknown_user),
        T(lcp_renegotiation_brings_everything_up_again),
    };
    return cmocka_run_group_tests_name("engine", tests, NULL, NULL);
}
