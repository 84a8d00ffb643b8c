/* cmocka tests for pppd-lite IPCP (RFC 1332, RFC 1877): pppd's address
 * cases, DNS both ways, rejected options, timeouts, IP delivery. alpha is
 * the server with 192.0.2.1:192.0.2.2 unless a test says otherwise. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/engine_harness.h"

static void assert_ip(struct h_peer *p, uint32_t local, uint32_t remote)
{
    struct engine_ip_params ip;
    assert_true(engine_get_ip(p->e, &ip));
    assert_int_equal(ip.local, local);
    assert_int_equal(ip.remote, remote);
}

static void server_assigns_client_address(void **state)
{
    (void)state;
    h_connect(&L, 5000);
    assert_ip(&L.a, h_ip(192, 0, 2, 1), h_ip(192, 0, 2, 2));
    assert_ip(&L.b, h_ip(192, 0, 2, 2), h_ip(192, 0, 2, 1));
    assert_true(h_logged("sent [IPCP ConfNak id=0x1 <addr 192.0.2.2>]"));
    assert_true(h_logged("local  IP address 192.0.2.2"));
    assert_true(h_logged("remote IP address 192.0.2.1"));
    const struct engine_event *ev = h_find_event(&L.b, ENGINE_EV_IP_UP);
    assert_non_null(ev);
    assert_int_equal(ev->ip.local, h_ip(192, 0, 2, 2));
    assert_int_equal(ev->phase, ENGINE_PHASE_NETWORK);
    assert_int_equal(engine_exit_status(L.b.e), ENGINE_EXIT_OK);
}

static void both_pinned_and_agreeing(void **state)
{
    (void)state;
    L.b.s.ipcp.local_addr = h_ip(192, 0, 2, 2);
    L.b.s.ipcp.remote_addr = h_ip(192, 0, 2, 1);
    h_connect(&L, 5000);
    assert_ip(&L.b, h_ip(192, 0, 2, 2), h_ip(192, 0, 2, 1));
    assert_false(h_logged("IPCP ConfNak"));
}

static void client_insists_on_other_address(void **state)
{
    (void)state;
    L.b.s.ipcp.local_addr = h_ip(192, 0, 2, 50);
    h_connect(&L, 30000);
    assert_true(h_logged("sent [IPCP ConfNak id=0x1 <addr 192.0.2.2>]"));
    assert_true(h_logged("sent [IPCP ConfRej id="));
    assert_true(h_logged("Peer refused to agree to our IP address"));
    assert_true(h_logged("Peer refused to agree to his IP address"));
    assert_null(h_find_event(&L.b, ENGINE_EV_IP_UP));
    assert_null(h_find_event(&L.a, ENGINE_EV_IP_UP));
    assert_true(h_logged("No network protocols running"));
}

static void accept_local_takes_servers_idea(void **state)
{
    (void)state;
    L.b.s.ipcp.local_addr = h_ip(192, 0, 2, 50);
    L.b.s.ipcp.accept_local = true;
    h_connect(&L, 5000);
    assert_ip(&L.b, h_ip(192, 0, 2, 2), h_ip(192, 0, 2, 1));
}

static void accept_remote_takes_clients_idea(void **state)
{
    (void)state;
    L.a.s.ipcp.accept_remote = true;
    L.b.s.ipcp.local_addr = h_ip(192, 0, 2, 50);
    h_connect(&L, 5000);
    assert_ip(&L.a, h_ip(192, 0, 2, 1), h_ip(192, 0, 2, 50));
    assert_ip(&L.b, h_ip(192, 0, 2, 50), h_ip(192, 0, 2, 1));
}

static void client_brings_its_own_address(void **state)
{
    (void)state;
    L.a.s.ipcp.remote_addr = 0;
    L.b.s.ipcp.local_addr = h_ip(192, 0, 2, 60);
    h_connect(&L, 5000);
    assert_ip(&L.a, h_ip(192, 0, 2, 1), h_ip(192, 0, 2, 60));
}

static void nobody_knows_client_address(void **state)
{
    (void)state;
    L.a.s.ipcp.remote_addr = 0;
    h_connect(&L, 30000);
    assert_true(h_logged("sent [IPCP ConfRej id=0x1 <addr 0.0.0.0>]"));
    assert_true(h_logged("Could not determine local IP address"));
    assert_null(h_find_event(&L.b, ENGINE_EV_IP_UP));
}

static void server_learns_its_address_from_client(void **state)
{
    (void)state;
    L.a.s.ipcp.local_addr = 0;
    L.b.s.ipcp.remote_addr = h_ip(192, 0, 2, 1);
    h_connect(&L, 5000);
    assert_ip(&L.a, h_ip(192, 0, 2, 1), h_ip(192, 0, 2, 2));
}

static bool strip_ipcp_request(struct h_peer *from, uint16_t proto, uint8_t *d, size_t *len)
{
    (void)from;
    if (proto == PPP_PROTO_IPCP && d[0] == 1) {
        d[2] = 0;
        d[3] = 4;
        *len = 4;
    }
    return true;
}

static void remote_address_defaults(void **state)
{
    (void)state;
    L.a.s.ipcp.remote_addr = 0;
    L.a.s.ipcp.unit = 0;
    L.b.filter = strip_ipcp_request;
    h_connect(&L, 5000);
    assert_true(h_logged("Could not determine remote IP address: defaulting to 10.64.64.64"));
    assert_ip(&L.a, h_ip(192, 0, 2, 1), h_ip(10, 64, 64, 64));
}

static void peer_without_address_is_told_once(void **state)
{
    (void)state;
    L.b.filter = strip_ipcp_request;
    h_connect(&L, 5000);
    assert_int_equal(h_logged_count("sent [IPCP ConfNak id=0x1 <addr 192.0.2.2>]"), 1);
    assert_true(h_logged("sent [IPCP ConfAck id=0x2]"));
    assert_ip(&L.a, h_ip(192, 0, 2, 1), h_ip(192, 0, 2, 2));
}

static void dns_given_and_taken(void **state)
{
    (void)state;
    struct engine_ip_params ip;
    L.a.s.ipcp.ms_dns[0] = h_ip(198, 51, 100, 1);
    L.a.s.ipcp.ms_dns[1] = h_ip(198, 51, 100, 2);
    L.b.s.ipcp.usepeerdns = true;
    h_connect(&L, 5000);
    assert_true(h_logged("sent [IPCP ConfReq id=0x1 <compress VJ 0f 01> <addr 0.0.0.0> <ms-dns1 0.0.0.0> <ms-dns2 0.0.0.0>]"));
    assert_true(h_logged("sent [IPCP ConfNak id=0x1 <addr 192.0.2.2> <ms-dns1 198.51.100.1> <ms-dns2 198.51.100.2>]"));
    assert_true(h_logged("primary   DNS address 198.51.100.1"));
    assert_true(h_logged("secondary DNS address 198.51.100.2"));
    assert_true(engine_get_ip(L.b.e, &ip));
    assert_int_equal(ip.dns[0], h_ip(198, 51, 100, 1));
    assert_int_equal(ip.dns[1], h_ip(198, 51, 100, 2));
    const struct engine_event *ev = h_find_event(&L.b, ENGINE_EV_IP_UP);
    assert_int_equal(ev->ip.dns[1], h_ip(198, 51, 100, 2));
    assert_true(engine_get_ip(L.a.e, &ip));
    assert_int_equal(ip.dns[0], 0);
}

static void dns_asked_but_none_to_give(void **state)
{
    (void)state;
    struct engine_ip_params ip;
    L.b.s.ipcp.usepeerdns = true;
    h_connect(&L, 5000);
    assert_true(h_logged("sent [IPCP ConfRej id=0x1 <ms-dns1 0.0.0.0> <ms-dns2 0.0.0.0>]"));
    assert_true(engine_get_ip(L.b.e, &ip));
    assert_int_equal(ip.dns[0], 0);
    assert_false(h_logged("DNS address"));
}

static void one_dns_server_only(void **state)
{
    (void)state;
    struct engine_ip_params ip;
    L.a.s.ipcp.ms_dns[0] = h_ip(198, 51, 100, 7);
    L.b.s.ipcp.usepeerdns = true;
    h_connect(&L, 5000);
    assert_true(engine_get_ip(L.b.e, &ip));
    assert_int_equal(ip.dns[0], h_ip(198, 51, 100, 7));
    assert_int_equal(ip.dns[1], 0);
    assert_true(h_logged("primary   DNS address 198.51.100.7"));
    assert_false(h_logged("secondary DNS address"));
}

static void dns_not_asked_not_given(void **state)
{
    (void)state;
    L.a.s.ipcp.ms_dns[0] = h_ip(198, 51, 100, 7);
    h_connect(&L, 5000);
    assert_false(h_logged("ms-dns"));
}

/* a in network phase without a peer: answer to one IPCP request. */
static void answer_of(const uint8_t *opts, size_t n, uint8_t *code, uint8_t *reply, size_t *rlen)
{
    uint8_t pkt[128];
    h_connect(&L, 1000);
    L.a.to = NULL;
    L.b.to = NULL;
    engine_lower_down(L.b.e, L.now);
    engine_input(L.a.e, L.now, PPP_PROTO_IPCP, pkt, h_pkt(pkt, 1, 0x33, opts, n));
    *code = L.a.last_sent.data[0];
    *rlen = L.a.last_sent.len - 4;
    memcpy(reply, L.a.last_sent.data + 4, *rlen);
}

