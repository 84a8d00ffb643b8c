/* syncline: the line in pppd's `sync` mode (common/syncframe.h). Frames are
 * queued with their length so that each goes to the line in a write of its
 * own: N_HDLC on the far side of a pty (rp-pppoe's `pppoe -s`) takes each
 * write for one frame. */
#ifndef PPPD_LITE_SYNCLINE_H
#define PPPD_LITE_SYNCLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct daemon;

/* Queue one frame (full header when full_header). false: no room. */
bool syncline_queue(struct daemon *d, uint16_t protocol, const uint8_t *payload, size_t len,
                    bool full_header);
/* Write queued frames, one write each, until done or the line is full.
 * 0, or -1 with errno on a write error other than EAGAIN/EINTR. */
int syncline_flush(struct daemon *d);
/* Bytes the next read may take for the receiver. */
size_t syncline_read_room(struct daemon *d);
/* Hand n bytes read from the line to the receiver; each whole frame goes
 * to deliver. */
void syncline_input(struct daemon *d, const uint8_t *in, size_t n,
                    void (*deliver)(struct daemon *d, const uint8_t *frame, size_t len));

#endif
