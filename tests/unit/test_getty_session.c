/* cmocka tests for getty/session (environment, termios) and getty/utmp
 * (records written to test-local files and read back with getutxent). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utmp.h>
#include <utmpx.h>

#include "getty/session.h"
#include "getty/utmp.h"

static void test_env_full(void **state)
{
    struct gcall_info ci;
    struct gsess s;
    struct gsess_env env;
    (void)state;
    memset(&ci, 0, sizeof ci);
    memset(&s, 0, sizeof s);
    strcpy(ci.caller_id, "0123");
    strcpy(ci.caller_name, "NELSON");
    strcpy(ci.called_id, "4711");
    strcpy(ci.call_date, "1124");
    strcpy(ci.call_time, "1005");
    strcpy(ci.connect, "57600");
    s.call = &ci;
    s.line_name = "ttyS0";
    gsess_build_env(&s, &env);
    assert_int_equal(env.n, 7);
    assert_string_equal(env.entries[0], "CALLER_ID=0123");
    assert_string_equal(env.entries[1], "CALLER_NAME=NELSON");
    assert_string_equal(env.entries[2], "CALLED_ID=4711");
    assert_string_equal(env.entries[3], "CALL_DATE=1124");
    assert_string_equal(env.entries[4], "CALL_TIME=1005");
    assert_string_equal(env.entries[5], "CONNECT=57600");
    assert_string_equal(env.entries[6], "DEVICE=ttyS0");
}

static void test_env_direct_minimal(void **state)
{
    struct gcall_info ci;
    struct gsess s;
    struct gsess_env env;
    (void)state;
    memset(&ci, 0, sizeof ci);
    memset(&s, 0, sizeof s);
    strcpy(ci.connect, "DIRECT");
    s.call = &ci;
    s.line_name = "ttyS1";
    gsess_build_env(&s, &env);
    /* as mgetty 1.2.1 on a direct line: CALLER_ID=none, CONNECT, DEVICE */
    assert_int_equal(env.n, 3);
    assert_string_equal(env.entries[0], "CALLER_ID=none");
    assert_string_equal(env.entries[1], "CONNECT=DIRECT");
    assert_string_equal(env.entries[2], "DEVICE=ttyS1");
}

static void test_termios_modes(void **state)
{
    int m, sl;
    struct termios t;
    (void)state;
    assert_int_equal(openpty(&m, &sl, NULL, NULL, NULL), 0);
    assert_int_equal(gsess_set_termios(sl, false, true), 0);
    assert_int_equal(tcgetattr(sl, &t), 0);
    /* Debian mgetty's modes after a name ended with CR (stty -a) */
    assert_int_equal(t.c_lflag & (ISIG | ICANON | ECHO | ECHOE | ECHOK | IEXTEN | ECHOCTL | ECHOKE),
                     ISIG | ICANON | ECHO | ECHOE | ECHOK);
    assert_int_equal(t.c_iflag & (BRKINT | IGNPAR | ICRNL | IXON | IMAXBEL), BRKINT | IGNPAR | ICRNL);
    assert_int_equal(t.c_oflag & (OPOST | ONLCR | TABDLY), OPOST | ONLCR | TAB3);
    assert_false(t.c_cflag & CLOCAL);       /* direct line too: a hangup ends the session */
    /* a name ended with LF: no CR-NL mapping either way */
    assert_int_equal(gsess_set_termios(sl, false, false), 0);
    assert_int_equal(tcgetattr(sl, &t), 0);
    assert_false(t.c_iflag & ICRNL);
    assert_false(t.c_oflag & ONLCR);
    assert_true(t.c_oflag & OPOST);
    assert_int_equal(gsess_set_termios(sl, true, false), 0);
    assert_int_equal(tcgetattr(sl, &t), 0);
    assert_false(t.c_lflag & (ECHO | ICANON | ISIG));
    assert_false(t.c_oflag & OPOST);
    assert_false(t.c_iflag & (ICRNL | IXON));
    /* after the hand-back: ICRNL and ONLCR as mgetty leaves them */
    assert_int_equal(gsess_autoppp_modes(sl), 0);
    assert_int_equal(tcgetattr(sl, &t), 0);
    assert_int_equal(t.c_iflag, ICRNL);
    assert_int_equal(t.c_oflag, ONLCR);
    assert_int_equal(t.c_cflag & CSIZE, CS8);
    assert_false(t.c_cflag & CLOCAL);       /* modem line: carrier loss hangs up */
    close(m);
    close(sl);
}

