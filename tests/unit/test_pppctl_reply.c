/* cmocka tests for pppctl/reply and pppctl/show: parsing the control
 * socket's reply (complete, partial, error, every malformed shape), and
 * the JSON and pppstats output built from it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pppctl/reply.h"
#include "pppctl/show.h"

static struct reply r;

static enum reply_result parse(const char *s)
{
    return reply_parse(&r, s, strlen(s));
}

static void test_good_reply(void **state)
{
    (void)state;
    const char *s = "interface ppp0\npeer_name alice \\x22x\\x22\nlocal_ip\nbytes_in 1234\nok\n";
    assert_int_equal(parse(s), REPLY_OK);
    assert_int_equal(r.n, 4);
    assert_false(r.error);
    assert_string_equal(reply_get(&r, "interface"), "ppp0");
    assert_string_equal(reply_get(&r, "peer_name"), "alice \\x22x\\x22");
    assert_string_equal(reply_get(&r, "local_ip"), "");
    assert_null(reply_get(&r, "remote_ip"));
    assert_int_equal(reply_u64(&r, "bytes_in"), 1234);
    assert_int_equal(reply_u64(&r, "interface"), 0);   /* not a number */
    assert_int_equal(reply_u64(&r, "nothing"), 0);
    assert_int_equal(parse("ok terminating\n"), REPLY_OK);
    assert_string_equal(r.text, "terminating");
}

static void test_error_and_partial(void **state)
{
    (void)state;
    assert_int_equal(parse("error request too long\n"), REPLY_ERROR);
    assert_true(r.error);
    assert_string_equal(r.text, "request too long");
    assert_int_equal(parse(""), REPLY_MORE);
    assert_int_equal(parse("interface ppp0\nbytes"), REPLY_MORE);
    assert_int_equal(parse("interface ppp0\nok"), REPLY_MORE);
}

static void test_malformed(void **state)
{
    (void)state;
    assert_int_equal(parse("Interface ppp0\nok\n"), REPLY_BAD);
    assert_int_equal(parse(" ppp0\nok\n"), REPLY_BAD);
    assert_int_equal(parse("\nok\n"), REPLY_BAD);
    assert_int_equal(parse("key\tvalue\nok\n"), REPLY_BAD);
    assert_int_equal(parse("key va\x01lue\nok\n"), REPLY_BAD);
    assert_int_equal(parse("key caf\xc3\xa9\nok\n"), REPLY_BAD);
    assert_int_equal(parse("ok\nextra 1\n"), REPLY_BAD);
    assert_string_equal(r.text, "bytes after the reply's last line");
    char key[64], line[600];
    memset(key, 'k', 40);
    key[40] = '\0';
    snprintf(line, sizeof(line), "%s 1\nok\n", key);
    assert_int_equal(parse(line), REPLY_BAD);
    char val[300];
    memset(val, 'v', 299);
    val[299] = '\0';
    snprintf(line, sizeof(line), "k %s\nok\n", val);
    assert_int_equal(parse(line), REPLY_BAD);
    assert_string_equal(r.text, "reply value too long");
    char many[REPLY_FIELDS_MAX * 8 + 16] = "";
    for (int i = 0; i <= REPLY_FIELDS_MAX; i++)
        strcat(many, "k v\n");
    strcat(many, "ok\n");
    assert_int_equal(parse(many), REPLY_BAD);
    assert_string_equal(r.text, "too many reply fields");
}

static char *capture(void (*fn)(FILE *f))
{
    static char buf[4096];
    FILE *f = fmemopen(buf, sizeof(buf), "w");
    assert_non_null(f);
    fn(f);
    fclose(f);
    return buf;
}

static void json_of_r(FILE *f)
{
    show_json(f, &r);
}

static void test_json(void **state)
{
    (void)state;
    assert_int_equal(parse("interface ppp0\npid 42\npeer_name a\\x5cb\"c\nspeed\nbytes_in 9x\nok\n"),
                     REPLY_OK);
    /* numbers as numbers; an empty or non-numeric value of a numeric key as a string */
    assert_string_equal(capture(json_of_r),
                        "{\"interface\":\"ppp0\",\"pid\":42,\"peer_name\":\"a\\\\x5cb\\\"c\","
                        "\"speed\":\"\",\"bytes_in\":\"9x\"}");
}

static struct show_stats cur, prev;
static void stats_line(FILE *f)
{
    show_stats_header(f);
    show_stats_line(f, &cur, &prev);
}

static void test_stats(void **state)
{
    (void)state;
    assert_int_equal(parse("bytes_in 5000\npackets_in 50\nbytes_out 7000\npackets_out 70\nok\n"),
                     REPLY_OK);
    show_stats_from(&cur, &r);
    prev = (struct show_stats){ .in_bytes = 1000, .in_packets = 10, .out_bytes = 2000,
                                .out_packets = 20 };
    /* pppstats' layout: no VJ in use, so every output packet is NON-VJ */
    assert_string_equal(capture(stats_line),
                        "      IN   PACK VJCOMP  VJUNC  VJERR  |      OUT   PACK VJCOMP  VJUNC NON-VJ\n"
                        "    4000     40      0      0      0  |     5000     50      0      0     50\n");
    assert_int_equal(parse("bytes_out 100\npackets_out 10\nvj_comp_out 4\nvj_packets_out 7\nok\n"),
                     REPLY_OK);
    show_stats_from(&cur, &r);
    prev = (struct show_stats){ 0 };
    assert_string_equal(capture(stats_line),
                        "      IN   PACK VJCOMP  VJUNC  VJERR  |      OUT   PACK VJCOMP  VJUNC NON-VJ\n"
                        "       0      0      0      0      0  |      100     10      4      3      3\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_reply),
        cmocka_unit_test(test_error_and_partial),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_stats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
