/* lcp: LCP options and callbacks (RFC 1661 6, RFC 1662 7.1), pppd's rules. */
#include "lcp.h"

#include <string.h>

#include "common/buf.h"
#include "common/log.h"
#include "pppd-lite/proto/hints.h"
#include "pppd-lite/proto/pktlog.h"
#include "pppd-lite/proto/chap_ms.h"

static struct lcp *lcp_of(struct fsm *f)
{
    return f->owner;
}

static uint32_t lcp_new_magic(struct lcp *l)
{
    uint32_t m = 0;

    /* RFC 1661 6.4: zero is not a valid magic number. */
    while (m == 0)
        l->env->random(l->env->ctx, &m, sizeof(m));
    /* No 0x7f (DEL) byte: a remote login that still echoes in cooked mode
     * takes DEL as erase, so a frame carrying it never comes back intact and
     * the retransmitted request (same magic) would hide the loop for good. */
    for (unsigned shift = 0; shift < 32; shift += 8)
        if (((m >> shift) & 0xffu) == 0x7fu)
            m ^= 0x40u << shift;
    return m;
}

_Static_assert(offsetof(struct lcp, fsm) == 0, "the fsm operations take the state as a struct fsm");

static void lcp_configure(void *st)
{
    struct lcp *l = st;
    const struct engine_lcp_settings *s = &l->env->s->lcp;
    struct lcp_options *w = &l->want, *al = &l->allow;

    memset(w, 0, sizeof(*w));
    memset(al, 0, sizeof(*al));
    w->neg_mru = s->neg_mru;
    w->mru = s->mru ? s->mru : ENGINE_DEFAULT_MRU;
    w->neg_asyncmap = s->neg_asyncmap;
    w->asyncmap = s->asyncmap;
    w->neg_magic = s->neg_magic;
    w->neg_pfc = s->neg_pfc;
    w->neg_acfc = s->neg_acfc;
    al->neg_mru = true;
    al->neg_asyncmap = true;
    al->neg_magic = true;
    al->neg_pfc = s->neg_pfc;
    al->neg_acfc = s->neg_acfc;
    l->fsm.passive = s->passive;
    l->fsm.silent = s->silent;
}

void lcp_set_auth(struct lcp *l, bool want_pap, unsigned want_chap_md, bool can_pap,
                  unsigned can_chap_md)
{
    l->want.neg_chap = want_chap_md != 0;
    l->want.chap_md = want_chap_md;
    l->want.neg_upap = want_pap;
    l->allow.neg_upap = can_pap;
    l->allow.neg_chap = can_chap_md != 0;
    l->allow.chap_md = can_chap_md;
}

static void lcp_resetci(struct fsm *f)
{
    struct lcp *l = lcp_of(f);

    l->go = l->want;
    if (l->go.neg_magic)
        l->go.magic = lcp_new_magic(l);
    l->loops = 0;
}

/* Our request, in pppd's order: MRU, ACCM, auth, magic, PFC, ACFC. */
static void lcp_addci(struct fsm *f, struct buf_writer *w)
{
    const struct lcp_options *go = &lcp_of(f)->go;

    if (go->neg_mru && go->mru != ENGINE_DEFAULT_MRU) {
        buf_put_u8(w, LCP_CI_MRU);
        buf_put_u8(w, 4);
        buf_put_u16(w, go->mru);
    }
    if (go->neg_asyncmap) {
        buf_put_u8(w, LCP_CI_ASYNCMAP);
        buf_put_u8(w, 6);
        buf_put_u32(w, go->asyncmap);
    }
    if (go->neg_chap) {
        buf_put_u8(w, LCP_CI_AUTHTYPE);
        buf_put_u8(w, 5);
        buf_put_u16(w, PPP_PROTO_CHAP);
        buf_put_u8(w, chap_md_best(go->chap_md));
    } else if (go->neg_upap) {
        buf_put_u8(w, LCP_CI_AUTHTYPE);
        buf_put_u8(w, 4);
        buf_put_u16(w, PPP_PROTO_PAP);
    }
    if (go->neg_magic) {
        buf_put_u8(w, LCP_CI_MAGIC);
        buf_put_u8(w, 6);
        buf_put_u32(w, go->magic);
    }
    if (go->neg_pfc) {
        buf_put_u8(w, LCP_CI_PCOMP);
        buf_put_u8(w, 2);
    }
    if (go->neg_acfc) {
        buf_put_u8(w, LCP_CI_ACCOMP);
        buf_put_u8(w, 2);
    }
}

