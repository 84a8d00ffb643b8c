/* serial: terminal lines for modems, null-modem cables and pseudo-terminals
 * (see serial.h). A pty has no modem-control lines: TIOCMGET and friends fail
 * there, which we record as has_modem_lines = false and work around (carrier
 * unknown, DTR a no-op, hang-up by speed B0). */
#include "common/serial.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

static const struct {
    unsigned bps;
    speed_t code;
} speeds[] = {
    { 50, B50 }, { 75, B75 }, { 110, B110 }, { 134, B134 }, { 150, B150 },
    { 200, B200 }, { 300, B300 }, { 600, B600 }, { 1200, B1200 }, { 1800, B1800 },
    { 2400, B2400 }, { 4800, B4800 }, { 9600, B9600 }, { 19200, B19200 },
    { 38400, B38400 },
#ifdef B57600
    { 57600, B57600 },
#endif
#ifdef B115200
    { 115200, B115200 },
#endif
#ifdef B230400
    { 230400, B230400 },
#endif
#ifdef B460800
    { 460800, B460800 },
#endif
#ifdef B500000
    { 500000, B500000 },
#endif
#ifdef B576000
    { 576000, B576000 },
#endif
#ifdef B921600
    { 921600, B921600 },
#endif
#ifdef B1000000
    { 1000000, B1000000 },
#endif
#ifdef B1152000
    { 1152000, B1152000 },
#endif
#ifdef B1500000
    { 1500000, B1500000 },
#endif
#ifdef B2000000
    { 2000000, B2000000 },
#endif
#ifdef B2500000
    { 2500000, B2500000 },
#endif
#ifdef B3000000
    { 3000000, B3000000 },
#endif
#ifdef B3500000
    { 3500000, B3500000 },
#endif
#ifdef B4000000
    { 4000000, B4000000 },
#endif
};

#define N_SPEEDS (sizeof speeds / sizeof speeds[0])

bool serial_speed_valid(unsigned bps)
{
    return serial_speed_to_termios(bps) != B0;
}

speed_t serial_speed_to_termios(unsigned bps)
{
    for (size_t i = 0; i < N_SPEEDS; i++)
        if (speeds[i].bps == bps)
            return speeds[i].code;
    return B0;
}

unsigned serial_speed_from_termios(speed_t code)
{
    for (size_t i = 0; i < N_SPEEDS; i++)
        if (speeds[i].code == code)
            return speeds[i].bps;
    return 0;
}

/* Errors that mean "this device has no modem-control lines" rather than a
 * failure: ptys answer ENOTTY, some USB and virtual drivers EINVAL. */
static bool no_modem_lines_errno(int e)
{
    return e == ENOTTY || e == EINVAL || e == ENOTSUP || e == EOPNOTSUPP || e == ENOSYS;
}

static void probe_modem_lines(struct serial_line *line)
{
    int bits;
    line->has_modem_lines = ioctl(line->fd, TIOCMGET, &bits) == 0;
}

static int set_path(struct serial_line *line, const char *path)
{
    int n;
    if (!path)
        n = snprintf(line->path, sizeof line->path, "%s", "");
    else if (strchr(path, '/'))
        n = snprintf(line->path, sizeof line->path, "%s", path);
    else
        n = snprintf(line->path, sizeof line->path, "/dev/%s", path);
    if (n < 0 || (size_t)n >= sizeof line->path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}

static void line_init(struct serial_line *line)
{
    memset(line, 0, sizeof *line);
    line->fd = -1;
}

/* Remember the termios found on fd. A non-terminal fails with ENOTTY unless
 * allowed (an adopted stdin may be a pipe or socket: nothing to save). */
static int take_fd(struct serial_line *line, int fd, bool owns, bool allow_notty)
{
    if (tcgetattr(fd, &line->saved) == 0) {
        line->saved_valid = true;
    } else if (errno != ENOTTY || !allow_notty || fcntl(fd, F_GETFL) < 0) {
        return -1;
    }
    line->fd = fd;
    line->owns_fd = owns;
    if (line->saved_valid)
        probe_modem_lines(line);
    return 0;
}

int serial_open(struct serial_line *line, const char *path)
{
    line_init(line);
    if (!path || !*path) {
        errno = EINVAL;
        return -1;
    }
    if (set_path(line, path) < 0)
        return -1;
    int fd = open(line->path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return -1;
    if (take_fd(line, fd, true, false) < 0) {
        int e = errno;
        close(fd);
        line->fd = -1;
        errno = e;
        return -1;
    }
    return 0;
}

int serial_adopt(struct serial_line *line, int fd, const char *path)
{
    line_init(line);
    if (fd < 0) {
        errno = EBADF;
        return -1;
    }
    if (!path) {
        char name[sizeof line->path];
        if (ttyname_r(fd, name, sizeof name) == 0)
            path = name;
        if (set_path(line, path) < 0)
            return -1;
    } else if (set_path(line, path) < 0) {
        return -1;
    }
    if (take_fd(line, fd, false, true) < 0) {
        line->fd = -1;
        return -1;
    }
    return 0;
}

/* cfmakeraw() plus what 8N1 needs spelled out: one stop bit, no parity, no
 * software flow control, the receiver on. */
static void make_raw(struct termios *t)
{
    t->c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL |
                              IXON | IXOFF | IXANY | INPCK | IMAXBEL);
    t->c_oflag &= ~(tcflag_t)OPOST;
    t->c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK | ECHONL | ICANON | ISIG | IEXTEN);
    t->c_cflag &= ~(tcflag_t)(CSIZE | PARENB | CSTOPB);
    t->c_cflag |= CS8 | CREAD;
    t->c_cc[VMIN] = 1;
    t->c_cc[VTIME] = 0;
}

