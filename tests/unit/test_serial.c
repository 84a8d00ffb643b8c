/* cmocka tests for common/serial over pseudo-terminals (openpty). A pty has
 * no modem-control lines, which the module must take as "unknown", not fail. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "common/serial.h"

/* Every standard rate the module promises. */
static const unsigned standard[] = {
    50, 75, 110, 134, 150, 200, 300, 600, 1200, 1800, 2400, 4800, 9600, 19200, 38400,
    57600, 115200, 230400, 460800, 500000, 576000, 921600, 1000000, 1152000, 1500000,
    2000000, 2500000, 3000000, 3500000, 4000000,
};
#define N_STANDARD (sizeof standard / sizeof standard[0])

struct pty {
    int master, slave;
    char name[64];
};

static int setup(void **state)
{
    struct pty *p = calloc(1, sizeof *p);
    if (!p)
        return -1;
    if (openpty(&p->master, &p->slave, p->name, NULL, NULL) < 0) {
        free(p);
        return -1;
    }
    *state = p;
    return 0;
}

static int teardown(void **state)
{
    struct pty *p = *state;
    close(p->master);
    close(p->slave);
    free(p);
    return 0;
}

static struct serial_params params(unsigned speed, int crtscts, bool local, bool hupcl)
{
    return (struct serial_params){ .speed = speed, .crtscts = crtscts, .local = local, .hupcl = hupcl };
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Read exactly len bytes from fd within a second or fail the test. */
static void read_exact(int fd, uint8_t *out, size_t len)
{
    size_t got = 0;
    int64_t deadline = now_ms() + 1000;
    while (got < len) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        int left = (int)(deadline - now_ms());
        assert_true(left > 0);
        assert_true(poll(&pfd, 1, left) >= 0);
        if (!(pfd.revents & POLLIN))
            continue;
        ssize_t n = read(fd, out + got, len - got);
        assert_true(n > 0);
        got += (size_t)n;
    }
}

static bool nothing_more(int fd)
{
    struct pollfd pfd = { .fd = fd, .events = POLLIN };
    return poll(&pfd, 1, 50) == 0;
}

static void speed_table_round_trips(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_STANDARD; i++) {
        assert_true(serial_speed_valid(standard[i]));
        speed_t code = serial_speed_to_termios(standard[i]);
        assert_int_not_equal(code, B0);
        assert_int_equal(serial_speed_from_termios(code), standard[i]);
    }
    assert_int_equal(serial_speed_to_termios(115200), B115200);
    assert_int_equal(serial_speed_to_termios(57600), B57600);
    assert_int_equal(serial_speed_to_termios(921600), B921600);
    assert_int_equal(serial_speed_from_termios(B38400), 38400);
}

static void invalid_speeds_rejected(void **state)
{
    struct pty *p = *state;
    static const unsigned bad[] = { 0, 1, 49, 51, 12345, 14400, 28800, 33600, 56000, 128000,
                                    256000, 4000001, 4294967295u };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_false(serial_speed_valid(bad[i]));
        assert_int_equal(serial_speed_to_termios(bad[i]), B0);
    }
    assert_int_equal(serial_speed_from_termios(B0), 0);
    assert_int_equal(serial_speed_from_termios((speed_t)0x7fffffff), 0);

    struct serial_line line;
    assert_int_equal(serial_adopt(&line, p->slave, p->name), 0);
    assert_int_equal(serial_set_raw(&line, &(struct serial_params){ .speed = 9600, .crtscts = -1 }), 0);
    struct serial_params sp = params(14400, -1, false, false);
    errno = 0;
    assert_int_equal(serial_set_raw(&line, &sp), -1);
    assert_int_equal(errno, EINVAL);
    assert_int_equal(serial_get_speed(&line), 9600);   /* nothing changed */
    serial_close(&line);
}

