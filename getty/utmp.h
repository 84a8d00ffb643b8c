/* utmp: login records in utmp and wtmp through the utmpx interface.
 *
 * Debian's mgetty 1.2.1 records: nothing while waiting for a call,
 * LOGIN_PROCESS "LOGIN" while the prompt is shown, USER_PROCESS with the
 * login.config utmp entry when a program starts, USER_PROCESS "dialout" when
 * a dial-out program took the line. The host field holds the CONNECT string
 * (or caller id). Only the entry init made for our PID is updated (same
 * ut_id); without one ("no utmp/wtmp entry, expect issues") nothing is
 * written, as mgetty. */
#ifndef GETTY_UTMP_H
#define GETTY_UTMP_H

#include <sys/types.h>

struct gutmp_files {
    const char *utmp;        /* NULL or "": the system file */
    const char *wtmp;
};

/* type: INIT_PROCESS, LOGIN_PROCESS, USER_PROCESS or DEAD_PROCESS. 0 ok, -1 with errno. */
int gutmp_write(const struct gutmp_files *files, short type, const char *line,
                const char *user, const char *host, pid_t pid);

/* Users logged in, for the prompt's \N and \U: the USER_PROCESS records
 * of the utmp file, as mgetty's get_current_users(). 0 when unreadable. */
unsigned gutmp_count_users(const struct gutmp_files *files);

/* ut_id for a line: init's convention, the name without "tty" (ttyS0 -> "S0"),
 * at most 4 characters from the end. */
void gutmp_make_id(const char *line, char id[4]);

#endif
