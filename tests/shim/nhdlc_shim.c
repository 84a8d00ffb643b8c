/* nhdlc_shim: for the tests only, an LD_PRELOAD library that gives rp-pppoe's
 * `pppoe -s` the N_HDLC line discipline this test kernel lacks (real hosts
 * have it: modprobe n_hdlc).
 *
 * pppoe -s sets N_HDLC on its pty (TIOCSETD) and then takes each read() for
 * one frame; its writes are frames already. Here TIOCSETD to N_HDLC on a tty
 * succeeds without a kernel change, and a read on that tty returns exactly
 * one frame: its first bytes, then the rest by the length it declares
 * (common/syncframe's measure, the same the daemon's receiver uses). A
 * write goes out whole: N_HDLC keeps a frame in its own buffers when the pty
 * is full, where a plain tty would take part of it or say EAGAIN, which
 * pppoe -s (its stdout non-blocking) takes for fatal; the shim waits for
 * room instead. */
#include <dlfcn.h>
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <termios.h>
#include <unistd.h>

#include "common/syncframe.h"

#ifndef N_HDLC
#define N_HDLC 13
#endif
#define MAX_FDS 64
#define FIRST 6          /* no frame of ours is shorter (IPCP with ACFC: 2 + 4) */
#define FRAME_MAX 70000

static unsigned char hdlc_fd[MAX_FDS];
static unsigned char frame[FRAME_MAX];

static ssize_t (*real_read_fn)(int, void *, size_t);

static ssize_t real_read(int fd, void *buf, size_t n)
{
    if (!real_read_fn)
        real_read_fn = (ssize_t (*)(int, void *, size_t))dlsym(RTLD_NEXT, "read");
    return real_read_fn(fd, buf, n);
}

int ioctl(int fd, unsigned long req, ...)
{
    static int (*real_ioctl)(int, unsigned long, void *);
    va_list ap;
    va_start(ap, req);
    void *arg = va_arg(ap, void *);
    va_end(ap);
    if (!real_ioctl)
        real_ioctl = (int (*)(int, unsigned long, void *))dlsym(RTLD_NEXT, "ioctl");
    if (req == TIOCSETD && arg && fd >= 0 && fd < MAX_FDS && isatty(fd)) {
        /* a line discipline belongs to the tty: every fd open on it */
        int disc = *(int *)arg;
        struct stat st, o;
        if (fstat(fd, &st) == 0)
            for (int i = 0; i < MAX_FDS; i++)
                if (fstat(i, &o) == 0 && S_ISCHR(o.st_mode) && o.st_rdev == st.st_rdev)
                    hdlc_fd[i] = disc == N_HDLC;
        if (disc == N_HDLC)
            return 0;
    }
    return real_ioctl(fd, req, arg);
}

/* Read until n bytes are in (a blocking or non-blocking tty alike). */
static int read_exact(int fd, unsigned char *p, size_t n)
{
    while (n) {
        ssize_t r = real_read(fd, p, n);
        if (r > 0) {
            p += r;
            n -= (size_t)r;
        } else if (r == 0) {
            return -1;
        } else if (errno == EAGAIN) {
            struct pollfd pf = { .fd = fd, .events = POLLIN };
            poll(&pf, 1, -1);
        } else if (errno != EINTR) {
            return -1;
        }
    }
    return 0;
}

/* One whole frame into frame[]; its length, or -1 with errno. */
static ssize_t read_frame(int fd)
{
    ssize_t r = real_read(fd, frame, FIRST);   /* blocks (or EAGAINs) as the tty does */
    if (r <= 0)
        return r;
    size_t have = (size_t)r;
    for (;;) {
        size_t m = syncframe_measure(frame, have);
        if (m == SYNCFRAME_MORE) {   /* at most SYNCFRAME_PEEK bytes in all */
            if (read_exact(fd, frame + have, 1) < 0)
                return -1;
            have++;
            continue;
        }
        if (m == SYNCFRAME_NOLEN) {   /* no length: the frame is what is there now */
            struct pollfd pf = { .fd = fd, .events = POLLIN };
            if (poll(&pf, 1, 0) == 1 && (pf.revents & POLLIN)) {
                r = real_read(fd, frame + have, sizeof(frame) - have);
                if (r > 0)
                    have += (size_t)r;
            }
            return (ssize_t)have;
        }
        if (m > sizeof(frame))
            m = sizeof(frame);
        if (m > have && read_exact(fd, frame + have, m - have) < 0)
            return -1;
        return (ssize_t)m;   /* a first read longer than the frame cannot be: FIRST is a minimum */
    }
}

