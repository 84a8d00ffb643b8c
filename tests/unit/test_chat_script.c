/* chat script words: the -f tokeniser, keywords and the command line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chat/opts.h"
#include "chat/script.h"
#include "chat/scriptfile.h"

static int parse(struct chat_words *w, const char *text, char *err)
{
    memset(w, 0, sizeof *w);
    return chat_words_parse_text(w, text, strlen(text), err, 128);
}

static void assert_words(const struct chat_words *w, const char *const *expect, size_t n)
{
    assert_int_equal(w->n, n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(w->v[i], expect[i]);
}

static void test_words_on_one_line(void **state)
{
    (void)state;
    struct chat_words w;
    char err[128];
    assert_int_equal(parse(&w, "'' ATZ OK ATM0 OK ATDT301-555-1212 57600\n", err), 0);
    const char *e[] = { "", "ATZ", "OK", "ATM0", "OK", "ATDT301-555-1212", "57600" };
    assert_words(&w, e, 7);
    chat_words_free(&w);
}

static void test_pairs_across_lines_and_comments(void **state)
{
    (void)state;
    struct chat_words w;
    char err[128];
    assert_int_equal(parse(&w, "# comment\nABORT BUSY\n\n\t'' ATZ\nOK \"\"\n#x y\n", err), 0);
    const char *e[] = { "ABORT", "BUSY", "", "ATZ", "OK", "" };
    assert_words(&w, e, 6);
    chat_words_free(&w);
}

static void test_hash_not_in_column_one_is_a_word(void **state)
{
    (void)state;
    struct chat_words w;
    char err[128];
    assert_int_equal(parse(&w, "  # not a comment\n", err), 0);
    const char *e[] = { "#", "not", "a", "comment" };
    assert_words(&w, e, 4);
    chat_words_free(&w);
}

static void test_quotes(void **state)
{
    (void)state;
    struct chat_words w;
    char err[128];
    assert_int_equal(parse(&w, "'CONNECT 57600' \"a 'b'\" 'x\"y' x'y'z\n", err), 0);
    const char *e[] = { "CONNECT 57600", "a 'b'", "x\"y", "x'y'z" };
    assert_words(&w, e, 4);
    chat_words_free(&w);
}

static void test_quote_backslash_kept(void **state)
{
    (void)state;
    struct chat_words w;
    char err[128];
    assert_int_equal(parse(&w, "\"two\\\"q\" '\\d' \\r\n", err), 0);
    const char *e[] = { "two\\\"q", "\\d", "\\r" };
    assert_words(&w, e, 3);
    chat_words_free(&w);
}

static void test_closing_quote_splits_word(void **state)
{
    (void)state;
    struct chat_words w;
    char err[128];
    assert_int_equal(parse(&w, "\"ab\"cd ef", err), 0);
    const char *e[] = { "ab", "cd", "ef" };
    assert_words(&w, e, 3);
    chat_words_free(&w);
}

static void test_unterminated_quote(void **state)
{
    (void)state;
    struct chat_words w;
    char err[128];
    assert_int_equal(parse(&w, "'' OK\n\"\" \"abc\n", err), -1);
    assert_string_equal(err, "unterminated quote (line 2)");
    chat_words_free(&w);
    assert_int_equal(parse(&w, "'abc\\'\n", err), -1);
    assert_string_equal(err, "unterminated quote (line 1)");
    chat_words_free(&w);
}

static void test_no_final_newline_and_empty(void **state)
{
    (void)state;
    struct chat_words w;
    char err[128];
    assert_int_equal(parse(&w, "", err), 0);
    assert_int_equal(w.n, 0);
    chat_words_free(&w);
    assert_int_equal(parse(&w, "a b", err), 0);
    assert_int_equal(w.n, 2);
    chat_words_free(&w);
}

static void test_long_line_split_like_fgets(void **state)
{
    (void)state;
    struct chat_words w;
    char err[128];
    char *text = malloc(1100);
    memset(text, 'a', 1099);
    text[1099] = '\0';
    assert_int_equal(parse(&w, text, err), 0);
    assert_int_equal(w.n, 2); /* 1023 bytes, then the rest */
    assert_int_equal(strlen(w.v[0]), 1023);
    assert_int_equal(strlen(w.v[1]), 76);
    chat_words_free(&w);
    free(text);
}

static enum chat_file_result load(struct chat_words *w, const char *path, char *err, size_t n)
{
    struct chat_run r;
    chat_run_init(&r, -1, -1, -1);
    return chat_file_load(&r, w, path, err, n);
}

static void test_load_file(void **state)
{
    (void)state;
    char path[] = "/tmp/test_chat_scriptXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *text = "ABORT 'NO CARRIER'\n'' ATZ\n";
    assert_int_equal(write(fd, text, strlen(text)), (int)strlen(text));
    close(fd);
    struct chat_words w = { 0 };
    char err[256];
    assert_int_equal(load(&w, path, err, sizeof err), CHAT_FILE_OK);
    const char *e[] = { "ABORT", "NO CARRIER", "", "ATZ" };
    assert_words(&w, e, 4);
    chat_words_free(&w);
    unlink(path);
    assert_int_equal(load(&w, path, err, sizeof err), CHAT_FILE_ERROR);
    assert_non_null(strstr(err, " -- open failed: No such file or directory"));
}

/* A file of exactly CHAT_FILE_MAX bytes loads; one byte more is refused
 * with a message naming the file, as /dev/zero is. */
