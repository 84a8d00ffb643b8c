/* chat's conversation loop on a real pty pair, in process: the modem's
 * answers are queued on the master before the words run, the bytes chat
 * sent are read back from the master afterwards. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "chat/run.h"
#include "common/log.h"

struct fixture {
    int master, slave, errpipe[2];
    struct chat_run r;
    char logs[8192];
};

static void sink(void *ctx, enum log_level level, const char *msg)
{
    struct fixture *f = ctx;
    size_t k = strlen(f->logs);
    snprintf(f->logs + k, sizeof f->logs - k, "%c:%s|", level == LOG_LVL_ERROR ? 'E' : 'I', msg);
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    struct termios tio;
    if (!f || openpty(&f->master, &f->slave, NULL, NULL, NULL) < 0 || pipe(f->errpipe) < 0)
        return -1;
    tcgetattr(f->slave, &tio);
    cfmakeraw(&tio);
    tcsetattr(f->slave, TCSANOW, &tio);
    fcntl(f->master, F_SETFL, O_NONBLOCK);
    fcntl(f->errpipe[0], F_SETFL, O_NONBLOCK);
    log_open("chat", 0, 0);
    log_set_sink(sink, f);
    chat_run_init(&f->r, f->slave, f->slave, f->errpipe[1]);
    f->r.verbose = f->r.m.verbose = true;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    log_set_sink(NULL, NULL);
    close(f->master);
    close(f->slave);
    close(f->errpipe[0]);
    close(f->errpipe[1]);
    free(f);
    return 0;
}

static void modem_says(struct fixture *f, const char *s)
{
    assert_int_equal(write(f->master, s, strlen(s)), (int)strlen(s));
}

/* What chat wrote: the pty hands bytes over asynchronously, so read until
 * the master stays quiet for 100 ms. */
static size_t sent(struct fixture *f, char *buf, size_t len)
{
    size_t n = 0;
    struct pollfd pfd = { .fd = f->master, .events = POLLIN };
    while (n + 1 < len && poll(&pfd, 1, 100) > 0) {
        ssize_t k = read(f->master, buf + n, len - 1 - n);
        if (k <= 0)
            break;
        n += (size_t)k;
    }
    buf[n] = '\0';
    return n;
}

static void err_text(struct fixture *f, char *buf, size_t len)
{
    ssize_t n = read(f->errpipe[0], buf, len - 1);
    buf[n < 0 ? 0 : n] = '\0';
}

static int run(struct fixture *f, char **words)
{
    int n = 0;
    while (words[n])
        n++;
    return chat_run_words(&f->r, words, n);
}

static long long ms_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void test_dial_success(void **state)
{
    struct fixture *f = *state;
    char buf[256];
    modem_says(f, "ATZ\r\r\nOK\r\n");
    char *w[] = { "", "ATZ", "OK", "ATDT\\T", NULL };
    f->r.subst.phone = "123";
    assert_int_equal(run(f, w), CHAT_EXIT_OK);
    sent(f, buf, sizeof buf);
    assert_string_equal(buf, "ATZ\rATDT123\r");
    assert_non_null(strstr(f->logs, "I:send (ATZ^M)|I:expect (OK)|I:ATZ^M^M|I:OK|I: -- got it\n|"));
}

static void test_leftover_stays_on_line(void **state)
{
    struct fixture *f = *state;
    char buf[64];
    modem_says(f, "OK\r\nrest");
    char *w[] = { "OK", NULL };
    assert_int_equal(run(f, w), CHAT_EXIT_OK);
    ssize_t n = read(f->slave, buf, sizeof buf);
    assert_int_equal(n, 6);
    assert_memory_equal(buf, "\r\nrest", 6);
}

static void test_abort_second_string(void **state)
{
    struct fixture *f = *state;
    modem_says(f, "\r\nNO CARRIER\r\n");
    char *w[] = { "ABORT", "BUSY", "ABORT", "NO CARRIER", "CONNECT", "", NULL };
    assert_int_equal(run(f, w), 5);
    assert_non_null(strstr(f->logs, "I:abort on (BUSY)|I:abort on (NO CARRIER)|"));
    assert_non_null(strstr(f->logs, "I: -- failed|I:Failed (NO CARRIER)|"));
}

static void test_timeout_exit_3_and_timing(void **state)
{
    struct fixture *f = *state;
    char *w[] = { "TIMEOUT", "1", "OK", "", NULL };
    long long t0 = ms_now();
    assert_int_equal(run(f, w), CHAT_EXIT_TIMEOUT);
    long long el = ms_now() - t0;
    assert_true(el >= 990 && el < 1400);
    assert_non_null(strstr(f->logs, "I:timeout set to 1 seconds|I:expect (OK)|I:alarm|I:Failed|"));
}

