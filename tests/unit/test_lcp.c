/* cmocka tests for pppd-lite LCP: options, loopback, echoes, terminate,
 * timeouts, retransmission, Nak/Reject convergence, malformed packets,
 * Protocol-Reject, and the pppd-format packet log. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/engine_harness.h"
#include "pppd-lite/proto/hints.h"

static void up_with_defaults(void **state)
{
    (void)state;
    struct engine_link_params lp;
    h_connect(&L, 5000);
    assert_int_equal(engine_phase(L.a.e), ENGINE_PHASE_NETWORK);
    assert_true(engine_get_link(L.a.e, &lp));
    assert_int_equal(lp.tx_accm, 0);
    assert_int_equal(lp.rx_accm, 0);
    assert_true(lp.tx_pfc && lp.tx_acfc && lp.rx_pfc && lp.rx_acfc);
    assert_int_equal(lp.tx_mru, 1500);
    assert_int_equal(lp.rx_mru, 1500);
    const struct engine_event *ev = h_find_event(&L.a, ENGINE_EV_LINK_UP);
    assert_non_null(ev);
    assert_int_equal(ev->link.tx_accm, 0);
    assert_true(h_logged("sent [LCP ConfReq id=0x1 <asyncmap 0x0> <magic 0x"));
    assert_true(h_logged("<pcomp> <accomp>]"));
}

static void mru_is_negotiated_per_direction(void **state)
{
    (void)state;
    struct engine_link_params la, lb;
    L.a.s.lcp.mru = 296;
    L.b.s.lcp.mtu = 1000;
    h_connect(&L, 5000);
    assert_true(engine_get_link(L.a.e, &la));
    assert_true(engine_get_link(L.b.e, &lb));
    assert_int_equal(la.rx_mru, 296);
    assert_int_equal(lb.tx_mru, 296);
    assert_int_equal(la.tx_mru, 1500);
    assert_int_equal(lb.rx_mru, 1500);
    assert_true(h_logged("<mru 296>"));
}

static void mtu_caps_what_we_send(void **state)
{
    (void)state;
    struct engine_link_params lb;
    L.b.s.lcp.mtu = 576;
    h_connect(&L, 5000);
    assert_true(engine_get_link(L.b.e, &lb));
    assert_int_equal(lb.tx_mru, 576);
}

static void tiny_mru_is_naked_up_to_128(void **state)
{
    (void)state;
    uint8_t pkt[64];
    static const uint8_t opts[] = { 1, 4, 0, 64 };
    h_start_engines(&L);
    L.b.to = NULL;                      /* b only answers into the void */
    engine_open(L.a.e, 0);
    engine_lower_up(L.a.e, 0);
    engine_input(L.a.e, 0, PPP_PROTO_LCP, pkt, h_pkt(pkt, 1, 7, opts, sizeof opts));
    assert_int_equal(L.a.last_sent.data[0], 3);           /* ConfNak */
    assert_int_equal(L.a.last_sent.data[1], 7);
    static const uint8_t want[] = { 1, 4, 0, 128 };
    assert_memory_equal(L.a.last_sent.data + 4, want, 4);
}

static void default_asyncmap_means_escape_everything(void **state)
{
    (void)state;
    struct engine_link_params la, lb;
    L.a.s.lcp.neg_asyncmap = false;
    h_connect(&L, 5000);
    assert_true(engine_get_link(L.a.e, &la));
    assert_true(engine_get_link(L.b.e, &lb));
    assert_int_equal(la.rx_accm, 0xffffffffu);
    assert_int_equal(lb.tx_accm, 0xffffffffu);
    assert_int_equal(la.tx_accm, 0);
}

static void asyncmap_reaches_the_peer(void **state)
{
    (void)state;
    struct engine_link_params lb;
    L.a.s.lcp.asyncmap = 0x000a0000;
    h_connect(&L, 5000);
    assert_true(engine_get_link(L.b.e, &lb));
    assert_int_equal(lb.tx_accm, 0x000a0000);
    assert_true(h_logged("<asyncmap 0xa0000>"));
}

static void nopcomp_noaccomp_reject_compression(void **state)
{
    (void)state;
    struct engine_link_params la, lb;
    L.a.s.lcp.neg_pfc = false;
    L.a.s.lcp.neg_acfc = false;
    h_connect(&L, 5000);
    assert_true(engine_get_link(L.a.e, &la));
    assert_true(engine_get_link(L.b.e, &lb));
    assert_false(la.tx_pfc || la.rx_pfc || la.tx_acfc || la.rx_acfc);
    assert_false(lb.tx_pfc || lb.rx_pfc || lb.tx_acfc || lb.rx_acfc);
    assert_true(h_logged("sent [LCP ConfRej id=0x1 <pcomp> <accomp>]"));
}

static void nomagic_sends_no_magic(void **state)
{
    (void)state;
    L.a.s.lcp.neg_magic = false;
    h_connect(&L, 5000);
    assert_true(engine_ip_ready(L.a.e));
    assert_true(h_logged("sent [LCP ConfReq id=0x1 <asyncmap 0x0> <pcomp> <accomp>]"));
}

/* A remote login in cooked mode echoes our frames but eats DEL (0x7f) as
 * erase: a frame with that byte never comes back. Whatever the random
 * numbers, the loop must still be recognised. */
static bool erase_del(struct h_peer *from, uint16_t proto, uint8_t *d, size_t *len)
{
    (void)from;
    (void)proto;
    return memchr(d, 0x7f, *len) == NULL;
}

static void looped_login_that_eats_del_is_detected_for_any_magic(void **state)
{
    (void)state;
    for (uint32_t seed = 1; seed <= 64; seed++) {
        h_link_free(&L);
        h_link_init(&L);
        L.a.rng = seed * 0x9e3779b9u;
        L.a.to = &L.a;
        L.a.filter = erase_del;
        h_start_engines(&L);
        engine_open(L.a.e, L.now);
        engine_lower_up(L.a.e, L.now);
        h_run_for(&L, 60000);
        if (h_dead_status(&L.a) != ENGINE_EXIT_LOOPBACK)
            fail_msg("seed %u: no loopback detected", (unsigned)seed);
    }
}

static void looped_line_is_detected(void **state)
{
    (void)state;
    L.a.to = &L.a;                      /* everything we send comes back */
    h_start_engines(&L);
    engine_open(L.a.e, L.now);
    engine_lower_up(L.a.e, L.now);
    h_run_for(&L, 60000);
    assert_true(h_logged("Serial line is looped back."));
    assert_true(h_logged("Hint: the peer echoes what we send"));
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_LOOPBACK);
    assert_int_equal(engine_phase(L.a.e), ENGINE_PHASE_DEAD);
    assert_int_equal(engine_exit_status(L.a.e), 17);
}

static void echo_failure_declares_link_dead(void **state)
{
    (void)state;
    L.a.s.lcp.echo_interval_ms = 1000;
    L.a.s.lcp.echo_failure = 3;
    h_connect(&L, 3000);
    assert_true(engine_ip_ready(L.a.e));
    uint64_t before = engine_counters(L.a.e)->echo_requests_sent;
    L.b.mute = true;
    h_run_for(&L, 20000);
    assert_true(h_logged("No response to 3 echo-requests"));
    assert_true(h_logged("Serial link appears to be disconnected."));
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_PEER_DEAD);
    assert_int_equal(engine_counters(L.a.e)->echo_requests_sent - before, 3);
}

