/* chat escape handling: chat(8)'s clean() for send and expect strings, the
 * %v log rendering and the sub-expect splitter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "chat/escape.h"

static int clean(const char *in, bool sending, const struct chat_subst *sub, char *out, size_t cap)
{
    return chat_clean(in, sending, sub, out, cap, NULL);
}

#define ASSERT_CLEAN(in, sending, sub, expect_bytes)                                   \
    do {                                                                               \
        char out_[256];                                                                \
        int n_ = clean(in, sending, sub, out_, sizeof out_);                            \
        assert_int_equal(n_, (int)(sizeof(expect_bytes) - 1));                          \
        assert_memory_equal(out_, expect_bytes, sizeof(expect_bytes) - 1);              \
    } while (0)

static void test_send_plain_gets_cr(void **state)
{
    (void)state;
    ASSERT_CLEAN("ATZ", true, NULL, "ATZ\r");
}

static void test_expect_plain_no_cr(void **state)
{
    (void)state;
    ASSERT_CLEAN("OK", false, NULL, "OK");
}

static void test_empty_send_is_cr(void **state)
{
    (void)state;
    ASSERT_CLEAN("", true, NULL, "\r");
    ASSERT_CLEAN("", false, NULL, "");
}

static void test_backslash_c_at_end_only(void **state)
{
    (void)state;
    ASSERT_CLEAN("AT\\c", true, NULL, "AT");
    ASSERT_CLEAN("A\\cB", true, NULL, "AcB\r");
    ASSERT_CLEAN("x\\cy\\c", true, NULL, "xcy");
    ASSERT_CLEAN("A\\c", false, NULL, "Ac");
}

static void test_simple_escapes(void **state)
{
    (void)state;
    ASSERT_CLEAN("\\b\\n\\r\\s\\t", false, NULL, "\b\n\r \t");
    ASSERT_CLEAN("\\b\\n\\r\\s\\t\\c", true, NULL, "\b\n\r \t");
}

static void test_send_actions_kept_as_pairs(void **state)
{
    (void)state;
    ASSERT_CLEAN("\\d\\p\\K\\\\\\c", true, NULL, "\\d\\p\\K\\\\");
    /* in an expect they are plain letters and one backslash */
    ASSERT_CLEAN("\\d\\p\\K\\\\", false, NULL, "dpK\\");
}

static void test_N_is_nul_when_sending(void **state)
{
    (void)state;
    ASSERT_CLEAN("a\\Nb\\c", true, NULL, "a\\\0b");
    ASSERT_CLEAN("a\\Nb", false, NULL, "aNb");
}

static void test_octal(void **state)
{
    (void)state;
    ASSERT_CLEAN("\\101\\62\\7\\c", true, NULL, "A2\7");
    ASSERT_CLEAN("\\1011", false, NULL, "A1"); /* at most three digits */
    ASSERT_CLEAN("\\0x\\c", true, NULL, "\\\0x"); /* NUL re-escaped for the sender */
    ASSERT_CLEAN("\\134\\c", true, NULL, "\\\\");  /* a backslash, re-escaped */
    ASSERT_CLEAN("a\\0b", false, NULL, "ab");      /* no NUL in an expect */
}

static void test_caret_control(void **state)
{
    (void)state;
    ASSERT_CLEAN("^A^M^[^^", false, NULL, "\1\r\x1b\x1e");
    ASSERT_CLEAN("^@x", false, NULL, "x");        /* ^@ is dropped */
    ASSERT_CLEAN("ab^", false, NULL, "ab^");      /* trailing ^ is literal */
    ASSERT_CLEAN("^q", false, NULL, "\x11");      /* lower case works too */
}

static void test_phone_substitution(void **state)
{
    (void)state;
    struct chat_subst sub = { .phone = "5551212", .phone2 = "99" };
    ASSERT_CLEAN("ATDT\\T,\\U\\c", true, &sub, "ATDT5551212,99");
    /* unset, or in an expect: left as \T */
    ASSERT_CLEAN("\\T\\c", true, NULL, "\\T");
    ASSERT_CLEAN("\\T", false, &sub, "\\T");
}

static void test_quiet_flag(void **state)
{
    (void)state;
    char out[64];
    bool quiet = false;
    assert_int_equal(chat_clean("pass\\qword", true, NULL, out, sizeof out, &quiet), 9);
    assert_true(quiet);
    assert_string_equal(out, "password\r");
    quiet = false;
    chat_clean("plain", true, NULL, out, sizeof out, &quiet);
    assert_false(quiet);
}

static const char *fake_env(const char *name)
{
    return strcmp(name, "PHONE") == 0 ? "555" : strcmp(name, "A_1") == 0 ? "x" : NULL;
}

static void test_env_substitution(void **state)
{
    (void)state;
    struct chat_subst sub = { .use_env = true, .getenv_fn = fake_env };
    ASSERT_CLEAN("ATDT$PHONE\\c", true, &sub, "ATDT555");
    ASSERT_CLEAN("$A_1-$NOPE.", false, &sub, "x-.");
    ASSERT_CLEAN("cost\\$5", false, &sub, "cost$5");
    ASSERT_CLEAN("a$", false, &sub, "a");
    /* without -E a dollar is just a dollar */
    ASSERT_CLEAN("$PHONE", false, NULL, "$PHONE");
}

