/* cmocka tests for pppd-lite/connect: the script talks on the line, its
 * exit status comes back, a stop request ends it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "pppd-lite/sys/connect.h"

static void test_line_is_stdin_and_stdout(void **state)
{
    (void)state;
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    assert_int_equal(write(sv[1], "ATZ\n", 4), 4);
    assert_int_equal(connect_run("read x; echo \"got $x\"", sv[0], NULL), 0);
    char buf[32] = "";
    assert_int_equal(read(sv[1], buf, sizeof(buf) - 1), 8);
    assert_string_equal(buf, "got ATZ\n");
    close(sv[0]);
    close(sv[1]);
}

static void test_exit_status(void **state)
{
    (void)state;
    assert_int_equal(connect_run("exit 3", 0, NULL), 3);
    assert_int_equal(connect_run("kill -9 $$", 0, NULL), 128 + 9);
    assert_int_equal(connect_run("/nonexistent/chat -f x", 0, NULL), 127);
}

static void test_stop_kills_script(void **state)
{
    (void)state;
    volatile sig_atomic_t stop = 1;
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    int rc = connect_run("sleep 10", 0, &stop);
    clock_gettime(CLOCK_MONOTONIC, &b);
    assert_int_not_equal(rc, 0);
    assert_true(b.tv_sec - a.tv_sec < 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_line_is_stdin_and_stdout),
        cmocka_unit_test(test_exit_status),
        cmocka_unit_test(test_stop_kills_script),
    };
    return cmocka_run_group_tests_name("connect", tests, NULL, NULL);
}
