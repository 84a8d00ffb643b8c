/* cmocka tests for pppd-lite/datapath/iprewrite: the source of a queued
 * datagram changes and every checksum it touches is still right (checked
 * by computing them afresh), other packets are left alone, short or lying
 * headers are refused, and the log description reads as pppd's. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "pppd-lite/datapath/iprewrite.h"

#define OLD 0x0a404040u   /* 10.64.64.64, the placeholder */
#define NEW 0xc0000202u   /* 192.0.2.2, what IPCP gave */
#define DST 0xc0000201u   /* 192.0.2.1 */

/* RFC 1071 sum over len bytes, folded and complemented. */
static uint16_t cksum(const uint8_t *p, size_t len, uint32_t sum)
{
    for (size_t i = 0; i + 1 < len; i += 2)
        sum += (uint32_t)(p[i] << 8 | p[i + 1]);
    if (len & 1)
        sum += (uint32_t)p[len - 1] << 8;
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The checksum of the transport segment with the IPv4 pseudo-header. */
static uint16_t l4_cksum(const uint8_t *pkt, size_t hlen, size_t total)
{
    uint32_t sum = (get32(pkt + 12) >> 16) + (get32(pkt + 12) & 0xffff) +
                   (get32(pkt + 16) >> 16) + (get32(pkt + 16) & 0xffff) + pkt[9] +
                   (uint32_t)(total - hlen);
    return cksum(pkt + hlen, total - hlen, sum);
}

/* An IPv4 datagram: hlen-byte header (options zero), payload of plen bytes
 * with a valid transport checksum at csum_off (when >= 0). */
static size_t build(uint8_t *pkt, size_t hlen, uint8_t proto, uint32_t src, size_t plen,
                    int csum_off, uint16_t frag)
{
    size_t total = hlen + plen;
    memset(pkt, 0, total);
    pkt[0] = (uint8_t)(0x40 | hlen / 4);
    pkt[2] = (uint8_t)(total >> 8);
    pkt[3] = (uint8_t)total;
    pkt[6] = (uint8_t)(frag >> 8);
    pkt[7] = (uint8_t)frag;
    pkt[8] = 64;
    pkt[9] = proto;
    put32(pkt + 12, src);
    put32(pkt + 16, DST);
    for (size_t i = 0; i < plen; i++)
        pkt[hlen + i] = (uint8_t)(i * 7 + 3);
    if (proto == 6 || proto == 17) {
        pkt[hlen] = 0x9c;     /* source port 40000 */
        pkt[hlen + 1] = 0x40;
        pkt[hlen + 2] = 0;    /* destination port 53 */
        pkt[hlen + 3] = 53;
    }
    if (csum_off >= 0) {
        pkt[hlen + (size_t)csum_off] = pkt[hlen + (size_t)csum_off + 1] = 0;
        uint16_t c = l4_cksum(pkt, hlen, total);
        pkt[hlen + (size_t)csum_off] = (uint8_t)(c >> 8);
        pkt[hlen + (size_t)csum_off + 1] = (uint8_t)c;
    }
    uint16_t h = cksum(pkt, hlen, 0);
    pkt[10] = (uint8_t)(h >> 8);
    pkt[11] = (uint8_t)h;
    return total;
}

static void assert_header_ok(const uint8_t *pkt, size_t hlen)
{
    assert_int_equal(cksum(pkt, hlen, 0), 0);
}

static void test_tcp(void **state)
{
    (void)state;
    uint8_t p[120];
    size_t n = build(p, 20, 6, OLD, 40, 16, 0);
    assert_int_equal(l4_cksum(p, 20, n), 0);
    assert_int_equal(iprewrite_source(p, n, OLD, NEW), IPREWRITE_DONE);
    assert_int_equal(get32(p + 12), NEW);
    assert_int_equal(get32(p + 16), DST);
    assert_header_ok(p, 20);
    assert_int_equal(l4_cksum(p, 20, n), 0);
}

static void test_udp_with_options_in_the_header(void **state)
{
    (void)state;
    uint8_t p[120];
    size_t n = build(p, 28, 17, OLD, 31, 6, 0);
    assert_int_equal(iprewrite_source(p, n, OLD, NEW), IPREWRITE_DONE);
    assert_header_ok(p, 28);
    assert_int_equal(l4_cksum(p, 28, n), 0);
}

static void test_udp_without_checksum_stays_without(void **state)
{
    (void)state;
    uint8_t p[80];
    size_t n = build(p, 20, 17, OLD, 12, -1, 0);
    p[26] = p[27] = 0;   /* RFC 768: no checksum */
    assert_int_equal(iprewrite_source(p, n, OLD, NEW), IPREWRITE_DONE);
    assert_header_ok(p, 20);
    assert_int_equal(p[26], 0);
    assert_int_equal(p[27], 0);
}

static void test_icmp_payload_untouched(void **state)
{
    (void)state;
    uint8_t p[100], before[100];
    size_t n = build(p, 20, 1, OLD, 64, 2, 0);
    memcpy(before, p, n);
    assert_int_equal(iprewrite_source(p, n, OLD, NEW), IPREWRITE_DONE);
    assert_header_ok(p, 20);
    assert_memory_equal(p + 20, before + 20, n - 20);
}

static void test_later_fragment_header_only(void **state)
{
    (void)state;
    uint8_t p[100], before[100];
    size_t n = build(p, 20, 6, OLD, 30, -1, 185);   /* offset 185*8: no TCP header here */
    memcpy(before, p, n);
    assert_int_equal(iprewrite_source(p, n, OLD, NEW), IPREWRITE_DONE);
    assert_header_ok(p, 20);
    assert_memory_equal(p + 20, before + 20, n - 20);
}

static void test_other_source_and_ipv6_untouched(void **state)
{
    (void)state;
    uint8_t p[100], before[100];
    size_t n = build(p, 20, 6, 0xc6336402u, 40, 16, 0);   /* a LAN host's, routed */
    memcpy(before, p, n);
    assert_int_equal(iprewrite_source(p, n, OLD, NEW), IPREWRITE_OTHER);
    assert_memory_equal(p, before, n);
    uint8_t v6[40] = { 0x60 };
    assert_int_equal(iprewrite_source(v6, sizeof v6, OLD, NEW), IPREWRITE_OTHER);
}

static void test_malformed_refused(void **state)
{
    (void)state;
    uint8_t p[100], before[100];
    size_t n = build(p, 20, 6, OLD, 40, 16, 0);
    memcpy(before, p, n);
    assert_int_equal(iprewrite_source(p, 19, OLD, NEW), IPREWRITE_MALFORMED);   /* short */
    assert_int_equal(iprewrite_source(p, n - 1, OLD, NEW), IPREWRITE_MALFORMED); /* total > len */
    p[0] = 0x44;                                                               /* IHL 4 */
    assert_int_equal(iprewrite_source(p, n, OLD, NEW), IPREWRITE_MALFORMED);
    p[0] = 0x4f;                                                               /* IHL 60 > total */
    p[2] = 0;
    p[3] = 40;
    assert_int_equal(iprewrite_source(p, n, OLD, NEW), IPREWRITE_MALFORMED);
    assert_int_equal(iprewrite_source(p, 0, OLD, NEW), IPREWRITE_MALFORMED);
    p[0] = 0x45;
    p[2] = before[2];
    p[3] = before[3];
    assert_memory_equal(p, before, n);   /* nothing was written on the way */
}

static void test_tcp_header_cut_short(void **state)
{
    (void)state;
    /* total length says 20 + 10: the TCP checksum (offset 16) is not in it */
    uint8_t p[100];
    size_t n = build(p, 20, 6, OLD, 10, -1, 0);
    uint8_t tail[10];
    memcpy(tail, p + 20, 10);
    assert_int_equal(iprewrite_source(p, n, OLD, NEW), IPREWRITE_DONE);
    assert_header_ok(p, 20);
    assert_memory_equal(p + 20, tail, 10);
}

static void test_describe(void **state)
{
    (void)state;
    uint8_t p[100];
    char s[80];
    size_t n = build(p, 20, 6, NEW, 40, 16, 0);
    iprewrite_describe(p, n, s, sizeof s);
    assert_string_equal(s, "TCP 192.0.2.2:40000 -> 192.0.2.1:53");
    n = build(p, 20, 17, NEW, 8, 6, 0);
    iprewrite_describe(p, n, s, sizeof s);
    assert_string_equal(s, "UDP 192.0.2.2:40000 -> 192.0.2.1:53");
    n = build(p, 20, 1, NEW, 8, 2, 0);
    iprewrite_describe(p, n, s, sizeof s);
    assert_string_equal(s, "ICMP 192.0.2.2 -> 192.0.2.1");
    n = build(p, 20, 47, NEW, 8, -1, 0);
    iprewrite_describe(p, n, s, sizeof s);
    assert_string_equal(s, "proto 47 192.0.2.2 -> 192.0.2.1");
    iprewrite_describe(p, 10, s, sizeof s);
    assert_string_equal(s, "");
    iprewrite_describe(p, n, s, 8);
    assert_int_equal(strlen(s), 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tcp),
        cmocka_unit_test(test_udp_with_options_in_the_header),
        cmocka_unit_test(test_udp_without_checksum_stays_without),
        cmocka_unit_test(test_icmp_payload_untouched),
        cmocka_unit_test(test_later_fragment_header_only),
        cmocka_unit_test(test_other_source_and_ipv6_untouched),
        cmocka_unit_test(test_malformed_refused),
        cmocka_unit_test(test_tcp_header_cut_short),
        cmocka_unit_test(test_describe),
    };
    return cmocka_run_group_tests_name("iprewrite", tests, NULL, NULL);
}
