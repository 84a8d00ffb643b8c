/* engine: phases (RFC 1661 3.2), demultiplexing by protocol, Protocol-Reject,
 * and the public interface. No I/O here: see engine.h. */
#include "engine.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "common/log.h"
#include "pppd-lite/engine_priv.h"
#include "pppd-lite/pktlog.h"

_Static_assert(sizeof(struct engine) <= ENGINE_STORAGE_MAX, "raise ENGINE_STORAGE_MAX");

size_t engine_storage_size(void)
{
    return sizeof(struct engine);
}

const char *engine_phase_name(enum engine_phase p)
{
    static const char *const names[] = { "Dead", "Establish", "Authenticate", "Network",
                                         "Terminate" };
    return (unsigned)p < sizeof(names) / sizeof(names[0]) ? names[p] : "?";
}

struct engine *engine_init(void *storage, size_t size, const struct engine_settings *s,
                           const struct engine_env *env)
{
    struct engine *e = storage;

    if (storage == NULL || size < sizeof(struct engine) ||
        (uintptr_t)storage % alignof(max_align_t) != 0 || s == NULL || env == NULL ||
        env->send == NULL || env->event == NULL || env->random == NULL)
        return NULL;
    memset(e, 0, sizeof(*e));
    e->s = *s;
    e->env = *env;
    e->debug = s->debug;
    e->phase = ENGINE_PHASE_DEAD;
    e->status = ENGINE_EXIT_NEGOTIATION_FAILED;
    lcp_init(&e->lcp, e);
    ipcp_init(&e->ipcp, e);
    ipv6cp_init(&e->ipv6cp, e);
    pap_init(&e->pap, e);
    chap_init(&e->chap, e);
    return e;
}

/* ---- Internal services for the protocol modules. ---- */

void engine_send(struct engine *e, uint16_t protocol, const uint8_t *pkt, size_t len)
{
    e->cnt.tx_packets++;
    if (e->debug && !pktlog_is_data(protocol))
        pktlog_log("sent", protocol, pkt, len);
    e->env.send(e->env.ctx, protocol, pkt, len);
}

void engine_fsm_send(void *ctx, uint16_t protocol, const uint8_t *pkt, size_t len)
{
    engine_send(ctx, protocol, pkt, len);
}

void engine_random(struct engine *e, void *buf, size_t n)
{
    e->env.random(e->env.ctx, buf, n);
}

void engine_emit(struct engine *e, struct engine_event *ev)
{
    ev->phase = e->phase;
    e->env.event(e->env.ctx, ev);
}

void engine_set_phase(struct engine *e, enum engine_phase p)
{
    struct engine_event ev = { .type = ENGINE_EV_PHASE };

    if (e->phase == p)
        return;
    log_debug("phase %s -> %s", engine_phase_name(e->phase), engine_phase_name(p));
    e->phase = p;
    engine_emit(e, &ev);
}

static void engine_set_reason(struct engine *e, const char *reason)
{
    snprintf(e->dead_reason, sizeof(e->dead_reason), "%s", reason ? reason : "");
}

/* The link is over: phase Dead and one ENGINE_EV_DEAD. */
static void engine_finish(struct engine *e)
{
    struct engine_event ev = { .type = ENGINE_EV_DEAD };

    if (e->phase == ENGINE_PHASE_DEAD)
        return;
    pap_stop(&e->pap);
    chap_stop(&e->chap);
    e->lcp.echo_deadline = UINT64_MAX;
    lcp_cancel_delayed_up(&e->lcp);
    engine_set_phase(e, ENGINE_PHASE_DEAD);
    ev.dead.status = e->status;
    ev.dead.reason = e->dead_reason;
    engine_emit(e, &ev);
}

/* pppd's lcp_close: Terminate phase, then the automaton's Close. A link
 * that never got past Stopped (passive, silent) or Closed ends at once. */
