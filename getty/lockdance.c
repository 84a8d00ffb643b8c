/* lockdance: the UUCP lock protocol between getty and dial-out programs. */
#include "lockdance.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common/log.h"

void gdance_init(struct gdance *d, const char *dir, const char *device)
{
    memset(d, 0, sizeof *d);
    d->dir = dir;
    d->device = device;
}

static void note_stale(const struct lock_info *info)
{
    if (info->stale_pid > 0)
        log_notice("stale lockfile, created by process %d, removed", (int)info->stale_pid);
}

int gdance_wait_free(struct gdance *d, int poll_ms)
{
    struct lock_info info;
    bool told = false;

    for (;;) {
        memset(&info, 0, sizeof info);
        enum lock_status st = lock_check(d->dir, d->device, &info);
        note_stale(&info);
        if (st == LOCK_ERROR) {
            log_error("cannot check lock for %s: %s", d->device, strerror(errno));
            return -1;
        }
        if (st != LOCK_BUSY)
            return 0;
        if (!told) {
            log_notice("line %s locked by pid %d, waiting", d->device, (int)info.holder);
            told = true;
        }
        usleep((useconds_t)poll_ms * 1000);
    }
}

int gdance_take(struct gdance *d, pid_t *holder)
{
    struct lock_info info;
    enum lock_status st;

    memset(&info, 0, sizeof info);
    st = lock_acquire(&d->h, d->dir, d->device, &info);
    note_stale(&info);
    if (st == LOCK_ACQUIRED) {
        log_debug("lock made");
        return 0;
    }
    if (st == LOCK_BUSY) {
        if (holder)
            *holder = info.holder;
        return 1;
    }
    log_error("cannot lock %s: %s", d->device, strerror(errno));
    return -1;
}

void gdance_release(struct gdance *d)
{
    if (d->h.held) {
        log_debug("removing lock file");
        lock_release(&d->h);
    }
}

enum gdance_wake gdance_wait_input(int fd, int timeout_ms)
{
    struct pollfd pfd = { .fd = fd, .events = POLLIN };

    for (;;) {
        int r = poll(&pfd, 1, timeout_ms);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return GDANCE_HANGUP;
        if (r == 0)
            return GDANCE_TIMEOUT;
        if (pfd.revents & POLLIN)
            return GDANCE_INPUT;
        return GDANCE_HANGUP;
    }
}

int gdance_claim_after_input(struct gdance *d, pid_t *holder)
{
    struct lock_info info;
    enum lock_status st;

    memset(&info, 0, sizeof info);
    st = lock_check(d->dir, d->device, &info);
    note_stale(&info);
    if (st == LOCK_ERROR) {
        log_error("cannot check lock for %s: %s", d->device, strerror(errno));
        return -1;
    }
    if (st == LOCK_BUSY) {
        if (holder)
            *holder = info.holder;
        return 1;
    }
    return gdance_take(d, holder);
}

void gdance_holder_cmdline(pid_t pid, char *out, size_t outlen)
{
    char path[64];
    int fd;
    ssize_t n;

    if (outlen == 0)
        return;
    snprintf(out, outlen, "pid %d", (int)pid);
    snprintf(path, sizeof path, "/proc/%d/cmdline", (int)pid);
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    n = read(fd, out, outlen - 1);
    close(fd);
    if (n <= 0) {
        snprintf(out, outlen, "pid %d", (int)pid);
        return;
    }
    for (ssize_t i = 0; i < n; i++)
        if (out[i] == '\0' || (unsigned char)out[i] < 0x20)
            out[i] = ' ';
    while (n > 0 && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
}