static bool lcp_nakci(struct fsm *f, const uint8_t *p, size_t len, bool treat_as_reject)
{
    struct lcp *l = lcp_of(f);
    struct lcp_options try = l->go;
    struct buf_reader r, v;
    uint8_t type;
    size_t vlen;
    bool bad, looped = false;

    buf_reader_init(&r, p, len);
    while (fsm_next_option(&r, &type, &v, &vlen, &bad)) {
        switch (type) {
        case LCP_CI_MRU:
            if (vlen != 2)
                return false;
            if (treat_as_reject) {
                if (l->go.neg_mru && l->go.mru != ENGINE_DEFAULT_MRU)
                    try.neg_mru = false;
            } else {
                uint16_t mru = buf_get_u16(&v);
                /* pppd: take a smaller MRU, or one up to the default. */
                if (mru >= ENGINE_MIN_MRU && (mru <= l->want.mru || mru <= ENGINE_DEFAULT_MRU)) {
                    try.mru = mru;
                    try.neg_mru = true;
                }
            }
            break;
        case LCP_CI_ASYNCMAP:
            if (vlen != 4)
                return false;
            if (l->go.neg_asyncmap && treat_as_reject)
                try.neg_asyncmap = false;
            else if (l->go.neg_asyncmap)
                try.asyncmap = l->go.asyncmap | buf_get_u32(&v);
            break;
        case LCP_CI_AUTHTYPE:
            if (vlen < 2)
                return false;
            if (!l->go.neg_chap && !l->go.neg_upap)
                break;      /* a suggestion for something we did not ask */
            {
                uint16_t proto = buf_get_u16(&v);
                uint8_t alg = vlen == 3 ? buf_get_u8(&v) : 0;
                if (l->go.neg_chap && proto == PPP_PROTO_CHAP && vlen == 3 &&
                    alg != chap_md_best(l->go.chap_md)) {
                    /* pppd: take another algorithm of ours the peer names,
                     * else drop the one asked and go down the list
                     * (MS-CHAPv2, MS-CHAP, MD5). */
                    if (l->go.chap_md & chap_md_bit(alg))
                        try.chap_md = chap_md_bit(alg);
                    else
                        try.chap_md &= ~chap_md_bit(chap_md_best(l->go.chap_md));
                    if (try.chap_md == 0)
                        try.neg_chap = false;
                } else if (l->go.neg_chap && proto == PPP_PROTO_PAP && vlen == 2 &&
                           l->go.neg_upap) {
                    try.neg_chap = false;           /* fall back to PAP */
                } else if (l->go.neg_chap) {
                    try.neg_chap = false;
                    /* The peer offers nothing we do besides: stop asking. */
                    if (!(proto == PPP_PROTO_PAP && vlen == 2))
                        try.neg_upap = false;
                } else {
                    try.neg_upap = false;
                }
            }
            break;
        case LCP_CI_MAGIC:
            if (vlen != 4)
                return false;
            if (l->go.neg_magic) {
                try.magic = lcp_new_magic(l);
                looped = true;
            }
            break;
        case LCP_CI_PCOMP:
        case LCP_CI_ACCOMP:
            if (vlen != 0)
                return false;
            if (treat_as_reject && type == LCP_CI_PCOMP)
                try.neg_pfc = false;
            else if (treat_as_reject)
                try.neg_acfc = false;
            break;
        default:
            /* RFC 1661 5.3: options we did not send may be suggested; we
             * do not want any of them. */
            break;
        }
    }
    if (bad)
        return false;
    l->go = try;
    if (looped) {
        if (++l->loops >= LCP_LOOPBACK_FAIL) {
            log_notice("Serial line is looped back.");
            hint_log(HINT_LOOPBACK);
            l->env->fail(l->env->ctx, ENGINE_EXIT_LOOPBACK, "Loopback detected");
        }
    } else {
        l->loops = 0;
    }
    return true;
}

