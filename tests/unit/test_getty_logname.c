/* cmocka tests for getty/logname: the login-name byte machine and AutoPPP. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "getty/logname.h"

static struct lname ln;
static uint8_t echo_mem[4096];
static struct buf_writer echo;

static int setup(void **state)
{
    (void)state;
    lname_init(&ln);
    buf_writer_init(&echo, echo_mem, sizeof echo_mem);
    return 0;
}

/* Feed bytes; return the status of the last one (stop at the first non-MORE). */
static enum lname_status feed(const void *bytes, size_t n)
{
    const uint8_t *p = bytes;
    enum lname_status st = LNAME_MORE;
    for (size_t i = 0; i < n; i++) {
        st = lname_feed(&ln, p[i], &echo);
        if (st != LNAME_MORE)
            break;
    }
    return st;
}
#define FEED(s) feed(s, sizeof(s) - 1)

static void assert_echo(const char *want)
{
    assert_int_equal(buf_writer_len(&echo), strlen(want));
    assert_memory_equal(echo_mem, want, strlen(want));
}

static void test_plain_name_cr(void **state)
{
    (void)state;
    assert_int_equal(FEED("ppp\r"), LNAME_DONE);
    assert_string_equal(ln.name, "ppp");
    assert_true(ln.ended_with_cr);
    assert_echo("ppp\r\n");
}

static void test_name_lf(void **state)
{
    (void)state;
    assert_int_equal(FEED("bob\n"), LNAME_DONE);
    assert_string_equal(ln.name, "bob");
    assert_false(ln.ended_with_cr);
    assert_echo("bob\n\r");     /* Debian's mgetty: LF echoed, then CR */
}

static void test_erase_bs_del(void **state)
{
    (void)state;
    assert_int_equal(FEED("xy\b\x7fz\r"), LNAME_DONE);
    assert_string_equal(ln.name, "z");
    assert_echo("xy\b \b\b \bz\r\n");
}

static void test_erase_on_empty_silent(void **state)
{
    (void)state;
    assert_int_equal(FEED("\b\x7f" "a\r"), LNAME_DONE);
    assert_string_equal(ln.name, "a");
    assert_echo("a\r\n");
}

static void test_kill_reprompts(void **state)
{
    (void)state;
    assert_int_equal(FEED("ab\x15"), LNAME_REPROMPT);
    assert_int_equal(ln.len, 0);
    assert_int_equal(FEED("cd\r"), LNAME_DONE);
    assert_string_equal(ln.name, "cd");
}

static void test_ctrl_c_reprompts(void **state)
{
    (void)state;
    assert_int_equal(FEED("ab\x03"), LNAME_REPROMPT);
    assert_int_equal(FEED("x\r"), LNAME_DONE);
    assert_string_equal(ln.name, "x");
}

static void test_empty_line(void **state)
{
    (void)state;
    assert_int_equal(FEED("\r"), LNAME_EMPTY);
    assert_int_equal(FEED("a\bq\r"), LNAME_DONE);
    assert_string_equal(ln.name, "q");
}

static void test_leading_dash_space_rejected(void **state)
{
    (void)state;
    assert_int_equal(FEED("-froot\r"), LNAME_DONE);
    assert_string_equal(ln.name, "froot");
    assert_memory_equal(echo_mem, "-\b \bfroot", 9);
    setup(NULL);
    assert_int_equal(FEED("  - x\r"), LNAME_DONE);
    assert_string_equal(ln.name, "x");
    setup(NULL);
    assert_int_equal(FEED("a-b c\r"), LNAME_DONE);     /* later on they are fine */
    assert_string_equal(ln.name, "a-b c");
}

static void test_seven_bit_and_ignored(void **state)
{
    (void)state;
    /* 0xe1 -> 'a'; NUL, 0x01, XON, XOFF ignored; other controls ignored */
    assert_int_equal(FEED("\xe1\x00\x01\x11\x13\x07" "b\r"), LNAME_DONE);
    assert_string_equal(ln.name, "ab");
}

static void test_length_limit(void **state)
{
    char many[LNAME_MAX + 10];
    (void)state;
    memset(many, 'x', sizeof many);
    assert_int_equal(feed(many, sizeof many), LNAME_MORE);
    assert_int_equal(ln.len, LNAME_MAX);
    assert_int_equal(FEED("\r"), LNAME_DONE);
    assert_int_equal(strlen(ln.name), LNAME_MAX);
}

