/* cmocka tests for pppd-lite/ctlsock and ctlproto: the control socket's
 * file (mode 0600, removed on close), requests and replies, and every way a
 * client can misbehave: unknown, binary or oversized requests, too many
 * clients, a client that never finishes, a reply that does not fit. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "pppd-lite/sys/ctlsock.h"
#include "scratch_dir.h"

struct fixture {
    char dir[2048];
    struct ctlsock c;
    uint64_t now;
    int calls;
    enum ctl_command last;
    bool huge;              /* the handler writes more than a reply may hold */
};

static void handler(void *ctx, const struct ctl_request *req, struct ctl_out *o)
{
    struct fixture *f = ctx;
    f->calls++;
    f->last = req->cmd;
    if (f->huge)
        for (int i = 0; i < 1000; i++)
            ctl_out_printf(o, "field%d %s\n", i, "0123456789");
    ctl_out_printf(o, "phase Network\nok\n");
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    if (!f || scratch_dir_make(f->dir, sizeof(f->dir), "ctlsock") < 0)
        return -1;
    ctlsock_init(&f->c, handler, f);
    if (ctlsock_open(&f->c, f->dir, "ppp7") < 0)
        return -1;
    f->now = 1000;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    ctlsock_close(&f->c);
    scratch_dir_remove(f->dir);
    free(f);
    return 0;
}

/* A few rounds of the daemon's loop, as loop_run does them. */
static void pump(struct fixture *f)
{
    for (int round = 0; round < 4; round++) {
        struct pollfd pfd[CTL_POLLFDS];
        int n = ctlsock_poll_fds(&f->c, pfd, 0);
        if (poll(pfd, (nfds_t)n, 5) < 0)
            return;
        ctlsock_service(&f->c, pfd, f->now);
    }
}

static int connect_to(struct fixture *f)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    assert_true(strlen(f->c.path) < sizeof(sa.sun_path));
    memcpy(sa.sun_path, f->c.path, strlen(f->c.path) + 1);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
    return fd;
}

/* Whatever has arrived (non-blocking); "" when nothing. eof set when the
 * daemon has closed the connection. */
static void take(int fd, char *buf, size_t cap, bool *eof)
{
    size_t len = 0;
    *eof = false;
    for (;;) {
        ssize_t n = recv(fd, buf + len, cap - 1 - len, MSG_DONTWAIT);
        if (n == 0 || (n < 0 && errno == ECONNRESET))
            *eof = true;   /* reset: closed with our unread request bytes */
        if (n <= 0)
            break;
        len += (size_t)n;
    }
    buf[len] = '\0';
}

static void say(int fd, const char *s, size_t n)
{
    assert_int_equal(send(fd, s, n, MSG_NOSIGNAL), (ssize_t)n);
}

static void test_socket_file(void **state)
{
    struct fixture *f = *state;
    char want[4096];
    struct stat st;
    snprintf(want, sizeof(want), "%s/pppd-lite/ppp7.sock", f->dir);
    assert_string_equal(f->c.path, want);
    assert_int_equal(lstat(want, &st), 0);
    assert_true(S_ISSOCK(st.st_mode));
    assert_int_equal(st.st_mode & 07777, 0600);
    assert_int_equal(st.st_uid, geteuid());
    ctlsock_close(&f->c);
    assert_int_equal(lstat(want, &st), -1);
    assert_int_equal(errno, ENOENT);
    /* open again over a socket file a killed daemon left behind */
    assert_int_equal(ctlsock_open(&f->c, f->dir, "ppp7"), 0);
    int fd = open(want, O_PATH);
    assert_true(fd >= 0);
    close(fd);
    ctlsock_close(&f->c);
    assert_int_equal(mknod(want, S_IFSOCK | 0600, 0), 0);
    assert_int_equal(ctlsock_open(&f->c, f->dir, "ppp7"), 0);
    assert_int_equal(ctlsock_deadline(&f->c), UINT64_MAX);   /* no client: no timer */
}

