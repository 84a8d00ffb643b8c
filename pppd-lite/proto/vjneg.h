/* vjneg: IPCP's IP-Compression-Protocol option for Van Jacobson TCP/IP
 * header compression (RFC 1332 4.2: type 2, protocol 0x002d, Max-Slot-Id,
 * Comp-Slot-Id), with pppd's rules (ipcp.c: ipcp_addci/nakci/rejci/reqci).
 * Pure: the IPCP callbacks hand it an option's value and writers. */
#ifndef PPPD_LITE_VJNEG_H
#define PPPD_LITE_VJNEG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"

#define VJNEG_CI_COMPRESSTYPE 2
#define VJNEG_CILEN_VJ 6            /* type, length, protocol, max-slot, comp-slot */
#define VJNEG_CILEN_OLD 4           /* RFC 1172: protocol only (16 slots, slot ids compressed) */
#define VJNEG_MIN_SLOTS 2           /* pppd's vj-max-slots range */
#define VJNEG_MAX_SLOTS 16

struct vj_opt {
    bool neg;                       /* VJ asked for / agreed */
    uint8_t maxslot;                /* Max-Slot-Id: slots - 1 */
    bool cflag;                     /* Comp-Slot-Id: the slot id may be left out */
};

/* What the settings allow: pppd's wo and ao alike (novj, novjccomp, vj-max-slots). */
void vjneg_want(struct vj_opt *w, bool vj, bool vjccomp, unsigned max_slots);
/* Our request's option. */
void vjneg_put(struct buf_writer *w, const struct vj_opt *o);

enum vjneg_verdict { VJNEG_ACK, VJNEG_NAK, VJNEG_REJ };

/* The peer's option (value v of vlen bytes after type and length), judged
 * against allow. NAK writes our counter-proposal to nak (the whole option);
 * ACK fills *ho, what the peer can decompress. */
enum vjneg_verdict vjneg_judge(const struct vj_opt *allow, struct buf_reader *v, size_t vlen,
                               struct buf_writer *nak, struct vj_opt *ho);
/* The peer's Nak of our option: adjust try (a copy of go). False: malformed. */
bool vjneg_nak(struct vj_opt *try, struct buf_reader *v, size_t vlen, bool treat_as_reject);
/* The peer's Reject: true when it is the option we sent (try then has neg off). */
bool vjneg_rej(struct vj_opt *try, struct buf_reader *v, size_t vlen);

#endif
