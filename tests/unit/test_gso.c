/* cmocka tests for pppd-lite/gso: cutting IPv4 and IPv6 TCP super-packets
 * into segments (sizes, sequence numbers, IDs, flags, checksums checked by a
 * separate byte-pair checksum here), completing partial checksums, merging
 * received segments and every case that must not merge, and malformed
 * packets (lying lengths, truncated headers, random bytes). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "pppd-lite/datapath/gso.h"
#include "tests/unit/ref_inet.h"

#define HDR GSO_VNET_HDR_LEN
#define TS_OPTS 12      /* NOP NOP timestamp: a Linux data segment's options */

/* ---- packet builders ---- */

struct flow {
    bool v6;
    uint16_t sport, dport;
    uint32_t ack;
    uint16_t win;
    uint8_t ttl;
    size_t opts;        /* TCP option bytes (a multiple of 4) */
    size_t ip_opts;     /* IPv4 option bytes */
};

static const struct flow F4 = { false, 40000, 5003, 0x01020304, 502, 64, TS_OPTS, 0 };
static const struct flow F6 = { true, 40000, 5003, 0x01020304, 502, 64, TS_OPTS, 0 };

static uint8_t payload_byte(uint32_t seq) { return (uint8_t)(seq * 7 + (seq >> 8)); }

/* An IP/TCP packet of flow f: seq, flags, n payload bytes (payload_byte of
 * their sequence numbers), correct checksums. Returns its length. */
static size_t build(uint8_t *p, const struct flow *f, uint32_t seq, uint8_t flags, size_t n,
                    uint16_t id)
{
    size_t h = f->v6 ? 40 : 20 + f->ip_opts, th = 20 + f->opts, len = h + th + n;
    memset(p, 0, h + th);
    if (f->v6) {
        p[0] = 0x60;
        set16(p + 4, (uint32_t)(th + n));
        p[6] = 6;
        p[7] = f->ttl;
        p[8] = 0x20; p[9] = 0x01; p[10] = 0x0d; p[11] = 0xb8; p[23] = 1;   /* 2001:db8::1 */
        p[24] = 0x20; p[25] = 0x01; p[26] = 0x0d; p[27] = 0xb8; p[39] = 2;  /* 2001:db8::2 */
    } else {
        p[0] = (uint8_t)(0x40 | (h / 4));
        set16(p + 2, (uint32_t)len);
        set16(p + 4, id);
        set16(p + 6, 0x4000);   /* DF */
        p[8] = f->ttl;
        p[9] = 6;
        set32(p + 12, 0xc0000202);   /* 192.0.2.2 */
        set32(p + 16, 0xc0000201);   /* 192.0.2.1 */
        for (size_t i = 20; i < h; i++)
            p[i] = 1;                /* NOP options */
    }
    uint8_t *t = p + h;
    set16(t, f->sport);
    set16(t + 2, f->dport);
    set32(t + 4, seq);
    set32(t + 8, f->ack);
    t[12] = (uint8_t)((th / 4) << 4);
    t[13] = flags;
    set16(t + 14, f->win);
    if (f->opts >= TS_OPTS) {
        t[20] = 1; t[21] = 1; t[22] = 8; t[23] = 10;
        set32(t + 24, 0x11223344);
        set32(t + 28, 0x55667788);
    }
    for (size_t i = 0; i < n; i++)
        t[th + i] = payload_byte(seq + (uint32_t)i);
    fix_csums(p, len);
    return len;
}

/* A super-packet as the kernel hands it over: virtio header, headers with
 * the pseudo-header sum in the TCP checksum field, n bytes of payload. */
static size_t build_super(uint8_t *buf, const struct flow *f, uint32_t seq, uint8_t flags,
                          size_t n, uint16_t gso_size)
{
    uint8_t *p = buf + HDR;
    size_t len = build(p, f, seq, flags, n, 0x1234);
    size_t h = l3len(p);
    set16(p + h + 16, ref_fold(ref_pseudo(p, 6, len - h)));
    struct virtio_net_hdr vh = {
        .flags = VIRTIO_NET_HDR_F_NEEDS_CSUM,
        .gso_type = f->v6 ? VIRTIO_NET_HDR_GSO_TCPV6 : VIRTIO_NET_HDR_GSO_TCPV4,
        .hdr_len = (uint16_t)(h + 20 + f->opts),
        .gso_size = gso_size,
        .csum_start = (uint16_t)h,
        .csum_offset = 16,
    };
    memcpy(buf, &vh, HDR);
    return HDR + len;
}

