/* lineio: opening the line, writing to it, and a monotonic clock. */
#include "lineio.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>

int gline_write_all(int fd, const void *p, size_t n)
{
    const char *c = p;

    while (n > 0) {
        ssize_t w = write(fd, c, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN) {
                struct pollfd pfd = { .fd = fd, .events = POLLOUT };
                if (poll(&pfd, 1, 2000) <= 0) {
                    errno = ETIMEDOUT;
                    return -1;
                }
                continue;
            }
            return -1;
        }
        c += w;
        n -= (size_t)w;
    }
    return 0;
}

int gline_open(struct serial_line *line, const char *path, bool blocking)
{
    int fd;

    if (!blocking)
        return serial_open(line, path);
    fd = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    if (serial_adopt(line, fd, path) < 0 || !line->saved_valid) {
        int e = line->fd >= 0 && !line->saved_valid ? ENOTTY : errno;
        close(fd);
        line->fd = -1;
        errno = e;
        return -1;
    }
    line->owns_fd = true;              /* we opened it: serial_close closes it */
    return 0;
}

long gline_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}
