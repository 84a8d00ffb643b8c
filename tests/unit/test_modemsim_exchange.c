/* cmocka tests for contrib/modemsim phonebook, throttle and TCP address parsing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "contrib/modemsim/phonebook.h"
#include "contrib/modemsim/tcp.h"
#include "contrib/modemsim/throttle.h"

static void phonebook_ignores_punctuation(void **s)
{
    (void)s;
    struct phonebook pb = { 0 };
    assert_int_equal(phonebook_add(&pb, "301-555-1212", 0), 0);
    assert_int_equal(phonebook_add(&pb, "555 0000", 1), 0);
    assert_int_equal(phonebook_lookup(&pb, "301-555-1212"), 0);
    assert_int_equal(phonebook_lookup(&pb, "(301) 555.1212"), 0);
    assert_int_equal(phonebook_lookup(&pb, "3015551212"), 0);
    assert_int_equal(phonebook_lookup(&pb, "W5550000"), 1);
    assert_int_equal(phonebook_lookup(&pb, "301555121"), -1);
    assert_int_equal(phonebook_lookup(&pb, "---"), -1);
}

static void phonebook_rejects_bad_entries(void **s)
{
    (void)s;
    struct phonebook pb = { 0 };
    assert_int_equal(phonebook_add(&pb, "abc", 0), -1);
    assert_int_equal(phonebook_add(&pb, "123456789012345678901234567890123456", 0), -1);
    assert_int_equal(phonebook_add(&pb, "1-2", 0), 0);
    assert_int_equal(phonebook_add(&pb, "12", 1), -1);   /* duplicate */
    for (int i = 1; i < PHONEBOOK_MAX; i++) {
        char n[16];
        snprintf(n, sizeof n, "9%d", i);
        assert_int_equal(phonebook_add(&pb, n, i), 0);
    }
    assert_int_equal(phonebook_add(&pb, "777", 0), -1);  /* full */
}

static void tcp_addresses(void **s)
{
    (void)s;
    struct sockaddr_in sa;
    assert_int_equal(tcp_parse("127.0.0.1:2323", &sa), 0);
    assert_int_equal(ntohs(sa.sin_port), 2323);
    assert_int_equal(ntohl(sa.sin_addr.s_addr), 0x7f000001);
    assert_int_equal(tcp_parse("127.0.0.1", &sa), -1);
    assert_int_equal(tcp_parse("127.0.0.1:0", &sa), -1);
    assert_int_equal(tcp_parse("127.0.0.1:65536", &sa), -1);
    assert_int_equal(tcp_parse("127.0.0.1:23a", &sa), -1);
    assert_int_equal(tcp_parse("301-555-1212", &sa), -1);
    assert_int_equal(tcp_parse(":23", &sa), -1);
    assert_int_equal(tcp_parse("1.2.3:23", &sa), -1);
}

static void throttle_unlimited_passes_all(void **s)
{
    (void)s;
    static struct throttle t;
    const uint8_t *p;
    throttle_init(&t, 0);
    throttle_limit(&t, true, 0);
    assert_int_equal(throttle_push(&t, "hello", 5), 5);
    assert_int_equal(throttle_avail(&t, 0, &p), 5);
    assert_memory_equal(p, "hello", 5);
    throttle_consume(&t, 5);
    assert_int_equal(throttle_deadline(&t, 0), 0);
}

static void throttle_paces_at_line_rate(void **s)
{
    (void)s;
    static struct throttle t;
    static uint8_t big[6000];
    const uint8_t *p;
    throttle_init(&t, 57600);          /* 5760 bytes/s */
    throttle_limit(&t, true, 1000);
    assert_int_equal(throttle_push(&t, big, sizeof big), sizeof big);
    assert_int_equal(throttle_avail(&t, 1000, &p), 0);
    assert_int_equal(throttle_deadline(&t, 1000), 1001);
    size_t sent = 0;
    for (uint64_t now = 1001; now <= 2000; now++) {
        size_t n = throttle_avail(&t, now, &p);
        throttle_consume(&t, n);
        sent += n;
    }
    assert_in_range(sent, 5700, 5760);   /* one second of line time */
}

static void throttle_burst_is_bounded(void **s)
{
    (void)s;
    static struct throttle t;
    static uint8_t big[4000];
    const uint8_t *p;
    throttle_init(&t, 9600);           /* 960 bytes/s, burst 19 -> 16 minimum */
    throttle_limit(&t, true, 0);
    throttle_push(&t, big, sizeof big);
    assert_int_equal(throttle_avail(&t, 100000, &p), 19 > 16 ? 19 : 16);
}

static void throttle_full_queue_and_wrap(void **s)
{
    (void)s;
    static struct throttle t;
    static uint8_t big[THROTTLE_CAP + 10];
    const uint8_t *p;
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = (uint8_t)i;
    throttle_init(&t, 0);
    assert_int_equal(throttle_push(&t, big, sizeof big), THROTTLE_CAP);
    assert_int_equal(throttle_room(&t), 0);
    throttle_consume(&t, 100);
    assert_int_equal(throttle_push(&t, big, 50), 50);
    size_t n = throttle_avail(&t, 0, &p);
    assert_int_equal(n, THROTTLE_CAP - 100);   /* up to the wrap */
    assert_int_equal(p[0], 100);
    throttle_consume(&t, n);
    n = throttle_avail(&t, 0, &p);
    assert_int_equal(n, 50);
    assert_int_equal(p[49], 49);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(phonebook_ignores_punctuation),
        cmocka_unit_test(phonebook_rejects_bad_entries),
        cmocka_unit_test(tcp_addresses),
        cmocka_unit_test(throttle_unlimited_passes_all),
        cmocka_unit_test(throttle_paces_at_line_rate),
        cmocka_unit_test(throttle_burst_is_bounded),
        cmocka_unit_test(throttle_full_queue_and_wrap),
    };
    return cmocka_run_group_tests_name("modemsim_exchange", tests, NULL, NULL);
}
