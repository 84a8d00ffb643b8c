/* ring: RING counting and ringback (mgetty.c St_wait_for_RINGs). */
#include "ring.h"

#include "common/log.h"

void gring_start(struct gring *r, int rings, bool ringback, int ringback_s, int first_ms,
                 long now)
{
    r->wanted = rings < 1 ? 1 : rings;
    r->ringback = ringback;
    r->window_ms = (ringback_s < GRING_RINGBACK_MIN_S ? GRING_RINGBACK_MIN_S : ringback_s) * 1000L;
    r->rings = 0;
    r->first_call_rings = 0;
    if (ringback) {
        r->phase = GRING_FIRST_CALL;
        r->deadline = now + GRING_RINGBACK_GAP_MS;
    } else {
        r->phase = GRING_COUNTING;
        r->deadline = now + first_ms;
    }
}

enum gring_result gring_on_ring(struct gring *r, long now)
{
    switch (r->phase) {
    case GRING_FIRST_CALL:
        r->first_call_rings++;
        log_info("ringback: RING %d of the first call, not answering", r->first_call_rings);
        r->deadline = now + GRING_RINGBACK_GAP_MS;
        return GRING_WAIT;
    case GRING_WINDOW:
        log_info("ringback: the caller rings again");
        r->phase = GRING_COUNTING;     /* this RING counts for the second call */
        /* fall through */
    case GRING_COUNTING:
        r->rings++;
        log_info("RING %d of %d", r->rings, r->wanted);
        if (r->rings >= r->wanted)
            return GRING_ANSWER;
        r->deadline = now + GRING_GAP_MS;
        return GRING_WAIT;
    }
    return GRING_WAIT;
}

enum gring_result gring_on_timeout(struct gring *r, long now)
{
    if (now < r->deadline)
        return GRING_WAIT;
    switch (r->phase) {
    case GRING_FIRST_CALL:
        log_notice("ringback: phone stopped after %d RINGs, waiting for re-ring",
                   r->first_call_rings);
        r->phase = GRING_WINDOW;
        r->deadline = now + r->window_ms;
        return GRING_WAIT;
    case GRING_WINDOW:
        return GRING_NO_RECALL;
    case GRING_COUNTING:
        break;
    }
    return r->rings == 0 ? GRING_NO_RING : GRING_STOPPED;
}

long gring_deadline(const struct gring *r)
{
    return r->deadline;
}
