/* cmocka tests for pppd-lite/scripts: environment building, execve of a
 * root-owned script with pppd's argv, refusal of unsafe scripts. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/config.h"
#include "pppd-lite/sys/scripts.h"

static char dir[PATH_MAX / 4];

static int setup(void **state)
{
    (void)state;
    char exe[PATH_MAX / 8];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n <= 0)
        return -1;
    exe[n] = '\0';
    *strrchr(exe, '/') = '\0';
    snprintf(dir, sizeof(dir), "%s/scripts.XXXXXX", exe);
    if (!mkdtemp(dir))
        return -1;
    chmod(dir, 0755);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[PATH_MAX];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_env(void **state)
{
    (void)state;
    static struct script_env e;
    script_env_init(&e);
    assert_int_equal(script_env_set(&e, "IFNAME", "ppp0"), 0);
    assert_int_equal(script_env_set(&e, "IPLOCAL", "192.0.2.1"), 0);
    assert_int_equal(script_env_set(&e, "IFNAME", "ppp1"), 0);   /* replaces */
    assert_int_equal(e.n, 2);
    assert_string_equal(script_env_get(&e, "IFNAME"), "ppp1");
    assert_null(script_env_get(&e, "IFNAM"));
    assert_null(e.vars[2]);
    /* running out of room is an error, not an overflow */
    char big[1024];
    memset(big, 'x', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    int rc = 0;
    for (int i = 0; i < 20 && rc == 0; i++) {
        char name[16];
        snprintf(name, sizeof(name), "V%d", i);
        rc = script_env_set(&e, name, big);
    }
    assert_int_equal(rc, -1);
}

static void write_script(const char *path, const char *body, mode_t mode)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(body, f);
    fclose(f);
    chmod(path, mode);
}

static void test_run_with_argv_and_env(void **state)
{
    (void)state;
    char script[PATH_MAX], out[PATH_MAX], body[PATH_MAX * 2], why[256];
    snprintf(script, sizeof(script), "%s/ip-up", dir);
    snprintf(out, sizeof(out), "%s/out", dir);
    snprintf(body, sizeof(body),
             "#!/bin/sh\n{ echo \"$# $1 $2 $3 $4 $5 [$6]\"; echo \"$IFNAME $IPREMOTE\";"
             " env | grep -c . ; read x && echo stdin-not-null; } > %s\n", out);
    write_script(script, body, 0755);
    bool own = cfg_check_path_secure(script, false, why, sizeof(why)) != 0;
    static struct script_env e;
    script_env_init(&e);
    script_env_set(&e, "IFNAME", "ppp0");
    script_env_set(&e, "IPREMOTE", "192.0.2.2");
    char *argv[] = { script, "ppp0", "/dev/ttyS0", "57600", "192.0.2.1", "192.0.2.2", "", NULL };
    pid_t pid = script_start(script, argv, &e, own);
    assert_true(pid > 0);
    int st;
    assert_int_equal(script_wait(pid, 5000, &st), 1);
    assert_true(WIFEXITED(st));
    FILE *f = fopen(out, "r");
    assert_non_null(f);
    char line[256];
    assert_non_null(fgets(line, sizeof(line), f));
    assert_string_equal(line, "6 ppp0 /dev/ttyS0 57600 192.0.2.1 192.0.2.2 []\n");
    assert_non_null(fgets(line, sizeof(line), f));
    assert_string_equal(line, "ppp0 192.0.2.2\n");
    assert_non_null(fgets(line, sizeof(line), f));
    assert_true(atoi(line) <= 4);    /* only our variables (plus what sh adds: PWD...) */
    assert_null(fgets(line, sizeof(line), f));   /* stdin was /dev/null */
    fclose(f);
}

static void test_missing_and_unsafe(void **state)
{
    (void)state;
    char script[PATH_MAX];
    static struct script_env e;
    script_env_init(&e);
    snprintf(script, sizeof(script), "%s/nosuch", dir);
    char *argv[] = { script, NULL };
    assert_int_equal(script_start(script, argv, &e, false), 0);
    /* writable by others: never run */
    snprintf(script, sizeof(script), "%s/ip-down", dir);
    write_script(script, "#!/bin/sh\nexit 0\n", 0777);
    argv[0] = script;
    assert_int_equal(script_start(script, argv, &e, true), 0);
}

static void test_wait_timeout(void **state)
{
    (void)state;
    char script[PATH_MAX], why[256];
    snprintf(script, sizeof(script), "%s/slow", dir);
    write_script(script, "#!/bin/sh\nsleep 5\n", 0755);
    static struct script_env e;
    script_env_init(&e);
    char *argv[] = { script, NULL };
    bool own = cfg_check_path_secure(script, false, why, sizeof(why)) != 0;
    pid_t pid = script_start(script, argv, &e, own);
    assert_true(pid > 0);
    int st;
    assert_int_equal(script_wait(pid, 50, &st), 0);
    kill(-pid, SIGTERM);
    assert_int_equal(script_wait(pid, 5000, &st), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_env),
        cmocka_unit_test(test_run_with_argv_and_env),
        cmocka_unit_test(test_missing_and_unsafe),
        cmocka_unit_test(test_wait_timeout),
    };
    return cmocka_run_group_tests_name("scripts", tests, setup, teardown);
}