static void every_speed_set_on_a_pty(void **state)
{
    struct pty *p = *state;
    struct serial_line line;
    assert_int_equal(serial_adopt(&line, p->slave, p->name), 0);
    for (size_t i = 0; i < N_STANDARD; i++) {
        struct serial_params sp = params(standard[i], -1, true, false);
        assert_int_equal(serial_set_raw(&line, &sp), 0);
        assert_int_equal(serial_get_speed(&line), standard[i]);
        struct termios t;
        assert_int_equal(tcgetattr(p->slave, &t), 0);
        assert_int_equal(cfgetospeed(&t), serial_speed_to_termios(standard[i]));
        assert_int_equal(cfgetispeed(&t), serial_speed_to_termios(standard[i]));
    }
    /* speed 0 keeps what is there */
    struct serial_params keep = params(0, -1, true, false);
    assert_int_equal(serial_set_raw(&line, &keep), 0);
    assert_int_equal(serial_get_speed(&line), standard[N_STANDARD - 1]);
    serial_close(&line);
}

static void raw_mode_flags(void **state)
{
    struct pty *p = *state;
    struct termios t;
    /* Start from a cooked terminal with parity and two stop bits. */
    assert_int_equal(tcgetattr(p->slave, &t), 0);
    t.c_iflag |= ICRNL | IXON | ISTRIP | INLCR | BRKINT;
    t.c_oflag |= OPOST | ONLCR;
    t.c_lflag |= ECHO | ICANON | ISIG | IEXTEN;
    t.c_cflag = (t.c_cflag & ~(tcflag_t)(CSIZE | CREAD)) | CS7 | PARENB | CSTOPB;
    t.c_cc[VMIN] = 0;
    t.c_cc[VTIME] = 5;
    assert_int_equal(tcsetattr(p->slave, TCSANOW, &t), 0);

    struct serial_line line;
    assert_int_equal(serial_adopt(&line, p->slave, p->name), 0);
    struct serial_params sp = params(115200, -1, false, true);
    assert_int_equal(serial_set_raw(&line, &sp), 0);
    assert_int_equal(tcgetattr(p->slave, &t), 0);
    assert_int_equal(t.c_lflag & (ECHO | ECHONL | ICANON | ISIG | IEXTEN), 0);
    assert_int_equal(t.c_oflag & OPOST, 0);
    assert_int_equal(t.c_iflag & (ICRNL | INLCR | IGNCR | IXON | IXOFF | ISTRIP | BRKINT | PARMRK), 0);
    assert_int_equal(t.c_cflag & CSIZE, CS8);
    assert_int_equal(t.c_cflag & (PARENB | CSTOPB), 0);
    assert_int_equal(t.c_cflag & CREAD, CREAD);
    assert_int_equal(t.c_cflag & HUPCL, HUPCL);
    assert_int_equal(t.c_cflag & CLOCAL, 0);
    assert_int_equal(t.c_cc[VMIN], 1);
    assert_int_equal(t.c_cc[VTIME], 0);
    serial_close(&line);
}

static void raw_without_params_only_raw(void **state)
{
    struct pty *p = *state;
    struct termios t;
    assert_int_equal(tcgetattr(p->slave, &t), 0);
    cfsetospeed(&t, B2400);
    cfsetispeed(&t, B2400);
    t.c_cflag |= CLOCAL | HUPCL;
    assert_int_equal(tcsetattr(p->slave, TCSANOW, &t), 0);
    struct serial_line line;
    assert_int_equal(serial_adopt(&line, p->slave, p->name), 0);
    assert_int_equal(serial_set_raw(&line, NULL), 0);
    assert_int_equal(tcgetattr(p->slave, &t), 0);
    assert_int_equal(t.c_lflag & ICANON, 0);
    assert_int_equal(t.c_cflag & (CLOCAL | HUPCL), CLOCAL | HUPCL);
    assert_int_equal(serial_get_speed(&line), 2400);
    serial_close(&line);
}

static tcflag_t cflag_after(struct serial_line *line, struct serial_params sp)
{
    struct termios t;
    assert_int_equal(serial_set_raw(line, &sp), 0);
    assert_int_equal(tcgetattr(line->fd, &t), 0);
    return t.c_cflag;
}

