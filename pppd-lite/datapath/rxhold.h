/* rxhold: when to write the TCP segments merged from the line (tun.c) to
 * the kernel. Every write makes the kernel's TCP send an ACK, and each ACK
 * crosses the line back through both daemons: on a fast line that round trip
 * costs more than the data. While the line streams, the merged packet is
 * held across wakeups, so the receiver ACKs every ~32 KB instead of every
 * tty read (4 KB on a pty). Sans-I/O: the loop gives bytes and time (in
 * microseconds), this says hold or write, and until when. */
#ifndef PPPD_LITE_RXHOLD_H
#define PPPD_LITE_RXHOLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A wakeup that read this much from the line means the line streams; less
 * (interactive traffic, any slow line) and what is held goes at once. */
#define RXHOLD_BULK 2048
/* Held this much: write it (the kernel takes up to 64 KB in one packet). */
#define RXHOLD_MAX_BYTES 32768
/* The longest a segment waits, from the wakeup that began the hold. */
#define RXHOLD_MAX_US 500

struct rx_hold {
    uint64_t until;   /* when what is held must go; 0: nothing held */
};

/* End of a wakeup's line input: got bytes were read, held bytes are now
 * merged and waiting. True: keep holding; false: write them now. */
bool rx_hold_keep(struct rx_hold *h, size_t got, size_t held, uint64_t now);
/* How long the loop may wait before rx_hold_due (microseconds), or -1 when
 * nothing is held (held bytes are waiting now; 0 ends the hold). */
int64_t rx_hold_wait(struct rx_hold *h, size_t held, uint64_t now);
/* After a wait: true when what is held must be written now. */
bool rx_hold_due(struct rx_hold *h, uint64_t now);

#endif
