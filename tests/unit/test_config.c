/* cmocka tests for common/config: the options-file lexer and file checks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/config.h"
#include "scratch_dir.h"

#define MAXW 64

struct lexed {
    int n;
    int rc;                 /* last cfg_next_word result */
    struct cfg_word w[MAXW];
    char err[CFG_ERR_MAX];
};

static struct lexed *lex_len(const char *text, size_t len)
{
    static struct lexed out;
    struct cfg_lexer lx;

    memset(&out, 0, sizeof out);
    cfg_lexer_init(&lx, "test.conf", text, len);
    while (out.n < MAXW && (out.rc = cfg_next_word(&lx, &out.w[out.n])) == 1)
        out.n++;
    snprintf(out.err, sizeof out.err, "%s", lx.err);
    return &out;
}

static struct lexed *lex(const char *text) { return lex_len(text, strlen(text)); }

static void assert_word(const struct cfg_word *w, const char *text, unsigned line, bool nl)
{
    assert_string_equal(w->text, text);
    assert_int_equal(w->len, strlen(text));
    assert_int_equal(w->line, line);
    assert_int_equal(w->newline_before, nl);
}

#include "seed_files.h"

static void seed_options_words(void **state)
{
    (void)state;
    struct lexed *l = lex(seed_options);
    assert_int_equal(l->rc, 0);
    assert_int_equal(l->n, 15);
    assert_word(&l->w[0], "-detach", 1, true);
    assert_word(&l->w[1], "asyncmap", 2, true);
    assert_word(&l->w[2], "0", 2, false);
    assert_word(&l->w[3], "netmask", 3, true);
    assert_word(&l->w[4], "255.255.254.0", 3, false);
    assert_word(&l->w[11], "disconnect", 10, true);
    assert_word(&l->w[12], "/etc/ppp-off", 10, false);
    assert_word(&l->w[13], "nodefaultroute", 11, true);
    assert_word(&l->w[14], "debug", 12, true);
    assert_false(l->w[14].quoted);
}

static void seed_options_ttyS0_words(void **state)
{
    (void)state;
    struct lexed *l = lex(seed_options_ttyS0);
    assert_int_equal(l->rc, 0);
    assert_int_equal(l->n, 5);
    assert_word(&l->w[0], "128.231.54.227:192.168.100.4", 1, true);
    assert_word(&l->w[3], "silent", 4, true);
    assert_word(&l->w[4], "proxyarp", 5, true);
}

static void letter_escapes(void **state)
{
    (void)state;
    struct lexed *l = lex("x\\a\\b\\f\\n\\r\\s\\t\\vy");
    assert_int_equal(l->n, 1);
    assert_string_equal(l->w[0].text, "x\a\b\f\n\r \t\vy");
}

static void octal_escapes(void **state)
{
    (void)state;
    /* 1 to 3 octal digits; the fourth digit is an ordinary character. */
    struct lexed *l = lex("\\101x \\7y \\1234");
    assert_int_equal(l->n, 3);
    assert_string_equal(l->w[0].text, "Ax");
    assert_string_equal(l->w[1].text, "\7y");
    assert_string_equal(l->w[2].text, "S4");
    /* the last word holds a NUL: "\0" then "8" */
    l = lex("\\08");
    assert_int_equal(l->n, 1);
    assert_int_equal(l->w[0].len, 2);
    assert_memory_equal(l->w[0].text, "\0" "8", 2);
}

static void octal_escape_wraps_to_byte(void **state)
{
    (void)state;
    struct lexed *l = lex("\\777");
    assert_int_equal(l->n, 1);
    assert_int_equal(l->w[0].len, 1);
    assert_int_equal((unsigned char)l->w[0].text[0], 0xff);
}

static void hex_escapes(void **state)
{
    (void)state;
    struct lexed *l = lex("\\x41\\x4g \\x7E7 \\xzz");
    assert_int_equal(l->n, 3);
    assert_string_equal(l->w[0].text, "A\x04g");
    assert_string_equal(l->w[1].text, "~7");
    /* \x without a hex digit stands for NUL, as in pppd */
    assert_int_equal(l->w[2].len, 3);
    assert_memory_equal(l->w[2].text, "\0zz", 3);
}

static void other_escapes_stand_for_themselves(void **state)
{
    (void)state;
    struct lexed *l = lex("\\q\\\\\\\"\\# \\ x");
    assert_int_equal(l->n, 2);
    assert_string_equal(l->w[0].text, "q\\\"#");
    assert_string_equal(l->w[1].text, " x");
}

