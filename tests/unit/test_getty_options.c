/* cmocka tests for getty/options: command line and mgetty.config. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "common/log.h"
#include "getty/options.h"

static struct { int count; char last[512]; } errs;

static void sink(void *ctx, enum log_level level, const char *msg)
{
    (void)ctx;
    if (level == LOG_LVL_ERROR) {
        errs.count++;
        snprintf(errs.last, sizeof errs.last, "%s", msg);
    }
}

static int setup(void **state)
{
    (void)state;
    memset(&errs, 0, sizeof errs);
    log_open("test", 0, 0);
    log_set_sink(sink, NULL);
    return 0;
}

static struct gopt_cli cli;
static struct getty_opts o;
static char err[256];

static int parse(int argc, const char **argv)
{
    return gopt_parse_cli(argc, (char **)argv, &cli, err, sizeof err);
}

static void test_defaults(void **state)
{
    (void)state;
    gopt_defaults(&o);
    assert_int_equal(o.speed, 38400);
    assert_int_equal(o.rings, 1);
    assert_int_equal(o.login_time, 240);
    assert_int_equal(o.answer_chat_timeout, 80);
    assert_true(o.toggle_dtr);
    assert_int_equal(o.port_mode, 0660);
    assert_string_equal(o.login_prompt, "@ login: ");      /* Debian's mgetty */
    assert_string_equal(o.port_owner, "root");
    assert_string_equal(o.init_chat, "\"\" \\dATQ0V1H0 OK AT OK");
    assert_true(o.fido_send_emsi);
    assert_string_equal(o.lock_dir, "/var/lock");
    assert_false(o.direct);
}

static void test_seed_inittab_line(void **state)
{
    /* S0:2345:respawn:/usr/local/sbin/getty ttyS0 -D /dev/ttyS0 */
    const char *argv[] = { "getty", "ttyS0", "-D", "/dev/ttyS0", NULL };
    (void)state;
    assert_int_equal(parse(4, argv), 0);
    assert_true(cli.val.data_only);
    assert_string_equal(cli.val.line_path, "/dev/ttyS0");
    assert_string_equal(cli.val.line_name, "ttyS0");
}

static void test_line_last_and_flags(void **state)
{
    const char *argv[] = { "getty", "-x", "9", "-s", "57600", "-r", "-n", "2", "-i", "/etc/x",
                           "-p", "hi: ", "-m", "\"\" AT OK", "-R", "5", "ttyS1", NULL };
    (void)state;
    assert_int_equal(parse(17, argv), 0);
    assert_int_equal(cli.val.debug, 9);
    assert_int_equal(cli.val.speed, 57600);
    assert_true(cli.val.direct);
    assert_int_equal(cli.val.rings, 2);
    assert_string_equal(cli.val.issue_file, "/etc/x");
    assert_string_equal(cli.val.login_prompt, "hi: ");
    assert_string_equal(cli.val.init_chat, "\"\" AT OK");
    assert_int_equal(cli.val.ringback_time, 5);
    assert_true(cli.val.ringback);               /* -R turns ringback on, as mgetty */
    assert_string_equal(cli.val.line_path, "/dev/ttyS1");
    /* and overrides a "ringback no" from mgetty.config */
    static const char text[] = "ringback no\nringback-time 90\nblocking yes\n";
    gopt_defaults(&o);
    assert_int_equal(gopt_apply_config(&o, "mgetty.config", text, sizeof text - 1, "ttyS1"), 0);
    assert_false(o.ringback);
    assert_int_equal(o.ringback_time, 90);
    assert_true(o.blocking);
    gopt_apply_cli(&o, &cli);
    assert_true(o.ringback);
    assert_int_equal(o.ringback_time, 5);
    assert_true(o.blocking);
}

static void test_blocking_and_ringback_defaults(void **state)
{
    const char *argv[] = { "getty", "-b", "ttyS0", NULL };
    (void)state;
    gopt_defaults(&o);
    assert_false(o.blocking);
    assert_false(o.ringback);
    assert_int_equal(o.ringback_time, 30);
    assert_int_equal(parse(3, argv), 0);
    assert_true(cli.val.blocking);
    assert_false(cli.val.ringback);
}

static void test_line_paths(void **state)
{
    (void)state;
    gopt_defaults(&o);
    assert_int_equal(gopt_resolve_line(&o, "/dev/pts/3", err, sizeof err), 0);
    assert_string_equal(o.line_name, "pts/3");
    assert_int_equal(gopt_resolve_line(&o, "/tmp/x/ttyT0", err, sizeof err), 0);
    assert_string_equal(o.line_name, "ttyT0");
    assert_string_equal(o.line_path, "/tmp/x/ttyT0");
    assert_int_equal(gopt_resolve_line(&o, "../etc/passwd", err, sizeof err), -1);
    assert_int_equal(gopt_resolve_line(&o, "", err, sizeof err), -1);
}

