/* libFuzzer target for common/syncframe's receiver and measure.
 *
 * The input is fed to the receiver in chunks whose sizes come from the
 * input itself. Every frame delivered must lie within what was fed, in
 * order and without gaps or overlap (the receiver only cuts, never changes
 * bytes), and be no longer than the largest frame; a measure that names a
 * length must name at least the header it read. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/syncframe.h"

#define MRU 1500
static uint8_t store[SYNCFRAME_RX_STORAGE(MRU)];
static uint8_t fed[1 << 16];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > sizeof fed)
        return 0;
    struct syncframe_rx r;
    syncframe_rx_init(&r, store, sizeof store, (data[0] & 1) ? 40 : MRU);
    size_t pos = 1, nfed = 0, out = 0;
    while (pos < size) {
        size_t chunk = (size_t)data[pos] * 8 + 1;
        if (chunk > size - pos)
            chunk = size - pos;
        size_t room = syncframe_rx_room(&r);
        if (room == 0)
            abort();   /* a drained receiver always has room */
        if (chunk > room)
            chunk = room;
        size_t took = syncframe_rx_feed(&r, data + pos, chunk);
        if (took != chunk)
            abort();
        memcpy(fed + nfed, data + pos, took);
        nfed += took;
        pos += took;
        const uint8_t *f;
        size_t fl;
        while (syncframe_rx_next(&r, &f, &fl)) {
            if (fl == 0 || fl > r.max_frame || out + fl > nfed)
                abort();
            /* frames come in order; dropped ones leave gaps only forward */
            const uint8_t *hit = memmem(fed + out, nfed - out, f, fl);
            if (!hit)
                abort();
            out = (size_t)(hit - fed) + fl;
            size_t m = syncframe_measure(f, fl);
            if (m != SYNCFRAME_NOLEN && m != fl)
                abort();
        }
    }
    return 0;
}