static void escaped_quote_inside_quotes(void **state)
{
    (void)state;
    struct lexed *l = lex("\"say \\\"hi\\\"\" 'it\\'s'");
    assert_int_equal(l->n, 2);
    assert_string_equal(l->w[0].text, "say \"hi\"");
    assert_string_equal(l->w[1].text, "it's");
}

static void backslash_newline_continues_word(void **state)
{
    (void)state;
    struct lexed *l = lex("ab\\\ncd ef\ngh");
    assert_int_equal(l->n, 3);
    assert_word(&l->w[0], "abcd", 1, true);
    assert_word(&l->w[1], "ef", 2, false);
    assert_word(&l->w[2], "gh", 3, true);
}

static void backslash_newline_between_words(void **state)
{
    (void)state;
    struct lexed *l = lex("connect \\\n  chat\nnext");
    assert_int_equal(l->n, 3);
    assert_word(&l->w[0], "connect", 1, true);
    assert_word(&l->w[1], "chat", 2, false);
    assert_word(&l->w[2], "next", 3, true);
}

static void quotes_span_lines(void **state)
{
    (void)state;
    struct lexed *l = lex("name \"a b\nc\" next\n'x\n\ny' last\nz");
    assert_int_equal(l->rc, 0);
    assert_int_equal(l->n, 6);
    assert_word(&l->w[0], "name", 1, true);
    assert_word(&l->w[1], "a b\nc", 1, false);
    assert_true(l->w[1].quoted);
    assert_word(&l->w[2], "next", 2, false);
    assert_word(&l->w[3], "x\n\ny", 3, true);
    assert_word(&l->w[4], "last", 5, false);
    assert_word(&l->w[5], "z", 6, true);
}

static void empty_quoted_word(void **state)
{
    (void)state;
    struct lexed *l = lex("* * \"\" ''");
    assert_int_equal(l->n, 4);
    assert_string_equal(l->w[2].text, "");
    assert_int_equal(l->w[2].len, 0);
    assert_true(l->w[2].quoted);
    assert_true(l->w[3].quoted);
    assert_false(l->w[1].quoted);
}

static void comment_inside_quotes_is_text(void **state)
{
    (void)state;
    struct lexed *l = lex("\"a # b\" c # comment \"not a word\n'#d'");
    assert_int_equal(l->n, 3);
    assert_word(&l->w[0], "a # b", 1, true);
    assert_word(&l->w[1], "c", 1, false);
    assert_word(&l->w[2], "#d", 2, true);
}

static void comment_only_at_word_start(void **state)
{
    (void)state;
    struct lexed *l = lex("abc#def #gone\n#all gone\n  # indented\nx");
    assert_int_equal(l->n, 2);
    assert_word(&l->w[0], "abc#def", 1, true);
    assert_word(&l->w[1], "x", 4, true);
}

static void comment_does_not_continue(void **state)
{
    (void)state;
    /* backslash-newline does not extend a comment (pppd) */
    struct lexed *l = lex("# note \\\nword");
    assert_int_equal(l->n, 1);
    assert_word(&l->w[0], "word", 2, true);
}

static void closing_quote_ends_word(void **state)
{
    (void)state;
    struct lexed *l = lex("\"abc\"def ab\"cd");
    assert_int_equal(l->n, 3);
    assert_word(&l->w[0], "abc", 1, true);
    assert_word(&l->w[1], "def", 1, false);
    assert_false(l->w[1].quoted);
    /* a quote inside a word is an ordinary character */
    assert_string_equal(l->w[2].text, "ab\"cd");
}

static void unterminated_quote_names_line(void **state)
{
    (void)state;
    struct lexed *l = lex("a\nb\n\"open\n\nmore");
    assert_int_equal(l->n, 2);
    assert_int_equal(l->rc, -1);
    assert_string_equal(l->err, "test.conf:3: unterminated quoted string");
}

static void errors_are_sticky(void **state)
{
    (void)state;
    struct cfg_lexer lx;
    struct cfg_word w;
    cfg_lexer_init(&lx, "f", "'x", 2);
    assert_int_equal(cfg_next_word(&lx, &w), -1);
    assert_int_equal(cfg_next_word(&lx, &w), -1);
    assert_string_equal(lx.err, "f:1: unterminated quoted string");
}

static void word_length_limit(void **state)
{
    (void)state;
    static char text[CFG_WORD_MAX + 16];
    memset(text, 0, sizeof text);
    strcpy(text, "ok\n\n");
    memset(text + 4, 'a', CFG_WORD_MAX - 1);
    struct lexed *l = lex(text);
    assert_int_equal(l->rc, 0);
    assert_int_equal(l->n, 2);
    assert_int_equal(l->w[1].len, CFG_WORD_MAX - 1);
    assert_int_equal(l->w[1].line, 3);

    text[4 + CFG_WORD_MAX - 1] = 'a';   /* one more: 1024 characters */
    l = lex(text);
    assert_int_equal(l->rc, -1);
    assert_int_equal(l->n, 1);
    assert_string_equal(l->err, "test.conf:3: word too long (more than 1023 characters)");
}

