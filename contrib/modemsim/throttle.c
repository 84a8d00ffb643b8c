/* throttle: line-rate byte queue (see throttle.h). */
#include "throttle.h"

#include <string.h>

void throttle_init(struct throttle *t, unsigned bps)
{
    memset(t, 0, sizeof *t);
    t->rate = bps / 10;
    if (bps > 0 && t->rate == 0)
        t->rate = 1;
}

void throttle_limit(struct throttle *t, bool on, uint64_t now)
{
    t->limited = on && t->rate > 0;
    t->credit = 0;
    t->last = now;
}

size_t throttle_room(const struct throttle *t)
{
    return THROTTLE_CAP - t->len;
}

size_t throttle_push(struct throttle *t, const void *data, size_t len, uint64_t now)
{
    const uint8_t *d = data;
    size_t n = len < throttle_room(t) ? len : throttle_room(t);
    if (n && t->len == 0) {
        /* the line was idle: its clock for these bytes starts now */
        t->credit = 0;
        t->last = now;
    }
    for (size_t i = 0; i < n; i++)
        t->buf[(t->head + t->len + i) % THROTTLE_CAP] = d[i];
    t->len += n;
    return n;
}

/* Line time since the last update goes to the queued bytes. It is bounded
 * by what is queued: a reader that stalls gets its backlog at once later
 * (a modem buffers toward its DTE), an idle line never. */
static void refill(struct throttle *t, uint64_t now)
{
    if (now > t->last && t->len > 0) {
        uint64_t cap = (uint64_t)t->len * THROTTLE_UNIT;
        uint64_t dt = now - t->last;
        t->credit = dt >= cap / t->rate ? cap : t->credit + dt * t->rate;
        if (t->credit > cap)
            t->credit = cap;
    }
    t->last = now;
}

size_t throttle_avail(struct throttle *t, uint64_t now, const uint8_t **p)
{
    size_t n = t->len;
    if (t->limited) {
        refill(t, now);
        if (n > t->credit / THROTTLE_UNIT)
            n = (size_t)(t->credit / THROTTLE_UNIT);
    }
    if (n > THROTTLE_CAP - t->head)
        n = THROTTLE_CAP - t->head;
    *p = t->buf + t->head;
    return n;
}

void throttle_consume(struct throttle *t, size_t n)
{
    if (n > t->len)
        n = t->len;
    t->head = (t->head + n) % THROTTLE_CAP;
    t->len -= n;
    if (t->len == 0)
        t->head = 0;
    if (t->limited) {
        uint64_t used = (uint64_t)n * THROTTLE_UNIT;
        t->credit = t->credit > used ? t->credit - used : 0;
    }
}

uint64_t throttle_deadline(const struct throttle *t, uint64_t now)
{
    if (t->len == 0)
        return 0;
    if (!t->limited)
        return now;
    uint64_t credit = t->credit + (now > t->last ? (now - t->last) * t->rate : 0);
    if (credit >= THROTTLE_UNIT)
        return now;
    return now + (THROTTLE_UNIT - credit + t->rate - 1) / t->rate;
}

void throttle_clear(struct throttle *t)
{
    t->head = t->len = 0;
}