static void vj_compression_is_acked(void **state)
{
    (void)state;
    uint8_t code, reply[64];
    size_t n;
    static const uint8_t o[] = { 3, 6, 192, 0, 2, 2, 2, 6, 0, 0x2d, 15, 1 };
    answer_of(o, sizeof o, &code, reply, &n);
    assert_int_equal(code, 2);
    assert_int_equal(n, sizeof o);
    assert_true(h_logged("<compress VJ 0f 01>"));
}

static void vj_too_many_slots_is_naked(void **state)
{
    (void)state;
    uint8_t code, reply[64];
    size_t n;
    L.a.s.ipcp.vj_max_slots = 8;
    static const uint8_t o[] = { 3, 6, 192, 0, 2, 2, 2, 6, 0, 0x2d, 15, 1 };
    answer_of(o, sizeof o, &code, reply, &n);
    assert_int_equal(code, 3);
    static const uint8_t nak[] = { 2, 6, 0, 0x2d, 7, 1 };
    assert_int_equal(n, 6);
    assert_memory_equal(reply, nak, 6);
}

static void novj_rejects_vj(void **state)
{
    (void)state;
    uint8_t code, reply[64];
    size_t n;
    L.a.s.ipcp.neg_vj = false;
    static const uint8_t o[] = { 3, 6, 192, 0, 2, 2, 2, 6, 0, 0x2d, 15, 1 };
    answer_of(o, sizeof o, &code, reply, &n);
    assert_int_equal(code, 4);
    assert_int_equal(n, 6);
    assert_memory_equal(reply, o + 6, 6);
}

