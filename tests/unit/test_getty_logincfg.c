/* cmocka tests for getty/logincfg: login.config patterns, dispatch, argv. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "common/log.h"
#include "getty/logincfg.h"

/* The seed HOWTO's login.config, as written there. */
static const char seed[] =
    "# login.config\n"
    "timeout 20\n"
    "/AutoPPP/ - ppp /usr/sbin/pppd auth -chap +pap login\n"
    "ppp - a_ppp /usr/sbin/pppd auth -chap +pap login\n"
    "* - - /bin/login @\n";

static struct {
    int count;
    char last[512];
} warns;

static void sink(void *ctx, enum log_level level, const char *msg)
{
    (void)ctx;
    if (level <= LOG_LVL_WARN) {
        warns.count++;
        snprintf(warns.last, sizeof warns.last, "%s", msg);
    }
}

static int setup(void **state)
{
    (void)state;
    memset(&warns, 0, sizeof warns);
    log_open("test", 0, 0);
    log_set_sink(sink, NULL);
    return 0;
}

static struct lcfg_result res;

static int lookup(const char *text, const char *name, const char *connect, const char *cid)
{
    struct lcfg_ctx ctx = { .name = name, .connect = connect, .caller_id = cid };
    return lcfg_lookup("login.config", text, strlen(text), &ctx, NULL, &res);
}

static void test_pattern_exact(void **state)
{
    (void)state;
    assert_true(lcfg_pattern_match("ppp", "ppp"));
    assert_false(lcfg_pattern_match("ppp", "pppx"));
    assert_false(lcfg_pattern_match("ppp", "pp"));
    assert_false(lcfg_pattern_match("", ""));
    assert_false(lcfg_pattern_match("", "x"));
}

static void test_pattern_stars(void **state)
{
    (void)state;
    assert_true(lcfg_pattern_match("*", "anything"));
    assert_true(lcfg_pattern_match("*", ""));
    assert_true(lcfg_pattern_match("**", "x"));
    assert_true(lcfg_pattern_match("U*", "Uhost"));
    assert_true(lcfg_pattern_match("U*", "U"));
    assert_false(lcfg_pattern_match("U*", "xU"));
    assert_true(lcfg_pattern_match("*abc", "xxabc"));
    assert_false(lcfg_pattern_match("*abc", "abcx"));
    assert_true(lcfg_pattern_match("*bc*", "abcd"));
    assert_false(lcfg_pattern_match("*bc*", "acbd"));
    /* no other globbing */
    assert_false(lcfg_pattern_match("a?c", "abc"));
    assert_false(lcfg_pattern_match("a*c", "abc"));
    assert_true(lcfg_pattern_match("a*c", "a*c"));
}

static void test_seed_ppp_line(void **state)
{
    (void)state;
    assert_int_equal(lookup(seed, "ppp", "57600", ""), 1);
    assert_int_equal(res.line, 4);
    assert_string_equal(res.program, "/usr/sbin/pppd");
    assert_int_equal(res.argc, 5);
    assert_string_equal(res.argv[0], "pppd");
    assert_string_equal(res.argv[1], "auth");
    assert_string_equal(res.argv[2], "-chap");
    assert_string_equal(res.argv[3], "+pap");
    assert_string_equal(res.argv[4], "login");
    assert_null(res.argv[5]);
    assert_true(res.keep_root);
    assert_string_equal(res.utmp, "a_ppp");
}

static void test_seed_autoppp(void **state)
{
    (void)state;
    assert_int_equal(lookup(seed, "/AutoPPP/", "57600", ""), 1);
    assert_int_equal(res.line, 3);
    assert_string_equal(res.utmp, "ppp");
    assert_string_equal(res.argv[0], "pppd");
}

static void test_seed_other_name_login(void **state)
{
    (void)state;
    assert_int_equal(lookup(seed, "alice", "", ""), 1);
    assert_int_equal(res.line, 5);
    assert_string_equal(res.program, "/bin/login");
    assert_int_equal(res.argc, 2);
    assert_string_equal(res.argv[0], "login");
    assert_string_equal(res.argv[1], "alice");
    assert_string_equal(res.utmp, "");
}

static void test_seed_timeout_line_warns(void **state)
{
    (void)state;
    /* "timeout 20" has too few columns: a warning naming the line, skipped */
    assert_int_equal(lookup(seed, "timeout", "", ""), 1);
    assert_int_equal(res.line, 5);               /* reached the * line */
    assert_true(warns.count >= 1);
    assert_non_null(strstr(warns.last, "login.config:2:"));
}