static void test_cli_errors(void **state)
{
    const char *noline[] = { "getty", "-r", NULL };
    const char *badspeed[] = { "getty", "-s", "fast", "ttyS0", NULL };
    const char *unknown[] = { "getty", "-Z", "ttyS0", NULL };
    const char *debugrange[] = { "getty", "-x", "12", "ttyS0", NULL };
    (void)state;
    assert_int_equal(parse(2, noline), -1);
    assert_non_null(strstr(err, "no line"));
    assert_int_equal(parse(4, badspeed), -1);
    assert_int_equal(parse(3, unknown), -1);
    assert_int_equal(parse(4, debugrange), -1);
}

static void test_fax_only_refused(void **state)
{
    const char *argv[] = { "getty", "-F", "ttyS0", NULL };
    (void)state;
    assert_int_equal(parse(3, argv), 0);
    gopt_defaults(&o);
    gopt_apply_cli(&o, &cli);
    assert_int_equal(gopt_validate(&o, err, sizeof err), -1);
    assert_non_null(strstr(err, "not supported"));
}

static void test_seed_mgetty_config(void **state)
{
    static const char seed[] = "debug 4\nspeed 57600\nlogin-time 30\n"
                               "answer-chat-timeout 30\ntoggle-dtr yes\n";
    (void)state;
    gopt_defaults(&o);
    assert_int_equal(gopt_apply_config(&o, "mgetty.config", seed, strlen(seed), "ttyS0"), 0);
    assert_int_equal(o.debug, 4);
    assert_int_equal(o.speed, 57600);
    assert_int_equal(o.login_time, 30);
    assert_int_equal(o.answer_chat_timeout, 30);
    assert_true(o.toggle_dtr);
    assert_int_equal(gopt_validate(&o, err, sizeof err), 0);
}

static void test_port_sections(void **state)
{
    static const char text[] = "speed 38400\nrings 1\n"
                               "port ttyS0\n  rings 3\n  direct yes\n"
                               "port ttyS1\n  rings 5\n";
    (void)state;
    gopt_defaults(&o);
    assert_int_equal(gopt_apply_config(&o, "f", text, strlen(text), "ttyS0"), 0);
    assert_int_equal(o.rings, 3);
    assert_true(o.direct);
    gopt_defaults(&o);
    assert_int_equal(gopt_apply_config(&o, "f", text, strlen(text), "ttyS1"), 0);
    assert_int_equal(o.rings, 5);
    assert_false(o.direct);
    gopt_defaults(&o);
    assert_int_equal(gopt_apply_config(&o, "f", text, strlen(text), "ttyS9"), 0);
    assert_int_equal(o.rings, 1);
}

static void test_bad_lines_name_file_line(void **state)
{
    static const char text[] = "debug 4\nbogus-key 5\nrings x\ntoggle-dtr maybe\nspeed\n";
    (void)state;
    gopt_defaults(&o);
    assert_int_equal(gopt_apply_config(&o, "/etc/m.config", text, strlen(text), "ttyS0"), 4);
    assert_int_equal(errs.count, 4);
    assert_non_null(strstr(errs.last, "/etc/m.config:5:"));
    assert_int_equal(o.debug, 4);          /* good lines still apply */
    assert_int_equal(o.rings, 1);
}

static void test_values_bool_int_str(void **state)
{
    static const char text[] = "direct\nblocking no\ntoggle-dtr f\nport-mode 0600\n"
                               "rings 0x3\nlogin-prompt \"@ login: \"\nissue-file /etc/issue.net\n"
                               "init-chat \"\" ATZ OK\nfax-id 49 89 123\n";
    (void)state;
    gopt_defaults(&o);
    assert_int_equal(gopt_apply_config(&o, "f", text, strlen(text), "ttyS0"), 0);
    assert_true(o.direct);
    assert_false(o.blocking);
    assert_false(o.toggle_dtr);
    assert_int_equal(o.port_mode, 0600);
    assert_int_equal(o.rings, 3);
    assert_string_equal(o.login_prompt, "@ login: ");
    assert_string_equal(o.issue_file, "/etc/issue.net");
    assert_string_equal(o.init_chat, "\"\" ATZ OK");
}

/* issue #6: an opening quote that never closes is an error naming file and
 * line; the key keeps its value, later lines still apply, and well-formed
 * quoting (quotes around the whole value, quotes inside it) is unchanged. */
