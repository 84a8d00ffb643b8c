/* cmocka tests for pppd-lite/sdnotify: the datagram reaches a socket named
 * by a path or by "@name" (abstract), and names sd_notify would not take
 * are refused. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "pppd-lite/sys/sdnotify.h"
#include "scratch_dir.h"

/* A datagram socket bound to name ("@..." abstract); returns the fd. */
static int listener(const char *name)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    size_t n = strlen(name);
    assert_true(n < sizeof(sa.sun_path));
    memcpy(sa.sun_path, name, n);
    if (name[0] == '@')
        sa.sun_path[0] = '\0';
    int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
    assert_true(fd >= 0);
    socklen_t len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + (name[0] == '/'));
    assert_int_equal(bind(fd, (struct sockaddr *)&sa, len), 0);
    return fd;
}

static void expect_datagram(int fd, const char *want)
{
    char buf[256];
    ssize_t n = recv(fd, buf, sizeof(buf) - 1, MSG_DONTWAIT);
    assert_true(n > 0);
    buf[n] = '\0';
    assert_string_equal(buf, want);
}

static void test_path_socket(void **state)
{
    (void)state;
    char dir[2048], path[2200];
    assert_int_equal(scratch_dir_make(dir, sizeof(dir), "sdnotify"), 0);
    snprintf(path, sizeof(path), "%s/notify", dir);
    int fd = listener(path);
    assert_int_equal(sdnotify_send(path, "READY=1\nSTATUS=ppp0 is up\n"), 0);
    expect_datagram(fd, "READY=1\nSTATUS=ppp0 is up\n");
    close(fd);
    unlink(path);
    /* nobody listens any more */
    assert_int_equal(sdnotify_send(path, "READY=1\n"), -1);
    scratch_dir_remove(dir);
}

static void test_abstract_socket(void **state)
{
    (void)state;
    char name[64];
    snprintf(name, sizeof(name), "@pppd-lite-test-%d", (int)getpid());
    int fd = listener(name);
    assert_int_equal(sdnotify_send(name, "READY=1\n"), 0);
    expect_datagram(fd, "READY=1\n");
    close(fd);
}

static void test_bad_names(void **state)
{
    (void)state;
    char longname[200];
    memset(longname, 'a', sizeof(longname) - 1);
    longname[0] = '/';
    longname[sizeof(longname) - 1] = '\0';
    const char *bad[] = { NULL, "", "@", "relative/path", longname };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        errno = 0;
        assert_int_equal(sdnotify_send(bad[i], "READY=1\n"), -1);
        assert_int_equal(errno, EINVAL);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_path_socket),
        cmocka_unit_test(test_abstract_socket),
        cmocka_unit_test(test_bad_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