static void engine_lcp_close(struct engine *e, const char *reason)
{
    /* pppd lcp_close: a Close before the delayed Up ends the link at once
     * (the automaton is still Starting: Close takes it to Initial). */
    lcp_cancel_delayed_up(&e->lcp);
    if (e->phase == ENGINE_PHASE_DEAD) {
        fsm_close(&e->lcp.fsm, e->now, reason);
        return;
    }
    engine_set_phase(e, ENGINE_PHASE_TERMINATE);
    fsm_close(&e->lcp.fsm, e->now, reason);
    switch (e->lcp.fsm.state) {
    case FSM_INITIAL:
    case FSM_STARTING:
    case FSM_CLOSED:
    case FSM_STOPPED:
        engine_finish(e);
        break;
    default:
        break;
    }
}

void engine_fail(struct engine *e, int status, const char *reason)
{
    e->status = status;
    engine_set_reason(e, reason);
    engine_lcp_close(e, reason);
}

static void engine_default_link(struct engine_link_params *p)
{
    p->tx_accm = p->rx_accm = 0xffffffffu;
    p->tx_pfc = p->tx_acfc = p->rx_pfc = p->rx_acfc = false;
    p->tx_mru = p->rx_mru = ENGINE_DEFAULT_MRU;
}

void engine_lcp_up(struct engine *e)
{
    struct engine_event ev = { .type = ENGINE_EV_LINK_UP };

    engine_get_link(e, &ev.link);
    engine_emit(e, &ev);
    auth_link_established(e);
}

/* The network protocols back to Initial (pppd's upper_layers_down:
 * lowerdown, then close). */
static void engine_ncp_reset_one(struct engine *e, struct fsm *f)
{
    if (f->state == FSM_INITIAL)
        return;
    fsm_lowerdown(f, e->now);
    fsm_close(f, e->now, "LCP down");
}

static void engine_ncp_reset(struct engine *e)
{
    e->ncp_open = 0;
    engine_ncp_reset_one(e, &e->ipcp.fsm);
    engine_ncp_reset_one(e, &e->ipv6cp.fsm);
}

void engine_lcp_down(struct engine *e)
{
    struct engine_event ev = { .type = ENGINE_EV_LINK_DOWN };
    enum fsm_state st = e->lcp.fsm.state;

    /* pppd's link_down: everything above LCP goes down with it. */
    if (e->phase != ENGINE_PHASE_DEAD)
        engine_set_phase(e, st == FSM_CLOSING || st == FSM_STOPPING ? ENGINE_PHASE_TERMINATE
                                                                    : ENGINE_PHASE_ESTABLISH);
    pap_stop(&e->pap);
    chap_stop(&e->chap);
    engine_ncp_reset(e);
    engine_default_link(&ev.link);
    engine_emit(e, &ev);
}

void engine_lcp_finished(struct engine *e)
{
    if (e->phase == ENGINE_PHASE_DEAD)
        return;
    if (e->dead_reason[0] == '\0' && e->lcp.fsm.peer_reason[0] != '\0')
        engine_set_reason(e, e->lcp.fsm.peer_reason);
    else if (e->dead_reason[0] == '\0' && e->lcp.fsm.timed_out)
        engine_set_reason(e, "LCP: timeout sending Config-Requests");
    else if (e->dead_reason[0] == '\0')
        engine_set_reason(e, e->lcp.fsm.state == FSM_STOPPED ? "LCP stopped" : "LCP closed");
    engine_finish(e);
}

void engine_auth_done(struct engine *e)
{
    if (e->phase != ENGINE_PHASE_AUTHENTICATE && e->phase != ENGINE_PHASE_ESTABLISH)
        return;
    engine_set_phase(e, ENGINE_PHASE_NETWORK);
    /* pppd start_networks: every enabled protocol counts until it finishes. */
    e->ncp_open = 1 + (e->s.ipv6cp.enable ? 1 : 0);
    fsm_open(&e->ipcp.fsm, e->now);
    fsm_lowerup(&e->ipcp.fsm, e->now);
    if (e->s.ipv6cp.enable && e->phase == ENGINE_PHASE_NETWORK) {
        fsm_open(&e->ipv6cp.fsm, e->now);
        fsm_lowerup(&e->ipv6cp.fsm, e->now);
    }
}

/* IP_UP, IP_DOWN, IPV6_UP, IPV6_DOWN with the addresses as they are (the
 * protocol clears its record only after the Down event). */