static void overlong_quoted_word_over_lines(void **state)
{
    (void)state;
    static char text[3000];
    memset(text, 0, sizeof text);
    strcpy(text, "x\n\"");
    for (size_t i = 3; i < 2500; i++)
        text[i] = (i % 100 == 0) ? '\n' : 'b';
    strcat(text, "\"");
    struct lexed *l = lex(text);
    assert_int_equal(l->rc, -1);
    assert_string_equal(l->err, "test.conf:2: word too long (more than 1023 characters)");
}

static void empty_and_blank_input(void **state)
{
    (void)state;
    struct lexed *l = lex("");
    assert_int_equal(l->rc, 0);
    assert_int_equal(l->n, 0);
    l = lex(" \t\n# only a comment\n\n   \\\n");
    assert_int_equal(l->rc, 0);
    assert_int_equal(l->n, 0);
    l = lex_len(NULL, 5);
    assert_int_equal(l->rc, 0);
    /* a lone backslash at the end is dropped */
    l = lex("word\\");
    assert_int_equal(l->n, 1);
    assert_string_equal(l->w[0].text, "word");
}

static void crlf_and_binary_bytes(void **state)
{
    (void)state;
    struct lexed *l = lex_len("a\r\nb\0c \xff\x01", 9);
    assert_int_equal(l->rc, 0);
    assert_int_equal(l->n, 3);
    assert_word(&l->w[0], "a", 1, true);
    assert_int_equal(l->w[1].len, 3);
    assert_memory_equal(l->w[1].text, "b\0c", 3);
    assert_true(l->w[1].newline_before);
    assert_int_equal(l->w[2].len, 2);
}

/* ---- files ---- */

static char tmpdir[2048];

static int files_setup(void **state)
{
    (void)state;
    return scratch_dir_make(tmpdir, sizeof tmpdir, "cfgtest");
}

static int files_teardown(void **state)
{
    (void)state;
    return scratch_dir_remove(tmpdir);
}

static const char *write_file(const char *name, const char *text, mode_t mode)
{
    static char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    assert_int_equal(chmod(path, mode), 0);
    return path;
}

static void read_file_ok(void **state)
{
    (void)state;
    char *text, err[CFG_ERR_MAX];
    size_t len;
    const char *p = write_file("options", seed_options, 0644);
    assert_int_equal(cfg_read_file(p, &text, &len, err, sizeof err), 0);
    assert_int_equal(len, strlen(seed_options));
    assert_string_equal(text, seed_options);
    free(text);
}

static void read_file_missing(void **state)
{
    (void)state;
    char *text = (char *)1, err[CFG_ERR_MAX];
    size_t len;
    assert_int_equal(cfg_read_file("/nonexistent/ppp/options", &text, &len, err, sizeof err), -1);
    assert_int_equal(errno, ENOENT);
    assert_null(text);
    assert_string_equal(err, "cannot open /nonexistent/ppp/options: No such file or directory");
}

static void read_file_directory(void **state)
{
    (void)state;
    char *text, err[CFG_ERR_MAX], want[PATH_MAX + 64];
    size_t len;
    assert_int_equal(cfg_read_file(tmpdir, &text, &len, err, sizeof err), -1);
    assert_int_equal(errno, EISDIR);
    snprintf(want, sizeof want, "cannot open %s: Is a directory", tmpdir);
    assert_string_equal(err, want);
}

static void read_file_too_big(void **state)
{
    (void)state;
    char *text, err[CFG_ERR_MAX];
    size_t len;
    const char *p = write_file("big", "", 0644);
    int fd = open(p, O_WRONLY);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, CFG_FILE_MAX + 1), 0);
    close(fd);
    assert_int_equal(cfg_read_file(p, &text, &len, err, sizeof err), -1);
    assert_int_equal(errno, EFBIG);
    assert_non_null(strstr(err, "file is larger than 1048576 bytes"));

    fd = open(p, O_WRONLY);
    assert_int_equal(ftruncate(fd, CFG_FILE_MAX), 0);   /* exactly the cap is fine */
    close(fd);
    assert_int_equal(cfg_read_file(p, &text, &len, err, sizeof err), 0);
    assert_int_equal(len, CFG_FILE_MAX);
    free(text);
}