static void echo_replies_keep_link_up(void **state)
{
    (void)state;
    L.a.s.lcp.echo_interval_ms = 1000;
    L.a.s.lcp.echo_failure = 2;
    h_connect(&L, 3000);
    h_run_for(&L, 30000);
    assert_true(engine_ip_ready(L.a.e));
    assert_true(engine_counters(L.a.e)->echo_requests_sent >= 25);
    assert_int_equal(engine_counters(L.a.e)->echo_replies_rcvd,
                     engine_counters(L.a.e)->echo_requests_sent);
    assert_true(h_logged("sent [LCP EchoReq id="));
    assert_true(h_logged("sent [LCP EchoRep id="));
}

static void echo_reply_carries_our_magic_and_data(void **state)
{
    (void)state;
    uint8_t pkt[64];
    static const uint8_t data[] = { 0xde, 0xad, 0xbe, 0xef, 'h', 'i' };
    h_connect(&L, 3000);
    engine_input(L.a.e, L.now, PPP_PROTO_LCP, pkt, h_pkt(pkt, 9, 0x44, data, sizeof data));
    assert_int_equal(L.a.last_sent.data[0], 10);
    assert_int_equal(L.a.last_sent.data[1], 0x44);
    assert_int_equal(L.a.last_sent.len, 10);
    assert_memory_equal(L.a.last_sent.data + 8, "hi", 2);
    assert_memory_not_equal(L.a.last_sent.data + 4, data, 4);
    /* A short Echo-Request is malformed. */
    uint64_t m = engine_counters(L.a.e)->rx_malformed;
    engine_input(L.a.e, L.now, PPP_PROTO_LCP, pkt, h_pkt(pkt, 9, 0x45, data, 2));
    assert_int_equal(engine_counters(L.a.e)->rx_malformed, m + 1);
}

static void own_echo_reply_is_ignored(void **state)
{
    (void)state;
    uint8_t pkt[64];
    h_connect(&L, 3000);
    /* Make a's echo reply come back to it as if from the peer. */
    uint8_t req[] = { 1, 2, 3, 4 };
    engine_input(L.a.e, L.now, PPP_PROTO_LCP, pkt, h_pkt(pkt, 9, 1, req, 4));
    memcpy(pkt, L.a.last_sent.data, L.a.last_sent.len);
    engine_input(L.a.e, L.now, PPP_PROTO_LCP, pkt, L.a.last_sent.len);
    assert_true(h_logged("appear to have received our own echo-reply!"));
}

static void unknown_option_is_rejected(void **state)
{
    (void)state;
    uint8_t pkt[64];
    static const uint8_t opts[] = { 2, 6, 0, 0, 0, 0, 13, 3, 6, 4, 4, 0, 1 };
    h_start_engines(&L);
    L.a.to = NULL;
    engine_open(L.a.e, 0);
    engine_lower_up(L.a.e, 0);
    engine_input(L.a.e, 0, PPP_PROTO_LCP, pkt, h_pkt(pkt, 1, 9, opts, sizeof opts));
    assert_int_equal(L.a.last_sent.data[0], 4);           /* ConfRej */
    assert_int_equal(L.a.last_sent.len, 4 + 7);
    static const uint8_t want[] = { 13, 3, 6, 4, 4, 0, 1 };
    assert_memory_equal(L.a.last_sent.data + 4, want, sizeof want);
}

/* Answer of a (set up with auth secrets as given) to a ConfReq with opts. */
static void auth_answer(const uint8_t *opts, size_t n, uint8_t *code, uint8_t *reply, size_t *rlen)
{
    uint8_t pkt[64];
    h_start_engines(&L);
    L.a.to = NULL;
    engine_open(L.a.e, 0);
    engine_lower_up(L.a.e, 0);
    engine_input(L.a.e, 0, PPP_PROTO_LCP, pkt, h_pkt(pkt, 1, 3, opts, n));
    *code = L.a.last_sent.data[0];
    *rlen = L.a.last_sent.len - 4;
    memcpy(reply, L.a.last_sent.data + 4, *rlen);
}

static void chap_other_algorithm_is_naked_to_md5(void **state)
{
    (void)state;
    uint8_t code, reply[64];
    size_t n;
    static const uint8_t mschap2[] = { 3, 5, 0xc2, 0x23, 0x81 };
    L.a.s.auth.have_password = true;
    L.a.s.auth.refuse_mschap = true;
    L.a.s.auth.refuse_mschap_v2 = true;
    auth_answer(mschap2, sizeof mschap2, &code, reply, &n);
    assert_int_equal(code, 3);
    static const uint8_t md5[] = { 3, 5, 0xc2, 0x23, 5 };
    assert_int_equal(n, 5);
    assert_memory_equal(reply, md5, 5);
}

/* pppd: a client accepts every CHAP algorithm it does not refuse, and
 * suggests its best one (MS-CHAPv2, MS-CHAP, MD5) for one it cannot do. */
static void chap_ms_algorithms_are_acked_unless_refused(void **state)
{
    (void)state;
    uint8_t code, reply[64];
    size_t n;
    static const uint8_t mschap2[] = { 3, 5, 0xc2, 0x23, 0x81 };
    static const uint8_t mschap1[] = { 3, 5, 0xc2, 0x23, 0x80 };
    static const uint8_t unknown[] = { 3, 5, 0xc2, 0x23, 0x82 };
    L.a.s.auth.have_password = true;
    auth_answer(mschap2, sizeof mschap2, &code, reply, &n);
    assert_int_equal(code, 2);
    auth_answer(mschap1, sizeof mschap1, &code, reply, &n);
    assert_int_equal(code, 2);
    auth_answer(unknown, sizeof unknown, &code, reply, &n);
    assert_int_equal(code, 3);
    assert_int_equal(n, 5);
    assert_memory_equal(reply, mschap2, 5);
    L.a.s.auth.refuse_mschap_v2 = true;
    auth_answer(mschap2, sizeof mschap2, &code, reply, &n);
    assert_int_equal(code, 3);
    assert_memory_equal(reply, mschap1, 5);
}

static void chap_md5_is_acked(void **state)
{
    (void)state;
    uint8_t code, reply[64];
    size_t n;
    static const uint8_t md5[] = { 3, 5, 0xc2, 0x23, 5 };
    L.a.s.auth.have_password = true;
    auth_answer(md5, sizeof md5, &code, reply, &n);
    assert_int_equal(code, 2);
}

static void refused_pap_is_naked_to_chap(void **state)
{
    (void)state;
    uint8_t code, reply[64];
    size_t n;
    static const uint8_t pap[] = { 3, 4, 0xc0, 0x23 };
    L.a.s.auth.have_password = true;
    L.a.s.auth.refuse_pap = true;
    auth_answer(pap, sizeof pap, &code, reply, &n);
    assert_int_equal(code, 3);
    assert_int_equal(reply[2], 0xc2);
}

