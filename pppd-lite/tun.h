/* tun: the TUN interface that stands in for the kernel's ppp<N> unit. */
#ifndef PPPD_LITE_TUN_H
#define PPPD_LITE_TUN_H

#include <net/if.h>
#include <stddef.h>

struct tun_if {
    int fd;                 /* -1 when closed */
    char name[IFNAMSIZ];
    int unit;               /* N of pppN, -1 for an ifname that is not pppN */
    int ifindex;
};

/* Create a TUN interface (IFF_TUN | IFF_NO_PI, non-blocking fd).
 * ifname given: exactly that name (fails with EEXIST when taken).
 * Otherwise ppp<unit> when unit >= 0 and free, else the first free ppp<N>.
 * 0 ok, -1 with errno. */
int tun_create(struct tun_if *t, int unit, const char *ifname);
/* Closing the fd removes the (non-persistent) interface. */
void tun_close(struct tun_if *t);

#endif
