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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(messages_reach_sink, setup, teardown),
        cmocka_unit_test_setup_teardown(debug_needs_switch, setup, teardown),
        cmocka_unit_test_setup_teardown(file_target_appends_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(overlong_message_is_truncated, setup, teardown),
        cmocka_unit_test_setup_teardown(level_names, setup, teardown),
    };
    return cmocka_run_group_tests_name("log", tests, NULL, NULL);
}
