/* ipcp: RFC 1332 IP-Address, RFC 1877 DNS, with pppd's ipcp.c rules. */
#include "ipcp.h"

#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "common/log.h"
#include "pppd-lite/proto/hints.h"
#include "pppd-lite/proto/pktlog.h"

#define IPCP_DEFAULT_REMOTE 0x0a404040u   /* 10.64.64.64, pppd's fallback */

static struct ipcp *ipcp_of(struct fsm *f)
{
    return f->owner;
}

static const char *ipcp_ntoa(uint32_t a, char buf[16])
{
    snprintf(buf, 16, "%u.%u.%u.%u", a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff);
    return buf;
}

_Static_assert(offsetof(struct ipcp, fsm) == 0, "the fsm operations take the state as a struct fsm");

static void ipcp_configure(void *st)
{
    struct ipcp *ip = st;
    const struct engine_ipcp_settings *s = &ip->env->s->ipcp;
    struct ipcp_options *w = &ip->want;

    memset(w, 0, sizeof(*w));
    w->neg_addr = true;
    w->ouraddr = s->local_addr;
    w->hisaddr = s->remote_addr;
    /* pppd ipcp_resetci: an address we were not given is the peer's to choose. */
    w->accept_local = s->accept_local || s->local_addr == 0;
    w->accept_remote = s->accept_remote || s->remote_addr == 0;
    w->req_dns[0] = w->req_dns[1] = s->usepeerdns;
    vjneg_want(&w->vj, s->neg_vj, s->vj_cflag, s->vj_max_slots);
    vj_link_reset(&ip->vj);
    ip->fsm.passive = false;
    ip->fsm.silent = false;
}

/* Open: the authenticated peer's secrets entry may name its address
 * (pppd's set_allowed_addrs), unless ours for it is allowed already. */
static void ipcp_open(void *st, uint64_t now)
{
    struct ipcp *ip = st;
    const struct proto_env *env = ip->env;
    uint32_t addr;

    if (env->peer_addr(env->ctx, &addr) &&
        (ip->want.hisaddr == 0 || !env->ip_allowed(env->ctx, ip->want.hisaddr)))
        ip->want.hisaddr = addr;
    fsm_open(&ip->fsm, now);
}

static void ipcp_resetci(struct fsm *f)
{
    struct ipcp *ip = ipcp_of(f);

    ip->go = ip->want;
    ip->go.dns[0] = ip->go.dns[1] = 0;
    ip->nak_missing_addr = ip->want.hisaddr != 0;
    ip->his_addr_refused = false;
}

static void ipcp_put_addr(struct buf_writer *w, uint8_t type, uint32_t a)
{
    buf_put_u8(w, type);
    buf_put_u8(w, 6);
    buf_put_u32(w, a);
}

static void ipcp_addci(struct fsm *f, struct buf_writer *w)
{
    const struct ipcp_options *go = &ipcp_of(f)->go;

    vjneg_put(w, &go->vj);          /* before the address, as pppd */
    if (go->neg_addr)
        ipcp_put_addr(w, IPCP_CI_ADDR, go->ouraddr);
    if (go->req_dns[0])
        ipcp_put_addr(w, IPCP_CI_MS_DNS1, go->dns[0]);
    if (go->req_dns[1])
        ipcp_put_addr(w, IPCP_CI_MS_DNS2, go->dns[1]);
}

static int ipcp_dns_index(uint8_t type)
{
    return type == IPCP_CI_MS_DNS1 ? 0 : type == IPCP_CI_MS_DNS2 ? 1 : -1;
}

static bool ipcp_nakci(struct fsm *f, const uint8_t *p, size_t len, bool treat_as_reject)
{
    struct ipcp *ip = ipcp_of(f);
    struct ipcp_options try = ip->go;
    struct buf_reader r, v;
    uint8_t type;
    size_t vlen;
    bool bad;

    buf_reader_init(&r, p, len);
    while (fsm_next_option(&r, &type, &v, &vlen, &bad)) {
        int di = ipcp_dns_index(type);
        if (type == IPCP_CI_ADDR) {
            if (vlen != 4)
                return false;
            uint32_t a = buf_get_u32(&v);
            /* RFC 1332 3.3: the peer tells us which address to use. */
            if (ip->go.neg_addr && treat_as_reject)
                try.neg_addr = false;
            else if (ip->go.neg_addr && ip->go.accept_local && a != 0)
                try.ouraddr = a;
        } else if (di >= 0) {
            if (vlen != 4)
                return false;
            uint32_t a = buf_get_u32(&v);
            if (ip->go.req_dns[di] && treat_as_reject)
                try.req_dns[di] = false;
            else if (ip->go.req_dns[di])
                try.dns[di] = a;
        } else if (type == IPCP_CI_COMPRESSTYPE) {
            if (!vjneg_nak(&try.vj, &v, vlen, treat_as_reject))
                return false;
        }
        /* Anything else the peer suggests we do not want. */
    }
    if (bad)
        return false;
    ip->go = try;
    return true;
}