static void test_autoppp_case_sensitive(void **state)
{
    (void)state;
    assert_int_equal(lookup("/autoppp/ - - /bin/x\n", "/AutoPPP/", "", ""), 0);
    assert_false(res.matched);
    assert_string_equal(res.program, "/bin/login");
}

static void test_no_match_default(void **state)
{
    (void)state;
    assert_int_equal(lookup("ppp - - /bin/ppp\n", "bob", "", ""), 0);
    assert_string_equal(res.program, "/bin/login");
    assert_string_equal(res.argv[0], "login");
    assert_string_equal(res.argv[1], "bob");
    assert_null(res.argv[2]);
    assert_true(res.keep_root);
}

static void test_default_login_override(void **state)
{
    struct lcfg_ctx ctx = { .name = "bob" };
    (void)state;
    lcfg_default(&ctx, "/tmp/rec", &res);
    assert_string_equal(res.program, "/tmp/rec");
    assert_string_equal(res.argv[0], "rec");
    assert_string_equal(res.argv[1], "bob");
}

static void test_first_match_wins(void **state)
{
    (void)state;
    assert_int_equal(lookup("a* - - /bin/first\nabc - - /bin/second\n", "abc", "", ""), 1);
    assert_string_equal(res.program, "/bin/first");
}

static void test_substitutions_whole_word(void **state)
{
    (void)state;
    assert_int_equal(lookup("* uucp @ /usr/lib/uucico -l @ \\I \\Y x@y @@ \\Ix\n", "fred",
                            "57600/V42", "0123"), 1);
    assert_string_equal(res.userid, "uucp");
    assert_false(res.keep_root);
    assert_string_equal(res.utmp, "fred");
    assert_int_equal(res.argc, 8);
    assert_string_equal(res.argv[0], "uucico");
    assert_string_equal(res.argv[1], "-l");
    assert_string_equal(res.argv[2], "fred");
    assert_string_equal(res.argv[3], "57600/V42");
    assert_string_equal(res.argv[4], "0123");
    assert_string_equal(res.argv[5], "x@y");
    assert_string_equal(res.argv[6], "@@");
    assert_string_equal(res.argv[7], "\\Ix");
}

static void test_substitution_unknown_values(void **state)
{
    (void)state;
    assert_int_equal(lookup("* - - /bin/p \\I \\Y\n", "x", "", ""), 1);
    assert_string_equal(res.argv[1], "??");
    assert_string_equal(res.argv[2], "none");
}

static void test_hostile_name_one_word(void **state)
{
    (void)state;
    assert_int_equal(lookup(seed, "$(reboot)", "", ""), 1);
    assert_int_equal(res.argc, 2);
    assert_string_equal(res.argv[1], "$(reboot)");
    assert_int_equal(lookup(seed, "; rm -rf /", "", ""), 1);
    assert_int_equal(res.argc, 2);
    assert_string_equal(res.argv[1], "; rm -rf /");
}

static void test_max_nine_args(void **state)
{
    (void)state;
    assert_int_equal(lookup("ppp - - /bin/echo 1 2 3 4 5 6 7 8 9 10 11 12\n", "ppp", "", ""), 1);
    assert_int_equal(res.argc, 10);
    assert_string_equal(res.argv[9], "9");
    assert_null(res.argv[10]);
    assert_int_equal(warns.count, 1);
    assert_non_null(strstr(warns.last, "max. 9 command line arguments possible, truncated at: '10'"));
}

static void test_argv0_basename(void **state)
{
    (void)state;
    assert_int_equal(lookup("x - - /usr/local/sbin/pppd-lite\n", "x", "", ""), 1);
    assert_string_equal(res.argv[0], "pppd-lite");
    assert_int_equal(res.argc, 1);
    assert_int_equal(lookup("x - - relative\n", "x", "", ""), 1);
    assert_string_equal(res.argv[0], "relative");
}

static void test_utmp_literal_and_none(void **state)
{
    (void)state;
    assert_int_equal(lookup("x - fido /bin/a\n", "x", "", ""), 1);
    assert_string_equal(res.utmp, "fido");
    assert_int_equal(lookup("x - - /bin/a\n", "x", "", ""), 1);
    assert_string_equal(res.utmp, "");
}

static void test_comments_blank_tabs(void **state)
{
    (void)state;
    assert_int_equal(lookup("\n   # c\n\tppp\t-\t-\t/bin/p\targ\n", "ppp", "", ""), 1);
    assert_int_equal(res.line, 3);
    assert_string_equal(res.argv[1], "arg");
}

static void test_version2_callback_column(void **state)
{
    static const char v2[] = "!version 2\n"
                             "ppp Y - - /bin/cb\n"
                             "ppp N - - /bin/nocb\n";
    (void)state;
    assert_int_equal(lookup(v2, "ppp", "", ""), 1);
    assert_string_equal(res.program, "/bin/nocb");
}

