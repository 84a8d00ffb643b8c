/* ipcp: RFC 1332 IP-Address, RFC 1877 DNS, with pppd's ipcp.c rules. */
#include "ipcp.h"

#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "common/log.h"
#include "pppd-lite/engine_priv.h"
#include "pppd-lite/hints.h"

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

void ipcp_configure(struct ipcp *ip)
{
    const struct engine_ipcp_settings *s = &ip->e->s.ipcp;
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
    ip->fsm.passive = false;
    ip->fsm.silent = false;
}

void ipcp_suggest_remote(struct ipcp *ip, uint32_t addr)
{
    if (ip->want.hisaddr == 0 || !auth_ip_allowed(ip->e, ip->want.hisaddr))
        ip->want.hisaddr = addr;
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
        uint32_t ours = ip->e->s.ipcp.ms_dns[di];
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
    struct engine *e = ip->e;
    char a[16];
    uint32_t remote;

    remote = ip->ho.neg_addr ? ip->ho.hisaddr : ip->want.hisaddr;
    if (!ip->go.neg_addr && ip->want.neg_addr && ip->want.ouraddr != 0) {
        log_error("Peer refused to agree to our IP address");
        fsm_close(f, e->now, "Refused our IP address");
        return;
    }
    if (!ip->ho.neg_addr && ip->his_addr_refused) {
        /* It would not take the address we insisted on (pppd 2.5). */
        log_error("Peer refused to agree to his IP address");
        fsm_close(f, e->now, "Refused his IP address");
        return;
    }
    if (ip->go.ouraddr == 0) {
        log_error("Could not determine local IP address");
        fsm_close(f, e->now, "Could not determine local IP address");
        return;
    }
    if (remote == 0) {
        remote = IPCP_DEFAULT_REMOTE + e->s.ipcp.unit;
        log_warn("Could not determine remote IP address: defaulting to %s", ipcp_ntoa(remote, a));
    }
    if (!auth_ip_allowed(e, remote)) {
        log_error("Peer is not authorized to use remote address %s", ipcp_ntoa(remote, a));
        fsm_close(f, e->now, "Unauthorized remote IP address");
        return;
    }
    ip->up = true;
    ip->up_local = ip->go.ouraddr;
    ip->up_remote = remote;
    for (int i = 0; i < 2; i++)
        ip->up_dns[i] = ip->go.req_dns[i] ? ip->go.dns[i] : 0;
    log_notice("local  IP address %s", ipcp_ntoa(ip->up_local, a));
    log_notice("remote IP address %s", ipcp_ntoa(ip->up_remote, a));
    if (ip->up_dns[0])
        log_notice("primary   DNS address %s", ipcp_ntoa(ip->up_dns[0], a));
    if (ip->up_dns[1])
        log_notice("secondary DNS address %s", ipcp_ntoa(ip->up_dns[1], a));
    /* we compress as the peer asked, it compresses as we asked */
    vj_link_up(&ip->vj, &ip->ho.vj, &ip->go.vj);
    engine_ip_up(e);
}

static void ipcp_down(struct fsm *f)
{
    struct ipcp *ip = ipcp_of(f);

    if (!ip->up)
        return;
    engine_ip_down(ip->e);
    vj_link_down(&ip->vj);
    ip->up = false;
}

static void ipcp_finished(struct fsm *f)
{
    if (f->timed_out)
        hint_log(HINT_IPCP_TIMEOUT);
    engine_ncp_finished(ipcp_of(f)->e);
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

void ipcp_init(struct ipcp *ip, struct engine *e)
{
    memset(ip, 0, sizeof(*ip));
    ip->e = e;
    fsm_init(&ip->fsm, &ipcp_callbacks, ip, &e->s.ipcp.fsm, engine_fsm_send, e);
}