/* ---- checksum routine ---- */

static void test_csum_matches_reference(void **state)
{
    (void)state;
    uint8_t data[3000];
    srand(5);
    for (size_t i = 0; i < sizeof(data); i++)
        data[i] = (uint8_t)rand();
    for (size_t n = 0; n < sizeof(data); n += 37) {
        assert_int_equal(gso_csum_fold(gso_csum_add(0, data, n)), ref_fold(ref_sum(0, data, n)));
        /* even split points chain */
        size_t a = (n / 3) & ~(size_t)1;
        assert_int_equal(gso_csum_fold(gso_csum_add(gso_csum_add(0, data, a), data + a, n - a)),
                         ref_fold(ref_sum(0, data, n)));
    }
    memset(data, 0xff, sizeof(data));   /* the most carries */
    assert_int_equal(gso_csum_fold(gso_csum_add(0, data, sizeof(data))),
                     ref_fold(ref_sum(0, data, sizeof(data))));
}

/* ---- segmentation ---- */

struct segs {
    uint8_t pkt[64][2048];
    size_t len[64];
    int n;
};

static enum gso_drop cut(uint8_t *buf, size_t len, size_t mtu, struct segs *out,
                         struct gso_stats *st)
{
    struct gso_seg s;
    uint8_t scratch[GSO_MAX_PACKET];
    out->n = 0;
    enum gso_drop why = gso_seg_begin(&s, buf, len, mtu, st);
    if (why != GSO_OK)
        return why;
    const uint8_t *p;
    size_t n;
    while ((n = gso_seg_next(&s, scratch, mtu, &p)) > 0) {
        assert_true(out->n < 64);
        assert_true(n <= mtu);
        assert_true(n <= sizeof(out->pkt[0]));
        memcpy(out->pkt[out->n], p, n);
        out->len[out->n++] = n;
    }
    return GSO_OK;
}

/* Every segment of a cut super-packet: length, IP length and ID, checksums,
 * sequence, flags, and the payload in order. */
static void check_segments(const struct segs *sg, const struct flow *f, uint32_t seq0,
                           uint8_t flags, size_t total, size_t seg_payload)
{
    size_t h = (f->v6 ? 40 : 20) + 20 + f->opts, done = 0;
    assert_int_equal(sg->n, (int)((total + seg_payload - 1) / seg_payload));
    for (int i = 0; i < sg->n; i++) {
        const uint8_t *p = sg->pkt[i];
        size_t len = sg->len[i], n = len - h;
        bool last = i == sg->n - 1;
        assert_int_equal(n, last ? total - done : seg_payload);
        if (f->v6) {
            assert_int_equal(get16(p + 4), len - 40);
        } else {
            assert_int_equal(get16(p + 2), len);
            assert_int_equal(get16(p + 4), 0x1234 + i);
            assert_true(ip4_csum_ok(p));
        }
        assert_true(l4_csum_ok(p, len, 6));
        const uint8_t *t = p + l3len(p);
        assert_int_equal(get32(t + 4), (uint32_t)(seq0 + done));
        uint8_t want = flags;
        if (!last)
            want &= (uint8_t)~0x09;    /* FIN, PSH on the last only */
        if (i > 0)
            want &= (uint8_t)~0x80;    /* CWR on the first only */
        assert_int_equal(t[13], want);
        for (size_t k = 0; k < n; k++)
            assert_int_equal(p[h + k], payload_byte(seq0 + (uint32_t)(done + k)));
        done += n;
    }
    assert_int_equal(done, total);
}