static void test_requests_answered(void **state)
{
    struct fixture *f = *state;
    char buf[8192];
    bool eof;
    int fd = connect_to(f);
    say(fd, "status\n", 7);
    pump(f);
    take(fd, buf, sizeof(buf), &eof);
    assert_string_equal(buf, "phase Network\nok\n");
    assert_false(eof);
    assert_int_equal(f->last, CTL_CMD_STATUS);
    /* a client deadline exists only while it is connected */
    assert_int_equal(ctlsock_deadline(&f->c), f->now + CTL_CLIENT_TIMEOUT_MS);
    /* two at once, CRLF, and a last one without newline before EOF */
    say(fd, "debug on\r\nterminate\nhangup", 26);
    shutdown(fd, SHUT_WR);
    pump(f);
    pump(f);
    take(fd, buf, sizeof(buf), &eof);
    assert_string_equal(buf, "phase Network\nok\nphase Network\nok\nphase Network\nok\n");
    assert_int_equal(f->calls, 4);
    assert_int_equal(f->last, CTL_CMD_HANGUP);
    pump(f);
    take(fd, buf, sizeof(buf), &eof);
    assert_true(eof);
    close(fd);
}

static void expect_refused(struct fixture *f, const char *req, size_t n, const char *reply)
{
    char buf[8192];
    bool eof;
    int fd = connect_to(f);
    say(fd, req, n);
    pump(f);
    pump(f);
    take(fd, buf, sizeof(buf), &eof);
    assert_string_equal(buf, reply);
    if (!eof)
        fail_msg("not closed after \"%s\"", reply);   /* closed after the error line */
    assert_int_equal(f->calls, 0);
    close(fd);
}

static void test_bad_requests(void **state)
{
    struct fixture *f = *state;
    expect_refused(f, "bogus\n", 6,
                   "error unknown command (status, terminate [admin-reset], hangup, "
                   "debug on|off, session-timeout N)\n");
    expect_refused(f, "debug maybe\n", 12, "error usage: debug on|off\n");
    expect_refused(f, "stat\x01us\n", 8, "error malformed request\n");
    expect_refused(f, "status \n", 8,
                   "error unknown command (status, terminate [admin-reset], hangup, "
                   "debug on|off, session-timeout N)\n");
    char big[5000];
    memset(big, 'a', sizeof(big));
    expect_refused(f, big, sizeof(big), "error request too long\n");
}

static void test_reply_too_long(void **state)
{
    struct fixture *f = *state;
    char buf[8192];
    bool eof;
    f->huge = true;
    int fd = connect_to(f);
    say(fd, "status\n", 7);
    pump(f);
    pump(f);
    take(fd, buf, sizeof(buf), &eof);
    assert_string_equal(buf, "error reply too long\n");
    assert_true(eof);
    close(fd);
}

static void test_client_limit_and_deadline(void **state)
{
    struct fixture *f = *state;
    int fds[CTL_MAX_CLIENTS];
    char buf[256];
    bool eof;
    for (int i = 0; i < CTL_MAX_CLIENTS; i++)
        fds[i] = connect_to(f);
    pump(f);
    int extra = connect_to(f);
    pump(f);
    take(extra, buf, sizeof(buf), &eof);
    assert_string_equal(buf, "error too many clients\n");
    assert_true(eof);
    close(extra);
    /* they said nothing: at the deadline every one is dropped */
    f->now += CTL_CLIENT_TIMEOUT_MS - 1;
    pump(f);
    take(fds[0], buf, sizeof(buf), &eof);
    assert_false(eof);
    f->now += 1;
    pump(f);
    for (int i = 0; i < CTL_MAX_CLIENTS; i++) {
        take(fds[i], buf, sizeof(buf), &eof);
        assert_true(eof);
        close(fds[i]);
    }
    assert_int_equal(ctlsock_deadline(&f->c), UINT64_MAX);
    /* and the slots are free again */
    int fd = connect_to(f);
    say(fd, "status\n", 7);
    pump(f);
    take(fd, buf, sizeof(buf), &eof);
    assert_string_equal(buf, "phase Network\nok\n");
    close(fd);
}

/* A client that sends requests and never reads: its unread replies stop
 * further reading (bounded buffers), the socket buffers fill, and at the
 * deadline it is dropped; meanwhile other clients are served. */