/* A TCP ACK from 192.0.2.1 with ack number ack (checksums not needed). */
static size_t tcp_ack(uint8_t *p, uint32_t ack, uint16_t id)
{
    memset(p, 0, 40);
    p[0] = 0x45;
    p[3] = 40;
    p[4] = (uint8_t)(id >> 8);
    p[5] = (uint8_t)id;
    p[8] = 64;
    p[9] = 6;
    p[12] = 192; p[14] = 2; p[15] = 1;
    p[16] = 192; p[18] = 2; p[19] = 2;
    p[20] = 0x9c; p[22] = 0x13; p[23] = 0x8b;
    p[28] = (uint8_t)(ack >> 24); p[29] = (uint8_t)(ack >> 16);
    p[30] = (uint8_t)(ack >> 8); p[31] = (uint8_t)ack;
    p[32] = 0x50;
    p[33] = 0x10;
    p[34] = 0x20;
    return 40;
}

/* Both sides ask for VJ and agree: the second ACK of a connection travels
 * as a compressed frame and is rebuilt byte for byte; the summary counts. */
static void vj_negotiated_and_used(void **state)
{
    (void)state;
    uint8_t p[40];
    char line[256];
    h_connect(&L, 5000);
    assert_true(h_logged("rcvd [IPCP ConfAck id=0x1 <compress VJ 0f 01>"));
    for (uint32_t i = 0; i < 3; i++) {
        const uint8_t *out = p;
        size_t n = tcp_ack(p, 1000 + i * 100, (uint16_t)(7 + i));
        uint16_t proto = engine_data_encap(L.a.e, PPP_PROTO_IP, &out, &n);
        assert_int_equal(proto, i == 0 ? PPP_PROTO_VJUC : PPP_PROTO_VJC);
        if (i > 0)
            assert_int_equal(n, 4);         /* mask, checksum, ack delta */
        engine_input(L.b.e, L.now, proto, out, n);
        assert_int_equal(L.b.ip_rcvd, i + 1);
        assert_int_equal(L.b.last_ip_len, 40);
        tcp_ack(p, 1000 + i * 100, (uint16_t)(7 + i));
        assert_memory_equal(L.b.last_ip + 12, p + 12, 28);
    }
    engine_data_summary(L.a.e, line, sizeof line);
    assert_non_null(strstr(line, "sent 2 compressed, 1 uncompressed"));
    engine_data_summary(L.b.e, line, sizeof line);
    assert_non_null(strstr(line, "received 2 compressed, 1 uncompressed, 0 tossed, 0 errors"));
    /* a lost frame: the next compressed one is tossed */
    engine_line_error(L.b.e);
    const uint8_t *out = p;
    size_t n = tcp_ack(p, 2000, 10);
    uint16_t proto = engine_data_encap(L.a.e, PPP_PROTO_IP, &out, &n);
    assert_int_equal(proto, PPP_PROTO_VJC);
    engine_input(L.b.e, L.now, proto, out, n);
    assert_int_equal(L.b.ip_rcvd, 3);
    engine_data_summary(L.b.e, line, sizeof line);
    assert_non_null(strstr(line, "1 tossed, 1 errors"));
}