static void test_utmp_id(void **state)
{
    char id[4];
    (void)state;
    gutmp_make_id("ttyS0", id);
    assert_memory_equal(id, "S0\0\0", 4);
    gutmp_make_id("pts/12", id);
    assert_memory_equal(id, "s/12", 4);
    gutmp_make_id("ttyUSB10", id);
    assert_memory_equal(id, "SB10", 4);
}

/* What init does before it starts getty: an INIT_PROCESS record for its pid. */
static void init_record(const char *ufile, const char *line, pid_t pid)
{
    struct utmpx ut;
    memset(&ut, 0, sizeof ut);
    ut.ut_type = INIT_PROCESS;
    ut.ut_pid = pid;
    gutmp_make_id(line, ut.ut_id);
    strncpy(ut.ut_line, line, sizeof ut.ut_line);
    utmpxname(ufile);
    setutxent();
    assert_non_null(pututxline(&ut));
    endutxent();
}

static void test_utmp_records(void **state)
{
    char ufile[] = "/tmp/getty-utmp-XXXXXX", wfile[] = "/tmp/getty-wtmp-XXXXXX";
    struct gutmp_files f = { ufile, wfile };
    struct utmpx *u;
    int fd1 = mkstemp(ufile), fd2 = mkstemp(wfile), n = 0, users = 0;
    (void)state;
    assert_true(fd1 >= 0 && fd2 >= 0);
    close(fd1);
    close(fd2);
    init_record(ufile, "ttyS0", 4242);
    assert_int_equal(gutmp_write(&f, LOGIN_PROCESS, "ttyS0", "LOGIN", "57600", 4242), 0);
    assert_int_equal(gutmp_write(&f, USER_PROCESS, "ttyS0", "a_ppp", "57600", 4242), 0);
    /* utmp: init's slot for the line, now USER_PROCESS */
    utmpxname(ufile);
    setutxent();
    while ((u = getutxent()) != NULL) {
        n++;
        assert_int_equal(u->ut_type, USER_PROCESS);
        assert_int_equal(u->ut_pid, 4242);
        assert_string_equal(u->ut_user, "a_ppp");
        assert_string_equal(u->ut_line, "ttyS0");
        assert_string_equal(u->ut_host, "57600");
        assert_memory_equal(u->ut_id, "S0", 2);
    }
    endutxent();
    assert_int_equal(n, 1);
    /* wtmp: both records appended */
    utmpxname(wfile);
    setutxent();
    n = 0;
    while ((u = getutxent()) != NULL) {
        n++;
        if (u->ut_type == USER_PROCESS)
            users++;
    }
    endutxent();
    assert_int_equal(n, 2);
    assert_int_equal(users, 1);
    unlink(ufile);
    unlink(wfile);
}

/* Not started by init (no record for our pid): as mgetty ("no utmp/wtmp
 * entry, expect issues"), nothing is written to utmp or wtmp; another
 * process's record is left alone. */
