/* cmocka tests for pppd-lite/demandq: order, the bound (oldest dropped and
 * counted), packets too big for it, and reuse after draining. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "pppd-lite/datapath/demandq.h"

static struct demandq q;

static void test_fifo(void **state)
{
    (void)state;
    demandq_init(&q);
    const uint8_t *p;
    size_t n;
    assert_false(demandq_pop(&q, &p, &n));
    uint8_t a[3] = { 1, 2, 3 }, b[1] = { 9 };
    assert_true(demandq_push(&q, a, sizeof a));
    assert_true(demandq_push(&q, b, sizeof b));
    assert_true(demandq_pop(&q, &p, &n));
    assert_int_equal(n, 3);
    assert_memory_equal(p, a, 3);
    assert_true(demandq_pop(&q, &p, &n));
    assert_int_equal(n, 1);
    assert_int_equal(p[0], 9);
    assert_false(demandq_pop(&q, &p, &n));
}

static void test_bound_drops_oldest(void **state)
{
    (void)state;
    demandq_init(&q);
    for (unsigned i = 0; i < DEMANDQ_SLOTS + 5; i++) {
        uint8_t pkt[2] = { (uint8_t)i, 0xaa };
        assert_true(demandq_push(&q, pkt, sizeof pkt));
    }
    assert_int_equal(q.dropped, 5);
    const uint8_t *p;
    size_t n;
    for (unsigned i = 5; i < DEMANDQ_SLOTS + 5; i++) {
        assert_true(demandq_pop(&q, &p, &n));
        assert_int_equal(p[0], (uint8_t)i);
    }
    assert_false(demandq_pop(&q, &p, &n));
}

static void test_too_big(void **state)
{
    (void)state;
    static uint8_t big[DEMANDQ_PKT_MAX + 1];
    demandq_init(&q);
    assert_false(demandq_push(&q, big, sizeof big));
    assert_int_equal(q.too_big, 1);
    assert_true(demandq_push(&q, big, DEMANDQ_PKT_MAX));
    const uint8_t *p;
    size_t n;
    assert_true(demandq_pop(&q, &p, &n));
    assert_int_equal(n, DEMANDQ_PKT_MAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fifo),
        cmocka_unit_test(test_bound_drops_oldest),
        cmocka_unit_test(test_too_big),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