static void test_client_that_never_reads(void **state)
{
    struct fixture *f = *state;
    char buf[8192];
    bool eof;
    int stuck = connect_to(f);
    int sz = 4096;
    setsockopt(stuck, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
    char many[64 * 7];
    for (size_t i = 0; i < sizeof(many); i += 7)
        memcpy(many + i, "status\n", 7);
    bool blocked = false;
    for (int round = 0; round < 2000 && !blocked; round++) {
        if (send(stuck, many, sizeof(many), MSG_DONTWAIT | MSG_NOSIGNAL) < 0)
            blocked = errno == EAGAIN;   /* the daemon stopped reading it */
        pump(f);
    }
    assert_true(blocked);
    int calls = f->calls;
    pump(f);
    assert_int_equal(f->calls, calls);   /* nothing more taken from it */
    int other = connect_to(f);
    say(other, "status\n", 7);
    pump(f);
    take(other, buf, sizeof(buf), &eof);
    assert_string_equal(buf, "phase Network\nok\n");
    close(other);
    f->now += CTL_CLIENT_TIMEOUT_MS;
    pump(f);
    assert_int_equal(ctlsock_deadline(&f->c), UINT64_MAX);
    close(stuck);
}

static void test_parse_request(void **state)
{
    (void)state;
    struct ctl_request r;
    const char *err = NULL;
    assert_true(ctl_parse_request("status", 6, &r, &err));
    assert_int_equal(r.cmd, CTL_CMD_STATUS);
    assert_true(ctl_parse_request("terminate\r", 10, &r, &err));
    assert_int_equal(r.cmd, CTL_CMD_TERMINATE);
    assert_true(ctl_parse_request("hangup", 6, &r, &err));
    assert_int_equal(r.cmd, CTL_CMD_HANGUP);
    assert_true(ctl_parse_request("debug on", 8, &r, &err));
    assert_int_equal(r.cmd, CTL_CMD_DEBUG_ON);
    assert_true(ctl_parse_request("debug off", 9, &r, &err));
    assert_int_equal(r.cmd, CTL_CMD_DEBUG_OFF);
    assert_false(ctl_parse_request("", 0, &r, &err));
    assert_false(ctl_parse_request("STATUS", 6, &r, &err));
    assert_false(ctl_parse_request("status\0", 7, &r, &err));
    assert_string_equal(err, "malformed request");
    assert_false(ctl_parse_request("debug", 5, &r, &err));
    assert_string_equal(err, "usage: debug on|off");
}

static bool parse_str(const char *s, struct ctl_request *r, const char **err)
{
    return ctl_parse_request(s, strlen(s), r, err);
}

/* The commands pppctl dae sends: the argument is read whole or refused. */
static void test_parse_dae_commands(void **state)
{
    (void)state;
    struct ctl_request r;
    const char *err = NULL;
    assert_true(parse_str("terminate admin-reset", &r, &err));
    assert_int_equal(r.cmd, CTL_CMD_TERMINATE_ADMIN_RESET);
    assert_false(parse_str("terminate admin", &r, &err));
    assert_string_equal(err, "usage: terminate [admin-reset]");
    assert_true(parse_str("session-timeout 30", &r, &err));
    assert_int_equal(r.cmd, CTL_CMD_SESSION_TIMEOUT);
    assert_int_equal(r.arg, 30);
    assert_true(parse_str("session-timeout 0\r", &r, &err));
    assert_int_equal(r.cmd, CTL_CMD_SESSION_TIMEOUT);
    assert_int_equal(r.arg, 0);
    assert_true(parse_str("session-timeout 100000000", &r, &err));
    assert_int_equal(r.arg, 100000000);
    static const char *const bad[] = {
        "session-timeout",       "session-timeout ",        "session-timeout -1",
        "session-timeout 1x",    "session-timeout  5",      "session-timeout 100000001",
        "session-timeout 99999999999", "session-timeout +5", "session-timeout 5 ", "session-timeout 05",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        err = NULL;
        assert_false(parse_str(bad[i], &r, &err));
        assert_string_equal(err, "usage: session-timeout SECONDS (0 to 100000000)");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_socket_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_requests_answered, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_requests, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reply_too_long, setup, teardown),
        cmocka_unit_test_setup_teardown(test_client_limit_and_deadline, setup, teardown),
        cmocka_unit_test_setup_teardown(test_client_that_never_reads, setup, teardown),
        cmocka_unit_test(test_parse_request),
        cmocka_unit_test(test_parse_dae_commands),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
