/* radworker: the RADIUS helper process. It owns the radcli handle and does
 * the blocking exchanges (rc_aaa_ctx_server waits seconds for a dead
 * server), so the event loop never does: the loop writes radmsg requests to
 * a socketpair and reads the replies when poll says they are there. */
#ifndef PPPD_LITE_RADWORKER_H
#define PPPD_LITE_RADWORKER_H

#include <stddef.h>
#include <sys/types.h>

/* Read a radcli configuration: file, or "" for the default
 * /etc/radcli/radiusclient.conf then /etc/radiusclient/radiusclient.conf.
 * Returns the handle (rc_handle *) or NULL with err filled in. */
void *radworker_load_config(const char *file, char *err, size_t errlen);
/* How long to wait at exit: two requests' worth of timeout x tries x servers, in ms. */
int radworker_wait_ms(void *rh);
/* NULL, or what this radcli cannot do that it should (Message-Authenticator). */
const char *radworker_security_gap(void);
/* Fork the helper with a handle from radworker_load_config; *fd is the
 * loop's end of the socketpair (nonblocking, close-on-exec). -1 on error. */
pid_t radworker_start(void *rh, int *fd);
/* The helper's body: answer requests on fd until it closes. */
int radworker_serve(void *rh, int fd);

#endif