static void test_subexpect_after_timeout(void **state)
{
    struct fixture *f = *state;
    char buf[64];
    f->r.timeout = 1;
    char *w[] = { "ogin:-BREAK-ogin:-\\c-ogin:", NULL };
    long long t0 = ms_now();
    assert_int_equal(run(f, w), CHAT_EXIT_TIMEOUT);
    assert_true(ms_now() - t0 >= 2900);
    sent(f, buf, sizeof buf);
    assert_string_equal(buf, ""); /* BREAK and "\c" send no bytes */
    assert_non_null(strstr(f->logs, "I:send (\\K)|"));
}

static void test_abort_is_not_a_timeout(void **state)
{
    struct fixture *f = *state;
    char buf[64];
    modem_says(f, "BUSY");
    char *w[] = { "ABORT", "BUSY", "OK-AT-OK", NULL };
    assert_int_equal(run(f, w), 4);
    sent(f, buf, sizeof buf);
    assert_string_equal(buf, "");
}

static void test_keywords_without_argument_at_end(void **state)
{
    struct fixture *f = *state;
    char *w[] = { "ABORT", NULL };
    assert_int_equal(run(f, w), CHAT_EXIT_OK);
    assert_int_equal(f->r.m.aborts.n, 0);
}

static void test_too_long_abort(void **state)
{
    struct fixture *f = *state;
    char *w[] = { "ABORT", "0123456789012345678901234567890123456789012345678901", NULL };
    assert_int_equal(run(f, w), CHAT_EXIT_USAGE);
    assert_non_null(strstr(f->logs, "E:Illegal or too-long ABORT string ('0123"));
}

static void test_expect_too_long(void **state)
{
    struct fixture *f = *state;
    char *big = malloc(CHAT_STR_LEN + 2);
    memset(big, 'x', CHAT_STR_LEN + 1);
    big[CHAT_STR_LEN + 1] = '\0';
    char *w[] = { big, "", NULL };
    assert_int_equal(run(f, w), CHAT_EXIT_USAGE);
    assert_non_null(strstr(f->logs, "I:expect string is too long|I:Failed|"));
    free(big);
}

static void test_say_echo_and_eot(void **state)
{
    struct fixture *f = *state;
    char buf[256];
    modem_says(f, "hi\r\nOK");
    char *w[] = { "SAY", "dialing\\n\\c", "ECHO", "ON", "", "EOT", "OK", "", NULL };
    assert_int_equal(run(f, w), CHAT_EXIT_OK);
    chat_run_finish(&f->r);
    err_text(f, buf, sizeof buf);
    assert_string_equal(buf, "dialing\nhi\nOK\n");
    sent(f, buf, sizeof buf);
    assert_string_equal(buf, "\x04\r");
}

static void test_quiet_hides_password(void **state)
{
    struct fixture *f = *state;
    char buf[64];
    char *w[] = { "", "\\qsecret", NULL };
    assert_int_equal(run(f, w), CHAT_EXIT_OK);
    assert_non_null(strstr(f->logs, "I:send (" "??????" ")|"));
    assert_null(strstr(f->logs, "secret"));
    sent(f, buf, sizeof buf);
    assert_string_equal(buf, "secret\r");
}

static void test_at_file_missing(void **state)
{
    struct fixture *f = *state;
    char *w[] = { "", "@/nonexistent/chat-file", NULL };
    assert_int_equal(run(f, w), CHAT_EXIT_USAGE);
    assert_non_null(strstr(f->logs, "E:/nonexistent/chat-file -- open failed: No such file or directory|"));
}

static void test_char_delay_and_pause(void **state)
{
    struct fixture *f = *state;
    char buf[64];
    char *w[] = { "", "0123456789\\p\\p\\c", NULL };
    long long t0 = ms_now();
    assert_int_equal(run(f, w), CHAT_EXIT_OK);
    long long el = ms_now() - t0;
    assert_true(el >= 115 && el < 400); /* 10 x 10 ms + 2 x 10 ms */
    sent(f, buf, sizeof buf);
    assert_string_equal(buf, "0123456789");
}

static void test_report_to_file_at_finish(void **state)
{
    struct fixture *f = *state;
    char path[] = "/tmp/test_chat_runXXXXXX", buf[256];
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    f->r.report_fp = fdopen(fd, "a");
    f->r.report_file = path;
    modem_says(f, "CONNECT 9600/LAPM\r\n");
    char *w[] = { "REPORT", "CONNECT", "CONNECT", NULL };
    assert_int_equal(run(f, w), CHAT_EXIT_OK);
    chat_run_finish(&f->r);
    FILE *in = fopen(path, "r");
    assert_non_null(fgets(buf, sizeof buf, in));
    assert_non_null(strstr(buf, " CONNECT 9600/LAPM\n"));
    assert_int_equal(strncmp(buf, "chat:  ", 7), 0);
    assert_non_null(fgets(buf, sizeof buf, in));
    char closing[128];
    snprintf(closing, sizeof closing, "Closing \"%s\".\n", path);
    assert_string_equal(buf, closing);
    fclose(in);
    unlink(path);
}