static void test_segment_ipv4(void **state)
{
    (void)state;
    static uint8_t buf[HDR + GSO_MAX_PACKET];
    static struct segs sg;
    struct gso_stats st = { 0 };
    size_t len = build_super(buf, &F4, 0xfffff000u, 0x10 | 0x08 | 0x80, 10000, 1448);
    assert_int_equal(cut(buf, len, 1500, &sg, &st), GSO_OK);
    /* 0xfffff000 + 10000 wraps the sequence space: no matter */
    check_segments(&sg, &F4, 0xfffff000u, 0x18 | 0x80, 10000, 1448);
    assert_int_equal(st.superpackets, 1);
    assert_int_equal(st.segments, 7);

    len = build_super(buf, &F4, 1, 0x11, 64000, 1448);   /* FIN: on the last only */
    assert_int_equal(cut(buf, len, 1500, &sg, &st), GSO_OK);
    check_segments(&sg, &F4, 1, 0x11, 64000, 1448);
}

static void test_segment_ipv6(void **state)
{
    (void)state;
    static uint8_t buf[HDR + GSO_MAX_PACKET];
    static struct segs sg;
    struct gso_stats st = { 0 };
    size_t len = build_super(buf, &F6, 777, 0x18, 20000, 1428);
    assert_int_equal(cut(buf, len, 1500, &sg, &st), GSO_OK);
    check_segments(&sg, &F6, 777, 0x18, 20000, 1428);
}

/* Never larger than the peer's MRU, whatever gso_size says. */
static void test_segment_smaller_mtu(void **state)
{
    (void)state;
    static uint8_t buf[HDR + GSO_MAX_PACKET];
    static struct segs sg;
    struct gso_stats st = { 0 };
    size_t len = build_super(buf, &F4, 100, 0x18, 5000, 1448);
    assert_int_equal(cut(buf, len, 296, &sg, &st), GSO_OK);
    check_segments(&sg, &F4, 100, 0x18, 5000, 296 - 52);
    len = build_super(buf, &F6, 100, 0x18, 5000, 1448);
    assert_int_equal(cut(buf, len, 576, &sg, &st), GSO_OK);
    check_segments(&sg, &F6, 100, 0x18, 5000, 576 - 72);
    /* headers alone do not fit: nothing to send */
    assert_int_equal(cut(buf, len, 72, &sg, &st), GSO_DROP_TOO_BIG);
    /* one segment's worth in a GSO packet still comes out right */
    len = build_super(buf, &F4, 100, 0x18, 1000, 1448);
    assert_int_equal(cut(buf, len, 1500, &sg, &st), GSO_OK);
    check_segments(&sg, &F4, 100, 0x18, 1000, 1448);
}

/* VIRTIO_NET_HDR_F_NEEDS_CSUM without GSO: TCP and UDP get the checksum
 * filled in; a plain packet goes out untouched and without a copy. */
static void test_partial_checksum(void **state)
{
    (void)state;
    static uint8_t buf[HDR + 2048];
    static struct segs sg;
    struct gso_stats st = { 0 };
    size_t len = build_super(buf, &F4, 9, 0x18, 1000, 0);
    struct virtio_net_hdr vh;
    memcpy(&vh, buf, HDR);
    vh.gso_type = VIRTIO_NET_HDR_GSO_NONE;
    memcpy(buf, &vh, HDR);
    assert_false(l4_csum_ok(buf + HDR, len - HDR, 6));
    assert_int_equal(cut(buf, len, 1500, &sg, &st), GSO_OK);
    assert_int_equal(sg.n, 1);
    assert_int_equal(sg.len[0], len - HDR);
    assert_true(l4_csum_ok(sg.pkt[0], sg.len[0], 6));
    assert_int_equal(st.csum_completed, 1);

    /* UDP over IPv6, 301 bytes of data (odd) */
    uint8_t *p = buf + HDR;
    memset(buf, 0, sizeof(buf));
    p[0] = 0x60;
    set16(p + 4, 8 + 301);
    p[6] = 17;
    p[8] = 0x20; p[39] = 9;
    set16(p + 40, 53);
    set16(p + 42, 5353);
    set16(p + 44, 8 + 301);
    for (int i = 0; i < 301; i++)
        p[48 + i] = (uint8_t)(i * 13);
    set16(p + 46, ref_fold(ref_pseudo(p, 17, 8 + 301)));
    vh = (struct virtio_net_hdr){ .flags = VIRTIO_NET_HDR_F_NEEDS_CSUM, .csum_start = 40,
                                  .csum_offset = 6 };
    memcpy(buf, &vh, HDR);
    assert_int_equal(cut(buf, HDR + 40 + 8 + 301, 1500, &sg, &st), GSO_OK);
    assert_true(l4_csum_ok(sg.pkt[0], sg.len[0], 17));
    assert_int_not_equal(get16(sg.pkt[0] + 46), 0);

    /* no offload flags: the very bytes read, no copy */
    memset(buf, 0, HDR);
    struct gso_seg s;
    const uint8_t *out;
    uint8_t scratch[1500];
    assert_int_equal(gso_seg_begin(&s, buf, HDR + 100, 1500, &st), GSO_OK);
    assert_int_equal(gso_seg_next(&s, scratch, sizeof(scratch), &out), 100);
    assert_ptr_equal(out, buf + HDR);
    assert_int_equal(gso_seg_next(&s, scratch, sizeof(scratch), &out), 0);
    /* ... unless it is over the MRU */
    assert_int_equal(gso_seg_begin(&s, buf, HDR + 1501, 1500, &st), GSO_DROP_TOO_BIG);
    assert_int_equal(gso_seg_next(&s, scratch, sizeof(scratch), &out), 0);
}

