/* cmocka tests for pppd-lite IPv6CP (RFC 5072): Interface-Identifier
 * negotiation (random, given, collisions, Nak, Reject), Protocol-Reject
 * when disabled, IPv6 delivery only while Opened, up/down events, malformed
 * packets, and the `ipv6 LOCAL,REMOTE` parser. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "pppd-lite/proto/ipv6cp.h"
#include "pppd-lite/config/options.h"
#include "tests/unit/engine_harness.h"

static void enable_both(void)
{
    L.a.s.ipv6cp.enable = true;
    L.b.s.ipv6cp.enable = true;
}

static struct engine_ipv6_params ids_of(struct h_peer *p)
{
    struct engine_ipv6_params v;
    assert_true(engine_get_ipv6(p->e, &v));
    return v;
}

/* An IPv6CP packet straight into p's engine. */
static void inject(struct h_peer *p, uint8_t code, uint8_t id, const uint8_t *opts, size_t n)
{
    uint8_t pkt[256];
    size_t len = h_pkt(pkt, code, id, opts, n);
    engine_input(p->e, L.now, PPP_PROTO_IPV6CP, pkt, len);
}

static void random_identifiers(void **state)
{
    (void)state;
    enable_both();
    h_connect(&L, 5000);
    struct engine_ipv6_params a = ids_of(&L.a), b = ids_of(&L.b);
    assert_true(a.local != 0 && b.local != 0);
    assert_true(a.local != a.remote);
    assert_true(a.local == b.remote && b.local == a.remote);
    assert_true(engine_ipv6_ready(L.a.e) && engine_ipv6_ready(L.b.e));
    assert_true(engine_ip_ready(L.a.e));          /* IPCP still runs alongside */
    assert_true(h_logged("sent [IPV6CP ConfReq id=0x1 <addr fe80::"));
    assert_true(h_logged("local  LL address fe80::"));
    assert_true(h_logged("remote LL address fe80::"));
    assert_int_equal(h_count_events(&L.a, ENGINE_EV_IPV6_UP), 1);
    const struct engine_event *ev = h_find_event(&L.b, ENGINE_EV_IPV6_UP);
    assert_non_null(ev);
    assert_true(ev->ipv6.local == b.local && ev->ipv6.remote == b.remote);
    assert_int_equal(ev->phase, ENGINE_PHASE_NETWORK);
}

static void given_identifiers_nak_the_peer(void **state)
{
    (void)state;
    enable_both();
    L.a.s.ipv6cp.local_ifid = 1;
    L.a.s.ipv6cp.remote_ifid = 2;
    h_connect(&L, 5000);
    /* bravo offered a random one; alpha tells it which it is */
    assert_true(h_logged("sent [IPV6CP ConfNak id=0x1 <addr fe80::0000:0000:0000:0002>]"));
    struct engine_ipv6_params b = ids_of(&L.b);
    assert_int_equal(b.local, 2);
    assert_int_equal(b.remote, 1);
    assert_true(h_logged("local  LL address fe80::0000:0000:0000:0002"));
    assert_true(h_logged("remote LL address fe80::0000:0000:0000:0001"));
}

static void collision_gets_a_new_identifier(void **state)
{
    (void)state;
    enable_both();
    L.a.s.ipv6cp.local_ifid = 0x42;
    L.b.s.ipv6cp.local_ifid = 0x42;
    L.b.s.ipv6cp.accept_local = true;
    h_connect(&L, 5000);
    /* RFC 5072 4.1: alpha Naks bravo's equal identifier with another */
    assert_true(h_logged("sent [IPV6CP ConfNak id=0x1 <addr fe80::"));
    struct engine_ipv6_params a = ids_of(&L.a), b = ids_of(&L.b);
    assert_int_equal(a.local, 0x42);
    assert_true(b.local != 0x42 && b.local != 0);
    assert_int_equal(a.remote, b.local);
    assert_int_equal(b.remote, 0x42);
}

