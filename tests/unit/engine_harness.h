/* engine_harness: two pppd-lite engines joined by an in-memory link with a
 * fake clock, for the engine's unit tests (included by test_lcp.c,
 * test_ipcp.c, test_pap.c, test_chap.c, test_engine.c). Header-only: every
 * test file is its own program. */
#ifndef TESTS_ENGINE_HARNESS_H
#define TESTS_ENGINE_HARNESS_H

#include <stdalign.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/secrets.h"
#include "pppd-lite/proto/engine.h"
#include "pppd-lite/proto/ipcp.h"
#include "pppd-lite/proto/pktlog.h"

#pragma GCC diagnostic ignored "-Wunused-function"

#ifndef H_QLEN
#define H_QLEN 256      /* packets in flight per direction (fuzzing uses fewer) */
#endif
#define H_PKT 1600
#define H_EVENTS 64

struct h_pkt {
    uint16_t proto;
    size_t len;
    uint8_t data[H_PKT];
};

struct h_peer;
/* Return false to lose the packet on the wire. */
typedef bool (*h_filter_fn)(struct h_peer *from, uint16_t proto, uint8_t *data, size_t *len);

struct h_peer {
    const char *label;
    struct engine *e;
    void *storage;
    struct engine_settings s;
    struct h_peer *to;           /* where our packets go (ourselves: looped line) */
    struct h_pkt q[H_QLEN];      /* in flight towards `to` */
    unsigned qhead, qlen;
    h_filter_fn filter;
    unsigned drop_next;          /* lose this many packets */
    bool mute;                   /* lose everything we send */
    uint16_t drop_proto;         /* lose everything we send of this protocol */
    uint32_t rng;
    const char *pap_secrets;
    const char *chap_secrets;
    const char *login_user, *login_pass;   /* the fake system password database */
    unsigned login_calls;
    struct engine_event ev[H_EVENTS];
    char ev_name[H_EVENTS][64];
    char ev_reason[H_EVENTS][192];
    unsigned nev;
    unsigned sent_by_proto_code[4][16];    /* LCP, IPCP, PAP, CHAP x code */
    unsigned ip_rcvd;
    struct h_pkt last_sent;
    /* The owner's credential check (engine_env.verify); NULL: none. */
    int (*verify)(struct h_peer *me, const struct engine_verify_request *req,
                  struct secret_match *m);
};

struct h_link {
    struct h_peer a, b;
    uint64_t now;
};

static uint32_t h_ip(unsigned a, unsigned b, unsigned c, unsigned d)
{
    return (uint32_t)a << 24 | (uint32_t)b << 16 | (uint32_t)c << 8 | d;
}

/* ---- log capture ---- */
static char h_log[1 << 18];
static size_t h_log_len;

static void h_sink(void *ctx, enum log_level level, const char *msg)
{
    (void)ctx;
    (void)level;
    size_t n = strlen(msg);
    if (h_log_len + n + 2 < sizeof(h_log)) {
        memcpy(h_log + h_log_len, msg, n);
        h_log_len += n;
        h_log[h_log_len++] = '\n';
        h_log[h_log_len] = '\0';
    }
}

static void h_log_reset(void)
{
    h_log_len = 0;
    h_log[0] = '\0';
}

static bool h_logged(const char *s)
{
    return strstr(h_log, s) != NULL;
}

static unsigned h_logged_count(const char *s)
{
    unsigned n = 0;
    for (const char *p = h_log; (p = strstr(p, s)) != NULL; p++)
        n++;
    return n;
}

/* ---- callbacks ---- */
static int h_proto_index(uint16_t proto)
{
    switch (proto) {
    case PPP_PROTO_LCP: return 0;
    case PPP_PROTO_IPCP: return 1;
    case PPP_PROTO_PAP: return 2;
    case PPP_PROTO_CHAP: return 3;
    default: return -1;
    }
}

