/* cmocka tests for pppd-lite/tun and netif, inside a private network
 * namespace (skipped where one cannot be made); the datapath against the
 * kernel's own TCP, with offloads and without. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "pppd-lite/sys/netif.h"
#include "pppd-lite/sys/tun.h"
#include "tests/unit/ref_inet.h"

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

/* ---- the datapath against the kernel's TCP ----
 * We play the peer 192.0.2.2 by hand: a SYN in, the kernel's SYN-ACK out,
 * then data both ways through tun_recv and tun_send. */

#define LOCAL IP4(192, 0, 2, 1)
#define PEER IP4(192, 0, 2, 2)
#define PORT_BASE 5001
#define PEER_PORT 40001
#define MTU 1500

static uint16_t port;            /* one per test: the last connection lingers */

static size_t tcp_packet(uint8_t *p, uint32_t seq, uint32_t ack, uint8_t flags,
                         const uint8_t *data, size_t n)
{
    size_t th = flags & 0x02 ? 24 : 20, len = 20 + th + n;
    memset(p, 0, 20 + th);
    p[0] = 0x45;
    set16(p + 2, (uint32_t)len);
    set16(p + 6, 0x4000);
    p[8] = 64;
    p[9] = 6;
    set32(p + 12, PEER);
    set32(p + 16, LOCAL);
    uint8_t *t = p + 20;
    set16(t, PEER_PORT);
    set16(t + 2, port);
    set32(t + 4, seq);
    set32(t + 8, ack);
    t[12] = (uint8_t)((th / 4) << 4);
    t[13] = flags;
    set16(t + 14, 65535);
    if (th == 24) {             /* MSS 1460 */
        t[20] = 2;
        t[21] = 4;
        set16(t + 22, 1460);
    }
    if (n)
        memcpy(t + th, data, n);
    fix_csums(p, len);
    return len;
}

/* The next TCP packet of our connection from the kernel (others, such as
 * IPv6 router solicitations, are skipped); checked against the MRU and the
 * reference checksums. */
static size_t next_tcp(struct tun_if *t, const uint8_t **pkt)
{
    for (int i = 0; i < 50; i++) {
        size_t n = tun_recv(t, MTU, pkt);
        if (!n) {
            struct pollfd pfd = { .fd = t->fd, .events = POLLIN };
            if (poll(&pfd, 1, 2000) <= 0)
                return 0;
            continue;
        }
        const uint8_t *p = *pkt;
        assert_true(n <= MTU);
        if (n < 40 || p[0] != 0x45 || p[9] != 6 || get16(p + 22) != PEER_PORT)
            continue;
        assert_true(ip4_csum_ok(p));
        assert_true(l4_csum_ok(p, n, 6));
        return n;
    }
    return 0;
}

