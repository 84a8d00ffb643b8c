/* ipv6cp: RFC 5072 Interface-Identifier negotiation, with pppd's ipv6cp.c
 * rules (random non-zero identifiers, Nak with a new one on a collision). */
#include "ipv6cp.h"

#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "common/log.h"
#include "pppd-lite/proto/pktlog.h"

#define IPV6CP_CILEN_IFACEID 10

static struct ipv6cp *ipv6cp_of(struct fsm *f)
{
    return f->owner;
}

const char *ipv6cp_llstr(uint64_t id, char *buf, size_t size)
{
    snprintf(buf, size, "fe80::%04x:%04x:%04x:%04x", (unsigned)(id >> 48) & 0xffff,
             (unsigned)(id >> 32) & 0xffff, (unsigned)(id >> 16) & 0xffff,
             (unsigned)id & 0xffff);
    return buf;
}

/* A random identifier that is neither 0 nor avoid (RFC 5072 4.1). */
static uint64_t ipv6cp_random_id(struct ipv6cp *v6, uint64_t avoid)
{
    uint64_t id;

    do {
        uint8_t b[8];
        v6->env->random(v6->env->ctx, b, sizeof(b));
        id = 0;
        for (int i = 0; i < 8; i++)
            id = id << 8 | b[i];
        /* RFC 4291 2.5.1: the universal/local bit says "local" */
        id &= ~(UINT64_C(0x02) << 56);
    } while (id == 0 || id == avoid);
    return id;
}

_Static_assert(offsetof(struct ipv6cp, fsm) == 0, "the fsm operations take the state as a struct fsm");

static void ipv6cp_configure(void *st)
{
    struct ipv6cp *v6 = st;
    const struct engine_ipv6cp_settings *s = &v6->env->s->ipv6cp;
    struct ipv6cp_options *w = &v6->want;

    memset(w, 0, sizeof(*w));
    w->neg_ifaceid = true;
    w->ourid = s->local_ifid;
    w->hisid = s->remote_ifid;
    w->opt_local = s->local_ifid != 0;
    /* An identifier we were not given is the peer's to correct. */
    w->accept_local = s->accept_local || s->local_ifid == 0;
    v6->fsm.passive = false;
    v6->fsm.silent = false;
}

static void ipv6cp_resetci(struct fsm *f)
{
    struct ipv6cp *v6 = ipv6cp_of(f);

    v6->go = v6->want;
    if (!v6->go.opt_local)
        v6->go.ourid = ipv6cp_random_id(v6, v6->want.hisid);
    v6->go.hisid = 0;           /* nothing Nak'd to the peer yet */
    memset(&v6->ho, 0, sizeof(v6->ho));
}

static void ipv6cp_put_id(struct buf_writer *w, uint64_t id)
{
    buf_put_u8(w, IPV6CP_CI_IFACEID);
    buf_put_u8(w, IPV6CP_CILEN_IFACEID);
    buf_put_u32(w, (uint32_t)(id >> 32));
    buf_put_u32(w, (uint32_t)id);
}

static uint64_t ipv6cp_get_id(struct buf_reader *v)
{
    uint64_t hi = buf_get_u32(v);
    return hi << 32 | buf_get_u32(v);
}

static void ipv6cp_addci(struct fsm *f, struct buf_writer *w)
{
    const struct ipv6cp_options *go = &ipv6cp_of(f)->go;

    if (go->neg_ifaceid)
        ipv6cp_put_id(w, go->ourid);
}

static bool ipv6cp_nakci(struct fsm *f, const uint8_t *p, size_t len, bool treat_as_reject)
{
    struct ipv6cp *v6 = ipv6cp_of(f);
    struct ipv6cp_options try = v6->go;
    struct buf_reader r, v;
    uint8_t type;
    size_t vlen;
    bool bad;

    buf_reader_init(&r, p, len);
    while (fsm_next_option(&r, &type, &v, &vlen, &bad)) {
        if (type != IPV6CP_CI_IFACEID)
            continue;                     /* suggestions we did not ask for */
        if (vlen != 8)
            return false;
        uint64_t id = ipv6cp_get_id(&v);
        if (!v6->go.neg_ifaceid)
            continue;
        if (treat_as_reject) {
            try.neg_ifaceid = false;
        } else if (v6->go.accept_local) {
            /* RFC 5072 4.1: use the suggestion unless it is 0 or the
             * peer's own; then pick another at random. */
            if (id == 0 || id == v6->go.hisid)
                id = ipv6cp_random_id(v6, v6->go.hisid);
            try.ourid = id;
        }
    }
    if (bad)
        return false;
    v6->go = try;
    return true;
}

