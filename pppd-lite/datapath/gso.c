/* gso: cut TUN super-packets into MRU-sized TCP segments, and merge received
 * segments of one flow back into super-packets. Header layouts: RFC 791 3.1
 * (IPv4), RFC 8200 3 (IPv6), RFC 9293 3.1 (TCP); checksums RFC 1071, the TCP
 * pseudo-header RFC 9293 3.1 and RFC 8200 8.1. The segment rules follow what
 * a TSO NIC does: each segment gets its own sequence number, IPv4 ID and
 * checksums; FIN and PSH stay on the last segment only, CWR on the first. */
#include "gso.h"

#include <string.h>

#include "common/buf.h"

#define IPPROTO_TCP_NUM 6
#define IP4_HDR_MIN 20
#define IP6_HDR_LEN 40
#define TCP_HDR_MIN 20
#define TCP_OFF_FLAGS 13
#define TCP_OFF_CSUM 16
#define TCP_FIN 0x01
#define TCP_PSH 0x08
#define TCP_ACK 0x10
#define TCP_CWR 0x80

const char *gso_drop_reason(enum gso_drop why)
{
    switch (why) {
    case GSO_OK:
        return "ok";
    case GSO_DROP_SHORT:
        return "truncated headers";
    case GSO_DROP_LENGTH:
        return "IP length larger than the packet";
    case GSO_DROP_CSUM_RANGE:
        return "checksum offset outside the packet";
    case GSO_DROP_GSO_TYPE:
        return "unsupported GSO type or size";
    case GSO_DROP_NOT_TCP:
        return "TCP GSO on a packet that is not plain IP/TCP";
    case GSO_DROP_TOO_BIG:
        return "larger than the peer's MRU";
    default:
        return "?";
    }
}

uint32_t gso_csum_add(uint32_t sum, const uint8_t *p, size_t len)
{
    uint64_t s = sum;
    /* 32-bit big-endian words: 2^16 == 1 (mod 0xffff), so this is the
     * 16-bit one's complement sum once folded */
    while (len >= 4) {
        s += (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
        p += 4;
        len -= 4;
    }
    if (len >= 2) {
        s += (uint32_t)p[0] << 8 | p[1];
        p += 2;
        len -= 2;
    }
    if (len)
        s += (uint32_t)p[0] << 8;
    while (s >> 32)
        s = (s & 0xffffffffu) + (s >> 32);
    return (uint32_t)((s & 0xffff) + (s >> 16));   /* < 2^17: safe to keep adding */
}

uint16_t gso_csum_fold(uint32_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)sum;
}

static void put16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
    put16(p, v >> 16);
    put16(p + 2, v);
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* What a parse of an IP/TCP packet's headers found. */
struct tcpip {
    bool v6;
    size_t l3len, hlen;     /* IP header; IP + TCP headers */
    size_t iplen;           /* the IP length field's idea of the packet */
    bool ip_options, fragment;
    uint8_t flags;
    uint32_t seq;
};

static enum gso_drop parse_ip4(struct buf_reader *r, struct tcpip *t)
{
    uint8_t vihl = buf_get_u8(r);
    buf_skip(r, 1);                         /* TOS */
    t->iplen = buf_get_u16(r);
    buf_skip(r, 2);                         /* ID */
    uint16_t frag = buf_get_u16(r);
    buf_skip(r, 1);                         /* TTL */
    uint8_t proto = buf_get_u8(r);
    buf_skip(r, 2 + 8);                     /* checksum, addresses */
    t->l3len = (size_t)(vihl & 0x0f) * 4;
    if (!buf_reader_ok(r))
        return GSO_DROP_SHORT;
    if (t->l3len < IP4_HDR_MIN || proto != IPPROTO_TCP_NUM)
        return GSO_DROP_NOT_TCP;
    t->ip_options = t->l3len > IP4_HDR_MIN;
    t->fragment = (frag & 0x3fff) != 0;     /* MF or an offset */
    buf_skip(r, t->l3len - IP4_HDR_MIN);
    return buf_reader_ok(r) ? GSO_OK : GSO_DROP_SHORT;
}

