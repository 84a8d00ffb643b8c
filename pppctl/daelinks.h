/* daelinks: the running links as pppctl dae sees them, through their
 * control sockets (client.c): each link's status turned into a
 * struct dae_session, and the request a matched link is sent. */
#ifndef PPPCTL_DAELINKS_H
#define PPPCTL_DAELINKS_H

#include <stdbool.h>
#include <stddef.h>

#include "pppctl/daereq.h"
#include "pppctl/reply.h"

#define DAE_LINKS_MAX 1024
#define DAE_CTL_TIMEOUT_MS 1000   /* a stuck link must not hold the others' requests long */

/* A status reply as a session; false when it lacks the interface name. */
bool dae_session_from_reply(const struct reply *r, struct dae_session *s);
/* Every link that answers its control socket: how many (at most max). */
size_t dae_links_collect(struct dae_session *out, size_t max);
/* Send request (a ctlproto line) to the link; true when it said ok. why
 * says the failure. */
bool dae_link_order(const char *ifname, const char *request, char *why, size_t cap);

#endif