static void set_vnet(uint8_t *buf, void (*edit)(struct virtio_net_hdr *))
{
    struct virtio_net_hdr vh;
    memcpy(&vh, buf, HDR);
    edit(&vh);
    memcpy(buf, &vh, HDR);
}
static void csum_past_end(struct virtio_net_hdr *h) { h->gso_type = 0; h->csum_offset = 4000; }
static void csum_start_past_end(struct virtio_net_hdr *h) { h->gso_type = 0; h->csum_start = 60000; }
static void udp_gso(struct virtio_net_hdr *h) { h->gso_type = VIRTIO_NET_HDR_GSO_UDP; }
static void zero_gso_size(struct virtio_net_hdr *h) { h->gso_size = 0; }
static void v6_type(struct virtio_net_hdr *h) { h->gso_type = VIRTIO_NET_HDR_GSO_TCPV6; }

/* Lying lengths, truncated headers, wrong types: a reason, never a crash,
 * never a segment. */
static void test_segment_malformed(void **state)
{
    (void)state;
    static uint8_t buf[HDR + GSO_MAX_PACKET];
    static struct segs sg;
    struct gso_stats st = { 0 };
    size_t len = build_super(buf, &F4, 1, 0x10, 5000, 1448);
    uint8_t *p = buf + HDR;

    assert_int_equal(cut(buf, HDR - 1, 1500, &sg, &st), GSO_DROP_SHORT);
    assert_int_equal(cut(buf, HDR + 30, 1500, &sg, &st), GSO_DROP_SHORT);   /* TCP cut */
    assert_int_equal(cut(buf, HDR + 10, 1500, &sg, &st), GSO_DROP_SHORT);   /* IP cut */
    assert_int_equal(cut(buf, len - 1, 1500, &sg, &st), GSO_DROP_LENGTH);   /* IP length lies */
    set16(p + 2, 40);                                                       /* < headers */
    assert_int_equal(cut(buf, len, 1500, &sg, &st), GSO_DROP_SHORT);
    set16(p + 2, (uint32_t)(len - HDR));
    p[20 + 12] = 0xf0;                      /* TCP header of 60 bytes: 8 too many */
    assert_int_equal(cut(buf, HDR + 20 + 52, 1500, &sg, &st), GSO_DROP_SHORT);
    p[20 + 12] = 0x40;                      /* doff 4 */
    assert_int_equal(cut(buf, len, 1500, &sg, &st), GSO_DROP_SHORT);
    p[20 + 12] = 0x80;
    p[0] = 0x44;                            /* IHL 4 */
    assert_int_equal(cut(buf, len, 1500, &sg, &st), GSO_DROP_NOT_TCP);
    p[0] = 0x55;                            /* IHL 5, version 5 */
    assert_int_equal(cut(buf, len, 1500, &sg, &st), GSO_DROP_NOT_TCP);
    p[0] = 0x45;
    p[9] = 17;                              /* UDP with TCP GSO */
    assert_int_equal(cut(buf, len, 1500, &sg, &st), GSO_DROP_NOT_TCP);
    p[9] = 6;
    set16(p + 6, 0x2000);                   /* a fragment */
    assert_int_equal(cut(buf, len, 1500, &sg, &st), GSO_DROP_NOT_TCP);
    set16(p + 6, 0x4000);
    set_vnet(buf, v6_type);                 /* TCPV6 on IPv4 */
    assert_int_equal(cut(buf, len, 1500, &sg, &st), GSO_DROP_NOT_TCP);
    len = build_super(buf, &F4, 1, 0x10, 5000, 1448);
    set_vnet(buf, udp_gso);
    assert_int_equal(cut(buf, len, 1500, &sg, &st), GSO_DROP_GSO_TYPE);
    len = build_super(buf, &F4, 1, 0x10, 5000, 1448);
    set_vnet(buf, zero_gso_size);
    assert_int_equal(cut(buf, len, 1500, &sg, &st), GSO_DROP_GSO_TYPE);
    len = build_super(buf, &F4, 1, 0x10, 1000, 1448);
    set_vnet(buf, csum_past_end);
    assert_int_equal(cut(buf, len, 1500, &sg, &st), GSO_DROP_CSUM_RANGE);
    len = build_super(buf, &F4, 1, 0x10, 1000, 1448);
    set_vnet(buf, csum_start_past_end);
    assert_int_equal(cut(buf, len, 1500, &sg, &st), GSO_DROP_CSUM_RANGE);
    /* IPv6 with an extension header (hop-by-hop) is not cut */
    len = build_super(buf, &F6, 1, 0x10, 5000, 1448);
    p[6] = 0;
    assert_int_equal(cut(buf, len, 1500, &sg, &st), GSO_DROP_NOT_TCP);
    len = build_super(buf, &F6, 1, 0x10, 5000, 1448);
    assert_int_equal(cut(buf, HDR + 39, 1500, &sg, &st), GSO_DROP_SHORT);
    set16(p + 4, 60000);
    assert_int_equal(cut(buf, len, 1500, &sg, &st), GSO_DROP_LENGTH);
    assert_int_equal(st.superpackets, 0);
    for (int i = GSO_DROP_SHORT; i < GSO_DROP_N; i++)
        assert_string_not_equal(gso_drop_reason((enum gso_drop)i), "?");
}