static void test_hostile_names_verbatim(void **state)
{
    (void)state;
    assert_int_equal(FEED("$(reboot)\r"), LNAME_DONE);
    assert_string_equal(ln.name, "$(reboot)");
    setup(NULL);
    assert_int_equal(FEED("; rm -rf /\r"), LNAME_DONE);
    assert_string_equal(ln.name, "; rm -rf /");
}

static void test_autoppp_escaped_form(void **state)
{
    static const uint8_t lcp[] = { 0x7e, 0xff, 0x7d, 0x23, 0xc0, 0x21, 0x7d, 0x21 };
    (void)state;
    assert_int_equal(feed(lcp, sizeof lcp), LNAME_PPP);
    assert_string_equal(ln.name, "/AutoPPP/");
    /* the machine stopped right after 0x21: the rest stays for pppd, and the
     * consumed head is kept as received so it can be handed on */
    assert_int_equal(ln.ppp_rawlen, 6);
    assert_memory_equal(ln.ppp_raw, lcp, 6);
}

static void test_autoppp_plain_form(void **state)
{
    static const uint8_t lcp[] = { 0x7e, 0xff, 0x03, 0xc0, 0x21 };
    (void)state;
    assert_int_equal(feed(lcp, sizeof lcp), LNAME_PPP);
    assert_string_equal(ln.name, "/AutoPPP/");
}

static void test_autoppp_after_garbage_and_escaped_ff(void **state)
{
    /* typed text first, then a frame whose 0xff is escaped too */
    static const uint8_t in[] = { 'a', 'b', 0x7e, 0x7d, 0xdf, 0x7d, 0x23, 0x7d, 0xe0, 0x21 };
    (void)state;
    assert_int_equal(feed(in, sizeof in), LNAME_PPP);
    assert_string_equal(ln.name, "/AutoPPP/");
    /* the head starts at the flag, escapes included; the typed text is not in it */
    assert_int_equal(ln.ppp_rawlen, 8);
    assert_memory_equal(ln.ppp_raw, in + 2, 8);
}

static void test_autoppp_double_flag(void **state)
{
    static const uint8_t in[] = { 0x7e, 0x7e, 0xff, 0x03, 0xc0, 0x21 };
    (void)state;
    assert_int_equal(feed(in, sizeof in), LNAME_PPP);
    assert_int_equal(ln.ppp_rawlen, 5);
    assert_memory_equal(ln.ppp_raw, in + 1, 5);
}

static void test_autoppp_false_start_then_frame(void **state)
{
    /* a flag and 0xff that lead nowhere, many escapes, then the real start:
     * the kept head is only the last one, and never overflows */
    static const uint8_t in[] = { 0x7e, 0xff, 0x7d, 0x7d, 0x7d, 0x7d, 0x7d, 0x7d, 0x7d, 0x7d,
                                  0x7d, 0x7d, 0x7d, 0x7d, 0x7d, 0x7d, 0x7d, 0x7d, 0x7d, 0x7d,
                                  'x', 0x7e, 0xff, 0x03, 0xc0, 0x21 };
    (void)state;
    assert_int_equal(feed(in, sizeof in), LNAME_PPP);
    assert_int_equal(ln.ppp_rawlen, 5);
    assert_memory_equal(ln.ppp_raw, in + sizeof in - 5, 5);
}

/* The frame start is not echoed back to a PPP peer; a '~' typed by a
 * person is echoed as soon as the next byte shows it starts no frame. */
static void test_autoppp_echo_held_back(void **state)
{
    static const uint8_t lcp[] = { 0x7e, 0xff, 0x7d, 0x23, 0xc0, 0x21 };
    (void)state;
    assert_int_equal(feed(lcp, sizeof lcp), LNAME_PPP);
    assert_echo("");
    setup(NULL);
    assert_int_equal(FEED("a~"), LNAME_MORE);
    assert_echo("a");
    assert_int_equal(FEED("b"), LNAME_MORE);
    assert_echo("a~b");
    assert_int_equal(FEED("~\r"), LNAME_DONE);
    assert_string_equal(ln.name, "a~b~");
    assert_echo("a~b~\r\n");
    /* a false start that got as far as 7e ff 7d 23 c0: its echo comes out
     * in order before the byte that ended it */
    setup(NULL);
    static const uint8_t almost[] = { 0x7e, 0xff, 0x7d, 0x23, 0xc0, 'x', '\r' };
    assert_int_equal(feed(almost, sizeof almost), LNAME_DONE);
    assert_echo("~}#@x\r\n");
}

