/* fsm: RFC 1661 section 4 automaton (state table 4.1, actions 4.4, timers 4.6). */
#include "fsm.h"

#include <stdio.h>
#include <string.h>

#include "common/log.h"

#define FSM_TIMER_OFF UINT64_MAX

static const char *const fsm_state_names[FSM_NSTATES] = {
    "Initial", "Starting", "Closed", "Stopped", "Closing",
    "Stopping", "Req-Sent", "Ack-Rcvd", "Ack-Sent", "Opened",
};

const char *fsm_state_name(enum fsm_state s)
{
    return (unsigned)s < FSM_NSTATES ? fsm_state_names[s] : "?";
}

const char *fsm_code_name(uint8_t code)
{
    static const char *const names[] = {
        NULL, "ConfReq", "ConfAck", "ConfNak", "ConfRej", "TermReq", "TermAck",
        "CodeRej", "ProtRej", "EchoReq", "EchoRep", "DiscReq",
    };
    return code < sizeof(names) / sizeof(names[0]) && names[code] ? names[code] : NULL;
}

void fsm_init(struct fsm *f, const struct fsm_callbacks *cb, void *owner,
              const struct engine_fsm_settings *cfg, fsm_send_fn send, void *send_ctx)
{
    memset(f, 0, sizeof(*f));
    f->cb = cb;
    f->owner = owner;
    f->cfg = *cfg;
    if (f->cfg.max_configure == 0)
        f->cfg.max_configure = 1;
    if (f->cfg.max_terminate == 0)
        f->cfg.max_terminate = 1;
    f->send = send;
    f->send_ctx = send_ctx;
    f->state = FSM_INITIAL;
    f->deadline = FSM_TIMER_OFF;
    f->peer_mru = FSM_PKT_MAX;
}

uint64_t fsm_deadline(const struct fsm *f)
{
    return f->deadline;
}

uint8_t fsm_next_id(struct fsm *f)
{
    return ++f->id;
}

static void fsm_set_state(struct fsm *f, enum fsm_state s)
{
    if (f->state != s)
        log_debug("%s: %s -> %s", f->cb->name, fsm_state_name(f->state), fsm_state_name(s));
    f->state = s;
    /* The restart timer only runs in Closing, Stopping, Req-Sent, Ack-Rcvd
     * and Ack-Sent (RFC 1661 4.6). */
    if (s < FSM_CLOSING || s == FSM_OPENED)
        f->deadline = FSM_TIMER_OFF;
}

static void fsm_start_timer(struct fsm *f)
{
    f->deadline = f->now + f->cfg.restart_ms;
}

void fsm_send_packet(struct fsm *f, uint8_t code, uint8_t id, const uint8_t *data, size_t len)
{
    struct buf_writer w;

    if (len > sizeof(f->obuf) - FSM_HEADER_LEN)
        len = sizeof(f->obuf) - FSM_HEADER_LEN;
    buf_writer_init(&w, f->obuf, sizeof(f->obuf));
    buf_put_u8(&w, code);
    buf_put_u8(&w, id);
    buf_put_u16(&w, (uint16_t)(len + FSM_HEADER_LEN));
    if (len > 0)
        buf_put_bytes(&w, data, len);
    f->send(f->send_ctx, f->cb->protocol, f->obuf, buf_writer_len(&w));
}

/* Actions of RFC 1661 4.4. */
static void fsm_tlu(struct fsm *f)
{
    if (f->cb->up)
        f->cb->up(f);
}

static void fsm_tld(struct fsm *f)
{
    if (f->cb->down)
        f->cb->down(f);
}

static void fsm_tls(struct fsm *f)
{
    if (f->cb->starting)
        f->cb->starting(f);
}

static void fsm_tlf(struct fsm *f)
{
    if (f->cb->finished)
        f->cb->finished(f);
}

static void fsm_irc_configure(struct fsm *f)
{
    f->restart_count = f->cfg.max_configure;
}

static void fsm_irc_terminate(struct fsm *f)
{
    f->restart_count = f->cfg.max_terminate;
}

/* scr: a new Configure-Request gets a new identifier; a retransmission
 * (TO+) keeps it, as pppd does. */
