/* demand: the dormant interface, the wait for traffic, the queue (demand.h). */
#include "demand.h"

#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <unistd.h>

#include "common/log.h"
#include "pppd-lite/daemon.h"
#include "pppd-lite/sys/netif.h"
#include "pppd-lite/sys/route.h"

#define PLACEHOLDER_LOCAL 0x0a404040u    /* 10.64.64.64 + unit, pppd ipcp.c */
#define PLACEHOLDER_REMOTE 0x0a707070u   /* 10.112.112.112 + unit */

int demand_setup(struct daemon *d)
{
    const struct ppp_options *o = d->o;
    if (d->tun.fd < 0) {
        int rc = session_create_interface(d);
        if (rc)
            return rc;
        demandq_init(&d->demandq);
    }
    uint32_t unit = d->tun.unit > 0 ? (uint32_t)d->tun.unit : 0;
    d->demand_local = o->local_ip ? o->local_ip : PLACEHOLDER_LOCAL + unit;
    d->demand_remote = o->remote_ip ? o->remote_ip : PLACEHOLDER_REMOTE + unit;
    const char *what = "";
    char a[INET_ADDRSTRLEN];
    struct in_addr ia = { .s_addr = htonl(d->demand_local) };
    inet_ntop(AF_INET, &ia, a, sizeof(a));
    if (netif_set_addrs(d->tun.name, d->demand_local, d->demand_remote, o->netmask, &what) < 0) {
        log_error("Couldn't set interface address %s (%s): %m", a, what);
        return PPP_EXIT_FATAL;
    }
    if (netif_set_up(d->tun.name, true) < 0) {
        log_error("Couldn't bring %s up: %m", d->tun.name);
        return PPP_EXIT_FATAL;
    }
    if (o->defaultroute && !route_have_default(o->defaultroute_metric, NULL, 0)) {
        if (route_add_default(d->tun.name, d->demand_remote, o->defaultroute_metric) < 0)
            log_warn("default route ioctl(SIOCADDRT): %m");
        else
            d->demand_route = true;
    }
    return 0;
}

void demand_ip_up(struct daemon *d)
{
    /* the dormant default route makes way for the link's own (session_ip_up) */
    if (d->demand_route &&
        route_del_default(d->tun.name, d->demand_remote, d->o->defaultroute_metric) < 0)
        log_warn("default route ioctl(SIOCDELRT): %m");
    d->demand_route = false;
}

/* One packet read while dormant: pass-filter, queue, and is it a reason to dial? */
static bool dormant_packet(struct daemon *d, const uint8_t *pkt, size_t n)
{
    uint16_t proto = (pkt[0] >> 4) == 6 ? PPP_PROTO_IPV6 : PPP_PROTO_IP;
    if (proto == PPP_PROTO_IPV6 && !d->o->ipv6)
        return false;   /* no IPv6CP will carry it (the kernel's own router solicitations) */
    if (!filter_match(&d->pass_filter, true, proto, pkt, n)) {
        d->filtered_out++;
        return false;
    }
    demandq_push(&d->demandq, pkt, n);
    return filter_match(&d->active_filter, true, proto, pkt, n);
}

int demand_wait(struct daemon *d)
{
    for (;;) {
        if (loop_take_stop(d))
            return d->status;
        d->sig->hup = 0;   /* nothing to hang up */
        struct pollfd p[2] = { { .fd = d->sig->pipe_rd, .events = POLLIN },
                               { .fd = d->tun.fd, .events = POLLIN } };
        if (poll(p, 2, -1) < 0 && errno != EINTR) {
            log_error("poll: %m");
            return PPP_EXIT_FATAL;
        }
        char drain[64];
        while (read(d->sig->pipe_rd, drain, sizeof(drain)) > 0) {
        }
        if (d->sig->chld) {
            d->sig->chld = 0;
            loop_reap_children(d);   /* ip-down of the last call, say */
        }
        bool dial = false;
        const uint8_t *pkt;
        size_t n;
        while ((n = tun_recv(&d->tun, DEMANDQ_PKT_MAX, &pkt)) > 0)
            dial |= dormant_packet(d, pkt, n);
        if (dial)
            return 0;
    }
}

void demand_flush(struct daemon *d)
{
    const uint8_t *pkt;
    size_t n;
    uint64_t sent = 0;
    while (demandq_pop(&d->demandq, &pkt, &n)) {
        uint16_t proto = (pkt[0] >> 4) == 6 ? PPP_PROTO_IPV6 : PPP_PROTO_IP;
        if (proto == PPP_PROTO_IPV6 && !engine_ipv6_ready(d->e))
            continue;   /* no IPv6CP: as the loop, not sent */
        proto = engine_data_encap(d->e, proto, &pkt, &n);   /* VJ, when agreed */
        if (loop_send(d, proto, pkt, n))
            sent++;
    }
    if (sent)
        log_debug("sent %llu packets queued while the link came up", (unsigned long long)sent);
    if (d->demandq.dropped) {
        log_info("demand queue full: dropped %llu oldest packets",
                 (unsigned long long)d->demandq.dropped);
        d->demandq.dropped = 0;
    }
}
