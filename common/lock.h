/* lock: UUCP lock files shared with mgetty, pppd, minicom and cu.
 *
 * /var/lock/LCK..<basename of device>, content the owner's PID as ten ASCII
 * characters and a newline ("%10d\n"); binary (4-byte int) locks written by
 * old programs are read too. Created atomically: written to a temporary file
 * in the same directory and link()ed into place. A lock whose PID no longer
 * exists (kill(pid, 0) fails with ESRCH) is stale and removed; so is a lock
 * whose content is empty or not a PID (reported in lock_info, logged by the
 * caller). A symlink or other non-regular file at the lock name is an error
 * (ELOOP/EINVAL), never followed or removed. Nothing here logs. */
#ifndef COMMON_LOCK_H
#define COMMON_LOCK_H

#include <stdbool.h>
#include <limits.h>
#include <sys/types.h>

#define LOCK_DEFAULT_DIR "/var/lock"

struct lock_handle {
    char path[PATH_MAX];
    bool held;
    pid_t pid;         /* the PID written into the lock (getpid(), or set by lock_relock) */
};

enum lock_status {
    LOCK_ERROR = -1,   /* errno set */
    LOCK_ACQUIRED = 0,
    LOCK_BUSY = 1,     /* a live process holds it; its PID is reported */
};

/* What lock_acquire/lock_check found on the way (for the caller's log lines
 * "Removed stale lock on %s (pid %d)" and "Device %s is locked by pid %d"). */
struct lock_info {
    pid_t holder;      /* live holder when LOCK_BUSY, else 0 */
    pid_t stale_pid;   /* PID of a stale lock that was removed, else 0 */
    bool stale_garbage; /* a lock with empty or unparsable content was removed */
};

/* Build the lock path for a device ("/dev/ttyS0", "ttyS0") in dir (NULL =
 * LOCK_DEFAULT_DIR). Returns -1 (ENAMETOOLONG) when it does not fit. */
int lock_path(char *out, size_t outlen, const char *dir, const char *device);

/* Take the lock for ourselves (getpid()). A lock already holding our own PID
 * counts as acquired. */
enum lock_status lock_acquire(struct lock_handle *h, const char *dir, const char *device,
                              struct lock_info *info);
/* Is there a valid foreign lock? Removes a stale one. Returns LOCK_BUSY with
 * info->holder set, LOCK_ACQUIRED meaning "no foreign lock exists" (none, a
 * stale one just removed, or one holding our own PID), or LOCK_ERROR. */
enum lock_status lock_check(const char *dir, const char *device, struct lock_info *info);
/* Wait (polling every poll_ms) until no valid foreign lock exists, at most
 * timeout_ms (negative: forever). Returns 0 when free, 1 on timeout, -1 on error. */
int lock_wait_free(const char *dir, const char *device, int timeout_ms, int poll_ms);
/* Rewrite the PID in a held lock (after fork, as pppd's relock()); replaced
 * atomically with rename(). Fails with ESTALE (and clears held) when the lock
 * is gone or names another process, EINVAL when not held. */
int lock_relock(struct lock_handle *h, pid_t pid);
/* Remove the lock if held, only when it still holds our PID (getpid() or
 * h->pid); a lock that now names another process is left alone. */
int lock_release(struct lock_handle *h);
/* Read the PID stored in a lock file: >0 PID, 0 unreadable/garbage, -1 no file. */
pid_t lock_read_pid(const char *path);
/* Parse lock file content: exactly 4 bytes holding a NUL are a native int
 * (at most 4194304, Linux's PID_MAX_LIMIT, whose high byte is always zero);
 * anything else is ASCII: leading blanks, decimal digits, then end, white
 * space or NUL, anything after that ignored (minicom appends its name).
 * >0 the PID, 0 garbage. */
pid_t lock_parse_pid(const void *data, size_t len);

#endif
