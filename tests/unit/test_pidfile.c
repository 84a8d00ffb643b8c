/* cmocka tests for pppd-lite/pidfile: pppd's "%d\n" format, the linkname
 * file's second line, removal, the run-directory override. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pppd-lite/sys/pidfile.h"

static void test_write_read_remove(void **state)
{
    (void)state;
    char dir[] = "/tmp/pidfile.XXXXXX";
    assert_non_null(mkdtemp(dir));
    setenv("PPPD_LITE_RUNDIR", dir, 1);
    assert_string_equal(pidfile_run_dir(), dir);
    char path[PATH_MAX], want[PATH_MAX], buf[64] = "";
    assert_int_equal(pidfile_write(path, sizeof(path), "ppp0", 4242, NULL), 0);
    snprintf(want, sizeof(want), "%s/ppp0.pid", dir);
    assert_string_equal(path, want);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    assert_string_equal(buf, "4242\n");
    pidfile_remove(path);
    assert_int_equal(access(want, F_OK), -1);
    assert_string_equal(path, "");
    pidfile_remove(path);   /* twice is harmless */

    char lpath[PATH_MAX];
    assert_int_equal(pidfile_write(lpath, sizeof(lpath), "ppp-office", 7, "ppp3"), 0);
    f = fopen(lpath, "r");
    assert_non_null(f);
    n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    assert_string_equal(buf, "7\nppp3\n");
    pidfile_remove(lpath);

    /* an unwritable directory is an error with an empty path */
    setenv("PPPD_LITE_RUNDIR", "/nonexistent/dir", 1);
    assert_int_equal(pidfile_write(path, sizeof(path), "ppp0", 1, NULL), -1);
    assert_string_equal(path, "");
    unsetenv("PPPD_LITE_RUNDIR");
    assert_string_equal(pidfile_run_dir(), "/var/run");
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_write_read_remove),
    };
    return cmocka_run_group_tests_name("pidfile", tests, NULL, NULL);
}
