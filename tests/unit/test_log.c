/* cmocka tests for common/log: level filter, debug switch, sink, file output. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/log.h"

struct capture {
    int count;
    enum log_level last_level;
    char last[256];
};

static void sink(void *ctx, enum log_level level, const char *msg)
{
    struct capture *c = ctx;
    c->count++;
    c->last_level = level;
    snprintf(c->last, sizeof c->last, "%s", msg);
}

static int setup(void **state)
{
    static struct capture c;
    memset(&c, 0, sizeof c);
    log_open("test", 0, 0);
    log_set_debug(false);
    log_set_sink(sink, &c);
    *state = &c;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    log_set_sink(NULL, NULL);
    log_close();
    return 0;
}

static void messages_reach_sink(void **state)
{
    struct capture *c = *state;
    log_notice("Connect: %s <--> %s", "ppp0", "/dev/ttyS0");
    assert_int_equal(c->count, 1);
    assert_int_equal(c->last_level, LOG_LVL_NOTICE);
    assert_string_equal(c->last, "Connect: ppp0 <--> /dev/ttyS0");
}

static void debug_needs_switch(void **state)
{
    struct capture *c = *state;
    log_debug("hidden");
    assert_int_equal(c->count, 0);
    log_set_debug(true);
    log_debug("shown %d", 1);
    assert_int_equal(c->count, 1);
    assert_string_equal(c->last, "shown 1");
}

static void file_target_appends_lines(void **state)
{
    (void)state;
    char path[] = "/tmp/test_log_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(log_set_file(path), 0);
    log_info("first");
    log_error("second");
    log_close();
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[256];
    assert_non_null(fgets(line, sizeof line, f));
    assert_non_null(strstr(line, "test["));
    assert_non_null(strstr(line, "]: first\n"));
    assert_non_null(fgets(line, sizeof line, f));
    assert_non_null(strstr(line, "]: second\n"));
    fclose(f);
    unlink(path);
}

static void overlong_message_is_truncated(void **state)
{
    struct capture *c = *state;
    char big[4000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = 0;
    log_warn("%s", big);
    assert_int_equal(c->count, 1);
    assert_int_equal(strlen(c->last), 255); /* capture buffer bound; no overflow */
}

static void level_names(void **state)
{
    (void)state;
    assert_string_equal(log_level_name(LOG_LVL_WARN), "warning");
    assert_string_equal(log_level_name((enum log_level)99), "?");
}

/* Text from outside: printable ASCII as is, everything else as \xNN. */
static void printable_escapes_and_truncates(void **state)
{
    (void)state;
    char out[64];
    assert_string_equal(log_printable(out, sizeof out, "joe", 3), "joe");
    assert_string_equal(log_printable(out, sizeof out, "a\x1b[2Jb\x7f\xff\\\"", 10),
                        "a\\x1b[2Jb\\x7f\\xff\\x5c\\x22");
    assert_string_equal(log_printable(out, sizeof out, "a\0b", 3), "a\\x00b");
    assert_string_equal(log_printable_str(out, sizeof out, NULL), "");
    /* too long: cut, and says so */
    char big[200];
    memset(big, 'x', sizeof big);
    log_printable(out, sizeof out, big, sizeof big);
    assert_int_equal(strlen(out), sizeof out - 1);
    assert_string_equal(out + strlen(out) - 3, "...");
    /* an escape never split by the cut */
    memset(big, 0x01, sizeof big);
    log_printable(out, 12, big, sizeof big);
    assert_string_equal(out, "\\x01\\x01...");
    char one[1];
    assert_string_equal(log_printable(one, 1, "abc", 3), "");
}

static struct {
    int n;
    char text[8][128];
} diverted;

static void divert_fn(void *ctx, enum log_level level, const char *msg)
{
    (void)ctx;
    (void)level;
    if (diverted.n < 8)
        snprintf(diverted.text[diverted.n++], sizeof diverted.text[0], "%s", msg);
}

/* A divert takes messages instead of the targets and the sink; log_pass
 * sends a finished message the same way; log_emit straight out. */
static void divert_takes_messages(void **state)
{
    struct capture *c = *state;
    memset(&diverted, 0, sizeof diverted);
    log_set_divert(divert_fn, NULL);
    log_warn("held %d", 1);
    log_debug("filtered before the divert");
    log_pass(LOG_LVL_INFO, "passed");
    assert_int_equal(c->count, 0);
    assert_int_equal(diverted.n, 2);
    assert_string_equal(diverted.text[0], "held 1");
    assert_string_equal(diverted.text[1], "passed");
    log_emit(LOG_LVL_NOTICE, "straight out");
    assert_int_equal(c->count, 1);
    log_sink_fn fn;
    void *ctx;
    log_get_divert(&fn, &ctx);
    assert_ptr_equal(fn, divert_fn);
    log_set_divert(NULL, NULL);
    log_warn("normal again");
    assert_int_equal(c->count, 2);
    assert_string_equal(c->last, "normal again");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(messages_reach_sink, setup, teardown),
        cmocka_unit_test_setup_teardown(debug_needs_switch, setup, teardown),
        cmocka_unit_test_setup_teardown(file_target_appends_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(overlong_message_is_truncated, setup, teardown),
        cmocka_unit_test_setup_teardown(level_names, setup, teardown),
        cmocka_unit_test_setup_teardown(printable_escapes_and_truncates, setup, teardown),
        cmocka_unit_test_setup_teardown(divert_takes_messages, setup, teardown),
    };
    return cmocka_run_group_tests_name("log", tests, NULL, NULL);
}