static void test_unterminated_quote(void **state)
{
    static const char text[] = "issue-file /etc/issue.net\n\n# prompt\n\n\n"
                               "login-prompt \"never closed\nport-owner \"\nrings 2\n"
                               "port-group \"dial\"out\"\nlogin-conf-file say \"hi\"\n";
    (void)state;
    gopt_defaults(&o);
    assert_int_equal(gopt_apply_config(&o, "mgetty.config", text, strlen(text), "ttyS0"), 2);
    assert_int_equal(errs.count, 2);
    assert_string_equal(errs.last, "mgetty.config:7: unterminated quoted string for port-owner");
    assert_string_equal(o.login_prompt, "@ login: ");   /* ignored: default kept */
    assert_string_equal(o.port_owner, "root");
    assert_int_equal(o.rings, 2);
    assert_string_equal(o.port_group, "dial\"out");
    assert_string_equal(o.login_conf_file, "say \"hi\"");
    assert_string_equal(o.issue_file, "/etc/issue.net");

    static const char one[] = "login-prompt \"never closed\n";
    memset(&errs, 0, sizeof errs);
    assert_int_equal(gopt_apply_config(&o, "mgetty.config", one, strlen(one), "ttyS0"), 1);
    assert_string_equal(errs.last, "mgetty.config:1: unterminated quoted string for login-prompt");
}

static void test_cli_overrides_file(void **state)
{
    const char *argv[] = { "getty", "-s", "19200", "-x", "2", "ttyS0", NULL };
    static const char text[] = "speed 57600\ndebug 9\nrings 4\n";
    (void)state;
    assert_int_equal(parse(6, argv), 0);
    gopt_defaults(&o);
    gopt_apply_config(&o, "f", text, strlen(text), "ttyS0");
    gopt_apply_cli(&o, &cli);
    assert_int_equal(o.speed, 19200);
    assert_int_equal(o.debug, 2);
    assert_int_equal(o.rings, 4);
    assert_string_equal(o.line_name, "ttyS0");
}

static void test_invalid_speed(void **state)
{
    static const char text[] = "speed 28800\n";
    (void)state;
    gopt_defaults(&o);
    assert_int_equal(gopt_apply_config(&o, "f", text, strlen(text), "ttyS0"), 0);
    assert_int_equal(gopt_validate(&o, err, sizeof err), -1);
    assert_non_null(strstr(err, "invalid port speed: 28800"));
}

static void test_test_path_options(void **state)
{
    const char *argv[] = { "getty", "--config-dir", "/t/c", "--lock-dir", "/t/l", "--log-dir",
                           "/t/g", "--utmp", "/t/u", "--wtmp", "/t/w", "--login", "/t/rec",
                           "-c", "/t/m.config", "ttyS0", NULL };
    (void)state;
    assert_int_equal(parse(16, argv), 0);
    assert_string_equal(cli.val.config_dir, "/t/c");
    assert_string_equal(cli.val.lock_dir, "/t/l");
    assert_string_equal(cli.val.log_dir, "/t/g");
    assert_string_equal(cli.val.utmp_file, "/t/u");
    assert_string_equal(cli.val.wtmp_file, "/t/w");
    assert_string_equal(cli.val.login_program, "/t/rec");
    assert_string_equal(cli.val.config_file, "/t/m.config");
}

static void test_help_version(void **state)
{
    const char *h[] = { "getty", "--help", NULL };
    const char *v[] = { "getty", "-V", NULL };
    (void)state;
    assert_int_equal(parse(2, h), 0);
    assert_true(cli.val.help);
    assert_int_equal(parse(2, v), 0);
    assert_true(cli.val.version);
}

static void test_known_keys(void **state)
{
    static const char *const required[] = {
        "debug", "speed", "direct", "data-only", "init-chat", "answer-chat",
        "answer-chat-timeout", "rings", "login-time", "toggle-dtr", "toggle-dtr-waittime",
        "modem-check-time", "login-prompt", "issue-file", "port-owner", "port-group",
        "port-mode", "blocking",
    };
    (void)state;
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        assert_true(gopt_known_key(required[i]));
    assert_false(gopt_known_key("bogus"));
    assert_string_equal(gopt_key_at(0), "debug");
    assert_null(gopt_key_at(1000));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_defaults, setup),
        cmocka_unit_test_setup(test_seed_inittab_line, setup),
        cmocka_unit_test_setup(test_line_last_and_flags, setup),
        cmocka_unit_test_setup(test_blocking_and_ringback_defaults, setup),
        cmocka_unit_test_setup(test_line_paths, setup),
        cmocka_unit_test_setup(test_cli_errors, setup),
        cmocka_unit_test_setup(test_fax_only_refused, setup),
        cmocka_unit_test_setup(test_seed_mgetty_config, setup),
        cmocka_unit_test_setup(test_port_sections, setup),
        cmocka_unit_test_setup(test_bad_lines_name_file_line, setup),
        cmocka_unit_test_setup(test_values_bool_int_str, setup),
        cmocka_unit_test_setup(test_unterminated_quote, setup),
        cmocka_unit_test_setup(test_cli_overrides_file, setup),
        cmocka_unit_test_setup(test_invalid_speed, setup),
        cmocka_unit_test_setup(test_test_path_options, setup),
        cmocka_unit_test_setup(test_help_version, setup),
        cmocka_unit_test_setup(test_known_keys, setup),
    };
    return cmocka_run_group_tests_name("getty_options", tests, NULL, NULL);
}