static void read_file_fifo_refused(void **state)
{
    (void)state;
    char path[PATH_MAX], *text, err[CFG_ERR_MAX];
    size_t len;
    snprintf(path, sizeof path, "%s/fifo", tmpdir);
    assert_int_equal(mkfifo(path, 0600), 0);
    assert_int_equal(cfg_read_file(path, &text, &len, err, sizeof err), -1);
    assert_non_null(strstr(err, "not a regular file"));
    unlink(path);
}

static void path_check_file_writable(void **state)
{
    (void)state;
    char why[512], want[PATH_MAX + 64];
    const char *p = write_file("pap-secrets", "* * \"\" *\n", 0620);
    assert_int_equal(cfg_check_path_secure(p, true, why, sizeof why), -1);
    snprintf(want, sizeof want, "%s is writable by group or others", p);
    assert_string_equal(why, want);
    p = write_file("pap-secrets", "", 0602);
    assert_int_equal(cfg_check_path_secure(p, true, why, sizeof why), -1);
    assert_string_equal(why, want);
}

static void path_check_owner(void **state)
{
    (void)state;
    char why[512];
    const char *p = write_file("owned", "x\n", 0600);
    if (geteuid() == 0) {
        /* as root: a file given to another user is refused */
        assert_int_equal(chown(p, 1234, 0), 0);
        assert_int_equal(cfg_check_path_secure(p, true, why, sizeof why), -1);
        assert_non_null(strstr(why, "is owned by uid 1234, not by root"));
    } else {
        assert_int_equal(cfg_check_path_secure(p, false, why, sizeof why), -1);
        assert_non_null(strstr(why, "not by root"));
    }
}

