/* vjdecomp: the RFC 1144 decompressor (section 3.3) and its error recovery
 * (4.1): after a bad or lost frame every compressed frame is dropped until
 * one names its slot explicitly (C bit) or an uncompressed frame refills a
 * slot. A failing frame never changes a slot, so one connection's bad frame
 * cannot corrupt another's state. */
#include "vj.h"
#include "vjhdr.h"

#include <string.h>

void vj_decomp_init(struct vj_decomp *d, unsigned nslots, struct vj_stats *st)
{
    memset(d, 0, sizeof *d);
    d->nslots = nslots < 1 ? 1 : nslots > VJ_MAX_SLOTS ? VJ_MAX_SLOTS : nslots;
    d->last_recv = VJ_MAX_SLOTS;
    d->toss = true;     /* nothing to decompress against yet */
    d->st = st;
}

const char *vj_result_str(enum vj_result r)
{
    switch (r) {
    case VJ_OK:
        return "ok";
    case VJ_TOSSED:
        return "tossed while resynchronising";
    case VJ_ERR_SHORT:
        return "truncated header";
    case VJ_ERR_SLOT:
        return "slot id out of range";
    case VJ_ERR_NO_STATE:
        return "slot never filled";
    case VJ_ERR_NOT_TCP:
        return "not an IPv4 TCP header";
    case VJ_ERR_TOO_BIG:
        return "rebuilt packet too large";
    case VJ_ERR_MASK:
        return "bad change mask";
    default:
        return "?";
    }
}

void vj_decomp_lost(struct vj_decomp *d)
{
    d->st->in_errors++;
    d->toss = true;
}

static enum vj_result fail(struct vj_decomp *d, enum vj_result r)
{
    d->st->in_errors++;
    d->toss = true;
    return r;
}

/* 3.2.2: one byte 1..255, or 0 then two bytes. */
static uint16_t get_delta(struct buf_reader *r)
{
    uint8_t b = buf_get_u8(r);
    return b ? b : buf_get_u16(r);
}

/* Header then data into out; the rebuilt length must fit IPv4 and out. */
static enum vj_result emit(struct vj_hdr *h, struct buf_reader *r, uint8_t *out, size_t cap,
                           size_t *outlen)
{
    size_t data = buf_remaining(r), total = vjhdr_len(h) + data;
    if (total > 0xffff || total > cap)
        return VJ_ERR_TOO_BIG;
    h->len = (uint16_t)total;
    struct buf_writer w;
    buf_writer_init(&w, out, cap);
    if (!vjhdr_write(&w, h) || !buf_put_bytes(&w, buf_get_ptr(r, data), data))
        return VJ_ERR_TOO_BIG;
    *outlen = total;
    return VJ_OK;
}

/* 0x2f: a full packet whose IP protocol field holds the slot id. */
static enum vj_result uncompressed(struct vj_decomp *d, const uint8_t *frame, size_t len,
                                   uint8_t *out, size_t cap, size_t *outlen)
{
    struct vj_hdr h;
    struct buf_reader r;
    buf_reader_init(&r, frame, len);
    if (!vjhdr_parse_ip(&r, &h))
        return fail(d, buf_reader_ok(&r) ? VJ_ERR_NOT_TCP : VJ_ERR_SHORT);
    if (h.proto >= d->nslots)
        return fail(d, VJ_ERR_SLOT);
    unsigned s = h.proto;
    h.proto = VJ_IPPROTO_TCP;
    if (!vjhdr_parse_tcp(&r, &h))
        return fail(d, buf_reader_ok(&r) ? VJ_ERR_NOT_TCP : VJ_ERR_SHORT);
    enum vj_result res = emit(&h, &r, out, cap, outlen);
    if (res != VJ_OK)
        return fail(d, res);
    d->slot[s] = h;
    d->valid[s] = true;
    d->last_recv = s;
    d->toss = false;
    d->st->in_uncompressed++;
    return VJ_OK;
}

/* 0x2d: change mask, [slot], TCP checksum, deltas (U W A S I), data. */
static enum vj_result compressed(struct vj_decomp *d, const uint8_t *frame, size_t len,
                                 uint8_t *out, size_t cap, size_t *outlen)
{
    struct buf_reader r;
    buf_reader_init(&r, frame, len);
    uint8_t changes = buf_get_u8(&r);
    if (!buf_reader_ok(&r))
        return fail(d, VJ_ERR_SHORT);
    if (changes & 0x80)
        return fail(d, VJ_ERR_MASK);
    if (changes & VJ_NEW_C) {
        uint8_t s = buf_get_u8(&r);
        if (!buf_reader_ok(&r))
            return fail(d, VJ_ERR_SHORT);
        if (s >= d->nslots)
            return fail(d, VJ_ERR_SLOT);
        if (!d->valid[s])
            return fail(d, VJ_ERR_NO_STATE);
        d->toss = false;
        d->last_recv = s;
    } else if (d->toss) {
        d->st->in_tossed++;
        return VJ_TOSSED;
    }
    /* Work on a copy: the slot changes only when the whole frame parsed. */
    struct vj_hdr h = d->slot[d->last_recv];
    size_t last_data = h.len > vjhdr_len(&h) ? h.len - vjhdr_len(&h) : 0;
    h.csum = buf_get_u16(&r);
    h.flags = (uint8_t)(changes & VJ_TCP_PUSH_BIT ? h.flags | VJ_TCP_PSH
                                                  : h.flags & ~VJ_TCP_PSH);
    switch (changes & VJ_SPECIALS_MASK) {
    case VJ_SPECIAL_I:
        h.ack += (uint32_t)last_data;
        h.seq += (uint32_t)last_data;
        h.flags &= (uint8_t)~VJ_TCP_URG;
        break;
    case VJ_SPECIAL_D:
        h.seq += (uint32_t)last_data;
        h.flags &= (uint8_t)~VJ_TCP_URG;
        break;
    default:
        if (changes & VJ_NEW_U) {
            h.flags |= VJ_TCP_URG;
            h.urp = get_delta(&r);
        } else {
            h.flags &= (uint8_t)~VJ_TCP_URG;
        }
        if (changes & VJ_NEW_W)
            h.win = (uint16_t)(h.win + get_delta(&r));
        if (changes & VJ_NEW_A)
            h.ack += get_delta(&r);
        if (changes & VJ_NEW_S)
            h.seq += get_delta(&r);
        break;
    }
    h.id = (uint16_t)(h.id + (changes & VJ_NEW_I ? get_delta(&r) : 1));
    if (!buf_reader_ok(&r))
        return fail(d, VJ_ERR_SHORT);
    enum vj_result res = emit(&h, &r, out, cap, outlen);
    if (res != VJ_OK)
        return fail(d, res);
    d->slot[d->last_recv] = h;
    d->st->in_compressed++;
    return VJ_OK;
}

enum vj_result vj_uncompress(struct vj_decomp *d, uint16_t proto, const uint8_t *frame,
                             size_t len, uint8_t *out, size_t cap, size_t *outlen)
{
    *outlen = 0;
    if (proto == VJ_PROTO_UNCOMP)
        return uncompressed(d, frame, len, out, cap, outlen);
    return compressed(d, frame, len, out, cap, outlen);
}