static void fsm_scr(struct fsm *f, bool retransmit)
{
    uint8_t opts[FSM_PKT_MAX - FSM_HEADER_LEN];
    struct buf_writer w;

    if (!retransmit) {
        if (f->state != FSM_REQSENT && f->state != FSM_ACKRCVD && f->state != FSM_ACKSENT) {
            /* Start of a negotiation: forget the old one. */
            f->cb->resetci(f);
            f->nak_loops = 0;
            f->rnak_loops = 0;
            f->peer_reason[0] = '\0';
            f->timed_out = false;
        }
        f->reqid = fsm_next_id(f);
    }
    f->seen_ack = false;
    buf_writer_init(&w, opts, sizeof(opts));
    f->cb->addci(f, &w);
    fsm_send_packet(f, FSM_CONFREQ, f->reqid, opts, buf_writer_len(&w));
    if (f->restart_count > 0)
        f->restart_count--;
    fsm_start_timer(f);
}

static void fsm_str(struct fsm *f)
{
    size_t n = strlen(f->term_reason);

    f->reqid = fsm_next_id(f);
    fsm_send_packet(f, FSM_TERMREQ, f->reqid, (const uint8_t *)f->term_reason, n);
    if (f->restart_count > 0)
        f->restart_count--;
    fsm_start_timer(f);
}

static void fsm_sta(struct fsm *f, uint8_t id)
{
    fsm_send_packet(f, FSM_TERMACK, id, NULL, 0);
}

/* scj: Code-Reject carrying as much of the packet as the peer accepts. */
static void fsm_scj(struct fsm *f, const uint8_t *pkt, size_t len)
{
    size_t room = (f->peer_mru > FSM_HEADER_LEN ? f->peer_mru : FSM_PKT_MAX) - FSM_HEADER_LEN;

    if (len > room)
        len = room;
    fsm_send_packet(f, FSM_CODEREJ, fsm_next_id(f), pkt, len);
}

static void fsm_set_reason(struct fsm *f, const char *reason)
{
    snprintf(f->term_reason, sizeof(f->term_reason), "%s", reason ? reason : "");
}

void fsm_lowerup(struct fsm *f, uint64_t now)
{
    f->now = now;
    switch (f->state) {
    case FSM_INITIAL:
        fsm_set_state(f, FSM_CLOSED);
        break;
    case FSM_STARTING:
        if (f->silent) {
            fsm_set_state(f, FSM_STOPPED);
        } else {
            fsm_irc_configure(f);
            fsm_scr(f, false);
            fsm_set_state(f, FSM_REQSENT);
        }
        break;
    default:
        log_debug("%s: Up event in state %s", f->cb->name, fsm_state_name(f->state));
        break;
    }
}

void fsm_lowerdown(struct fsm *f, uint64_t now)
{
    f->now = now;
    switch (f->state) {
    case FSM_CLOSED:
    case FSM_CLOSING:
        fsm_set_state(f, FSM_INITIAL);
        break;
    case FSM_STOPPED:
        fsm_set_state(f, FSM_STARTING);
        fsm_tls(f);
        break;
    case FSM_STOPPING:
    case FSM_REQSENT:
    case FSM_ACKRCVD:
    case FSM_ACKSENT:
        fsm_set_state(f, FSM_STARTING);
        break;
    case FSM_OPENED:
        fsm_set_state(f, FSM_STARTING);
        fsm_tld(f);
        break;
    default:
        log_debug("%s: Down event in state %s", f->cb->name, fsm_state_name(f->state));
        break;
    }
}

void fsm_open(struct fsm *f, uint64_t now)
{
    f->now = now;
    switch (f->state) {
    case FSM_INITIAL:
        fsm_set_state(f, FSM_STARTING);
        fsm_tls(f);
        break;
    case FSM_CLOSED:
        if (f->silent) {
            fsm_set_state(f, FSM_STOPPED);
        } else {
            fsm_irc_configure(f);
            fsm_scr(f, false);
            fsm_set_state(f, FSM_REQSENT);
        }
        break;
    case FSM_CLOSING:
        fsm_set_state(f, FSM_STOPPING);
        break;
    default:
        /* Starting, Stopped, Stopping, Req-Sent, Ack-Rcvd, Ack-Sent, Opened:
         * no change (we do not implement the optional restart "r"). */
        break;
    }
}

