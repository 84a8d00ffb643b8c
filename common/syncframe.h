/* syncframe: PPP frames on a synchronous line (pppd's `sync`), sans-I/O.
 *
 * On a synchronous line the hardware (or N_HDLC on a pty, as rp-pppoe's
 * `pppoe -s` uses) does the flags and the FCS, so a frame is only the
 * address/control field, the protocol and the payload: no escaping.
 *
 * A pty is a byte stream, though: the kernel may hand several frames to one
 * read, or split one at its 4 KB buffer. pppd's N_SYNC_PPP then takes a
 * chunk for a frame and loses the rest; here the receiver separates frames
 * by PPP's own length fields (IPv4 total length, IPv6 payload length, the
 * length of a control packet), and only for a protocol without one takes
 * what the read gave for the frame. */
#ifndef COMMON_SYNCFRAME_H
#define COMMON_SYNCFRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Largest header: address, control, 2-byte protocol. */
#define SYNCFRAME_HDR_MAX 4
#define SYNCFRAME_ENCODED_MAX(n) (SYNCFRAME_HDR_MAX + (size_t)(n))
/* Bytes a measure never needs more of to decide (header + 4 of payload). */
#define SYNCFRAME_PEEK 10

/* Encode one frame (no flags, no FCS). acfc omits 0xff 0x03, pfc sends an
 * odd protocol below 0x100 in one byte. Returns bytes written, 0 if cap is
 * too small. */
size_t syncframe_encode(uint16_t protocol, const uint8_t *payload, size_t len, bool acfc,
                        bool pfc, uint8_t *out, size_t cap);

enum {
    SYNCFRAME_MORE = 0,              /* the header is not all there yet */
    SYNCFRAME_NOLEN = (size_t)-1,    /* no length field: the frame is the chunk */
};
/* The length of the frame that starts at p (n bytes there), from its own
 * length field. May exceed n (the rest has not arrived yet). A frame whose
 * header or length field makes no sense gives SYNCFRAME_NOLEN: it is then
 * taken whole and refused by the header parser, not waited for. */
size_t syncframe_measure(const uint8_t *p, size_t n);

struct syncframe_stats {
    uint64_t frames;        /* frames delivered */
    uint64_t too_long;      /* longer than the largest frame: dropped */
};

/* The receiver: reads are fed in, whole frames come out. */
struct syncframe_rx {
    uint8_t *buf;           /* caller storage, cap bytes */
    size_t cap;
    size_t len;             /* bytes held */
    size_t off;             /* start of the next frame */
    size_t max_frame;       /* largest frame accepted, header included */
    struct syncframe_stats stats;
};

/* Storage for frames of up to mru payload bytes: a frame and a read's
 * worth of the next one (SYNCFRAME_RX_STORAGE). */
#define SYNCFRAME_RX_STORAGE(mru) (2 * ((size_t)(mru) + SYNCFRAME_HDR_MAX))
void syncframe_rx_init(struct syncframe_rx *r, uint8_t *storage, size_t cap, size_t mru);
void syncframe_rx_set_mru(struct syncframe_rx *r, size_t mru);
/* Room for the next read (0 while a whole frame waits to be taken). */
size_t syncframe_rx_room(struct syncframe_rx *r);
/* Append n bytes (at most syncframe_rx_room; the rest is not taken). The
 * bytes of one feed end whatever frame has no length of its own. Returns
 * bytes taken. */
size_t syncframe_rx_feed(struct syncframe_rx *r, const uint8_t *in, size_t n);
/* The next whole frame (valid until the next feed), or false. */
bool syncframe_rx_next(struct syncframe_rx *r, const uint8_t **frame, size_t *len);

#endif
