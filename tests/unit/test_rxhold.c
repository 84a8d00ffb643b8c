/* cmocka tests for pppd-lite/rxhold: when merged TCP segments from the line
 * are held back and when they go, on a fake microsecond clock. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "pppd-lite/datapath/rxhold.h"

#define T0 1000000u

/* A slow line or interactive traffic: a small read never holds. */
static void test_small_read_writes_at_once(void **state)
{
    (void)state;
    struct rx_hold h = { 0 };
    assert_false(rx_hold_keep(&h, 100, 60, T0));
    assert_false(rx_hold_keep(&h, RXHOLD_BULK - 1, 1500, T0));
    assert_int_equal(rx_hold_wait(&h, 1500, T0), -1);
    assert_false(rx_hold_due(&h, T0 + 10 * RXHOLD_MAX_US));
}

/* Nothing merged (no TCP in this batch): nothing to hold. */
static void test_nothing_held(void **state)
{
    (void)state;
    struct rx_hold h = { 0 };
    assert_false(rx_hold_keep(&h, 4096, 0, T0));
    assert_int_equal(rx_hold_wait(&h, 0, T0), -1);
}

/* A streaming line holds, and the wait is bounded by the hold's start. */
static void test_stream_holds_until_deadline(void **state)
{
    (void)state;
    struct rx_hold h = { 0 };
    assert_true(rx_hold_keep(&h, 4096, 4000, T0));
    assert_int_equal(rx_hold_wait(&h, 4000, T0), RXHOLD_MAX_US);
    assert_int_equal(rx_hold_wait(&h, 4000, T0 + 200), RXHOLD_MAX_US - 200);
    /* more of the stream: still held, the deadline does not move */
    assert_true(rx_hold_keep(&h, 4096, 8000, T0 + 200));
    assert_int_equal(rx_hold_wait(&h, 8000, T0 + 300), RXHOLD_MAX_US - 300);
    assert_false(rx_hold_due(&h, T0 + RXHOLD_MAX_US - 1));
    assert_true(rx_hold_due(&h, T0 + RXHOLD_MAX_US));
    /* written: the next hold starts afresh */
    assert_int_equal(rx_hold_wait(&h, 0, T0 + RXHOLD_MAX_US), -1);
    assert_false(rx_hold_due(&h, T0 + 5 * RXHOLD_MAX_US));
    assert_true(rx_hold_keep(&h, 4096, 4000, T0 + 2000));
    assert_int_equal(rx_hold_wait(&h, 4000, T0 + 2000), RXHOLD_MAX_US);
}

/* Enough held: written without waiting for the deadline. */
static void test_full_hold_writes(void **state)
{
    (void)state;
    struct rx_hold h = { 0 };
    assert_true(rx_hold_keep(&h, 4096, RXHOLD_MAX_BYTES - 1, T0));
    assert_false(rx_hold_keep(&h, 4096, RXHOLD_MAX_BYTES, T0 + 10));
    assert_int_equal(rx_hold_wait(&h, RXHOLD_MAX_BYTES, T0 + 10), -1);
    assert_false(rx_hold_due(&h, T0 + RXHOLD_MAX_US));
}

/* A stream that keeps the loop busy past the deadline: the next batch's end
 * writes what is held, even though the line still streams. */
static void test_overdue_batch_writes(void **state)
{
    (void)state;
    struct rx_hold h = { 0 };
    assert_true(rx_hold_keep(&h, 4096, 3000, T0));
    assert_false(rx_hold_keep(&h, 4096, 6000, T0 + RXHOLD_MAX_US));
    assert_int_equal(rx_hold_wait(&h, 6000, T0 + RXHOLD_MAX_US), -1);
}

/* The loop passes a wait already over: it waits 0, and the hold is due. */
static void test_wait_past_deadline_is_zero(void **state)
{
    (void)state;
    struct rx_hold h = { 0 };
    assert_true(rx_hold_keep(&h, 4096, 3000, T0));
    assert_int_equal(rx_hold_wait(&h, 3000, T0 + 5 * RXHOLD_MAX_US), 0);
    assert_true(rx_hold_due(&h, T0 + 5 * RXHOLD_MAX_US));
}

/* What was held went out another way (a packet that could not merge pushes
 * it out first): the hold ends and the loop waits without a limit. */
static void test_written_meanwhile_ends_hold(void **state)
{
    (void)state;
    struct rx_hold h = { 0 };
    assert_true(rx_hold_keep(&h, 4096, 3000, T0));
    assert_int_equal(rx_hold_wait(&h, 0, T0 + 10), -1);
    assert_false(rx_hold_due(&h, T0 + RXHOLD_MAX_US));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_read_writes_at_once),
        cmocka_unit_test(test_nothing_held),
        cmocka_unit_test(test_stream_holds_until_deadline),
        cmocka_unit_test(test_full_hold_writes),
        cmocka_unit_test(test_overdue_batch_writes),
        cmocka_unit_test(test_wait_past_deadline_is_zero),
        cmocka_unit_test(test_written_meanwhile_ends_hold),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
