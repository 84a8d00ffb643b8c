/* radspool: spooled Accounting-Requests (see radspool.h). */
#include "pppd-lite/radius/radspool.h"

#include <string.h>

#include "common/buf.h"
#include "pppd-lite/radius/radreq.h"

#define MAGIC_LEN (sizeof(RADSPOOL_MAGIC) - 1)

size_t radspool_encode(const struct radmsg *m, uint64_t first_sent, uint8_t *out, size_t cap)
{
    if (cap < MAGIC_LEN + 8)
        return 0;
    memcpy(out, RADSPOOL_MAGIC, MAGIC_LEN);
    for (int i = 0; i < 8; i++)
        out[MAGIC_LEN + i] = (uint8_t)(first_sent >> (56 - 8 * i));
    size_t n = radmsg_encode(m, out + MAGIC_LEN + 8, cap - MAGIC_LEN - 8);
    return n ? MAGIC_LEN + 8 + n : 0;
}

bool radspool_parse(const uint8_t *in, size_t len, struct radmsg *m, uint64_t *first_sent)
{
    struct buf_reader r;
    buf_reader_init(&r, in, len);
    const uint8_t *magic = buf_get_ptr(&r, MAGIC_LEN);
    if (!magic || memcmp(magic, RADSPOOL_MAGIC, MAGIC_LEN) != 0)
        return false;
    uint64_t t = (uint64_t)buf_get_u32(&r) << 32;
    t |= buf_get_u32(&r);
    if (!buf_reader_ok(&r))
        return false;
    size_t rest = buf_remaining(&r);
    const uint8_t *body = buf_get_ptr(&r, rest);
    if (!body || !radmsg_decode(body, rest, m) || m->kind != RADMSG_ACCT ||
        !radmsg_find(m, 0, RAD_ACCT_SESSION_ID))
        return false;
    *first_sent = t;
    return true;
}

void radspool_delay(struct radmsg *m, uint64_t first_sent, uint64_t now)
{
    uint32_t d = now > first_sent ? (uint32_t)(now - first_sent) : 0;
    uint8_t b[4] = { (uint8_t)(d >> 24), (uint8_t)(d >> 16), (uint8_t)(d >> 8), (uint8_t)d };
    for (unsigned i = 0; i < m->n; i++) {
        if (m->item[i].type == RADMSG_ITEM_ATTR && m->item[i].vendor == 0 &&
            m->item[i].attr == RAD_ACCT_DELAY_TIME) {
            memcpy(m->item[i].val, b, 4);
            m->item[i].len = 4;
            return;
        }
    }
    radmsg_add(m, RADMSG_ITEM_ATTR, 0, RAD_ACCT_DELAY_TIME, b, 4);
}