static bool ipv6cp_rejci(struct fsm *f, const uint8_t *p, size_t len)
{
    struct ipv6cp *v6 = ipv6cp_of(f);
    struct ipv6cp_options try = v6->go;
    struct buf_reader r, v;
    uint8_t type;
    size_t vlen;
    bool bad;

    buf_reader_init(&r, p, len);
    while (fsm_next_option(&r, &type, &v, &vlen, &bad)) {
        if (type != IPV6CP_CI_IFACEID || vlen != 8 || !v6->go.neg_ifaceid)
            return false;                 /* not something we asked for */
        if (ipv6cp_get_id(&v) != v6->go.ourid)
            return false;
        try.neg_ifaceid = false;
    }
    if (bad)
        return false;
    v6->go = try;
    return true;
}

/* The peer's Interface-Identifier (pppd's ipv6cp_reqci). */
static enum fsm_reqci_result ipv6cp_judge(struct ipv6cp *v6, uint8_t type, struct buf_reader *v,
                                          size_t vlen, struct buf_writer *nak)
{
    const struct ipv6cp_options *wo = &v6->want;
    struct ipv6cp_options *go = &v6->go;

    if (type != IPV6CP_CI_IFACEID || vlen != 8)
        return FSM_REQ_REJ;               /* compression, unknown, or a bad length */
    uint64_t id = ipv6cp_get_id(v);
    if (id == 0 && go->ourid == 0)
        return FSM_REQ_REJ;
    enum fsm_reqci_result rc = FSM_REQ_ACK;
    if (wo->hisid != 0 && id != wo->hisid && go->hisid == 0) {
        /* We were told its identifier: say so, once. */
        id = go->hisid = wo->hisid;
        rc = FSM_REQ_NAK;
    } else if (id == 0 || id == go->ourid) {
        /* None, or a collision with ours: suggest another (RFC 5072 4.1). */
        if (go->hisid == 0)
            id = wo->hisid;
        if (id == 0 || id == go->ourid)
            id = ipv6cp_random_id(v6, go->ourid);
        go->hisid = id;
        rc = FSM_REQ_NAK;
    }
    if (rc == FSM_REQ_NAK)
        ipv6cp_put_id(nak, id);
    v6->ho.neg_ifaceid = true;
    v6->ho.hisid = id;
    return rc;
}

static enum fsm_reqci_result ipv6cp_reqci(struct fsm *f, const uint8_t *p, size_t len,
                                          struct buf_writer *w, bool reject_if_disagree)
{
    struct ipv6cp *v6 = ipv6cp_of(f);
    struct fsm_reply rp;
    struct buf_reader r, v;
    uint8_t type;
    size_t vlen, start;
    bool bad;

    memset(&v6->ho, 0, sizeof(v6->ho));
    fsm_reply_init(&rp);
    buf_reader_init(&r, p, len);
    for (start = r.pos; fsm_next_option(&r, &type, &v, &vlen, &bad); start = r.pos) {
        fsm_reply_mark(&rp);
        enum fsm_reqci_result rc = ipv6cp_judge(v6, type, &v, vlen, &rp.nak);
        fsm_reply_verdict(&rp, rc, reject_if_disagree, p + start, r.pos - start);
    }
    if (bad)
        return FSM_REQ_MALFORMED;
    return fsm_reply_finish(&rp, w, p, len);
}

static void ipv6cp_up(struct fsm *f)
{
    struct ipv6cp *v6 = ipv6cp_of(f);
    char a[IPV6CP_LLSTR_MAX];
    uint64_t remote = v6->ho.neg_ifaceid ? v6->ho.hisid : v6->want.hisid;
    const char *why = NULL;

    /* pppd ipv6cp_up: both ends need a non-zero, different identifier. */
    if (remote == 0)
        why = "Could not determine remote LL address";
    else if (v6->go.ourid == 0)
        why = "Could not determine local LL address";
    else if (v6->go.ourid == remote)
        why = "local and remote LL addresses are equal";
    if (why != NULL) {
        log_error("%s", why);
        fsm_close(f, f->now, why);
        return;
    }
    v6->up = true;
    v6->up_local = v6->go.ourid;
    v6->up_remote = remote;
    log_notice("local  LL address %s", ipv6cp_llstr(v6->up_local, a, sizeof(a)));
    log_notice("remote LL address %s", ipv6cp_llstr(v6->up_remote, a, sizeof(a)));
    v6->env->up(v6->env->ctx, PPP_PROTO_IPV6CP);
}

