/* cmocka tests for common/linetable: login.config and mgetty.config rows. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/linetable.h"

static struct linetable t;
static struct linetable_row row;
static char err[LINETABLE_ERR_MAX];

static void start(const char *text, size_t len)
{
    linetable_init(&t, "login.config", text, len);
    err[0] = '\0';
}

static int next_row(size_t maxcols) { return linetable_next(&t, maxcols, &row, err, sizeof err); }

/* The seed HOWTO's /etc/mgetty+sendfax/login.config, as typed there. */
static const char seed_login_config[] =
    "# login.config\n"
    "timeout 20\n"
    "/AutoPPP/ - ppp /usr/sbin/pppd auth -chap +pap login\n"
    "ppp - a_ppp /usr/sbin/pppd auth -chap +pap login\n"
    "* - - /bin/login @\n";

static const char seed_mgetty_config[] =
    "debug 4\n"
    "speed 57600\n"
    "login-time 30\n"
    "answer-chat-timeout 30\n"
    "toggle-dtr yes\n";

static void assert_row(unsigned line, size_t ncols, const char *c0, const char *c1,
                       const char *c2, const char *c3)
{
    const char *want[4] = { c0, c1, c2, c3 };
    assert_int_equal(row.line, line);
    assert_int_equal(row.ncols, ncols);
    for (size_t i = 0; i < ncols && i < 4; i++)
        assert_string_equal(row.cols[i], want[i]);
}

static void seed_login_config_rows(void **state)
{
    (void)state;
    start(seed_login_config, strlen(seed_login_config));
    assert_int_equal(next_row(4), 1);
    assert_row(2, 2, "timeout", "20", NULL, NULL);     /* short line: two columns */
    assert_int_equal(next_row(4), 1);
    assert_row(3, 4, "/AutoPPP/", "-", "ppp", "/usr/sbin/pppd auth -chap +pap login");
    assert_int_equal(next_row(4), 1);
    assert_row(4, 4, "ppp", "-", "a_ppp", "/usr/sbin/pppd auth -chap +pap login");
    assert_int_equal(next_row(4), 1);
    assert_row(5, 4, "*", "-", "-", "/bin/login @");
    assert_int_equal(next_row(4), 0);
    assert_int_equal(next_row(4), 0);
}

static void seed_login_program_words(void **state)
{
    (void)state;
    /* getty splits the rest column into argv words */
    start(seed_login_config, strlen(seed_login_config));
    assert_int_equal(next_row(4), 1);
    assert_int_equal(next_row(4), 1);
    char *argv[10];
    size_t dropped = 99;
    size_t n = linetable_split_words(row.cols[3], argv, 10, &dropped);
    assert_int_equal(n, 5);
    assert_int_equal(dropped, 0);
    assert_string_equal(argv[0], "/usr/sbin/pppd");
    assert_string_equal(argv[1], "auth");
    assert_string_equal(argv[2], "-chap");
    assert_string_equal(argv[3], "+pap");
    assert_string_equal(argv[4], "login");
}

static void seed_mgetty_config_keywords(void **state)
{
    (void)state;
    static const char *want[][2] = {
        { "debug", "4" }, { "speed", "57600" }, { "login-time", "30" },
        { "answer-chat-timeout", "30" }, { "toggle-dtr", "yes" },
    };
    linetable_init(&t, "mgetty.config", seed_mgetty_config, strlen(seed_mgetty_config));
    for (unsigned i = 0; i < 5; i++) {
        assert_int_equal(next_row(2), 1);
        assert_row(i + 1, 2, want[i][0], want[i][1], NULL, NULL);
    }
    assert_int_equal(next_row(2), 0);
}

static void rest_column_keeps_inner_blanks(void **state)
{
    (void)state;
    const char *text = "  init-chat \t \"\" ATZ  OK   AT&F OK  \t \r\n";
    start(text, strlen(text));
    assert_int_equal(next_row(2), 1);
    assert_row(1, 2, "init-chat", "\"\" ATZ  OK   AT&F OK", NULL, NULL);
}

static void bare_keyword(void **state)
{
    (void)state;
    start("direct\n", 7);
    assert_int_equal(next_row(2), 1);
    assert_row(1, 1, "direct", NULL, NULL, NULL);
}

static void comments_and_blank_lines_skipped(void **state)
{
    (void)state;
    const char *text = "# comment\n\n   \n\t# indented comment\n \r\nport ttyS0 # not a comment here\n";
    start(text, strlen(text));
    assert_int_equal(next_row(2), 1);
    assert_row(6, 2, "port", "ttyS0 # not a comment here", NULL, NULL);
    assert_int_equal(next_row(2), 0);
    assert_int_equal(t.line, 6);
}

static void tabs_separate_columns(void **state)
{
    (void)state;
    const char *text = "U*\tuucp\t@\t/usr/lib/uucp/uucico -l -u @\r\n";
    start(text, strlen(text));
    assert_int_equal(next_row(4), 1);
    assert_row(1, 4, "U*", "uucp", "@", "/usr/lib/uucp/uucico -l -u @");
}

static void last_line_without_newline(void **state)
{
    (void)state;
    start("a b\nc d", 7);
    assert_int_equal(next_row(2), 1);
    assert_int_equal(next_row(2), 1);
    assert_row(2, 2, "c", "d", NULL, NULL);
    assert_int_equal(next_row(2), 0);
}

