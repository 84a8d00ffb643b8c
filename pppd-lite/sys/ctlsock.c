/* ctlsock: the control socket's transport (see ctlsock.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "common/log.h"
#include "pppd-lite/sys/ctlsock.h"

struct ctl_client {
    int fd;
    uint64_t deadline;
    bool closing;                   /* close once the reply is out */
    bool draining;                  /* reply out and our side shut: discard until EOF */
    size_t in_len;
    char in[CTL_REQUEST_MAX];
    size_t out_off, out_len;
    char out[CTL_REPLY_MAX];
};

void ctl_out_printf(struct ctl_out *o, const char *fmt, ...)
{
    if (o->overflow)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(o->buf + o->len, o->cap - o->len, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= o->cap - o->len) {
        o->overflow = true;
        return;
    }
    o->len += (size_t)n;
}

void ctlsock_init(struct ctlsock *c, ctl_handler h, void *ctx)
{
    memset(c, 0, sizeof(*c));
    c->fd = -1;
    c->handler = h;
    c->ctx = ctx;
}

int ctlsock_open(struct ctlsock *c, const char *run_dir, const char *name)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    char dir[4096];
    if (c->fd >= 0)
        return 0;
    snprintf(dir, sizeof(dir), "%s/%s", run_dir, CTL_SOCK_SUBDIR);
    if (mkdir(dir, 0755) < 0 && errno != EEXIST)
        return -1;
    int n = snprintf(c->path, sizeof(c->path), "%s/%s.sock", dir, name);
    if (n < 0 || (size_t)n >= sizeof(sa.sun_path)) {
        c->path[0] = '\0';
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(sa.sun_path, c->path, (size_t)n + 1);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    /* a socket left by a pppd-lite that was killed outright: ours now, as
     * the pid file is */
    unlink(c->path);
    mode_t old = umask(0177);       /* born 0600: no window where others may connect */
    int rc = bind(fd, (struct sockaddr *)&sa, sizeof(sa));
    umask(old);
    if (rc < 0 || listen(fd, CTL_MAX_CLIENTS) < 0) {
        int e = errno;
        close(fd);
        c->path[0] = '\0';
        errno = e;
        return -1;
    }
    c->fd = fd;
    return 0;
}

static void drop_client(struct ctlsock *c, int i)
{
    close(c->clients[i]->fd);
    free(c->clients[i]);
    c->clients[i] = NULL;
}

void ctlsock_close(struct ctlsock *c)
{
    for (int i = 0; i < CTL_MAX_CLIENTS; i++)
        if (c->clients[i])
            drop_client(c, i);
    if (c->fd >= 0)
        close(c->fd);
    c->fd = -1;
    if (c->path[0])
        unlink(c->path);
    c->path[0] = '\0';
}

int ctlsock_poll_fds(struct ctlsock *c, struct pollfd *pfd, int base)
{
    int n = 0;
    for (int i = 0; i < CTL_POLLFDS; i++)
        c->poll_i[i] = -1;
    if (c->fd < 0)
        return 0;
    c->poll_i[0] = base + n;
    pfd[n++] = (struct pollfd){ .fd = c->fd, .events = POLLIN };
    for (int i = 0; i < CTL_MAX_CLIENTS; i++) {
        struct ctl_client *cl = c->clients[i];
        if (!cl)
            continue;
        /* a client whose reply is not yet taken sends nothing more: its
         * buffers stay bounded however fast it writes */
        short ev = cl->out_len ? POLLOUT : POLLIN;
        c->poll_i[1 + i] = base + n;
        pfd[n++] = (struct pollfd){ .fd = cl->fd, .events = ev };
    }
    return n;
}

uint64_t ctlsock_deadline(const struct ctlsock *c)
{
    uint64_t next = UINT64_MAX;
    for (int i = 0; i < CTL_MAX_CLIENTS; i++)
        if (c->clients[i] && c->clients[i]->deadline < next)
            next = c->clients[i]->deadline;
    return next;
}

/* An error line for a client we then close. */
static void reply_error(struct ctl_client *cl, const char *why)
{
    int n = snprintf(cl->out + cl->out_len, sizeof(cl->out) - cl->out_len, "error %s\n", why);
    if (n > 0 && (size_t)n < sizeof(cl->out) - cl->out_len)
        cl->out_len += (size_t)n;
    cl->closing = true;
}

static void answer(struct ctlsock *c, struct ctl_client *cl, const char *line, size_t len)
{
    struct ctl_request req;
    const char *err;
    if (!ctl_parse_request(line, len, &req, &err)) {
        char shown[LOG_PRINTABLE_MAX];
        log_debug("control socket: refused request \"%s\"",
                  log_printable(shown, sizeof(shown), line, len));
        reply_error(cl, err);
        return;
    }
    struct ctl_out o = { .buf = cl->out + cl->out_len, .cap = sizeof(cl->out) - cl->out_len };
    c->handler(c->ctx, &req, &o);
    if (o.overflow) {
        /* never a cut reply that reads as complete */
        o.len = 0;
        reply_error(cl, "reply too long");
        return;
    }
    cl->out_len += o.len;
}

