/* pktlog: pppd-format packet dumps (pppd's *_printpkt functions' output). */
#include "pktlog.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "common/log.h"
#include "pppd-lite/proto/chap.h"
#include "pppd-lite/proto/engine.h"
#include "pppd-lite/proto/fsm.h"
#include "pppd-lite/proto/ipcp.h"
#include "pppd-lite/proto/ipv6cp.h"
#include "pppd-lite/proto/lcp.h"
#include "pppd-lite/proto/pap.h"

struct pktlog_proto {
    uint16_t protocol;
    const char *abbrev;
    const char *name;
};

static const struct pktlog_proto pktlog_protos[] = {
    { 0x0021, "IP", "IP" },
    { 0x0023, "OSINL", "OSI Network Layer" },
    { 0x002b, "IPX", "Novell IPX" },
    { 0x002d, "VJC", "VJ compressed TCP/IP" },
    { 0x002f, "VJUC", "VJ uncompressed TCP/IP" },
    { 0x003d, "MP", "Multilink" },
    { 0x0057, "IPv6", "IPv6" },
    { 0x00fb, "CCP1", "Single link compressed datagram" },
    { 0x00fd, "COMP", "Compressed datagram" },
    { 0x8021, "IPCP", "IP Control Protocol" },
    { 0x8023, "OSINLCP", "OSI Network Layer Control Protocol" },
    { 0x802b, "IPXCP", "Novell IPX Control Protocol" },
    { 0x8029, "ATCP", "AppleTalk Control Protocol" },
    { 0x8057, "IPV6CP", "IPv6 Control Protocol" },
    { 0x80fb, "SLCCP", "Single Link Compression Control Protocol" },
    { 0x80fd, "CCP", "Compression Control Protocol" },
    { 0xc021, "LCP", "Link Control Protocol" },
    { 0xc023, "PAP", "Password Authentication Protocol" },
    { 0xc025, "LQR", "Link Quality Report" },
    { 0xc223, "CHAP", "Challenge Handshake Authentication Protocol" },
    { 0xc227, "EAP", "Extensible Authentication Protocol" },
    { 0xc029, "CBCP", "Callback Control Protocol" },
};

static const struct pktlog_proto *pktlog_find(uint16_t protocol)
{
    for (size_t i = 0; i < sizeof(pktlog_protos) / sizeof(pktlog_protos[0]); i++)
        if (pktlog_protos[i].protocol == protocol)
            return &pktlog_protos[i];
    return NULL;
}

const char *pktlog_protocol_name(uint16_t protocol)
{
    const struct pktlog_proto *p = pktlog_find(protocol);
    return p ? p->name : NULL;
}

const char *pktlog_protocol_abbrev(uint16_t protocol)
{
    const struct pktlog_proto *p = pktlog_find(protocol);
    return p ? p->abbrev : NULL;
}

bool pktlog_is_data(uint16_t protocol)
{
    return protocol < 0x4000 && protocol != 0x0001;
}

/* Bounded string builder: never overflows, truncation shows as "...". */
struct pl_out {
    char *buf;
    size_t cap;
    size_t len;
};