int serial_set_raw(struct serial_line *line, const struct serial_params *params)
{
    struct termios t;
    if (tcgetattr(line->fd, &t) < 0)
        return -1;
    make_raw(&t);
    if (params) {
        if (params->speed) {
            speed_t code = serial_speed_to_termios(params->speed);
            if (code == B0) {
                errno = EINVAL;
                return -1;
            }
            if (cfsetispeed(&t, code) < 0 || cfsetospeed(&t, code) < 0)
                return -1;
        }
        if (params->crtscts == 1)
            t.c_cflag |= CRTSCTS;
        else if (params->crtscts == 0)
            t.c_cflag &= ~(tcflag_t)CRTSCTS;
        if (params->local)
            t.c_cflag |= CLOCAL;
        else
            t.c_cflag &= ~(tcflag_t)CLOCAL;
        if (params->hupcl)
            t.c_cflag |= HUPCL;
        else
            t.c_cflag &= ~(tcflag_t)HUPCL;
    }
    if (tcsetattr(line->fd, TCSANOW, &t) < 0)
        return -1;
    /* tcsetattr succeeds when any part was applied: check the speed took. */
    if (params && params->speed) {
        struct termios now;
        if (tcgetattr(line->fd, &now) < 0)
            return -1;
        if (cfgetospeed(&now) != cfgetospeed(&t)) {
            errno = EINVAL;
            return -1;
        }
    }
    return 0;
}

int serial_set_nonblocking(struct serial_line *line, bool nonblocking)
{
    int fl = fcntl(line->fd, F_GETFL);
    if (fl < 0)
        return -1;
    int want = nonblocking ? fl | O_NONBLOCK : fl & ~O_NONBLOCK;
    if (want != fl && fcntl(line->fd, F_SETFL, want) < 0)
        return -1;
    return 0;
}

unsigned serial_get_speed(const struct serial_line *line)
{
    struct termios t;
    if (tcgetattr(line->fd, &t) < 0)
        return 0;
    return serial_speed_from_termios(cfgetospeed(&t));
}

int serial_carrier(struct serial_line *line)
{
    int bits;
    if (ioctl(line->fd, TIOCMGET, &bits) < 0) {
        if (no_modem_lines_errno(errno))
            line->has_modem_lines = false;
        return -1;
    }
    line->has_modem_lines = true;
    return (bits & TIOCM_CAR) ? 1 : 0;
}

int serial_set_dtr(struct serial_line *line, bool on)
{
    if (!line->has_modem_lines)
        return 0;
    int bits = TIOCM_DTR;
    if (ioctl(line->fd, on ? TIOCMBIS : TIOCMBIC, &bits) < 0) {
        if (!no_modem_lines_errno(errno))
            return -1;
        line->has_modem_lines = false;
    }
    return 0;
}

static void sleep_ms(unsigned ms)
{
    struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000 };
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

/* Without DTR control, output speed B0 tells the driver to hang up. */
static int hangup_b0(struct serial_line *line, unsigned ms)
{
    struct termios cur, zero;
    if (tcgetattr(line->fd, &cur) < 0)
        return -1;
    zero = cur;
    if (cfsetospeed(&zero, B0) < 0 || tcsetattr(line->fd, TCSANOW, &zero) < 0)
        return -1;
    sleep_ms(ms);
    return tcsetattr(line->fd, TCSANOW, &cur);
}

int serial_hangup(struct serial_line *line, unsigned ms)
{
    if (line->has_modem_lines) {
        int bits = TIOCM_DTR;
        if (ioctl(line->fd, TIOCMBIC, &bits) == 0) {
            sleep_ms(ms);
            return ioctl(line->fd, TIOCMBIS, &bits) == 0 ? 0 : -1;
        }
        if (!no_modem_lines_errno(errno))
            return -1;
        line->has_modem_lines = false;
    }
    return hangup_b0(line, ms);
}

int serial_send_break(struct serial_line *line)
{
    return tcsendbreak(line->fd, 0);
}

int serial_flush(struct serial_line *line)
{
    return tcflush(line->fd, TCIOFLUSH);
}

int serial_restore(struct serial_line *line)
{
    if (!line->saved_valid)
        return 0;
    return tcsetattr(line->fd, TCSANOW, &line->saved);
}

void serial_close(struct serial_line *line)
{
    if (line->fd >= 0 && line->owns_fd)
        close(line->fd);
    line->fd = -1;
    line->owns_fd = false;
    line->saved_valid = false;
}
