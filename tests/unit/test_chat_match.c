/* chat's sans-I/O matcher: bytes in, "got it" / "ABORT n" / log lines /
 * REPORT lines out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chat/match.h"

struct rec {
    char log[8192];
    char echo[1024];
    char vecho[1024];
    char report[512];
    int nlog, nreport;
};

static void rec_log(void *ctx, const char *msg)
{
    struct rec *r = ctx;
    size_t k = strlen(r->log);
    snprintf(r->log + k, sizeof r->log - k, "%s|", msg);
    r->nlog++;
}

static void rec_echo(void *ctx, int c)
{
    struct rec *r = ctx;
    size_t k = strlen(r->echo);
    if (k + 1 < sizeof r->echo)
        r->echo[k] = (char)c;
}

static void rec_vecho(void *ctx, int c)
{
    struct rec *r = ctx;
    size_t k = strlen(r->vecho);
    if (k + 1 < sizeof r->vecho)
        r->vecho[k] = (char)c;
}

static void rec_report(void *ctx, const char *text)
{
    struct rec *r = ctx;
    size_t k = strlen(r->report);
    snprintf(r->report + k, sizeof r->report - k, "%s|", text);
    r->nreport++;
}

static time_t fixed_now(void *ctx)
{
    (void)ctx;
    return 0; /* Jan 01 00:00:00 in UTC */
}

static struct rec g_rec;
static struct chat_match g_m;

static int setup(void **state)
{
    (void)state;
    setenv("TZ", "UTC", 1);
    tzset();
    memset(&g_rec, 0, sizeof g_rec);
    struct chat_match_ops ops = { .ctx = &g_rec, .log = rec_log, .echo = rec_echo,
                                  .verbose_echo = rec_vecho, .report = rec_report, .now = fixed_now };
    chat_match_init(&g_m, &ops);
    return 0;
}

/* Feed bytes; return the first non-MORE result and how many bytes it took. */
static enum chat_match_result feed(const char *s, size_t n, size_t *used)
{
    for (size_t i = 0; i < n; i++) {
        enum chat_match_result r = chat_match_byte(&g_m, (unsigned char)s[i] & 0x7F);
        if (r != CHAT_MATCH_MORE) {
            if (used)
                *used = i + 1;
            return r;
        }
    }
    if (used)
        *used = n;
    return CHAT_MATCH_MORE;
}

#define FEED(s, used) feed(s, sizeof(s) - 1, used)

static void begin(const char *s) { chat_match_begin(&g_m, s, strlen(s)); }

static void test_match_ends_with(void **state)
{
    (void)state;
    size_t used;
    begin("OK");
    assert_int_equal(FEED("ATZ\r\r\nOK\r\n", &used), CHAT_MATCH_GOT);
    assert_int_equal(used, 8); /* stops right after the K: the rest stays unread */
}

static void test_no_match(void **state)
{
    (void)state;
    begin("CONNECT");
    assert_int_equal(FEED("CONNEC\r\nCONNEXT\r\n", NULL), CHAT_MATCH_MORE);
}

static void test_split_across_feeds(void **state)
{
    (void)state;
    begin("CONNECT");
    assert_int_equal(FEED("\r\nCON", NULL), CHAT_MATCH_MORE);
    assert_int_equal(FEED("NE", NULL), CHAT_MATCH_MORE);
    assert_int_equal(FEED("CT", NULL), CHAT_MATCH_GOT);
}

static void test_eight_bit_masked(void **state)
{
    (void)state;
    begin("OK");
    /* 0xCF 0xCB are O and K with bit 8 set */
    assert_int_equal(FEED("\xcf\xcb", NULL), CHAT_MATCH_GOT);
}

static void test_nul_in_stream(void **state)
{
    (void)state;
    begin("OK");
    assert_int_equal(FEED("\0\0O\0K", NULL), CHAT_MATCH_MORE);
    assert_int_equal(FEED("\0OK", NULL), CHAT_MATCH_GOT);
}