/* Random bytes behind random virtio headers: whatever comes out is no
 * larger than the MRU (ASan watches the reads). */
static void test_segment_random(void **state)
{
    (void)state;
    static uint8_t buf[HDR + 9000];
    static struct segs sg;
    struct gso_stats st = { 0 };
    srand(11);
    for (int round = 0; round < 20000; round++) {
        size_t len = (size_t)rand() % sizeof(buf);
        for (size_t i = 0; i < len; i++)
            buf[i] = (uint8_t)rand();
        if (round & 1 && len > HDR + 40) {   /* plausible headers, random rest */
            buf[1] = (uint8_t)(rand() % 5);
            buf[HDR] = (uint8_t)(round & 2 ? 0x45 : 0x60);
            buf[HDR + 9] = 6;
            buf[HDR + 6] = 6;
        }
        enum gso_drop why = cut(buf, len, 576, &sg, &st);
        assert_true(why < GSO_DROP_N);
        for (int i = 0; i < sg.n; i++)
            assert_true(sg.len[i] <= 576);
    }
}

/* ---- merging ---- */

struct written {
    struct virtio_net_hdr h[64];
    uint8_t pkt[64][GSO_MAX_PACKET];
    size_t len[64];
    int n;
};

static void capture(void *ctx, const struct virtio_net_hdr *h, const uint8_t *pkt, size_t len)
{
    struct written *w = ctx;
    assert_true(w->n < 64);
    w->h[w->n] = *h;
    memcpy(w->pkt[w->n], pkt, len);
    w->len[w->n++] = len;
}

static struct written W;
static uint8_t grobuf[GSO_MAX_PACKET];

