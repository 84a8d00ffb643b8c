/* lock: UUCP lock files shared with mgetty, pppd, minicom and cu (see lock.h).
 *
 * Creation is atomic as in mgetty: the full content goes into a temporary
 * file LTMP.<pid> in the lock directory, which is then link()ed to the lock
 * name, so no other program ever sees a half-written lock. link() fails with
 * EEXIST when a lock exists; we then read it and decide: ours, a live foreign
 * holder, or stale (dead PID, or content nobody could have meant as a PID). */
#include "common/lock.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/buf.h"

#define LOCK_PREFIX "LCK.."
#define LOCK_TEMP_PREFIX "LTMP."
#define LOCK_READ_MAX 128      /* a valid lock is 11 bytes; minicom adds its name and user */
#define LOCK_RETRIES 8         /* stale lock removed, then raced by someone else: try again */
#define LOCK_MODE 0644
#define LOCK_PID_MAX_LIMIT (1 << 22)   /* Linux PID_MAX_LIMIT: no PID is larger */

/* What an existing lock file turned out to be. */
enum lock_found {
    FOUND_ERROR = -1,
    FOUND_NONE,        /* no lock file (any more) */
    FOUND_REMOVED,     /* stale or garbage lock removed */
    FOUND_OURS,        /* holds getpid() */
    FOUND_BUSY,        /* live foreign holder in info->holder */
};

static const char *dev_basename(const char *device)
{
    const char *slash = strrchr(device, '/');
    return slash ? slash + 1 : device;
}

int lock_path(char *out, size_t outlen, const char *dir, const char *device)
{
    if (!out || !device) {
        errno = EINVAL;
        return -1;
    }
    if (!dir)
        dir = LOCK_DEFAULT_DIR;
    const char *base = dev_basename(device);
    if (*base == '\0' || *dir == '\0') {
        errno = EINVAL;
        return -1;
    }
    /* The file name itself must fit in one directory entry. */
    if (strlen(LOCK_PREFIX) + strlen(base) > NAME_MAX) {
        errno = ENAMETOOLONG;
        return -1;
    }
    int n = snprintf(out, outlen, "%s/" LOCK_PREFIX "%s", dir, base);
    if (n < 0 || (size_t)n >= outlen) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}

/* The temporary file for lock_path's result: LTMP.<pid> in the same directory. */
static int temp_path(char *out, size_t outlen, const char *lockpath)
{
    const char *slash = strrchr(lockpath, '/');
    int dirlen = slash ? (int)(slash - lockpath) : 1;
    const char *dir = slash ? lockpath : ".";
    int n = snprintf(out, outlen, "%.*s/" LOCK_TEMP_PREFIX "%d", dirlen, dir, (int)getpid());
    if (n < 0 || (size_t)n >= outlen) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}

static bool is_blank(int c)
{
    return c == ' ' || c == '\t';
}