static void ipv6cp_down(struct fsm *f)
{
    struct ipv6cp *v6 = ipv6cp_of(f);

    if (!v6->up)
        return;
    v6->env->down(v6->env->ctx, PPP_PROTO_IPV6CP);
    v6->up = false;
}

static void ipv6cp_finished(struct fsm *f)
{
    ipv6cp_of(f)->env->finished(ipv6cp_of(f)->env->ctx, PPP_PROTO_IPV6CP);
}

static const struct fsm_callbacks ipv6cp_callbacks = {
    .name = "IPV6CP",
    .protocol = PPP_PROTO_IPV6CP,
    .resetci = ipv6cp_resetci,
    .addci = ipv6cp_addci,
    .nakci = ipv6cp_nakci,
    .rejci = ipv6cp_rejci,
    .reqci = ipv6cp_reqci,
    .up = ipv6cp_up,
    .down = ipv6cp_down,
    .finished = ipv6cp_finished,
};

static void ipv6cp_init(void *st, const struct proto_env *env)
{
    struct ipv6cp *v6 = st;

    v6->env = env;
    fsm_init(&v6->fsm, &ipv6cp_callbacks, v6, &env->s->ipv6cp.fsm, env->send, env->ctx);
}

static bool ipv6cp_enabled(const struct engine_settings *s)
{
    return s->ipv6cp.enable;     /* +ipv6; otherwise Protocol-Reject, as pppd */
}

static void ipv6cp_input(void *st, uint64_t now, const uint8_t *p, size_t len)
{
    struct ipv6cp *v6 = st;

    proto_fsm_input(&v6->fsm, v6->env->cnt, now, p, len);
}

static void ipv6cp_protrej(void *st, uint64_t now)
{
    log_debug("IPV6CP rejected by the peer");
    fsm_rxj(st, now, true);
}

static bool ipv6cp_data_ready(const void *st)
{
    const struct ipv6cp *v6 = st;

    return v6->up && v6->fsm.state == FSM_OPENED;
}

static bool ipv6cp_get(const void *st, struct engine_event *ev)
{
    const struct ipv6cp *v6 = st;

    memset(&ev->ipv6, 0, sizeof(ev->ipv6));
    if (!v6->up)
        return false;
    ev->ipv6.local = v6->up_local;
    ev->ipv6.remote = v6->up_remote;
    return true;
}

/* pppd ipv6cp_printpkt: "addr fe80::...", "compress 0x..." */
static void ipv6cp_print_option(struct pktlog_out *o, uint8_t type, struct buf_reader *v, size_t vlen)
{
    const uint8_t *raw = v->data + v->pos;

    if (type == IPV6CP_CI_IFACEID && vlen == 8) {
        char ll[IPV6CP_LLSTR_MAX];
        uint64_t hi = buf_get_u32(v);
        pktlog_printf(o, "addr %s", ipv6cp_llstr(hi << 32 | buf_get_u32(v), ll, sizeof(ll)));
        return;
    }
    if (type == IPV6CP_CI_COMPRESSTYPE && vlen >= 2) {
        pktlog_printf(o, "compress 0x%x", buf_get_u16(v));
        pktlog_hex(o, raw + 2, vlen - 2);
        return;
    }
    pktlog_printf(o, "%02x %02x", type, (unsigned)(vlen + 2));
    pktlog_hex(o, raw, vlen);
}

static void ipv6cp_print(struct pktlog_out *o, uint8_t code, uint8_t id, struct buf_reader *r)
{
    pktlog_fsm(o, code, id, r, ipv6cp_print_option, FSM_CODEREJ);
}

const struct protocol ipv6cp_protocol = {
    .protocol = PPP_PROTO_IPV6CP,
    .data_protocol = PPP_PROTO_IPV6,
    .name = "IPV6CP",
    .phase = ENGINE_PHASE_NETWORK,
    .size = sizeof(struct ipv6cp),
    .up_event = ENGINE_EV_IPV6_UP,
    .down_event = ENGINE_EV_IPV6_DOWN,
    .enabled = ipv6cp_enabled,
    .init = ipv6cp_init,
    .reset = ipv6cp_configure,
    .lower_up = proto_fsm_lower_up,
    .lower_down = proto_fsm_lower_down,
    .open = proto_fsm_open,
    .close = proto_fsm_close,
    .input = ipv6cp_input,
    .data_ready = ipv6cp_data_ready,
    .protrej = ipv6cp_protrej,
    .timeout = proto_fsm_timeout,
    .deadline = proto_fsm_deadline,
    .get = ipv6cp_get,
    .print = ipv6cp_print,
};
