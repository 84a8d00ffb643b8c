/* throttle: a byte queue drained no faster than a line rate, sans-I/O.
 * At 8N1 a byte costs ten bit times, so BPS bits per second carry BPS/10
 * bytes per second. A short burst (1/50 s worth) is allowed after idle so
 * writes are not split into single bytes. */
#ifndef MODEMSIM_THROTTLE_H
#define MODEMSIM_THROTTLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define THROTTLE_CAP 16384

struct throttle {
    uint8_t buf[THROTTLE_CAP];
    size_t head, len;
    unsigned rate;       /* bytes per second, 0 = unthrottled */
    bool limited;        /* rate applies now (a call is up) */
    uint64_t credit;     /* in 1/1000 byte */
    uint64_t last;       /* ms of the last credit update */
};

void throttle_init(struct throttle *t, unsigned bps);
/* Start (on) or stop applying the rate; on starts with no credit. */
void throttle_limit(struct throttle *t, bool on, uint64_t now);
size_t throttle_room(const struct throttle *t);
/* Append what fits; returns the bytes taken. */
size_t throttle_push(struct throttle *t, const void *data, size_t len);
/* Contiguous bytes that may leave now (*p points at them). */
size_t throttle_avail(struct throttle *t, uint64_t now, const uint8_t **p);
void throttle_consume(struct throttle *t, size_t n);
/* When the next byte may leave: 0 if the queue is empty, <= now if at once. */
uint64_t throttle_deadline(const struct throttle *t, uint64_t now);
void throttle_clear(struct throttle *t);

#endif