static void h_send(void *ctx, uint16_t proto, const uint8_t *p, size_t len)
{
    struct h_peer *me = ctx;
    int pi = h_proto_index(proto);

    if (pi >= 0 && len >= 1 && p[0] < 16)
        me->sent_by_proto_code[pi][p[0]]++;
    if (len <= H_PKT) {
        me->last_sent.proto = proto;
        me->last_sent.len = len;
        memcpy(me->last_sent.data, p, len);
    }
    if (me->mute || me->to == NULL || (me->drop_proto != 0 && proto == me->drop_proto))
        return;
    if (me->drop_next > 0) {
        me->drop_next--;
        return;
    }
    if (len > H_PKT || me->qlen >= H_QLEN)
        return;
    struct h_pkt *slot = &me->q[(me->qhead + me->qlen) % H_QLEN];
    slot->proto = proto;
    slot->len = len;
    memcpy(slot->data, p, len);
    if (me->filter && !me->filter(me, proto, slot->data, &slot->len))
        return;
    me->qlen++;
}

static void h_event(void *ctx, const struct engine_event *ev)
{
    struct h_peer *me = ctx;
    if (ev->type == ENGINE_EV_IP_UP)
        ipcp_log_up(&ev->ip);   /* as the daemon does once the interface is set */
    if (me->nev >= H_EVENTS)
        return;
    me->ev[me->nev] = *ev;
    snprintf(me->ev_name[me->nev], sizeof(me->ev_name[0]), "%s", ev->auth.name ? ev->auth.name : "");
    snprintf(me->ev_reason[me->nev], sizeof(me->ev_reason[0]), "%s",
             ev->dead.reason ? ev->dead.reason : "");
    me->ev[me->nev].auth.name = me->ev_name[me->nev];
    me->ev[me->nev].dead.reason = me->ev_reason[me->nev];
    me->nev++;
}

static void h_ip_input(void *ctx, const uint8_t *p, size_t len)
{
    struct h_peer *me = ctx;
    (void)p;
    (void)len;
    me->ip_rcvd++;
}

static void h_random(void *ctx, void *buf, size_t n)
{
    struct h_peer *me = ctx;
    uint8_t *b = buf;
    for (size_t i = 0; i < n; i++) {
        me->rng ^= me->rng << 13;
        me->rng ^= me->rng >> 17;
        me->rng ^= me->rng << 5;
        b[i] = (uint8_t)(me->rng >> 7);
    }
}

static int h_get_secret(void *ctx, enum engine_auth_proto proto, const char *client,
                        const char *server, struct secret_match *m)
{
    struct h_peer *me = ctx;
    const char *text = proto == ENGINE_AUTH_PAP ? me->pap_secrets : me->chap_secrets;
    char err[256];
    if (text == NULL)
        return 0;
    int rc = secrets_lookup_text(proto == ENGINE_AUTH_PAP ? "pap-secrets" : "chap-secrets", text,
                                 strlen(text), client, server, m, err, sizeof(err));
    if (rc < 0)
        log_error("%s", err);
    return rc;
}

static int h_verify(void *ctx, const char *user, const char *pass)
{
    struct h_peer *me = ctx;
    me->login_calls++;
    return me->login_user && strcmp(user, me->login_user) == 0 && strcmp(pass, me->login_pass) == 0;
}

static int h_verify_owner(void *ctx, const struct engine_verify_request *req,
                          struct secret_match *m)
{
    struct h_peer *me = ctx;
    return me->verify(me, req, m);
}

static void h_peer_setup(struct h_peer *p, const char *label, uint32_t seed)
{
    memset(p, 0, sizeof(*p));
    p->label = label;
    p->rng = seed;
    engine_settings_init(&p->s);
    p->s.debug = true;
    snprintf(p->s.auth.name, sizeof(p->s.auth.name), "%s", label);
}

/* Create both engines from their settings (call after adjusting them). */
static void h_start_engines(struct h_link *l)
{
    struct h_peer *ps[2] = { &l->a, &l->b };
    for (int i = 0; i < 2; i++) {
        struct h_peer *p = ps[i];
        struct engine_env env = {
            .ctx = p, .send = h_send, .event = h_event, .ip_input = h_ip_input,
            .random = h_random, .get_secret = h_get_secret, .verify_login = h_verify,
            .verify = p->verify ? h_verify_owner : NULL,
        };
        if (p->storage == NULL)
            p->storage = aligned_alloc(alignof(max_align_t),
                                       (engine_storage_size() + 63) & ~(size_t)63);
        p->e = engine_init(p->storage, engine_storage_size(), &p->s, &env);
        if (p->e == NULL)
            abort();
    }
}

