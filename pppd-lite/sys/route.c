/* route: default route and proxy ARP the way pppd's sys-linux.c does them. */
#include "route.h"
#include "netif.h"

#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <net/if_arp.h>
#include <net/route.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

static int inet_ioctl(unsigned long req, void *arg)
{
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0)
        return -1;
    int rc = ioctl(s, req, arg);
    int e = errno;
    close(s);
    errno = e;
    return rc;
}

bool route_have_default(int metric, char *dev, size_t devlen)
{
    struct route_saved r;
    if (route_get_default(metric, &r) < 0)
        return false;
    if (dev)
        snprintf(dev, devlen, "%s", r.dev);
    return true;
}

int route_get_default(int metric, struct route_saved *r)
{
    memset(r, 0, sizeof(*r));
    FILE *f = fopen("/proc/net/route", "r");
    if (!f)
        return false;
    char line[256];
    bool found = false;
    if (!fgets(line, sizeof(line), f)) {   /* header */
        fclose(f);
        return false;
    }
    while (!found && fgets(line, sizeof(line), f)) {
        char ifn[IFNAMSIZ + 1];
        unsigned long dst, gw, flags, mask, m;
        /* Iface Destination Gateway Flags RefCnt Use Metric Mask ... */
        if (sscanf(line, "%16s %lx %lx %lx %*s %*s %lu %lx", ifn, &dst, &gw, &flags, &m, &mask) != 6)
            continue;
        if (dst == 0 && mask == 0 && (flags & RTF_UP) && (metric < 0 || m == (unsigned long)metric)) {
            found = true;
            snprintf(r->dev, sizeof(r->dev), "%s", ifn);
            /* the kernel prints the address as the raw network-order word */
            r->gateway = (flags & RTF_GATEWAY) ? ntohl((uint32_t)gw) : 0;
            r->metric = m > 65535 ? 65535 : (int)m;
            r->set = true;
        }
    }
    fclose(f);
    return found ? 0 : -1;
}

static int default_route(unsigned long req, const char *ifname, uint32_t gateway, bool via_gw,
                         int metric)
{
    struct rtentry rt;
    char dev[IFNAMSIZ];
    memset(&rt, 0, sizeof(rt));
    netif_put_addr(&rt.rt_dst, 0);
    netif_put_addr(&rt.rt_genmask, 0);
    rt.rt_flags = RTF_UP;
    if (via_gw) {
        netif_put_addr(&rt.rt_gateway, gateway);
        rt.rt_flags |= RTF_GATEWAY;
    }
    /* SIOCADDRT takes the metric plus one (route(8) does the same) */
    rt.rt_metric = (short)((metric > 0 ? metric : 0) + 1);
    snprintf(dev, sizeof(dev), "%s", ifname);
    rt.rt_dev = dev;
    return inet_ioctl(req, &rt);
}

int route_add_default(const char *ifname, uint32_t gateway, int metric)
{
    if (default_route(SIOCADDRT, ifname, gateway, true, metric) == 0)
        return 0;
    /* a peer the kernel does not see as a neighbour: a device route does it */
    return default_route(SIOCADDRT, ifname, gateway, false, metric);
}

int route_del_default(const char *ifname, uint32_t gateway, int metric)
{
    if (default_route(SIOCDELRT, ifname, gateway, true, metric) == 0)
        return 0;
    return default_route(SIOCDELRT, ifname, gateway, false, metric);
}

int route_saved_del(const struct route_saved *r)
{
    return default_route(SIOCDELRT, r->dev, r->gateway, r->gateway != 0, r->metric);
}

int route_saved_add(const struct route_saved *r)
{
    return default_route(SIOCADDRT, r->dev, r->gateway, r->gateway != 0, r->metric);
}

int route_find_lan_if(uint32_t peer, char *lan_if, size_t lan_iflen, unsigned char hw[6])
{
    struct ifaddrs *ifa_list, *ifa;
    if (getifaddrs(&ifa_list) < 0)
        return -1;
    int rc = -1;
    errno = ENODEV;
    for (ifa = ifa_list; ifa; ifa = ifa->ifa_next) {
        if (!ifa->ifa_addr || ifa->ifa_addr->sa_family != AF_INET || !ifa->ifa_netmask)
            continue;
        unsigned fl = ifa->ifa_flags;
        if (!(fl & IFF_UP) || (fl & (IFF_POINTOPOINT | IFF_LOOPBACK | IFF_NOARP)))
            continue;
        uint32_t a = ntohl(((struct sockaddr_in *)(void *)ifa->ifa_addr)->sin_addr.s_addr);
        uint32_t m = ntohl(((struct sockaddr_in *)(void *)ifa->ifa_netmask)->sin_addr.s_addr);
        if ((a & m) != (peer & m))
            continue;
        struct ifreq ifr;
        memset(&ifr, 0, sizeof(ifr));
        snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifa->ifa_name);
        if (inet_ioctl(SIOCGIFHWADDR, &ifr) < 0 || ifr.ifr_hwaddr.sa_family != ARPHRD_ETHER)
            continue;
        memcpy(hw, ifr.ifr_hwaddr.sa_data, 6);
        snprintf(lan_if, lan_iflen, "%s", ifa->ifa_name);
        rc = 0;
        break;
    }
    freeifaddrs(ifa_list);
    if (rc < 0)
        errno = ENODEV;
    return rc;
}

int route_add_proxyarp(uint32_t peer, char *lan_if, size_t lan_iflen)
{
    unsigned char hw[6];
    if (route_find_lan_if(peer, lan_if, lan_iflen, hw) < 0)
        return -1;
    struct arpreq req;
    memset(&req, 0, sizeof(req));
    netif_put_addr(&req.arp_pa, peer);
    req.arp_ha.sa_family = ARPHRD_ETHER;
    memcpy(req.arp_ha.sa_data, hw, 6);
    req.arp_flags = ATF_PERM | ATF_PUBL;
    snprintf(req.arp_dev, sizeof(req.arp_dev), "%s", lan_if);
    return inet_ioctl(SIOCSARP, &req);
}

int route_del_proxyarp(uint32_t peer, const char *lan_if)
{
    struct arpreq req;
    memset(&req, 0, sizeof(req));
    netif_put_addr(&req.arp_pa, peer);
    req.arp_ha.sa_family = ARPHRD_ETHER;
    req.arp_flags = ATF_PERM | ATF_PUBL;
    snprintf(req.arp_dev, sizeof(req.arp_dev), "%s", lan_if);
    return inet_ioctl(SIOCDARP, &req);
}

int route_ip_forwarding(void)
{
    FILE *f = fopen("/proc/sys/net/ipv4/ip_forward", "r");
    if (!f)
        return -1;
    int c = fgetc(f);
    fclose(f);
    return c == '1' ? 1 : c == '0' ? 0 : -1;
}

int route_add_host(const char *ifname, uint32_t host)
{
    struct rtentry rt;
    char dev[IFNAMSIZ];
    memset(&rt, 0, sizeof(rt));
    netif_put_addr(&rt.rt_dst, host);
    netif_put_addr(&rt.rt_genmask, 0xffffffffu);
    rt.rt_flags = RTF_UP | RTF_HOST;
    snprintf(dev, sizeof(dev), "%s", ifname);
    rt.rt_dev = dev;
    if (inet_ioctl(SIOCADDRT, &rt) < 0 && errno != EEXIST)
        return -1;
    return 0;
}