static bool ipcp_rejci(struct fsm *f, const uint8_t *p, size_t len)
{
    struct ipcp *ip = ipcp_of(f);
    struct ipcp_options try = ip->go;
    struct buf_reader r, v;
    uint8_t type;
    size_t vlen;
    bool bad;

    buf_reader_init(&r, p, len);
    while (fsm_next_option(&r, &type, &v, &vlen, &bad)) {
        int di = ipcp_dns_index(type);
        if (type == IPCP_CI_COMPRESSTYPE) {
            if (!vjneg_rej(&try.vj, &v, vlen))
                return false;
            continue;
        }
        if (vlen != 4)
            return false;
        if (type == IPCP_CI_ADDR && ip->go.neg_addr)
            try.neg_addr = false;
        else if (di >= 0 && ip->go.req_dns[di])
            try.req_dns[di] = false;
        else
            return false;                    /* not something we asked for */
    }
    if (bad)
        return false;
    ip->go = try;
    return true;
}

/* One option of the peer's request (pppd's ipcp_reqci rules). */
static enum fsm_reqci_result ipcp_judge(struct ipcp *ip, uint8_t type, struct buf_reader *v,
                                        size_t vlen, struct buf_writer *nak)
{
    const struct ipcp_options *wo = &ip->want;
    int di = ipcp_dns_index(type);

    if (type == IPCP_CI_ADDR && vlen == 4) {
        uint32_t a = buf_get_u32(v);
        if (a != wo->hisaddr && (a == 0 || !wo->accept_remote)) {
            /* No address, or not the one we insist on: tell it ours. */
            ipcp_put_addr(nak, IPCP_CI_ADDR, wo->hisaddr);
            return FSM_REQ_NAK;
        }
        if (a == 0 && wo->hisaddr == 0)
            return FSM_REQ_REJ;           /* neither side knows: never Ack 0.0.0.0 */
        ip->ho.neg_addr = true;
        ip->ho.hisaddr = a;
        return FSM_REQ_ACK;
    }
    if (di >= 0 && vlen == 4) {
        uint32_t a = buf_get_u32(v);
        uint32_t ours = ip->env->s->ipcp.ms_dns[di];
        if (ours == 0)
            return FSM_REQ_REJ;           /* no ms-dns to give */
        if (a != ours) {
            ipcp_put_addr(nak, type, ours);
            return FSM_REQ_NAK;
        }
        return FSM_REQ_ACK;
    }
    if (type == IPCP_CI_COMPRESSTYPE) {
        enum vjneg_verdict vr = vjneg_judge(&wo->vj, v, vlen, nak, &ip->ho.vj);
        return vr == VJNEG_ACK ? FSM_REQ_ACK : vr == VJNEG_NAK ? FSM_REQ_NAK : FSM_REQ_REJ;
    }
    /* IP-Addresses (deprecated), WINS, unknown, or a known option with a
     * wrong length. */
    return FSM_REQ_REJ;
}

static enum fsm_reqci_result ipcp_reqci(struct fsm *f, const uint8_t *p, size_t len,
                                        struct buf_writer *w, bool reject_if_disagree)
{
    struct ipcp *ip = ipcp_of(f);
    struct fsm_reply rp;
    struct buf_reader r, v;
    uint8_t type;
    size_t vlen, start;
    bool bad;

    memset(&ip->ho, 0, sizeof(ip->ho));
    fsm_reply_init(&rp);
    buf_reader_init(&r, p, len);
    for (start = r.pos; fsm_next_option(&r, &type, &v, &vlen, &bad); start = r.pos) {
        fsm_reply_mark(&rp);
        enum fsm_reqci_result rc = ipcp_judge(ip, type, &v, vlen, &rp.nak);
        if (type == IPCP_CI_ADDR && rc == FSM_REQ_NAK && reject_if_disagree)
            ip->his_addr_refused = true;
        fsm_reply_verdict(&rp, rc, reject_if_disagree, p + start, r.pos - start);
    }
    if (bad)
        return FSM_REQ_MALFORMED;
    /* pppd: a peer that does not ask for an address is told the one we
     * have for it, once. */
    if (!ip->ho.neg_addr && ip->nak_missing_addr && !reject_if_disagree &&
        buf_writer_len(&rp.rej) == 0 && buf_writer_len(&rp.nak) == 0) {
        ip->nak_missing_addr = false;
        ipcp_put_addr(&rp.nak, IPCP_CI_ADDR, ip->want.hisaddr);
    }
    return fsm_reply_finish(&rp, w, p, len);
}