static enum gso_drop parse_ip6(struct buf_reader *r, struct tcpip *t)
{
    buf_skip(r, 4);                         /* version, class, flow label */
    t->iplen = (size_t)buf_get_u16(r) + IP6_HDR_LEN;
    uint8_t next = buf_get_u8(r);
    buf_skip(r, 1 + 32);                    /* hop limit, addresses */
    t->l3len = IP6_HDR_LEN;
    if (!buf_reader_ok(r))
        return GSO_DROP_SHORT;
    /* extension headers: not something we segment or merge */
    return next == IPPROTO_TCP_NUM ? GSO_OK : GSO_DROP_NOT_TCP;
}

/* Parse the IP and TCP headers of p (len bytes); the IP length may be less
 * than len, never more. */
static enum gso_drop parse_tcpip(const uint8_t *p, size_t len, struct tcpip *t)
{
    struct buf_reader r;
    buf_reader_init(&r, p, len);
    memset(t, 0, sizeof(*t));
    int first = buf_peek_u8(&r, 0);
    if (first < 0)
        return GSO_DROP_SHORT;
    enum gso_drop why;
    if ((first >> 4) == 4) {
        why = parse_ip4(&r, t);
    } else if ((first >> 4) == 6) {
        t->v6 = true;
        why = parse_ip6(&r, t);
    } else {
        return GSO_DROP_NOT_TCP;
    }
    if (why != GSO_OK)
        return why;
    buf_skip(&r, 4);                        /* ports */
    t->seq = buf_get_u32(&r);
    buf_skip(&r, 4);                        /* ack */
    uint8_t off = buf_get_u8(&r);
    t->flags = buf_get_u8(&r);
    buf_skip(&r, 6);                        /* window, checksum, urgent */
    size_t thlen = (size_t)(off >> 4) * 4;
    if (!buf_reader_ok(&r) || thlen < TCP_HDR_MIN || !buf_skip(&r, thlen - TCP_HDR_MIN))
        return GSO_DROP_SHORT;
    t->hlen = t->l3len + thlen;
    if (t->iplen > len)
        return GSO_DROP_LENGTH;
    if (t->iplen < t->hlen)
        return GSO_DROP_SHORT;
    return GSO_OK;
}

/* The TCP pseudo-header sum for a packet whose IP header is at ip. */
static uint32_t pseudo_sum(const uint8_t *ip, bool v6, size_t tcplen)
{
    uint32_t s = v6 ? gso_csum_add(0, ip + 8, 32) : gso_csum_add(0, ip + 12, 8);
    return s + IPPROTO_TCP_NUM + (uint32_t)(tcplen >> 16) + (uint32_t)(tcplen & 0xffff);
}

static void ip4_fix_header(uint8_t *ip, size_t l3len, size_t total, uint16_t id)
{
    put16(ip + 2, (uint32_t)total);
    put16(ip + 4, id);
    put16(ip + 10, 0);
    put16(ip + 10, (uint16_t)~gso_csum_fold(gso_csum_add(0, ip, l3len)));
}

/* ---- outgoing ---- */

/* VIRTIO_NET_HDR_F_NEEDS_CSUM on a single packet: the field holds the
 * pseudo-header sum; add the data from csum_start on (any protocol). */
static enum gso_drop complete_csum(const struct virtio_net_hdr *h, uint8_t *pkt, size_t len)
{
    size_t start = h->csum_start, at = start + h->csum_offset;
    if (start > len || at + 2 > len)
        return GSO_DROP_CSUM_RANGE;
    uint16_t c = (uint16_t)~gso_csum_fold(gso_csum_add(0, pkt + start, len - start));
    put16(pkt + at, c ? c : 0xffff);    /* 0 would mean "no checksum" to UDP */
    return GSO_OK;
}

