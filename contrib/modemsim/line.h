/* line: one simulated modem's serial port, a pseudo-terminal whose slave
 * is reached through a stable symlink (e.g. /tmp/x/ttyS0 -> /dev/pts/3).
 *
 * A pty cannot drop carrier, so a hangup is signalled the way a real tty
 * shows it: every open slave fd is hung up (reads return 0, poll says
 * POLLHUP, the session leader gets SIGHUP). With CAP_SYS_ADMIN that is
 * TIOCVHANGUP on the slave and the pty stays the same; otherwise the master
 * is closed and a fresh pty takes over the symlink for the next call. */
#ifndef MODEMSIM_LINE_H
#define MODEMSIM_LINE_H

#include <limits.h>
#include <stdbool.h>

struct line {
    char name[32];
    char path[PATH_MAX];
    char slave[64];
    int master;          /* -1 when not created */
    bool dte_open;       /* some process has the slave open */
};

/* "NAME=PATH"; -1 on a malformed spec. */
int line_parse(struct line *l, const char *spec);
/* Create the pty (raw, non-blocking master) and point the symlink at it. */
int line_create(struct line *l);
/* Hang up every open slave fd (see above); the line is ready for the next open. */
int line_hangup(struct line *l);
/* Close the master and remove the symlink (only if it still points at our pty). */
void line_destroy(struct line *l);
/* Whether a DTE holds the slave open now (the master reports POLLHUP when none does). */
bool line_dte_present(const struct line *l);

#endif