static void crtscts_on_off_leave(void **state)
{
    struct pty *p = *state;
    struct serial_line line;
    assert_int_equal(serial_adopt(&line, p->slave, p->name), 0);
    assert_true(cflag_after(&line, params(0, 1, true, false)) & CRTSCTS);
    assert_true(cflag_after(&line, params(0, -1, true, false)) & CRTSCTS);
    assert_false(cflag_after(&line, params(0, 0, true, false)) & CRTSCTS);
    assert_false(cflag_after(&line, params(0, -1, true, false)) & CRTSCTS);
    serial_close(&line);
}

static void local_and_hupcl(void **state)
{
    struct pty *p = *state;
    struct serial_line line;
    assert_int_equal(serial_adopt(&line, p->slave, p->name), 0);
    tcflag_t c = cflag_after(&line, params(0, -1, false, true));   /* "modem" */
    assert_false(c & CLOCAL);
    assert_true(c & HUPCL);
    c = cflag_after(&line, params(0, -1, true, false));
    assert_true(c & CLOCAL);
    assert_false(c & HUPCL);
    c = cflag_after(&line, params(0, -1, false, true));
    assert_false(c & CLOCAL);
    assert_true(c & HUPCL);
    serial_close(&line);
}

static void carrier_unknown_on_pty(void **state)
{
    struct pty *p = *state;
    struct serial_line line;
    assert_int_equal(serial_adopt(&line, p->slave, p->name), 0);
    assert_false(line.has_modem_lines);
    assert_int_equal(serial_carrier(&line), -1);
    assert_false(line.has_modem_lines);
    assert_true(fcntl(p->slave, F_GETFL) >= 0);   /* fd still fine */
    serial_close(&line);
}

static void dtr_is_noop_success_on_pty(void **state)
{
    struct pty *p = *state;
    struct serial_line line;
    assert_int_equal(serial_adopt(&line, p->slave, p->name), 0);
    assert_int_equal(serial_set_dtr(&line, false), 0);
    assert_int_equal(serial_set_dtr(&line, true), 0);
    /* Even when we wrongly believed in modem lines, the failing ioctl is tolerated. */
    line.has_modem_lines = true;
    assert_int_equal(serial_set_dtr(&line, true), 0);
    assert_false(line.has_modem_lines);
    serial_close(&line);
}

static void hangup_on_pty_restores_speed(void **state)
{
    struct pty *p = *state;
    struct serial_line line;
    assert_int_equal(serial_adopt(&line, p->slave, p->name), 0);
    struct serial_params sp = params(38400, 0, true, true);
    assert_int_equal(serial_set_raw(&line, &sp), 0);
    int64_t t0 = now_ms();
    assert_int_equal(serial_hangup(&line, 100), 0);
    assert_true(now_ms() - t0 >= 95);
    assert_int_equal(serial_get_speed(&line), 38400);
    struct termios t;
    assert_int_equal(tcgetattr(p->slave, &t), 0);
    assert_int_equal(t.c_lflag & ICANON, 0);
    /* The believed-modem-lines path falls back to B0 as well. */
    line.has_modem_lines = true;
    assert_int_equal(serial_hangup(&line, 10), 0);
    assert_false(line.has_modem_lines);
    assert_int_equal(serial_get_speed(&line), 38400);
    serial_close(&line);
}

static void break_and_flush_on_pty(void **state)
{
    struct pty *p = *state;
    struct serial_line line;
    assert_int_equal(serial_adopt(&line, p->slave, p->name), 0);
    assert_int_equal(serial_set_raw(&line, NULL), 0);
    assert_int_equal(serial_send_break(&line), 0);
    /* Unread input is discarded by flush. */
    assert_int_equal(write(p->master, "junk", 4), 4);
    struct pollfd pfd = { .fd = p->slave, .events = POLLIN };
    assert_int_equal(poll(&pfd, 1, 1000), 1);
    assert_int_equal(serial_flush(&line), 0);
    assert_true(nothing_more(p->slave));
    serial_close(&line);
}

