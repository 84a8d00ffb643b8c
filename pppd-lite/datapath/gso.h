/* gso: TCP segmentation and coalescing for a TUN with offloads (sans-I/O).
 *
 * With IFF_VNET_HDR and TUNSETOFFLOAD the kernel hands us TCP
 * "super-packets" of up to 64 KB with a struct virtio_net_hdr in front
 * (linux/virtio_net.h), and accepts the same from us. A PPP link carries
 * MRU-sized IP datagrams, so outgoing super-packets are cut into segments
 * (gso_seg_*), and incoming in-order segments of one TCP flow are merged
 * back into one super-packet (gso_gro_*) so the kernel's TCP stack sees one
 * packet per batch instead of one per segment. The virtio header fields are
 * in host byte order (a legacy, native-endian TUN). */
#ifndef PPPD_LITE_GSO_H
#define PPPD_LITE_GSO_H

#include <linux/virtio_net.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GSO_VNET_HDR_LEN sizeof(struct virtio_net_hdr)
#define GSO_MAX_PACKET 65535u           /* largest IPv4/IPv6 (non-jumbo) packet */

/* Why a packet from the TUN was not sent on. */
enum gso_drop {
    GSO_OK = 0,
    GSO_DROP_SHORT,         /* shorter than its virtio header or IP/TCP headers */
    GSO_DROP_LENGTH,        /* IP length field larger than the packet */
    GSO_DROP_CSUM_RANGE,    /* partial checksum start/offset outside the packet */
    GSO_DROP_GSO_TYPE,      /* a GSO type we did not ask for (UDP, unknown) */
    GSO_DROP_NOT_TCP,       /* TCP GSO on something that is not plain IPv4/IPv6 TCP */
    GSO_DROP_TOO_BIG,       /* larger than the peer's MRU and not segmentable */
    GSO_DROP_N
};

const char *gso_drop_reason(enum gso_drop why);

struct gso_stats {
    uint64_t superpackets;          /* GSO packets cut into segments */
    uint64_t segments;              /* segments made from them */
    uint64_t csum_completed;        /* partial checksums filled in */
    uint64_t dropped[GSO_DROP_N];
    uint64_t merged;                /* received segments appended to a previous one */
    uint64_t gro_written;           /* super-packets handed to the kernel */
    uint64_t passed;                /* received packets handed on as they came */
};

/* Internet checksum (RFC 1071): add len bytes at p to a running 32-bit sum
 * (an even number of bytes before the last call), and fold to 16 bits. */
uint32_t gso_csum_add(uint32_t sum, const uint8_t *p, size_t len);
uint16_t gso_csum_fold(uint32_t sum);

/* ---- outgoing: one packet read from the TUN -> MRU-sized packets ---- */

struct gso_seg {
    uint8_t *pkt;           /* the IP packet (after the virtio header) */
    size_t len;             /* its length */
    size_t mtu;
    bool gso;               /* cut into segments; else pkt goes out whole once */
    bool v6;
    size_t l3len, hlen;     /* IP header, IP + TCP headers */
    size_t seg_size;        /* payload bytes per segment */
    size_t off;             /* payload bytes already sent */
    unsigned idx;
    bool done;
    struct gso_stats *st;
};

/* Look at one buffer read from the TUN (virtio header + packet; the packet
 * is changed in place when its checksum is to be completed). GSO_OK: call
 * gso_seg_next until it returns 0; else the packet must be dropped. */
enum gso_drop gso_seg_begin(struct gso_seg *s, uint8_t *buf, size_t len, size_t mtu,
                            struct gso_stats *st);
/* The next packet to send, no larger than the mtu: points into the original
 * packet or into out (cap >= mtu). 0 when there are no more. */
size_t gso_seg_next(struct gso_seg *s, uint8_t *out, size_t cap, const uint8_t **pkt);

/* ---- incoming: packets from the line -> fewer, larger packets ---- */

/* Receives a virtio header and a packet to write to the TUN. */
typedef void (*gso_out_fn)(void *ctx, const struct virtio_net_hdr *h, const uint8_t *pkt,
                           size_t len);

struct gso_gro {
    uint8_t *buf;           /* the packet being built */
    size_t cap;
    size_t len;             /* 0: nothing pending */
    bool v6;
    size_t l3len, hlen;
    size_t seg_size;        /* payload of the first segment */
    unsigned segs;
    uint32_t next_seq;
    struct gso_stats *st;
};

/* buf must hold GSO_MAX_PACKET bytes. */
void gso_gro_init(struct gso_gro *g, uint8_t *buf, size_t cap, struct gso_stats *st);
/* Take one IP packet from the line: merge it into the pending packet, start
 * a new pending packet with it, or hand it (after what is pending) to out
 * unchanged. Packets come out in the order they went in. */
void gso_gro_input(struct gso_gro *g, const uint8_t *pkt, size_t len, gso_out_fn out,
                   void *ctx);
/* Hand the pending packet, if any, to out (end of a batch of line input). */
void gso_gro_flush(struct gso_gro *g, gso_out_fn out, void *ctx);

#endif