static bool lcp_rejci(struct fsm *f, const uint8_t *p, size_t len)
{
    struct lcp *l = lcp_of(f);
    struct lcp_options try = l->go;
    struct buf_reader r, v;
    uint8_t type;
    size_t vlen;
    bool bad;

    buf_reader_init(&r, p, len);
    while (fsm_next_option(&r, &type, &v, &vlen, &bad)) {
        /* A Reject must only name options we sent (RFC 1661 5.4). */
        switch (type) {
        case LCP_CI_MRU:
            if (!l->go.neg_mru || l->go.mru == ENGINE_DEFAULT_MRU || vlen != 2)
                return false;
            try.neg_mru = false;
            break;
        case LCP_CI_ASYNCMAP:
            if (!l->go.neg_asyncmap || vlen != 4)
                return false;
            try.neg_asyncmap = false;
            break;
        case LCP_CI_AUTHTYPE:
            if (!l->go.neg_chap && !l->go.neg_upap)
                return false;
            if (l->go.neg_chap)
                try.neg_chap = false;
            else
                try.neg_upap = false;
            break;
        case LCP_CI_MAGIC:
            if (!l->go.neg_magic || vlen != 4)
                return false;
            try.neg_magic = false;
            break;
        case LCP_CI_PCOMP:
            if (!l->go.neg_pfc || vlen != 0)
                return false;
            try.neg_pfc = false;
            break;
        case LCP_CI_ACCOMP:
            if (!l->go.neg_acfc || vlen != 0)
                return false;
            try.neg_acfc = false;
            break;
        default:
            return false;
        }
    }
    if (bad)
        return false;
    l->go = try;
    return true;
}

/* The auth option we would rather have the peer ask for: CHAP first, with
 * our preferred algorithm (pppd: MS-CHAPv2, MS-CHAP, MD5). */
static bool lcp_put_auth_suggestion(const struct lcp *l, struct buf_writer *nak)
{
    if (l->allow.neg_chap && l->allow.chap_md != 0) {
        buf_put_u8(nak, LCP_CI_AUTHTYPE);
        buf_put_u8(nak, 5);
        buf_put_u16(nak, PPP_PROTO_CHAP);
        buf_put_u8(nak, chap_md_best(l->allow.chap_md));
        return true;
    }
    if (l->allow.neg_upap) {
        buf_put_u8(nak, LCP_CI_AUTHTYPE);
        buf_put_u8(nak, 4);
        buf_put_u16(nak, PPP_PROTO_PAP);
        return true;
    }
    return false;
}

static enum fsm_reqci_result lcp_judge_auth(struct lcp *l, struct buf_reader *v, size_t vlen,
                                            bool seen_auth, struct buf_writer *nak)
{
    uint16_t proto;

    if (seen_auth || vlen < 2 || (!l->allow.neg_upap && !l->allow.neg_chap))
        return FSM_REQ_REJ;
    proto = buf_get_u16(v);
    if (proto == PPP_PROTO_PAP && vlen == 2 && l->allow.neg_upap) {
        l->ho.neg_upap = true;
        return FSM_REQ_ACK;
    }
    if (proto == PPP_PROTO_CHAP && vlen == 3 && l->allow.neg_chap) {
        unsigned bit = chap_md_bit(buf_get_u8(v));
        if (l->allow.chap_md & bit) {
            l->ho.neg_chap = true;
            l->ho.chap_md = bit;
            return FSM_REQ_ACK;
        }
    }
    /* Something we cannot do: suggest what we can (RFC 1661 6.2). */
    return lcp_put_auth_suggestion(l, nak) ? FSM_REQ_NAK : FSM_REQ_REJ;
}

