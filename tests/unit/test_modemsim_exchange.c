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
    assert_int_equal(throttle_push(&t, "hello", 5, 0), 5);
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
    throttle_init(&t, 57600);          /* 5760 bytes/s: a byte every 173.6 us */
    throttle_limit(&t, true, 1000000);
    assert_int_equal(throttle_push(&t, big, sizeof big, 1000000), sizeof big);
    assert_int_equal(throttle_avail(&t, 1000000, &p), 0);
    assert_int_equal(throttle_deadline(&t, 1000000), 1000174);
    size_t sent = 0;
    for (uint64_t now = 1000100; now <= 2000000; now += 100) {
        size_t n = throttle_avail(&t, now, &p);
        throttle_consume(&t, n);
        sent += n;
    }
    assert_int_equal(sent, 5760);      /* one second of line time */
}

/* An idle line saves no time up: a packet written after a long pause still
 * takes its full line time (48 bytes at 5760 bytes/s: 8.33 ms). */
static void throttle_no_burst_after_idle(void **s)
{
    (void)s;
    static struct throttle t;
    static uint8_t pkt[48];
    const uint8_t *p;
    throttle_init(&t, 57600);
    throttle_limit(&t, true, 0);
    assert_int_equal(throttle_push(&t, pkt, 10, 0), 10);
    assert_int_equal(throttle_avail(&t, 2000, &p), 10);
    throttle_consume(&t, 10);
    assert_int_equal(throttle_deadline(&t, 2000), 0);
    uint64_t t0 = 100000000;           /* 100 s idle */
    throttle_push(&t, pkt, sizeof pkt, t0);
    assert_int_equal(throttle_avail(&t, t0, &p), 0);
    assert_int_equal(throttle_avail(&t, t0 + 174, &p), 1);
    assert_int_equal(throttle_avail(&t, t0 + 8300, &p), 47);
    assert_int_equal(throttle_avail(&t, t0 + 8334, &p), 48);
    /* a reader that stalls gets its backlog, no more than was queued */
    throttle_consume(&t, 48);
    throttle_push(&t, pkt, sizeof pkt, t0 + 10000);
    assert_int_equal(throttle_avail(&t, t0 + 60000000, &p), 48);
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
    assert_int_equal(throttle_push(&t, big, sizeof big, 0), THROTTLE_CAP);
    assert_int_equal(throttle_room(&t), 0);
    throttle_consume(&t, 100);
    assert_int_equal(throttle_push(&t, big, 50, 0), 50);
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
        cmocka_unit_test(throttle_no_burst_after_idle),
        cmocka_unit_test(throttle_full_queue_and_wrap),
    };
    return cmocka_run_group_tests_name("modemsim_exchange", tests, NULL, NULL);
}
