/* demandq: the packets that wait for a demand-dialled link (pppd's demand.c
 * queue), sans-I/O. Bounded: when full the oldest packet goes, counted. */
#ifndef PPPD_LITE_DEMANDQ_H
#define PPPD_LITE_DEMANDQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DEMANDQ_SLOTS 32
#define DEMANDQ_PKT_MAX 1500    /* the interface's MTU while dormant */

struct demandq {
    uint8_t data[DEMANDQ_SLOTS][DEMANDQ_PKT_MAX];
    uint16_t len[DEMANDQ_SLOTS];
    unsigned head, count;
    uint64_t dropped;           /* oldest packets pushed out by newer ones */
    uint64_t too_big;           /* longer than DEMANDQ_PKT_MAX: not queued */
};

void demandq_init(struct demandq *q);
/* Queue a copy (false: too big, counted). A full queue drops its oldest. */
bool demandq_push(struct demandq *q, const uint8_t *pkt, size_t len);
/* The oldest packet, removed; false when empty. Valid until the next push. */
bool demandq_pop(struct demandq *q, const uint8_t **pkt, size_t *len);

#endif