/* One option of the peer's request: the verdict, Nak values into nak. */
static enum fsm_reqci_result lcp_judge(struct lcp *l, uint8_t type, struct buf_reader *v,
                                       size_t vlen, bool *seen_auth, struct buf_writer *nak)
{
    switch (type) {
    case LCP_CI_MRU:
        if (vlen != 2)
            return FSM_REQ_REJ;
        l->ho.mru = buf_get_u16(v);
        if (l->ho.mru < ENGINE_MIN_MRU) {
            buf_put_u8(nak, LCP_CI_MRU);
            buf_put_u8(nak, 4);
            buf_put_u16(nak, ENGINE_MIN_MRU);
            return FSM_REQ_NAK;
        }
        l->ho.neg_mru = true;
        return FSM_REQ_ACK;
    case LCP_CI_ASYNCMAP:
        if (vlen != 4)
            return FSM_REQ_REJ;
        l->ho.neg_asyncmap = true;
        l->ho.asyncmap = buf_get_u32(v);
        return FSM_REQ_ACK;
    case LCP_CI_AUTHTYPE: {
        enum fsm_reqci_result rc = lcp_judge_auth(l, v, vlen, *seen_auth, nak);
        *seen_auth = true;
        return rc;
    }
    case LCP_CI_MAGIC:
        if (vlen != 4)
            return FSM_REQ_REJ;
        l->ho.magic = buf_get_u32(v);
        if (l->go.neg_magic && l->ho.magic == l->go.magic) {
            /* Our own magic: a looped line, or a coincidence. pppd Naks
             * with a fresh number; our Nak of it counts loops. */
            buf_put_u8(nak, LCP_CI_MAGIC);
            buf_put_u8(nak, 6);
            buf_put_u32(nak, lcp_new_magic(l));
            return FSM_REQ_NAK;
        }
        l->ho.neg_magic = true;
        return FSM_REQ_ACK;
    case LCP_CI_PCOMP:
        if (vlen != 0 || !l->allow.neg_pfc)
            return FSM_REQ_REJ;
        l->ho.neg_pfc = true;
        return FSM_REQ_ACK;
    case LCP_CI_ACCOMP:
        if (vlen != 0 || !l->allow.neg_acfc)
            return FSM_REQ_REJ;
        l->ho.neg_acfc = true;
        return FSM_REQ_ACK;
    default:
        return FSM_REQ_REJ;
    }
}

static enum fsm_reqci_result lcp_reqci(struct fsm *f, const uint8_t *p, size_t len,
                                       struct buf_writer *w, bool reject_if_disagree)
{
    struct lcp *l = lcp_of(f);
    struct fsm_reply rp;
    struct buf_reader r, v;
    uint8_t type;
    size_t vlen, start;
    bool bad, seen_auth = false;

    memset(&l->ho, 0, sizeof(l->ho));
    fsm_reply_init(&rp);
    buf_reader_init(&r, p, len);
    for (start = r.pos; fsm_next_option(&r, &type, &v, &vlen, &bad); start = r.pos) {
        fsm_reply_mark(&rp);
        enum fsm_reqci_result rc = lcp_judge(l, type, &v, vlen, &seen_auth, &rp.nak);
        /* pppd never rejects a magic number for Max-Failure: the Naks of a
         * looped line must reach the loopback count. */
        fsm_reply_verdict(&rp, rc, reject_if_disagree && type != LCP_CI_MAGIC, p + start,
                          r.pos - start);
    }
    if (bad)
        return FSM_REQ_MALFORMED;
    return fsm_reply_finish(&rp, w, p, len);
}

static void lcp_schedule_echo(struct lcp *l, uint64_t now)
{
    uint32_t iv = l->env->s->lcp.echo_interval_ms;

    l->echo_deadline = iv ? now + iv : UINT64_MAX;
}