static void test_abort_first_and_second(void **state)
{
    (void)state;
    assert_int_equal(chat_match_abort_add(&g_m, "BUSY"), 0);
    assert_int_equal(chat_match_abort_add(&g_m, "NO CARRIER"), 0);
    begin("CONNECT");
    assert_int_equal(FEED("\r\nNO CARRIER\r\n", NULL), CHAT_MATCH_ABORT);
    assert_int_equal(g_m.abort_index, 1);
    assert_string_equal(g_m.fail_reason, "NO CARRIER");
    begin("CONNECT");
    assert_int_equal(FEED("BUSY", NULL), CHAT_MATCH_ABORT);
    assert_int_equal(g_m.abort_index, 0);
}

static void test_expect_wins_over_abort(void **state)
{
    (void)state;
    chat_match_abort_add(&g_m, "OK");
    begin("OK");
    assert_int_equal(FEED("OK", NULL), CHAT_MATCH_GOT);
}

static void test_clr_abort_packs(void **state)
{
    (void)state;
    chat_match_abort_add(&g_m, "BUSY");
    chat_match_abort_add(&g_m, "NO CARRIER");
    chat_match_abort_add(&g_m, "ERROR");
    assert_int_equal(chat_match_abort_clear(&g_m, "BUSY"), 1);
    assert_int_equal(chat_match_abort_clear(&g_m, "NOPE"), 0);
    begin("CONNECT");
    assert_int_equal(FEED("ERROR", NULL), CHAT_MATCH_ABORT);
    assert_int_equal(g_m.abort_index, 1);
    begin("CONNECT");
    assert_int_equal(FEED("BUSY", NULL), CHAT_MATCH_MORE);
}

static void test_clr_abort_duplicate_quirk(void **state)
{
    (void)state;
    /* chat.c's loop runs to a shrinking count: of two equal strings only the first goes */
    chat_match_abort_add(&g_m, "X");
    chat_match_abort_add(&g_m, "X");
    assert_int_equal(chat_match_abort_clear(&g_m, "X"), 1);
    assert_int_equal(g_m.aborts.n, 1);
}

static void test_abort_list_full(void **state)
{
    (void)state;
    for (int i = 0; i < CHAT_MAX_ABORTS; i++)
        assert_int_equal(chat_match_abort_add(&g_m, "x"), 0);
    assert_int_equal(chat_match_abort_add(&g_m, "x"), -1);
}

static void test_verbose_log_lines(void **state)
{
    (void)state;
    g_m.verbose = true;
    begin("OK");
    FEED("ATZ\r\r\nOK", NULL);
    assert_string_equal(g_rec.log, "ATZ^M^M|OK| -- got it\n|");
}

static void test_verbose_blank_line_and_failed(void **state)
{
    (void)state;
    g_m.verbose = true;
    chat_match_abort_add(&g_m, "BUSY");
    begin("CONNECT");
    FEED("\n\r\nBUSY", NULL);
    assert_string_equal(g_rec.log, "|^M|BUSY| -- failed|");
}

static void test_verbose_long_line_split_at_80(void **state)
{
    (void)state;
    g_m.verbose = true;
    begin("zz");
    char line[100];
    memset(line, 'a', sizeof line);
    feed(line, sizeof line, NULL);
    assert_int_equal(g_rec.nlog, 1);
    assert_int_equal(strlen(g_rec.log), 81);
}

static void test_buffer_wrap_keeps_tail(void **state)
{
    (void)state;
    begin("END");
    char big[5000];
    memset(big, 'x', sizeof big);
    assert_int_equal(feed(big, sizeof big, NULL), CHAT_MATCH_MORE);
    assert_true(g_m.fill <= CHAT_STR_LEN);
    assert_int_equal(FEED("EN", NULL), CHAT_MATCH_MORE);
    assert_int_equal(FEED("D", NULL), CHAT_MATCH_GOT);
}

