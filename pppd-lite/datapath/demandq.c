/* demandq: bounded packet queue, oldest dropped (demandq.h). */
#include "demandq.h"

#include <string.h>

void demandq_init(struct demandq *q)
{
    q->head = q->count = 0;
    q->dropped = q->too_big = 0;
}

bool demandq_push(struct demandq *q, const uint8_t *pkt, size_t len)
{
    if (len > DEMANDQ_PKT_MAX) {
        q->too_big++;
        return false;
    }
    if (q->count == DEMANDQ_SLOTS) {
        q->head = (q->head + 1) % DEMANDQ_SLOTS;
        q->count--;
        q->dropped++;
    }
    unsigned slot = (q->head + q->count) % DEMANDQ_SLOTS;
    memcpy(q->data[slot], pkt, len);
    q->len[slot] = (uint16_t)len;
    q->count++;
    return true;
}

bool demandq_pop(struct demandq *q, const uint8_t **pkt, size_t *len)
{
    if (!q->count)
        return false;
    *pkt = q->data[q->head];
    *len = q->len[q->head];
    q->head = (q->head + 1) % DEMANDQ_SLOTS;
    q->count--;
    return true;
}