static void collision_without_accept_local_fails(void **state)
{
    (void)state;
    enable_both();
    L.a.s.ipv6cp.local_ifid = 0x42;
    L.b.s.ipv6cp.local_ifid = 0x42;   /* bravo insists: Naks, then a Reject */
    h_connect(&L, 60000);
    assert_null(h_find_event(&L.a, ENGINE_EV_IPV6_UP));
    assert_true(h_logged("sent [IPV6CP ConfRej id="));
    /* IPv4 keeps the link up */
    assert_true(engine_ip_ready(L.a.e));
    assert_null(h_find_event(&L.a, ENGINE_EV_DEAD));
}

static void unknown_and_bad_length_options_rejected(void **state)
{
    (void)state;
    enable_both();
    h_connect(&L, 5000);
    L.a.mute = true;
    /* compression (2), an unknown type, and an identifier of the wrong size */
    static const uint8_t opts[] = { 2, 4, 0x00, 0x4f, 99, 3, 7, 1, 6, 0, 0, 0, 9 };
    inject(&L.a, 1, 0x77, opts, sizeof(opts));
    assert_int_equal(L.a.last_sent.proto, PPP_PROTO_IPV6CP);
    assert_int_equal(L.a.last_sent.data[0], 4);            /* Configure-Reject */
    assert_int_equal(L.a.last_sent.data[1], 0x77);
    assert_int_equal(L.a.last_sent.len, 4 + sizeof(opts));
    assert_memory_equal(L.a.last_sent.data + 4, opts, sizeof(opts));
    assert_true(h_logged("sent [IPV6CP ConfRej id=0x77 <compress 0x4f> <63 03 07> <01 06 00 00 00 09>]"));
}

static void zero_identifier_is_naked(void **state)
{
    (void)state;
    enable_both();
    h_connect(&L, 5000);
    L.a.mute = true;
    uint64_t ours = ids_of(&L.a).local;
    static const uint8_t opts[] = { 1, 10, 0, 0, 0, 0, 0, 0, 0, 0 };
    inject(&L.a, 1, 0x10, opts, sizeof(opts));
    assert_int_equal(L.a.last_sent.data[0], 3);            /* Configure-Nak */
    assert_int_equal(L.a.last_sent.len, 14);
    uint64_t id = 0;
    for (int i = 0; i < 8; i++)
        id = id << 8 | L.a.last_sent.data[8 + i];
    assert_true(id != 0);
    assert_true(id != ours);                 /* never alpha's own */
}

static void disabled_peer_protocol_rejects(void **state)
{
    (void)state;
    L.a.s.ipv6cp.enable = true;      /* bravo: pppd's default, no IPv6CP */
    h_connect(&L, 10000);
    assert_true(h_logged("sent [LCP ProtRej id="));
    assert_true(engine_counters(L.b.e)->rx_protocol_rejected >= 1);
    assert_null(h_find_event(&L.a, ENGINE_EV_IPV6_UP));
    assert_false(engine_ipv6_ready(L.a.e));
    /* IPv4 carries on; the link stays up */
    assert_true(engine_ip_ready(L.a.e));
    assert_null(h_find_event(&L.a, ENGINE_EV_DEAD));
    assert_true(h_logged("IPV6CP rejected by the peer"));
}

static void disabled_rejects_ipv6_data(void **state)
{
    (void)state;
    h_connect(&L, 5000);
    L.a.mute = true;
    uint64_t before = engine_counters(L.a.e)->rx_protocol_rejected;
    static const uint8_t pkt[40] = { 0x60 };
    engine_input(L.a.e, L.now, PPP_PROTO_IPV6, pkt, sizeof(pkt));
    assert_int_equal(engine_counters(L.a.e)->rx_protocol_rejected, before + 1);
    assert_int_equal(L.a.last_sent.proto, PPP_PROTO_LCP);
    assert_int_equal(L.a.last_sent.data[0], 8);            /* Protocol-Reject */
    assert_int_equal(engine_data_protocol(L.a.e, pkt, sizeof(pkt)), 0);
}

