/* tun: create ppp<N> as a TUN device (Documentation/networking/tuntap.rst),
 * and move packets through it. With offloads (IFF_VNET_HDR, TUNSETOFFLOAD)
 * every packet carries a struct virtio_net_hdr, and TCP comes and goes in
 * super-packets of up to 64 KB: one read and one trip through the kernel's
 * TCP stack per batch instead of per MRU-sized packet. */
#include "tun.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/if_tun.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <unistd.h>

#include "common/bigbuf.h"
#include "common/log.h"

#define TUN_DEV "/dev/net/tun"
#define TUN_MAX_UNITS 1024
#define TUN_OFFLOADS (TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6 | TUN_F_TSO_ECN)
#define TUN_BUF_SIZE (GSO_VNET_HDR_LEN + GSO_MAX_PACKET)
#define TUN_RECV_TRIES 64       /* undeliverable packets skipped per call */

/* Ask for the virtio header and the offloads; false when the kernel says no. */
static bool enable_offloads(int fd)
{
    int sz = (int)GSO_VNET_HDR_LEN;
    if (ioctl(fd, TUNSETVNETHDRSZ, &sz) < 0 || ioctl(fd, TUNSETOFFLOAD, TUN_OFFLOADS) < 0) {
        log_debug("TUN offloads not available (%m): plain packets");
        return false;
    }
    return true;
}