static void path_check_parent_writable(void **state)
{
    (void)state;
    char dir[3000], path[PATH_MAX], why[512], want[PATH_MAX + 64];
    snprintf(dir, sizeof dir, "%s/open", tmpdir);
    assert_int_equal(mkdir(dir, 0755), 0);
    assert_int_equal(chmod(dir, 0777), 0);
    snprintf(path, sizeof path, "%s/secret", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fclose(f);
    assert_int_equal(chmod(path, 0600), 0);
    assert_int_equal(cfg_check_path_secure(path, true, why, sizeof why), -1);
    snprintf(want, sizeof want, "%s is writable by group or others", dir);
    assert_string_equal(why, want);
    unlink(path);
    rmdir(dir);
}

/* /tmp-like: world-writable but sticky, so a root-owned file there stays safe. */
static void path_check_sticky_dir_ok(void **state)
{
    (void)state;
    char dir[3000], path[PATH_MAX], why[512];
    if (cfg_check_path_secure(tmpdir, true, why, sizeof why) < 0) {
        print_message("skipping: %s\n", why);
        skip();
    }
    snprintf(dir, sizeof dir, "%s/sticky", tmpdir);
    assert_int_equal(mkdir(dir, 0755), 0);
    assert_int_equal(chmod(dir, 01777), 0);
    snprintf(path, sizeof path, "%s/secret", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fclose(f);
    assert_int_equal(chmod(path, 0600), 0);
    assert_int_equal(cfg_check_path_secure(path, true, why, sizeof why), 0);
    assert_int_equal(chmod(path, 0666), 0); /* the file itself still may not be */
    assert_int_equal(cfg_check_path_secure(path, true, why, sizeof why), -1);
    unlink(path);
    rmdir(dir);
}

static void path_check_safe(void **state)
{
    (void)state;
    char why[512];
    /* Only meaningful when every directory above the build tree is safe. */
    if (cfg_check_path_secure(tmpdir, true, why, sizeof why) < 0) {
        print_message("skipping: %s\n", why);
        skip();
    }
    const char *p = write_file("safe", "x\n", 0600);
    assert_int_equal(cfg_check_path_secure(p, true, why, sizeof why), 0);
    assert_int_equal(cfg_check_path_secure("/", false, why, sizeof why), 0);
}

static void path_check_symlinks(void **state)
{
    (void)state;
    char why[512], dir[3000], target[PATH_MAX], link[PATH_MAX], want[PATH_MAX + 64];
    if (cfg_check_path_secure(tmpdir, true, why, sizeof why) < 0) {
        print_message("skipping: %s\n", why);
        skip();
    }
    snprintf(dir, sizeof dir, "%s/open", tmpdir);
    assert_int_equal(mkdir(dir, 0755), 0);
    assert_int_equal(chmod(dir, 0777), 0);
    snprintf(want, sizeof want, "%s is writable by group or others", dir);

    /* a safe-looking link to a file in a world-writable directory */
    snprintf(target, sizeof target, "%s/real", dir);
    FILE *f = fopen(target, "w");
    assert_non_null(f);
    fclose(f);
    assert_int_equal(chmod(target, 0600), 0);
    snprintf(link, sizeof link, "%s/link", tmpdir);
    assert_int_equal(symlink(target, link), 0);
    assert_int_equal(cfg_check_path_secure(link, true, why, sizeof why), -1);
    assert_string_equal(why, want);
    unlink(link);
    unlink(target);

    /* a link inside a world-writable directory to a safe file */
    const char *safe = write_file("safe2", "x\n", 0600);
    snprintf(target, sizeof target, "%s", safe);
    snprintf(link, sizeof link, "%s/link", dir);
    assert_int_equal(symlink(target, link), 0);
    assert_int_equal(cfg_check_path_secure(link, true, why, sizeof why), -1);
    assert_string_equal(why, want);
    assert_int_equal(cfg_check_path_secure(target, true, why, sizeof why), 0);
    unlink(link);
    rmdir(dir);
}

static void path_check_relative(void **state)
{
    (void)state;
    char why[512], old[PATH_MAX];
    write_file("rel", "x\n", 0600);
    assert_non_null(getcwd(old, sizeof old));
    assert_int_equal(chdir(tmpdir), 0);
    int rc = cfg_check_path_secure("rel", true, why, sizeof why);
    int rc_bad = (chmod("rel", 0666) == 0) ? cfg_check_path_secure("rel", true, why, sizeof why) : 0;
    assert_int_equal(chdir(old), 0);
    assert_int_equal(rc_bad, -1);
    assert_string_equal(why, "rel is writable by group or others");
    if (cfg_check_path_secure(tmpdir, true, why, sizeof why) == 0)
        assert_int_equal(rc, 0);
}

static void path_check_missing(void **state)
{
    (void)state;
    char why[512];
    assert_int_equal(cfg_check_path_secure("/nonexistent/x", true, why, sizeof why), -1);
    assert_string_equal(why, "cannot stat /nonexistent/x: No such file or directory");
}

static void readable_by_others(void **state)
{
    (void)state;
    const char *p = write_file("r", "", 0600);
    assert_int_equal(cfg_file_readable_by_others(p), 0);
    p = write_file("r", "", 0640);
    assert_int_equal(cfg_file_readable_by_others(p), 1);
    p = write_file("r", "", 0604);
    assert_int_equal(cfg_file_readable_by_others(p), 1);
    assert_int_equal(cfg_file_readable_by_others("/nonexistent/x"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seed_options_words),
        cmocka_unit_test(seed_options_ttyS0_words),
        cmocka_unit_test(letter_escapes),
        cmocka_unit_test(octal_escapes),
        cmocka_unit_test(octal_escape_wraps_to_byte),
        cmocka_unit_test(hex_escapes),
        cmocka_unit_test(other_escapes_stand_for_themselves),
        cmocka_unit_test(escaped_quote_inside_quotes),
        cmocka_unit_test(backslash_newline_continues_word),
        cmocka_unit_test(backslash_newline_between_words),
        cmocka_unit_test(quotes_span_lines),
        cmocka_unit_test(empty_quoted_word),
        cmocka_unit_test(comment_inside_quotes_is_text),
        cmocka_unit_test(comment_only_at_word_start),
        cmocka_unit_test(comment_does_not_continue),
        cmocka_unit_test(closing_quote_ends_word),
        cmocka_unit_test(unterminated_quote_names_line),
        cmocka_unit_test(errors_are_sticky),
        cmocka_unit_test(word_length_limit),
        cmocka_unit_test(overlong_quoted_word_over_lines),
        cmocka_unit_test(empty_and_blank_input),
        cmocka_unit_test(crlf_and_binary_bytes),
        cmocka_unit_test(read_file_ok),
        cmocka_unit_test(read_file_missing),
        cmocka_unit_test(read_file_directory),
        cmocka_unit_test(read_file_too_big),
        cmocka_unit_test(read_file_fifo_refused),
        cmocka_unit_test(path_check_file_writable),
        cmocka_unit_test(path_check_owner),
        cmocka_unit_test(path_check_parent_writable),
        cmocka_unit_test(path_check_sticky_dir_ok),
        cmocka_unit_test(path_check_safe),
        cmocka_unit_test(path_check_symlinks),
        cmocka_unit_test(path_check_relative),
        cmocka_unit_test(path_check_missing),
        cmocka_unit_test(readable_by_others),
    };
    return cmocka_run_group_tests_name("config", tests, files_setup, files_teardown);
}
