/* vj: Van Jacobson TCP/IP header compression (RFC 1144), sans-I/O.
 *
 * The compressor turns an IPv4 TCP packet into one of three PPP payloads:
 * the packet unchanged (protocol 0x0021), the packet with its IP protocol
 * field replaced by a slot id (0x002f, "uncompressed TCP": it fills the
 * receiver's slot), or a 3-19 byte header followed by the data (0x002d,
 * "compressed TCP": the differences against the slot's last header). The
 * decompressor keeps the same per-slot headers and rebuilds full packets.
 * Both sides keep up to VJ_MAX_SLOTS connection slots (IPCP Max-Slot-Id + 1;
 * RFC 1332 allows 256, pppd and pppd-lite negotiate at most 16, so a slot
 * id of 16 or more in a frame is an error).
 *
 * Only IPv4 TCP with no IP options, no fragment and exactly the ACK flag
 * among SYN/FIN/RST/ACK is compressed; everything else goes out as IP. */
#ifndef PPPD_LITE_VJ_H
#define PPPD_LITE_VJ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VJ_PROTO_IP 0x0021
#define VJ_PROTO_COMP 0x002d        /* RFC 1144 / RFC 1332: compressed TCP */
#define VJ_PROTO_UNCOMP 0x002f      /* uncompressed TCP (slot id in the protocol field) */

#define VJ_MAX_SLOTS 16             /* pppd's MAX_STATES; vj-max-slots at most 16 */
#define VJ_DEFAULT_SLOTS 16         /* pppd's vj-max-slots default */
#define VJ_MAX_HDR 120              /* 60 bytes of IP + 60 of TCP header */
#define VJ_MAX_COMP_HDR 19          /* change mask, slot, checksum, five 3-byte deltas */

/* One saved TCP/IP header, kept as fields (parsed with the bounds-checked
 * reader) and written back with the writer. */
struct vj_hdr {
    uint8_t vhl, tos;
    uint16_t len, id, frag;
    uint8_t ttl, proto;
    uint32_t src, dst;
    uint8_t ipopt[40];
    uint8_t ipopt_len;
    uint16_t sport, dport;
    uint32_t seq, ack;
    uint8_t off, flags;             /* TCP data offset byte, flags byte */
    uint16_t win, csum, urp;
    uint8_t tcpopt[40];
    uint8_t tcpopt_len;
};

struct vj_stats {
    uint64_t out_compressed;        /* sent as 0x2d */
    uint64_t out_uncompressed;      /* sent as 0x2f */
    uint64_t out_tcp_ip;            /* TCP that had to go as plain IP (SYN, FIN, ...) */
    uint64_t out_other;             /* IPv4 that is not TCP, sent as IP */
    uint64_t searches;              /* slot look-ups */
    uint64_t misses;                /* look-ups that found no slot (a new connection) */
    uint64_t in_compressed;         /* 0x2d rebuilt */
    uint64_t in_uncompressed;       /* 0x2f accepted */
    uint64_t in_errors;             /* bad 0x2d/0x2f frames and lost frames */
    uint64_t in_tossed;             /* 0x2d dropped while waiting to resynchronise */
};

struct vj_comp {
    unsigned nslots;
    bool comp_slot;                 /* the peer lets us omit the slot id */
    unsigned last_sent;             /* slot of the last 0x2d/0x2f sent; VJ_MAX_SLOTS: none */
    uint8_t order[VJ_MAX_SLOTS];    /* slot numbers, most recently used first */
    unsigned used;                  /* slots holding a connection */
    struct vj_hdr slot[VJ_MAX_SLOTS];
    struct vj_stats *st;
};

struct vj_decomp {
    unsigned nslots;
    unsigned last_recv;
    bool toss;                      /* RFC 1144 4.1: drop 0x2d until resynchronised */
    bool valid[VJ_MAX_SLOTS];
    struct vj_hdr slot[VJ_MAX_SLOTS];
    struct vj_stats *st;
};

/* nslots is clamped to 1..VJ_MAX_SLOTS. */
void vj_comp_init(struct vj_comp *c, unsigned nslots, bool comp_slot, struct vj_stats *st);
void vj_decomp_init(struct vj_decomp *d, unsigned nslots, struct vj_stats *st);

/* Compress one IPv4 packet. Returns the PPP protocol to send it with. For
 * VJ_PROTO_IP the packet goes out unchanged and out is untouched; otherwise
 * the frame's payload is out[0..*outlen). out needs len bytes of room (a
 * compressed frame is never longer than its packet). */
uint16_t vj_compress(struct vj_comp *c, const uint8_t *pkt, size_t len, uint8_t *out,
                     size_t cap, size_t *outlen);

enum vj_result {
    VJ_OK = 0,
    VJ_TOSSED,              /* 0x2d while resynchronising: dropped, counted */
    VJ_ERR_SHORT,           /* header runs past the frame */
    VJ_ERR_SLOT,            /* slot id beyond the negotiated slots */
    VJ_ERR_NO_STATE,        /* 0x2d for a slot no 0x2f has filled */
    VJ_ERR_NOT_TCP,         /* 0x2f frame that is not an IPv4 TCP header */
    VJ_ERR_TOO_BIG,         /* rebuilt packet would not fit */
    VJ_ERR_MASK,            /* change mask with the unused top bit set */
};

const char *vj_result_str(enum vj_result r);

/* Rebuild the IP packet of a 0x2d or 0x2f frame into out (cap bytes; len +
 * VJ_MAX_HDR is always enough) and set *outlen. A frame that fails puts the
 * decompressor into toss state (RFC 1144 4.1); it never changes a slot. */
enum vj_result vj_uncompress(struct vj_decomp *d, uint16_t proto, const uint8_t *frame,
                             size_t len, uint8_t *out, size_t cap, size_t *outlen);

/* The link lost or mangled a frame (FCS error, bad framing): toss until
 * resynchronised, since the lost frame may have been one of ours. */
void vj_decomp_lost(struct vj_decomp *d);

#endif