static void pl_printf(struct pl_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void pl_printf(struct pl_out *o, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (o->len + 1 >= o->cap)
        return;
    va_start(ap, fmt);
    n = vsnprintf(o->buf + o->len, o->cap - o->len, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    o->len += (size_t)n;
    if (o->len >= o->cap)
        o->len = o->cap - 1;
}

static void pl_hex(struct pl_out *o, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        pl_printf(o, " %02x", p[i]);
}

/* At most 64 bytes in hex, then "...". */
static void pl_hex_limited(struct pl_out *o, const uint8_t *p, size_t n)
{
    pl_hex(o, p, n > 64 ? 64 : n);
    if (n > 64)
        pl_printf(o, " ...");
}

/* A quoted string as pppd prints %.*v: printable as is, others escaped. */
static void pl_quoted(struct pl_out *o, const uint8_t *p, size_t n)
{
    pl_printf(o, "\"");
    for (size_t i = 0; i < n; i++) {
        if (p[i] >= 0x20 && p[i] < 0x7f && p[i] != '"' && p[i] != '\\')
            pl_printf(o, "%c", p[i]);
        else
            pl_printf(o, "\\x%02x", p[i]);
    }
    pl_printf(o, "\"");
}

static void pl_addr(struct pl_out *o, uint32_t a)
{
    pl_printf(o, "%u.%u.%u.%u", a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff);
}

/* One LCP option: pppd's words for the ones we know, else hex. */
static void pl_lcp_option(struct pl_out *o, uint8_t type, struct buf_reader *v, size_t vlen)
{
    const uint8_t *raw = v->data + v->pos;

    switch (type) {
    case LCP_CI_MRU:
        if (vlen == 2) {
            pl_printf(o, "mru %u", buf_get_u16(v));
            return;
        }
        break;
    case LCP_CI_ASYNCMAP:
        if (vlen == 4) {
            pl_printf(o, "asyncmap 0x%x", buf_get_u32(v));
            return;
        }
        break;
    case LCP_CI_AUTHTYPE:
        if (vlen >= 2) {
            uint16_t proto = buf_get_u16(v);
            if (proto == PPP_PROTO_PAP && vlen == 2) {
                pl_printf(o, "auth pap");
                return;
            }
            if (proto == PPP_PROTO_CHAP && vlen == 3) {
                uint8_t alg = buf_get_u8(v);
                if (alg == LCP_CHAP_MD5)
                    pl_printf(o, "auth chap MD5");
                else
                    pl_printf(o, "auth chap 0x%x", alg);
                return;
            }
            pl_printf(o, "auth 0x%x", proto);
            pl_hex(o, raw + 2, vlen - 2);
            return;
        }
        break;
    case LCP_CI_MAGIC:
        if (vlen == 4) {
            pl_printf(o, "magic 0x%x", buf_get_u32(v));
            return;
        }
        break;
    case LCP_CI_PCOMP:
        if (vlen == 0) {
            pl_printf(o, "pcomp");
            return;
        }
        break;
    case LCP_CI_ACCOMP:
        if (vlen == 0) {
            pl_printf(o, "accomp");
            return;
        }
        break;
    default:
        break;
    }
    pl_printf(o, "%02x %02x", type, (unsigned)(vlen + 2));
    pl_hex(o, raw, vlen);
}

static void pl_ipcp_option(struct pl_out *o, uint8_t type, struct buf_reader *v, size_t vlen)
{
    const uint8_t *raw = v->data + v->pos;

    switch (type) {
    case IPCP_CI_ADDR:
        if (vlen == 4) {
            pl_printf(o, "addr ");
            pl_addr(o, buf_get_u32(v));
            return;
        }
        break;
    case IPCP_CI_ADDRS:
        if (vlen == 8) {
            pl_printf(o, "addrs ");
            pl_addr(o, buf_get_u32(v));
            pl_printf(o, " ");
            pl_addr(o, buf_get_u32(v));
            return;
        }
        break;
    case IPCP_CI_COMPRESSTYPE:
        if (vlen >= 2) {
            uint16_t proto = buf_get_u16(v);
            pl_printf(o, "compress %s", proto == PPP_PROTO_VJC ? "VJ" : "?");
            pl_hex(o, raw + 2, vlen - 2);
            return;
        }
        break;
    case IPCP_CI_MS_DNS1:
    case IPCP_CI_MS_DNS2:
    case IPCP_CI_MS_WINS1:
    case IPCP_CI_MS_WINS2:
        if (vlen == 4) {
            pl_printf(o, "ms-%s%d ",
                      type == IPCP_CI_MS_DNS1 || type == IPCP_CI_MS_DNS2 ? "dns" : "wins",
                      type == IPCP_CI_MS_DNS1 || type == IPCP_CI_MS_WINS1 ? 1 : 2);
            pl_addr(o, buf_get_u32(v));
            return;
        }
        break;
    default:
        break;
    }
    pl_printf(o, "%02x %02x", type, (unsigned)(vlen + 2));
    pl_hex(o, raw, vlen);
}

/* pppd ipv6cp_printpkt: "addr fe80::...", "compress 0x..." */
static void pl_ipv6cp_option(struct pl_out *o, uint8_t type, struct buf_reader *v, size_t vlen)
{
    const uint8_t *raw = v->data + v->pos;

    if (type == IPV6CP_CI_IFACEID && vlen == 8) {
        char ll[IPV6CP_LLSTR_MAX];
        uint64_t hi = buf_get_u32(v);
        pl_printf(o, "addr %s", ipv6cp_llstr(hi << 32 | buf_get_u32(v), ll, sizeof(ll)));
        return;
    }
    if (type == IPV6CP_CI_COMPRESSTYPE && vlen >= 2) {
        pl_printf(o, "compress 0x%x", buf_get_u16(v));
        pl_hex(o, raw + 2, vlen - 2);
        return;
    }
    pl_printf(o, "%02x %02x", type, (unsigned)(vlen + 2));
    pl_hex(o, raw, vlen);
}

typedef void (*pl_option_fn)(struct pl_out *o, uint8_t type, struct buf_reader *v, size_t vlen);

/* Option list of a Configure-*: "<opt> <opt>"; bad lengths end in hex. */
static void pl_options(struct pl_out *o, struct buf_reader *r, pl_option_fn fn)
{
    struct buf_reader copy = *r, v;
    uint8_t type;
    size_t vlen;
    bool bad;

    while (fsm_next_option(&copy, &type, &v, &vlen, &bad)) {
        pl_printf(o, " <");
        fn(o, type, &v, vlen);
        pl_printf(o, ">");
        *r = copy;
    }
}

static void pl_fsm(struct pl_out *o, uint16_t protocol, uint8_t code, struct buf_reader *r)
{
    const uint8_t *rest = r->data + r->pos;
    size_t n = buf_remaining(r);

    switch (code) {
    case FSM_CONFREQ:
    case FSM_CONFACK:
    case FSM_CONFNAK:
    case FSM_CONFREJ:
        if (protocol == PPP_PROTO_LCP)
            pl_options(o, r, pl_lcp_option);
        else if (protocol == PPP_PROTO_IPCP)
            pl_options(o, r, pl_ipcp_option);
        else if (protocol == PPP_PROTO_IPV6CP)
            pl_options(o, r, pl_ipv6cp_option);
        break;
    case FSM_TERMREQ:
    case FSM_TERMACK:
        if (n > 0) {
            pl_printf(o, " ");
            pl_quoted(o, rest, n);
            buf_skip(r, n);
        }
        break;
    case FSM_ECHOREQ:
    case FSM_ECHOREP:
    case FSM_DISCREQ:
        if (protocol == PPP_PROTO_LCP && n >= 4)
            pl_printf(o, " magic=0x%x", buf_get_u32(r));
        break;
    default:
        break;
    }
}

static void pl_pap(struct pl_out *o, uint8_t code, struct buf_reader *r)
{
    if (code == PAP_AUTHREQ) {
        uint8_t ulen = buf_get_u8(r);
        const uint8_t *user = buf_get_ptr(r, ulen);
        if (!buf_reader_ok(r))
            return;
        pl_printf(o, " user=");
        pl_quoted(o, user, ulen);
        uint8_t plen = buf_get_u8(r);
        if (buf_get_ptr(r, plen) == NULL)
            return;
        pl_printf(o, " password=<hidden>");
    } else if (code == PAP_AUTHACK || code == PAP_AUTHNAK) {
        uint8_t mlen = buf_get_u8(r);
        const uint8_t *msg = buf_get_ptr(r, mlen);
        if (msg == NULL)
            return;
        if (mlen > 0) {
            pl_printf(o, " ");
            pl_quoted(o, msg, mlen);
        }
    }
}

static void pl_chap(struct pl_out *o, uint8_t code, struct buf_reader *r)
{
    if (code == CHAP_CHALLENGE || code == CHAP_RESPONSE) {
        uint8_t vlen = buf_get_u8(r);
        const uint8_t *val = buf_get_ptr(r, vlen);
        if (val == NULL)
            return;
        pl_printf(o, " <");
        for (size_t i = 0; i < vlen; i++)
            pl_printf(o, "%02x", val[i]);
        pl_printf(o, ">, name = ");
        size_t n = buf_remaining(r);
        pl_quoted(o, r->data + r->pos, n);
        buf_skip(r, n);
    } else if (code == CHAP_SUCCESS || code == CHAP_FAILURE) {
        size_t n = buf_remaining(r);
        if (n > 0) {
            pl_printf(o, " ");
            pl_quoted(o, r->data + r->pos, n);
            buf_skip(r, n);
        }
    }
}

static const char *pl_code_name(uint16_t protocol, uint8_t code)
{
    static const char *const pap[] = { NULL, "AuthReq", "AuthAck", "AuthNak" };
    static const char *const chap[] = { NULL, "Challenge", "Response", "Success", "Failure" };

    if (protocol == PPP_PROTO_PAP)
        return code < 4 ? pap[code] : NULL;
    if (protocol == PPP_PROTO_CHAP)
        return code < 5 ? chap[code] : NULL;
    if (protocol != PPP_PROTO_LCP && code > FSM_CODEREJ)
        return NULL;
    return fsm_code_name(code);
}

char *pktlog_format(char *out, size_t cap, const char *dir, uint16_t protocol,
                    const uint8_t *pkt, size_t len)
{
    struct pl_out o = { out, cap, 0 };
    struct buf_reader r;
    const char *abbrev = pktlog_protocol_abbrev(protocol);
    const char *cname;
    uint8_t code, id;

    if (cap == 0)
        return out;
    out[0] = '\0';
    if (abbrev != NULL)
        pl_printf(&o, "%s [%s", dir, abbrev);
    else
        pl_printf(&o, "%s [proto=0x%x", dir, protocol);
    if (!fsm_parse_header(pkt, len, &code, &id, &r) || pktlog_is_data(protocol) ||
        abbrev == NULL) {
        pl_hex_limited(&o, pkt, len);
        pl_printf(&o, "]");
        return out;
    }
    cname = pl_code_name(protocol, code);
    if (cname != NULL)
        pl_printf(&o, " %s", cname);
    else
        pl_printf(&o, " code=0x%x", code);
    pl_printf(&o, " id=0x%x", id);
    if (protocol == PPP_PROTO_PAP)
        pl_pap(&o, code, &r);
    else if (protocol == PPP_PROTO_CHAP)
        pl_chap(&o, code, &r);
    else if (cname != NULL)
        pl_fsm(&o, protocol, code, &r);
    if (buf_reader_ok(&r) && buf_remaining(&r) > 0)
        pl_hex_limited(&o, r.data + r.pos, buf_remaining(&r));
    pl_printf(&o, "]");
    return out;
}

void pktlog_log(const char *dir, uint16_t protocol, const uint8_t *pkt, size_t len)
{
    char line[1024];

    log_debug("%s", pktlog_format(line, sizeof(line), dir, protocol, pkt, len));
}
