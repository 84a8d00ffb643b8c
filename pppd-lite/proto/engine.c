/* engine: phases (RFC 1661 3.2), demultiplexing by protocol, Protocol-Reject,
 * and the public interface. No I/O here: see engine.h. */
#include "engine.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "common/log.h"
#include "common/memzero.h"
#include "pppd-lite/proto/engine_priv.h"
#include "pppd-lite/proto/pktlog.h"

static void engine_penv_send(void *ctx, uint16_t protocol, const uint8_t *pkt, size_t len);
static void engine_penv_random(void *ctx, void *buf, size_t len);
static void engine_penv_up(void *ctx, uint16_t protocol);
static void engine_penv_down(void *ctx, uint16_t protocol);
static void engine_penv_finished(void *ctx, uint16_t protocol);
static void engine_penv_fail(void *ctx, int status, const char *reason);
static void engine_penv_rejected(void *ctx, uint16_t protocol);
static bool engine_penv_ip_allowed(void *ctx, uint32_t addr);
static bool engine_penv_peer_addr(void *ctx, uint32_t *addr);

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
    memzero_lazy(e, sizeof(*e));   /* the arena's unused pages stay untouched */
    e->s = *s;
    e->env = *env;
    e->debug = s->debug;
    e->phase = ENGINE_PHASE_DEAD;
    e->status = ENGINE_EXIT_NEGOTIATION_FAILED;
    e->penv = (struct proto_env){
        .ctx = e,
        .s = &e->s,
        .cnt = &e->cnt,
        .debug = &e->debug,
        .send = engine_penv_send,
        .random = engine_penv_random,
        .up = engine_penv_up,
        .down = engine_penv_down,
        .finished = engine_penv_finished,
        .fail = engine_penv_fail,
        .rejected = engine_penv_rejected,
        .ip_allowed = engine_penv_ip_allowed,
        .peer_addr = engine_penv_peer_addr,
    };
    /* Each protocol's state in the arena, aligned for any type. */
    size_t used = 0;
    for (size_t i = 0; i < protocols_count; i++) {
        size_t sz = (protocols[i]->size + alignof(max_align_t) - 1) & ~(alignof(max_align_t) - 1);
        if (sz > sizeof(e->arena) - used)
            return NULL;
        e->st[i] = e->arena + used;
        used += sz;
        protocols[i]->init(e->st[i], &e->penv);
    }
    e->lcp = engine_state(e, PPP_PROTO_LCP);
    return e->lcp != NULL ? e : NULL;
}

void *engine_state(const struct engine *e, uint16_t protocol)
{
    for (size_t i = 0; i < protocols_count; i++)
        if (protocols[i]->protocol == protocol)
            return e->st[i];
    return NULL;
}

/* The row and state of a control or data protocol; NULL if none. */
static const struct protocol *engine_row(const struct engine *e, uint16_t protocol, bool data,
                                         void **st)
{
    for (size_t i = 0; i < protocols_count; i++) {
        const struct protocol *p = protocols[i];
        if (data ? p->data_protocol != 0 && p->data_protocol == protocol
                 : p->protocol == protocol) {
            *st = e->st[i];
            return p;
        }
    }
    *st = NULL;
    return NULL;
}

/* Everything above LCP goes down (pppd's upper_layers_down: lowerdown,
 * then close); without close only the lower layer. */
static void engine_upper_down(struct engine *e, bool close)
{
    for (size_t i = 0; i < protocols_count; i++) {
        const struct protocol *p = protocols[i];
        if (p->phase == ENGINE_PHASE_ESTABLISH)
            continue;
        if (p->lower_down != NULL)
            p->lower_down(e->st[i], e->now);
        if (close && p->close != NULL)
            p->close(e->st[i], e->now, "LCP down");
    }
}

/* ---- Internal services for the protocol modules. ---- */

void engine_send(struct engine *e, uint16_t protocol, const uint8_t *pkt, size_t len)
{
    e->cnt.tx_packets++;
    if (e->debug && !pktlog_is_data(protocol))
        pktlog_log("sent", protocol, pkt, len);
    e->env.send(e->env.ctx, protocol, pkt, len);
}

