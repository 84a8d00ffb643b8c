/* demand: the dormant interface, the wait for traffic, the queue (demand.h). */
#include "demand.h"

#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "common/log.h"
#include "pppd-lite/daemon.h"
#include "pppd-lite/datapath/iprewrite.h"
#include "pppd-lite/sys/netif.h"
#include "pppd-lite/sys/route.h"

#define PLACEHOLDER_LOCAL 0x0a404040u    /* 10.64.64.64 + unit, pppd ipcp.c */
#define PLACEHOLDER_REMOTE 0x0a707070u   /* 10.112.112.112 + unit */

static const char *ipstr(uint32_t a, char buf[INET_ADDRSTRLEN])
{
    struct in_addr ia = { .s_addr = htonl(a) };
    return inet_ntop(AF_INET, &ia, buf, INET_ADDRSTRLEN);
}

/* The default route via the dormant peer (pppd's ip_demand_conf), taking
 * the place of one in the way with replacedefaultroute. It stays through
 * the calls and between them; only an address change moves it. */
static void demand_add_default(struct daemon *d)
{
    if (!d->o->defaultroute || d->demand_route)
        return;
    if (session_add_default(d, d->demand_remote))
        d->demand_route = true;
}

static void demand_del_default(struct daemon *d)
{
    if (d->demand_route &&
        route_del_default(d->tun.name, d->demand_remote, d->o->defaultroute_metric) < 0 &&
        errno != ESRCH)
        log_warn("default route ioctl(SIOCDELRT): %m");
    d->demand_route = false;
}

/* The dormant addresses on the interface, the peer's host route with a
 * wider netmask, as session_ip_up does for a link. */
static int demand_set_addrs(struct daemon *d)
{
    const char *what = "";
    char a[INET_ADDRSTRLEN];
    if (netif_set_addrs(d->tun.name, d->demand_local, d->demand_remote, d->o->netmask, &what) < 0) {
        log_error("Couldn't set interface address %s (%s): %m", ipstr(d->demand_local, a), what);
        return -1;
    }
    if (d->o->netmask && d->o->netmask != 0xffffffffu &&
        route_add_host(d->tun.name, d->demand_remote) < 0 && errno != EEXIST)
        log_warn("Couldn't add a host route to %s: %m", ipstr(d->demand_remote, a));
    return 0;
}

int demand_setup(struct daemon *d)
{
    const struct ppp_options *o = d->o;
    if (d->tun.fd >= 0) {
        /* between calls: the interface keeps the last call's addresses and
         * routes (pppd's ipcp_down leaves them in demand mode) */
        if (!netif_is_up(d->tun.name) && netif_set_up(d->tun.name, true) < 0) {
            log_error("Couldn't bring %s up: %m", d->tun.name);
            return PPP_EXIT_FATAL;
        }
        return 0;
    }
    int rc = session_create_interface(d);
    if (rc)
        return rc;
    demandq_init(&d->demandq);
    uint32_t unit = d->tun.unit > 0 ? (uint32_t)d->tun.unit : 0;
    d->demand_local = o->local_ip ? o->local_ip : PLACEHOLDER_LOCAL + unit;
    d->demand_remote = o->remote_ip ? o->remote_ip : PLACEHOLDER_REMOTE + unit;
    /* pppd: the peer may replace a placeholder; ours is not asked for
     * (the engine asks for 0.0.0.0 when it has no address of its own) */
    if (!o->remote_ip) {
        d->settings.ipcp.remote_addr = d->demand_remote;
        d->settings.ipcp.accept_remote = true;
        engine_set_ipcp(d->e, &d->settings.ipcp);
    }
    if (demand_set_addrs(d) < 0)
        return PPP_EXIT_FATAL;
    session_ip_pre_up(d, d->demand_local, d->demand_remote);
    if (netif_set_up(d->tun.name, true) < 0) {
        log_error("Couldn't bring %s up: %m", d->tun.name);
        return PPP_EXIT_FATAL;
    }
    demand_add_default(d);
    return 0;
}

int demand_ip_up(struct daemon *d, const struct engine_ip_params *ip)
{
    char a[INET_ADDRSTRLEN];
    d->demand_rewrite_from = 0;
    if (ip->local == d->demand_local && ip->remote == d->demand_remote)
        return 0;
    /* pppd ipcp_up, demand: routes off, new addresses, routes back, said */
    demand_del_default(d);
    if (ip->local != d->demand_local) {
        log_warn("Local IP address changed to %s", ipstr(ip->local, a));
        script_env_set(&d->env, "OLDIPLOCAL", ipstr(d->demand_local, a));
        d->demand_rewrite_from = d->demand_local;   /* the queue's packets carry it */
    }
    if (ip->remote != d->demand_remote) {
        log_warn("Remote IP address changed to %s", ipstr(ip->remote, a));
        script_env_set(&d->env, "OLDIPREMOTE", ipstr(d->demand_remote, a));
    }
    d->demand_local = ip->local;
    d->demand_remote = ip->remote;
    /* the next call asks for what this one agreed, as pppd's wantoptions */
    if (d->settings.ipcp.local_addr)
        d->settings.ipcp.local_addr = ip->local;
    d->settings.ipcp.remote_addr = ip->remote;
    engine_set_ipcp(d->e, &d->settings.ipcp);
    if (demand_set_addrs(d) < 0)
        return -1;
    demand_add_default(d);
    return 0;
}

void demand_cleanup(struct daemon *d)
{
    demand_del_default(d);
    session_restore_default(d);
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
    static uint8_t buf[DEMANDQ_PKT_MAX];
    const uint8_t *pkt;
    size_t n;
    uint64_t sent = 0;
    char what[96];
    /* what the host sent while the call was set up waited in the TUN's own
     * queue (nobody reads it during the connect script, LCP and auth): it
     * joins ours, through pass-filter and the bound, oldest dropped */
    while ((n = tun_recv(&d->tun, DEMANDQ_PKT_MAX, &pkt)) > 0)
        dormant_packet(d, pkt, n);
    while (demandq_pop(&d->demandq, &pkt, &n)) {
        uint16_t proto = (pkt[0] >> 4) == 6 ? PPP_PROTO_IPV6 : PPP_PROTO_IP;
        if (proto == PPP_PROTO_IPV6 && !engine_ipv6_ready(d->e))
            continue;   /* no IPv6CP: as the loop, not sent */
        if (proto == PPP_PROTO_IP && d->demand_rewrite_from) {
            /* sent from the address the interface had: pppd's demand_rexmit
             * gives it the new one, so the answer finds us */
            memcpy(buf, pkt, n);
            pkt = buf;
            if (iprewrite_source(buf, n, d->demand_rewrite_from, d->ip.local) == IPREWRITE_DONE) {
                iprewrite_describe(buf, n, what, sizeof(what));
                log_info("Open %s", what);
            }
        }
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
