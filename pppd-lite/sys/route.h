/* route: the default route via the peer and the proxy ARP entry, through
 * SIOCADDRT/SIOCDELRT and SIOCSARP/SIOCDARP (no `ip` command). Addresses are
 * host byte order. */
#ifndef PPPD_LITE_ROUTE_H
#define PPPD_LITE_ROUTE_H

#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>

/* Is there a default route already (with this metric; metric < 0: any)?
 * Its interface goes to dev (may be NULL). Reads the table of the current
 * network namespace (/proc/net/route). */
bool route_have_default(int metric, char *dev, size_t devlen);
/* Default route via gateway on ifname with a metric (pppd's
 * defaultroute-metric; negative: 0). 0 ok, -1 with errno. */
int route_add_default(const char *ifname, uint32_t gateway, int metric);
int route_del_default(const char *ifname, uint32_t gateway, int metric);
/* A default route as found, to take away and put back (replacedefaultroute). */
struct route_saved {
    bool set;
    char dev[IFNAMSIZ + 1];
    uint32_t gateway;           /* 0: a device route */
    int metric;
};
/* Find the default route with this metric (< 0: any) into r. 0 or -1. */
int route_get_default(int metric, struct route_saved *r);
/* Delete or re-add a route found by route_get_default. 0 or -1 with errno. */
int route_saved_del(const struct route_saved *r);
int route_saved_add(const struct route_saved *r);

/* A host route to the point-to-point peer (what the seed HOWTO's route -n
 * shows as "UH ... ppp0"), so a wider netmask cannot send replies elsewhere. */
int route_add_host(const char *ifname, uint32_t host);

/* Proxy ARP (pppd's sifproxyarp): publish peer on the LAN interface whose
 * subnet holds it, with that interface's hardware address
 * (ATF_PERM | ATF_PUBL). The chosen interface lands in lan_if.
 * 0 ok; -1 with errno (ENODEV: no such LAN interface). */
int route_add_proxyarp(uint32_t peer, char *lan_if, size_t lan_iflen);
int route_del_proxyarp(uint32_t peer, const char *lan_if);
/* Find the LAN interface for peer without adding anything (same rules). */
int route_find_lan_if(uint32_t peer, char *lan_if, size_t lan_iflen, unsigned char hw[6]);

/* 1 when /proc/sys/net/ipv4/ip_forward says 1, 0 when off, -1 unknown. */
int route_ip_forwarding(void);

#endif