enum gso_drop gso_seg_begin(struct gso_seg *s, uint8_t *buf, size_t len, size_t mtu,
                            struct gso_stats *st)
{
    struct virtio_net_hdr h;
    memset(s, 0, sizeof(*s));
    s->done = true;
    s->st = st;
    if (len < GSO_VNET_HDR_LEN)
        return GSO_DROP_SHORT;
    memcpy(&h, buf, sizeof(h));
    s->pkt = buf + GSO_VNET_HDR_LEN;
    s->len = len - GSO_VNET_HDR_LEN;
    s->mtu = mtu;
    uint8_t type = h.gso_type & (uint8_t)~VIRTIO_NET_HDR_GSO_ECN;
    if (type == VIRTIO_NET_HDR_GSO_NONE) {
        if (h.flags & VIRTIO_NET_HDR_F_NEEDS_CSUM) {
            enum gso_drop why = complete_csum(&h, s->pkt, s->len);
            if (why != GSO_OK)
                return why;
            st->csum_completed++;
        }
        if (s->len > mtu)
            return GSO_DROP_TOO_BIG;
        s->done = false;
        return GSO_OK;
    }
    if (type != VIRTIO_NET_HDR_GSO_TCPV4 && type != VIRTIO_NET_HDR_GSO_TCPV6)
        return GSO_DROP_GSO_TYPE;
    if (h.gso_size == 0)
        return GSO_DROP_GSO_TYPE;
    struct tcpip t;
    enum gso_drop why = parse_tcpip(s->pkt, s->len, &t);
    if (why != GSO_OK)
        return why;
    if (t.v6 != (type == VIRTIO_NET_HDR_GSO_TCPV6) || t.fragment)
        return GSO_DROP_NOT_TCP;
    if (t.hlen >= mtu)
        return GSO_DROP_TOO_BIG;
    s->gso = true;
    s->v6 = t.v6;
    s->len = t.iplen;
    s->l3len = t.l3len;
    s->hlen = t.hlen;
    s->seg_size = h.gso_size < mtu - t.hlen ? h.gso_size : mtu - t.hlen;
    s->done = false;
    st->superpackets++;
    return GSO_OK;
}

size_t gso_seg_next(struct gso_seg *s, uint8_t *out, size_t cap, const uint8_t **pkt)
{
    if (s->done)
        return 0;
    if (!s->gso) {
        s->done = true;
        *pkt = s->pkt;
        return s->len;
    }
    size_t payload = s->len - s->hlen, n = payload - s->off;
    if (n > s->seg_size)
        n = s->seg_size;
    bool last = s->off + n >= payload;
    if (s->hlen + n > cap) {
        s->done = true;
        return 0;
    }
    memcpy(out, s->pkt, s->hlen);
    memcpy(out + s->hlen, s->pkt + s->hlen + s->off, n);
    if (s->v6)
        put16(out + 4, (uint32_t)(s->hlen - IP6_HDR_LEN + n));
    else
        ip4_fix_header(out, s->l3len, s->hlen + n,
                       (uint16_t)(((uint32_t)out[4] << 8 | out[5]) + s->idx));
    uint8_t *tcp = out + s->l3len;
    put32(tcp + 4, get32(tcp + 4) + (uint32_t)s->off);
    if (!last)
        tcp[TCP_OFF_FLAGS] &= (uint8_t)~(TCP_FIN | TCP_PSH);
    if (s->idx > 0)
        tcp[TCP_OFF_FLAGS] &= (uint8_t)~TCP_CWR;
    size_t tcplen = s->hlen - s->l3len + n;
    put16(tcp + TCP_OFF_CSUM, 0);
    uint32_t sum = pseudo_sum(out, s->v6, tcplen) + gso_csum_add(0, tcp, tcplen);
    put16(tcp + TCP_OFF_CSUM, (uint16_t)~gso_csum_fold(sum));
    s->off += n;
    s->idx++;
    s->done = last;
    s->st->segments++;
    *pkt = out;
    return s->hlen + n;
}

/* ---- incoming ---- */

void gso_gro_init(struct gso_gro *g, uint8_t *buf, size_t cap, struct gso_stats *st)
{
    memset(g, 0, sizeof(*g));
    g->buf = buf;
    g->cap = cap < GSO_MAX_PACKET ? cap : GSO_MAX_PACKET;
    g->st = st;
}

/* A plain in-order data segment that may be merged: exact IP length, no
 * IPv4 options or fragments, only ACK (and PSH), some payload, and correct
 * IPv4 header and TCP checksums (a merged packet's checksum is no longer
 * checked by the kernel, so a bad segment must never get in). */
static bool mergeable(const uint8_t *p, size_t len, struct tcpip *t)
{
    if (parse_tcpip(p, len, t) != GSO_OK || t->iplen != len || t->ip_options || t->fragment)
        return false;
    if ((t->flags & (uint8_t)~TCP_PSH) != TCP_ACK || len == t->hlen)
        return false;
    if (!t->v6 && gso_csum_fold(gso_csum_add(0, p, t->l3len)) != 0xffff)
        return false;
    size_t tcplen = len - t->l3len;
    uint32_t sum = pseudo_sum(p, t->v6, tcplen) + gso_csum_add(0, p + t->l3len, tcplen);
    return gso_csum_fold(sum) == 0xffff;
}