static void h_link_init(struct h_link *l)
{
    memset(l, 0, sizeof(*l));
    h_peer_setup(&l->a, "alpha", 0x12345678u);
    h_peer_setup(&l->b, "bravo", 0x9abcdef1u);
    l->a.to = &l->b;
    l->b.to = &l->a;
    /* alpha plays the server with local:remote 192.0.2.1:192.0.2.2. */
    l->a.s.ipcp.local_addr = h_ip(192, 0, 2, 1);
    l->a.s.ipcp.remote_addr = h_ip(192, 0, 2, 2);
    l->now = 1000;
    log_open("test", 0, 0);
    log_set_debug(true);
    log_set_sink(h_sink, NULL);
    h_log_reset();
}

static void h_link_free(struct h_link *l)
{
    free(l->a.storage);
    free(l->b.storage);
    l->a.storage = l->b.storage = NULL;
}

/* The usual fixture: one link per test, its log dumped with H_DUMP=1. */
static struct h_link L __attribute__((unused));

static int h_setup(void **state)
{
    (void)state;
    h_link_init(&L);
    return 0;
}

static int h_teardown(void **state)
{
    (void)state;
    if (getenv("H_DUMP"))
        fputs(h_log, stderr);
    h_link_free(&L);
    return 0;
}

/* Deliver one queued packet of p to its destination. */
static bool h_deliver_one(struct h_link *l, struct h_peer *p)
{
    struct h_pkt pkt;
    if (p->qlen == 0)
        return false;
    pkt = p->q[p->qhead];
    p->qhead = (p->qhead + 1) % H_QLEN;
    p->qlen--;
    if (p->to->e != NULL)
        engine_input(p->to->e, l->now, pkt.proto, pkt.data, pkt.len);
    return true;
}

static uint64_t h_min_deadline(struct h_link *l)
{
    uint64_t a = l->a.e ? engine_next_deadline(l->a.e) : UINT64_MAX;
    uint64_t b = l->b.e ? engine_next_deadline(l->b.e) : UINT64_MAX;
    return a < b ? a : b;
}

/* Run the link until both queues are empty and no timer is due before
 * `until` (absolute ms). Packets cross with no delay, alternating sides. */
static void h_run_until(struct h_link *l, uint64_t until)
{
    for (int guard = 0; guard < 200000; guard++) {
        bool moved = h_deliver_one(l, &l->a);
        moved |= h_deliver_one(l, &l->b);
        if (moved)
            continue;
        uint64_t d = h_min_deadline(l);
        if (d == UINT64_MAX || d > until)
            break;
        if (d > l->now)
            l->now = d;
        if (l->a.e)
            engine_timeout(l->a.e, l->now);
        if (l->b.e)
            engine_timeout(l->b.e, l->now);
    }
    if (l->now < until && until != UINT64_MAX)
        l->now = until;
}

static void h_run_for(struct h_link *l, uint64_t ms)
{
    h_run_until(l, l->now + ms);
}

/* Open and raise both ends, then run for up to ms. */
static void h_connect(struct h_link *l, uint64_t ms)
{
    h_start_engines(l);
    engine_open(l->a.e, l->now);
    engine_open(l->b.e, l->now);
    engine_lower_up(l->a.e, l->now);
    engine_lower_up(l->b.e, l->now);
    h_run_for(l, ms);
}

static const struct engine_event *h_find_event(const struct h_peer *p, enum engine_event_type t)
{
    for (unsigned i = 0; i < p->nev; i++)
        if (p->ev[i].type == t)
            return &p->ev[i];
    return NULL;
}

static unsigned h_count_events(const struct h_peer *p, enum engine_event_type t)
{
    unsigned n = 0;
    for (unsigned i = 0; i < p->nev; i++)
        n += p->ev[i].type == t;
    return n;
}

/* Status of the ENGINE_EV_DEAD event, -1 if none. */
static int h_dead_status(const struct h_peer *p)
{
    const struct engine_event *ev = h_find_event(p, ENGINE_EV_DEAD);
    return ev ? ev->dead.status : -1;
}


/* Build a control packet (code, id, length, data) into out. */
static size_t h_pkt(uint8_t *out, uint8_t code, uint8_t id, const uint8_t *data, size_t len)
{
    out[0] = code;
    out[1] = id;
    out[2] = (uint8_t)((len + 4) >> 8);
    out[3] = (uint8_t)(len + 4);
    if (len)
        memcpy(out + 4, data, len);
    return len + 4;
}

#endif