static void auth_without_any_secret_is_rejected(void **state)
{
    (void)state;
    uint8_t code, reply[64];
    size_t n;
    static const uint8_t pap[] = { 3, 4, 0xc0, 0x23 };
    auth_answer(pap, sizeof pap, &code, reply, &n);
    assert_int_equal(code, 4);
    assert_memory_equal(reply, pap, 4);
}

static void second_auth_option_is_rejected(void **state)
{
    (void)state;
    uint8_t code, reply[64];
    size_t n;
    static const uint8_t two[] = { 3, 4, 0xc0, 0x23, 3, 5, 0xc2, 0x23, 5 };
    L.a.s.auth.have_password = true;
    auth_answer(two, sizeof two, &code, reply, &n);
    assert_int_equal(code, 4);
    assert_int_equal(n, 5);
    assert_int_equal(reply[2], 0xc2);
}

static void wrong_length_known_option_is_rejected(void **state)
{
    (void)state;
    uint8_t code, reply[64];
    size_t n;
    static const uint8_t bad_mru[] = { 1, 3, 0x05 };
    auth_answer(bad_mru, sizeof bad_mru, &code, reply, &n);
    assert_int_equal(code, 4);
    assert_int_equal(n, 3);
}

static void malformed_option_lengths_drop_the_packet(void **state)
{
    (void)state;
    uint8_t pkt[64];
    static const uint8_t len0[] = { 2, 0, 0, 0 };
    static const uint8_t len1[] = { 5, 1, 0, 0 };
    static const uint8_t over[] = { 2, 6, 0, 0, 0, 0, 5, 9, 1, 2 };
    static const uint8_t half[] = { 7 };
    h_start_engines(&L);
    L.a.to = NULL;
    engine_open(L.a.e, 0);
    engine_lower_up(L.a.e, 0);
    uint64_t sent = engine_counters(L.a.e)->tx_packets;
    engine_input(L.a.e, 0, PPP_PROTO_LCP, pkt, h_pkt(pkt, 1, 1, len0, sizeof len0));
    engine_input(L.a.e, 0, PPP_PROTO_LCP, pkt, h_pkt(pkt, 1, 2, len1, sizeof len1));
    engine_input(L.a.e, 0, PPP_PROTO_LCP, pkt, h_pkt(pkt, 1, 3, over, sizeof over));
    engine_input(L.a.e, 0, PPP_PROTO_LCP, pkt, h_pkt(pkt, 1, 4, half, sizeof half));
    /* The same option lists in a Nak or Reject of our request. */
    uint8_t id = L.a.last_sent.data[1];
    engine_input(L.a.e, 0, PPP_PROTO_LCP, pkt, h_pkt(pkt, 3, id, over, sizeof over));
    engine_input(L.a.e, 0, PPP_PROTO_LCP, pkt, h_pkt(pkt, 4, id, len1, sizeof len1));
    assert_int_equal(engine_counters(L.a.e)->rx_malformed, 6);
    assert_int_equal(engine_counters(L.a.e)->tx_packets, sent);
}

static void short_and_lying_packets_are_dropped(void **state)
{
    (void)state;
    h_start_engines(&L);
    L.a.to = NULL;
    engine_open(L.a.e, 0);
    engine_lower_up(L.a.e, 0);
    uint64_t sent = engine_counters(L.a.e)->tx_packets;
    static const uint8_t p1[] = { 1 };
    static const uint8_t p2[] = { 1, 1, 0 };
    static const uint8_t p3[] = { 1, 1, 0, 40, 2, 6 };
    static const uint8_t p4[] = { 1, 1, 0, 2 };
    static const uint8_t p5[] = { 1, 1, 0xff, 0xff };
    engine_input(L.a.e, 0, PPP_PROTO_LCP, p1, sizeof p1);
    engine_input(L.a.e, 0, PPP_PROTO_LCP, p2, sizeof p2);
    engine_input(L.a.e, 0, PPP_PROTO_LCP, p3, sizeof p3);
    engine_input(L.a.e, 0, PPP_PROTO_LCP, p4, sizeof p4);
    engine_input(L.a.e, 0, PPP_PROTO_LCP, p5, sizeof p5);
    engine_input(L.a.e, 0, PPP_PROTO_LCP, NULL, 0);
    assert_int_equal(engine_counters(L.a.e)->rx_malformed, 6);
    assert_int_equal(engine_counters(L.a.e)->tx_packets, sent);
}

static void unknown_code_gets_code_reject(void **state)
{
    (void)state;
    uint8_t pkt[64];
    static const uint8_t d[] = { 1, 2, 3 };
    h_connect(&L, 3000);
    engine_input(L.a.e, L.now, PPP_PROTO_LCP, pkt, h_pkt(pkt, 0x30, 5, d, sizeof d));
    assert_int_equal(L.a.last_sent.data[0], 7);
    assert_int_equal(L.a.last_sent.len, 4 + 7);
    assert_memory_equal(L.a.last_sent.data + 4, pkt, 7);
    h_run_for(&L, 1000);
    assert_true(engine_ip_ready(L.a.e));
    assert_true(engine_ip_ready(L.b.e));   /* RXJ+ at the peer: nothing changes */
}

static void ccp_is_protocol_rejected(void **state)
{
    (void)state;
    uint8_t pkt[64];
    static const uint8_t d[] = { 0x1a, 4, 0x78, 0 };
    h_connect(&L, 3000);
    h_log_reset();
    engine_input(L.a.e, L.now, PPP_PROTO_CCP, pkt, h_pkt(pkt, 1, 1, d, sizeof d));
    assert_int_equal(L.a.last_sent.proto, PPP_PROTO_LCP);
    assert_int_equal(L.a.last_sent.data[0], 8);
    assert_int_equal(L.a.last_sent.data[4], 0x80);
    assert_int_equal(L.a.last_sent.data[5], 0xfd);
    assert_memory_equal(L.a.last_sent.data + 6, pkt, 8);
    assert_true(h_logged("Unsupported protocol 'Compression Control Protocol' (0x80fd) received"));
    assert_int_equal(engine_counters(L.a.e)->rx_protocol_rejected, 1);
    h_run_for(&L, 100);
    assert_true(h_logged("Protocol-Reject for unsupported protocol 'Compression Control Protocol' (0x80fd)"));
    assert_true(engine_ip_ready(L.b.e));
}

static void ipv6_data_is_protocol_rejected(void **state)
{
    (void)state;
    uint8_t d[40] = { 0x60 };
    h_connect(&L, 3000);
    engine_input(L.a.e, L.now, PPP_PROTO_IPV6, d, sizeof d);
    assert_int_equal(L.a.last_sent.data[0], 8);
    assert_int_equal(L.a.last_sent.data[4], 0x00);
    assert_int_equal(L.a.last_sent.data[5], 0x57);
}

static void protocol_reject_is_capped_by_peer_mru(void **state)
{
    (void)state;
    static uint8_t big[1400];
    L.b.s.lcp.mru = 200;
    h_connect(&L, 3000);
    engine_input(L.a.e, L.now, 0x4021, big, sizeof big);
    assert_int_equal(L.a.last_sent.data[0], 8);
    assert_int_equal(L.a.last_sent.len, 200);
}