static void restore_puts_original_back(void **state)
{
    struct pty *p = *state;
    struct termios orig, t;
    assert_int_equal(tcgetattr(p->slave, &orig), 0);
    struct serial_line line;
    assert_int_equal(serial_open(&line, p->name), 0);
    assert_true(line.owns_fd);
    assert_true(line.saved_valid);
    struct serial_params sp = params(460800, 1, true, false);
    assert_int_equal(serial_set_raw(&line, &sp), 0);
    assert_int_equal(tcgetattr(line.fd, &t), 0);
    assert_int_not_equal(t.c_lflag, orig.c_lflag);
    assert_int_equal(serial_restore(&line), 0);
    assert_int_equal(tcgetattr(line.fd, &t), 0);
    assert_int_equal(t.c_iflag, orig.c_iflag);
    assert_int_equal(t.c_oflag, orig.c_oflag);
    assert_int_equal(t.c_cflag, orig.c_cflag);
    assert_int_equal(t.c_lflag, orig.c_lflag);
    assert_int_equal(cfgetospeed(&t), cfgetospeed(&orig));
    assert_memory_equal(t.c_cc, orig.c_cc, sizeof t.c_cc);
    serial_close(&line);
}

static void adopt_does_not_close_fd(void **state)
{
    struct pty *p = *state;
    struct serial_line line;
    assert_int_equal(serial_adopt(&line, p->slave, NULL), 0);
    assert_false(line.owns_fd);
    assert_string_equal(line.path, p->name);   /* found with ttyname */
    serial_close(&line);
    assert_int_equal(line.fd, -1);
    assert_true(fcntl(p->slave, F_GETFL) >= 0);
    serial_close(&line);   /* twice is harmless */
}

static void adopt_non_terminal(void **state)
{
    (void)state;
    int p[2];
    assert_int_equal(pipe(p), 0);
    struct serial_line line;
    assert_int_equal(serial_adopt(&line, p[0], "stdin"), 0);
    assert_false(line.saved_valid);
    assert_false(line.has_modem_lines);
    assert_string_equal(line.path, "/dev/stdin");
    assert_int_equal(serial_carrier(&line), -1);
    assert_int_equal(serial_set_dtr(&line, false), 0);
    errno = 0;
    assert_int_equal(serial_set_raw(&line, NULL), -1);
    assert_int_equal(errno, ENOTTY);
    assert_int_equal(serial_restore(&line), 0);
    serial_close(&line);
    assert_true(fcntl(p[0], F_GETFL) >= 0);
    close(p[0]);
    close(p[1]);
    /* A closed descriptor is refused. */
    errno = 0;
    assert_int_equal(serial_adopt(&line, p[0], NULL), -1);
    assert_int_equal(errno, EBADF);
    assert_int_equal(line.fd, -1);
}

static void close_closes_opened_fd(void **state)
{
    struct pty *p = *state;
    struct serial_line line;
    assert_int_equal(serial_open(&line, p->name), 0);
    int fd = line.fd;
    assert_true((fcntl(fd, F_GETFL) & O_NONBLOCK) != 0);
    assert_int_equal(serial_set_nonblocking(&line, false), 0);
    assert_int_equal(fcntl(fd, F_GETFL) & O_NONBLOCK, 0);
    assert_int_equal(serial_set_nonblocking(&line, true), 0);
    assert_true((fcntl(fd, F_GETFL) & O_NONBLOCK) != 0);
    serial_close(&line);
    errno = 0;
    assert_int_equal(fcntl(fd, F_GETFL), -1);
    assert_int_equal(errno, EBADF);
}