void fsm_close(struct fsm *f, uint64_t now, const char *reason)
{
    f->now = now;
    fsm_set_reason(f, reason);
    switch (f->state) {
    case FSM_STARTING:
        fsm_set_state(f, FSM_INITIAL);
        fsm_tlf(f);
        break;
    case FSM_STOPPED:
        fsm_set_state(f, FSM_CLOSED);
        break;
    case FSM_STOPPING:
        fsm_set_state(f, FSM_CLOSING);
        break;
    case FSM_OPENED:
        fsm_set_state(f, FSM_CLOSING);
        fsm_tld(f);
        fsm_irc_terminate(f);
        fsm_str(f);
        break;
    case FSM_REQSENT:
    case FSM_ACKRCVD:
    case FSM_ACKSENT:
        fsm_irc_terminate(f);
        fsm_str(f);
        fsm_set_state(f, FSM_CLOSING);
        break;
    default:
        /* Initial, Closed, Closing: no change. */
        break;
    }
}

void fsm_timeout(struct fsm *f, uint64_t now)
{
    if (f->deadline == FSM_TIMER_OFF || now < f->deadline)
        return;
    f->now = now;
    f->deadline = FSM_TIMER_OFF;
    switch (f->state) {
    case FSM_CLOSING:
    case FSM_STOPPING:
        if (f->restart_count > 0) {
            fsm_str(f);                       /* TO+ */
        } else {
            fsm_set_state(f, f->state == FSM_CLOSING ? FSM_CLOSED : FSM_STOPPED);
            fsm_tlf(f);                       /* TO- */
        }
        break;
    case FSM_REQSENT:
    case FSM_ACKRCVD:
    case FSM_ACKSENT:
        if (f->restart_count > 0) {
            fsm_scr(f, true);                 /* TO+ */
            if (f->state == FSM_ACKRCVD)
                fsm_set_state(f, FSM_REQSENT);
        } else {
            log_warn("%s: timeout sending Config-Requests", f->cb->name);
            f->timed_out = true;
            fsm_set_state(f, FSM_STOPPED);   /* TO- */
            if (!f->passive)
                fsm_tlf(f);
        }
        break;
    default:
        break;
    }
}

static void fsm_discard(struct fsm *f, const char *why, uint8_t code)
{
    f->unexpected++;
    log_debug("%s: discarding %s in state %s (%s)", f->cb->name,
              fsm_code_name(code) ? fsm_code_name(code) : "packet", fsm_state_name(f->state), why);
}

static void fsm_malformed(struct fsm *f, const char *why)
{
    f->malformed++;
    log_debug("%s: discarding malformed packet: %s", f->cb->name, why);
}

/* RCR+ / RCR-: judge the request, answer it, move on. */
static void fsm_rconfreq(struct fsm *f, uint8_t id, const uint8_t *p, size_t len)
{
    uint8_t reply[FSM_PKT_MAX - FSM_HEADER_LEN];
    struct buf_writer w;
    enum fsm_reqci_result rc;

    switch (f->state) {
    case FSM_CLOSED:
        fsm_sta(f, id);
        return;
    case FSM_CLOSING:
    case FSM_STOPPING:
        fsm_discard(f, "terminating", FSM_CONFREQ);
        return;
    default:
        break;
    }
    /* Judge the options before any action, so a malformed request changes
     * nothing. */
    buf_writer_init(&w, reply, sizeof(reply));
    rc = f->cb->reqci(f, p, len, &w, f->nak_loops >= f->cfg.max_failure);
    if (rc == FSM_REQ_MALFORMED || !buf_writer_ok(&w)) {
        fsm_malformed(f, "bad Configure-Request options");
        return;
    }
    switch (f->state) {
    case FSM_OPENED:
        fsm_tld(f);
        fsm_scr(f, false);
        break;
    case FSM_STOPPED:
        fsm_irc_configure(f);
        fsm_scr(f, false);
        break;
    default:
        break;
    }
    fsm_send_packet(f, (uint8_t)rc, id, reply, buf_writer_len(&w));
    if (rc == FSM_REQ_ACK) {
        f->nak_loops = 0;
        if (f->state == FSM_ACKRCVD) {
            fsm_set_state(f, FSM_OPENED);
            fsm_tlu(f);
        } else {
            fsm_set_state(f, FSM_ACKSENT);
        }
    } else {
        if (rc == FSM_REQ_NAK)
            f->nak_loops++;
        if (f->state != FSM_ACKRCVD)
            fsm_set_state(f, FSM_REQSENT);
    }
}

