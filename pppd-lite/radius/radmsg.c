/* radmsg: loop <-> RADIUS helper messages (see radmsg.h).
 * Wire: magic 'R', kind, result, seq (4), count (2), then per item
 * type (1), vendor (4), attr (2), len (2), value. */
#include "pppd-lite/radius/radmsg.h"

#include <string.h>

#include "common/buf.h"

#define RADMSG_MAGIC 0x52

void radmsg_init(struct radmsg *m, enum radmsg_kind kind, uint32_t seq)
{
    m->kind = (uint8_t)kind;
    m->result = RADMSG_OK;
    m->seq = seq;
    m->n = 0;
}

bool radmsg_add(struct radmsg *m, uint8_t type, uint32_t vendor, uint16_t attr,
                const void *val, size_t len)
{
    if (m->n >= RADMSG_MAX_ITEMS || len > RADMSG_VAL_MAX)
        return false;
    struct radmsg_item *it = &m->item[m->n++];
    it->type = type;
    it->vendor = vendor;
    it->attr = attr;
    it->len = (uint16_t)len;
    if (len)
        memcpy(it->val, val, len);
    return true;
}

bool radmsg_add_str(struct radmsg *m, uint16_t attr, const char *s)
{
    size_t n = strlen(s);
    return n <= 253 && radmsg_add(m, RADMSG_ITEM_ATTR, 0, attr, s, n);
}

bool radmsg_add_u32(struct radmsg *m, uint16_t attr, uint32_t v)
{
    uint8_t b[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v };
    return radmsg_add(m, RADMSG_ITEM_ATTR, 0, attr, b, 4);
}

const struct radmsg_item *radmsg_find(const struct radmsg *m, uint32_t vendor, uint16_t attr)
{
    for (unsigned i = 0; i < m->n; i++)
        if (m->item[i].type == RADMSG_ITEM_ATTR && m->item[i].vendor == vendor &&
            m->item[i].attr == attr)
            return &m->item[i];
    return NULL;
}

bool radmsg_get_u32(const struct radmsg *m, uint16_t attr, uint32_t *v)
{
    const struct radmsg_item *it = radmsg_find(m, 0, attr);
    if (!it || it->len != 4)
        return false;
    *v = (uint32_t)it->val[0] << 24 | (uint32_t)it->val[1] << 16 | (uint32_t)it->val[2] << 8 |
         it->val[3];
    return true;
}

bool radmsg_get_str(const struct radmsg *m, uint32_t vendor, uint16_t attr, char *out,
                    size_t cap)
{
    const struct radmsg_item *it = radmsg_find(m, vendor, attr);
    if (!it || cap == 0)
        return false;
    size_t n = it->len < cap - 1 ? it->len : cap - 1;
    memcpy(out, it->val, n);
    out[n] = '\0';
    return true;
}

size_t radmsg_encode(const struct radmsg *m, uint8_t *out, size_t cap)
{
    struct buf_writer w;
    buf_writer_init(&w, out, cap);
    buf_put_u8(&w, RADMSG_MAGIC);
    buf_put_u8(&w, m->kind);
    buf_put_u8(&w, m->result);
    buf_put_u32(&w, m->seq);
    buf_put_u16(&w, m->n);
    for (unsigned i = 0; i < m->n && i < RADMSG_MAX_ITEMS; i++) {
        const struct radmsg_item *it = &m->item[i];
        buf_put_u8(&w, it->type);
        buf_put_u32(&w, it->vendor);
        buf_put_u16(&w, it->attr);
        buf_put_u16(&w, it->len);
        buf_put_bytes(&w, it->val, it->len <= RADMSG_VAL_MAX ? it->len : 0);
    }
    return buf_writer_ok(&w) ? buf_writer_len(&w) : 0;
}

bool radmsg_decode(const uint8_t *in, size_t len, struct radmsg *m)
{
    struct buf_reader r;
    buf_reader_init(&r, in, len);
    if (buf_get_u8(&r) != RADMSG_MAGIC)
        return false;
    m->kind = buf_get_u8(&r);
    m->result = buf_get_u8(&r);
    m->seq = buf_get_u32(&r);
    uint16_t n = buf_get_u16(&r);
    if (!buf_reader_ok(&r) || n > RADMSG_MAX_ITEMS || m->kind < RADMSG_AUTH ||
        m->kind > RADMSG_REPLY || m->result > RADMSG_ERROR)
        return false;
    m->n = 0;
    for (unsigned i = 0; i < n; i++) {
        struct radmsg_item *it = &m->item[i];
        it->type = buf_get_u8(&r);
        it->vendor = buf_get_u32(&r);
        it->attr = buf_get_u16(&r);
        it->len = buf_get_u16(&r);
        if (!buf_reader_ok(&r) || it->len > RADMSG_VAL_MAX || it->type < RADMSG_ITEM_ATTR ||
            it->type > RADMSG_ITEM_TEXT || !buf_get_bytes(&r, it->val, it->len))
            return false;
        m->n++;
    }
    return buf_remaining(&r) == 0;
}