static void datapath(bool offload)
{
    struct tun_if t;
    port = (uint16_t)(PORT_BASE + offload);
    assert_int_equal(tun_create_mode(&t, -1, NULL, offload), 0);
    assert_int_equal(t.offload, offload);
    const char *what = NULL;
    assert_int_equal(netif_set_mtu(t.name, MTU), 0);
    assert_int_equal(netif_set_addrs(t.name, LOCAL, PEER, 0, &what), 0);
    assert_int_equal(netif_set_up(t.name, true), 0);
    int ls = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    assert_true(ls >= 0);
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port),
                              .sin_addr.s_addr = htonl(LOCAL) };
    assert_int_equal(bind(ls, (struct sockaddr *)&sa, sizeof(sa)), 0);
    assert_int_equal(listen(ls, 1), 0);

    static uint8_t pkt[2048], data[8 * 1448], got[sizeof(data)];
    for (size_t i = 0; i < sizeof(data); i++)
        data[i] = (uint8_t)(i * 31 + (i >> 9));
    const uint8_t *in;
    uint32_t iss = 1000;
    tun_send(&t, pkt, tcp_packet(pkt, iss, 0, 0x02, NULL, 0));   /* SYN */
    tun_flush(&t);
    size_t n = next_tcp(&t, &in);
    assert_true(n > 0);
    assert_int_equal(in[33], 0x12);                              /* SYN-ACK */
    assert_int_equal(get32(in + 28), iss + 1);
    uint32_t irs = get32(in + 24), rcv = irs + 1, snd = iss + 1;
    tun_send(&t, pkt, tcp_packet(pkt, snd, rcv, 0x10, NULL, 0));
    tun_flush(&t);
    int s = accept(ls, NULL, NULL);
    assert_true(s >= 0);

    /* kernel -> peer: one write; with offloads it comes as a super-packet */
    assert_int_equal(send(s, data, sizeof(data), 0), (ssize_t)sizeof(data));
    size_t have = 0;
    while (have < sizeof(data)) {
        n = next_tcp(&t, &in);
        assert_true(n > 40);
        assert_int_equal(get32(in + 24), rcv + have);            /* in order */
        memcpy(got + have, in + 40, n - 40);
        have += n - 40;
        assert_true(have <= sizeof(data));
    }
    assert_memory_equal(got, data, sizeof(data));
    rcv += (uint32_t)have;
    if (offload) {
        assert_true(t.stats.superpackets >= 1);
        assert_true(t.stats.segments >= 2);
    }

    /* peer -> kernel: segments in one batch become one super-packet; a
     * segment with a bad checksum after them is handed on, and dropped by
     * the kernel, not merged */
    for (size_t off = 0; off < 6 * 1448; off += 1448)
        tun_send(&t, pkt, tcp_packet(pkt, snd + (uint32_t)off, rcv, 0x10, data + off, 1448));
    size_t bad = tcp_packet(pkt, snd + 6 * 1448, rcv, 0x18, data + 6 * 1448, 1448);
    pkt[60] ^= 1;
    tun_send(&t, pkt, bad);
    tun_flush(&t);
    have = 0;
    while (have < 6 * 1448) {
        struct pollfd pfd = { .fd = s, .events = POLLIN };
        assert_int_equal(poll(&pfd, 1, 2000), 1);
        ssize_t r = recv(s, got + have, sizeof(got) - have, MSG_DONTWAIT);
        assert_true(r > 0);
        have += (size_t)r;
    }
    assert_int_equal(have, 6 * 1448);
    assert_memory_equal(got, data, have);
    struct pollfd pfd = { .fd = s, .events = POLLIN };
    assert_int_equal(poll(&pfd, 1, 200), 0);                     /* the bad one is gone */
    if (offload) {
        assert_int_equal(t.stats.gro_written, 1);
        assert_int_equal(t.stats.merged, 5);
    }
    close(s);
    close(ls);
    tun_close(&t);
    assert_null(t.rdbuf);
}

static void test_datapath_offload(void **state)
{
    (void)state;
    NEED_NETNS();
    datapath(true);
}

static void test_datapath_plain(void **state)
{
    (void)state;
    NEED_NETNS();
    datapath(false);
    /* the switch: PPPD_LITE_TUN_OFFLOAD=0 turns offloads off */
    struct tun_if t;
    setenv("PPPD_LITE_TUN_OFFLOAD", "0", 1);
    assert_int_equal(tun_create(&t, -1, NULL), 0);
    assert_false(t.offload);
    tun_close(&t);
    unsetenv("PPPD_LITE_TUN_OFFLOAD");
    assert_int_equal(tun_create(&t, -1, NULL), 0);
    assert_true(t.offload);
    tun_close(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_free_unit),
        cmocka_unit_test(test_ifname_and_unit),
        cmocka_unit_test(test_addresses_mtu_up),
        cmocka_unit_test(test_datapath_offload),
        cmocka_unit_test(test_datapath_plain),
    };
    return cmocka_run_group_tests_name("tun", tests, group_setup, NULL);
}