static void protocol_reject_of_ipcp_ends_link(void **state)
{
    (void)state;
    uint8_t pkt[64];
    static const uint8_t d[] = { 0x80, 0x21, 1, 1, 0, 4 };
    h_connect(&L, 3000);
    engine_input(L.a.e, L.now, PPP_PROTO_LCP, pkt, h_pkt(pkt, 8, 0x70, d, sizeof d));
    h_run_for(&L, 10000);
    assert_int_equal(engine_phase(L.a.e), ENGINE_PHASE_DEAD);
    assert_true(h_logged("LCP terminated by peer (No network protocols running)"));
}

static void protocol_reject_of_lcp_is_catastrophic(void **state)
{
    (void)state;
    uint8_t pkt[64];
    static const uint8_t d[] = { 0xc0, 0x21, 1, 1, 0, 4 };
    h_connect(&L, 3000);
    engine_input(L.a.e, L.now, PPP_PROTO_LCP, pkt, h_pkt(pkt, 8, 0x70, d, sizeof d));
    assert_int_equal(L.a.last_sent.data[0], 5);             /* Terminate-Request */
    h_run_for(&L, 10000);
    assert_int_equal(engine_phase(L.a.e), ENGINE_PHASE_DEAD);
}

static void discard_request_is_ignored(void **state)
{
    (void)state;
    uint8_t pkt[64];
    static const uint8_t d[] = { 0, 0, 0, 0, 9, 9 };
    h_connect(&L, 3000);
    uint64_t sent = engine_counters(L.a.e)->tx_packets;
    engine_input(L.a.e, L.now, PPP_PROTO_LCP, pkt, h_pkt(pkt, 11, 1, d, sizeof d));
    assert_int_equal(engine_counters(L.a.e)->tx_packets, sent);
    assert_true(engine_ip_ready(L.a.e));
}

static void config_request_timeout(void **state)
{
    (void)state;
    L.b.mute = true;
    h_connect(&L, 60000);
    assert_true(h_logged("LCP: timeout sending Config-Requests"));
    assert_true(h_logged("Hint: no PPP answer from the peer"));
    assert_int_equal(L.a.sent_by_proto_code[0][1], 10);
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_NEGOTIATION_FAILED);
    assert_string_equal(h_find_event(&L.a, ENGINE_EV_DEAD)->dead.reason,
                        "LCP: timeout sending Config-Requests");
}

static void restart_and_max_configure_are_settable(void **state)
{
    (void)state;
    L.b.mute = true;
    L.a.s.lcp.fsm.max_configure = 4;
    L.a.s.lcp.fsm.restart_ms = 500;
    h_connect(&L, 60000);
    assert_int_equal(L.a.sent_by_proto_code[0][1], 4);
    const struct engine_event *ev = h_find_event(&L.a, ENGINE_EV_DEAD);
    assert_non_null(ev);
}

static void passive_waits_after_timeout(void **state)
{
    (void)state;
    L.a.s.lcp.passive = true;
    L.b.mute = true;
    h_connect(&L, 60000);
    assert_true(h_logged("LCP: timeout sending Config-Requests"));
    assert_int_equal(engine_phase(L.a.e), ENGINE_PHASE_ESTABLISH);
    assert_null(h_find_event(&L.a, ENGINE_EV_DEAD));
    L.b.mute = false;
    engine_close(L.b.e, L.now, 5, "x");
    engine_lower_down(L.b.e, L.now);
    engine_open(L.b.e, L.now);
    engine_lower_up(L.b.e, L.now);
    h_run_for(&L, 5000);
    assert_true(engine_ip_ready(L.a.e));
}

static void silent_sends_nothing_until_peer_speaks(void **state)
{
    (void)state;
    L.a.s.lcp.silent = true;
    h_start_engines(&L);
    engine_open(L.a.e, L.now);
    engine_lower_up(L.a.e, L.now);
    h_run_for(&L, 20000);
    assert_int_equal(engine_counters(L.a.e)->tx_packets, 0);
    engine_open(L.b.e, L.now);
    engine_lower_up(L.b.e, L.now);
    h_run_for(&L, 5000);
    assert_true(engine_ip_ready(L.a.e));
}

static void close_while_silent_ends_at_once(void **state)
{
    (void)state;
    L.a.s.lcp.silent = true;
    h_start_engines(&L);
    engine_open(L.a.e, L.now);
    engine_lower_up(L.a.e, L.now);
    engine_close(L.a.e, L.now, ENGINE_EXIT_USER_REQUEST, "User request");
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_USER_REQUEST);
    assert_int_equal(engine_counters(L.a.e)->tx_packets, 0);
}

/* connect-delay (pppd listen_time, DELAYED_UP): the Up event waits for the
 * peer's first LCP packet or the listen time; nothing is sent before. */
static void listen_time_sends_nothing_until_the_deadline(void **state)
{
    (void)state;
    L.a.s.lcp.listen_time_ms = 1000;
    h_start_engines(&L);
    uint64_t t0 = L.now;
    engine_open(L.a.e, t0);
    engine_lower_up(L.a.e, t0);
    assert_int_equal(engine_phase(L.a.e), ENGINE_PHASE_ESTABLISH);
    assert_int_equal(engine_next_deadline(L.a.e), t0 + 1000);
    h_run_until(&L, t0 + 999);
    assert_int_equal(engine_counters(L.a.e)->tx_packets, 0);
    h_run_until(&L, t0 + 1000);
    assert_int_equal(engine_counters(L.a.e)->tx_packets, 1);
    assert_int_equal(L.a.last_sent.proto, PPP_PROTO_LCP);
    assert_int_equal(L.a.last_sent.data[0], 1);                 /* Configure-Request */
    assert_int_equal(engine_next_deadline(L.a.e), t0 + 1000 + 3000);   /* restart timer */
    /* then the usual retransmissions and the usual ending */
    h_run_for(&L, 60000);
    assert_int_equal(L.a.sent_by_proto_code[0][1], 10);
    assert_true(h_logged("LCP: timeout sending Config-Requests"));
}

static void peer_request_during_listen_time_brings_lcp_up_at_once(void **state)
{
    (void)state;
    L.a.s.lcp.listen_time_ms = 1000;
    h_start_engines(&L);
    uint64_t t0 = L.now;
    engine_open(L.a.e, t0);
    engine_lower_up(L.a.e, t0);
    h_run_until(&L, t0 + 400);
    assert_int_equal(engine_counters(L.a.e)->tx_packets, 0);
    /* The peer starts PPP 400 ms later: its Configure-Request does the Up
     * and is then answered, not lost (no 3 s retransmission needed). */
    engine_open(L.b.e, L.now);
    engine_lower_up(L.b.e, L.now);
    h_run_until(&L, L.now);
    assert_int_equal(L.now, t0 + 400);
    assert_true(engine_ip_ready(L.a.e));
    assert_true(engine_ip_ready(L.b.e));
    assert_int_equal(L.a.sent_by_proto_code[0][1], 1);         /* one ConfReq */
    assert_int_equal(L.a.sent_by_proto_code[0][2], 1);         /* one ConfAck */
    assert_int_equal(L.b.sent_by_proto_code[0][1], 1);
    /* the cancelled deadline does not bring LCP up a second time */
    h_run_for(&L, 5000);
    assert_int_equal(h_count_events(&L.a, ENGINE_EV_LINK_UP), 1);
    assert_int_equal(L.a.sent_by_proto_code[0][1], 1);
}

