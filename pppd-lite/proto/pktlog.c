/* pktlog: pppd-format packet dumps; each protocol prints its own packets
 * (its row's print), with the shared helpers here. */
#include "pktlog.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "common/log.h"
#include "pppd-lite/proto/fsm.h"
#include "pppd-lite/proto/protocol.h"

struct pktlog_proto {
    uint16_t protocol;
    const char *abbrev;
    const char *name;
};

/* pppd's words for protocol numbers, run here or not (Protocol-Reject
 * warnings, dumps of what we reject); what runs is the table in
 * protocols.c, whose names must match these (test_protocols). */
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

void pktlog_printf(struct pktlog_out *o, const char *fmt, ...)
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

void pktlog_hex(struct pktlog_out *o, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        pktlog_printf(o, " %02x", p[i]);
}

/* At most 64 bytes in hex, then "...". */
static void pktlog_hex_limited(struct pktlog_out *o, const uint8_t *p, size_t n)
{
    pktlog_hex(o, p, n > 64 ? 64 : n);
    if (n > 64)
        pktlog_printf(o, " ...");
}

void pktlog_quoted(struct pktlog_out *o, const uint8_t *p, size_t n)
{
    char part[4 * 64 + 1];       /* log_printable of 64 bytes always fits */

    pktlog_printf(o, "\"");
    for (size_t i = 0; i < n; i += 64)
        pktlog_printf(o, "%s", log_printable(part, sizeof(part), p + i, n - i > 64 ? 64 : n - i));
    pktlog_printf(o, "\"");
}

void pktlog_addr(struct pktlog_out *o, uint32_t a)
{
    pktlog_printf(o, "%u.%u.%u.%u", a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff);
}

void pktlog_options(struct pktlog_out *o, struct buf_reader *r, pktlog_option_fn fn)
{
    struct buf_reader copy = *r, v;
    uint8_t type;
    size_t vlen;
    bool bad;

    while (fsm_next_option(&copy, &type, &v, &vlen, &bad)) {
        pktlog_printf(o, " <");
        fn(o, type, &v, vlen);
        pktlog_printf(o, ">");
        *r = copy;
    }
}

void pktlog_code_id(struct pktlog_out *o, const char *cname, uint8_t code, uint8_t id)
{
    if (cname != NULL)
        pktlog_printf(o, " %s", cname);
    else
        pktlog_printf(o, " code=0x%x", code);
    pktlog_printf(o, " id=0x%x", id);
}

void pktlog_fsm(struct pktlog_out *o, uint8_t code, uint8_t id, struct buf_reader *r,
                pktlog_option_fn fn, uint8_t max_code)
{
    const char *cname = code <= max_code ? fsm_code_name(code) : NULL;
    const uint8_t *rest = r->data + r->pos;
    size_t n = buf_remaining(r);

    pktlog_code_id(o, cname, code, id);
    if (cname == NULL)
        return;
    switch (code) {
    case FSM_CONFREQ:
    case FSM_CONFACK:
    case FSM_CONFNAK:
    case FSM_CONFREJ:
        if (fn != NULL)
            pktlog_options(o, r, fn);
        break;
    case FSM_TERMREQ:
    case FSM_TERMACK:
        if (n > 0) {
            pktlog_printf(o, " ");
            pktlog_quoted(o, rest, n);
            buf_skip(r, n);
        }
        break;
    case FSM_ECHOREQ:
    case FSM_ECHOREP:
    case FSM_DISCREQ:
        if (n >= 4)
            pktlog_printf(o, " magic=0x%x", buf_get_u32(r));
        break;
    default:
        break;
    }
}

char *pktlog_format(char *out, size_t cap, const char *dir, uint16_t protocol,
                    const uint8_t *pkt, size_t len)
{
    struct pktlog_out o = { out, cap, 0 };
    struct buf_reader r;
    const struct protocol *row = proto_find(protocol);
    const char *abbrev = row != NULL ? row->name : pktlog_protocol_abbrev(protocol);
    uint8_t code, id;

    if (cap == 0)
        return out;
    out[0] = '\0';
    if (abbrev != NULL)
        pktlog_printf(&o, "%s [%s", dir, abbrev);
    else
        pktlog_printf(&o, "%s [proto=0x%x", dir, protocol);
    if (!fsm_parse_header(pkt, len, &code, &id, &r) || pktlog_is_data(protocol) ||
        abbrev == NULL) {
        pktlog_hex_limited(&o, pkt, len);
        pktlog_printf(&o, "]");
        return out;
    }
    if (row != NULL && row->print != NULL)
        row->print(&o, code, id, &r);
    else
        pktlog_fsm(&o, code, id, &r, NULL, FSM_CODEREJ); /* CCP and the like: RFC 1661 codes */
    if (buf_reader_ok(&r) && buf_remaining(&r) > 0)
        pktlog_hex_limited(&o, r.data + r.pos, buf_remaining(&r));
    pktlog_printf(&o, "]");
    return out;
}

void pktlog_log(const char *dir, uint16_t protocol, const uint8_t *pkt, size_t len)
{
    char line[1024];

    log_debug("%s", pktlog_format(line, sizeof(line), dir, protocol, pkt, len));
}
