/* radglue: the daemon's use of the RADIUS client (pppd-lite/radius/): the
 * helper started with the daemon, its descriptor in the poll loop, the
 * credential checks handed out by the engine and their verdicts handed back,
 * accounting at IP up, every interim interval and the link's end. */
#ifndef PPPD_LITE_RADGLUE_H
#define PPPD_LITE_RADGLUE_H

#include <stdbool.h>
#include <stdint.h>

struct daemon;

/* With `plugin radius.so`: read the configuration and start the helper.
 * 0, or pppd's exit status for a configuration that cannot work. */
int radglue_open(struct daemon *d);
/* The loop: the fd to poll for reading (-1 none), the next timer (UINT64_MAX
 * none) and the work when either is due. */
int radglue_fd(const struct daemon *d);
uint64_t radglue_deadline(const struct daemon *d);
void radglue_run(struct daemon *d, bool readable);
/* engine_env.verify with RADIUS: hand the peer's credentials to the server;
 * the verdict comes back through engine_verify_done_text. */
struct engine_verify_request;
struct secret_match;
int radglue_verify(void *ctx, const struct engine_verify_request *req, struct secret_match *m);
/* IP is up (Start) / the link is over with this pppd exit status (Stop). */
void radglue_ip_up(struct daemon *d);
void radglue_link_finished(struct daemon *d, int status);
/* The link is ending by an administrator's reset (RFC 5176 Disconnect):
 * its Stop carries Acct-Terminate-Cause Admin-Reset. */
void radglue_admin_reset(struct daemon *d);
/* Wait for the Stop's answer (or spool it), stop the helper. */
void radglue_close(struct daemon *d);

#endif