static void only_lcp_ends_the_listen_time(void **state)
{
    (void)state;
    uint8_t pkt[16];
    const uint8_t addr[] = { 3, 6, 192, 0, 2, 9 };
    L.a.s.lcp.listen_time_ms = 1000;
    h_start_engines(&L);
    engine_open(L.a.e, L.now);
    engine_lower_up(L.a.e, L.now);
    size_t n = h_pkt(pkt, 1, 1, addr, sizeof addr);
    engine_input(L.a.e, L.now, PPP_PROTO_IPCP, pkt, n);
    engine_input(L.a.e, L.now, PPP_PROTO_IP, pkt, n);
    assert_int_equal(engine_counters(L.a.e)->tx_packets, 0);
    assert_int_equal(engine_counters(L.a.e)->rx_not_open, 2);
    /* a malformed LCP packet still shows the peer speaks PPP (pppd lcp_input) */
    engine_input(L.a.e, L.now, PPP_PROTO_LCP, pkt, 2);
    assert_int_equal(engine_counters(L.a.e)->tx_packets, 1);
    assert_int_equal(L.a.last_sent.data[0], 1);
    assert_int_equal(engine_counters(L.a.e)->rx_malformed, 1);
}

static void zero_listen_time_sends_at_once(void **state)
{
    (void)state;
    L.a.s.lcp.listen_time_ms = 0;
    h_start_engines(&L);
    engine_open(L.a.e, L.now);
    engine_lower_up(L.a.e, L.now);
    assert_int_equal(engine_counters(L.a.e)->tx_packets, 1);
    assert_int_equal(engine_next_deadline(L.a.e), L.now + 3000);
}

static void close_or_hangup_during_listen_time_ends_at_once(void **state)
{
    (void)state;
    L.a.s.lcp.listen_time_ms = 1000;
    L.b.s.lcp.listen_time_ms = 1000;
    h_start_engines(&L);
    engine_open(L.a.e, L.now);
    engine_lower_up(L.a.e, L.now);
    engine_open(L.b.e, L.now);
    engine_lower_up(L.b.e, L.now);
    engine_close(L.a.e, L.now, ENGINE_EXIT_USER_REQUEST, "User request");
    engine_lower_down(L.b.e, L.now);
    for (int i = 0; i < 2; i++) {
        struct h_peer *p = i ? &L.b : &L.a;
        assert_int_equal(engine_phase(p->e), ENGINE_PHASE_DEAD);
        assert_int_equal(engine_next_deadline(p->e), UINT64_MAX);
        assert_int_equal(h_count_events(p, ENGINE_EV_DEAD), 1);
    }
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_USER_REQUEST);
    assert_string_equal(h_find_event(&L.b, ENGINE_EV_DEAD)->dead.reason, "lower layer down");
    h_run_for(&L, 5000);
    assert_int_equal(engine_counters(L.a.e)->tx_packets, 0);
    assert_int_equal(engine_counters(L.b.e)->tx_packets, 0);
    /* persist: the next call waits again, then comes up */
    engine_lower_down(L.a.e, L.now);
    engine_open(L.a.e, L.now);
    engine_open(L.b.e, L.now);
    engine_lower_up(L.a.e, L.now);
    engine_lower_up(L.b.e, L.now);
    assert_int_equal(engine_counters(L.a.e)->tx_packets, 0);
    h_run_for(&L, 5000);
    assert_true(engine_ip_ready(L.a.e));
    assert_true(engine_ip_ready(L.b.e));
}

/* The seed's SuSE-style call: the remote login echoes for a while (before
 * ppplogin's stty -echo), then the server's PPP starts. Returns a's status
 * (-1: still alive). */
static int call_through_echoing_login(uint32_t listen_ms, uint64_t echo_ms)
{
    L.a.s.lcp.listen_time_ms = listen_ms;
    L.a.to = &L.a;                      /* the remote tty echoes what we send */
    h_start_engines(&L);
    engine_open(L.a.e, L.now);
    engine_lower_up(L.a.e, L.now);
    h_run_for(&L, echo_ms);
    L.a.to = &L.b;                      /* stty -echo; exec pppd-lite */
    engine_open(L.b.e, L.now);
    engine_lower_up(L.b.e, L.now);
    h_run_for(&L, 5000);
    return h_dead_status(&L.a);
}

static void listen_time_outlasts_an_echoing_login(void **state)
{
    (void)state;
    assert_int_equal(call_through_echoing_login(1000, 300), -1);
    assert_true(engine_ip_ready(L.a.e));
    assert_false(h_logged("looped back"));
}

static void without_listen_time_an_echoing_login_looks_looped(void **state)
{
    (void)state;
    assert_int_equal(call_through_echoing_login(0, 300), ENGINE_EXIT_LOOPBACK);
    assert_true(h_logged("Serial line is looped back."));
}

static void silent_peer_gets_our_request_after_listen_time(void **state)
{
    (void)state;
    L.a.s.lcp.listen_time_ms = 1000;
    L.b.s.lcp.silent = true;
    h_start_engines(&L);
    uint64_t t0 = L.now;
    engine_open(L.a.e, t0);
    engine_open(L.b.e, t0);
    engine_lower_up(L.a.e, t0);
    engine_lower_up(L.b.e, t0);
    h_run_until(&L, t0 + 999);
    assert_false(engine_ip_ready(L.a.e));
    assert_int_equal(engine_counters(L.a.e)->tx_packets + engine_counters(L.b.e)->tx_packets, 0);
    h_run_until(&L, t0 + 1000);
    assert_true(engine_ip_ready(L.a.e));
    assert_true(engine_ip_ready(L.b.e));
}

static bool drop_first_lcp(struct h_peer *from, uint16_t proto, uint8_t *d, size_t *len)
{
    static int n;
    (void)from;
    (void)d;
    (void)len;
    if (proto == PPP_PROTO_LCP && n < 2) {
        n++;
        return false;
    }
    return true;
}

static void lost_packets_are_retransmitted(void **state)
{
    (void)state;
    L.a.filter = drop_first_lcp;
    h_connect(&L, 2000);
    assert_false(engine_ip_ready(L.a.e));
    h_run_for(&L, 10000);
    assert_true(engine_ip_ready(L.a.e));
    assert_true(engine_ip_ready(L.b.e));
    assert_true(h_logged("sent [LCP ConfReq id=0x1"));
    assert_true(h_logged_count("sent [LCP ConfReq id=0x1") >= 3);   /* same id on retransmit */
}

static void terminate_from_either_side(void **state)
{
    (void)state;
    h_connect(&L, 3000);
    engine_close(L.a.e, L.now, ENGINE_EXIT_USER_REQUEST, "User request");
    assert_int_equal(engine_phase(L.a.e), ENGINE_PHASE_TERMINATE);
    assert_false(engine_ip_ready(L.a.e));
    h_run_for(&L, 100);
    assert_true(h_logged("LCP terminated by peer (User request)"));
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_USER_REQUEST);
    assert_int_equal(h_count_events(&L.a, ENGINE_EV_IP_DOWN), 1);
    assert_int_equal(h_count_events(&L.b, ENGINE_EV_IP_DOWN), 1);
    /* The peer that was told to stop finishes one restart period later, OK. */
    h_run_for(&L, 5000);
    assert_int_equal(h_dead_status(&L.b), ENGINE_EXIT_OK);
    assert_int_equal(h_count_events(&L.b, ENGINE_EV_DEAD), 1);
    assert_string_equal(h_find_event(&L.b, ENGINE_EV_DEAD)->dead.reason,
                        "terminated by peer (User request)");
}

