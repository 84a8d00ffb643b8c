/* vjhdr: the IPv4 and TCP header reader and writer shared by the VJ
 * compressor and decompressor (internal to pppd-lite/vj*.c). */
#ifndef PPPD_LITE_VJHDR_H
#define PPPD_LITE_VJHDR_H

#include <stdbool.h>
#include <stddef.h>

#include "common/buf.h"
#include "pppd-lite/proto/vj.h"

#define VJ_TCP_FIN 0x01
#define VJ_TCP_SYN 0x02
#define VJ_TCP_RST 0x04
#define VJ_TCP_PSH 0x08
#define VJ_TCP_ACK 0x10
#define VJ_TCP_URG 0x20
#define VJ_IPPROTO_TCP 6

/* RFC 1144 3.2.2: the change mask of a compressed header. */
#define VJ_NEW_C 0x40
#define VJ_NEW_I 0x20
#define VJ_TCP_PUSH_BIT 0x10
#define VJ_NEW_S 0x08
#define VJ_NEW_A 0x04
#define VJ_NEW_W 0x02
#define VJ_NEW_U 0x01
/* Masks no real change produces, reused for the two common cases. */
#define VJ_SPECIAL_I (VJ_NEW_S | VJ_NEW_W | VJ_NEW_U)   /* echoed interactive data */
#define VJ_SPECIAL_D (VJ_NEW_S | VJ_NEW_A | VJ_NEW_W | VJ_NEW_U)   /* one-way data */
#define VJ_SPECIALS_MASK (VJ_NEW_S | VJ_NEW_A | VJ_NEW_W | VJ_NEW_U)

size_t vjhdr_len(const struct vj_hdr *h);
/* Each reads one header (with its options); false on a short reader or a
 * header length or version it cannot be. */
bool vjhdr_parse_ip(struct buf_reader *r, struct vj_hdr *h);
bool vjhdr_parse_tcp(struct buf_reader *r, struct vj_hdr *h);
/* Both headers, with a freshly computed IP header checksum. */
bool vjhdr_write(struct buf_writer *w, const struct vj_hdr *h);

#endif