static ssize_t (*real_writev_fn)(int, const struct iovec *, int);

/* Write all of a frame, waiting for room (see the top). */
static ssize_t write_frame(int fd, const struct iovec *iov, int cnt)
{
    unsigned char out[FRAME_MAX];
    size_t len = 0;
    for (int i = 0; i < cnt; i++) {
        if (iov[i].iov_len > sizeof(out) - len) {
            errno = EMSGSIZE;
            return -1;
        }
        memcpy(out + len, iov[i].iov_base, iov[i].iov_len);
        len += iov[i].iov_len;
    }
    if (!real_writev_fn)
        real_writev_fn = (ssize_t (*)(int, const struct iovec *, int))dlsym(RTLD_NEXT, "writev");
    size_t done = 0;
    while (done < len) {
        struct iovec one = { .iov_base = out + done, .iov_len = len - done };
        ssize_t r = real_writev_fn(fd, &one, 1);
        if (r > 0) {
            done += (size_t)r;
        } else if (r < 0 && errno == EAGAIN) {
            struct pollfd pf = { .fd = fd, .events = POLLOUT };
            poll(&pf, 1, 1000);
        } else if (!(r < 0 && errno == EINTR)) {
            return done ? (ssize_t)done : -1;
        }
    }
    return (ssize_t)len;
}

ssize_t write(int fd, const void *buf, size_t n)
{
    static ssize_t (*real_write)(int, const void *, size_t);
    if (fd < 0 || fd >= MAX_FDS || !hdlc_fd[fd]) {
        if (!real_write)
            real_write = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
        return real_write(fd, buf, n);
    }
    struct iovec one = { .iov_base = (void *)buf, .iov_len = n };
    return write_frame(fd, &one, 1);
}

ssize_t writev(int fd, const struct iovec *iov, int cnt)
{
    if (fd < 0 || fd >= MAX_FDS || !hdlc_fd[fd]) {
        if (!real_writev_fn)
            real_writev_fn =
                (ssize_t (*)(int, const struct iovec *, int))dlsym(RTLD_NEXT, "writev");
        return real_writev_fn(fd, iov, cnt);
    }
    return write_frame(fd, iov, cnt);
}

ssize_t read(int fd, void *buf, size_t n)
{
    if (fd < 0 || fd >= MAX_FDS || !hdlc_fd[fd])
        return real_read(fd, buf, n);
    ssize_t len = read_frame(fd);
    if (len <= 0)
        return len;
    if ((size_t)len > n) {   /* as N_HDLC: a frame larger than the buffer fails */
        errno = EOVERFLOW;
        return -1;
    }
    memcpy(buf, frame, (size_t)len);
    return len;
}

ssize_t readv(int fd, const struct iovec *iov, int cnt)
{
    static ssize_t (*real_readv)(int, const struct iovec *, int);
    if (!real_readv)
        real_readv = (ssize_t (*)(int, const struct iovec *, int))dlsym(RTLD_NEXT, "readv");
    if (fd < 0 || fd >= MAX_FDS || !hdlc_fd[fd])
        return real_readv(fd, iov, cnt);
    ssize_t len = read_frame(fd);
    if (len <= 0)
        return len;
    size_t done = 0;
    for (int i = 0; i < cnt && done < (size_t)len; i++) {
        size_t k = iov[i].iov_len < (size_t)len - done ? iov[i].iov_len : (size_t)len - done;
        memcpy(iov[i].iov_base, frame + done, k);
        done += k;
    }
    return (ssize_t)done;
}