/* Feed packets through a fresh coalescer and flush at the end. */
static void feed(struct gso_stats *st, uint8_t pkts[][2048], const size_t *lens, int n)
{
    struct gso_gro g;
    gso_gro_init(&g, grobuf, sizeof(grobuf), st);
    memset(&W, 0, sizeof(W));
    for (int i = 0; i < n; i++)
        gso_gro_input(&g, pkts[i], lens[i], capture, &W);
    gso_gro_flush(&g, capture, &W);
}

static bool plain_hdr(const struct virtio_net_hdr *h)
{
    return h->flags == 0 && h->gso_type == 0;
}

/* Every input came out unchanged and in order. */
static void assert_passed_as_is(uint8_t pkts[][2048], const size_t *lens, int n)
{
    assert_int_equal(W.n, n);
    for (int i = 0; i < n; i++) {
        assert_true(plain_hdr(&W.h[i]));
        assert_int_equal(W.len[i], lens[i]);
        assert_memory_equal(W.pkt[i], pkts[i], lens[i]);
    }
}

static uint8_t P[48][2048];
static size_t L[48];

/* n consecutive segments of seg bytes from seq, IDs counting up; the last
 * with PSH when psh. */
static void make_run(const struct flow *f, uint32_t seq, size_t seg, int n, bool psh)
{
    for (int i = 0; i < n; i++)
        L[i] = build(P[i], f, seq + (uint32_t)(i * seg),
                     (uint8_t)(0x10 | (psh && i == n - 1 ? 0x08 : 0)), seg, (uint16_t)(0x1234 + i));
}

/* A merged packet is what the kernel would make of the inputs: cut it
 * again and the very same segments come back. */
static void check_merged_roundtrip(int first, int count, size_t seg)
{
    static uint8_t buf[HDR + GSO_MAX_PACKET];
    static struct segs sg;
    struct gso_stats st = { 0 };
    size_t h = l3len(P[first]) + 20 + TS_OPTS;
    const struct virtio_net_hdr *vh = &W.h[0];
    assert_int_equal(vh->flags, VIRTIO_NET_HDR_F_NEEDS_CSUM);
    assert_int_equal(vh->gso_type,
                     is_v6(P[first]) ? VIRTIO_NET_HDR_GSO_TCPV6 : VIRTIO_NET_HDR_GSO_TCPV4);
    assert_int_equal(vh->gso_size, seg);
    assert_int_equal(vh->hdr_len, h);
    assert_int_equal(vh->csum_start, l3len(P[first]));
    assert_int_equal(vh->csum_offset, 16);
    const uint8_t *m = W.pkt[0];
    size_t len = W.len[0];
    assert_int_equal(len, h + seg * (size_t)count);
    if (is_v6(m)) {
        assert_int_equal(get16(m + 4), len - 40);
    } else {
        assert_int_equal(get16(m + 2), len);
        assert_true(ip4_csum_ok(m));
    }
    /* the partial checksum is the pseudo-header sum over the whole length */
    assert_int_equal(get16(m + l3len(m) + 16), ref_fold(ref_pseudo(m, 6, len - l3len(m))));
    memcpy(buf, vh, HDR);
    memcpy(buf + HDR, m, len);
    assert_int_equal(cut(buf, HDR + len, 1500, &sg, &st), GSO_OK);
    assert_int_equal(sg.n, count);
    for (int i = 0; i < count; i++) {
        assert_int_equal(sg.len[i], L[first + i]);
        assert_memory_equal(sg.pkt[i], P[first + i], L[first + i]);
    }
}

static void test_merge_ipv4(void **state)
{
    (void)state;
    struct gso_stats st = { 0 };
    make_run(&F4, 1000, 1448, 5, true);
    feed(&st, P, L, 5);
    assert_int_equal(W.n, 1);
    check_merged_roundtrip(0, 5, 1448);
    assert_int_equal(st.merged, 4);
    assert_int_equal(st.gro_written, 1);
}

static void test_merge_ipv6(void **state)
{
    (void)state;
    struct gso_stats st = { 0 };
    make_run(&F6, 0xffffff00u, 1428, 4, false);    /* across the sequence wrap */
    feed(&st, P, L, 4);
    assert_int_equal(W.n, 1);
    check_merged_roundtrip(0, 4, 1428);
}