static bool ends_number(int c)
{
    return c < 0 || c == '\0' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* ASCII PID: blanks, digits, then end, white space or NUL. 0 when not that. */
static pid_t parse_ascii(const void *data, size_t len)
{
    struct buf_reader r;
    buf_reader_init(&r, data, len);
    while (is_blank(buf_peek_u8(&r, 0)))
        buf_skip(&r, 1);
    int64_t v = 0;
    int digits = 0;
    for (int c = buf_peek_u8(&r, 0); c >= '0' && c <= '9'; c = buf_peek_u8(&r, 0)) {
        buf_skip(&r, 1);
        v = v * 10 + (c - '0');
        if (v > INT32_MAX)
            return 0;
        digits++;
    }
    if (digits == 0 || !ends_number(buf_peek_u8(&r, 0)))
        return 0;
    return (pid_t)v;
}

pid_t lock_parse_pid(const void *data, size_t len)
{
    if (!data)
        return 0;
    /* Old binary locks: a native int and nothing else. Any PID up to Linux's
     * PID_MAX_LIMIT has a zero high byte, and text locks hold no NUL, so four
     * bytes with a NUL are binary and four without are text ("123\n"). */
    if (len == sizeof(int32_t) && memchr(data, '\0', len)) {
        struct buf_reader r;
        int32_t v = 0;
        buf_reader_init(&r, data, len);
        buf_get_bytes(&r, &v, sizeof v);
        return v > 0 && v <= LOCK_PID_MAX_LIMIT ? (pid_t)v : 0;
    }
    return parse_ascii(data, len);
}

/* Read a lock file without following a symlink. Returns -1 with errno on
 * failure (ENOENT: no lock), else 0 with *pid (0 for garbage) and the
 * identity of the file read in *st. */
static int read_lock(const char *path, pid_t *pid, struct stat *st)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return -1;
    int bad = fstat(fd, st) < 0 ? errno : S_ISREG(st->st_mode) ? 0 : EINVAL;
    if (bad) {
        close(fd);
        errno = bad;
        return -1;
    }
    unsigned char data[LOCK_READ_MAX];
    size_t len = 0;
    while (len < sizeof data) {
        ssize_t n = read(fd, data + len, sizeof data - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            close(fd);
            errno = e;
            return -1;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    close(fd);
    *pid = lock_parse_pid(data, len);
    return 0;
}

pid_t lock_read_pid(const char *path)
{
    pid_t pid;
    struct stat st;
    if (read_lock(path, &pid, &st) < 0)
        return errno == ENOENT ? -1 : 0;
    return pid;
}

/* Remove path only if it is still the file we read (same device and inode),
 * so a lock that another program made after removing the same stale lock
 * survives. 1 removed, 0 already gone or replaced, -1 error. */
static int remove_if_same(const char *path, const struct stat *seen)
{
    struct stat now;
    if (lstat(path, &now) < 0)
        return errno == ENOENT ? 0 : -1;
    if (now.st_dev != seen->st_dev || now.st_ino != seen->st_ino)
        return 0;
    if (unlink(path) < 0)
        return errno == ENOENT ? 0 : -1;
    return 1;
}

static bool pid_alive(pid_t pid)
{
    /* EPERM means it exists but belongs to someone else: alive. */
    return kill(pid, 0) == 0 || errno != ESRCH;
}

static enum lock_found inspect(const char *path, struct lock_info *info)
{
    pid_t pid;
    struct stat st;
    if (read_lock(path, &pid, &st) < 0)
        return errno == ENOENT ? FOUND_NONE : FOUND_ERROR;
    if (pid == getpid())
        return FOUND_OURS;
    if (pid > 0 && pid_alive(pid)) {
        info->holder = pid;
        return FOUND_BUSY;
    }
    int r = remove_if_same(path, &st);
    if (r < 0)
        return FOUND_ERROR;
    if (r > 0) {
        if (pid > 0)
            info->stale_pid = pid;
        else
            info->stale_garbage = true;
    }
    return FOUND_REMOVED;
}

static int write_all(int fd, const char *p, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Write "%10d\n" with pid into a fresh temp file at tmp, mode 0644 whatever
 * the umask. A leftover temp with our PID can only be from a dead process
 * that had our PID before (we are single-threaded), so it is replaced. */
static int write_temp(const char *tmp, pid_t pid)
{
    int fd = -1;
    for (int tries = 0; tries < 2 && fd < 0; tries++) {
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, LOCK_MODE);
        if (fd < 0 && (errno != EEXIST || unlink(tmp) < 0))
            return -1;
    }
    if (fd < 0)
        return -1;
    char text[16];
    int n = snprintf(text, sizeof text, "%10d\n", (int)pid);
    if (fchmod(fd, LOCK_MODE) < 0 || write_all(fd, text, (size_t)n) < 0) {
        int e = errno;
        close(fd);
        unlink(tmp);
        errno = e;
        return -1;
    }
    if (close(fd) < 0) {
        int e = errno;
        unlink(tmp);
        errno = e;
        return -1;
    }
    return 0;
}

static void info_clear(struct lock_info *info)
{
    info->holder = 0;
    info->stale_pid = 0;
    info->stale_garbage = false;
}

static void unlink_keep_errno(const char *path)
{
    int e = errno;
    unlink(path);
    errno = e;
}

enum lock_status lock_acquire(struct lock_handle *h, const char *dir, const char *device,
                              struct lock_info *info)
{
    struct lock_info scratch;
    if (!info)
        info = &scratch;
    info_clear(info);
    h->held = false;
    h->pid = 0;
    if (lock_path(h->path, sizeof h->path, dir, device) < 0)
        return LOCK_ERROR;
    char tmp[PATH_MAX];
    pid_t me = getpid();
    if (temp_path(tmp, sizeof tmp, h->path) < 0 || write_temp(tmp, me) < 0)
        return LOCK_ERROR;
    for (int i = 0; i < LOCK_RETRIES; i++) {
        if (link(tmp, h->path) == 0)
            goto acquired;
        if (errno != EEXIST) {
            unlink_keep_errno(tmp);
            return LOCK_ERROR;
        }
        switch (inspect(h->path, info)) {
        case FOUND_OURS:
            goto acquired;
        case FOUND_BUSY:
            unlink(tmp);
            return LOCK_BUSY;
        case FOUND_ERROR:
            unlink_keep_errno(tmp);
            return LOCK_ERROR;
        case FOUND_NONE:
        case FOUND_REMOVED:
            break;
        }
    }
    unlink(tmp);
    errno = EAGAIN;
    return LOCK_ERROR;
acquired:
    unlink(tmp);
    h->held = true;
    h->pid = me;
    return LOCK_ACQUIRED;
}

enum lock_status lock_check(const char *dir, const char *device, struct lock_info *info)
{
    struct lock_info scratch;
    if (!info)
        info = &scratch;
    info_clear(info);
    char path[PATH_MAX];
    if (lock_path(path, sizeof path, dir, device) < 0)
        return LOCK_ERROR;
    switch (inspect(path, info)) {
    case FOUND_BUSY:
        return LOCK_BUSY;
    case FOUND_ERROR:
        return LOCK_ERROR;
    default:
        return LOCK_ACQUIRED;
    }
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(int64_t ms)
{
    struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000 };
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

int lock_wait_free(const char *dir, const char *device, int timeout_ms, int poll_ms)
{
    if (poll_ms <= 0)
        poll_ms = 1000;
    int64_t deadline = now_ms() + timeout_ms;
    for (;;) {
        switch (lock_check(dir, device, NULL)) {
        case LOCK_ERROR:
            return -1;
        case LOCK_ACQUIRED:
            return 0;
        case LOCK_BUSY:
            break;
        }
        int64_t wait = poll_ms;
        if (timeout_ms >= 0) {
            int64_t left = deadline - now_ms();
            if (left <= 0)
                return 1;
            if (wait > left)
                wait = left;
        }
        sleep_ms(wait);
    }
}

/* Does the lock at h->path still name us? 1 yes, 0 no (or gone), -1 error. */
static int still_ours(const struct lock_handle *h)
{
    pid_t pid;
    struct stat st;
    if (read_lock(h->path, &pid, &st) < 0)
        return errno == ENOENT ? 0 : -1;
    return pid > 0 && (pid == h->pid || pid == getpid());
}

int lock_relock(struct lock_handle *h, pid_t pid)
{
    if (!h->held || pid <= 0) {
        errno = EINVAL;
        return -1;
    }
    int r = still_ours(h);
    if (r <= 0) {
        if (r == 0) {
            h->held = false;
            errno = ESTALE;
        }
        return -1;
    }
    /* rename() replaces the lock in one step: never a moment without it. */
    char tmp[PATH_MAX];
    if (temp_path(tmp, sizeof tmp, h->path) < 0 || write_temp(tmp, pid) < 0)
        return -1;
    if (rename(tmp, h->path) < 0) {
        unlink_keep_errno(tmp);
        return -1;
    }
    h->pid = pid;
    return 0;
}

int lock_release(struct lock_handle *h)
{
    if (!h->held)
        return 0;
    int r = still_ours(h);
    if (r < 0)
        return -1;
    h->held = false;
    if (r > 0 && unlink(h->path) < 0 && errno != ENOENT)
        return -1;
    return 0;
}
