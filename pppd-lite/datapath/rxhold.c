/* rxhold: hold merged TCP segments from the line while it streams (rxhold.h). */
#include "pppd-lite/datapath/rxhold.h"

bool rx_hold_keep(struct rx_hold *h, size_t got, size_t held, uint64_t now)
{
    if (held == 0 || got < RXHOLD_BULK || held >= RXHOLD_MAX_BYTES ||
        (h->until && now >= h->until)) {
        h->until = 0;
        return false;
    }
    if (!h->until)
        h->until = now + RXHOLD_MAX_US;
    return true;
}

int64_t rx_hold_wait(struct rx_hold *h, size_t held, uint64_t now)
{
    if (held == 0)
        h->until = 0;   /* written meanwhile (a packet that could not merge) */
    if (!h->until)
        return -1;
    return h->until > now ? (int64_t)(h->until - now) : 0;
}

bool rx_hold_due(struct rx_hold *h, uint64_t now)
{
    if (!h->until || now < h->until)
        return false;
    h->until = 0;
    return true;
}