/* A shorter last segment closes the run; 64 KB is the limit. */
static void test_merge_limits(void **state)
{
    (void)state;
    struct gso_stats st = { 0 };
    make_run(&F4, 1, 1448, 3, false);
    L[2] = build(P[2], &F4, 1 + 2 * 1448, 0x10, 500, 0x1236);
    L[3] = build(P[3], &F4, 1 + 2 * 1448 + 500, 0x10, 500, 0x1237);
    feed(&st, P, L, 4);
    assert_int_equal(W.n, 2);
    assert_int_equal(W.len[0], 52 + 2 * 1448 + 500);
    assert_true(plain_hdr(&W.h[1]));
    assert_memory_equal(W.pkt[1], P[3], L[3]);

    /* 48 segments of 1448 bytes are more than 64 KB: two packets, all data */
    make_run(&F4, 1, 1448, 48, false);
    feed(&st, P, L, 48);
    assert_int_equal(W.n, 2);
    size_t data = 0;
    for (int i = 0; i < W.n; i++) {
        assert_true(W.len[i] <= GSO_MAX_PACKET);
        data += W.len[i] - 52;
    }
    assert_int_equal(data, 48 * 1448);
    assert_int_equal(get32(W.pkt[1] + 24), 1 + (W.len[0] - 52));
}

/* Each of these must come out exactly as it went in, in the same order. */
static void test_no_merge(void **state)
{
    (void)state;
    struct gso_stats st = { 0 };
    struct flow f;

    make_run(&F4, 1, 1000, 2, false);          /* a gap */
    L[1] = build(P[1], &F4, 1 + 1000 + 1, 0x10, 1000, 0x1235);
    feed(&st, P, L, 2);
    assert_passed_as_is(P, L, 2);

    make_run(&F4, 1, 1000, 2, false);          /* reordered */
    L[0] = build(P[0], &F4, 1001, 0x10, 1000, 0x1235);
    L[1] = build(P[1], &F4, 1, 0x10, 1000, 0x1234);
    feed(&st, P, L, 2);
    assert_passed_as_is(P, L, 2);

    make_run(&F4, 1, 1000, 1, false);          /* a retransmission */
    L[1] = build(P[1], &F4, 1, 0x10, 1000, 0x1235);
    feed(&st, P, L, 2);
    assert_passed_as_is(P, L, 2);

    f = F4; f.sport++;                         /* another flow in between */
    make_run(&F4, 1, 1000, 3, false);
    L[1] = build(P[1], &f, 1001, 0x10, 1000, 0x1235);
    L[2] = build(P[2], &F4, 1001, 0x10, 1000, 0x1236);
    feed(&st, P, L, 3);
    assert_passed_as_is(P, L, 3);              /* P[0], P[1], then P[2] alone */

    f = F4; f.ack++;                           /* a new ACK */
    make_run(&F4, 1, 1000, 2, false);
    L[1] = build(P[1], &f, 1001, 0x10, 1000, 0x1235);
    feed(&st, P, L, 2);
    assert_passed_as_is(P, L, 2);

    f = F4; f.win++;                           /* a new window */
    L[1] = build(P[1], &f, 1001, 0x10, 1000, 0x1235);
    feed(&st, P, L, 2);
    assert_passed_as_is(P, L, 2);

    f = F4; f.ttl--;                           /* another TTL */
    L[1] = build(P[1], &f, 1001, 0x10, 1000, 0x1235);
    feed(&st, P, L, 2);
    assert_passed_as_is(P, L, 2);

    make_run(&F4, 1, 1000, 2, false);          /* other TCP options (timestamp) */
    P[1][52 - 4] ^= 1;
    fix_csums(P[1], L[1]);
    feed(&st, P, L, 2);
    assert_passed_as_is(P, L, 2);

    make_run(&F4, 1, 1000, 2, false);          /* a bigger segment after a smaller one */
    L[1] = build(P[1], &F4, 1001, 0x10, 1200, 0x1235);
    feed(&st, P, L, 2);
    assert_passed_as_is(P, L, 2);

    make_run(&F4, 1, 1000, 2, true);           /* PSH first: nothing may follow */
    L[0] = build(P[0], &F4, 1, 0x18, 1000, 0x1234);
    L[1] = build(P[1], &F4, 1001, 0x10, 1000, 0x1235);
    feed(&st, P, L, 2);
    assert_passed_as_is(P, L, 2);

    static const uint8_t flags[] = { 0x11, 0x02, 0x12, 0x04, 0x30, 0x50, 0x90, 0x00 };
    for (size_t i = 0; i < sizeof(flags); i++) {   /* FIN SYN RST URG ECE CWR, no ACK */
        make_run(&F4, 1, 1000, 3, false);
        L[1] = build(P[1], &F4, 1001, flags[i], 1000, 0x1235);
        feed(&st, P, L, 3);
        assert_passed_as_is(P, L, 3);
    }

    make_run(&F4, 1, 0, 3, false);             /* pure ACKs */
    feed(&st, P, L, 3);
    assert_passed_as_is(P, L, 3);

    f = F4; f.ip_opts = 4;                     /* IPv4 options */
    for (int i = 0; i < 2; i++)
        L[i] = build(P[i], &f, 1 + (uint32_t)i * 1000, 0x10, 1000, (uint16_t)i);
    feed(&st, P, L, 2);
    assert_passed_as_is(P, L, 2);

    make_run(&F4, 1, 1000, 3, false);          /* a bad TCP checksum */
    P[1][60] ^= 0x40;
    feed(&st, P, L, 3);
    assert_passed_as_is(P, L, 3);

    make_run(&F4, 1, 1000, 3, false);          /* a bad IPv4 header checksum */
    P[1][11] ^= 0x01;                          /* (not in the TCP checksum) */
    assert_true(l4_csum_ok(P[1], L[1], 6));
    feed(&st, P, L, 3);
    assert_passed_as_is(P, L, 3);

    make_run(&F6, 1, 1000, 3, false);          /* IPv6 with a changed flow label */
    P[1][3] = 0x55;
    fix_csums(P[1], L[1]);
    feed(&st, P, L, 3);
    assert_passed_as_is(P, L, 3);
}

