/* ring: when to answer, as mgetty's St_wait_for_RINGs (mgetty.c): count
 * RINGs, notice when the phone stops ringing, and ringback ("ring-twice").
 * Sans-I/O: the caller feeds RING events and timeouts with its clock, so
 * tests drive it with a fake one.
 *
 * Plain mode: the first RING must come within first_ms, each next one within
 * GRING_GAP_MS of the previous (mgetty's ring_chat_timeout); after `rings`
 * RINGs the call is answered.
 *
 * Ringback (mgetty -R / "ringback yes"): the first call is never answered.
 * Its RINGs are counted until none has come for GRING_RINGBACK_GAP_MS (17 s
 * as in mgetty: a ring cadence is 4-6 s, so a missed RING or two does not end
 * the call). Then a window of ringback-time seconds (at least 30, mgetty's
 * minimum) opens: the second call's first RING must come in it, and that call
 * is answered after `rings` RINGs as usual (1 by default: at once). No second
 * call: GRING_NO_RECALL. */
#ifndef GETTY_RING_H
#define GETTY_RING_H

#include <stdbool.h>

#define GRING_GAP_MS 10000
#define GRING_RINGBACK_GAP_MS 17000
#define GRING_RINGBACK_MIN_S 30

enum gring_phase {
    GRING_COUNTING,              /* counting the RINGs of the call to answer */
    GRING_FIRST_CALL,            /* ringback: the call that is let ring out */
    GRING_WINDOW,                /* ringback: waiting for the second call */
};

enum gring_result {
    GRING_WAIT,                  /* keep reading until gring_deadline() */
    GRING_ANSWER,                /* enough RINGs: answer now */
    GRING_NO_RING,               /* no RING at all within first_ms */
    GRING_STOPPED,               /* the phone stopped ringing too early */
    GRING_NO_RECALL,             /* ringback: no second call in the window */
};

struct gring {
    int wanted;                  /* RINGs before answering (>= 1) */
    bool ringback;
    long window_ms;              /* ringback window */
    enum gring_phase phase;
    int rings;                   /* RINGs of the call being counted */
    int first_call_rings;        /* ringback: RINGs of the call let ring out */
    long deadline;               /* ms on the caller's clock */
};

/* Start waiting at now (ms). rings < 1 counts as 1; ringback_s is raised to
 * GRING_RINGBACK_MIN_S. */
void gring_start(struct gring *r, int rings, bool ringback, int ringback_s, int first_ms,
                 long now);
/* A RING line was read at now. */
enum gring_result gring_on_ring(struct gring *r, long now);
/* No RING until now: GRING_WAIT while now is before the deadline. */
enum gring_result gring_on_timeout(struct gring *r, long now);
long gring_deadline(const struct gring *r);

#endif