/* novj on one side: no VJ either way; its VJ frames get a Protocol-Reject. */
static void novj_on_one_side(void **state)
{
    (void)state;
    uint8_t p[40];
    L.a.s.ipcp.neg_vj = false;
    h_connect(&L, 5000);
    assert_true(engine_ip_ready(L.a.e));
    assert_false(h_logged("rcvd [IPCP ConfAck id=0x1 <compress"));
    const uint8_t *out = p;
    size_t n = tcp_ack(p, 1, 1);
    assert_int_equal(engine_data_encap(L.a.e, PPP_PROTO_IP, &out, &n), PPP_PROTO_IP);
    assert_int_equal(engine_data_encap(L.b.e, PPP_PROTO_IP, &out, &n), PPP_PROTO_IP);
    static const uint8_t frame[] = { 0x44, 0, 0, 0 };
    uint64_t rej = engine_counters(L.a.e)->rx_protocol_rejected;
    engine_input(L.a.e, L.now, PPP_PROTO_VJC, frame, sizeof frame);
    assert_int_equal(engine_counters(L.a.e)->rx_protocol_rejected, rej + 1);
    char line[256];
    engine_data_summary(L.a.e, line, sizeof line);
    assert_string_equal(line, "");
}

static void ip_addresses_option_is_rejected(void **state)
{
    (void)state;
    uint8_t code, reply[64];
    size_t n;
    static const uint8_t o[] = { 1, 10, 192, 0, 2, 2, 192, 0, 2, 1 };
    answer_of(o, sizeof o, &code, reply, &n);
    assert_int_equal(code, 4);
    assert_memory_equal(reply, o, sizeof o);
    assert_true(h_logged("<addrs 192.0.2.2 192.0.2.1>"));
}

static void wins_and_unknown_are_rejected(void **state)
{
    (void)state;
    uint8_t code, reply[64];
    size_t n;
    static const uint8_t o[] = { 130, 6, 0, 0, 0, 0, 200, 2 };
    answer_of(o, sizeof o, &code, reply, &n);
    assert_int_equal(code, 4);
    assert_memory_equal(reply, o, sizeof o);
}

static void wrong_dns_value_is_naked(void **state)
{
    (void)state;
    uint8_t code, reply[64];
    size_t n;
    L.a.s.ipcp.ms_dns[0] = h_ip(198, 51, 100, 1);
    static const uint8_t o[] = { 3, 6, 192, 0, 2, 2, 129, 6, 1, 2, 3, 4 };
    answer_of(o, sizeof o, &code, reply, &n);
    assert_int_equal(code, 3);
    static const uint8_t want[] = { 129, 6, 198, 51, 100, 1 };
    assert_int_equal(n, 6);
    assert_memory_equal(reply, want, 6);
}

static void bad_ip_option_length_is_rejected(void **state)
{
    (void)state;
    uint8_t code, reply[64];
    size_t n;
    static const uint8_t o[] = { 3, 4, 192, 0 };
    answer_of(o, sizeof o, &code, reply, &n);
    assert_int_equal(code, 4);
}