static void empty_input(void **state)
{
    (void)state;
    start("", 0);
    assert_int_equal(next_row(4), 0);
    start(NULL, 10);
    assert_int_equal(next_row(4), 0);
    start("\n\n\n", 3);
    assert_int_equal(next_row(4), 0);
    assert_int_equal(t.line, 3);
}

static void many_columns(void **state)
{
    (void)state;
    const char *text = "a b c d e f g h i j k l m n o p q r";
    start(text, strlen(text));
    assert_int_equal(next_row(LINETABLE_COLS_MAX), 1);
    assert_int_equal(row.ncols, LINETABLE_COLS_MAX);
    assert_string_equal(row.cols[0], "a");
    assert_string_equal(row.cols[14], "o");
    assert_string_equal(row.cols[15], "p q r");
}

static void column_count_checked(void **state)
{
    (void)state;
    start("a b\n", 4);
    assert_int_equal(next_row(1), -1);
    assert_int_equal(next_row(LINETABLE_COLS_MAX + 1), -1);
    assert_non_null(strstr(err, "column count"));
    assert_int_equal(next_row(2), 1);   /* nothing consumed by the bad calls */
}

static void overlong_line_is_error(void **state)
{
    (void)state;
    static char text[3 * LINETABLE_LINE_MAX];
    size_t n = 0;
    n += (size_t)sprintf(text, "ok 1\n");
    memset(text + n, 'x', LINETABLE_LINE_MAX + 1);
    n += LINETABLE_LINE_MAX + 1;
    n += (size_t)sprintf(text + n, "\nafter 3\n");
    start(text, n);
    assert_int_equal(next_row(2), 1);
    assert_int_equal(next_row(2), -1);
    assert_string_equal(err, "login.config:2: line too long (more than 1024 characters)");
    /* the reader moved past the bad line */
    assert_int_equal(next_row(2), 1);
    assert_row(3, 2, "after", "3", NULL, NULL);
}

static void longest_line_accepted(void **state)
{
    (void)state;
    static char text[LINETABLE_LINE_MAX + 8];
    memset(text, 'y', LINETABLE_LINE_MAX);
    text[0] = 'k';
    text[1] = ' ';
    text[LINETABLE_LINE_MAX] = '\n';
    start(text, LINETABLE_LINE_MAX + 1);
    assert_int_equal(next_row(2), 1);
    assert_int_equal(strlen(row.cols[1]), LINETABLE_LINE_MAX - 2);
    /* an overlong comment is still an overlong line */
    text[0] = '#';
    text[LINETABLE_LINE_MAX] = 'z';
    start(text, LINETABLE_LINE_MAX + 1);
    assert_int_equal(next_row(2), -1);
    assert_string_equal(err, "login.config:1: line too long (more than 1024 characters)");
}

static void nul_byte_is_error(void **state)
{
    (void)state;
    const char text[] = "a b\n# c\nuser\0name - - /bin/login @\nok 4\n";
    start(text, sizeof text - 1);
    assert_int_equal(next_row(4), 1);
    assert_int_equal(next_row(4), -1);
    assert_string_equal(err, "login.config:3: NUL byte in line");
    assert_int_equal(next_row(4), 1);
    assert_row(4, 2, "ok", "4", NULL, NULL);
}

static void binary_junk(void **state)
{
    (void)state;
    static char junk[8192];
    unsigned seed = 777;
    for (size_t i = 0; i < sizeof junk; i++) {
        seed = seed * 1103515245u + 12345u;
        junk[i] = (char)(seed >> 16);
    }
    start(junk, sizeof junk);
    int rc, rows = 0, errors = 0;
    for (int i = 0; i < 100000 && (rc = next_row(4)) != 0; i++) {
        if (rc < 0)
            errors++;
        else
            rows++;
    }
    assert_true(t.pos == sizeof junk);
    assert_true(errors > 0);
    (void)rows;
}

static void split_words_limits(void **state)
{
    (void)state;
    char s[] = "  one\ttwo  three\r\nfour five ";
    char *w[3];
    size_t dropped = 0;
    assert_int_equal(linetable_split_words(s, w, 3, &dropped), 3);
    assert_int_equal(dropped, 2);
    assert_string_equal(w[0], "one");
    assert_string_equal(w[1], "two");
    assert_string_equal(w[2], "three");

    char e[] = " \t ";
    assert_int_equal(linetable_split_words(e, w, 3, &dropped), 0);
    assert_int_equal(dropped, 0);
    char one[] = "x";
    assert_int_equal(linetable_split_words(one, w, 3, NULL), 1);
    assert_string_equal(w[0], "x");
    assert_int_equal(linetable_split_words(NULL, w, 3, &dropped), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seed_login_config_rows),
        cmocka_unit_test(seed_login_program_words),
        cmocka_unit_test(seed_mgetty_config_keywords),
        cmocka_unit_test(rest_column_keeps_inner_blanks),
        cmocka_unit_test(bare_keyword),
        cmocka_unit_test(comments_and_blank_lines_skipped),
        cmocka_unit_test(tabs_separate_columns),
        cmocka_unit_test(last_line_without_newline),
        cmocka_unit_test(empty_input),
        cmocka_unit_test(many_columns),
        cmocka_unit_test(column_count_checked),
        cmocka_unit_test(overlong_line_is_error),
        cmocka_unit_test(longest_line_accepted),
        cmocka_unit_test(nul_byte_is_error),
        cmocka_unit_test(binary_junk),
        cmocka_unit_test(split_words_limits),
    };
    return cmocka_run_group_tests_name("linetable", tests, NULL, NULL);
}
