/* netif: SIOCSIFADDR/SIOCSIFDSTADDR/SIOCSIFNETMASK/SIOCSIFMTU/SIOCSIFFLAGS,
 * as pppd's sys-linux.c sifaddr()/sifup() do for the ppp unit. */
#include "netif.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/ipv6.h>

static int ifreq_ioctl(const char *ifname, unsigned long req, struct ifreq *ifr)
{
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0)
        return -1;
    snprintf(ifr->ifr_name, sizeof(ifr->ifr_name), "%s", ifname);
    int rc = ioctl(s, req, ifr);
    int e = errno;
    close(s);
    errno = e;
    return rc;
}

int netif_no_auto_ll6(const char *ifname)
{
    char path[64 + IFNAMSIZ];
    snprintf(path, sizeof(path), "/proc/sys/net/ipv6/conf/%s/addr_gen_mode", ifname);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    /* IN6_ADDR_GEN_MODE_NONE */
    ssize_t n = write(fd, "1\n", 2);
    int e = errno;
    close(fd);
    errno = e;
    return n == 2 ? 0 : -1;
}

void netif_put_addr(struct sockaddr *sa, uint32_t addr)
{
    struct sockaddr_in sin;
    memset(&sin, 0, sizeof(sin));
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = htonl(addr);
    memcpy(sa, &sin, sizeof(sin));
}

static uint32_t get_addr(const struct sockaddr *sa)
{
    struct sockaddr_in sin;
    memcpy(&sin, sa, sizeof(sin));
    return ntohl(sin.sin_addr.s_addr);
}

int netif_set_addrs(const char *ifname, uint32_t local, uint32_t remote, uint32_t netmask,
                    const char **what)
{
    struct ifreq ifr;
    memset(&ifr, 0, sizeof(ifr));
    netif_put_addr(&ifr.ifr_addr, local);
    *what = "SIOCSIFADDR";
    if (ifreq_ioctl(ifname, SIOCSIFADDR, &ifr) < 0)
        return -1;
    memset(&ifr, 0, sizeof(ifr));
    netif_put_addr(&ifr.ifr_dstaddr, remote);
    *what = "SIOCSIFDSTADDR";
    if (ifreq_ioctl(ifname, SIOCSIFDSTADDR, &ifr) < 0)
        return -1;
    memset(&ifr, 0, sizeof(ifr));
    netif_put_addr(&ifr.ifr_netmask, netmask ? netmask : 0xffffffffu);
    *what = "SIOCSIFNETMASK";
    return ifreq_ioctl(ifname, SIOCSIFNETMASK, &ifr);
}

int netif_set_mtu(const char *ifname, int mtu)
{
    struct ifreq ifr;
    memset(&ifr, 0, sizeof(ifr));
    ifr.ifr_mtu = mtu;
    return ifreq_ioctl(ifname, SIOCSIFMTU, &ifr);
}

int netif_get_mtu(const char *ifname)
{
    struct ifreq ifr;
    memset(&ifr, 0, sizeof(ifr));
    if (ifreq_ioctl(ifname, SIOCGIFMTU, &ifr) < 0)
        return -1;
    return ifr.ifr_mtu;
}

int netif_set_up(const char *ifname, bool up)
{
    struct ifreq ifr;
    memset(&ifr, 0, sizeof(ifr));
    if (ifreq_ioctl(ifname, SIOCGIFFLAGS, &ifr) < 0)
        return -1;
    if (up)
        ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
    else
        ifr.ifr_flags &= ~IFF_UP;
    return ifreq_ioctl(ifname, SIOCSIFFLAGS, &ifr);
}

bool netif_is_up(const char *ifname)
{
    struct ifreq ifr;
    memset(&ifr, 0, sizeof(ifr));
    return ifreq_ioctl(ifname, SIOCGIFFLAGS, &ifr) == 0 && (ifr.ifr_flags & IFF_UP);
}

int netif_clear_addrs(const char *ifname)
{
    struct ifreq ifr;
    memset(&ifr, 0, sizeof(ifr));
    netif_put_addr(&ifr.ifr_addr, 0);
    return ifreq_ioctl(ifname, SIOCSIFADDR, &ifr);
}

int netif_get_addrs(const char *ifname, uint32_t *local, uint32_t *remote)
{
    struct ifreq ifr;
    memset(&ifr, 0, sizeof(ifr));
    if (ifreq_ioctl(ifname, SIOCGIFADDR, &ifr) < 0)
        return -1;
    *local = get_addr(&ifr.ifr_addr);
    memset(&ifr, 0, sizeof(ifr));
    if (ifreq_ioctl(ifname, SIOCGIFDSTADDR, &ifr) < 0)
        return -1;
    *remote = get_addr(&ifr.ifr_dstaddr);
    return 0;
}

int netif_set_ll6(const char *ifname, uint64_t ifid, bool add)
{
    struct in6_ifreq r;
    int idx = (int)if_nametoindex(ifname);
    if (idx == 0)
        return -1;
    memset(&r, 0, sizeof(r));
    r.ifr6_addr.s6_addr[0] = 0xfe;
    r.ifr6_addr.s6_addr[1] = 0x80;
    for (int i = 0; i < 8; i++)
        r.ifr6_addr.s6_addr[8 + i] = (uint8_t)(ifid >> (56 - 8 * i));
    r.ifr6_prefixlen = 64;
    r.ifr6_ifindex = idx;
    int s = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0)
        return -1;
    int rc = ioctl(s, add ? SIOCSIFADDR : SIOCDIFADDR, &r);
    int e = errno;
    close(s);
    errno = e;
    return rc;
}
