/* lockdance: mgetty's protocol with dial-out programs over UUCP locks.
 *
 * Wait while another program holds the line; lock; initialise the modem;
 * unlock; wait for input without reading it. When input comes and a valid
 * foreign lock exists now, a dial-out program (pppd, cu, minicom) has taken
 * the line: log it, wait for its lock to go and exit so init starts a fresh
 * getty. Otherwise it is a call: lock again and answer. The lock is then
 * kept for the whole session (the program after execve has our PID). */
#ifndef GETTY_LOCKDANCE_H
#define GETTY_LOCKDANCE_H

#include <stdbool.h>
#include <sys/types.h>

#include "common/lock.h"

struct gdance {
    const char *dir;            /* lock directory */
    const char *device;         /* line name */
    struct lock_handle h;
};

enum gdance_wake {
    GDANCE_INPUT,               /* bytes are waiting (not read) */
    GDANCE_TIMEOUT,
    GDANCE_HANGUP,              /* the line hung up or failed */
};

void gdance_init(struct gdance *d, const char *dir, const char *device);
/* Wait (forever, polling every poll_ms) while a live foreign lock exists;
 * stale locks are removed (logged). 0, or -1 on errors. */
int gdance_wait_free(struct gdance *d, int poll_ms);
/* Take the lock: 0 taken; 1 a live foreign holder (its PID in *holder); -1 error. */
int gdance_take(struct gdance *d, pid_t *holder);
void gdance_release(struct gdance *d);
/* Wait up to timeout_ms (negative: forever) for input on fd without reading it. */
enum gdance_wake gdance_wait_input(int fd, int timeout_ms);
/* After input: 1 when a dial-out holds the line (holder in *holder), 0 when
 * we now hold the lock, -1 on errors. */
int gdance_claim_after_input(struct gdance *d, pid_t *holder);
/* The holder's command line from /proc (for "dialout in progress: '%s'"). */
void gdance_holder_cmdline(pid_t pid, char *out, size_t outlen);

#endif
