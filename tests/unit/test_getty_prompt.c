/* cmocka tests for getty/prompt: mgetty's prompt and issue escapes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "getty/prompt.h"

static struct gprompt_ctx ctx;
static char out[GPROMPT_MAX + 64];

static int setup(void **state)
{
    (void)state;
    setenv("TZ", "UTC", 1);
    memset(&ctx, 0, sizeof ctx);
    ctx.nodename = "las1";
    ctx.sysname = "Linux";
    ctx.release = "6.0";
    ctx.version = "#1 SMP";
    ctx.machine = "i386";
    ctx.tty = "ttyS0";
    ctx.speed = 57600;
    ctx.connect = "57600/V42";
    ctx.caller_id = "0123";
    ctx.nusers = 3;
    ctx.now = 1764000000;          /* 2025-11-24 16:00:00 UTC */
    return 0;
}

static void test_default_prompt(void **state)
{
    (void)state;
    gprompt_expand("@ login: ", &ctx, out, sizeof out);   /* Debian's default */
    assert_string_equal(out, "las1 login: ");
    gprompt_expand("@!login: ", &ctx, out, sizeof out);   /* upstream's */
    assert_string_equal(out, "las1!login: ");
}

static void test_system_escapes(void **state)
{
    (void)state;
    gprompt_expand("\\s \\m \\R \\V", &ctx, out, sizeof out);
    assert_string_equal(out, "Linux i386 6.0 #1 SMP");
}

static void test_line_escapes(void **state)
{
    (void)state;
    gprompt_expand("\\P \\L \\S \\I \\Y \\N \\U", &ctx, out, sizeof out);
    assert_string_equal(out, "ttyS0 ttyS0 57600 57600/V42 0123 3 3");
    ctx.caller_id = "";
    gprompt_expand("\\Y", &ctx, out, sizeof out);
    assert_string_equal(out, "none");
}

static void test_time_escapes(void **state)
{
    (void)state;
    gprompt_expand("\\D \\T", &ctx, out, sizeof out);
    assert_string_equal(out, "11/24/2025 16:00:00");
    gprompt_expand("\\C", &ctx, out, sizeof out);
    assert_string_equal(out, "Mon Nov 24 16:00:00 2025");
}

static void test_control_and_codes(void **state)
{
    (void)state;
    gprompt_expand("a\\nb\\rc\\td\\g\\b\\v\\f\\\\\\065\\0x41\\66", &ctx, out, sizeof out);
    assert_string_equal(out, "a\nb\rc\td\a\b\v\f\\5AB");
    gprompt_expand("\\q\\", &ctx, out, sizeof out);
    assert_string_equal(out, "q\\");
    /* past 255 mgetty keeps the low byte (Debian's 1.2.1 sends 0xf5, 0x1d) */
    gprompt_expand("\\1013|\\12317|\\0618", &ctx, out, sizeof out);
    assert_string_equal(out, "\xf5|\x1d|18");
}

static void test_length_limit(void **state)
{
    char in[1000];
    (void)state;
    memset(in, '@', sizeof in - 1);
    in[sizeof in - 1] = '\0';
    assert_int_equal(gprompt_expand(in, &ctx, out, sizeof out), GPROMPT_MAX);
    assert_int_equal(strlen(out), GPROMPT_MAX);
    assert_int_equal(gprompt_expand("abcdef", &ctx, out, 4), 3);
    assert_string_equal(out, "abc");
}

static void test_crlf(void **state)
{
    char o[32];
    (void)state;
    size_t n = gprompt_crlf("a\nb\r\nc", 6, o, sizeof o);
    assert_int_equal(n, 7);
    assert_memory_equal(o, "a\r\nb\r\nc", 7);
}

static void test_null_fields(void **state)
{
    struct gprompt_ctx empty;
    (void)state;
    memset(&empty, 0, sizeof empty);
    gprompt_expand("@\\s\\P\\I|", &empty, out, sizeof out);
    assert_string_equal(out, "|");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_default_prompt, setup),
        cmocka_unit_test_setup(test_system_escapes, setup),
        cmocka_unit_test_setup(test_line_escapes, setup),
        cmocka_unit_test_setup(test_time_escapes, setup),
        cmocka_unit_test_setup(test_control_and_codes, setup),
        cmocka_unit_test_setup(test_length_limit, setup),
        cmocka_unit_test_setup(test_crlf, setup),
        cmocka_unit_test_setup(test_null_fields, setup),
    };
    return cmocka_run_group_tests_name("getty_prompt", tests, NULL, NULL);
}