static void malformed_ipcp_is_dropped(void **state)
{
    (void)state;
    uint8_t pkt[64];
    h_connect(&L, 1000);
    L.a.to = NULL;
    uint64_t sent = engine_counters(L.a.e)->tx_packets;
    uint64_t m = engine_counters(L.a.e)->rx_malformed;
    static const uint8_t len0[] = { 3, 0, 1, 2 };
    static const uint8_t len1[] = { 3, 1 };
    static const uint8_t over[] = { 3, 6, 192, 0, 2, 2, 129, 8, 0, 0 };
    engine_input(L.a.e, L.now, PPP_PROTO_IPCP, pkt, h_pkt(pkt, 1, 1, len0, sizeof len0));
    engine_input(L.a.e, L.now, PPP_PROTO_IPCP, pkt, h_pkt(pkt, 1, 2, len1, sizeof len1));
    engine_input(L.a.e, L.now, PPP_PROTO_IPCP, pkt, h_pkt(pkt, 1, 3, over, sizeof over));
    engine_input(L.a.e, L.now, PPP_PROTO_IPCP, pkt, 3);
    static const uint8_t lying[] = { 1, 1, 0, 30, 3, 6 };
    engine_input(L.a.e, L.now, PPP_PROTO_IPCP, lying, sizeof lying);
    assert_int_equal(engine_counters(L.a.e)->rx_malformed - m, 5);
    assert_int_equal(engine_counters(L.a.e)->tx_packets, sent);
    assert_true(engine_ip_ready(L.a.e));
}

static void ipcp_timeout_ends_link(void **state)
{
    (void)state;
    L.b.drop_proto = PPP_PROTO_IPCP;
    L.b.s.ipcp.fsm.max_configure = 3;
    h_connect(&L, 60000);
    assert_true(h_logged("IPCP: timeout sending Config-Requests"));
    assert_true(h_logged("Hint: the link is up but the peer does not answer IP negotiation"));
    assert_true(h_logged("LCP terminated by peer (No network protocols running)"));
    assert_int_equal(h_dead_status(&L.b), ENGINE_EXIT_NEGOTIATION_FAILED);
    assert_int_equal(L.b.sent_by_proto_code[1][1], 3);
}

static void ip_packets_flow_only_when_up(void **state)
{
    (void)state;
    uint8_t dgram[20] = { 0x45 };
    L.b.drop_proto = PPP_PROTO_IPCP;
    h_connect(&L, 1000);
    assert_false(engine_ip_ready(L.a.e));
    engine_input(L.a.e, L.now, PPP_PROTO_IP, dgram, sizeof dgram);
    assert_int_equal(engine_counters(L.a.e)->rx_ip_dropped, 1);
    assert_int_equal(L.a.ip_rcvd, 0);
    L.b.drop_proto = 0;
    h_run_for(&L, 5000);
    assert_true(engine_ip_ready(L.a.e));
    engine_input(L.a.e, L.now, PPP_PROTO_IP, dgram, sizeof dgram);
    assert_int_equal(L.a.ip_rcvd, 1);
    assert_int_equal(engine_counters(L.a.e)->rx_ip_packets, 1);
    assert_int_equal(engine_counters(L.a.e)->rx_ip_bytes, 20);
}

static void ipcp_dropped_in_authenticate_phase(void **state)
{
    (void)state;
    uint8_t pkt[64];
    static const uint8_t o[] = { 3, 6, 192, 0, 2, 2 };
    L.a.s.auth.require_pap = true;
    L.a.pap_secrets = "bravo * pw *\n";
    snprintf(L.b.s.auth.password, sizeof L.b.s.auth.password, "pw");
    L.b.s.auth.have_password = true;
    L.b.drop_proto = PPP_PROTO_PAP;
    h_connect(&L, 1000);
    assert_int_equal(engine_phase(L.a.e), ENGINE_PHASE_AUTHENTICATE);
    uint64_t before = engine_counters(L.a.e)->rx_not_open;
    uint64_t sent = engine_counters(L.a.e)->tx_packets;
    engine_input(L.a.e, L.now, PPP_PROTO_IPCP, pkt, h_pkt(pkt, 1, 1, o, sizeof o));
    uint8_t dgram[20] = { 0x45 };
    engine_input(L.a.e, L.now, PPP_PROTO_IP, dgram, sizeof dgram);
    assert_int_equal(engine_counters(L.a.e)->rx_not_open, before + 2);
    assert_int_equal(engine_counters(L.a.e)->tx_packets, sent);
    assert_int_equal(L.a.ip_rcvd, 0);
}

