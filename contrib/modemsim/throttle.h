/* throttle: a byte queue drained no faster than a line rate, sans-I/O.
 * At 8N1 a byte costs ten bit times, so BPS bits per second carry BPS/10
 * bytes per second. It models line time: a byte may leave only once the
 * line has spent a byte time on it after the one before, and an idle line
 * saves nothing up (no burst after idle), so a packet written to an idle
 * line arrives whole one packet time later, as over a real modem. Times
 * are in microseconds. */
#ifndef MODEMSIM_THROTTLE_H
#define MODEMSIM_THROTTLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define THROTTLE_CAP 16384
#define THROTTLE_UNIT 1000000u  /* credit per byte: rate * elapsed microseconds */

struct throttle {
    uint8_t buf[THROTTLE_CAP];
    size_t head, len;
    unsigned rate;       /* bytes per second, 0 = unthrottled */
    bool limited;        /* rate applies now (a call is up) */
    uint64_t credit;     /* line time spent on bytes not yet released, THROTTLE_UNIT a byte */
    uint64_t last;       /* us of the last credit update */
};

void throttle_init(struct throttle *t, unsigned bps);
/* Start (on) or stop applying the rate; on starts with no credit. */
void throttle_limit(struct throttle *t, bool on, uint64_t now_us);
size_t throttle_room(const struct throttle *t);
/* Append what fits; returns the bytes taken. On an idle line the line's
 * time starts now. */
size_t throttle_push(struct throttle *t, const void *data, size_t len, uint64_t now_us);
/* Contiguous bytes that may leave now (*p points at them). */
size_t throttle_avail(struct throttle *t, uint64_t now_us, const uint8_t **p);
void throttle_consume(struct throttle *t, size_t n);
/* When the next byte may leave: 0 if the queue is empty, <= now if at once. */
uint64_t throttle_deadline(const struct throttle *t, uint64_t now_us);
void throttle_clear(struct throttle *t);

#endif
