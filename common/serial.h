/* serial: terminal lines for modems, null-modem cables and pseudo-terminals.
 *
 * On a pseudo-terminal the modem-control ioctls (TIOCMGET/TIOCMSET) fail:
 * that means "no modem lines" (carrier unknown, DTR toggling a no-op), never a
 * fatal error. Functions return 0 on success, -1 with errno set on failure. */
#ifndef COMMON_SERIAL_H
#define COMMON_SERIAL_H

#include <stdbool.h>
#include <termios.h>

struct serial_line {
    int fd;
    bool owns_fd;           /* opened by serial_open (closed by serial_close) */
    bool saved_valid;       /* saved holds the termios found at open */
    bool has_modem_lines;   /* TIOCMGET worked */
    struct termios saved;
    char path[256];
};

struct serial_params {
    unsigned speed;         /* bits per second; 0 keeps the current speed */
    int crtscts;            /* 1 on, 0 off, -1 leave as found */
    bool local;             /* CLOCAL: ignore carrier (pppd "local"); false = "modem" */
    bool hupcl;             /* drop DTR on last close */
};

/* Open path (a name without '/' is taken under /dev) with O_RDWR|O_NOCTTY|
 * O_NONBLOCK|O_CLOEXEC, remember its termios for serial_restore. Fails with
 * ENOTTY (and closes it) when path is not a terminal. */
int serial_open(struct serial_line *line, const char *path);
/* Use an fd that is already open (stdin for a login shell); not closed by
 * serial_close. path NULL: found with ttyname(). A non-terminal (pipe,
 * socket) is accepted with saved_valid and has_modem_lines false; then
 * serial_set_raw fails with ENOTTY and serial_restore does nothing. */
int serial_adopt(struct serial_line *line, int fd, const char *path);
/* Raw 8N1: no echo, no canonical mode, no output processing, VMIN 1 VTIME 0,
 * then speed, flow control, CLOCAL and HUPCL from params (NULL: raw only,
 * everything else left as found). An unknown speed fails with EINVAL. */
int serial_set_raw(struct serial_line *line, const struct serial_params *params);
int serial_set_nonblocking(struct serial_line *line, bool nonblocking);

/* Speeds: every standard rate from 50 to 4000000. */
bool serial_speed_valid(unsigned bps);
speed_t serial_speed_to_termios(unsigned bps);   /* B0 when unknown */
unsigned serial_speed_from_termios(speed_t code); /* 0 when unknown */
unsigned serial_get_speed(const struct serial_line *line); /* output speed in bps, 0 unknown */

/* 1 carrier present, 0 absent, -1 unknown (no modem lines, e.g. a pty;
 * not an error: has_modem_lines is cleared). */
int serial_carrier(struct serial_line *line);
/* Raise or drop DTR; 0 also when the line has no modem lines (nothing to do). */
int serial_set_dtr(struct serial_line *line, bool on);
/* Hang up: drop DTR (or set speed B0 when DTR can't be driven) for ms
 * milliseconds, then raise it again. Sleeps. */
int serial_hangup(struct serial_line *line, unsigned ms);
int serial_send_break(struct serial_line *line);
/* Discard unread input and unsent output. */
int serial_flush(struct serial_line *line);

/* Put back the termios found at open (when known). */
int serial_restore(struct serial_line *line);
void serial_close(struct serial_line *line);

#endif
