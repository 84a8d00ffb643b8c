/* ctlsock: the control socket's transport (RUNDIR/pppd-lite/IFNAME.sock),
 * served by the daemon's one poll loop: a listening unix socket, mode 0600,
 * and at most CTL_MAX_CLIENTS non-blocking clients, each with a bounded
 * request and reply buffer (allocated when the client connects) and a
 * deadline, so a slow or stuck client can never stall the link. Requests
 * go to a handler that writes the reply; a malformed or oversized request
 * gets an error line and the client is closed. */
#ifndef PPPD_LITE_SYS_CTLSOCK_H
#define PPPD_LITE_SYS_CTLSOCK_H

#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#include "pppd-lite/sys/ctlproto.h"

#define CTL_MAX_CLIENTS 8
#define CTL_CLIENT_TIMEOUT_MS 5000
#define CTL_POLLFDS (1 + CTL_MAX_CLIENTS)

/* A reply being written by a handler; output past cap is cut and marked. */
struct ctl_out {
    char *buf;
    size_t cap, len;
    bool overflow;
};
void ctl_out_printf(struct ctl_out *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Write the reply to req (its "key value" lines and its final ok/error line). */
typedef void (*ctl_handler)(void *ctx, const struct ctl_request *req, struct ctl_out *out);

struct ctl_client;

struct ctlsock {
    int fd;                         /* -1: not open */
    char path[108];                 /* sizeof(sun_path): nothing longer can be bound */
    ctl_handler handler;
    void *ctx;
    struct ctl_client *clients[CTL_MAX_CLIENTS];
    int poll_i[CTL_POLLFDS];        /* pollfd index of the listener and each client */
};

void ctlsock_init(struct ctlsock *c, ctl_handler h, void *ctx);
/* Create DIR/pppd-lite/NAME.sock (the folder made 0755 if missing): 0, or -1
 * with errno. Does nothing when already open. */
int ctlsock_open(struct ctlsock *c, const char *run_dir, const char *name);
/* Close every client and the listener, and remove the socket file. */
void ctlsock_close(struct ctlsock *c);
/* Add the listener and clients to pfd (room for CTL_POLLFDS); returns how
 * many were added. */
int ctlsock_poll_fds(struct ctlsock *c, struct pollfd *pfd, int base);
/* Earliest client deadline (monotonic ms), UINT64_MAX when none. */
uint64_t ctlsock_deadline(const struct ctlsock *c);
/* After poll: accept, read, answer, write, drop clients past their deadline. */
void ctlsock_service(struct ctlsock *c, const struct pollfd *pfd, uint64_t now);

#endif