static void terminate_without_ack_times_out(void **state)
{
    (void)state;
    h_connect(&L, 3000);
    L.b.mute = true;
    uint64_t t0 = L.now;
    engine_close(L.a.e, L.now, ENGINE_EXIT_IDLE_TIMEOUT, "Link inactive");
    h_run_for(&L, 20000);
    assert_int_equal(L.a.sent_by_proto_code[0][5], 2);      /* Max-Terminate */
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_IDLE_TIMEOUT);
    (void)t0;
}

static void lower_down_is_immediate(void **state)
{
    (void)state;
    h_connect(&L, 3000);
    engine_lower_down(L.a.e, L.now);
    assert_int_equal(engine_phase(L.a.e), ENGINE_PHASE_DEAD);
    assert_int_equal(h_count_events(&L.a, ENGINE_EV_IP_DOWN), 1);
    assert_int_equal(h_count_events(&L.a, ENGINE_EV_LINK_DOWN), 1);
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_OK);
    engine_lower_down(L.a.e, L.now);                        /* again: no second event */
    assert_int_equal(h_count_events(&L.a, ENGINE_EV_DEAD), 1);
    assert_int_equal(engine_next_deadline(L.a.e), UINT64_MAX);
}

static void link_can_be_brought_up_again(void **state)
{
    (void)state;
    h_connect(&L, 3000);
    engine_lower_down(L.a.e, L.now);
    engine_lower_down(L.b.e, L.now);
    engine_open(L.a.e, L.now);
    engine_open(L.b.e, L.now);
    engine_lower_up(L.a.e, L.now);
    engine_lower_up(L.b.e, L.now);
    h_run_for(&L, 5000);
    assert_true(engine_ip_ready(L.a.e));
    assert_int_equal(h_count_events(&L.a, ENGINE_EV_IP_UP), 2);
}

static void peer_reject_converges(void **state)
{
    (void)state;
    struct engine_link_params la;
    L.b.s.lcp.neg_acfc = false;
    h_connect(&L, 5000);
    assert_true(engine_ip_ready(L.a.e));
    assert_true(engine_get_link(L.a.e, &la));
    assert_false(la.rx_acfc);
    assert_true(la.rx_pfc);
    assert_true(h_logged("rcvd [LCP ConfRej id=0x1 <accomp>]"));
    assert_true(h_logged("sent [LCP ConfReq id=0x2 <asyncmap 0x0> <magic 0x"));
}

static void peer_nak_of_mru_is_taken(void **state)
{
    (void)state;
    uint8_t pkt[64];
    static const uint8_t nak[] = { 1, 4, 1, 0 };
    L.a.s.lcp.mru = 1400;
    h_start_engines(&L);
    L.a.to = NULL;
    engine_open(L.a.e, 0);
    engine_lower_up(L.a.e, 0);
    engine_input(L.a.e, 0, PPP_PROTO_LCP, pkt, h_pkt(pkt, 3, L.a.last_sent.data[1], nak, 4));
    assert_int_equal(L.a.last_sent.data[0], 1);
    assert_int_equal(L.a.last_sent.data[4], 1);
    assert_int_equal(L.a.last_sent.data[7], 0);            /* MRU 256 now */
    assert_int_equal(L.a.last_sent.data[6], 1);
}

static bool nak_everything(struct h_peer *from, uint16_t proto, uint8_t *d, size_t *len)
{
    (void)from;
    /* Turn b's Acks of a's magic into Naks with a's own magic. */
    if (proto == PPP_PROTO_LCP && d[0] == 2)
        d[0] = 3;
    (void)len;
    return true;
}

/* bravo Naks every request of alpha (a changed async map, else an MRU). */
static bool nak_all_requests(struct h_peer *from, uint16_t proto, uint8_t *d, size_t *len)
{
    (void)from;
    if (proto == PPP_PROTO_LCP && d[0] == 2) {
        static const uint8_t mru[] = { 1, 4, 3, 0xe8 };
        d[0] = 3;
        if (*len >= 10 && d[4] == 2) {
            for (int i = 6; i < 10; i++)
                d[i] = (uint8_t)~d[i];
            d[2] = 0;
            d[3] = 10;
            *len = 10;
        } else {
            memcpy(d + 4, mru, 4);
            d[2] = 0;
            d[3] = 8;
            *len = 8;
        }
    }
    return true;
}

static void never_converging_naks_end_in_bounded_time(void **state)
{
    (void)state;
    L.a.s.lcp.neg_magic = false;
    L.a.s.lcp.fsm.max_failure = 4;
    L.a.s.lcp.fsm.max_configure = 4;
    L.b.filter = nak_all_requests;
    h_connect(&L, 60000);
    assert_true(h_logged("LCP: peer keeps sending Configure-Naks: giving up"));
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_NEGOTIATION_FAILED);
    assert_true(L.a.sent_by_proto_code[0][1] <= 12);
    /* After Max-Failure Naks the async map is dropped, not changed again. */
    assert_true(h_logged("sent [LCP ConfReq id=0x6 <pcomp> <accomp>]"));
}

static void endless_naks_end_as_loopback(void **state)
{
    (void)state;
    L.b.filter = nak_everything;
    h_connect(&L, 60000);
    assert_true(h_logged("Serial line is looped back."));
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_LOOPBACK);
}

static bool corrupt_magic_as_own(struct h_peer *from, uint16_t proto, uint8_t *d, size_t *len)
{
    (void)from;
    (void)len;
    (void)proto;
    (void)d;
    return true;
}

static void max_failure_turns_naks_into_rejects(void **state)
{
    (void)state;
    uint8_t pkt[64];
    static const uint8_t mru[] = { 1, 4, 0, 10 };
    h_start_engines(&L);
    L.a.to = NULL;
    engine_open(L.a.e, 0);
    engine_lower_up(L.a.e, 0);
    for (int i = 0; i < 5; i++) {
        engine_input(L.a.e, 0, PPP_PROTO_LCP, pkt, h_pkt(pkt, 1, (uint8_t)i, mru, 4));
        assert_int_equal(L.a.last_sent.data[0], 3);
    }
    engine_input(L.a.e, 0, PPP_PROTO_LCP, pkt, h_pkt(pkt, 1, 9, mru, 4));
    assert_int_equal(L.a.last_sent.data[0], 4);
    (void)corrupt_magic_as_own;
}

/* a alone in Req-Sent; its current request's id. */
static uint8_t lone_reqsent(void)
{
    h_start_engines(&L);
    L.a.to = NULL;
    engine_open(L.a.e, 0);
    engine_lower_up(L.a.e, 0);
    return L.a.last_sent.data[1];
}

