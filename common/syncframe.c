/* syncframe: PPP frames on a synchronous line, sans-I/O (syncframe.h). */
#include "syncframe.h"

#include <string.h>

size_t syncframe_encode(uint16_t protocol, const uint8_t *payload, size_t len, bool acfc,
                        bool pfc, uint8_t *out, size_t cap)
{
    size_t n = 0;
    if (cap < SYNCFRAME_ENCODED_MAX(len))
        return 0;
    if (!acfc) {
        out[n++] = 0xff;
        out[n++] = 0x03;
    }
    if (!(pfc && protocol < 0x100 && (protocol & 1)))
        out[n++] = (uint8_t)(protocol >> 8);
    out[n++] = (uint8_t)protocol;
    if (len)
        memcpy(out + n, payload, len);
    return n + len;
}

static size_t be16(const uint8_t *p)
{
    return (size_t)p[0] << 8 | p[1];
}

/* Protocols whose packets start with code, identifier and a 16-bit length
 * (RFC 1661 5, and the NCPs and authentication protocols built on it). */
static bool has_code_length(uint16_t protocol)
{
    switch (protocol) {
    case 0xc021:    /* LCP */
    case 0xc023:    /* PAP */
    case 0xc223:    /* CHAP */
    case 0xc227:    /* EAP */
    case 0x8021:    /* IPCP */
    case 0x8057:    /* IPv6CP */
    case 0x80fd:    /* CCP */
    case 0x8053:    /* ECP */
        return true;
    default:
        return false;
    }
}

size_t syncframe_measure(const uint8_t *p, size_t n)
{
    size_t i = 0;
    if (n < 1)
        return SYNCFRAME_MORE;
    if (p[0] == 0xff) {
        if (n < 2)
            return SYNCFRAME_MORE;
        if (p[1] != 0x03)
            return SYNCFRAME_NOLEN;
        i = 2;
    }
    if (n < i + 1)
        return SYNCFRAME_MORE;
    uint16_t protocol;
    if (p[i] & 1) {
        protocol = p[i];
        i += 1;
    } else {
        if (n < i + 2)
            return SYNCFRAME_MORE;
        protocol = (uint16_t)be16(p + i);
        if (!(protocol & 1))
            return SYNCFRAME_NOLEN;   /* not a protocol number (RFC 1661 2) */
        i += 2;
    }
    if (protocol == 0x0021) {
        if (n < i + 4)
            return SYNCFRAME_MORE;
        size_t total = be16(p + i + 2);
        return total < 20 ? SYNCFRAME_NOLEN : i + total;
    }
    if (protocol == 0x0057) {
        if (n < i + 6)
            return SYNCFRAME_MORE;
        return i + 40 + be16(p + i + 4);
    }
    if (has_code_length(protocol)) {
        if (n < i + 4)
            return SYNCFRAME_MORE;
        size_t len = be16(p + i + 2);
        return len < 4 ? SYNCFRAME_NOLEN : i + len;
    }
    return SYNCFRAME_NOLEN;
}

void syncframe_rx_init(struct syncframe_rx *r, uint8_t *storage, size_t cap, size_t mru)
{
    memset(r, 0, sizeof(*r));
    r->buf = storage;
    r->cap = cap;
    syncframe_rx_set_mru(r, mru);
}

void syncframe_rx_set_mru(struct syncframe_rx *r, size_t mru)
{
    size_t max = mru + SYNCFRAME_HDR_MAX;
    /* half the storage: a frame never fills it, so a read always has room */
    r->max_frame = max <= r->cap / 2 ? max : r->cap / 2;
}

size_t syncframe_rx_room(struct syncframe_rx *r)
{
    if (r->off) {
        memmove(r->buf, r->buf + r->off, r->len - r->off);
        r->len -= r->off;
        r->off = 0;
    }
    return r->cap - r->len;
}

size_t syncframe_rx_feed(struct syncframe_rx *r, const uint8_t *in, size_t n)
{
    size_t room = syncframe_rx_room(r);
    if (n > room)
        n = room;
    if (n)
        memcpy(r->buf + r->len, in, n);
    r->len += n;
    return n;
}

bool syncframe_rx_next(struct syncframe_rx *r, const uint8_t **frame, size_t *len)
{
    for (;;) {
        size_t avail = r->len - r->off;
        if (!avail) {
            r->off = r->len = 0;
            return false;
        }
        size_t m = syncframe_measure(r->buf + r->off, avail);
        if (m == SYNCFRAME_MORE)
            return false;   /* the header's rest comes with the next read */
        if (m == SYNCFRAME_NOLEN)
            m = avail;
        if (m > r->max_frame) {
            r->stats.too_long++;
            if (m <= avail) {
                r->off += m;
                continue;
            }
            r->off = r->len = 0;   /* the rest of it will not parse: dropped then */
            return false;
        }
        if (m > avail)
            return false;
        *frame = r->buf + r->off;
        *len = m;
        r->off += m;
        r->stats.frames++;
        return true;
    }
}
