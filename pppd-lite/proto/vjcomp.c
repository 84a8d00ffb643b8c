/* vjcomp: the RFC 1144 compressor (section 3.2, appendix A.2 in prose).
 * Slots are kept in most-recently-used order; a new connection takes the
 * least recently used one (3.2.3). */
#include "vj.h"
#include "vjhdr.h"

#include <string.h>

void vj_comp_init(struct vj_comp *c, unsigned nslots, bool comp_slot, struct vj_stats *st)
{
    memset(c, 0, sizeof *c);
    c->nslots = nslots < 1 ? 1 : nslots > VJ_MAX_SLOTS ? VJ_MAX_SLOTS : nslots;
    c->comp_slot = comp_slot;
    c->last_sent = VJ_MAX_SLOTS;
    c->st = st;
}

static bool same_conn(const struct vj_hdr *a, const struct vj_hdr *b)
{
    return a->src == b->src && a->dst == b->dst && a->sport == b->sport && a->dport == b->dport;
}

/* The slot of h's connection, moved to the front of the order; or, on a
 * miss, the least recently used slot moved to the front (*hit false). */
static unsigned find_slot(struct vj_comp *c, const struct vj_hdr *h, bool *hit)
{
    unsigned i;
    c->st->searches++;
    *hit = false;
    for (i = 0; i < c->used; i++) {
        if (same_conn(&c->slot[c->order[i]], h)) {
            *hit = true;
            break;
        }
    }
    if (!*hit) {
        c->st->misses++;
        if (c->used < c->nslots) {
            c->order[c->used] = (uint8_t)c->used;
            c->used++;
        }
        i = c->used - 1;
    }
    uint8_t s = c->order[i];
    memmove(c->order + 1, c->order, i);
    c->order[0] = s;
    return s;
}

/* Fields the compressed header cannot carry must be as saved (3.2.3). The
 * flags other than PSH and URG (and so ECE/CWR) and the reserved bits too. */
static bool fixed_fields_same(const struct vj_hdr *n, const struct vj_hdr *o)
{
    const uint8_t carried = VJ_TCP_PSH | VJ_TCP_URG;
    return n->vhl == o->vhl && n->tos == o->tos && n->frag == o->frag && n->ttl == o->ttl &&
           n->off == o->off && (n->flags & ~carried) == (o->flags & ~carried) &&
           memcmp(n->tcpopt, o->tcpopt, n->tcpopt_len) == 0 &&
           (n->flags & VJ_TCP_URG || n->urp == o->urp);
}

/* 3.2.2: 1..255 in one byte, anything else as 0 and two bytes. */
static void put_delta(uint8_t **p, uint32_t v)
{
    if (v >= 1 && v <= 255) {
        *(*p)++ = (uint8_t)v;
    } else {
        *(*p)++ = 0;
        *(*p)++ = (uint8_t)(v >> 8);
        *(*p)++ = (uint8_t)v;
    }
}

/* The deltas of n against o into d; the change mask, or -1 when the packet
 * must go uncompressed (a delta too large or a backwards step, a repeat). */
static int encode_deltas(const struct vj_hdr *n, const struct vj_hdr *o, uint8_t *d,
                         size_t *dlen)
{
    uint8_t *p = d;
    int changes = 0;
    if (n->flags & VJ_TCP_URG) {
        put_delta(&p, n->urp);
        changes |= VJ_NEW_U;
    }
    uint16_t dw = (uint16_t)(n->win - o->win);
    if (dw) {
        put_delta(&p, dw);
        changes |= VJ_NEW_W;
    }
    uint32_t da = n->ack - o->ack, ds = n->seq - o->seq;
    if (da) {
        if (da > 0xffff)
            return -1;
        put_delta(&p, da);
        changes |= VJ_NEW_A;
    }
    if (ds) {
        if (ds > 0xffff)
            return -1;
        put_delta(&p, ds);
        changes |= VJ_NEW_S;
    }
    size_t ohlen = vjhdr_len(o), last_data = o->len > ohlen ? o->len - ohlen : 0;
    switch (changes) {
    case 0:
        /* Nothing moved: only the first data after a bare ACK may be
         * compressed; a repeat (retransmission, window probe) resyncs. */
        if (!(n->len != o->len && o->len == ohlen))
            return -1;
        break;
    case VJ_SPECIAL_I:
    case VJ_SPECIAL_D:
        return -1;      /* would read as a special case */
    case VJ_NEW_S | VJ_NEW_A:
        if (ds == da && ds == last_data) {
            changes = VJ_SPECIAL_I;
            p = d;
        }
        break;
    case VJ_NEW_S:
        if (ds == last_data) {
            changes = VJ_SPECIAL_D;
            p = d;
        }
        break;
    default:
        break;
    }
    uint16_t di = (uint16_t)(n->id - o->id);
    if (di != 1) {
        put_delta(&p, di);
        changes |= VJ_NEW_I;
    }
    if (n->flags & VJ_TCP_PSH)
        changes |= VJ_TCP_PUSH_BIT;
    *dlen = (size_t)(p - d);
    return changes;
}

uint16_t vj_compress(struct vj_comp *c, const uint8_t *pkt, size_t len, uint8_t *out,
                     size_t cap, size_t *outlen)
{
    struct vj_hdr h;
    struct buf_reader r;
    buf_reader_init(&r, pkt, len);
    *outlen = 0;
    if (!vjhdr_parse_ip(&r, &h) || h.proto != VJ_IPPROTO_TCP) {
        c->st->out_other++;
        return VJ_PROTO_IP;
    }
    if (h.ipopt_len != 0 || (h.frag & 0x3fff) != 0 || h.len != len || !vjhdr_parse_tcp(&r, &h) ||
        (h.flags & (VJ_TCP_SYN | VJ_TCP_FIN | VJ_TCP_RST | VJ_TCP_ACK)) != VJ_TCP_ACK ||
        cap < len) {
        c->st->out_tcp_ip++;
        return VJ_PROTO_IP;
    }
    size_t hlen = vjhdr_len(&h);
    bool hit;
    unsigned s = find_slot(c, &h, &hit);
    struct vj_hdr *o = &c->slot[s];
    uint8_t deltas[16];
    size_t dlen = 0;
    int changes = hit && fixed_fields_same(&h, o) ? encode_deltas(&h, o, deltas, &dlen) : -1;
    *o = h;
    if (changes < 0) {
        /* 3.2.4: the whole packet, its IP protocol field naming the slot */
        memcpy(out, pkt, len);
        out[9] = (uint8_t)s;
        *outlen = len;
        c->last_sent = s;
        c->st->out_uncompressed++;
        return VJ_PROTO_UNCOMP;
    }
    uint8_t *p = out;
    *p++ = (uint8_t)changes;
    if (!c->comp_slot || c->last_sent != s) {
        out[0] |= VJ_NEW_C;
        *p++ = (uint8_t)s;
    }
    *p++ = (uint8_t)(h.csum >> 8);
    *p++ = (uint8_t)h.csum;
    memcpy(p, deltas, dlen);
    p += dlen;
    memcpy(p, pkt + hlen, len - hlen);
    *outlen = (size_t)(p - out) + (len - hlen);
    c->last_sent = s;
    c->st->out_compressed++;
    return VJ_PROTO_COMP;
}
