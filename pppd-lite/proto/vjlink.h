/* vjlink: VJ compression on a link's IPv4 datapath (pure). Configured when
 * IPCP comes up with what was agreed each way: the peer's acked request
 * says what we may send (compressor), ours what the peer sends
 * (decompressor). Packets and frames come in as bytes and go out as bytes;
 * buffers are part of the state, so the datapath never allocates. */
#ifndef PPPD_LITE_VJLINK_H
#define PPPD_LITE_VJLINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pppd-lite/proto/vj.h"
#include "pppd-lite/proto/vjneg.h"

#define VJLINK_MAX_PACKET 16384     /* the largest MRU pppd-lite negotiates */

struct vj_link {
    bool tx_on, rx_on;
    bool used;                      /* on at some time since the last vj_link_up */
    struct vj_stats st;
    struct vj_comp comp;
    struct vj_decomp dec;
    uint8_t txbuf[VJLINK_MAX_PACKET];
    uint8_t rxbuf[VJLINK_MAX_PACKET + VJ_MAX_HDR];
};

/* A new link: off, counters at zero. */
void vj_link_reset(struct vj_link *l);
/* IPCP up: tx is the peer's request we acked, rx ours the peer acked. The
 * counters go on (IPCP may renegotiate within one link). */
void vj_link_up(struct vj_link *l, const struct vj_opt *tx, const struct vj_opt *rx);
void vj_link_down(struct vj_link *l);
/* An IPv4 packet to send: returns the PPP protocol, and *pkt and *len the bytes
 * (unchanged for 0x0021, else in txbuf). */
uint16_t vj_link_send(struct vj_link *l, const uint8_t **pkt, size_t *len);
/* A 0x2d/0x2f frame: true and the rebuilt packet, or false (dropped,
 * counted, said at debug level). Only while rx_on. */
bool vj_link_recv(struct vj_link *l, uint16_t proto, const uint8_t *frame, size_t len,
                  const uint8_t **pkt, size_t *pktlen);
/* A frame was lost on the line (bad FCS, too long, aborted). */
void vj_link_lost(struct vj_link *l);
/* The exit summary line ("" when VJ was not on); buf of cap bytes. */
void vj_link_summary(const struct vj_link *l, char *buf, size_t cap);

#endif