static void ipcp_up(struct fsm *f)
{
    struct ipcp *ip = ipcp_of(f);
    const struct proto_env *env = ip->env;
    char a[16];
    uint32_t remote;

    remote = ip->ho.neg_addr ? ip->ho.hisaddr : ip->want.hisaddr;
    if (!ip->go.neg_addr && ip->want.neg_addr && ip->want.ouraddr != 0) {
        log_error("Peer refused to agree to our IP address");
        fsm_close(f, f->now, "Refused our IP address");
        return;
    }
    if (!ip->ho.neg_addr && ip->his_addr_refused) {
        /* It would not take the address we insisted on (pppd 2.5). */
        log_error("Peer refused to agree to his IP address");
        fsm_close(f, f->now, "Refused his IP address");
        return;
    }
    if (ip->go.ouraddr == 0) {
        log_error("Could not determine local IP address");
        fsm_close(f, f->now, "Could not determine local IP address");
        return;
    }
    if (remote == 0) {
        remote = IPCP_DEFAULT_REMOTE + env->s->ipcp.unit;
        log_warn("Could not determine remote IP address: defaulting to %s", ipcp_ntoa(remote, a));
    }
    if (!env->ip_allowed(env->ctx, remote)) {
        log_error("Peer is not authorized to use remote address %s", ipcp_ntoa(remote, a));
        fsm_close(f, f->now, "Unauthorized remote IP address");
        return;
    }
    ip->up = true;
    ip->up_local = ip->go.ouraddr;
    ip->up_remote = remote;
    for (int i = 0; i < 2; i++)
        ip->up_dns[i] = ip->go.req_dns[i] ? ip->go.dns[i] : 0;
    /* we compress as the peer asked, it compresses as we asked */
    vj_link_up(&ip->vj, &ip->ho.vj, &ip->go.vj);
    /* the owner configures the interface, then logs the addresses with
     * ipcp_log_up: pppd says them only once they can be used */
    env->up(env->ctx, PPP_PROTO_IPCP);
}

void ipcp_log_up(const struct engine_ip_params *p)
{
    char a[16];
    log_notice("local  IP address %s", ipcp_ntoa(p->local, a));
    log_notice("remote IP address %s", ipcp_ntoa(p->remote, a));
    if (p->dns[0])
        log_notice("primary   DNS address %s", ipcp_ntoa(p->dns[0], a));
    if (p->dns[1])
        log_notice("secondary DNS address %s", ipcp_ntoa(p->dns[1], a));
}

static void ipcp_down(struct fsm *f)
{
    struct ipcp *ip = ipcp_of(f);

    if (!ip->up)
        return;
    ip->env->down(ip->env->ctx, PPP_PROTO_IPCP);
    vj_link_down(&ip->vj);
    ip->up = false;
}

static void ipcp_finished(struct fsm *f)
{
    if (f->timed_out)
        hint_log(HINT_IPCP_TIMEOUT);
    ipcp_of(f)->env->finished(ipcp_of(f)->env->ctx, PPP_PROTO_IPCP);
}

static const struct fsm_callbacks ipcp_callbacks = {
    .name = "IPCP",
    .protocol = PPP_PROTO_IPCP,
    .resetci = ipcp_resetci,
    .addci = ipcp_addci,
    .nakci = ipcp_nakci,
    .rejci = ipcp_rejci,
    .reqci = ipcp_reqci,
    .up = ipcp_up,
    .down = ipcp_down,
    .finished = ipcp_finished,
};

static void ipcp_init(void *st, const struct proto_env *env)
{
    struct ipcp *ip = st;

    ip->env = env;
    fsm_init(&ip->fsm, &ipcp_callbacks, ip, &env->s->ipcp.fsm, env->send, env->ctx);
}

static void ipcp_input(void *st, uint64_t now, const uint8_t *p, size_t len)
{
    struct ipcp *ip = st;

    proto_fsm_input(&ip->fsm, ip->env->cnt, now, p, len);
}

static void ipcp_protrej(void *st, uint64_t now)
{
    log_debug("IPCP rejected by the peer");
    fsm_rxj(st, now, true);
}

static bool ipcp_data_ready(const void *st)
{
    const struct ipcp *ip = st;

    return ip->up && ip->fsm.state == FSM_OPENED;
}

static bool ipcp_get(const void *st, struct engine_event *ev)
{
    const struct ipcp *ip = st;

    memset(&ev->ip, 0, sizeof(ev->ip));
    if (!ip->up)
        return false;
    ev->ip.local = ip->up_local;
    ev->ip.remote = ip->up_remote;
    ev->ip.dns[0] = ip->up_dns[0];
    ev->ip.dns[1] = ip->up_dns[1];
    return true;
}