static void test_load_file_cap(void **state)
{
    (void)state;
    char path[] = "/tmp/test_chat_scriptXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    char *text = malloc(CHAT_FILE_MAX + 1);
    assert_non_null(text);
    for (size_t i = 0; i < CHAT_FILE_MAX; i++)
        text[i] = (i % 64 == 63) ? '\n' : 'a';
    assert_int_equal(write(fd, text, CHAT_FILE_MAX), CHAT_FILE_MAX);
    struct chat_words w = { 0 };
    char err[256];
    assert_int_equal(load(&w, path, err, sizeof err), CHAT_FILE_OK);
    assert_int_equal(w.n, CHAT_FILE_MAX / 64);
    chat_words_free(&w);
    assert_int_equal(write(fd, "a", 1), 1);
    close(fd);
    assert_int_equal(load(&w, path, err, sizeof err), CHAT_FILE_ERROR);
    assert_non_null(strstr(err, " -- chat script longer than 1048576 bytes"));
    assert_int_equal(w.n, 0);
    assert_int_equal(load(&w, "/dev/zero", err, sizeof err), CHAT_FILE_ERROR);
    assert_string_equal(err, "/dev/zero -- chat script longer than 1048576 bytes");
    unlink(path);
    free(text);
}

static void test_keywords(void **state)
{
    (void)state;
    assert_int_equal(chat_keyword("ABORT"), CHAT_KW_ABORT);
    assert_int_equal(chat_keyword("CLR_ABORT"), CHAT_KW_CLR_ABORT);
    assert_int_equal(chat_keyword("REPORT"), CHAT_KW_REPORT);
    assert_int_equal(chat_keyword("CLR_REPORT"), CHAT_KW_CLR_REPORT);
    assert_int_equal(chat_keyword("TIMEOUT"), CHAT_KW_TIMEOUT);
    assert_int_equal(chat_keyword("ECHO"), CHAT_KW_ECHO);
    assert_int_equal(chat_keyword("HANGUP"), CHAT_KW_HANGUP);
    assert_int_equal(chat_keyword("SAY"), CHAT_KW_SAY);
    assert_int_equal(chat_keyword("abort"), CHAT_KW_NONE); /* case matters */
    assert_int_equal(chat_keyword("EOT"), CHAT_KW_NONE);   /* a send word, not a keyword */
    assert_int_equal(chat_keyword(""), CHAT_KW_NONE);
}

static int opts(struct chat_opts *o, char **argv)
{
    int argc = 0;
    while (argv[argc])
        argc++;
    return chat_opts_parse(o, argc, argv);
}

static void test_opts_flags_and_script(void **state)
{
    (void)state;
    struct chat_opts o;
    char *argv[] = { "chat", "-v", "-s", "-e", "-E", "-V", "-S", "''", "ATZ", NULL };
    assert_int_equal(opts(&o, argv), 0);
    assert_true(o.verbose && o.to_stderr && o.echo && o.use_env && o.Verbose);
    assert_false(o.to_log);
    assert_int_equal(o.timeout, 45);
    assert_int_equal(o.nscript, 2);
    assert_string_equal(o.script[1], "ATZ");
}

static void test_opts_grouped_and_attached(void **state)
{
    (void)state;
    struct chat_opts o;
    char *argv[] = { "chat", "-vst5", "-T", "555", "-U99", "-rrep", "--", "-x", NULL };
    assert_int_equal(opts(&o, argv), 0);
    assert_true(o.verbose && o.to_stderr);
    assert_int_equal(o.timeout, 5);
    assert_string_equal(o.phone, "555");
    assert_string_equal(o.phone2, "99");
    assert_string_equal(o.report_file, "rep");
    assert_true(o.report_opening_msg); /* -v came first */
    assert_int_equal(o.nscript, 1);
    assert_string_equal(o.script[0], "-x");
}

static void test_opts_errors(void **state)
{
    (void)state;
    struct chat_opts o;
    char *unknown[] = { "chat", "-x", NULL };
    assert_int_equal(opts(&o, unknown), -1);
    char *missing[] = { "chat", "-t", NULL };
    assert_int_equal(opts(&o, missing), -1);
    char *both[] = { "chat", "-f", "file", "OK", NULL };
    assert_int_equal(opts(&o, both), 0); /* main reports it after the tty set-up */
    assert_int_equal(o.nscript, 1);
    char *file[] = { "chat", "-f", "file", NULL };
    assert_int_equal(opts(&o, file), 0);
    assert_string_equal(o.chat_file, "file");
    char *late_v[] = { "chat", "-r", "rep", "-v", NULL };
    assert_int_equal(opts(&o, late_v), 0);
    assert_false(o.report_opening_msg);
}

static void test_opts_dash_alone_is_script(void **state)
{
    (void)state;
    struct chat_opts o;
    char *argv[] = { "chat", "-", "x", NULL };
    assert_int_equal(opts(&o, argv), 0);
    assert_int_equal(o.nscript, 2);
    assert_string_equal(o.script[0], "-");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_on_one_line),
        cmocka_unit_test(test_pairs_across_lines_and_comments),
        cmocka_unit_test(test_hash_not_in_column_one_is_a_word),
        cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_quote_backslash_kept),
        cmocka_unit_test(test_closing_quote_splits_word),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_no_final_newline_and_empty),
        cmocka_unit_test(test_long_line_split_like_fgets),
        cmocka_unit_test(test_load_file),
        cmocka_unit_test(test_load_file_cap),
        cmocka_unit_test(test_keywords),
        cmocka_unit_test(test_opts_flags_and_script),
        cmocka_unit_test(test_opts_grouped_and_attached),
        cmocka_unit_test(test_opts_errors),
        cmocka_unit_test(test_opts_dash_alone_is_script),
    };
    return cmocka_run_group_tests_name("chat_script", tests, NULL, NULL);
}