static void lcp_up(struct fsm *f)
{
    struct lcp *l = lcp_of(f);

    /* Code-Reject and Protocol-Reject copies must fit the peer's MRU. */
    f->peer_mru = l->ho.neg_mru && l->ho.mru < FSM_PKT_MAX ? l->ho.mru : FSM_PKT_MAX;
    l->echos_pending = 0;
    lcp_schedule_echo(l, f->now);
    l->env->up(l->env->ctx, PPP_PROTO_LCP);
}

static void lcp_down(struct fsm *f)
{
    struct lcp *l = lcp_of(f);

    l->echo_deadline = UINT64_MAX;
    f->peer_mru = FSM_PKT_MAX;
    l->env->down(l->env->ctx, PPP_PROTO_LCP);
}

static void lcp_finished(struct fsm *f)
{
    if (f->timed_out)
        hint_log(HINT_LCP_TIMEOUT);
    lcp_of(f)->env->finished(lcp_of(f)->env->ctx, PPP_PROTO_LCP);
}

static void lcp_rprotrej(struct lcp *l, const uint8_t *p, size_t len)
{
    struct buf_reader r;
    uint16_t proto;

    buf_reader_init(&r, p, len);
    proto = buf_get_u16(&r);
    if (!buf_reader_ok(&r)) {
        l->fsm.malformed++;
        log_debug("LCP: discarding malformed Protocol-Reject");
        return;
    }
    if (l->fsm.state != FSM_OPENED) {
        l->fsm.unexpected++;
        log_debug("LCP: Protocol-Reject discarded: LCP not open");
        return;
    }
    if (proto == PPP_PROTO_LCP) {
        /* RFC 1661 5.7: rejecting LCP itself is catastrophic. */
        fsm_rxj(&l->fsm, l->fsm.now, true);
        return;
    }
    l->env->rejected(l->env->ctx, proto);
}

static void lcp_rechoreq(struct lcp *l, uint8_t id, const uint8_t *p, size_t len)
{
    uint8_t reply[FSM_PKT_MAX];
    struct buf_writer w;

    if (len < 4) {
        l->fsm.malformed++;
        log_debug("LCP: discarding short Echo-Request");
        return;
    }
    if (l->fsm.state != FSM_OPENED)
        return;
    /* RFC 1661 5.8: our magic number (0 if not negotiated), their data. */
    buf_writer_init(&w, reply, sizeof(reply));
    buf_put_u32(&w, l->go.neg_magic ? l->go.magic : 0);
    buf_put_bytes(&w, p + 4, len - 4 > sizeof(reply) - 4 ? sizeof(reply) - 4 : len - 4);
    fsm_send_packet(&l->fsm, FSM_ECHOREP, id, reply, buf_writer_len(&w));
}

static void lcp_rechorep(struct lcp *l, const uint8_t *p, size_t len)
{
    struct buf_reader r;
    uint32_t magic;

    buf_reader_init(&r, p, len);
    magic = buf_get_u32(&r);
    if (!buf_reader_ok(&r)) {
        l->fsm.malformed++;
        log_debug("LCP: discarding short Echo-Reply");
        return;
    }
    if (l->fsm.state != FSM_OPENED)
        return;
    if (l->go.neg_magic && magic == l->go.magic) {
        log_warn("appear to have received our own echo-reply!");
        return;
    }
    l->env->cnt->echo_replies_rcvd++;
    l->echos_pending = 0;
}

static bool lcp_extcode(struct fsm *f, uint8_t code, uint8_t id, const uint8_t *p, size_t len)
{
    struct lcp *l = lcp_of(f);

    switch (code) {
    case FSM_PROTREJ:
        lcp_rprotrej(l, p, len);
        return true;
    case FSM_ECHOREQ:
        lcp_rechoreq(l, id, p, len);
        return true;
    case FSM_ECHOREP:
        lcp_rechorep(l, p, len);
        return true;
    case FSM_DISCREQ:
        return true;                          /* RFC 1661 5.10: silently discard */
    default:
        return false;
    }
}