/* Lengths that lie and cut headers: handed on unchanged for the kernel to
 * drop and count, never merged, never read past their end. */
static void test_merge_malformed(void **state)
{
    (void)state;
    struct gso_stats st = { 0 };
    make_run(&F4, 1, 1000, 6, false);
    set16(P[1] + 2, (uint32_t)L[1] + 1);       /* IP length longer than the packet */
    set16(P[2] + 2, (uint32_t)L[2] - 1);       /* shorter: trailing bytes */
    L[3] = 30;                                 /* TCP header cut */
    L[4] = 1;
    P[5][32] = 0xf0;                           /* TCP header longer than the packet */
    L[5] = 60;
    feed(&st, P, L, 6);
    assert_passed_as_is(P, L, 6);
    assert_int_equal(st.passed, 6);
    assert_int_equal(st.merged, 0);

    srand(3);
    struct gso_gro g;
    gso_gro_init(&g, grobuf, sizeof(grobuf), &st);
    for (int round = 0; round < 20000; round++) {
        size_t len = (size_t)rand() % 2048;
        for (size_t i = 0; i < len; i++)
            P[0][i] = (uint8_t)rand();
        if (len > 0)
            P[0][0] = round & 1 ? 0x45 : 0x60;
        W.n = 0;
        gso_gro_input(&g, P[0], len, capture, &W);
        assert_int_equal(W.n, 1);               /* random bytes never merge */
        assert_int_equal(W.len[0], len);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csum_matches_reference),
        cmocka_unit_test(test_segment_ipv4),
        cmocka_unit_test(test_segment_ipv6),
        cmocka_unit_test(test_segment_smaller_mtu),
        cmocka_unit_test(test_partial_checksum),
        cmocka_unit_test(test_segment_malformed),
        cmocka_unit_test(test_segment_random),
        cmocka_unit_test(test_merge_ipv4),
        cmocka_unit_test(test_merge_ipv6),
        cmocka_unit_test(test_merge_limits),
        cmocka_unit_test(test_no_merge),
        cmocka_unit_test(test_merge_malformed),
    };
    return cmocka_run_group_tests_name("gso", tests, NULL, NULL);
}
