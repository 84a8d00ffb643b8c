/* cmocka tests for pppd-lite/tun and netif, inside a private network
 * namespace (skipped where one cannot be made). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <net/if.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>

#include "pppd-lite/netif.h"
#include "pppd-lite/tun.h"

#define IP4(a, b, c, d) (((uint32_t)(a) << 24) | ((b) << 16) | ((c) << 8) | (d))

static bool have_netns;

static int group_setup(void **state)
{
    (void)state;
    have_netns = unshare(CLONE_NEWNET) == 0 ||
                 unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0;
    if (have_netns && access("/dev/net/tun", R_OK | W_OK) < 0)
        have_netns = false;
    return 0;
}

#define NEED_NETNS() do { if (!have_netns) skip(); } while (0)

static void test_first_free_unit(void **state)
{
    (void)state;
    NEED_NETNS();
    struct tun_if a, b, c;
    assert_int_equal(tun_create(&a, -1, NULL), 0);
    assert_string_equal(a.name, "ppp0");
    assert_int_equal(a.unit, 0);
    assert_true(a.ifindex > 0);
    assert_int_equal(tun_create(&b, -1, NULL), 0);
    assert_string_equal(b.name, "ppp1");
    /* unit 0 is taken: pppd falls back to the first free unit */
    assert_int_equal(tun_create(&c, 0, NULL), 0);
    assert_string_equal(c.name, "ppp2");
    tun_close(&a);
    assert_int_equal(if_nametoindex("ppp0"), 0);   /* closing removes it */
    assert_int_equal(tun_create(&a, 0, NULL), 0);
    assert_string_equal(a.name, "ppp0");
    tun_close(&a);
    tun_close(&b);
    tun_close(&c);
}

static void test_ifname_and_unit(void **state)
{
    (void)state;
    NEED_NETNS();
    struct tun_if a, b;
    assert_int_equal(tun_create(&a, 7, NULL), 0);
    assert_string_equal(a.name, "ppp7");
    assert_int_equal(tun_create(&b, -1, "dialup0"), 0);
    assert_string_equal(b.name, "dialup0");
    assert_int_equal(b.unit, -1);
    struct tun_if c;
    assert_int_equal(tun_create(&c, -1, "dialup0"), -1);   /* ifname in use: fail */
    assert_int_equal(errno, EEXIST);
    assert_int_equal(tun_create(&c, -1, "lo"), -1);
    assert_int_equal(tun_create(&c, -1, "a-name-longer-than-ifnamsiz"), -1);
    tun_close(&a);
    tun_close(&b);
}

static void test_addresses_mtu_up(void **state)
{
    (void)state;
    NEED_NETNS();
    struct tun_if t;
    assert_int_equal(tun_create(&t, -1, NULL), 0);
    const char *what = NULL;
    assert_int_equal(netif_set_mtu(t.name, 576), 0);
    assert_int_equal(netif_get_mtu(t.name), 576);
    assert_int_equal(netif_set_addrs(t.name, IP4(192, 168, 100, 4), IP4(128, 231, 54, 227), 0,
                                     &what), 0);
    assert_int_equal(netif_set_up(t.name, true), 0);
    assert_true(netif_is_up(t.name));
    uint32_t l = 0, r = 0;
    assert_int_equal(netif_get_addrs(t.name, &l, &r), 0);
    assert_int_equal(l, IP4(192, 168, 100, 4));
    assert_int_equal(r, IP4(128, 231, 54, 227));
    assert_int_equal(netif_set_up(t.name, false), 0);
    assert_false(netif_is_up(t.name));
    assert_int_equal(netif_clear_addrs(t.name), 0);
    assert_int_equal(netif_get_addrs(t.name, &l, &r), -1);
    /* errors come back as errors */
    assert_int_equal(netif_set_mtu("nosuchif0", 1500), -1);
    assert_int_equal(netif_set_addrs("nosuchif0", 1, 2, 0, &what), -1);
    assert_string_equal(what, "SIOCSIFADDR");
    tun_close(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_free_unit),
        cmocka_unit_test(test_ifname_and_unit),
        cmocka_unit_test(test_addresses_mtu_up),
    };
    return cmocka_run_group_tests_name("tun", tests, group_setup, NULL);
}
