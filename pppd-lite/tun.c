/* tun: create ppp<N> as a TUN device (Documentation/networking/tuntap.rst). */
#include "tun.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define TUN_DEV "/dev/net/tun"
#define TUN_MAX_UNITS 1024

static int try_name(struct tun_if *t, const char *name)
{
    if (if_nametoindex(name) != 0) {
        errno = EEXIST;     /* TUNSETIFF would attach to a persistent one: never do */
        return -1;
    }
    int fd = open(TUN_DEV, O_RDWR | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return -1;
    struct ifreq ifr;
    memset(&ifr, 0, sizeof(ifr));
    ifr.ifr_flags = IFF_TUN | IFF_NO_PI;
    snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
    if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
        int e = errno;
        close(fd);
        errno = e == EBUSY ? EEXIST : e;
        return -1;
    }
    t->fd = fd;
    snprintf(t->name, sizeof(t->name), "%s", ifr.ifr_name);
    t->ifindex = (int)if_nametoindex(t->name);
    int n = -1;
    char extra;
    t->unit = sscanf(t->name, "ppp%d%c", &n, &extra) == 1 ? n : -1;
    return 0;
}

int tun_create(struct tun_if *t, int unit, const char *ifname)
{
    char name[IFNAMSIZ];
    t->fd = -1;
    if (ifname && *ifname) {
        if (strlen(ifname) >= IFNAMSIZ) {
            errno = ENAMETOOLONG;
            return -1;
        }
        return try_name(t, ifname);
    }
    if (unit >= 0) {
        snprintf(name, sizeof(name), "ppp%d", unit);
        if (try_name(t, name) == 0)
            return 0;
        if (errno != EEXIST)
            return -1;
        /* pppd: a unit in use falls back to the first free one */
    }
    for (int n = 0; n < TUN_MAX_UNITS; n++) {
        snprintf(name, sizeof(name), "ppp%d", n);
        if (try_name(t, name) == 0)
            return 0;
        if (errno != EEXIST)
            return -1;
    }
    errno = ENOSPC;
    return -1;
}

void tun_close(struct tun_if *t)
{
    if (t->fd >= 0)
        close(t->fd);
    t->fd = -1;
}