static void lcp_echo_timeout(struct lcp *l, uint64_t now)
{
    uint8_t data[4];
    struct buf_writer w;

    if (l->echo_deadline == UINT64_MAX || now < l->echo_deadline)
        return;
    if (l->fsm.state != FSM_OPENED) {
        l->echo_deadline = UINT64_MAX;
        return;
    }
    if (l->env->s->lcp.echo_failure > 0 && l->echos_pending >= l->env->s->lcp.echo_failure) {
        log_info("No response to %u echo-requests", l->echos_pending);
        log_notice("Serial link appears to be disconnected.");
        hint_log(HINT_ECHO_TIMEOUT);
        l->echo_deadline = UINT64_MAX;
        l->env->fail(l->env->ctx, ENGINE_EXIT_PEER_DEAD, "Peer not responding");
        return;
    }
    buf_writer_init(&w, data, sizeof(data));
    buf_put_u32(&w, l->go.neg_magic ? l->go.magic : 0);
    fsm_send_packet(&l->fsm, FSM_ECHOREQ, fsm_next_id(&l->fsm), data, sizeof(data));
    l->echos_pending++;
    l->env->cnt->echo_requests_sent++;
    lcp_schedule_echo(l, now);
}

/* pppd lcp.c (DELAYED_UP): after a connect script the remote end may still
 * be a login shell that echoes what we send; our Configure-Requests would
 * come back as if the line were looped. So the Up event waits until the
 * peer shows it speaks PPP (its first LCP packet) or listen time passes.
 * Only LCP counts: anything else is dropped while LCP is not Opened. */
void lcp_lowerup(struct lcp *l, uint64_t now)
{
    uint32_t wait = l->env->s->lcp.listen_time_ms;

    l->delayed_up = false;
    if (wait == 0) {
        fsm_lowerup(&l->fsm, now);
        return;
    }
    l->delayed_up = true;
    l->delayed_up_at = now + wait;
    log_debug("LCP: waiting up to %u ms for the peer's first LCP packet", (unsigned)wait);
}

bool lcp_cancel_delayed_up(struct lcp *l)
{
    bool was = l->delayed_up;

    l->delayed_up = false;
    return was;
}

void lcp_lowerdown(struct lcp *l, uint64_t now)
{
    if (!lcp_cancel_delayed_up(l))
        fsm_lowerdown(&l->fsm, now);
}

static void lcp_delayed_up(struct lcp *l, uint64_t now)
{
    if (lcp_cancel_delayed_up(l))
        fsm_lowerup(&l->fsm, now);
}

static void lcp_input(void *st, uint64_t now, const uint8_t *p, size_t len)
{
    struct lcp *l = st;

    lcp_delayed_up(l, now);
    proto_fsm_input(&l->fsm, l->env->cnt, now, p, len);
}

static void lcp_timeout(void *st, uint64_t now)
{
    struct lcp *l = st;

    if (l->delayed_up && now >= l->delayed_up_at) {
        log_debug("LCP: no LCP packet from the peer within the connect delay");
        lcp_delayed_up(l, now);
    }
    fsm_timeout(&l->fsm, now);
    lcp_echo_timeout(l, now);
}

static uint64_t lcp_deadline(const void *st)
{
    const struct lcp *l = st;
    uint64_t d = fsm_deadline(&l->fsm);

    if (l->delayed_up && l->delayed_up_at < d)
        d = l->delayed_up_at;
    return l->echo_deadline < d ? l->echo_deadline : d;
}

void lcp_send_protrej(struct lcp *l, uint16_t protocol, const uint8_t *p, size_t len)
{
    uint8_t data[FSM_PKT_MAX];
    struct buf_writer w;
    size_t room = (size_t)l->fsm.peer_mru - FSM_HEADER_LEN - 2;
    const char *name = pktlog_protocol_name(protocol);

    if (*l->env->debug) {
        if (name != NULL)
            log_warn("Unsupported protocol '%s' (0x%x) received", name, protocol);
        else
            log_warn("Unsupported protocol 0x%x received", protocol);
    }
    /* RFC 1661 5.7: the rejected protocol, then its information field
     * truncated to the peer's MRU. */
    buf_writer_init(&w, data, sizeof(data));
    buf_put_u16(&w, protocol);
    buf_put_bytes(&w, p, len > room ? room : len);
    fsm_send_packet(&l->fsm, FSM_PROTREJ, fsm_next_id(&l->fsm), data, buf_writer_len(&w));
}