static void test_unknown_escape(void **state)
{
    (void)state;
    ASSERT_CLEAN("\\z\\c", true, NULL, "\\z"); /* the sender writes z */
    ASSERT_CLEAN("\\z\\-", false, NULL, "z-");
}

static void test_trailing_backslash(void **state)
{
    (void)state;
    ASSERT_CLEAN("ab\\", true, NULL, "ab\\\\\r");
    ASSERT_CLEAN("ab\\", false, NULL, "ab");
}

static void test_overflow_is_error(void **state)
{
    (void)state;
    char out[8];
    assert_int_equal(chat_clean("0123456789", false, NULL, out, sizeof out, NULL), -1);
    assert_int_equal(chat_clean("0123456", false, NULL, out, sizeof out, NULL), 7);
    /* the CR counts too */
    assert_int_equal(chat_clean("0123456", true, NULL, out, sizeof out, NULL), -1);
    struct chat_subst sub = { .phone = "01234567890123456789" };
    assert_int_equal(chat_clean("\\T", true, &sub, out, sizeof out, NULL), -1);
}

static void test_visible(void **state)
{
    (void)state;
    char out[64];
    chat_visible("ATZ\r\n\t\x7f\x80\xc1", 9, out, sizeof out);
    assert_string_equal(out, "ATZ^M^J\t^?M-^@M-A");
    chat_visible("a\0b", 3, out, sizeof out);
    assert_string_equal(out, "a^@b");
    chat_visible("abcdef", 6, out, 4);
    assert_string_equal(out, "abc");
}

static void test_char_visible(void **state)
{
    (void)state;
    char out[8];
    chat_char_visible('\r', out);
    assert_string_equal(out, "^M");
    chat_char_visible(0, out);
    assert_string_equal(out, "^@");
    chat_char_visible(0x7f, out);
    assert_string_equal(out, "^?");
    chat_char_visible('x', out);
    assert_string_equal(out, "x");
}

static void test_subexpect_split(void **state)
{
    (void)state;
    char w[] = "ogin:-BREAK-ogin:--ogin:";
    char *c = w;
    assert_string_equal(chat_subexpect_next(&c), "ogin:");
    assert_string_equal(chat_subexpect_next(&c), "BREAK");
    assert_string_equal(chat_subexpect_next(&c), "ogin:");
    assert_string_equal(chat_subexpect_next(&c), "");
    assert_string_equal(chat_subexpect_next(&c), "ogin:");
    assert_null(chat_subexpect_next(&c));
}

static void test_subexpect_escaped_dash(void **state)
{
    (void)state;
    char w[] = "a\\-b-c";
    char *c = w;
    assert_string_equal(chat_subexpect_next(&c), "a\\-b");
    assert_string_equal(chat_subexpect_next(&c), "c");
    assert_null(chat_subexpect_next(&c));
}

static void test_subexpect_edges(void **state)
{
    (void)state;
    char empty[] = "";
    char *c = empty;
    assert_null(chat_subexpect_next(&c)); /* '' expects nothing */
    char trailing[] = "ok-";
    c = trailing;
    assert_string_equal(chat_subexpect_next(&c), "ok");
    assert_null(chat_subexpect_next(&c)); /* no sub-send after a trailing dash */
    char leading[] = "-ok";
    c = leading;
    assert_string_equal(chat_subexpect_next(&c), "");
    assert_string_equal(chat_subexpect_next(&c), "ok");
    char lone[] = "a\\";
    c = lone;
    assert_string_equal(chat_subexpect_next(&c), "a\\");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_send_plain_gets_cr),
        cmocka_unit_test(test_expect_plain_no_cr),
        cmocka_unit_test(test_empty_send_is_cr),
        cmocka_unit_test(test_backslash_c_at_end_only),
        cmocka_unit_test(test_simple_escapes),
        cmocka_unit_test(test_send_actions_kept_as_pairs),
        cmocka_unit_test(test_N_is_nul_when_sending),
        cmocka_unit_test(test_octal),
        cmocka_unit_test(test_caret_control),
        cmocka_unit_test(test_phone_substitution),
        cmocka_unit_test(test_quiet_flag),
        cmocka_unit_test(test_env_substitution),
        cmocka_unit_test(test_unknown_escape),
        cmocka_unit_test(test_trailing_backslash),
        cmocka_unit_test(test_overflow_is_error),
        cmocka_unit_test(test_visible),
        cmocka_unit_test(test_char_visible),
        cmocka_unit_test(test_subexpect_split),
        cmocka_unit_test(test_subexpect_escaped_dash),
        cmocka_unit_test(test_subexpect_edges),
    };
    return cmocka_run_group_tests_name("chat_escape", tests, NULL, NULL);
}