static void ipv6_data_only_when_opened(void **state)
{
    (void)state;
    enable_both();
    L.b.drop_proto = PPP_PROTO_IPV6CP;   /* alpha's IPv6CP never opens */
    h_connect(&L, 2000);
    static const uint8_t v6[40] = { 0x60 }, v4[20] = { 0x45 };
    assert_int_equal(engine_data_protocol(L.a.e, v6, sizeof(v6)), 0);
    assert_int_equal(engine_data_protocol(L.a.e, v4, sizeof(v4)), PPP_PROTO_IP);
    uint64_t dropped = engine_counters(L.a.e)->rx_ip_dropped;
    engine_input(L.a.e, L.now, PPP_PROTO_IPV6, v6, sizeof(v6));
    assert_int_equal(engine_counters(L.a.e)->rx_ip_dropped, dropped + 1);

    h_link_free(&L);
    h_link_init(&L);
    enable_both();
    h_connect(&L, 5000);
    assert_int_equal(engine_data_protocol(L.a.e, v6, sizeof(v6)), PPP_PROTO_IPV6);
    assert_int_equal(engine_data_protocol(L.a.e, v6, 0), 0);
    static const uint8_t junk[4] = { 0x50 };
    assert_int_equal(engine_data_protocol(L.a.e, junk, sizeof(junk)), 0);
    uint64_t got = engine_counters(L.a.e)->rx_ip_packets;
    engine_input(L.a.e, L.now, PPP_PROTO_IPV6, v6, sizeof(v6));
    assert_int_equal(engine_counters(L.a.e)->rx_ip_packets, got + 1);
}

static void close_sends_ipv6_down(void **state)
{
    (void)state;
    enable_both();
    h_connect(&L, 5000);
    struct engine_ipv6_params b = ids_of(&L.b);
    engine_close(L.b.e, L.now, ENGINE_EXIT_USER_REQUEST, "User request");
    h_run_for(&L, 10000);
    const struct engine_event *ev = h_find_event(&L.b, ENGINE_EV_IPV6_DOWN);
    assert_non_null(ev);
    assert_true(ev->ipv6.local == b.local && ev->ipv6.remote == b.remote);
    assert_non_null(h_find_event(&L.a, ENGINE_EV_IPV6_DOWN));
    assert_false(engine_ipv6_ready(L.b.e));
    assert_int_equal(h_dead_status(&L.b), ENGINE_EXIT_USER_REQUEST);
}

static void ipv6_alone_keeps_the_link(void **state)
{
    (void)state;
    enable_both();
    L.b.s.ipcp.local_addr = h_ip(192, 0, 2, 50);   /* IPCP cannot agree */
    h_connect(&L, 60000);
    assert_null(h_find_event(&L.a, ENGINE_EV_IP_UP));
    assert_true(engine_ipv6_ready(L.a.e));
    assert_null(h_find_event(&L.a, ENGINE_EV_DEAD));
    assert_int_equal(engine_exit_status(L.a.e), ENGINE_EXIT_OK);
    /* then IPv6CP closing too ends the link */
    static const uint8_t none[1];
    inject(&L.a, 5, 0x55, none, 0);                /* Terminate-Request */
    h_run_for(&L, 30000);
    assert_true(h_logged("No network protocols running"));
}