static void bad_nak_and_reject_of_our_request(void **state)
{
    (void)state;
    uint8_t pkt[64];
    L.b.s.ipcp.usepeerdns = true;
    L.a.drop_proto = PPP_PROTO_IPCP;
    h_connect(&L, 1000);
    uint8_t id = L.b.last_sent.data[1];
    assert_int_equal(L.b.last_sent.proto, PPP_PROTO_IPCP);
    static const uint8_t nak_badlen[] = { 3, 4, 1, 2 };
    static const uint8_t nak_dnslen[] = { 129, 5, 1, 2, 3 };
    static const uint8_t rej_wins[] = { 130, 6, 0, 0, 0, 0 };
    static const uint8_t rej_badlen[] = { 3, 5, 0, 0, 0 };
    engine_input(L.b.e, L.now, PPP_PROTO_IPCP, pkt, h_pkt(pkt, 3, id, nak_badlen, 4));
    engine_input(L.b.e, L.now, PPP_PROTO_IPCP, pkt, h_pkt(pkt, 3, id, nak_dnslen, 5));
    engine_input(L.b.e, L.now, PPP_PROTO_IPCP, pkt, h_pkt(pkt, 4, id, rej_wins, 6));
    engine_input(L.b.e, L.now, PPP_PROTO_IPCP, pkt, h_pkt(pkt, 4, id, rej_badlen, 5));
    assert_int_equal(engine_counters(L.b.e)->rx_malformed, 4);
    /* A Nak of 0.0.0.0 for our address changes nothing; DNS values are taken. */
    static const uint8_t nak_ok[] = { 3, 6, 0, 0, 0, 0, 131, 6, 203, 0, 113, 5 };
    engine_input(L.b.e, L.now, PPP_PROTO_IPCP, pkt, h_pkt(pkt, 3, id, nak_ok, sizeof nak_ok));
    assert_true(h_logged("sent [IPCP ConfReq id=0x2 <compress VJ 0f 01> <addr 0.0.0.0> <ms-dns1 0.0.0.0> <ms-dns2 203.0.113.5>]"));
    static const uint8_t rej_dns1[] = { 129, 6, 0, 0, 0, 0 };
    engine_input(L.b.e, L.now, PPP_PROTO_IPCP, pkt, h_pkt(pkt, 4, (uint8_t)(id + 1), rej_dns1, 6));
    assert_true(h_logged("sent [IPCP ConfReq id=0x3 <compress VJ 0f 01> <addr 0.0.0.0> <ms-dns2 203.0.113.5>]"));
}

static void renegotiation_takes_ip_down_and_up(void **state)
{
    (void)state;
    h_connect(&L, 5000);
    assert_true(engine_ip_ready(L.a.e));
    /* bravo starts IPCP over: a fresh Configure-Request. */
    uint8_t pkt[64];
    static const uint8_t o[] = { 3, 6, 192, 0, 2, 2 };
    engine_input(L.a.e, L.now, PPP_PROTO_IPCP, pkt, h_pkt(pkt, 1, 0x60, o, sizeof o));
    assert_int_equal(h_count_events(&L.a, ENGINE_EV_IP_DOWN), 1);
    assert_false(engine_ip_ready(L.a.e));
    h_run_for(&L, 5000);
    assert_true(engine_ip_ready(L.a.e));
    assert_int_equal(h_count_events(&L.a, ENGINE_EV_IP_UP), 2);
}

/* bravo answers every IPCP request of alpha with a Nak for another address. */
static bool nak_every_ipcp_request(struct h_peer *from, uint16_t proto, uint8_t *d, size_t *len)
{
    static uint8_t n;
    (void)from;
    if (proto == PPP_PROTO_IPCP && d[0] == 2) {
        static const uint8_t opt[] = { 3, 6, 203, 0, 113, 0 };
        d[0] = 3;
        memcpy(d + 4, opt, sizeof opt);
        d[9] = ++n;
        d[2] = 0;
        d[3] = 10;
        *len = 10;
    }
    return true;
}

