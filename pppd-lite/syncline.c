/* syncline: one write per frame, frames read back by length (syncline.h).
 * In the output queue each frame is preceded by its 2-byte length; txq_sent
 * counts what of the first frame a short write already took. */
#include "syncline.h"

#include <errno.h>
#include <unistd.h>

#include "common/syncframe.h"
#include "pppd-lite/daemon.h"

#define LEN_BYTES 2

bool syncline_queue(struct daemon *d, uint16_t protocol, const uint8_t *payload, size_t len,
                    bool full_header)
{
    size_t need = LEN_BYTES + SYNCFRAME_ENCODED_MAX(len);
    if (!loop_txq_room(d, need))
        return false;
    uint8_t *out = d->txq + d->txq_head + d->txq_len;
    size_t n = syncframe_encode(protocol, payload, len, !full_header && d->enc.acfc,
                                !full_header && d->enc.pfc, out + LEN_BYTES, need - LEN_BYTES);
    if (!n || n > 0xffff)
        return false;
    out[0] = (uint8_t)(n >> 8);
    out[1] = (uint8_t)n;
    d->txq_len += LEN_BYTES + n;
    d->packets_sent++;
    return true;
}

int syncline_flush(struct daemon *d)
{
    while (d->txq_len >= LEN_BYTES) {
        uint8_t *q = d->txq + d->txq_head;
        size_t flen = (size_t)q[0] << 8 | q[1];
        size_t left = flen - d->sync_tx_sent;
        ssize_t n = write(d->line_out, q + LEN_BYTES + d->sync_tx_sent, left);
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR)
                return 0;
            return -1;
        }
        d->bytes_sent += (uint64_t)n;
        if ((size_t)n < left) {   /* a full pty took part: the rest follows */
            d->sync_tx_sent += (size_t)n;
            return 0;
        }
        d->sync_tx_sent = 0;
        d->txq_head += LEN_BYTES + flen;
        d->txq_len -= LEN_BYTES + flen;
    }
    return 0;
}

size_t syncline_read_room(struct daemon *d)
{
    return syncframe_rx_room(&d->srx);
}

void syncline_input(struct daemon *d, const uint8_t *in, size_t n,
                    void (*deliver)(struct daemon *d, const uint8_t *frame, size_t len))
{
    while (n) {
        size_t took = syncframe_rx_feed(&d->srx, in, n);
        in += took;
        n -= took;
        const uint8_t *frame;
        size_t flen;
        while (syncframe_rx_next(&d->srx, &frame, &flen))
            deliver(d, frame, flen);
        if (!took)
            break;   /* cannot happen: a drained receiver has room */
    }
}