static void reject_must_name_options_we_sent(void **state)
{
    (void)state;
    uint8_t pkt[64];
    uint8_t id = lone_reqsent();
    static const uint8_t mru[] = { 1, 4, 5, 0xdc };
    static const uint8_t unknown[] = { 13, 3, 6 };
    static const uint8_t badlen[] = { 5, 4, 0, 0 };
    engine_input(L.a.e, 0, PPP_PROTO_LCP, pkt, h_pkt(pkt, 4, id, mru, sizeof mru));
    engine_input(L.a.e, 0, PPP_PROTO_LCP, pkt, h_pkt(pkt, 4, id, unknown, sizeof unknown));
    engine_input(L.a.e, 0, PPP_PROTO_LCP, pkt, h_pkt(pkt, 4, id, badlen, sizeof badlen));
    assert_int_equal(engine_counters(L.a.e)->rx_malformed, 3);
    assert_int_equal(L.a.sent_by_proto_code[0][1], 1);
    static const uint8_t ok[] = { 2, 6, 0, 0, 0, 0, 5, 6, 0, 0, 0, 0, 7, 2 };
    engine_input(L.a.e, 0, PPP_PROTO_LCP, pkt, h_pkt(pkt, 4, id, ok, sizeof ok));
    assert_int_equal(L.a.sent_by_proto_code[0][1], 2);
    /* The new request keeps only ACFC. */
    assert_int_equal(L.a.last_sent.len, 6);
    assert_int_equal(L.a.last_sent.data[4], 8);
}

static void nak_with_bad_lengths_is_malformed(void **state)
{
    (void)state;
    uint8_t pkt[64];
    uint8_t id = lone_reqsent();
    static const uint8_t bad[][6] = {
        { 1, 3, 5 }, { 2, 5, 0, 0, 0 }, { 5, 5, 0, 0, 0 }, { 7, 3, 0 }, { 8, 3, 0 }, { 3, 3, 0xc0 },
    };
    static const uint8_t lens[] = { 3, 5, 5, 3, 3, 3 };
    for (unsigned i = 0; i < 6; i++)
        engine_input(L.a.e, 0, PPP_PROTO_LCP, pkt, h_pkt(pkt, 3, id, bad[i], lens[i]));
    assert_int_equal(engine_counters(L.a.e)->rx_malformed, 6);
    assert_int_equal(L.a.sent_by_proto_code[0][1], 1);     /* nothing taken */
}

static void nak_of_options_we_did_not_send_is_ignored(void **state)
{
    (void)state;
    uint8_t pkt[64];
    uint8_t id = lone_reqsent();
    static const uint8_t n[] = { 13, 3, 6, 3, 4, 0xc0, 0x23 };
    engine_input(L.a.e, 0, PPP_PROTO_LCP, pkt, h_pkt(pkt, 3, id, n, sizeof n));
    assert_int_equal(engine_counters(L.a.e)->rx_malformed, 0);
    assert_int_equal(L.a.sent_by_proto_code[0][1], 2);
    assert_null(memchr(L.a.last_sent.data + 4, 13, L.a.last_sent.len - 4));
}

static void bad_protocol_rejects(void **state)
{
    (void)state;
    uint8_t pkt[64];
    static const uint8_t one[] = { 0x80 };
    static const uint8_t ccp[] = { 0x80, 0xfd };
    lone_reqsent();
    engine_input(L.a.e, 0, PPP_PROTO_LCP, pkt, h_pkt(pkt, 8, 1, ccp, sizeof ccp));
    assert_int_equal(engine_counters(L.a.e)->rx_unexpected, 1);          /* LCP not open */
    h_link_free(&L);
    h_link_init(&L);
    h_connect(&L, 3000);
    engine_input(L.a.e, L.now, PPP_PROTO_LCP, pkt, h_pkt(pkt, 8, 1, one, sizeof one));
    assert_int_equal(engine_counters(L.a.e)->rx_malformed, 1);
    assert_true(engine_ip_ready(L.a.e));
}

static void protocol_reject_of_pap_fails_auth(void **state)
{
    (void)state;
    uint8_t pkt[64];
    static const uint8_t pap[] = { 0xc0, 0x23, 1, 1, 0, 4 };
    L.b.s.auth.require_pap = true;
    L.b.pap_secrets = "alpha * pw *\n";
    snprintf(L.a.s.auth.password, sizeof L.a.s.auth.password, "pw");
    L.a.s.auth.have_password = true;
    L.a.drop_proto = PPP_PROTO_PAP;
    h_connect(&L, 100);
    engine_input(L.a.e, L.now, PPP_PROTO_LCP, pkt, h_pkt(pkt, 8, 0x50, pap, sizeof pap));
    assert_true(h_logged("PAP authentication failed due to protocol-reject"));
    engine_input(L.b.e, L.now, PPP_PROTO_LCP, pkt, h_pkt(pkt, 8, 0x50, pap, sizeof pap));
    assert_true(h_logged("PAP authentication of peer failed (protocol-reject)"));
    h_run_for(&L, 10000);
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_AUTH_TOPEER_FAILED);
    assert_int_equal(h_dead_status(&L.b), ENGINE_EXIT_PEER_AUTH_FAILED);
}

static void protocol_reject_of_chap_fails_auth(void **state)
{
    (void)state;
    uint8_t pkt[64];
    static const uint8_t chap[] = { 0xc2, 0x23, 1, 1, 0, 4 };
    L.b.s.auth.require_chap = true;
    L.a.chap_secrets = L.b.chap_secrets = "alpha bravo pw *\n";
    L.a.drop_proto = PPP_PROTO_CHAP;
    L.b.drop_proto = PPP_PROTO_CHAP;
    h_connect(&L, 100);
    engine_input(L.a.e, L.now, PPP_PROTO_LCP, pkt, h_pkt(pkt, 8, 0x50, chap, sizeof chap));
    assert_true(h_logged("CHAP authentication failed due to protocol-reject"));
    engine_input(L.b.e, L.now, PPP_PROTO_LCP, pkt, h_pkt(pkt, 8, 0x50, chap, sizeof chap));
    assert_true(h_logged("CHAP authentication of peer failed (protocol-reject)"));
}