/* Same flow and same everything but length, ID, sequence, PSH and checksums. */
static bool same_flow(const uint8_t *a, const uint8_t *b, const struct tcpip *t)
{
    if (t->v6) {
        if (memcmp(a, b, 4) || memcmp(a + 6, b + 6, IP6_HDR_LEN - 6))
            return false;
    } else if (memcmp(a, b, 2) || memcmp(a + 6, b + 6, 4) || memcmp(a + 12, b + 12, 8)) {
        return false;
    }
    const uint8_t *ta = a + t->l3len, *tb = b + t->l3len;
    return !memcmp(ta, tb, 4) && !memcmp(ta + 8, tb + 8, 5) &&
           !memcmp(ta + 14, tb + 14, 2) && !memcmp(ta + 18, tb + 18, t->hlen - t->l3len - 18);
}

void gso_gro_flush(struct gso_gro *g, gso_out_fn out, void *ctx)
{
    if (!g->len)
        return;
    struct virtio_net_hdr h;
    memset(&h, 0, sizeof(h));
    if (g->segs > 1) {
        uint8_t *ip = g->buf;
        if (g->v6)
            put16(ip + 4, (uint32_t)(g->len - IP6_HDR_LEN));
        else
            ip4_fix_header(ip, g->l3len, g->len, (uint16_t)((uint32_t)ip[4] << 8 | ip[5]));
        /* partial checksum: the field holds the pseudo-header sum and the
         * kernel, like for a packet from a virtio NIC, trusts the rest */
        size_t tcplen = g->len - g->l3len;
        put16(ip + g->l3len + TCP_OFF_CSUM, gso_csum_fold(pseudo_sum(ip, g->v6, tcplen)));
        h.flags = VIRTIO_NET_HDR_F_NEEDS_CSUM;
        h.gso_type = g->v6 ? VIRTIO_NET_HDR_GSO_TCPV6 : VIRTIO_NET_HDR_GSO_TCPV4;
        h.hdr_len = (uint16_t)g->hlen;
        h.gso_size = (uint16_t)g->seg_size;
        h.csum_start = (uint16_t)g->l3len;
        h.csum_offset = TCP_OFF_CSUM;
        g->st->gro_written++;
    } else {
        g->st->passed++;    /* one segment: unchanged */
    }
    size_t len = g->len;
    g->len = 0;
    out(ctx, &h, g->buf, len);
}

/* Hand a packet on as it came (no offload header fields set). */
static void pass_on(struct gso_gro *g, const uint8_t *pkt, size_t len, gso_out_fn out, void *ctx)
{
    struct virtio_net_hdr h;
    memset(&h, 0, sizeof(h));
    g->st->passed++;
    out(ctx, &h, pkt, len);
}

void gso_gro_input(struct gso_gro *g, const uint8_t *pkt, size_t len, gso_out_fn out,
                   void *ctx)
{
    struct tcpip t;
    if (!mergeable(pkt, len, &t) || len > g->cap) {
        gso_gro_flush(g, out, ctx);
        pass_on(g, pkt, len, out, ctx);
        return;
    }
    size_t n = len - t.hlen;
    if (g->len && t.v6 == g->v6 && t.hlen == g->hlen && t.seq == g->next_seq &&
        n <= g->seg_size && g->len + n <= g->cap && same_flow(g->buf, pkt, &t)) {
        memcpy(g->buf + g->len, pkt + t.hlen, n);
        g->len += n;
        g->segs++;
        g->next_seq += (uint32_t)n;
        g->st->merged++;
        if (t.flags & TCP_PSH)
            g->buf[g->l3len + TCP_OFF_FLAGS] |= TCP_PSH;
    } else {
        gso_gro_flush(g, out, ctx);
        memcpy(g->buf, pkt, len);
        g->len = len;
        g->v6 = t.v6;
        g->l3len = t.l3len;
        g->hlen = t.hlen;
        g->seg_size = n;
        g->segs = 1;
        g->next_seq = t.seq + (uint32_t)n;
    }
    /* a short segment or PSH ends a super-packet: nothing may follow it */
    if (n < g->seg_size || (t.flags & TCP_PSH))
        gso_gro_flush(g, out, ctx);
}