static void test_long_expect_across_wrap(void **state)
{
    (void)state;
    char want[CHAT_STR_LEN];
    memset(want, 'q', sizeof want);
    want[sizeof want - 1] = '!';
    chat_match_begin(&g_m, want, sizeof want);
    char noise[3000];
    memset(noise, 'q', sizeof noise);
    assert_int_equal(feed(noise, sizeof noise, NULL), CHAT_MATCH_MORE);
    assert_int_equal(FEED("!", NULL), CHAT_MATCH_GOT);
}

static void test_expect_longer_than_buffer_is_capped(void **state)
{
    (void)state;
    char want[CHAT_STR_LEN + 10];
    memset(want, 'w', sizeof want);
    chat_match_begin(&g_m, want, sizeof want);
    assert_int_equal(g_m.len, CHAT_STR_LEN);
}

static void test_echo_and_verbose_echo(void **state)
{
    (void)state;
    g_m.echo = true;
    g_m.Verbose = true;
    begin("K");
    FEED("O\rK", NULL);
    assert_string_equal(g_rec.echo, "O\rK");
    assert_string_equal(g_rec.vecho, "O\rK");
}

static void test_report_gathers_line(void **state)
{
    (void)state;
    chat_match_report_add(&g_m, "CONNECT");
    begin("xyz");
    FEED("\r\nCONNECT 57600/V42\r\n", NULL);
    assert_string_equal(g_rec.report, "Jan 01 00:00:00 CONNECT 57600/V42|");
    /* a REPORT string fires once */
    FEED("CONNECT 9600\r\n", NULL);
    assert_int_equal(g_rec.nreport, 1);
}

static void test_report_continues_across_expects(void **state)
{
    (void)state;
    chat_match_report_add(&g_m, "CONNECT");
    begin("CONNECT");
    assert_int_equal(FEED("CONNECT", NULL), CHAT_MATCH_GOT);
    begin("ogin:");
    FEED(" 2400\r\nlogin:", NULL);
    assert_string_equal(g_rec.report, "Jan 01 00:00:00 CONNECT 2400|");
}

static void test_report_flush_at_end(void **state)
{
    (void)state;
    chat_match_report_add(&g_m, "CARRIER");
    begin("CARRIER");
    FEED("CARRIER", NULL);
    assert_true(g_m.gathering);
    assert_true(chat_match_report_more(&g_m, ' '));
    assert_true(chat_match_report_more(&g_m, '9'));
    assert_false(chat_match_report_more(&g_m, '\r'));
    chat_match_report_flush(&g_m);
    assert_string_equal(g_rec.report, "Jan 01 00:00:00 CARRIER 9|");
    chat_match_report_flush(&g_m); /* nothing more */
    assert_int_equal(g_rec.nreport, 1);
}

static void test_report_overlong_line_truncated(void **state)
{
    (void)state;
    chat_match_report_add(&g_m, "CONNECT");
    begin("zz");
    char rest[400];
    memset(rest, 'r', sizeof rest);
    FEED("CONNECT", NULL);
    feed(rest, sizeof rest, NULL);
    FEED("\r", NULL);
    assert_int_equal(g_rec.nreport, 1);
    assert_true(strlen(g_rec.report) < sizeof g_m.report_buf + 1);
}

static void test_clr_report(void **state)
{
    (void)state;
    chat_match_report_add(&g_m, "CONNECT");
    assert_int_equal(chat_match_report_clear(&g_m, "CONNECT"), 1);
    begin("zz");
    FEED("CONNECT 1\r", NULL);
    assert_int_equal(g_rec.nreport, 0);
}

static void test_empty_abort_matches_anything(void **state)
{
    (void)state;
    /* as in chat.c: ABORT '' ends the first expect on its first byte */
    chat_match_abort_add(&g_m, "");
    begin("OK");
    size_t used;
    assert_int_equal(FEED("xOK", &used), CHAT_MATCH_ABORT);
    assert_int_equal(used, 1);
}

/* chat_match_room: how many bytes a reader may take at once without reading
 * past a match (issue #3: flood reads in chunks, nothing after a match). */