/* pppd ipcp_printpkt: "addr 192.0.2.1", "ms-dns1 ...", else hex. */
static void ipcp_print_option(struct pktlog_out *o, uint8_t type, struct buf_reader *v, size_t vlen)
{
    const uint8_t *raw = v->data + v->pos;

    switch (type) {
    case IPCP_CI_ADDR:
        if (vlen == 4) {
            pktlog_printf(o, "addr ");
            pktlog_addr(o, buf_get_u32(v));
            return;
        }
        break;
    case IPCP_CI_ADDRS:
        if (vlen == 8) {
            pktlog_printf(o, "addrs ");
            pktlog_addr(o, buf_get_u32(v));
            pktlog_printf(o, " ");
            pktlog_addr(o, buf_get_u32(v));
            return;
        }
        break;
    case IPCP_CI_COMPRESSTYPE:
        if (vlen >= 2) {
            uint16_t proto = buf_get_u16(v);
            pktlog_printf(o, "compress %s", proto == PPP_PROTO_VJC ? "VJ" : "?");
            pktlog_hex(o, raw + 2, vlen - 2);
            return;
        }
        break;
    case IPCP_CI_MS_DNS1:
    case IPCP_CI_MS_DNS2:
    case IPCP_CI_MS_WINS1:
    case IPCP_CI_MS_WINS2:
        if (vlen == 4) {
            pktlog_printf(o, "ms-%s%d ",
                      type == IPCP_CI_MS_DNS1 || type == IPCP_CI_MS_DNS2 ? "dns" : "wins",
                      type == IPCP_CI_MS_DNS1 || type == IPCP_CI_MS_WINS1 ? 1 : 2);
            pktlog_addr(o, buf_get_u32(v));
            return;
        }
        break;
    default:
        break;
    }
    pktlog_printf(o, "%02x %02x", type, (unsigned)(vlen + 2));
    pktlog_hex(o, raw, vlen);
}

static void ipcp_print(struct pktlog_out *o, uint8_t code, uint8_t id, struct buf_reader *r)
{
    pktlog_fsm(o, code, id, r, ipcp_print_option, FSM_CODEREJ);
}

/* VJ header compression (RFC 1144) on IPv4, as negotiated (vjlink.c). */
static uint16_t ipcp_data_encap(void *st, const uint8_t **pkt, size_t *len)
{
    return vj_link_send(&((struct ipcp *)st)->vj, pkt, len);
}

static enum proto_decap ipcp_data_decap(void *st, uint16_t protocol, const uint8_t *p,
                                        size_t len, const uint8_t **pkt, size_t *pktlen)
{
    struct ipcp *ip = st;

    if ((protocol != PPP_PROTO_VJC && protocol != PPP_PROTO_VJUC) || !ip->vj.rx_on)
        return PROTO_DECAP_NOT_MINE;    /* not agreed: Protocol-Reject, as pppd */
    return vj_link_recv(&ip->vj, protocol, p, len, pkt, pktlen) ? PROTO_DECAP_DELIVER
                                                                 : PROTO_DECAP_DROPPED;
}

static void ipcp_line_error(void *st)
{
    vj_link_lost(&((struct ipcp *)st)->vj);
}

static void ipcp_summary(const void *st, char *buf, size_t cap)
{
    vj_link_summary(&((const struct ipcp *)st)->vj, buf, cap);
}

static void ipcp_comp_counters(const void *st, struct engine_comp_counters *c)
{
    const struct vj_stats *v = &((const struct ipcp *)st)->vj.st;
    c->comp_in += v->in_compressed;
    c->unc_in += v->in_uncompressed;
    c->err_in += v->in_errors;
    c->tossed_in += v->in_tossed;
    c->comp_out += v->out_compressed;
    c->packets_out += v->out_compressed + v->out_uncompressed;
    c->searches += v->searches;
    c->misses += v->misses;
}

const struct protocol ipcp_protocol = {
    .protocol = PPP_PROTO_IPCP,
    .data_protocol = PPP_PROTO_IP,
    .name = "IPCP",
    .phase = ENGINE_PHASE_NETWORK,
    .size = sizeof(struct ipcp),
    .up_event = ENGINE_EV_IP_UP,
    .down_event = ENGINE_EV_IP_DOWN,
    .init = ipcp_init,
    .reset = ipcp_configure,
    .lower_up = proto_fsm_lower_up,
    .lower_down = proto_fsm_lower_down,
    .open = ipcp_open,
    .close = proto_fsm_close,
    .input = ipcp_input,
    .data_ready = ipcp_data_ready,
    .protrej = ipcp_protrej,
    .timeout = proto_fsm_timeout,
    .deadline = proto_fsm_deadline,
    .get = ipcp_get,
    .print = ipcp_print,
    .data_encap = ipcp_data_encap,
    .data_decap = ipcp_data_decap,
    .line_error = ipcp_line_error,
    .summary = ipcp_summary,
    .comp_counters = ipcp_comp_counters,
};