static void open_failures(void **state)
{
    (void)state;
    struct serial_line line;
    errno = 0;
    assert_int_equal(serial_open(&line, "/dev/no-such-tty-here"), -1);
    assert_int_equal(errno, ENOENT);
    assert_int_equal(line.fd, -1);
    /* A bare name is looked up under /dev. */
    errno = 0;
    assert_int_equal(serial_open(&line, "no-such-tty-here"), -1);
    assert_int_equal(errno, ENOENT);
    assert_string_equal(line.path, "/dev/no-such-tty-here");
    /* Not a terminal. */
    errno = 0;
    assert_int_equal(serial_open(&line, "null"), -1);
    assert_int_equal(errno, ENOTTY);
    assert_int_equal(line.fd, -1);
    errno = 0;
    assert_int_equal(serial_adopt(&line, -1, "x"), -1);
    assert_int_equal(errno, EBADF);
    errno = 0;
    assert_int_equal(serial_open(&line, ""), -1);
    assert_int_equal(errno, EINVAL);
}

static void bare_name_opens_under_dev(void **state)
{
    (void)state;
    struct serial_line line;
    /* /dev/ptmx is a terminal every Linux has; opening it makes a new pty. */
    assert_int_equal(serial_open(&line, "ptmx"), 0);
    assert_string_equal(line.path, "/dev/ptmx");
    assert_true(line.fd >= 0);
    serial_close(&line);
}

static void raw_bytes_pass_unmodified_slave_to_master(void **state)
{
    struct pty *p = *state;
    struct serial_line line;
    assert_int_equal(serial_adopt(&line, p->slave, p->name), 0);
    struct serial_params sp = params(115200, 0, true, false);
    assert_int_equal(serial_set_raw(&line, &sp), 0);
    uint8_t out[258], in[258];
    for (int i = 0; i < 256; i++)
        out[i] = (uint8_t)i;
    out[256] = '\r';
    out[257] = '\n';
    assert_int_equal(write(p->slave, out, sizeof out), (ssize_t)sizeof out);
    read_exact(p->master, in, sizeof in);
    assert_memory_equal(in, out, sizeof out);
    assert_true(nothing_more(p->master));   /* no \n -> \r\n expansion */
    serial_close(&line);
}

static void raw_bytes_pass_unmodified_master_to_slave(void **state)
{
    struct pty *p = *state;
    struct serial_line line;
    assert_int_equal(serial_adopt(&line, p->slave, p->name), 0);
    assert_int_equal(serial_set_raw(&line, NULL), 0);
    /* ^C, ^Z, ^S, ^Q, \r, DEL and 8-bit bytes: no signals, no flow control,
     * no CR translation, no echo back to the master. */
    const uint8_t out[] = { 0x03, 0x1a, 0x13, 0x11, '\r', '\n', 0x7f, 0x04, 0x80, 0xff, 0x7e, 0x7d };
    uint8_t in[sizeof out];
    assert_int_equal(write(p->master, out, sizeof out), (ssize_t)sizeof out);
    read_exact(p->slave, in, sizeof in);
    assert_memory_equal(in, out, sizeof out);
    assert_true(nothing_more(p->master));
    serial_close(&line);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(speed_table_round_trips),
        T(invalid_speeds_rejected),
        T(every_speed_set_on_a_pty),
        T(raw_mode_flags),
        T(raw_without_params_only_raw),
        T(crtscts_on_off_leave),
        T(local_and_hupcl),
        T(carrier_unknown_on_pty),
        T(dtr_is_noop_success_on_pty),
        T(hangup_on_pty_restores_speed),
        T(break_and_flush_on_pty),
        T(restore_puts_original_back),
        T(adopt_does_not_close_fd),
        cmocka_unit_test(adopt_non_terminal),
        T(close_closes_opened_fd),
        cmocka_unit_test(open_failures),
        cmocka_unit_test(bare_name_opens_under_dev),
        T(raw_bytes_pass_unmodified_slave_to_master),
        T(raw_bytes_pass_unmodified_master_to_slave),
    };
    return cmocka_run_group_tests_name("serial", tests, NULL, NULL);
}