static void engine_ncp_event(struct engine *e, enum engine_event_type type)
{
    struct engine_event ev = { .type = type };

    if (type == ENGINE_EV_IP_UP || type == ENGINE_EV_IPV6_UP)
        e->status = ENGINE_EXIT_OK;       /* pppd's np_up */
    engine_get_ip(e, &ev.ip);
    engine_get_ipv6(e, &ev.ipv6);
    engine_emit(e, &ev);
}

void engine_ip_up(struct engine *e)
{
    engine_ncp_event(e, ENGINE_EV_IP_UP);
}

void engine_ip_down(struct engine *e)
{
    engine_ncp_event(e, ENGINE_EV_IP_DOWN);
}

void engine_ipv6_up(struct engine *e)
{
    engine_ncp_event(e, ENGINE_EV_IPV6_UP);
}

void engine_ipv6_down(struct engine *e)
{
    engine_ncp_event(e, ENGINE_EV_IPV6_DOWN);
}

void engine_ncp_finished(struct engine *e)
{
    /* pppd's np_finished: the last network protocol is gone. */
    if (e->ncp_open > 0 && --e->ncp_open > 0)
        return;
    if (e->phase == ENGINE_PHASE_NETWORK && e->lcp.fsm.state == FSM_OPENED)
        engine_lcp_close(e, "No network protocols running");
}


void engine_protocol_rejected(struct engine *e, uint16_t protocol)
{
    const char *name = pktlog_protocol_name(protocol);

    switch (protocol) {
    case PPP_PROTO_IPCP:
        log_debug("IPCP rejected by the peer");
        fsm_rxj(&e->ipcp.fsm, e->now, true);
        return;
    case PPP_PROTO_IPV6CP:
        if (e->s.ipv6cp.enable) {
            log_debug("IPV6CP rejected by the peer");
            fsm_rxj(&e->ipv6cp.fsm, e->now, true);
        }
        return;
    case PPP_PROTO_PAP:
        if (e->pap.cstate == PAP_CS_REQSENT) {
            log_error("PAP authentication failed due to protocol-reject");
            e->pap.cstate = PAP_CS_BADAUTH;
            auth_self_fail(e, ENGINE_AUTH_PAP);
        } else if (e->pap.sstate == PAP_SS_LISTEN) {
            log_error("PAP authentication of peer failed (protocol-reject)");
            e->pap.sstate = PAP_SS_BADAUTH;
            auth_peer_fail(e, ENGINE_AUTH_PAP, NULL);
        }
        return;
    case PPP_PROTO_CHAP:
        if (e->chap.cstate == CHAP_CS_WAIT || e->chap.cstate == CHAP_CS_RESPONDED) {
            log_error("CHAP authentication failed due to protocol-reject");
            e->chap.cstate = CHAP_CS_BADAUTH;
            auth_self_fail(e, ENGINE_AUTH_CHAP);
        } else if (e->chap.sstate == CHAP_SS_CHALLENGED) {
            log_error("CHAP authentication of peer failed (protocol-reject)");
            e->chap.sstate = CHAP_SS_BADAUTH;
            auth_peer_fail(e, ENGINE_AUTH_CHAP, NULL);
        }
        return;
    default:
        if (name != NULL)
            log_warn("Protocol-Reject for unsupported protocol '%s' (0x%x)", name, protocol);
        else
            log_warn("Protocol-Reject for unsupported protocol 0x%x", protocol);
        return;
    }
}

/* ---- Public interface. ---- */

void engine_open(struct engine *e, uint64_t now)
{
    e->now = now;
    fsm_open(&e->lcp.fsm, now);
}

void engine_lower_up(struct engine *e, uint64_t now)
{
    e->now = now;
    /* A daemon that redials without reporting the hang-up first. */
    if (e->lcp.fsm.state != FSM_INITIAL && e->lcp.fsm.state != FSM_STARTING)
        fsm_lowerdown(&e->lcp.fsm, now);
    e->status = ENGINE_EXIT_NEGOTIATION_FAILED;
    e->dead_reason[0] = '\0';
    pap_stop(&e->pap);
    chap_stop(&e->chap);
    auth_configure(e);
    lcp_configure(&e->lcp);
    ipcp_configure(&e->ipcp);
    ipv6cp_configure(&e->ipv6cp);
    engine_set_phase(e, ENGINE_PHASE_ESTABLISH);
    lcp_lowerup(&e->lcp, now);
}

