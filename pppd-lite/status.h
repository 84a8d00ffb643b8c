/* status: what the control socket answers (ctlproto.h), from the daemon's
 * state and the engine's accessors: the status report's fields, and the
 * terminate (plain or admin-reset), hangup, debug and session-timeout
 * requests. */
#ifndef PPPD_LITE_STATUS_H
#define PPPD_LITE_STATUS_H

#include "pppd-lite/sys/ctlsock.h"

struct daemon;

/* The ctl_handler for a struct daemon. */
void status_handle(void *ctx, const struct ctl_request *req, struct ctl_out *out);
/* Open the daemon's control socket once its interface has a name; a
 * failure is logged and the link goes on without one. */
void status_socket_open(struct daemon *d);

/* The first network protocol is up: with up_sdnotify, tell systemd. */
void status_link_up(struct daemon *d);

#endif