static void malformed_packets_counted(void **state)
{
    (void)state;
    enable_both();
    h_connect(&L, 5000);
    L.a.mute = true;
    uint64_t m = engine_counters(L.a.e)->rx_malformed;
    static const uint8_t short_opt[] = { 1, 1 };
    inject(&L.a, 1, 1, short_opt, sizeof(short_opt));
    static const uint8_t long_opt[] = { 1, 10, 0, 0 };
    inject(&L.a, 1, 2, long_opt, sizeof(long_opt));
    uint8_t lying[] = { 1, 3, 0, 200, 1, 10 };
    engine_input(L.a.e, L.now, PPP_PROTO_IPV6CP, lying, sizeof(lying));
    engine_input(L.a.e, L.now, PPP_PROTO_IPV6CP, lying, 2);
    assert_true(engine_counters(L.a.e)->rx_malformed >= m + 3);
    /* a Nak and a Reject that do not match what we sent */
    L.a.mute = false;
    static const uint8_t nak_short[] = { 1, 6, 0, 0, 0, 1 };
    inject(&L.a, 3, 1, nak_short, sizeof(nak_short));
    static const uint8_t rej_other[] = { 1, 10, 1, 2, 3, 4, 5, 6, 7, 8 };
    inject(&L.a, 4, 1, rej_other, sizeof(rej_other));
    h_run_for(&L, 5000);
}

static void ifid_pair_parser(void **state)
{
    (void)state;
    uint64_t l = 0, r = 0;
    assert_int_equal(options_parse_ifid_pair("::1,::2", &l, &r), 0);
    assert_int_equal(l, 1);
    assert_int_equal(r, 2);
    l = r = 0;
    assert_int_equal(options_parse_ifid_pair("::1234:5678:9abc:def0", &l, &r), 0);
    assert_true(l == UINT64_C(0x123456789abcdef0) && r == 0);
    l = r = 0;
    assert_int_equal(options_parse_ifid_pair(",::5", &l, &r), 0);
    assert_true(l == 0 && r == 5);
    assert_int_equal(options_parse_ifid_pair("::192.0.2.1,::2", &l, &r), 0);
    assert_true(l == 0xc0000201u && r == 2);
    /* pppd takes IPv6 notation only */
    assert_int_equal(options_parse_ifid_pair("192.0.2.1,::2", &l, &r), -1);
    assert_int_equal(options_parse_ifid_pair("::0.0.0.0", &l, &r), -1);
    assert_int_equal(options_parse_ifid_pair("fe80::1,::2", &l, &r), -1);   /* upper 64 bits */
    assert_int_equal(options_parse_ifid_pair("::0,::2", &l, &r), -1);
    assert_int_equal(options_parse_ifid_pair("bogus", &l, &r), -1);
    assert_int_equal(options_parse_ifid_pair("::1,::2,::3", &l, &r), -1);
    assert_int_equal(options_parse_ifid_pair("::1::2", &l, &r), -1);
    char llb[IPV6CP_LLSTR_MAX];
    assert_string_equal(ipv6cp_llstr(UINT64_C(0x0211223344556677), llb, sizeof(llb)),
                        "fe80::0211:2233:4455:6677");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(random_identifiers, h_setup, h_teardown),
        cmocka_unit_test_setup_teardown(given_identifiers_nak_the_peer, h_setup, h_teardown),
        cmocka_unit_test_setup_teardown(collision_gets_a_new_identifier, h_setup, h_teardown),
        cmocka_unit_test_setup_teardown(collision_without_accept_local_fails, h_setup, h_teardown),
        cmocka_unit_test_setup_teardown(unknown_and_bad_length_options_rejected, h_setup,
                                        h_teardown),
        cmocka_unit_test_setup_teardown(zero_identifier_is_naked, h_setup, h_teardown),
        cmocka_unit_test_setup_teardown(disabled_peer_protocol_rejects, h_setup, h_teardown),
        cmocka_unit_test_setup_teardown(disabled_rejects_ipv6_data, h_setup, h_teardown),
        cmocka_unit_test_setup_teardown(ipv6_data_only_when_opened, h_setup, h_teardown),
        cmocka_unit_test_setup_teardown(close_sends_ipv6_down, h_setup, h_teardown),
        cmocka_unit_test_setup_teardown(ipv6_alone_keeps_the_link, h_setup, h_teardown),
        cmocka_unit_test_setup_teardown(malformed_packets_counted, h_setup, h_teardown),
        cmocka_unit_test(ifid_pair_parser),
    };
    return cmocka_run_group_tests_name("ipv6cp", tests, NULL, NULL);
}