/* Ack, Nak and Reject: Closed and Stopped answer them with Terminate-Ack
 * (RFC 1661 4.1 "sta"), Closing and Stopping ignore them, the other states
 * take only a reply to our outstanding request. */
static bool fsm_reply_expected(struct fsm *f, uint8_t code, uint8_t id)
{
    switch (f->state) {
    case FSM_CLOSED:
    case FSM_STOPPED:
        fsm_sta(f, id);
        return false;
    case FSM_CLOSING:
    case FSM_STOPPING:
        fsm_discard(f, "terminating", code);
        return false;
    default:
        break;
    }
    if (id != f->reqid || f->seen_ack) {
        fsm_discard(f, "identifier does not match our request", code);
        return false;
    }
    return true;
}

/* RFC 1661 5.2: the Ack lists exactly the options of our request. */
static bool fsm_ack_matches(struct fsm *f, const uint8_t *p, size_t len)
{
    uint8_t opts[FSM_PKT_MAX - FSM_HEADER_LEN];
    struct buf_writer w;

    buf_writer_init(&w, opts, sizeof(opts));
    f->cb->addci(f, &w);
    return buf_writer_len(&w) == len && (len == 0 || memcmp(opts, p, len) == 0);
}

static void fsm_rconfack(struct fsm *f, uint8_t id, const uint8_t *p, size_t len)
{
    if (!fsm_reply_expected(f, FSM_CONFACK, id))
        return;
    if (!fsm_ack_matches(f, p, len)) {
        fsm_malformed(f, "Configure-Ack does not match our request");
        return;
    }
    f->seen_ack = true;
    f->rnak_loops = 0;
    switch (f->state) {
    case FSM_REQSENT:
        fsm_irc_configure(f);
        fsm_set_state(f, FSM_ACKRCVD);
        break;
    case FSM_ACKRCVD:
        /* Crossed connection (RFC 1661 "x"): start over. */
        fsm_scr(f, false);
        fsm_set_state(f, FSM_REQSENT);
        break;
    case FSM_ACKSENT:
        fsm_irc_configure(f);
        fsm_set_state(f, FSM_OPENED);
        fsm_tlu(f);
        break;
    case FSM_OPENED:
        fsm_tld(f);
        fsm_scr(f, false);
        fsm_set_state(f, FSM_REQSENT);
        break;
    default:
        break;
    }
}

static void fsm_rconfnakrej(struct fsm *f, uint8_t code, uint8_t id, const uint8_t *p, size_t len)
{
    bool ok;

    if (!fsm_reply_expected(f, code, id))
        return;
    if (code == FSM_CONFNAK)
        ok = f->cb->nakci(f, p, len, f->rnak_loops >= f->cfg.max_failure);
    else
        ok = f->cb->rejci(f, p, len);
    if (!ok) {
        fsm_malformed(f, code == FSM_CONFNAK ? "bad Configure-Nak" : "bad Configure-Reject");
        return;
    }
    f->seen_ack = true;
    f->rnak_loops = code == FSM_CONFNAK ? f->rnak_loops + 1 : 0;
    /* Naks that keep coming after we dropped what they named (a peer that
     * never converges): give up as after Max-Configure, so the link ends
     * in bounded time instead of ping-ponging requests forever. */
    if (f->rnak_loops > f->cfg.max_failure + f->cfg.max_configure && f->state >= FSM_REQSENT &&
        f->state <= FSM_ACKSENT) {
        log_warn("%s: peer keeps sending Configure-Naks: giving up", f->cb->name);
        fsm_set_state(f, FSM_STOPPED);
        if (!f->passive)
            fsm_tlf(f);
        return;
    }
    /* The protocol may have closed us (loopback detected) from nakci. */
    switch (f->state) {
    case FSM_REQSENT:
        fsm_irc_configure(f);
        fsm_scr(f, false);
        break;
    case FSM_ACKRCVD:
        fsm_scr(f, false);
        fsm_set_state(f, FSM_REQSENT);
        break;
    case FSM_ACKSENT:
        fsm_irc_configure(f);
        fsm_scr(f, false);
        break;
    case FSM_OPENED:
        fsm_tld(f);
        fsm_scr(f, false);
        fsm_set_state(f, FSM_REQSENT);
        break;
    default:
        break;
    }
}