static const struct fsm_callbacks lcp_callbacks = {
    .name = "LCP",
    .protocol = PPP_PROTO_LCP,
    .resetci = lcp_resetci,
    .addci = lcp_addci,
    .nakci = lcp_nakci,
    .rejci = lcp_rejci,
    .reqci = lcp_reqci,
    .up = lcp_up,
    .down = lcp_down,
    .finished = lcp_finished,
    .extcode = lcp_extcode,
};

static void lcp_init(void *st, const struct proto_env *env)
{
    struct lcp *l = st;

    l->env = env;
    fsm_init(&l->fsm, &lcp_callbacks, l, &env->s->lcp.fsm, env->send, env->ctx);
    l->echo_deadline = UINT64_MAX;
}

static void lcp_lower_up(void *st, uint64_t now)
{
    lcp_lowerup(st, now);
}

static void lcp_lower_down(void *st, uint64_t now)
{
    lcp_lowerdown(st, now);
}

/* One LCP option: pppd's words for the ones we know, else hex. */
static void lcp_print_option(struct pktlog_out *o, uint8_t type, struct buf_reader *v, size_t vlen)
{
    const uint8_t *raw = v->data + v->pos;

    switch (type) {
    case LCP_CI_MRU:
        if (vlen == 2) {
            pktlog_printf(o, "mru %u", buf_get_u16(v));
            return;
        }
        break;
    case LCP_CI_ASYNCMAP:
        if (vlen == 4) {
            pktlog_printf(o, "asyncmap 0x%x", buf_get_u32(v));
            return;
        }
        break;
    case LCP_CI_AUTHTYPE:
        if (vlen >= 2) {
            uint16_t proto = buf_get_u16(v);
            if (proto == PPP_PROTO_PAP && vlen == 2) {
                pktlog_printf(o, "auth pap");
                return;
            }
            if (proto == PPP_PROTO_CHAP && vlen == 3) {
                uint8_t alg = buf_get_u8(v);
                if (chap_md_name(alg) != NULL)
                    pktlog_printf(o, "auth chap %s", chap_md_name(alg));
                else
                    pktlog_printf(o, "auth chap 0x%x", alg);
                return;
            }
            pktlog_printf(o, "auth 0x%x", proto);
            pktlog_hex(o, raw + 2, vlen - 2);
            return;
        }
        break;
    case LCP_CI_MAGIC:
        if (vlen == 4) {
            pktlog_printf(o, "magic 0x%x", buf_get_u32(v));
            return;
        }
        break;
    case LCP_CI_PCOMP:
        if (vlen == 0) {
            pktlog_printf(o, "pcomp");
            return;
        }
        break;
    case LCP_CI_ACCOMP:
        if (vlen == 0) {
            pktlog_printf(o, "accomp");
            return;
        }
        break;
    default:
        break;
    }
    pktlog_printf(o, "%02x %02x", type, (unsigned)(vlen + 2));
    pktlog_hex(o, raw, vlen);
}

static void lcp_print(struct pktlog_out *o, uint8_t code, uint8_t id, struct buf_reader *r)
{
    pktlog_fsm(o, code, id, r, lcp_print_option, FSM_DISCREQ);
}

/* LCP carries the link: the engine drives its Open, Close and Protocol-
 * Reject itself (as pppd); the row gives the rest. */
const struct protocol lcp_protocol = {
    .protocol = PPP_PROTO_LCP,
    .name = "LCP",
    .phase = ENGINE_PHASE_ESTABLISH,
    .size = sizeof(struct lcp),
    .init = lcp_init,
    .reset = lcp_configure,
    .lower_up = lcp_lower_up,
    .lower_down = lcp_lower_down,
    .open = proto_fsm_open,
    .input = lcp_input,
    .timeout = lcp_timeout,
    .deadline = lcp_deadline,
    .print = lcp_print,
};