static void engine_penv_send(void *ctx, uint16_t protocol, const uint8_t *pkt, size_t len)
{
    engine_send(ctx, protocol, pkt, len);
}

static void engine_penv_random(void *ctx, void *buf, size_t len)
{
    engine_random(ctx, buf, len);
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
    engine_upper_down(e, false);
    e->lcp->echo_deadline = UINT64_MAX;
    lcp_cancel_delayed_up(e->lcp);
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
    lcp_cancel_delayed_up(e->lcp);
    if (e->phase == ENGINE_PHASE_DEAD) {
        fsm_close(&e->lcp->fsm, e->now, reason);
        return;
    }
    engine_set_phase(e, ENGINE_PHASE_TERMINATE);
    fsm_close(&e->lcp->fsm, e->now, reason);
    switch (e->lcp->fsm.state) {
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

static void engine_lcp_up(struct engine *e)
{
    struct engine_event ev = { .type = ENGINE_EV_LINK_UP };

    engine_get_link(e, &ev.link);
    engine_emit(e, &ev);
    auth_link_established(e);
}

static void engine_lcp_down(struct engine *e)
{
    struct engine_event ev = { .type = ENGINE_EV_LINK_DOWN };
    enum fsm_state st = e->lcp->fsm.state;

    /* pppd's link_down: everything above LCP goes down with it. */
    if (e->phase != ENGINE_PHASE_DEAD)
        engine_set_phase(e, st == FSM_CLOSING || st == FSM_STOPPING ? ENGINE_PHASE_TERMINATE
                                                                    : ENGINE_PHASE_ESTABLISH);
    e->ncp_open = 0;
    engine_upper_down(e, true);
    engine_default_link(&ev.link);
    engine_emit(e, &ev);
}

static void engine_lcp_finished(struct engine *e)
{
    if (e->phase == ENGINE_PHASE_DEAD)
        return;
    if (e->dead_reason[0] == '\0' && e->lcp->fsm.peer_reason[0] != '\0')
        engine_set_reason(e, e->lcp->fsm.peer_reason);
    else if (e->dead_reason[0] == '\0' && e->lcp->fsm.timed_out)
        engine_set_reason(e, "LCP: timeout sending Config-Requests");
    else if (e->dead_reason[0] == '\0')
        engine_set_reason(e, e->lcp->fsm.state == FSM_STOPPED ? "LCP stopped" : "LCP closed");
    engine_finish(e);
}

void engine_auth_done(struct engine *e)
{
    if (e->phase != ENGINE_PHASE_AUTHENTICATE && e->phase != ENGINE_PHASE_ESTABLISH)
        return;
    engine_set_phase(e, ENGINE_PHASE_NETWORK);
    /* pppd start_networks: every enabled protocol counts until it finishes. */
    e->ncp_open = 0;
    for (size_t i = 0; i < protocols_count; i++)
        if (protocols[i]->phase == ENGINE_PHASE_NETWORK && proto_enabled(protocols[i], &e->s))
            e->ncp_open++;
    for (size_t i = 0; i < protocols_count; i++) {
        const struct protocol *p = protocols[i];
        if (p->phase != ENGINE_PHASE_NETWORK || !proto_enabled(p, &e->s) ||
            e->phase != ENGINE_PHASE_NETWORK)
            continue;
        if (p->open != NULL)
            p->open(e->st[i], e->now);
        if (p->lower_up != NULL)
            p->lower_up(e->st[i], e->now);
    }
}

/* IP_UP, IP_DOWN, IPV6_UP, IPV6_DOWN with every network protocol's
 * addresses as they are (a protocol clears its record only after the Down
 * event). */
static void engine_ncp_event(struct engine *e, enum engine_event_type type, bool up)
{
    struct engine_event ev = { .type = type };

    if (up)
        e->status = ENGINE_EXIT_OK;       /* pppd's np_up */
    for (size_t i = 0; i < protocols_count; i++)
        if (protocols[i]->get != NULL)
            protocols[i]->get(e->st[i], &ev);
    engine_emit(e, &ev);
}

static void engine_ncp_finished(struct engine *e)
{
    /* pppd's np_finished: the last network protocol is gone. */
    if (e->ncp_open > 0 && --e->ncp_open > 0)
        return;
    if (e->phase == ENGINE_PHASE_NETWORK && e->lcp->fsm.state == FSM_OPENED)
        engine_lcp_close(e, "No network protocols running");
}


static void engine_protocol_rejected(struct engine *e, uint16_t protocol)
{
    const char *name = pktlog_protocol_name(protocol);
    void *st;
    const struct protocol *p = engine_row(e, protocol, false, &st);

    /* Each protocol handles a reject of itself; one not enabled was never
     * sent, so its reject is ignored. */
    if (p != NULL) {
        if (proto_enabled(p, &e->s) && p->protrej != NULL)
            p->protrej(st, e->now);
        return;
    }
    if (name != NULL)
        log_warn("Protocol-Reject for unsupported protocol '%s' (0x%x)", name, protocol);
    else
        log_warn("Protocol-Reject for unsupported protocol 0x%x", protocol);
}

/* ---- Upward calls of the protocols (struct proto_env). ---- */

static void engine_penv_up(void *ctx, uint16_t protocol)
{
    struct engine *e = ctx;
    void *st;
    const struct protocol *p = engine_row(e, protocol, false, &st);

    if (protocol == PPP_PROTO_LCP)
        engine_lcp_up(e);
    else if (p != NULL && p->phase == ENGINE_PHASE_NETWORK)
        engine_ncp_event(e, p->up_event, true);
}

static void engine_penv_down(void *ctx, uint16_t protocol)
{
    struct engine *e = ctx;
    void *st;
    const struct protocol *p = engine_row(e, protocol, false, &st);

    if (protocol == PPP_PROTO_LCP)
        engine_lcp_down(e);
    else if (p != NULL && p->phase == ENGINE_PHASE_NETWORK)
        engine_ncp_event(e, p->down_event, false);
}

static void engine_penv_finished(void *ctx, uint16_t protocol)
{
    struct engine *e = ctx;
    void *st;
    const struct protocol *p = engine_row(e, protocol, false, &st);

    if (protocol == PPP_PROTO_LCP)
        engine_lcp_finished(e);
    else if (p != NULL && p->phase == ENGINE_PHASE_NETWORK)
        engine_ncp_finished(e);
}

static void engine_penv_fail(void *ctx, int status, const char *reason)
{
    engine_fail(ctx, status, reason);
}

static void engine_penv_rejected(void *ctx, uint16_t protocol)
{
    engine_protocol_rejected(ctx, protocol);
}

static bool engine_penv_ip_allowed(void *ctx, uint32_t addr)
{
    return auth_ip_allowed(ctx, addr);
}

static bool engine_penv_peer_addr(void *ctx, uint32_t *addr)
{
    const struct engine *e = ctx;

    *addr = e->auth.suggested;
    return e->auth.have_suggested;
}

/* ---- Public interface. ---- */

void engine_set_ipcp(struct engine *e, const struct engine_ipcp_settings *ip)
{
    e->s.ipcp = *ip;   /* ipcp's reset (engine_lower_up) reads it */
}

void engine_open(struct engine *e, uint64_t now)
{
    e->now = now;
    fsm_open(&e->lcp->fsm, now);
}

void engine_lower_up(struct engine *e, uint64_t now)
{
    e->now = now;
    /* A daemon that redials without reporting the hang-up first. */
    if (e->lcp->fsm.state != FSM_INITIAL && e->lcp->fsm.state != FSM_STARTING)
        fsm_lowerdown(&e->lcp->fsm, now);
    e->status = ENGINE_EXIT_NEGOTIATION_FAILED;
    e->dead_reason[0] = '\0';
    auth_configure(e);
    for (size_t i = 0; i < protocols_count; i++)
        if (protocols[i]->reset != NULL)
            protocols[i]->reset(e->st[i]);
    lcp_set_auth(e->lcp, e->auth.want_pap, e->auth.want_chap ? e->auth.want_chap_md : 0,
                 e->auth.can_pap, e->auth.can_chap ? e->auth.can_chap_md : 0);
    engine_set_phase(e, ENGINE_PHASE_ESTABLISH);
    lcp_lowerup(e->lcp, now);
}

void engine_lower_down(struct engine *e, uint64_t now)
{
    e->now = now;
    if (e->dead_reason[0] == '\0')
        engine_set_reason(e, "lower layer down");
    lcp_lowerdown(e->lcp, now);
    /* LCP was not Opened: the protocols above it are idle, but make sure. */
    e->ncp_open = 0;
    engine_upper_down(e, true);
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
static void engine_deliver(struct engine *e, bool up,
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

/* A compressed datagram (VJ's 0x2d/0x2f): the row whose data_decap claims
 * it, while its data flows, rebuilds it. False: nobody (Protocol-Reject). */
static bool engine_data_decap(struct engine *e, uint16_t protocol, const uint8_t *payload,
                              size_t len)
{
    for (size_t i = 0; i < protocols_count; i++) {
        const struct protocol *p = protocols[i];
        const uint8_t *pkt;
        size_t n;
        if (p->data_decap == NULL || !proto_enabled(p, &e->s) || !p->data_ready(e->st[i]))
            continue;
        switch (p->data_decap(e->st[i], protocol, payload, len, &pkt, &n)) {
        case PROTO_DECAP_NOT_MINE:
            continue;
        case PROTO_DECAP_DELIVER:
            engine_deliver(e, true, p->data_protocol == PPP_PROTO_IP ? e->env.ip_input
                                                                     : e->env.ip6_input,
                           pkt, n);
            return true;
        case PROTO_DECAP_DROPPED:
            e->cnt.rx_ip_dropped++;
            return true;
        }
    }
    return false;
}

uint16_t engine_data_encap(struct engine *e, uint16_t data_protocol, const uint8_t **pkt,
                           size_t *len)
{
    void *st;
    const struct protocol *p = engine_row(e, data_protocol, true, &st);

    if (p == NULL || p->data_encap == NULL || !p->data_ready(st))
        return data_protocol;
    return p->data_encap(st, pkt, len);
}

void engine_line_error(struct engine *e)
{
    for (size_t i = 0; i < protocols_count; i++)
        if (protocols[i]->line_error != NULL)
            protocols[i]->line_error(e->st[i]);
}

void engine_data_summary(const struct engine *e, char *buf, size_t cap)
{
    size_t used = 0;

    if (cap)
        buf[0] = '\0';
    for (size_t i = 0; i < protocols_count && used + 1 < cap; i++) {
        if (protocols[i]->summary == NULL)
            continue;
        if (used)
            buf[used++] = '\n';
        protocols[i]->summary(e->st[i], buf + used, cap - used);
        used += strlen(buf + used);
        if (used && buf[used - 1] == '\n')
            buf[--used] = '\0';     /* a row with nothing to say */
    }
}

void engine_comp_counters(const struct engine *e, struct engine_comp_counters *c)
{
    memset(c, 0, sizeof(*c));
    for (size_t i = 0; i < protocols_count; i++)
        if (protocols[i]->comp_counters != NULL)
            protocols[i]->comp_counters(e->st[i], c);
}

void engine_input(struct engine *e, uint64_t now, uint16_t protocol, const uint8_t *payload,
                  size_t len)
{
    const struct protocol *p;
    void *st;

    e->now = now;
    e->cnt.rx_packets++;
    if (e->debug && !pktlog_is_data(protocol))
        pktlog_log("rcvd", protocol, payload, len);
    if (e->phase == ENGINE_PHASE_DEAD) {
        e->cnt.rx_not_open++;
        log_debug("Discarded packet: link is dead");
        return;
    }
    p = engine_row(e, protocol, false, &st);
    if (p != NULL && p->phase == ENGINE_PHASE_ESTABLISH) {
        p->input(st, now, payload, len);          /* LCP */
        return;
    }
    if (e->lcp->fsm.state != FSM_OPENED) {
        e->cnt.rx_not_open++;
        log_debug("Discarded non-LCP packet when LCP not open");
        return;
    }
    if (p != NULL && p->phase == ENGINE_PHASE_AUTHENTICATE && proto_enabled(p, &e->s)) {
        p->input(st, now, payload, len);
        return;
    }
    if (e->phase != ENGINE_PHASE_NETWORK) {
        e->cnt.rx_not_open++;
        log_debug("discarding proto 0x%x in phase %s", protocol, engine_phase_name(e->phase));
        return;
    }
    if (p != NULL && proto_enabled(p, &e->s)) {
        p->input(st, now, payload, len);
        return;
    }
    p = engine_row(e, protocol, true, &st);
    if (p != NULL && proto_enabled(p, &e->s)) {
        engine_deliver(e, p->data_ready(st),
                       protocol == PPP_PROTO_IP ? e->env.ip_input : e->env.ip6_input, payload,
                       len);
        return;
    }
    if (engine_data_decap(e, protocol, payload, len))
        return;
    /* Unknown, or not enabled: Protocol-Reject, as pppd. */
    e->cnt.rx_protocol_rejected++;
    lcp_send_protrej(e->lcp, protocol, payload, len);
}

void engine_timeout(struct engine *e, uint64_t now)
{
    e->now = now;
    for (size_t i = 0; i < protocols_count; i++)
        if (protocols[i]->timeout != NULL)
            protocols[i]->timeout(e->st[i], now);
}

uint64_t engine_next_deadline(const struct engine *e)
{
    uint64_t d = UINT64_MAX;

    for (size_t i = 0; i < protocols_count; i++) {
        uint64_t t = protocols[i]->deadline != NULL ? protocols[i]->deadline(e->st[i]) : UINT64_MAX;
        if (t < d)
            d = t;
    }
    return d;
}

void engine_verify_done(struct engine *e, uint64_t now, unsigned id, bool ok,
                        const struct secret_match *m)
{
    engine_verify_done_text(e, now, id, ok, m, NULL);
}

void engine_verify_done_text(struct engine *e, uint64_t now, unsigned id, bool ok,
                             const struct secret_match *m, const char *text)
{
    e->now = now;
    e->auth.verdict_text = text && text[0] ? text : NULL;
    e->auth.late_verdict = true;
    if (!auth_verify_done(e, id, ok, m))
        log_debug("verdict for credential check %u ignored: nothing waits for it", id);
    e->auth.late_verdict = false;
    e->auth.verdict_text = NULL;
}

enum engine_auth_check engine_auth_check(struct engine *e)
{
    return auth_check(e);
}

enum engine_phase engine_phase(const struct engine *e)
{
    return e->phase;
}

/* The row that carries a data protocol is up. */
static bool engine_data_ready(const struct engine *e, uint16_t data_protocol)
{
    void *st;
    const struct protocol *p = engine_row(e, data_protocol, true, &st);

    return p != NULL && p->data_ready != NULL && p->data_ready(st);
}

bool engine_ip_ready(const struct engine *e)
{
    return engine_data_ready(e, PPP_PROTO_IP);
}

bool engine_ipv6_ready(const struct engine *e)
{
    return engine_data_ready(e, PPP_PROTO_IPV6);
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
    const struct lcp_options *go = &e->lcp->go, *ho = &e->lcp->ho;
    uint16_t cap = e->s.lcp.mtu;

    engine_default_link(p);
    if (e->lcp->fsm.state != FSM_OPENED)
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

/* Ask the network protocol with that data protocol for its addresses. */
static bool engine_get_ncp(const struct engine *e, uint16_t data_protocol,
                           struct engine_event *ev)
{
    void *st;
    const struct protocol *p = engine_row(e, data_protocol, true, &st);

    memset(ev, 0, sizeof(*ev));
    return p != NULL && p->get != NULL && p->get(st, ev);
}

bool engine_get_ip(const struct engine *e, struct engine_ip_params *p)
{
    struct engine_event ev;
    bool up = engine_get_ncp(e, PPP_PROTO_IP, &ev);

    *p = ev.ip;
    return up;
}

bool engine_get_ipv6(const struct engine *e, struct engine_ipv6_params *p)
{
    struct engine_event ev;
    bool up = engine_get_ncp(e, PPP_PROTO_IPV6, &ev);

    *p = ev.ipv6;
    return up;
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