static void fsm_rtermreq(struct fsm *f, uint8_t id, const uint8_t *p, size_t len)
{
    char why[128];

    switch (f->state) {
    case FSM_CLOSED:
    case FSM_STOPPED:
    case FSM_CLOSING:
    case FSM_STOPPING:
        fsm_sta(f, id);
        break;
    case FSM_REQSENT:
    case FSM_ACKRCVD:
    case FSM_ACKSENT:
        fsm_sta(f, id);
        fsm_set_state(f, FSM_REQSENT);
        break;
    case FSM_OPENED:
        if (len > 0) {
            log_printable(why, sizeof(why), p, len);
            log_info("%s terminated by peer (%s)", f->cb->name, why);
            snprintf(f->peer_reason, sizeof(f->peer_reason), "terminated by peer (%s)", why);
        } else {
            log_info("%s terminated by peer", f->cb->name);
            snprintf(f->peer_reason, sizeof(f->peer_reason), "terminated by peer");
        }
        fsm_set_state(f, FSM_STOPPING);
        fsm_tld(f);
        f->restart_count = 0;                 /* zrc */
        fsm_start_timer(f);
        fsm_sta(f, id);
        break;
    default:
        break;
    }
}

static void fsm_rtermack(struct fsm *f)
{
    switch (f->state) {
    case FSM_CLOSING:
        fsm_set_state(f, FSM_CLOSED);
        fsm_tlf(f);
        break;
    case FSM_STOPPING:
        fsm_set_state(f, FSM_STOPPED);
        fsm_tlf(f);
        break;
    case FSM_ACKRCVD:
        fsm_set_state(f, FSM_REQSENT);
        break;
    case FSM_OPENED:
        fsm_tld(f);
        fsm_scr(f, false);
        fsm_set_state(f, FSM_REQSENT);
        break;
    default:
        /* Closed, Stopped, Req-Sent, Ack-Sent: no change. */
        break;
    }
}

void fsm_rxj(struct fsm *f, uint64_t now, bool catastrophic)
{
    f->now = now;
    if (!catastrophic) {
        /* RXJ+: no change in any state. */
        if (f->state == FSM_ACKRCVD)
            fsm_set_state(f, FSM_REQSENT);
        return;
    }
    switch (f->state) {
    case FSM_CLOSED:
    case FSM_STOPPED:
        fsm_tlf(f);
        break;
    case FSM_CLOSING:
        fsm_set_state(f, FSM_CLOSED);
        fsm_tlf(f);
        break;
    case FSM_STOPPING:
    case FSM_REQSENT:
    case FSM_ACKRCVD:
    case FSM_ACKSENT:
        fsm_set_state(f, FSM_STOPPED);
        fsm_tlf(f);
        break;
    case FSM_OPENED:
        fsm_set_state(f, FSM_STOPPING);
        fsm_tld(f);
        fsm_irc_terminate(f);
        fsm_str(f);
        break;
    default:
        break;
    }
}

static void fsm_rcoderej(struct fsm *f, const uint8_t *p, size_t len)
{
    uint8_t rejected;

    if (len < 1) {
        fsm_malformed(f, "empty Code-Reject");
        return;
    }
    rejected = p[0];
    /* pppd's line, at the normal level: a peer that rejects our codes is
     * worth knowing about without debug */
    log_warn("%s: Rcvd Code-Reject for code %u, id %u", f->cb->name, rejected,
             len >= 2 ? p[1] : 0);
    /* RFC 1661 5.6: rejecting one of the codes every implementation must
     * know is catastrophic (RXJ-); the others are not. */
    bool catastrophic = rejected >= FSM_CONFREQ && rejected <= FSM_CODEREJ;
    if (catastrophic && f->state != FSM_INITIAL && f->state != FSM_STARTING) {
        log_error("%s: the peer rejects %s, which every PPP peer must know: closing", f->cb->name,
                  fsm_code_name(rejected));
        snprintf(f->peer_reason, sizeof(f->peer_reason), "Code-Reject of %s",
                 fsm_code_name(rejected));
    }
    fsm_rxj(f, f->now, catastrophic);
}

bool fsm_parse_header(const uint8_t *pkt, size_t len, uint8_t *code, uint8_t *id,
                      struct buf_reader *body)
{
    struct buf_reader r;
    uint16_t plen;