/* A modem that floods the line for up to 5 s, never saying the expect
 * string: a child process writing to the master as fast as chat reads. */
static pid_t flood_start(struct fixture *f, const char *text)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        size_t n = strlen(text);
        long long end = ms_now() + 5000;
        struct pollfd pfd = { .fd = f->master, .events = POLLOUT };
        while (ms_now() < end)
            if (write(f->master, text, n) < 0)
                poll(&pfd, 1, 10);
        _exit(0);
    }
    return pid;
}

static void flood_stop(pid_t pid)
{
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
}

/* issue #3: TIMEOUT fires on time while the modem never stops talking, as
 * chat(8)'s alarm() does; the deadline used to be checked only when a read
 * would block, so the flood deferred it until the modem paused. */
static void test_timeout_under_flood(void **state)
{
    struct fixture *f = *state;
    pid_t pid = flood_start(f, "NO CARRIER?\x01\xff ring RING BUS noise CONNEC 0123456789\r\n");
    char *w[] = { "ABORT", "BUSY", "TIMEOUT", "1", "CONNECT", "", NULL };
    long long t0 = ms_now();
    int rc = run(f, w);
    long long el = ms_now() - t0;
    flood_stop(pid);
    assert_int_equal(rc, CHAT_EXIT_TIMEOUT);
    assert_true(el >= 990 && el < 1150);
    assert_non_null(strstr(f->logs, "I:expect (CONNECT)|I:NO CARRIER?^A^? ring RING BUS noise"));
}

/* The same without -v, and for a sub-expect: each part times out on time. */
static void test_subexpect_timeouts_under_flood(void **state)
{
    struct fixture *f = *state;
    f->r.verbose = f->r.m.verbose = false;
    pid_t pid = flood_start(f, "ogin ogin: ogin:x login ogi\r\n");
    char *w[] = { "TIMEOUT", "1", "OK-AT-OK", "", NULL };
    long long t0 = ms_now();
    int rc = run(f, w);
    long long el = ms_now() - t0;
    flood_stop(pid);
    assert_int_equal(rc, CHAT_EXIT_TIMEOUT);
    assert_true(el >= 1990 && el < 2300); /* two expects of 1 s, "AT\r" between */
}

/* Reads are longer than one byte in a flood, yet never take a byte past the
 * match: what follows CONNECT stays on the line. */
static void test_leftover_after_long_text(void **state)
{
    struct fixture *f = *state;
    char text[2100], buf[64];
    for (size_t i = 0; i < 2000; i++)
        text[i] = "xCONNECBUS OK\r\n"[i % 15];
    snprintf(text + 2000, sizeof text - 2000, "CONNECT 57600\r\nrest");
    modem_says(f, text);
    char *w[] = { "ABORT", "BUSY", "CONNECT", NULL };
    assert_int_equal(run(f, w), CHAT_EXIT_OK);
    ssize_t n = read(f->slave, buf, sizeof buf);
    assert_int_equal(n, 12);
    assert_memory_equal(buf, " 57600\r\nrest", 12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_dial_success, setup, teardown),
        cmocka_unit_test_setup_teardown(test_leftover_stays_on_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_abort_second_string, setup, teardown),
        cmocka_unit_test_setup_teardown(test_timeout_exit_3_and_timing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_subexpect_after_timeout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_abort_is_not_a_timeout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_keywords_without_argument_at_end, setup, teardown),
        cmocka_unit_test_setup_teardown(test_too_long_abort, setup, teardown),
        cmocka_unit_test_setup_teardown(test_expect_too_long, setup, teardown),
        cmocka_unit_test_setup_teardown(test_say_echo_and_eot, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quiet_hides_password, setup, teardown),
        cmocka_unit_test_setup_teardown(test_at_file_missing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_char_delay_and_pause, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_to_file_at_finish, setup, teardown),
        cmocka_unit_test_setup_teardown(test_timeout_under_flood, setup, teardown),
        cmocka_unit_test_setup_teardown(test_subexpect_timeouts_under_flood, setup, teardown),
        cmocka_unit_test_setup_teardown(test_leftover_after_long_text, setup, teardown),
    };
    return cmocka_run_group_tests_name("chat_run", tests, NULL, NULL);
}
