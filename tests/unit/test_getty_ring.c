/* cmocka tests for getty/ring: RING counting and ringback, on a fake clock
 * (milliseconds that the test moves by hand). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "getty/ring.h"

static long now;
static struct gring r;

/* Let the clock run to t, as the I/O loop would: a timeout at every
 * deadline passed; returns the first decision that is not GRING_WAIT. */
static enum gring_result run_until(long t)
{
    while (gring_deadline(&r) <= t) {
        now = gring_deadline(&r);
        enum gring_result res = gring_on_timeout(&r, now);
        if (res != GRING_WAIT)
            return res;
    }
    now = t;
    return GRING_WAIT;
}

static enum gring_result ring_at(long t)
{
    enum gring_result res = run_until(t);
    if (res != GRING_WAIT)
        return res;
    return gring_on_ring(&r, now);
}

static void test_plain_counts_rings(void **state)
{
    (void)state;
    now = 1000;
    gring_start(&r, 3, false, 30, 10000, now);
    assert_int_equal(ring_at(2000), GRING_WAIT);
    assert_int_equal(ring_at(7000), GRING_WAIT);
    assert_int_equal(ring_at(12000), GRING_ANSWER);
    assert_int_equal(r.rings, 3);
}

static void test_plain_one_ring_answers_at_once(void **state)
{
    (void)state;
    now = 0;
    gring_start(&r, 0, false, 30, 10000, now);      /* 0 counts as 1, as mgetty */
    assert_int_equal(ring_at(9999), GRING_ANSWER);
}

static void test_plain_no_ring_and_stopped(void **state)
{
    (void)state;
    now = 0;
    gring_start(&r, 2, false, 30, 10000, now);
    assert_int_equal(gring_on_timeout(&r, 9999), GRING_WAIT);   /* early wakeup */
    assert_int_equal(run_until(10000), GRING_NO_RING);

    now = 0;
    gring_start(&r, 3, false, 30, 10000, now);
    assert_int_equal(ring_at(5000), GRING_WAIT);
    /* the next RING must come within 10 s of the last one */
    assert_int_equal(gring_deadline(&r), 5000 + GRING_GAP_MS);
    assert_int_equal(run_until(5000 + GRING_GAP_MS), GRING_STOPPED);
    assert_int_equal(r.rings, 1);
}

static void test_ringback_second_call_answered(void **state)
{
    (void)state;
    now = 0;
    gring_start(&r, 1, true, 60, 10000, now);
    /* the first call rings four times (5 s cadence): never answered */
    for (long t = 500; t <= 15500; t += 5000)
        assert_int_equal(ring_at(t), GRING_WAIT);
    assert_int_equal(r.first_call_rings, 4);
    assert_int_equal(r.phase, GRING_FIRST_CALL);
    /* a RING missed in the cadence (10 s gap) does not end the first call */
    assert_int_equal(ring_at(25500), GRING_WAIT);
    assert_int_equal(r.first_call_rings, 5);
    /* 17 s without a RING: the window opens */
    assert_int_equal(run_until(25500 + GRING_RINGBACK_GAP_MS), GRING_WAIT);
    assert_int_equal(r.phase, GRING_WINDOW);
    assert_int_equal(gring_deadline(&r), 25500 + GRING_RINGBACK_GAP_MS + 60000);
    /* the caller dials again 40 s later: answered on its first RING */
    assert_int_equal(ring_at(25500 + GRING_RINGBACK_GAP_MS + 40000), GRING_ANSWER);
    assert_int_equal(r.rings, 1);
}

static void test_ringback_counts_rings_of_second_call(void **state)
{
    (void)state;
    now = 0;
    gring_start(&r, 2, true, 30, 10000, now);
    assert_int_equal(ring_at(1000), GRING_WAIT);
    assert_int_equal(run_until(1000 + GRING_RINGBACK_GAP_MS), GRING_WAIT);
    assert_int_equal(ring_at(30000), GRING_WAIT);                /* first of two */
    assert_int_equal(r.phase, GRING_COUNTING);
    assert_int_equal(ring_at(35000), GRING_ANSWER);
    /* a second call that stops after one of two RINGs */
    now = 0;
    gring_start(&r, 2, true, 30, 10000, now);
    assert_int_equal(run_until(GRING_RINGBACK_GAP_MS), GRING_WAIT);
    assert_int_equal(ring_at(GRING_RINGBACK_GAP_MS + 100), GRING_WAIT);
    assert_int_equal(run_until(GRING_RINGBACK_GAP_MS + 100 + GRING_GAP_MS), GRING_STOPPED);
}

static void test_ringback_no_second_call(void **state)
{
    (void)state;
    now = 0;
    gring_start(&r, 1, true, 45, 10000, now);
    assert_int_equal(ring_at(100), GRING_WAIT);
    assert_int_equal(ring_at(5100), GRING_WAIT);
    long open_at = 5100 + GRING_RINGBACK_GAP_MS;
    assert_int_equal(run_until(open_at + 44999), GRING_WAIT);
    assert_int_equal(run_until(open_at + 45000), GRING_NO_RECALL);
    assert_int_equal(r.rings, 0);
}

static void test_ringback_time_minimum(void **state)
{
    (void)state;
    now = 0;
    gring_start(&r, 1, true, 5, 10000, now);           /* mgetty raises it to 30 */
    assert_int_equal(r.window_ms, GRING_RINGBACK_MIN_S * 1000L);
    /* input that never was a RING: the window opens after the gap anyway */
    assert_int_equal(run_until(GRING_RINGBACK_GAP_MS), GRING_WAIT);
    assert_int_equal(r.phase, GRING_WINDOW);
    assert_int_equal(run_until(GRING_RINGBACK_GAP_MS + 30000), GRING_NO_RECALL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_counts_rings),
        cmocka_unit_test(test_plain_one_ring_answers_at_once),
        cmocka_unit_test(test_plain_no_ring_and_stopped),
        cmocka_unit_test(test_ringback_second_call_answered),
        cmocka_unit_test(test_ringback_counts_rings_of_second_call),
        cmocka_unit_test(test_ringback_no_second_call),
        cmocka_unit_test(test_ringback_time_minimum),
    };
    return cmocka_run_group_tests_name("getty_ring", tests, NULL, NULL);
}
