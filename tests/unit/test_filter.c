/* cmocka tests for pppd-lite/filter: pppd's pass-filter/active-filter
 * expressions compiled with libpcap and run over real IPv4/IPv6 headers,
 * direction qualifiers, and the option errors for bad expressions. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "pppd-lite/datapath/filter.h"
#include "pppd-lite/config/options.h"

/* IPv4 192.0.2.2 -> 192.0.2.1, protocol proto, with 8 bytes of L4 header
 * (ports 1024 -> dport for TCP/UDP; type 8 for ICMP). */
static size_t ip4(uint8_t *p, uint8_t proto, uint16_t dport)
{
    memset(p, 0, 28);
    p[0] = 0x45;
    p[3] = 28;
    p[8] = 64;
    p[9] = proto;
    const uint8_t src[] = { 192, 0, 2, 2 }, dst[] = { 192, 0, 2, 1 };
    memcpy(p + 12, src, 4);
    memcpy(p + 16, dst, 4);
    if (proto == 1) {
        p[20] = 8;
    } else {
        p[20] = 0x04;
        p[22] = (uint8_t)(dport >> 8);
        p[23] = (uint8_t)dport;
    }
    return 28;
}

static void test_no_filter_passes_all(void **state)
{
    (void)state;
    struct pkt_filter f;
    char err[256];
    assert_int_equal(filter_compile(&f, "", err, sizeof err), 0);
    uint8_t p[28];
    ip4(p, 6, 80);
    assert_true(filter_match(&f, true, 0x0021, p, sizeof p));
    filter_free(&f);
}

static void test_icmp_and_ports(void **state)
{
    (void)state;
    struct pkt_filter f;
    char err[256];
    uint8_t p[28];
    assert_int_equal(filter_compile(&f, "not icmp", err, sizeof err), 0);
    ip4(p, 1, 0);
    assert_false(filter_match(&f, true, 0x0021, p, sizeof p));
    ip4(p, 6, 80);
    assert_true(filter_match(&f, true, 0x0021, p, sizeof p));
    filter_free(&f);

    assert_int_equal(filter_compile(&f, "tcp dst port 22 and dst host 192.0.2.1", err, sizeof err),
                     0);
    ip4(p, 6, 22);
    assert_true(filter_match(&f, true, 0x0021, p, sizeof p));
    ip4(p, 6, 80);
    assert_false(filter_match(&f, true, 0x0021, p, sizeof p));
    ip4(p, 17, 22);
    assert_false(filter_match(&f, true, 0x0021, p, sizeof p));
    filter_free(&f);
}

/* pppd's direction byte: 1 outbound, 0 inbound */
static void test_direction(void **state)
{
    (void)state;
    struct pkt_filter f;
    char err[256];
    uint8_t p[28];
    ip4(p, 17, 53);
    assert_int_equal(filter_compile(&f, "outbound", err, sizeof err), 0);
    assert_true(filter_match(&f, true, 0x0021, p, sizeof p));
    assert_false(filter_match(&f, false, 0x0021, p, sizeof p));
    filter_free(&f);
    assert_int_equal(filter_compile(&f, "inbound and udp", err, sizeof err), 0);
    assert_true(filter_match(&f, false, 0x0021, p, sizeof p));
    assert_false(filter_match(&f, true, 0x0021, p, sizeof p));
    filter_free(&f);
}

static void test_ipv6(void **state)
{
    (void)state;
    struct pkt_filter f;
    char err[256];
    uint8_t p6[48] = { 0x60 };
    p6[5] = 8;
    p6[6] = 58;   /* ICMPv6 */
    p6[7] = 64;
    uint8_t p4[28];
    ip4(p4, 1, 0);
    assert_int_equal(filter_compile(&f, "ip6", err, sizeof err), 0);
    assert_true(filter_match(&f, true, 0x0057, p6, sizeof p6));
    assert_false(filter_match(&f, true, 0x0021, p4, sizeof p4));
    filter_free(&f);
}

static void test_bad_expression(void **state)
{
    (void)state;
    struct pkt_filter f;
    char err[256] = "";
    assert_int_equal(filter_compile(&f, "icmp and", err, sizeof err), -1);
    assert_true(strlen(err) > 0);
    assert_false(f.set);
    filter_free(&f);
}

/* as options: the error names the option and quotes the expression */
static void test_option_errors(void **state)
{
    (void)state;
    static struct ppp_options o;
    const char *names[] = { "pass-filter", "active-filter" };
    for (int i = 0; i < 2; i++) {
        struct opt_ctx ctx = { .o = &o, .privileged_invoker = true };
        struct opt_source src = { .file = "t", .priv = true };
        options_init(&o, true);
        char *bad[2] = { (char *)names[i], "port nonsense-word" };
        size_t used;
        assert_int_equal(options_apply(&ctx, &src, bad, NULL, 2, &used), -1);
        assert_non_null(strstr(ctx.err, names[i]));
        assert_non_null(strstr(ctx.err, "invalid filter expression"));
        char *good[2] = { (char *)names[i], "not icmp" };
        assert_int_equal(options_apply(&ctx, &src, good, NULL, 2, &used), 0);
        assert_string_equal(i ? o.active_filter : o.pass_filter, "not icmp");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_filter_passes_all),
        cmocka_unit_test(test_icmp_and_ports),
        cmocka_unit_test(test_direction),
        cmocka_unit_test(test_ipv6),
        cmocka_unit_test(test_bad_expression),
        cmocka_unit_test(test_option_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
