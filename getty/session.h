/* session: hand the line over to the login program.
 *
 * In order: the tty's owner, group and mode; the line becomes the
 * controlling tty of a new session on fds 0, 1 and 2 (libutil's login_tty);
 * the utmp/wtmp record; mgetty's environment; the login.config userid
 * (setgid, initgroups, setuid); execve of the program with the argv from
 * login.config. No shell is involved: a login name reaches the program as
 * one argv word whatever it contains. */
#ifndef GETTY_SESSION_H
#define GETTY_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "callinfo.h"
#include "logincfg.h"
#include "utmp.h"

struct gsess {
    int fd;                         /* the line */
    const char *line_name;          /* "ttyS0" */
    const char *login_name;         /* as typed, or "/AutoPPP/" */
    const struct lcfg_result *cmd;
    const struct gcall_info *call;
    struct gutmp_files utmp_files;
    bool autoppp;                   /* raw line for PPP; else a sane cooked one */
    bool ended_with_cr;             /* name ended with CR: map CR to NL for login */
    /* bytes getty read that belong to the program (AutoPPP: the peer's
     * first LCP frame), put back into the line's input queue (TIOCSTI);
     * the buffer has room for pushback_cap bytes (see gsess_push_input) */
    uint8_t *pushback;
    size_t pushback_len, pushback_cap;
};

/* Build the environment entries mgetty sets ("NAME=value"), at most max;
 * returns how many. Sans-I/O. */
struct gsess_env {
    char entries[8][160];
    int n;
};
void gsess_build_env(const struct gsess *s, struct gsess_env *env);

/* Set the line's termios for the program (cooked for login as mgetty's,
 * raw for PPP). CLOCAL is cleared on modem and direct lines alike, as
 * mgetty: the kernel sends SIGHUP to the session when the caller hangs up
 * (carrier drops); on a pty the flag is only stored. */
int gsess_set_termios(int fd, bool autoppp, bool crnl);

/* After the AutoPPP hand-back: ICRNL and ONLCR on, as mgetty leaves the
 * raw line (pppd sets its own modes; a peer escapes CR while LCP runs). */
int gsess_autoppp_modes(int fd);
/* Hand bytes back to the next reader of the tty on fd: TIOCSTI puts them
 * at the END of the input queue, so whatever is queued now is first read
 * and appended to buf (buf holds len bytes, room for cap), then all of it
 * goes back in the order it was received. Bytes arriving during these few
 * microseconds would come first. When more is queued than buf holds, the
 * order cannot be kept: nothing is handed back (-1, ENOBUFS). TIOCSTI needs root or the caller's
 * controlling tty; with the raw AutoPPP modes nothing is echoed or
 * interpreted. Returns the bytes handed back, or -1 with errno. */
ssize_t gsess_push_input(int fd, uint8_t *buf, size_t len, size_t cap);
/* Does everything and execve()s; returns only on failure (-1, logged). */
int gsess_exec(const struct gsess *s);

#endif
