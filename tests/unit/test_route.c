/* cmocka tests for pppd-lite/route: default route, proxy ARP and the IP
 * forwarding check, inside a private network namespace with a TAP device
 * standing in for the LAN card. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "pppd-lite/sys/netif.h"
#include "pppd-lite/sys/route.h"
#include "pppd-lite/sys/tun.h"

#define IP4(a, b, c, d) (((uint32_t)(a) << 24) | ((b) << 16) | ((c) << 8) | (d))

static bool have_netns;
static int tap_fd = -1;

static int make_lan(void)
{
    tap_fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
    if (tap_fd < 0)
        return -1;
    struct ifreq ifr;
    memset(&ifr, 0, sizeof(ifr));
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
    snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "lan0");
    if (ioctl(tap_fd, TUNSETIFF, &ifr) < 0)
        return -1;
    const char *what;
    /* a LAN card: address 192.0.2.1/24 (no peer: dst = 0 is ignored on TAP) */
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in sin = { .sin_family = AF_INET };
    sin.sin_addr.s_addr = htonl(IP4(192, 0, 2, 1));
    memcpy(&ifr.ifr_addr, &sin, sizeof(sin));
    int rc = ioctl(s, SIOCSIFADDR, &ifr);
    sin.sin_addr.s_addr = htonl(IP4(255, 255, 255, 0));
    memcpy(&ifr.ifr_netmask, &sin, sizeof(sin));
    rc |= ioctl(s, SIOCSIFNETMASK, &ifr);
    close(s);
    (void)what;
    return rc == 0 ? netif_set_up("lan0", true) : -1;
}

static int group_setup(void **state)
{
    (void)state;
    have_netns = (unshare(CLONE_NEWNET) == 0 || unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0) &&
                 make_lan() == 0;
    return 0;
}

#define NEED_NETNS() do { if (!have_netns) skip(); } while (0)

static void test_default_route(void **state)
{
    (void)state;
    NEED_NETNS();
    struct tun_if t;
    const char *what;
    assert_int_equal(tun_create(&t, -1, NULL), 0);
    assert_int_equal(netif_set_addrs(t.name, IP4(192, 168, 100, 4), IP4(128, 231, 54, 227), 0,
                                     &what), 0);
    assert_int_equal(netif_set_up(t.name, true), 0);
    char dev[IFNAMSIZ] = "";
    assert_false(route_have_default(-1, dev, sizeof(dev)));
    assert_int_equal(route_add_default(t.name, IP4(128, 231, 54, 227), -1), 0);
    assert_true(route_have_default(-1, dev, sizeof(dev)));
    assert_string_equal(dev, t.name);
    assert_int_equal(route_del_default(t.name, IP4(128, 231, 54, 227), -1), 0);
    assert_false(route_have_default(-1, NULL, 0));
    /* defaultroute-metric: the route carries it, and only a default route
     * with the same metric counts as already there (pppd's check) */
    assert_int_equal(route_add_default(t.name, IP4(128, 231, 54, 227), 50), 0);
    assert_true(route_have_default(50, dev, sizeof(dev)));
    assert_true(route_have_default(-1, NULL, 0));
    assert_false(route_have_default(0, NULL, 0));
    assert_false(route_have_default(51, NULL, 0));
    assert_int_equal(route_del_default(t.name, IP4(128, 231, 54, 227), 50), 0);
    assert_false(route_have_default(-1, NULL, 0));
    /* closing the interface takes a route with it */
    assert_int_equal(route_add_default(t.name, IP4(128, 231, 54, 227), -1), 0);
    tun_close(&t);
    assert_false(route_have_default(-1, NULL, 0));
}

static void test_proxyarp(void **state)
{
    (void)state;
    NEED_NETNS();
    char lan[IFNAMSIZ] = "";
    unsigned char hw[6];
    assert_int_equal(route_find_lan_if(IP4(192, 0, 2, 10), lan, sizeof(lan), hw), 0);
    assert_string_equal(lan, "lan0");
    assert_int_equal(route_add_proxyarp(IP4(192, 0, 2, 10), lan, sizeof(lan)), 0);
    /* the published entry exists exactly once: deleting twice fails the second time */
    assert_int_equal(route_del_proxyarp(IP4(192, 0, 2, 10), lan), 0);
    assert_int_equal(route_del_proxyarp(IP4(192, 0, 2, 10), lan), -1);
    /* a peer outside every LAN subnet: no interface */
    assert_int_equal(route_add_proxyarp(IP4(198, 51, 100, 7), lan, sizeof(lan)), -1);
    assert_int_equal(errno, ENODEV);
}

static void test_ip_forwarding(void **state)
{
    (void)state;
    NEED_NETNS();
    FILE *f = fopen("/proc/sys/net/ipv4/ip_forward", "w");
    if (!f)
        skip();
    fputs("0\n", f);
    if (fclose(f) != 0)
        skip();
    assert_int_equal(route_ip_forwarding(), 0);
    f = fopen("/proc/sys/net/ipv4/ip_forward", "w");
    assert_non_null(f);
    fputs("1\n", f);
    fclose(f);
    assert_int_equal(route_ip_forwarding(), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_route),
        cmocka_unit_test(test_proxyarp),
        cmocka_unit_test(test_ip_forwarding),
    };
    return cmocka_run_group_tests_name("route", tests, group_setup, NULL);
}