static void test_not_autoppp(void **state)
{
    /* compressed starts and other protocols are not LCP frames for mgetty */
    static const uint8_t acfc[] = { 0x7e, 0xc0, 0x21, 0x01, '\r' };
    static const uint8_t ipcp[] = { 0x7e, 0xff, 0x03, 0x80, 0x21, '\r' };
    (void)state;
    assert_int_not_equal(feed(acfc, sizeof acfc), LNAME_PPP);
    setup(NULL);
    assert_int_not_equal(feed(ipcp, sizeof ipcp), LNAME_PPP);
}

static void test_null_echo_writer(void **state)
{
    (void)state;
    assert_int_equal(lname_feed(&ln, 'a', NULL), LNAME_MORE);
    assert_int_equal(lname_feed(&ln, '\b', NULL), LNAME_MORE);
    assert_int_equal(lname_feed(&ln, 'b', NULL), LNAME_MORE);
    assert_int_equal(lname_feed(&ln, '\r', NULL), LNAME_DONE);
    assert_string_equal(ln.name, "b");
}

/* Regression (fuzz_logname): a run of 0x7e keeps restarting the frame-start
 * match; the held echo must be let go at each restart, so no single byte ever
 * echoes more than LNAME_ECHO_MAX and no echo is lost, however long the run
 * (the crashing input, then a run of 100). */
static void test_flag_run_echo_stays_bounded(void **state)
{
    (void)state;
    uint8_t in[128], mem[LNAME_ECHO_MAX], all[512];
    size_t n = 0, total = 0;
    in[n++] = 0x2d;
    in[n++] = 0x2d;
    in[n++] = 0xc0;
    for (int i = 0; i < 100; i++)
        in[n++] = 0x7e;
    in[n++] = 0x2d;
    for (size_t i = 0; i < n; i++) {
        struct buf_writer w;
        buf_writer_init(&w, mem, sizeof mem);
        assert_int_equal(lname_feed(&ln, in[i], &w), LNAME_MORE);
        assert_true(buf_writer_ok(&w));
        memcpy(all + total, mem, buf_writer_len(&w));
        total += buf_writer_len(&w);
    }
    /* both '-' are refused as first characters; '@' and every '~' echo (the
     * last '~' once the '-' after it shows it was typing), then '-' */
    char want[256] = "-\b \b-\b \b@";
    memset(want + strlen(want), '~', 100);
    strcat(want, "-");
    assert_int_equal(total, strlen(want));
    assert_memory_equal(all, want, total);
    assert_int_equal(ln.len, 102);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_plain_name_cr, setup),
        cmocka_unit_test_setup(test_name_lf, setup),
        cmocka_unit_test_setup(test_erase_bs_del, setup),
        cmocka_unit_test_setup(test_erase_on_empty_silent, setup),
        cmocka_unit_test_setup(test_kill_reprompts, setup),
        cmocka_unit_test_setup(test_ctrl_c_reprompts, setup),
        cmocka_unit_test_setup(test_empty_line, setup),
        cmocka_unit_test_setup(test_leading_dash_space_rejected, setup),
        cmocka_unit_test_setup(test_seven_bit_and_ignored, setup),
        cmocka_unit_test_setup(test_length_limit, setup),
        cmocka_unit_test_setup(test_hostile_names_verbatim, setup),
        cmocka_unit_test_setup(test_autoppp_escaped_form, setup),
        cmocka_unit_test_setup(test_autoppp_plain_form, setup),
        cmocka_unit_test_setup(test_autoppp_after_garbage_and_escaped_ff, setup),
        cmocka_unit_test_setup(test_autoppp_false_start_then_frame, setup),
        cmocka_unit_test_setup(test_autoppp_echo_held_back, setup),
        cmocka_unit_test_setup(test_autoppp_double_flag, setup),
        cmocka_unit_test_setup(test_not_autoppp, setup),
        cmocka_unit_test_setup(test_null_echo_writer, setup),
        cmocka_unit_test_setup(test_flag_run_echo_stays_bounded, setup),
    };
    return cmocka_run_group_tests_name("getty_logname", tests, NULL, NULL);
}
