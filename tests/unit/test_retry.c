/* cmocka tests for pppd-lite/retry (the persist loop's back-off and repeat
 * counting) and common/loghold under it: a failure that repeats word for
 * word is logged once, with a count when something else happens. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "common/log.h"
#include "common/loghold.h"
#include "pppd-lite/retry.h"

static struct {
    int n;
    char text[64][160];
    enum log_level level[64];
} out;

static void sink(void *ctx, enum log_level level, const char *msg)
{
    (void)ctx;
    if (out.n < 64) {
        out.level[out.n] = level;
        snprintf(out.text[out.n++], sizeof out.text[0], "%s", msg);
    }
}

static int setup(void **state)
{
    (void)state;
    memset(&out, 0, sizeof out);
    log_open("test", 0, 0);
    log_set_debug(false);
    log_set_sink(sink, NULL);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    log_set_divert(NULL, NULL);
    log_set_sink(NULL, NULL);
    return 0;
}

static int count(const char *s)
{
    int n = 0;
    for (int i = 0; i < out.n; i++)
        n += strstr(out.text[i], s) != NULL;
    return n;
}

static void fail_once(struct retry *r, const char *why)
{
    retry_begin(r);
    log_info("Starting link");
    log_error("Failed to open /dev/ttyUSB0: %s", why);
    retry_failed(r);
}

/* The same failure ten times: one pair of lines, then the count. */
static void repeats_are_counted_not_logged(void **state)
{
    (void)state;
    struct retry r;
    retry_init(&r);
    for (int i = 0; i < 10; i++)
        fail_once(&r, "No such file or directory");
    assert_int_equal(count("Failed to open"), 1);
    assert_int_equal(count("Starting link"), 1);
    assert_int_equal(out.level[1], LOG_LVL_ERROR);
    retry_finish(&r);
    assert_int_equal(count("The previous failure repeated 9 more times"), 1);
}

/* Another failure ends the streak: the count, then the new lines. */
static void a_different_failure_is_logged(void **state)
{
    (void)state;
    struct retry r;
    retry_init(&r);
    fail_once(&r, "No such file or directory");
    fail_once(&r, "No such file or directory");
    fail_once(&r, "Permission denied");
    assert_int_equal(count("Failed to open"), 2);
    assert_int_equal(count("repeated 1 more time"), 1);
    assert_true(strstr(out.text[out.n - 1], "Permission denied") != NULL);
    retry_finish(&r);
    assert_int_equal(count("The previous failure repeated"), 1);
}

/* A link that comes up: held lines go out, the count first; the next
 * failure is new again and the back-off starts over. */
static void opening_releases_and_resets(void **state)
{
    (void)state;
    struct retry r;
    retry_init(&r);
    fail_once(&r, "No such file or directory");
    assert_int_equal(retry_wait_s(&r, 0), 1);
    fail_once(&r, "No such file or directory");
    assert_int_equal(retry_wait_s(&r, 0), 2);
    retry_begin(&r);
    log_info("Starting link");
    log_info("Serial connection established.");
    assert_int_equal(count("Serial connection established."), 0);   /* held */
    retry_opened(&r);
    assert_int_equal(count("repeated 1 more time"), 1);
    assert_int_equal(count("Serial connection established."), 1);
    assert_int_equal(retry_wait_s(&r, 0), 1);
    fail_once(&r, "No such file or directory");
    assert_int_equal(count("Failed to open"), 2);
}

/* 1, 2, 4 ... 60 s whatever holdoff says, holdoff when longer. */
static void backoff_doubles_to_a_minute(void **state)
{
    (void)state;
    struct retry r;
    retry_init(&r);
    unsigned want[] = { 1, 2, 4, 8, 16, 32, 60, 60, 60 };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_int_equal(retry_wait_s(&r, 0), want[i]);
    retry_init(&r);
    assert_int_equal(retry_wait_s(&r, 30), 30);
    assert_int_equal(retry_wait_s(&r, 30), 30);
    assert_int_equal(retry_wait_s(&r, 1), 4);
}

/* Holds nest: an inner hold releases into the outer one. */
static void holds_nest(void **state)
{
    (void)state;
    struct log_hold outer, inner;
    log_hold_init(&outer);
    log_hold_init(&inner);
    log_hold_begin(&outer);
    log_warn("outer line");
    log_hold_begin(&inner);
    log_warn("inner line");
    assert_false(log_hold_end(&inner));
    log_hold_release(&inner);
    assert_int_equal(out.n, 0);
    log_hold_begin(&inner);
    log_warn("inner line");
    assert_true(log_hold_end(&inner));         /* the same again: the caller drops it */
    assert_false(log_hold_end(&outer));
    log_hold_release(&outer);
    assert_int_equal(out.n, 2);
    assert_string_equal(out.text[0], "outer line");
    assert_string_equal(out.text[1], "inner line");
}

/* More text than one attempt keeps: it goes out at once and never counts
 * as a repeat. */
static void overflow_goes_out(void **state)
{
    (void)state;
    struct log_hold h;
    char big[900];
    memset(big, 'z', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    log_hold_init(&h);
    for (int round = 0; round < 2; round++) {
        log_hold_begin(&h);
        for (int i = 0; i < 8; i++)
            log_warn("%s", big);
        assert_false(log_hold_end(&h));
        log_hold_release(&h);
    }
    assert_true(out.n >= 16);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(repeats_are_counted_not_logged, setup, teardown),
        cmocka_unit_test_setup_teardown(a_different_failure_is_logged, setup, teardown),
        cmocka_unit_test_setup_teardown(opening_releases_and_resets, setup, teardown),
        cmocka_unit_test_setup_teardown(backoff_doubles_to_a_minute, setup, teardown),
        cmocka_unit_test_setup_teardown(holds_nest, setup, teardown),
        cmocka_unit_test_setup_teardown(overflow_goes_out, setup, teardown),
    };
    return cmocka_run_group_tests_name("retry", tests, NULL, NULL);
}