static void pktlog_formats_like_pppd(void **state)
{
    (void)state;
    char out[512];
    static const uint8_t lcp[] = { 1, 1, 0, 28, 1, 4, 5, 0xdc, 2, 6, 0, 0, 0, 0, 3, 4, 0xc0, 0x23,
                                   5, 6, 0x5f, 0x3a, 0x2b, 0x1c, 7, 2, 8, 2 };
    assert_string_equal(pktlog_format(out, sizeof out, "sent", PPP_PROTO_LCP, lcp, sizeof lcp),
                        "sent [LCP ConfReq id=0x1 <mru 1500> <asyncmap 0x0> <auth pap> "
                        "<magic 0x5f3a2b1c> <pcomp> <accomp>]");
    static const uint8_t term[] = { 5, 2, 0, 16, 'U', 's', 'e', 'r', ' ', 'r', 'e', 'q', 'u', 'e',
                                    's', 't' };
    assert_string_equal(pktlog_format(out, sizeof out, "rcvd", PPP_PROTO_LCP, term, sizeof term),
                        "rcvd [LCP TermReq id=0x2 \"User request\"]");
    static const uint8_t ipcp[] = { 3, 4, 0, 22, 3, 6, 192, 0, 2, 1, 129, 6, 198, 51, 100, 1,
                                    131, 6, 198, 51, 100, 2 };
    assert_string_equal(pktlog_format(out, sizeof out, "rcvd", PPP_PROTO_IPCP, ipcp, sizeof ipcp),
                        "rcvd [IPCP ConfNak id=0x4 <addr 192.0.2.1> <ms-dns1 198.51.100.1> "
                        "<ms-dns2 198.51.100.2>]");
    static const uint8_t pap[] = { 1, 1, 0, 12, 3, 'j', 'o', 'e', 3, 'p', 'w', 'd' };
    assert_string_equal(pktlog_format(out, sizeof out, "sent", PPP_PROTO_PAP, pap, sizeof pap),
                        "sent [PAP AuthReq id=0x1 user=\"joe\" password=<hidden>]");
    static const uint8_t ack[] = { 2, 1, 0, 13, 8, 'L', 'o', 'g', 'i', 'n', ' ', 'o', 'k' };
    assert_string_equal(pktlog_format(out, sizeof out, "rcvd", PPP_PROTO_PAP, ack, sizeof ack),
                        "rcvd [PAP AuthAck id=0x1 \"Login ok\"]");
    static const uint8_t chal[] = { 1, 7, 0, 11, 2, 0xab, 0xcd, 'h', 'o', 's', 't' };
    assert_string_equal(pktlog_format(out, sizeof out, "rcvd", PPP_PROTO_CHAP, chal, sizeof chal),
                        "rcvd [CHAP Challenge id=0x7 <abcd>, name = \"host\"]");
    static const uint8_t echo[] = { 9, 3, 0, 8, 0x12, 0x34, 0x56, 0x78 };
    assert_string_equal(pktlog_format(out, sizeof out, "sent", PPP_PROTO_LCP, echo, sizeof echo),
                        "sent [LCP EchoReq id=0x3 magic=0x12345678]");
    static const uint8_t chapopt[] = { 2, 1, 0, 9, 3, 5, 0xc2, 0x23, 5 };
    assert_string_equal(pktlog_format(out, sizeof out, "sent", PPP_PROTO_LCP, chapopt, 9),
                        "sent [LCP ConfAck id=0x1 <auth chap MD5>]");
    static const uint8_t lying[] = { 1, 1, 0, 99, 1, 4 };
    assert_string_equal(pktlog_format(out, sizeof out, "rcvd", PPP_PROTO_LCP, lying, sizeof lying),
                        "rcvd [LCP 01 01 00 63 01 04]");
    static const uint8_t badopt[] = { 1, 1, 0, 8, 1, 9, 0, 0 };
    assert_string_equal(pktlog_format(out, sizeof out, "rcvd", PPP_PROTO_LCP, badopt, 8),
                        "rcvd [LCP ConfReq id=0x1 01 09 00 00]");
    static const uint8_t ccp[] = { 1, 1, 0, 4 };
    assert_string_equal(pktlog_format(out, sizeof out, "rcvd", PPP_PROTO_CCP, ccp, 4),
                        "rcvd [CCP ConfReq id=0x1]");
    assert_string_equal(pktlog_format(out, sizeof out, "rcvd", 0x4321, ccp, 4),
                        "rcvd [proto=0x4321 01 01 00 04]");
    /* Truncation never overflows. */
    char small[12];
    pktlog_format(small, sizeof small, "sent", PPP_PROTO_LCP, lcp, sizeof lcp);
    assert_int_equal(strlen(small), 11);
}

static void hints_cover_every_kind(void **state)
{
    (void)state;
    for (int k = 0; k < HINT_COUNT; k++) {
        assert_non_null(hint_text((enum hint_kind)k));
        assert_true(strlen(hint_text((enum hint_kind)k)) > 20);
    }
    assert_null(hint_text(HINT_COUNT));
    h_log_reset();
    hint_log(HINT_MODEM_HANGUP);
    assert_true(h_logged("Hint: the modem lost carrier"));
}

#define T(f) cmocka_unit_test_setup_teardown(f, h_setup, h_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(up_with_defaults),
        T(mru_is_negotiated_per_direction),
        T(mtu_caps_what_we_send),
        T(tiny_mru_is_naked_up_to_128),
        T(default_asyncmap_means_escape_everything),
        T(asyncmap_reaches_the_peer),
        T(nopcomp_noaccomp_reject_compression),
        T(nomagic_sends_no_magic),
        T(looped_line_is_detected),
        T(looped_login_that_eats_del_is_detected_for_any_magic),
        T(echo_failure_declares_link_dead),
        T(echo_replies_keep_link_up),
        T(echo_reply_carries_our_magic_and_data),
        T(own_echo_reply_is_ignored),
        T(unknown_option_is_rejected),
        T(chap_other_algorithm_is_naked_to_md5),
        T(chap_ms_algorithms_are_acked_unless_refused),
        T(chap_md5_is_acked),
        T(refused_pap_is_naked_to_chap),
        T(auth_without_any_secret_is_rejected),
        T(second_auth_option_is_rejected),
        T(wrong_length_known_option_is_rejected),
        T(malformed_option_lengths_drop_the_packet),
        T(short_and_lying_packets_are_dropped),
        T(unknown_code_gets_code_reject),
        T(ccp_is_protocol_rejected),
        T(ipv6_data_is_protocol_rejected),
        T(protocol_reject_is_capped_by_peer_mru),
        T(protocol_reject_of_ipcp_ends_link),
        T(protocol_reject_of_lcp_is_catastrophic),
        T(discard_request_is_ignored),
        T(config_request_timeout),
        T(restart_and_max_configure_are_settable),
        T(passive_waits_after_timeout),
        T(silent_sends_nothing_until_peer_speaks),
        T(close_while_silent_ends_at_once),
        T(listen_time_sends_nothing_until_the_deadline),
        T(peer_request_during_listen_time_brings_lcp_up_at_once),
        T(only_lcp_ends_the_listen_time),
        T(zero_listen_time_sends_at_once),
        T(close_or_hangup_during_listen_time_ends_at_once),
        T(listen_time_outlasts_an_echoing_login),
        T(without_listen_time_an_echoing_login_looks_looped),
        T(silent_peer_gets_our_request_after_listen_time),
        T(lost_packets_are_retransmitted),
        T(terminate_from_either_side),
        T(terminate_without_ack_times_out),
        T(lower_down_is_immediate),
        T(link_can_be_brought_up_again),
        T(peer_reject_converges),
        T(peer_nak_of_mru_is_taken),
        T(never_converging_naks_end_in_bounded_time),
        T(endless_naks_end_as_loopback),
        T(max_failure_turns_naks_into_rejects),
        T(reject_must_name_options_we_sent),
        T(nak_with_bad_lengths_is_malformed),
        T(nak_of_options_we_did_not_send_is_ignored),
        T(bad_protocol_rejects),
        T(protocol_reject_of_pap_fails_auth),
        T(protocol_reject_of_chap_fails_auth),
        T(pktlog_formats_like_pppd),
        T(hints_cover_every_kind),
    };
    return cmocka_run_group_tests_name("lcp", tests, NULL, NULL);
}