void engine_lower_down(struct engine *e, uint64_t now)
{
    e->now = now;
    if (e->dead_reason[0] == '\0')
        engine_set_reason(e, "lower layer down");
    lcp_lowerdown(&e->lcp, now);
    /* LCP was not Opened: IPCP and auth are idle, but make sure. */
    pap_stop(&e->pap);
    chap_stop(&e->chap);
    engine_ncp_reset(e);
    engine_finish(e);
}

void engine_close(struct engine *e, uint64_t now, int status, const char *reason)
{
    e->now = now;
    if (status >= 0)
        e->status = status;
    engine_set_reason(e, reason);
    engine_lcp_close(e, reason);
}

/* A datagram for the interface, if its control protocol is Opened. */
void engine_deliver(struct engine *e, bool up,
                           void (*fn)(void *, const uint8_t *, size_t), const uint8_t *payload,
                           size_t len)
{
    if (!up) {
        e->cnt.rx_ip_dropped++;
        return;
    }
    e->cnt.rx_ip_packets++;
    e->cnt.rx_ip_bytes += len;
    if (fn != NULL)
        fn(e->env.ctx, payload, len);
}

/* A control packet for a network protocol's automaton, counted. */
static void engine_ncp_input(struct engine *e, struct fsm *f, const uint8_t *payload, size_t len)
{
    uint64_t m = f->malformed, u = f->unexpected;

    fsm_input(f, e->now, payload, len);
    e->cnt.rx_malformed += f->malformed - m;
    e->cnt.rx_unexpected += f->unexpected - u;
}

void engine_input(struct engine *e, uint64_t now, uint16_t protocol, const uint8_t *payload,
                  size_t len)
{
    e->now = now;
    e->cnt.rx_packets++;
    if (e->debug && !pktlog_is_data(protocol))
        pktlog_log("rcvd", protocol, payload, len);
    if (e->phase == ENGINE_PHASE_DEAD) {
        e->cnt.rx_not_open++;
        log_debug("Discarded packet: link is dead");
        return;
    }
    if (protocol == PPP_PROTO_LCP) {
        uint64_t m = e->lcp.fsm.malformed, u = e->lcp.fsm.unexpected;
        lcp_input(&e->lcp, now, payload, len);
        e->cnt.rx_malformed += e->lcp.fsm.malformed - m;
        e->cnt.rx_unexpected += e->lcp.fsm.unexpected - u;
        return;
    }
    if (e->lcp.fsm.state != FSM_OPENED) {
        e->cnt.rx_not_open++;
        log_debug("Discarded non-LCP packet when LCP not open");
        return;
    }
    switch (protocol) {
    case PPP_PROTO_PAP:
        pap_input(&e->pap, payload, len);
        return;
    case PPP_PROTO_CHAP:
        chap_input(&e->chap, payload, len);
        return;
    default:
        break;
    }
    if (e->phase != ENGINE_PHASE_NETWORK) {
        e->cnt.rx_not_open++;
        log_debug("discarding proto 0x%x in phase %s", protocol, engine_phase_name(e->phase));
        return;
    }
    switch (protocol) {
    case PPP_PROTO_IPCP:
        engine_ncp_input(e, &e->ipcp.fsm, payload, len);
        return;
    case PPP_PROTO_IP:
        engine_deliver(e, e->ipcp.up, e->env.ip_input, payload, len);
        return;
    case PPP_PROTO_VJC:
    case PPP_PROTO_VJUC:
        if (engine_vj_input(e, protocol, payload, len))
            return;
        break;                            /* VJ not agreed: Protocol-Reject, as pppd */
    case PPP_PROTO_IPV6CP:
    case PPP_PROTO_IPV6:
        if (!e->s.ipv6cp.enable)
            break;                        /* not enabled: Protocol-Reject, as pppd */
        if (protocol == PPP_PROTO_IPV6) {
            engine_deliver(e, e->ipv6cp.up, e->env.ip6_input, payload, len);
            return;
        }
        engine_ncp_input(e, &e->ipv6cp.fsm, payload, len);
        return;
    default:
        break;
    }
    e->cnt.rx_protocol_rejected++;
    lcp_send_protrej(&e->lcp, protocol, payload, len);
}

