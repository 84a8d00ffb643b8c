/* radglue: the daemon's use of the RADIUS client (see radglue.h). */
#include "pppd-lite/radglue.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/log.h"
#include "pppd-lite/daemon.h"
#include "pppd-lite/sys/privilege.h"
#include "pppd-lite/radius/radius.h"

static void counts(const struct daemon *d, struct radius_counts *c)
{
    const struct engine_counters *k = engine_counters(d->e);
    c->in_octets = d->bytes_rcvd;    /* NAS's view: input is what the peer sent */
    c->out_octets = d->bytes_sent;
    c->in_packets = k->rx_packets;
    c->out_packets = k->tx_packets;
}

int radglue_open(struct daemon *d)
{
    struct radius *r = &d->radius;
    const struct ppp_options *o = d->o;
    if (!o->radius)
        return 0;
    const char *caller = priv_trusted_getenv("CALLER_ID");   /* getty's */
    const char *connect = priv_trusted_getenv("CONNECT");
    if (caller && caller[0] && strcmp(caller, "none") != 0)
        snprintf(r->calling, sizeof(r->calling), "%.127s", caller);
    else
        snprintf(r->calling, sizeof(r->calling), "%.127s", o->ipparam);
    snprintf(r->connect_info, sizeof(r->connect_info), "%.127s", connect ? connect : "");
    for (int i = 0; i < o->n_avpair && i < RADIUS_AVPAIRS_MAX; i++)
        r->avpairs[r->n_avpairs++] = o->avpair[i];
    if (radius_open(r, o->radius_config, o->radius_spool) < 0)
        return PPP_EXIT_FATAL;
    return 0;
}

int radglue_fd(const struct daemon *d)
{
    return radius_fd(&d->radius);
}

uint64_t radglue_deadline(const struct daemon *d)
{
    return radius_deadline(&d->radius);
}

void radglue_run(struct daemon *d, bool readable)
{
    struct radius *r = &d->radius;
    if (readable)
        radius_input(r, d->now);
    if (d->now >= radius_deadline(r)) {
        struct radius_counts c;
        counts(d, &c);
        radius_acct_interim(r, d->now, &c);
    }
}

void radglue_ip_up(struct daemon *d)
{
    d->radius.port = d->tun.unit >= 0 ? (unsigned)d->tun.unit : 0;
    radius_acct_start(&d->radius, d->now, (uint64_t)time(NULL), d->ip.remote);
}

void radglue_link_finished(struct daemon *d, int status)
{
    struct radius_counts c;
    counts(d, &c);
    radius_acct_stop(&d->radius, d->now, (uint64_t)time(NULL), &c, status);
}

void radglue_close(struct daemon *d)
{
    if (d->radius.on || d->radius.pid > 0)
        radius_close(&d->radius);
}
