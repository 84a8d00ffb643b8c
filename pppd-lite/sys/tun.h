/* tun: the TUN interface that stands in for the kernel's ppp<N> unit, and
 * its datapath (with TCP offloads when the kernel has them, see gso.h). */
#ifndef PPPD_LITE_TUN_H
#define PPPD_LITE_TUN_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "pppd-lite/datapath/gso.h"

struct tun_if {
    int fd;                 /* -1 when closed */
    char name[IFNAMSIZ];
    int unit;               /* N of pppN, -1 for an ifname that is not pppN */
    int ifindex;
    bool offload;           /* IFF_VNET_HDR with checksum and TSO offloads */
    uint8_t *rdbuf;         /* one (super-)packet read from the TUN */
    uint8_t *segbuf;        /* one segment cut from it */
    uint8_t *grobuf;        /* received segments being merged */
    struct gso_seg seg;     /* what is left of the last read */
    struct gso_gro gro;
    struct gso_stats stats;
};

/* Create a TUN interface (IFF_TUN | IFF_NO_PI, non-blocking fd).
 * ifname given: exactly that name (fails with EEXIST when taken).
 * Otherwise ppp<unit> when unit >= 0 and free, else the first free ppp<N>.
 * Offloads are asked for unless the environment has PPPD_LITE_TUN_OFFLOAD=0;
 * a kernel without them gives the plain mode. 0 ok, -1 with errno. */
int tun_create(struct tun_if *t, int unit, const char *ifname);
/* The same with the offload switch given. */
int tun_create_mode(struct tun_if *t, int unit, const char *ifname, bool offload);
/* Closing the fd removes the (non-persistent) interface. */
void tun_close(struct tun_if *t);

/* The next IP packet from the TUN for a link whose peer takes mtu bytes:
 * a segment of a super-packet read earlier, or a new read. Packets that
 * cannot be sent are dropped with a debug log line. Returns its length and
 * sets *pkt, or 0 when nothing is waiting (or on a read error). */
size_t tun_recv(struct tun_if *t, size_t mtu, const uint8_t **pkt);
/* Segments of an earlier read still to be sent (call tun_recv). */
bool tun_recv_pending(const struct tun_if *t);
/* Drop what is left of an earlier read (the link went down). */
void tun_recv_discard(struct tun_if *t);
/* One IP packet from the line for the kernel: written now, or (offloads)
 * held to be merged with the next ones until tun_flush. */
void tun_send(struct tun_if *t, const uint8_t *pkt, size_t len);
/* Write what tun_send is holding (end of a batch of line input). */
void tun_flush(struct tun_if *t);
/* Bytes tun_send is holding for the next tun_flush (0: none). */
size_t tun_held(const struct tun_if *t);

#endif
