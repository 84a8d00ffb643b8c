/* status: what the control socket answers (ctlproto.h), from the daemon's
 * state and the engine's accessors: the status report's fields, and the
 * terminate, hangup and debug requests. */
#ifndef PPPD_LITE_STATUS_H
#define PPPD_LITE_STATUS_H

#include "pppd-lite/sys/ctlsock.h"

struct daemon;

/* The ctl_handler for a struct daemon. */
void status_handle(void *ctx, enum ctl_command cmd, struct ctl_out *out);
/* Open the daemon's control socket once its interface has a name; a
 * failure is logged and the link goes on without one. */
void status_socket_open(struct daemon *d);

/* The first network protocol is up: with up_sdnotify, tell systemd. */
void status_link_up(struct daemon *d);

#endif