static void test_room_bounds(void **state)
{
    (void)state;
    begin("CONNECT");
    assert_int_equal(chat_match_room(&g_m), 7);
    FEED("xxxxxxxxxx", NULL);
    assert_int_equal(chat_match_room(&g_m), 7);
    FEED("xC", NULL);
    assert_int_equal(chat_match_room(&g_m), 6);
    FEED("ON", NULL);
    assert_int_equal(chat_match_room(&g_m), 4);
    chat_match_abort_add(&g_m, "BUSY");
    assert_int_equal(chat_match_room(&g_m), 4);
    FEED("NEx", NULL);      /* a conservative bound: only the first byte is checked */
    assert_int_equal(chat_match_room(&g_m), 1);
    FEED("xxxxxx", NULL);
    assert_int_equal(chat_match_room(&g_m), 4);
    FEED("B", NULL);
    assert_int_equal(chat_match_room(&g_m), 3);
    chat_match_abort_add(&g_m, "");
    assert_int_equal(chat_match_room(&g_m), 1);
}

/* On random text over a small alphabet the room never reaches past the byte
 * that completes the next match, whatever that match is. */
static void test_room_never_passes_a_match(void **state)
{
    (void)state;
    static const char pats[][8] = { "ABAB", "AAB", "BBA" };
    size_t rooms[4096];
    unsigned seed = 12345;
    int matches = 0;
    chat_match_abort_add(&g_m, pats[1]);
    chat_match_abort_add(&g_m, pats[2]);
    for (int round = 0; round < 200; round++) {
        begin(pats[0]);
        for (size_t i = 0; i < sizeof rooms / sizeof rooms[0]; i++) {
            seed = seed * 1103515245u + 12345u;
            rooms[i] = chat_match_room(&g_m);
            assert_true(rooms[i] >= 1);
            if (chat_match_byte(&g_m, "ABC"[(seed >> 16) % 3]) == CHAT_MATCH_MORE)
                continue;
            for (size_t k = 0; k <= i; k++)
                assert_true(k + rooms[k] <= i + 1);
            matches++;
            break;
        }
    }
    assert_int_equal(matches, 200);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_match_ends_with, setup),
        cmocka_unit_test_setup(test_no_match, setup),
        cmocka_unit_test_setup(test_split_across_feeds, setup),
        cmocka_unit_test_setup(test_eight_bit_masked, setup),
        cmocka_unit_test_setup(test_nul_in_stream, setup),
        cmocka_unit_test_setup(test_abort_first_and_second, setup),
        cmocka_unit_test_setup(test_expect_wins_over_abort, setup),
        cmocka_unit_test_setup(test_clr_abort_packs, setup),
        cmocka_unit_test_setup(test_clr_abort_duplicate_quirk, setup),
        cmocka_unit_test_setup(test_abort_list_full, setup),
        cmocka_unit_test_setup(test_verbose_log_lines, setup),
        cmocka_unit_test_setup(test_verbose_blank_line_and_failed, setup),
        cmocka_unit_test_setup(test_verbose_long_line_split_at_80, setup),
        cmocka_unit_test_setup(test_buffer_wrap_keeps_tail, setup),
        cmocka_unit_test_setup(test_long_expect_across_wrap, setup),
        cmocka_unit_test_setup(test_expect_longer_than_buffer_is_capped, setup),
        cmocka_unit_test_setup(test_echo_and_verbose_echo, setup),
        cmocka_unit_test_setup(test_report_gathers_line, setup),
        cmocka_unit_test_setup(test_report_continues_across_expects, setup),
        cmocka_unit_test_setup(test_report_flush_at_end, setup),
        cmocka_unit_test_setup(test_report_overlong_line_truncated, setup),
        cmocka_unit_test_setup(test_clr_report, setup),
        cmocka_unit_test_setup(test_empty_abort_matches_anything, setup),
        cmocka_unit_test_setup(test_room_bounds, setup),
        cmocka_unit_test_setup(test_room_never_passes_a_match, setup),
    };
    return cmocka_run_group_tests_name("chat_match", tests, NULL, NULL);
}