static int open_tun(const char *name, bool vnet, struct ifreq *ifr)
{
    int fd = open(TUN_DEV, O_RDWR | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return -1;
    memset(ifr, 0, sizeof(*ifr));
    ifr->ifr_flags = IFF_TUN | IFF_NO_PI | (vnet ? IFF_VNET_HDR : 0);
    snprintf(ifr->ifr_name, sizeof(ifr->ifr_name), "%s", name);
    if (ioctl(fd, TUNSETIFF, ifr) < 0) {
        int e = errno;
        close(fd);
        errno = e == EBUSY ? EEXIST : e;
        return -1;
    }
    return fd;
}

static int alloc_buffers(struct tun_if *t)
{
    /* sized for a 64 KB offload super-packet; a link of small packets
     * touches the first pages only */
    t->rdbuf = bigbuf_alloc(TUN_BUF_SIZE);
    if (t->offload) {
        t->segbuf = bigbuf_alloc(GSO_MAX_PACKET);
        t->grobuf = bigbuf_alloc(GSO_MAX_PACKET);
    }
    if (!t->rdbuf || (t->offload && (!t->segbuf || !t->grobuf)))
        return -1;
    memset(&t->stats, 0, sizeof(t->stats));
    memset(&t->seg, 0, sizeof(t->seg));
    t->seg.done = true;
    if (t->offload)
        gso_gro_init(&t->gro, t->grobuf, GSO_MAX_PACKET, &t->stats);
    return 0;
}

static int try_name(struct tun_if *t, const char *name, bool offload)
{
    if (if_nametoindex(name) != 0) {
        errno = EEXIST;     /* TUNSETIFF would attach to a persistent one: never do */
        return -1;
    }
    struct ifreq ifr;
    int fd = open_tun(name, offload, &ifr);
    if (fd >= 0 && offload && !enable_offloads(fd)) {
        close(fd);          /* the interface goes with it: make it again, plain */
        offload = false;
        fd = open_tun(name, false, &ifr);
    }
    if (fd < 0 && offload && errno == EINVAL) {
        offload = false;    /* a TUN without IFF_VNET_HDR at all */
        fd = open_tun(name, false, &ifr);
    }
    if (fd < 0)
        return -1;
    t->fd = fd;
    t->offload = offload;
    snprintf(t->name, sizeof(t->name), "%s", ifr.ifr_name);
    t->ifindex = (int)if_nametoindex(t->name);
    int n = -1;
    char extra;
    t->unit = sscanf(t->name, "ppp%d%c", &n, &extra) == 1 ? n : -1;
    if (alloc_buffers(t) < 0) {
        tun_close(t);
        errno = ENOMEM;
        return -1;
    }
    if (offload)
        log_debug("%s: TCP segmentation and checksum offloads on", t->name);
    return 0;
}

int tun_create_mode(struct tun_if *t, int unit, const char *ifname, bool offload)
{
    char name[IFNAMSIZ];
    memset(t, 0, sizeof(*t));
    t->fd = -1;
    if (ifname && *ifname) {
        if (strlen(ifname) >= IFNAMSIZ) {
            errno = ENAMETOOLONG;
            return -1;
        }
        return try_name(t, ifname, offload);
    }
    if (unit >= 0) {
        snprintf(name, sizeof(name), "ppp%d", unit);
        if (try_name(t, name, offload) == 0)
            return 0;
        if (errno != EEXIST)
            return -1;
        /* pppd: a unit in use falls back to the first free one */
    }
    for (int n = 0; n < TUN_MAX_UNITS; n++) {
        snprintf(name, sizeof(name), "ppp%d", n);
        if (try_name(t, name, offload) == 0)
            return 0;
        if (errno != EEXIST)
            return -1;
    }
    errno = ENOSPC;
    return -1;
}

int tun_create(struct tun_if *t, int unit, const char *ifname)
{
    const char *sw = getenv("PPPD_LITE_TUN_OFFLOAD");
    return tun_create_mode(t, unit, ifname, !(sw && strcmp(sw, "0") == 0));
}

void tun_close(struct tun_if *t)
{
    const struct gso_stats *st = &t->stats;
    if (t->fd >= 0 && t->offload)
        log_debug("%s: %" PRIu64 " TCP super-packets sent as %" PRIu64 " segments, %" PRIu64
                  " checksums completed; %" PRIu64 " received segments merged into %" PRIu64
                  " super-packets, %" PRIu64 " packets passed as they came",
                  t->name, st->superpackets, st->segments, st->csum_completed, st->merged,
                  st->gro_written, st->passed);
    if (t->fd >= 0)
        close(t->fd);
    t->fd = -1;
    bigbuf_free(t->rdbuf, TUN_BUF_SIZE);
    bigbuf_free(t->segbuf, GSO_MAX_PACKET);
    bigbuf_free(t->grobuf, GSO_MAX_PACKET);
    t->rdbuf = t->segbuf = t->grobuf = NULL;
    t->seg.done = true;
    t->gro.len = 0;
}

static void log_drop(const struct tun_if *t, enum gso_drop why, size_t len, size_t mtu)
{
    if (why == GSO_DROP_TOO_BIG)
        log_debug("dropped a %zu-byte packet larger than the peer's MRU %zu", len, mtu);
    else
        log_debug("%s: dropped a %zu-byte packet: %s", t->name, len, gso_drop_reason(why));
}

size_t tun_recv(struct tun_if *t, size_t mtu, const uint8_t **pkt)
{
    if (t->fd < 0)
        return 0;
    for (int tries = 0; tries < TUN_RECV_TRIES; tries++) {
        size_t n = gso_seg_next(&t->seg, t->segbuf, GSO_MAX_PACKET, pkt);
        if (n)
            return n;
        ssize_t r = read(t->fd, t->rdbuf, TUN_BUF_SIZE);
        if (r <= 0)
            return 0;
        enum gso_drop why = GSO_DROP_TOO_BIG;
        size_t plen = (size_t)r;
        if (!t->offload) {
            if (plen <= mtu) {
                *pkt = t->rdbuf;
                return plen;
            }
        } else {
            plen = plen > GSO_VNET_HDR_LEN ? plen - GSO_VNET_HDR_LEN : 0;
            why = gso_seg_begin(&t->seg, t->rdbuf, (size_t)r, mtu, &t->stats);
            if (why == GSO_OK)
                continue;   /* its first segment comes at the top */
        }
        t->stats.dropped[why]++;
        log_drop(t, why, plen, mtu);
    }
    return 0;
}

bool tun_recv_pending(const struct tun_if *t)
{
    return t->fd >= 0 && !t->seg.done;
}

void tun_recv_discard(struct tun_if *t)
{
    t->seg.done = true;
}

static void write_one(void *ctx, const struct virtio_net_hdr *h, const uint8_t *pkt, size_t len)
{
    struct tun_if *t = ctx;
    struct iovec iov[2] = {
        { .iov_base = (void *)h, .iov_len = GSO_VNET_HDR_LEN },
        { .iov_base = (void *)pkt, .iov_len = len },
    };
    if (writev(t->fd, iov, 2) < 0 && errno != EAGAIN)
        log_debug("write to %s: %m", t->name);
}

void tun_send(struct tun_if *t, const uint8_t *pkt, size_t len)
{
    if (t->fd < 0)
        return;
    if (t->offload) {
        gso_gro_input(&t->gro, pkt, len, write_one, t);
        return;
    }
    if (write(t->fd, pkt, len) < 0 && errno != EAGAIN)
        log_debug("write to %s: %m", t->name);
}

size_t tun_held(const struct tun_if *t)
{
    return t->offload ? t->gro.len : 0;
}

void tun_flush(struct tun_if *t)
{
    if (t->fd >= 0 && t->offload)
        gso_gro_flush(&t->gro, write_one, t);
}