static void test_utmp_no_entry_writes_nothing(void **state)
{
    char ufile[] = "/tmp/getty-utmp-XXXXXX", wfile[] = "/tmp/getty-wtmp-XXXXXX";
    struct gutmp_files f = { ufile, wfile };
    struct stat st;
    int fd1 = mkstemp(ufile), fd2 = mkstemp(wfile);
    (void)state;
    assert_true(fd1 >= 0 && fd2 >= 0);
    close(fd1);
    close(fd2);
    assert_int_equal(gutmp_count_users(&f), 0);
    assert_int_equal(gutmp_write(&f, LOGIN_PROCESS, "ttyS0", "LOGIN", "57600", 5000), 0);
    assert_int_equal(stat(ufile, &st), 0);
    assert_int_equal(st.st_size, 0);
    assert_int_equal(stat(wfile, &st), 0);
    assert_int_equal(st.st_size, 0);
    init_record(ufile, "ttyS1", 4343);
    assert_int_equal(gutmp_write(&f, USER_PROCESS, "ttyS1", "fred", "DIRECT", 4343), 0);
    assert_int_equal(gutmp_count_users(&f), 1);
    assert_int_equal(gutmp_write(&f, USER_PROCESS, "ttyS0", "a_ppp", "57600", 5000), 0);
    assert_int_equal(gutmp_count_users(&f), 1);
    assert_int_equal(stat(wfile, &st), 0);
    assert_int_equal(st.st_size, (off_t)sizeof(struct utmpx));
    unlink(ufile);
    unlink(wfile);
    /* an unreadable file counts no users */
    struct gutmp_files none = { "/nonexistent/utmp", "/nonexistent/wtmp" };
    assert_int_equal(gutmp_count_users(&none), 0);
}

/* The AutoPPP hand-over: bytes put back into a tty's input queue are read
 * by the next program in order, unchanged by the raw modes. */
static void test_push_input(void **state)
{
    static const uint8_t frame[] = { 0x7e, 0xff, 0x7d, 0x23, 0xc0, 0x21, 0x7d, 0x21, 0x11,
                                     0x13, 0x0d, 0x03, 0x7e };
    static const uint8_t next[] = { 0x7e, 0xff, 0x7d, 0x23, 0x80, 0x21, 0x7e };
    uint8_t buf[64], got[64];
    int m, sl;
    ssize_t n = 0;
    (void)state;
    assert_int_equal(openpty(&m, &sl, NULL, NULL, NULL), 0);
    assert_int_equal(gsess_set_termios(sl, true, false), 0);
    /* getty holds the first frame; the peer's next frame is already queued */
    memcpy(buf, frame, sizeof frame);
    assert_int_equal(write(m, next, sizeof next), (ssize_t)sizeof next);
    usleep(50000);
    ssize_t pushed = gsess_push_input(sl, buf, sizeof frame, sizeof buf);
    if (pushed < 0) {
        close(m);
        close(sl);
        skip();                              /* TIOCSTI needs root (CI runs as root) */
    }
    assert_int_equal(pushed, sizeof frame + sizeof next);
    while (n < pushed) {
        ssize_t r = read(sl, got + n, sizeof got - (size_t)n);
        assert_true(r > 0);
        n += r;
    }
    /* in the order the peer sent them */
    assert_memory_equal(got, frame, sizeof frame);
    assert_memory_equal(got + sizeof frame, next, sizeof next);
    /* more queued than the buffer holds: nothing goes back (the order could
     * not be kept) */
    uint8_t junk[300];
    memset(junk, 'j', sizeof junk);
    assert_int_equal(write(m, junk, sizeof junk), (ssize_t)sizeof junk);
    usleep(50000);
    memcpy(buf, frame, sizeof frame);
    assert_int_equal(gsess_push_input(sl, buf, sizeof frame, sizeof buf), -1);
    assert_int_equal(errno, ENOBUFS);
    /* nothing was echoed to the peer */
    fcntl(m, F_SETFL, O_NONBLOCK);
    assert_true(read(m, got, sizeof got) < 0);
    close(m);
    close(sl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_env_full),
        cmocka_unit_test(test_env_direct_minimal),
        cmocka_unit_test(test_termios_modes),
        cmocka_unit_test(test_utmp_id),
        cmocka_unit_test(test_utmp_records),
        cmocka_unit_test(test_utmp_no_entry_writes_nothing),
        cmocka_unit_test(test_push_input),
    };
    return cmocka_run_group_tests_name("getty_session", tests, NULL, NULL);
}