    buf_reader_init(&r, pkt, len);
    *code = buf_get_u8(&r);
    *id = buf_get_u8(&r);
    plen = buf_get_u16(&r);
    if (!buf_reader_ok(&r) || plen < FSM_HEADER_LEN || plen > len)
        return false;
    /* RFC 1661 5: octets beyond the length field are padding. */
    buf_reader_init(body, pkt + FSM_HEADER_LEN, plen - FSM_HEADER_LEN);
    return true;
}

bool fsm_next_option(struct buf_reader *r, uint8_t *type, struct buf_reader *val, size_t *vlen,
                     bool *bad)
{
    uint8_t len;

    *bad = false;
    if (buf_remaining(r) == 0)
        return false;
    *type = buf_get_u8(r);
    len = buf_get_u8(r);
    /* RFC 1661 6: the length counts type and length octets. */
    if (!buf_reader_ok(r) || len < 2 || len - 2u > buf_remaining(r)) {
        *bad = true;
        return false;
    }
    *vlen = len - 2u;
    *val = buf_get_sub(r, *vlen);
    return true;
}

void fsm_reply_init(struct fsm_reply *rp)
{
    buf_writer_init(&rp->nak, rp->nakbuf, sizeof(rp->nakbuf));
    buf_writer_init(&rp->rej, rp->rejbuf, sizeof(rp->rejbuf));
    rp->nak_mark = 0;
}

void fsm_reply_mark(struct fsm_reply *rp)
{
    rp->nak_mark = buf_writer_len(&rp->nak);
}

void fsm_reply_verdict(struct fsm_reply *rp, enum fsm_reqci_result v, bool reject_if_disagree,
                       const uint8_t *opt, size_t optlen)
{
    if (v == FSM_REQ_NAK && reject_if_disagree) {
        rp->nak.len = rp->nak_mark;          /* take back the suggestion */
        v = FSM_REQ_REJ;
    }
    if (v == FSM_REQ_REJ)
        buf_put_bytes(&rp->rej, opt, optlen);
}

enum fsm_reqci_result fsm_reply_finish(struct fsm_reply *rp, struct buf_writer *w,
                                       const uint8_t *req, size_t len)
{
    /* RFC 1661 5.3/5.4: Reject if anything is unacceptable, else Nak if
     * anything needs changing, else Ack the request as it came. */
    if (buf_writer_len(&rp->rej) > 0) {
        buf_put_bytes(w, rp->rejbuf, buf_writer_len(&rp->rej));
        return FSM_REQ_REJ;
    }
    if (buf_writer_len(&rp->nak) > 0) {
        buf_put_bytes(w, rp->nakbuf, buf_writer_len(&rp->nak));
        return FSM_REQ_NAK;
    }
    buf_put_bytes(w, req, len);
    return FSM_REQ_ACK;
}

void fsm_input(struct fsm *f, uint64_t now, const uint8_t *pkt, size_t len)
{
    struct buf_reader body;
    uint8_t code, id;
    const uint8_t *data;

    f->now = now;
    if (!fsm_parse_header(pkt, len, &code, &id, &body)) {
        fsm_malformed(f, "short packet or length field that does not fit");
        return;
    }
    len = body.len;
    data = body.data;
    if (f->state == FSM_INITIAL || f->state == FSM_STARTING) {
        fsm_discard(f, "lower layer not up", code);
        return;
    }
    switch (code) {
    case FSM_CONFREQ:
        fsm_rconfreq(f, id, data, len);
        break;
    case FSM_CONFACK:
        fsm_rconfack(f, id, data, len);
        break;
    case FSM_CONFNAK:
    case FSM_CONFREJ:
        fsm_rconfnakrej(f, code, id, data, len);
        break;
    case FSM_TERMREQ:
        fsm_rtermreq(f, id, data, len);
        break;
    case FSM_TERMACK:
        fsm_rtermack(f);
        break;
    case FSM_CODEREJ:
        fsm_rcoderej(f, data, len);
        break;
    default:
        if (f->cb->extcode == NULL || !f->cb->extcode(f, code, id, data, len)) {
            log_debug("%s: unknown code %u: Code-Reject", f->cb->name, code);
            fsm_scj(f, pkt, len + FSM_HEADER_LEN);   /* RUC */
        }
        break;
    }
}