static void test_malformed_lines(void **state)
{
    char big[3000];
    (void)state;
    memset(big, 'a', sizeof big);
    memcpy(big + sizeof big - 20, "\nppp - - /bin/ok\n", 17);
    big[sizeof big - 3] = '\0';
    assert_int_equal(lookup(big, "ppp", "", ""), 1);   /* the overlong line is skipped */
    assert_string_equal(res.program, "/bin/ok");
    assert_true(warns.count >= 1);
    static const char nul[] = "a\0b - - /bin/x\nppp - - /bin/ok\n";
    struct lcfg_ctx ctx = { .name = "ppp" };
    assert_int_equal(lcfg_lookup("f", nul, sizeof nul - 1, &ctx, NULL, &res), 1);
    assert_string_equal(res.program, "/bin/ok");
}

static void test_program_column_only_white(void **state)
{
    /* found by fuzzing: a program column of vertical tabs is no program */
    (void)state;
    assert_int_equal(lookup("* - - \v\v\v\nx - - /bin/ok\n", "x", "", ""), 1);
    assert_string_equal(res.program, "/bin/ok");
    assert_int_equal(warns.count, 1);
    assert_non_null(strstr(warns.last, "login.config:1: syntax error, no program"));
}

static void test_file_permissions(void **state)
{
    struct stat st;
    char why[256];
    (void)state;
    memset(&st, 0, sizeof st);
    st.st_mode = S_IFREG | 0600;
    st.st_uid = 0;
    assert_int_equal(lcfg_file_acceptable(&st, why, sizeof why), 1);
    st.st_mode = S_IFREG | 0644;     /* the seed's -rw-r--r--: mgetty 1.2.1 ignores it */
    assert_int_equal(lcfg_file_acceptable(&st, why, sizeof why), 0);
    assert_non_null(strstr(why, "Must be owned by 'root' and have mode '0600'"));
    st.st_mode = S_IFREG | 0600;
    st.st_uid = 1000;
    assert_int_equal(lcfg_file_acceptable(&st, why, sizeof why), 0);
    st.st_uid = 0;
    st.st_mode = S_IFREG | 0610;
    assert_int_equal(lcfg_file_acceptable(&st, why, sizeof why), 0);
}

static void test_format_argv(void **state)
{
    char out[64];
    (void)state;
    assert_int_equal(lookup(seed, "ppp", "", ""), 1);
    lcfg_format_argv(&res, out, sizeof out);
    assert_string_equal(out, "pppd auth -chap +pap login");
    lcfg_format_argv(&res, out, 8);
    assert_int_equal(strlen(out), 7);
}

static void test_empty_name_at_omitted(void **state)
{
    (void)state;
    assert_int_equal(lookup("* - - /bin/login @\n", "", "", ""), 1);
    assert_int_equal(res.argc, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_pattern_exact, setup),
        cmocka_unit_test_setup(test_pattern_stars, setup),
        cmocka_unit_test_setup(test_seed_ppp_line, setup),
        cmocka_unit_test_setup(test_seed_autoppp, setup),
        cmocka_unit_test_setup(test_seed_other_name_login, setup),
        cmocka_unit_test_setup(test_seed_timeout_line_warns, setup),
        cmocka_unit_test_setup(test_autoppp_case_sensitive, setup),
        cmocka_unit_test_setup(test_no_match_default, setup),
        cmocka_unit_test_setup(test_default_login_override, setup),
        cmocka_unit_test_setup(test_first_match_wins, setup),
        cmocka_unit_test_setup(test_substitutions_whole_word, setup),
        cmocka_unit_test_setup(test_substitution_unknown_values, setup),
        cmocka_unit_test_setup(test_hostile_name_one_word, setup),
        cmocka_unit_test_setup(test_max_nine_args, setup),
        cmocka_unit_test_setup(test_argv0_basename, setup),
        cmocka_unit_test_setup(test_utmp_literal_and_none, setup),
        cmocka_unit_test_setup(test_comments_blank_tabs, setup),
        cmocka_unit_test_setup(test_version2_callback_column, setup),
        cmocka_unit_test_setup(test_malformed_lines, setup),
        cmocka_unit_test_setup(test_program_column_only_white, setup),
        cmocka_unit_test_setup(test_file_permissions, setup),
        cmocka_unit_test_setup(test_format_argv, setup),
        cmocka_unit_test_setup(test_empty_name_at_omitted, setup),
    };
    return cmocka_run_group_tests_name("getty_logincfg", tests, NULL, NULL);
}