/* Each complete line in the input buffer gets its answer. */
static void take_requests(struct ctlsock *c, struct ctl_client *cl, bool eof)
{
    size_t start = 0;
    while (!cl->closing && cl->out_len == 0) {
        char *nl = memchr(cl->in + start, '\n', cl->in_len - start);
        if (!nl)
            break;
        answer(c, cl, cl->in + start, (size_t)(nl - (cl->in + start)));
        start = (size_t)(nl - cl->in) + 1;
    }
    memmove(cl->in, cl->in + start, cl->in_len - start);
    cl->in_len -= start;
    if (cl->closing || cl->out_len)
        return;
    if (cl->in_len == sizeof(cl->in))
        reply_error(cl, "request too long");
    else if (eof && cl->in_len) {
        answer(c, cl, cl->in, cl->in_len);   /* a last request without its newline */
        cl->in_len = 0;
        cl->closing = true;
    } else if (eof)
        cl->closing = true;
}

static void accept_clients(struct ctlsock *c, uint64_t now)
{
    for (;;) {
        int fd = accept4(c->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return;
        int slot = -1;
        for (int i = 0; i < CTL_MAX_CLIENTS && slot < 0; i++)
            if (!c->clients[i])
                slot = i;
        struct ctl_client *cl = slot >= 0 ? malloc(sizeof(*cl)) : NULL;
        if (!cl) {
            static const char busy[] = "error too many clients\n";
            if (write(fd, busy, sizeof(busy) - 1) < 0) {
                /* it will see the close */
            }
            /* take what it already sent, so the close is a plain EOF after
             * our line rather than a reset that may discard it */
            shutdown(fd, SHUT_WR);
            char scratch[256];
            for (int i = 0; i < 4 && read(fd, scratch, sizeof(scratch)) > 0; i++) {
            }
            close(fd);
            continue;
        }
        cl->fd = fd;
        cl->deadline = now + CTL_CLIENT_TIMEOUT_MS;
        cl->closing = cl->draining = false;
        cl->in_len = cl->out_off = cl->out_len = 0;
        c->clients[slot] = cl;
    }
}

/* Returns false when the client is finished. */
static bool serve_client(struct ctlsock *c, struct ctl_client *cl, short re, uint64_t now)
{
    if (cl->draining) {
        char scratch[512];
        ssize_t n = read(cl->fd, scratch, sizeof(scratch));
        return n > 0 || (n < 0 && (errno == EAGAIN || errno == EINTR));
    }
    if (re & POLLIN) {
        ssize_t n = read(cl->fd, cl->in + cl->in_len, sizeof(cl->in) - cl->in_len);
        if (n < 0 && errno != EAGAIN && errno != EINTR)
            return false;
        if (n > 0)
            cl->in_len += (size_t)n;
        take_requests(c, cl, n == 0);
    } else if ((re & (POLLHUP | POLLERR)) && !cl->out_len) {
        return false;
    }
    while (cl->out_len) {
        ssize_t n = write(cl->fd, cl->out + cl->out_off, cl->out_len);
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR)
                break;
            return false;
        }
        cl->out_off += (size_t)n;
        cl->out_len -= (size_t)n;
    }
    if (cl->out_len)
        return true;
    cl->out_off = 0;
    if (cl->closing) {
        /* the client may still be sending (a huge request): it sees our EOF
         * after the error line, and what it sends is read and dropped until
         * it stops or its deadline comes, so its writes never fail before
         * it could read why */
        shutdown(cl->fd, SHUT_WR);
        cl->draining = true;
        return true;
    }
    cl->deadline = now + CTL_CLIENT_TIMEOUT_MS;   /* answered: another request may follow */
    take_requests(c, cl, false);                  /* pipelined ones already read */
    return true;
}

void ctlsock_service(struct ctlsock *c, const struct pollfd *pfd, uint64_t now)
{
    if (c->fd < 0)
        return;
    for (int i = 0; i < CTL_MAX_CLIENTS; i++) {
        struct ctl_client *cl = c->clients[i];
        int pi = c->poll_i[1 + i];
        if (!cl)
            continue;
        short re = pi >= 0 ? pfd[pi].revents : 0;
        if (re && !serve_client(c, cl, re, now)) {
            drop_client(c, i);
            continue;
        }
        if (now >= cl->deadline) {
            log_debug("control socket: client timed out");
            drop_client(c, i);
        }
    }
    if (c->poll_i[0] >= 0 && (pfd[c->poll_i[0]].revents & POLLIN))
        accept_clients(c, now);
}