void engine_timeout(struct engine *e, uint64_t now)
{
    e->now = now;
    lcp_timeout(&e->lcp, now);
    fsm_timeout(&e->ipcp.fsm, now);
    fsm_timeout(&e->ipv6cp.fsm, now);
    pap_timeout(&e->pap, now);
    chap_timeout(&e->chap, now);
}

uint64_t engine_next_deadline(const struct engine *e)
{
    uint64_t d = lcp_deadline(&e->lcp);
    uint64_t t;

    t = fsm_deadline(&e->ipcp.fsm);
    if (t < d)
        d = t;
    t = fsm_deadline(&e->ipv6cp.fsm);
    if (t < d)
        d = t;
    t = pap_deadline(&e->pap);
    if (t < d)
        d = t;
    t = chap_deadline(&e->chap);
    if (t < d)
        d = t;
    return d;
}

enum engine_auth_check engine_auth_check(struct engine *e)
{
    return auth_check(e);
}

enum engine_phase engine_phase(const struct engine *e)
{
    return e->phase;
}

bool engine_ip_ready(const struct engine *e)
{
    return e->ipcp.up && e->ipcp.fsm.state == FSM_OPENED;
}

bool engine_ipv6_ready(const struct engine *e)
{
    return e->ipv6cp.up && e->ipv6cp.fsm.state == FSM_OPENED;
}

uint16_t engine_data_protocol(const struct engine *e, const uint8_t *packet, size_t len)
{
    if (len == 0)
        return 0;
    switch (packet[0] >> 4) {
    case 4:
        return engine_ip_ready(e) ? PPP_PROTO_IP : 0;
    case 6:
        return engine_ipv6_ready(e) ? PPP_PROTO_IPV6 : 0;
    default:
        return 0;
    }
}

bool engine_get_link(const struct engine *e, struct engine_link_params *p)
{
    const struct lcp_options *go = &e->lcp.go, *ho = &e->lcp.ho;
    uint16_t cap = e->s.lcp.mtu;

    engine_default_link(p);
    if (e->lcp.fsm.state != FSM_OPENED)
        return false;
    /* What the peer asked for governs what we send, and vice versa. */
    p->tx_accm = ho->neg_asyncmap ? ho->asyncmap : 0xffffffffu;
    p->rx_accm = go->neg_asyncmap ? go->asyncmap : 0xffffffffu;
    p->tx_pfc = ho->neg_pfc;
    p->tx_acfc = ho->neg_acfc;
    p->rx_pfc = go->neg_pfc;
    p->rx_acfc = go->neg_acfc;
    p->tx_mru = ho->neg_mru ? ho->mru : ENGINE_DEFAULT_MRU;
    if (cap != 0 && cap < p->tx_mru)
        p->tx_mru = cap;
    p->rx_mru = go->neg_mru ? go->mru : ENGINE_DEFAULT_MRU;
    return true;
}

bool engine_get_ip(const struct engine *e, struct engine_ip_params *p)
{
    memset(p, 0, sizeof(*p));
    if (!e->ipcp.up)
        return false;
    p->local = e->ipcp.up_local;
    p->remote = e->ipcp.up_remote;
    p->dns[0] = e->ipcp.up_dns[0];
    p->dns[1] = e->ipcp.up_dns[1];
    return true;
}

bool engine_get_ipv6(const struct engine *e, struct engine_ipv6_params *p)
{
    memset(p, 0, sizeof(*p));
    if (!e->ipv6cp.up)
        return false;
    p->local = e->ipv6cp.up_local;
    p->remote = e->ipv6cp.up_remote;
    return true;
}

const char *engine_peer_name(const struct engine *e)
{
    return e->auth.peer_done ? e->auth.peer_name : "";
}

int engine_exit_status(const struct engine *e)
{
    return e->status;
}

const struct engine_counters *engine_counters(const struct engine *e)
{
    return &e->cnt;
}

void engine_set_debug(struct engine *e, bool on)
{
    e->debug = on;
}

bool engine_frame_uses_defaults(uint16_t protocol, const uint8_t *payload, size_t len)
{
    return protocol == PPP_PROTO_LCP && len >= 1 && payload[0] >= FSM_CONFREQ &&
           payload[0] <= FSM_CODEREJ;
}