static void never_converging_ipcp_naks_give_up(void **state)
{
    (void)state;
    L.a.s.ipcp.fsm.max_failure = 4;
    L.a.s.ipcp.fsm.max_configure = 4;
    L.b.filter = nak_every_ipcp_request;
    h_connect(&L, 60000);
    assert_true(h_logged("IPCP: peer keeps sending Configure-Naks: giving up"));
    assert_true(h_logged("sent [IPCP ConfReq id=0x6 <compress VJ 0f 01>]"));   /* the address dropped, not changed */
    assert_true(L.a.sent_by_proto_code[1][1] <= 12);
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_NEGOTIATION_FAILED);
}

static void ipcp_max_failure_is_settable(void **state)
{
    (void)state;
    L.b.s.ipcp.local_addr = h_ip(192, 0, 2, 50);
    L.a.s.ipcp.fsm.max_failure = 2;
    h_connect(&L, 30000);
    assert_int_equal(L.a.sent_by_proto_code[1][3], 2);
}

/* demand, as pppd: the client starts from the placeholder remote (taking
 * the peer's), asks for 0.0.0.0; for the next call the owner gives it what
 * the first agreed (engine_set_ipcp), and it asks for that, no Nak needed. */
static void demand_placeholders_then_last_call_addresses(void **state)
{
    (void)state;
    L.b.s.ipcp.local_addr = 0;
    L.b.s.ipcp.remote_addr = h_ip(10, 112, 112, 112);
    L.b.s.ipcp.accept_remote = true;
    L.b.s.ipcp.accept_local = true;
    h_connect(&L, 5000);
    assert_ip(&L.b, h_ip(192, 0, 2, 2), h_ip(192, 0, 2, 1));
    assert_false(h_logged("<addr 10.112.112.112>"));
    engine_close(L.b.e, L.now, ENGINE_EXIT_USER_REQUEST, "Link inactive");
    h_run_for(&L, 10000);
    assert_int_equal(engine_phase(L.b.e), ENGINE_PHASE_DEAD);

    struct engine_ipcp_settings ip = L.b.s.ipcp;
    ip.local_addr = h_ip(192, 0, 2, 2);
    ip.remote_addr = h_ip(192, 0, 2, 1);
    engine_set_ipcp(L.b.e, &ip);
    h_log_reset();
    engine_open(L.a.e, L.now);
    engine_open(L.b.e, L.now);
    engine_lower_up(L.a.e, L.now);
    engine_lower_up(L.b.e, L.now);
    h_run_for(&L, 5000);
    assert_ip(&L.b, h_ip(192, 0, 2, 2), h_ip(192, 0, 2, 1));
    assert_true(h_logged("<addr 192.0.2.2>]"));
    assert_false(h_logged("IPCP ConfNak"));
}

#define T(f) cmocka_unit_test_setup_teardown(f, h_setup, h_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(server_assigns_client_address),
        T(both_pinned_and_agreeing),
        T(client_insists_on_other_address),
        T(accept_local_takes_servers_idea),
        T(accept_remote_takes_clients_idea),
        T(client_brings_its_own_address),
        T(nobody_knows_client_address),
        T(server_learns_its_address_from_client),
        T(remote_address_defaults),
        T(peer_without_address_is_told_once),
        T(demand_placeholders_then_last_call_addresses),
        T(dns_given_and_taken),
        T(dns_asked_but_none_to_give),
        T(one_dns_server_only),
        T(dns_not_asked_not_given),
        T(vj_compression_is_acked),
        T(vj_too_many_slots_is_naked),
        T(novj_rejects_vj),
        T(vj_negotiated_and_used),
        T(novj_on_one_side),
        T(ip_addresses_option_is_rejected),
        T(wins_and_unknown_are_rejected),
        T(wrong_dns_value_is_naked),
        T(bad_ip_option_length_is_rejected),
        T(malformed_ipcp_is_dropped),
        T(ipcp_timeout_ends_link),
        T(ip_packets_flow_only_when_up),
        T(ipcp_dropped_in_authenticate_phase),
        T(bad_nak_and_reject_of_our_request),
        T(renegotiation_takes_ip_down_and_up),
        T(never_converging_ipcp_naks_give_up),
        T(ipcp_max_failure_is_settable),
    };
    return cmocka_run_group_tests_name("ipcp", tests, NULL, NULL);
}
