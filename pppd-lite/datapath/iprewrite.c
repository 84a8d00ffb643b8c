/* iprewrite: new source address for a queued IPv4 datagram (iprewrite.h). */
#include "iprewrite.h"

#include <stdbool.h>
#include <stdio.h>

#include "common/buf.h"

#define IP_PROTO_ICMP 1
#define IP_PROTO_TCP 6
#define IP_PROTO_UDP 17
#define IP_OFF_CSUM 10
#define IP_OFF_SRC 12
#define TCP_OFF_CSUM 16
#define UDP_OFF_CSUM 6

/* The parts of an IPv4 header we act on, read through a bounds-checked reader. */
struct ipv4_view {
    size_t hlen, total;
    uint8_t proto;
    bool first_fragment;     /* offset 0: the transport header is in this one */
    uint32_t src, dst;
};

static bool ipv4_parse(const uint8_t *pkt, size_t len, struct ipv4_view *v)
{
    struct buf_reader r;
    buf_reader_init(&r, pkt, len);
    uint8_t vihl = buf_get_u8(&r);
    buf_skip(&r, 1);                        /* TOS */
    v->total = buf_get_u16(&r);
    buf_skip(&r, 2);                        /* identification */
    v->first_fragment = (buf_get_u16(&r) & 0x1fff) == 0;
    buf_skip(&r, 1);                        /* TTL */
    v->proto = buf_get_u8(&r);
    buf_skip(&r, 2);                        /* checksum */
    v->src = buf_get_u32(&r);
    v->dst = buf_get_u32(&r);
    v->hlen = (size_t)(vihl & 15) * 4;
    return buf_reader_ok(&r) && (vihl >> 4) == 4 && v->hlen >= 20 && v->total >= v->hlen &&
           v->total <= len;
}

/* RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m'), one 16-bit word m changed to m'. */
static uint16_t csum_replace(uint16_t hc, uint16_t m, uint16_t m_new)
{
    uint32_t s = (uint32_t)(uint16_t)~hc + (uint16_t)~m + m_new;
    s = (s & 0xffff) + (s >> 16);
    s = (s & 0xffff) + (s >> 16);
    return (uint16_t)~s;
}

static uint16_t csum_replace32(uint16_t hc, uint32_t old, uint32_t new)
{
    hc = csum_replace(hc, (uint16_t)(old >> 16), (uint16_t)(new >> 16));
    return csum_replace(hc, (uint16_t)old, (uint16_t)new);
}

static uint16_t get16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

/* The transport checksum at offset off of the datagram, when it lies inside it. */
static void patch_l4(uint8_t *pkt, const struct ipv4_view *v, size_t off, bool zero_is_none,
                     uint32_t old_src, uint32_t new_src)
{
    if (!v->first_fragment || v->hlen + off + 2 > v->total)
        return;
    uint8_t *c = pkt + v->hlen + off;
    uint16_t hc = get16(c);
    if (zero_is_none && hc == 0)
        return;                             /* UDP without a checksum */
    hc = csum_replace32(hc, old_src, new_src);
    if (zero_is_none && hc == 0)
        hc = 0xffff;                        /* RFC 768: a computed 0 is sent as all ones */
    put16(c, hc);
}

enum iprewrite_result iprewrite_source(uint8_t *pkt, size_t len, uint32_t old_src,
                                       uint32_t new_src)
{
    if (len >= 1 && (pkt[0] >> 4) == 6)
        return IPREWRITE_OTHER;
    struct ipv4_view v;
    if (!ipv4_parse(pkt, len, &v))
        return IPREWRITE_MALFORMED;
    if (v.src != old_src)
        return IPREWRITE_OTHER;
    put16(pkt + IP_OFF_CSUM, csum_replace32(get16(pkt + IP_OFF_CSUM), old_src, new_src));
    put16(pkt + IP_OFF_SRC, (uint16_t)(new_src >> 16));
    put16(pkt + IP_OFF_SRC + 2, (uint16_t)new_src);
    if (v.proto == IP_PROTO_TCP)
        patch_l4(pkt, &v, TCP_OFF_CSUM, false, old_src, new_src);
    else if (v.proto == IP_PROTO_UDP)
        patch_l4(pkt, &v, UDP_OFF_CSUM, true, old_src, new_src);
    /* ICMP's checksum covers no pseudo-header: nothing more to do */
    return IPREWRITE_DONE;
}

static void ipstr(uint32_t a, char buf[16])
{
    snprintf(buf, 16, "%u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
}

void iprewrite_describe(const uint8_t *pkt, size_t len, char *out, size_t outlen)
{
    struct ipv4_view v;
    char s[16], d[16];
    if (!outlen)
        return;
    out[0] = '\0';
    if (!ipv4_parse(pkt, len, &v))
        return;
    ipstr(v.src, s);
    ipstr(v.dst, d);
    if ((v.proto == IP_PROTO_TCP || v.proto == IP_PROTO_UDP) && v.first_fragment &&
        v.hlen + 4 <= v.total) {
        struct buf_reader r;
        buf_reader_init(&r, pkt + v.hlen, v.total - v.hlen);
        unsigned sport = buf_get_u16(&r), dport = buf_get_u16(&r);
        snprintf(out, outlen, "%s %s:%u -> %s:%u", v.proto == IP_PROTO_TCP ? "TCP" : "UDP", s,
                 sport, d, dport);
    } else if (v.proto == IP_PROTO_ICMP) {
        snprintf(out, outlen, "ICMP %s -> %s", s, d);
    } else {
        snprintf(out, outlen, "proto %u %s -> %s", v.proto, s, d);
    }
}
