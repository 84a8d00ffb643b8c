/* netif: addresses, MTU and up/down of the ppp interface, through the
 * classic SIOCSIF* ioctls (no `ip` command). Addresses are host byte order. */
#ifndef PPPD_LITE_NETIF_H
#define PPPD_LITE_NETIF_H

#include <stdbool.h>
#include <stdint.h>

/* Local address, point-to-point peer, netmask (0: 255.255.255.255).
 * 0 ok, -1 with errno and the failing step in *what. */
int netif_set_addrs(const char *ifname, uint32_t local, uint32_t remote, uint32_t netmask,
                    const char **what);
int netif_set_mtu(const char *ifname, int mtu);
int netif_get_mtu(const char *ifname);
int netif_set_up(const char *ifname, bool up);
/* Remove the IPv4 address (SIOCSIFADDR 0.0.0.0): its routes go with it. */
int netif_clear_addrs(const char *ifname);
/* Read back (for tests and `dump`). */
int netif_get_addrs(const char *ifname, uint32_t *local, uint32_t *remote);
bool netif_is_up(const char *ifname);

/* Add (add true) or remove the link-local address fe80::ifid/64 (RFC 5072 5),
 * SIOCSIFADDR / SIOCDIFADDR with struct in6_ifreq on an AF_INET6 socket,
 * as pppd's sif6addr()/cif6addr(). 0 ok, -1 with errno. */
int netif_set_ll6(const char *ifname, uint64_t ifid, bool add);

/* Before the interface first goes up: no IPv6 link-local address of the
 * kernel's own (addr_gen_mode none), so no duplicate address detection and
 * no router solicitations, repeated for ever, on a line nobody uses. The
 * link-local address is ours to set from IPv6CP (netif_set_ll6). -1 with
 * errno (ENOENT: a kernel without IPv6). */
int netif_no_auto_ll6(const char *ifname);

/* An AF_INET sockaddr for addr (host byte order), as the SIOC* ioctls take it. */
struct sockaddr;
void netif_put_addr(struct sockaddr *sa, uint32_t addr);

#endif
