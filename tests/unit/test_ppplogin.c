/* cmocka tests for ppplogin/pplconf: pppd-lite's argument list. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "ppplogin/pplconf.h"

static void test_defaults_seed(void **state)
{
    struct pplconf c;
    (void)state;
    assert_int_equal(pplconf_defaults(&c, "/usr/local/sbin/pppd-lite"), 0);
    assert_int_equal(c.argc, 4);
    assert_string_equal(c.argv[0], "pppd-lite");
    assert_string_equal(c.argv[1], "-detach");
    assert_string_equal(c.argv[2], "silent");
    assert_string_equal(c.argv[3], "modem");
    assert_string_equal(c.argv[4], "crtscts");
    assert_null(c.argv[5]);
    pplconf_free(&c);
}

static void test_conf_words(void **state)
{
    struct pplconf c;
    char err[PPLCONF_ERR_MAX];
    static const char text[] = "# ppplogin.conf\n-detach silent\n  modem crtscts # flow\n"
                               "name \"my server\" debug\n";
    (void)state;
    assert_int_equal(pplconf_parse(&c, "/x/pppd-lite", "ppplogin.conf", text, strlen(text), err,
                                   sizeof err), 0);
    assert_int_equal(c.argc, 7);
    assert_string_equal(c.argv[5], "name");
    assert_string_equal(c.argv[6], "my server");
    assert_string_equal(c.argv[7], "debug");
    assert_null(c.argv[8]);
    pplconf_free(&c);
}

static void test_conf_empty(void **state)
{
    struct pplconf c;
    char err[PPLCONF_ERR_MAX];
    (void)state;
    assert_int_equal(pplconf_parse(&c, "pppd-lite", "f", "# nothing\n", 10, err, sizeof err), 0);
    assert_int_equal(c.argc, 0);
    assert_string_equal(c.argv[0], "pppd-lite");
    assert_null(c.argv[1]);
    pplconf_free(&c);
}

static void test_conf_errors(void **state)
{
    struct pplconf c;
    char err[PPLCONF_ERR_MAX], many[2000];
    size_t n = 0;
    (void)state;
    assert_int_equal(pplconf_parse(&c, "p", "ppplogin.conf", "a\n\"open\n", 8, err, sizeof err),
                     -1);
    assert_non_null(strstr(err, "ppplogin.conf"));
    for (int i = 0; i < PPLCONF_MAX_ARGS + 5; i++)
        n += (size_t)snprintf(many + n, sizeof many - n, "w%d ", i);
    assert_int_equal(pplconf_parse(&c, "p", "f", many, n, err, sizeof err), -1);
    assert_non_null(strstr(err, "more than"));
    assert_int_equal(pplconf_parse(&c, "p", "f", "a\\000b\n", 7, err, sizeof err), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_seed),
        cmocka_unit_test(test_conf_words),
        cmocka_unit_test(test_conf_empty),
        cmocka_unit_test(test_conf_errors),
    };
    return cmocka_run_group_tests_name("ppplogin", tests, NULL, NULL);
}
