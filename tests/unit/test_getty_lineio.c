/* cmocka tests for getty/lineio: opening the line blocking (-b) or not. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <unistd.h>

#include "getty/lineio.h"

static void test_open_blocking_and_not(void **state)
{
    struct serial_line line;
    char name[64];
    int m, s;
    (void)state;
    assert_int_equal(openpty(&m, &s, name, NULL, NULL), 0);
    assert_int_equal(gline_open(&line, name, false), 0);
    assert_true(fcntl(line.fd, F_GETFL) & O_NONBLOCK);
    assert_true(line.owns_fd);
    serial_close(&line);
    assert_int_equal(gline_open(&line, name, true), 0);
    assert_false(fcntl(line.fd, F_GETFL) & O_NONBLOCK);
    assert_true(line.owns_fd);
    assert_true(line.saved_valid);
    assert_string_equal(line.path, name);
    int fd = line.fd;
    serial_close(&line);
    assert_int_equal(fcntl(fd, F_GETFD), -1);       /* serial_close closed it */
    close(m);
    close(s);
}

static void test_open_refuses_non_tty(void **state)
{
    struct serial_line line;
    (void)state;
    assert_int_equal(gline_open(&line, "/dev/null", true), -1);
    assert_int_equal(errno, ENOTTY);
    assert_int_equal(line.fd, -1);
    assert_int_equal(gline_open(&line, "/dev/null", false), -1);
    assert_int_equal(gline_open(&line, "/nonexistent/ttyS9", true), -1);
    assert_int_equal(errno, ENOENT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_blocking_and_not),
        cmocka_unit_test(test_open_refuses_non_tty),
    };
    return cmocka_run_group_tests_name("getty_lineio", tests, NULL, NULL);
}
