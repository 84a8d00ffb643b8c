/* cmocka tests for pppd-lite/vj (RFC 1144): recorded-style TCP conversations
 * compressed on one side and rebuilt on the other must come back byte for
 * byte (checksums checked with tests/unit/ref_inet.h), with the frame types
 * and header sizes the RFC predicts; SYN/FIN/RST, retransmissions, window and
 * urgent changes, sequence wrap-around, out-of-order segments, 40
 * connections sharing 16 slots, a lost frame and the recovery after it, and
 * malformed frames that must leave every slot alone. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "pppd-lite/proto/vj.h"
#include "tests/unit/ref_inet.h"

#define F_FIN 0x01
#define F_SYN 0x02
#define F_RST 0x04
#define F_PSH 0x08
#define F_ACK 0x10
#define F_URG 0x20
#define F_ECE 0x40

/* One direction of one TCP connection. */
struct conn {
    uint32_t src, dst;
    uint16_t sport, dport;
    uint32_t seq, ack;
    uint16_t win, id, urp;
    size_t opts;            /* TCP option bytes */
};

static uint8_t pkt[2048];

static size_t build(const struct conn *c, uint8_t flags, size_t n)
{
    size_t th = 20 + c->opts, len = 20 + th + n;
    memset(pkt, 0, 20 + th);
    pkt[0] = 0x45;
    set16(pkt + 2, (uint32_t)len);
    set16(pkt + 4, c->id);
    set16(pkt + 6, 0x4000);
    pkt[8] = 64;
    pkt[9] = 6;
    set32(pkt + 12, c->src);
    set32(pkt + 16, c->dst);
    uint8_t *t = pkt + 20;
    set16(t, c->sport);
    set16(t + 2, c->dport);
    set32(t + 4, c->seq);
    set32(t + 8, c->ack);
    t[12] = (uint8_t)((th / 4) << 4);
    t[13] = flags;
    set16(t + 14, c->win);
    set16(t + 18, c->urp);
    for (size_t i = 0; i < c->opts; i++)
        t[20 + i] = 1;      /* NOPs */
    for (size_t i = 0; i < n; i++)
        pkt[20 + th + i] = (uint8_t)(c->seq + i);
    fix_csums(pkt, len);
    return len;
}

/* A link direction: a compressor feeding a decompressor. */
struct link {
    struct vj_stats cst, dst;
    struct vj_comp comp;
    struct vj_decomp dec;
    uint16_t proto;         /* of the last frame */
    uint8_t frame[2048];
    size_t flen;
    uint8_t rebuilt[2048 + VJ_MAX_HDR];
};

static struct link *link_new(unsigned slots, bool comp_slot)
{
    struct link *l = calloc(1, sizeof *l);
    assert_non_null(l);
    vj_comp_init(&l->comp, slots, comp_slot, &l->cst);
    vj_decomp_init(&l->dec, slots, &l->dst);
    return l;
}

/* Compress the packet in pkt; the frame lands in l->frame. */
static uint16_t squeeze(struct link *l, size_t len)
{
    l->proto = vj_compress(&l->comp, pkt, len, l->frame, sizeof l->frame, &l->flen);
    if (l->proto == VJ_PROTO_IP) {
        memcpy(l->frame, pkt, len);
        l->flen = len;
    }
    return l->proto;
}

/* Deliver the last frame and check it rebuilds pkt[0..len) exactly. */
static void deliver_same(struct link *l, size_t len)
{
    if (l->proto == VJ_PROTO_IP) {
        assert_memory_equal(l->frame, pkt, len);
        return;
    }
    size_t n = 0;
    enum vj_result r = vj_uncompress(&l->dec, l->proto, l->frame, l->flen, l->rebuilt,
                                     sizeof l->rebuilt, &n);
    assert_int_equal(r, VJ_OK);
    assert_int_equal(n, len);
    assert_true(ip4_csum_ok(l->rebuilt));
    assert_true(l4_csum_ok(l->rebuilt, n, 6));
    assert_memory_equal(l->rebuilt, pkt, len);
}

/* Send one packet across: returns the frame's protocol. */
static uint16_t xfer(struct link *l, const struct conn *c, uint8_t flags, size_t n)
{
    size_t len = build(c, flags, n);
    uint16_t p = squeeze(l, len);
    deliver_same(l, len);
    return p;
}

static struct conn conn_a(void)
{
    struct conn c = { 0xc0000201, 0xc0000202, 40000, 23, 1000, 5000, 8192, 100, 0, 0 };
    return c;
}

static void test_handshake_goes_as_ip(void **state)
{
    (void)state;
    struct link *l = link_new(16, true);
    struct conn c = conn_a();
    assert_int_equal(xfer(l, &c, F_SYN, 0), VJ_PROTO_IP);
    assert_int_equal(xfer(l, &c, F_SYN | F_ACK, 0), VJ_PROTO_IP);
    assert_int_equal(xfer(l, &c, F_FIN | F_ACK, 0), VJ_PROTO_IP);
    assert_int_equal(xfer(l, &c, F_RST, 0), VJ_PROTO_IP);
    assert_int_equal(xfer(l, &c, 0, 0), VJ_PROTO_IP);     /* no ACK */
    assert_int_equal(l->cst.out_tcp_ip, 5);
    assert_int_equal(l->cst.searches, 0);
    free(l);
}

static void test_not_compressible(void **state)
{
    (void)state;
    struct link *l = link_new(16, true);
    struct conn c = conn_a();
    uint8_t out[2048];
    size_t n;
    size_t len = build(&c, F_ACK, 10);
    /* a fragment */
    set16(pkt + 6, 0x2000);
    fix_csums(pkt, len);
    assert_int_equal(vj_compress(&l->comp, pkt, len, out, sizeof out, &n), VJ_PROTO_IP);
    /* UDP */
    len = build(&c, F_ACK, 10);
    pkt[9] = 17;
    assert_int_equal(vj_compress(&l->comp, pkt, len, out, sizeof out, &n), VJ_PROTO_IP);
    /* IP length that disagrees with the packet, and a truncated header */
    len = build(&c, F_ACK, 10);
    assert_int_equal(vj_compress(&l->comp, pkt, len - 1, out, sizeof out, &n), VJ_PROTO_IP);
    assert_int_equal(vj_compress(&l->comp, pkt, 30, out, sizeof out, &n), VJ_PROTO_IP);
    /* IP options */
    uint8_t opt[80];
    memcpy(opt, pkt, 20);
    opt[0] = 0x46;
    memset(opt + 20, 1, 4);
    memcpy(opt + 24, pkt + 20, 30);
    set16(opt + 2, 54);
    assert_int_equal(vj_compress(&l->comp, opt, 54, out, sizeof out, &n), VJ_PROTO_IP);
    /* IPv6 */
    uint8_t v6[60] = { 0x60 };
    assert_int_equal(vj_compress(&l->comp, v6, sizeof v6, out, sizeof out, &n), VJ_PROTO_IP);
    assert_int_equal(l->cst.out_compressed + l->cst.out_uncompressed, 0);
    assert_int_equal(l->cst.out_other, 2);      /* UDP, IPv6 */
    assert_int_equal(l->cst.out_tcp_ip, 4);
    free(l);
}

/* One-way bulk data: the first ACK fills the slot, then each segment is
 * SPECIAL_D, three header bytes (mask and checksum, slot id omitted). */
static void test_bulk_one_way(void **state)
{
    (void)state;
    struct link *l = link_new(16, true);
    struct conn c = conn_a();
    assert_int_equal(xfer(l, &c, F_ACK, 0), VJ_PROTO_UNCOMP);
    c.id++;
    /* first data after a bare ACK: nothing changed but the length */
    assert_int_equal(xfer(l, &c, F_ACK, 536), VJ_PROTO_COMP);
    assert_int_equal(l->flen, 536 + 3);
    assert_int_equal(l->frame[0], 0);
    for (int i = 0; i < 50; i++) {
        c.seq += 536;
        c.id++;
        assert_int_equal(xfer(l, &c, F_ACK | F_PSH, 536), VJ_PROTO_COMP);
        assert_int_equal(l->flen, 536 + 3);
        assert_int_equal(l->frame[0], 0x0f | 0x10);
    }
    /* a shorter last segment, then data after it advances by its length */
    c.seq += 536;
    c.id++;
    assert_int_equal(xfer(l, &c, F_ACK, 100), VJ_PROTO_COMP);
    c.seq += 100;
    c.id++;
    assert_int_equal(xfer(l, &c, F_ACK, 536), VJ_PROTO_COMP);
    assert_int_equal(l->frame[0], 0x0f);
    assert_int_equal(l->cst.out_compressed, 53);
    assert_int_equal(l->cst.out_uncompressed, 1);
    assert_int_equal(l->cst.misses, 1);
    assert_int_equal(l->dst.in_compressed, 53);
    assert_int_equal(l->dst.in_errors, 0);
    free(l);
}

/* Interactive echo, both link directions: keystroke out, echo back; the
 * next keystroke's seq and ack both move by one (SPECIAL_I). */
static void test_interactive_both_ways(void **state)
{
    (void)state;
    struct link *up = link_new(16, true), *down = link_new(16, true);
    struct conn cl = conn_a(), sv = conn_a();
    sv.src = cl.dst;
    sv.dst = cl.src;
    sv.sport = cl.dport;
    sv.dport = cl.sport;
    sv.seq = cl.ack;
    sv.ack = cl.seq;
    assert_int_equal(xfer(up, &cl, F_ACK | F_PSH, 1), VJ_PROTO_UNCOMP);
    assert_int_equal(xfer(down, &sv, F_ACK | F_PSH, 1), VJ_PROTO_UNCOMP);
    for (int i = 0; i < 100; i++) {
        cl.seq += 1;
        cl.ack += 1;
        cl.id++;
        assert_int_equal(xfer(up, &cl, F_ACK | F_PSH, 1), VJ_PROTO_COMP);
        assert_int_equal(up->frame[0], 0x0b | 0x10);
        assert_int_equal(up->flen, 4);      /* 3 header bytes + the keystroke */
        sv.seq += 1;
        sv.ack += 1;
        sv.id += 3;                          /* the server sends elsewhere too */
        assert_int_equal(xfer(down, &sv, F_ACK | F_PSH, 1), VJ_PROTO_COMP);
        assert_int_equal(down->frame[0], 0x0b | 0x10 | 0x20);
    }
    /* a bare ACK of the echo (seq past the last keystroke: SPECIAL_I), and
     * one of the next echo (ack alone moves) */
    cl.seq += 1;
    cl.ack += 1;
    cl.id++;
    assert_int_equal(xfer(up, &cl, F_ACK, 0), VJ_PROTO_COMP);
    assert_int_equal(up->frame[0], 0x0b);
    cl.ack += 1;
    cl.id++;
    assert_int_equal(xfer(up, &cl, F_ACK, 0), VJ_PROTO_COMP);
    assert_int_equal(up->frame[0], 0x04);
    free(up);
    free(down);
}

/* A retransmission (nothing changed) goes uncompressed and resynchronises;
 * an earlier segment again (seq backwards) too. */
static void test_retransmit_and_out_of_order(void **state)
{
    (void)state;
    struct link *l = link_new(16, true);
    struct conn c = conn_a();
    xfer(l, &c, F_ACK, 0);
    for (int i = 0; i < 5; i++) {
        c.seq += i ? 512 : 0;
        c.id++;
        assert_int_equal(xfer(l, &c, F_ACK, 512), VJ_PROTO_COMP);
    }
    assert_int_equal(xfer(l, &c, F_ACK, 512), VJ_PROTO_UNCOMP);    /* same again */
    struct conn old = c;
    old.seq -= 1024;
    old.id++;
    assert_int_equal(xfer(l, &old, F_ACK, 512), VJ_PROTO_UNCOMP);  /* backwards */
    c.seq += 512;
    c.id += 2;
    assert_int_equal(xfer(l, &c, F_ACK, 512), VJ_PROTO_COMP);       /* jumps ahead */
    c.seq += 70000;
    c.id++;
    assert_int_equal(xfer(l, &c, F_ACK, 512), VJ_PROTO_UNCOMP);    /* too far ahead */
    c.seq += 512;
    c.id++;
    assert_int_equal(xfer(l, &c, F_ACK, 512), VJ_PROTO_COMP);
    assert_int_equal(l->dst.in_errors, 0);
    free(l);
}

static void test_window_and_urgent(void **state)
{
    (void)state;
    struct link *l = link_new(16, true);
    struct conn c = conn_a();
    xfer(l, &c, F_ACK, 0);
    uint16_t wins[] = { 8000, 8300, 100, 65535, 0, 1, 2 };
    for (size_t i = 0; i < sizeof wins / sizeof wins[0]; i++) {
        c.win = wins[i];
        c.ack += 10;
        c.id++;
        assert_int_equal(xfer(l, &c, F_ACK, 0), VJ_PROTO_COMP);
        assert_true(l->frame[0] & 0x02);
    }
    /* urgent data, the pointer as sent; then URG off with the pointer left */
    c.urp = 3;
    c.seq += 0;
    c.id++;
    assert_int_equal(xfer(l, &c, F_ACK | F_URG, 5), VJ_PROTO_COMP);
    assert_true(l->frame[0] & 0x01);
    c.seq += 5;
    c.urp = 0;
    c.id++;
    assert_int_equal(xfer(l, &c, F_ACK | F_URG, 5), VJ_PROTO_COMP);
    c.seq += 5;
    c.id++;
    assert_int_equal(xfer(l, &c, F_ACK, 5), VJ_PROTO_COMP);       /* URG off, urp 0 kept */
    c.seq += 5;
    c.urp = 9;
    c.id++;
    assert_int_equal(xfer(l, &c, F_ACK, 5), VJ_PROTO_UNCOMP);     /* urp moved without URG */
    /* an ECN echo flag cannot be carried: uncompressed, then compressed again */
    c.seq += 5;
    c.id++;
    assert_int_equal(xfer(l, &c, F_ACK | F_ECE, 5), VJ_PROTO_UNCOMP);
    c.seq += 5;
    c.id++;
    assert_int_equal(xfer(l, &c, F_ACK | F_ECE, 5), VJ_PROTO_COMP);
    /* changed TCP options */
    c.opts = 4;
    c.seq += 5;
    c.id++;
    assert_int_equal(xfer(l, &c, F_ACK, 5), VJ_PROTO_UNCOMP);
    c.seq += 5;
    c.id++;
    assert_int_equal(xfer(l, &c, F_ACK, 5), VJ_PROTO_COMP);
    free(l);
}

/* Sequence, acknowledgement and IP ID numbers wrapping through zero. */
static void test_wraparound(void **state)
{
    (void)state;
    struct link *l = link_new(16, true);
    struct conn c = conn_a();
    c.seq = 0xffffff00u;
    c.ack = 0xfffffff0u;
    c.id = 0xfffe;
    xfer(l, &c, F_ACK, 0);
    for (int i = 0; i < 10; i++) {
        c.seq += i ? 100 : 0;
        c.ack += 7;
        c.id++;
        assert_int_equal(xfer(l, &c, F_ACK, 100), VJ_PROTO_COMP);
    }
    assert_true(c.seq < 0x1000);
    assert_true(c.ack < 0x1000);
    free(l);
}

/* 40 connections over 16 slots, visited in a scrambled order: every packet
 * rebuilds exactly, slot ids stay below 16, new visits miss. */
static void test_many_connections(void **state)
{
    (void)state;
    struct link *l = link_new(16, true);
    struct conn c[40];
    bool started[40] = { false };
    for (int i = 0; i < 40; i++) {
        c[i] = conn_a();
        c[i].sport = (uint16_t)(30000 + i);
        c[i].seq = (uint32_t)i * 0x10000000u;
    }
    uint32_t rnd = 12345;
    unsigned comp = 0, uncomp = 0;
    for (int k = 0; k < 4000; k++) {
        rnd = rnd * 1103515245u + 12345u;
        int i = (int)((rnd >> 16) % (k < 2000 ? 12 : 40));   /* first fits, then thrashes */
        if (started[i]) {
            c[i].seq += 20;
            c[i].id++;
        }
        started[i] = true;
        uint16_t p = xfer(l, &c[i], F_ACK, 20);
        if (p == VJ_PROTO_UNCOMP) {
            assert_true(l->frame[9] < 16);
            uncomp++;
        } else {
            assert_int_equal(p, VJ_PROTO_COMP);
            comp++;
            if (l->frame[0] & 0x40)
                assert_true(l->frame[1] < 16);
        }
    }
    assert_int_equal(l->cst.searches, 4000);
    assert_int_equal(l->cst.misses, uncomp);
    assert_true(comp > 2000);
    assert_true(l->cst.misses > 12 + 500);
    assert_int_equal(l->dst.in_errors, 0);
    free(l);
}

/* Without slot-id compression every compressed frame names its slot. */
static void test_no_slot_compression(void **state)
{
    (void)state;
    struct link *l = link_new(4, false);
    struct conn c = conn_a();
    xfer(l, &c, F_ACK, 0);
    for (int i = 0; i < 5; i++) {
        c.ack += 1;
        c.id++;
        assert_int_equal(xfer(l, &c, F_ACK, 0), VJ_PROTO_COMP);
        assert_true(l->frame[0] & 0x40);
        assert_int_equal(l->frame[1], 0);
    }
    free(l);
}

/* A frame lost on the line: the next compressed frame is tossed (without
 * the loss reported it would rebuild a wrong header); the retransmission
 * goes uncompressed and everything after it is exact again. */
static void test_lost_frame_recovery(void **state)
{
    (void)state;
    struct link *l = link_new(16, true);
    struct conn c = conn_a();
    xfer(l, &c, F_ACK, 0);
    for (int i = 0; i < 3; i++) {
        c.seq += i ? 100 : 0;
        c.id++;
        xfer(l, &c, F_ACK, 100);
    }
    struct vj_decomp saved = l->dec;
    c.seq += 100;
    c.id++;
    size_t len = build(&c, F_ACK, 100);
    assert_int_equal(squeeze(l, len), VJ_PROTO_COMP);   /* this one is lost */
    vj_decomp_lost(&l->dec);
    c.seq += 100;
    c.id++;
    len = build(&c, F_ACK, 100);
    assert_int_equal(squeeze(l, len), VJ_PROTO_COMP);
    size_t n;
    assert_int_equal(vj_uncompress(&l->dec, l->proto, l->frame, l->flen, l->rebuilt,
                                   sizeof l->rebuilt, &n), VJ_TOSSED);
    /* the same frame to a decompressor that missed the loss: wrong seq,
     * caught only by the TCP checksum (RFC 1144 4.1) */
    assert_int_equal(vj_uncompress(&saved, l->proto, l->frame, l->flen, l->rebuilt,
                                   sizeof l->rebuilt, &n), VJ_OK);
    assert_false(l4_csum_ok(l->rebuilt, n, 6));
    /* the sender times out and retransmits the lost segment */
    c.seq -= 100;
    c.id++;
    assert_int_equal(xfer(l, &c, F_ACK, 100), VJ_PROTO_UNCOMP);
    for (int i = 0; i < 3; i++) {
        c.seq += 100;
        c.id++;
        assert_int_equal(xfer(l, &c, F_ACK, 100), VJ_PROTO_COMP);
    }
    assert_int_equal(l->dst.in_tossed, 1);
    assert_int_equal(l->dst.in_errors, 1);
    free(l);
}

/* Bad frames: counted, toss state entered, no slot touched; a frame that
 * names another connection's slot still rebuilds it exactly. */
static void test_bad_frames(void **state)
{
    (void)state;
    struct link *l = link_new(16, true);
    struct conn a = conn_a(), b = conn_a();
    b.sport = 40001;
    xfer(l, &a, F_ACK, 0);
    xfer(l, &b, F_ACK, 0);
    uint8_t out[256];
    size_t n;
    static const uint8_t bad_comp[][6] = {
        { 0x80, 0, 0 },             /* unused mask bit */
        { 0x40, 15, 0, 0 },         /* slot never filled */
        { 0x40, 16, 0, 0 },         /* beyond 16 slots */
        { 0x48, 0, 0x12 },          /* checksum cut short */
        { 0x48, 0, 0x12, 0x34, 0 }, /* three-byte delta cut short */
    };
    static const size_t bad_len[] = { 3, 4, 4, 3, 5 };
    static const enum vj_result want[] = { VJ_ERR_MASK, VJ_ERR_NO_STATE, VJ_ERR_SLOT,
                                           VJ_ERR_SHORT, VJ_ERR_SHORT };
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(vj_uncompress(&l->dec, VJ_PROTO_COMP, bad_comp[i], bad_len[i], out,
                                       sizeof out, &n), want[i]);
    assert_int_equal(vj_uncompress(&l->dec, VJ_PROTO_COMP, NULL, 0, out, sizeof out, &n),
                     VJ_ERR_SHORT);
    /* uncompressed frames: slot out of range, truncated, not IPv4 */
    size_t len = build(&a, F_ACK, 0);
    pkt[9] = 200;
    assert_int_equal(vj_uncompress(&l->dec, VJ_PROTO_UNCOMP, pkt, len, out, sizeof out, &n),
                     VJ_ERR_SLOT);
    pkt[9] = 0;
    assert_int_equal(vj_uncompress(&l->dec, VJ_PROTO_UNCOMP, pkt, 30, out, sizeof out, &n),
                     VJ_ERR_SHORT);
    pkt[0] = 0x65;
    assert_int_equal(vj_uncompress(&l->dec, VJ_PROTO_UNCOMP, pkt, len, out, sizeof out, &n),
                     VJ_ERR_NOT_TCP);
    /* a rebuilt packet larger than the caller's buffer */
    len = build(&a, F_ACK, 0);
    pkt[9] = 0;
    assert_int_equal(vj_uncompress(&l->dec, VJ_PROTO_UNCOMP, pkt, len, out, 20, &n),
                     VJ_ERR_TOO_BIG);
    assert_int_equal(l->dst.in_errors, 10);
    assert_true(l->dec.toss);
    /* b was sent last: its next frame omits the slot id and is tossed */
    b.ack += 5;
    b.id++;
    len = build(&b, F_ACK, 0);
    assert_int_equal(squeeze(l, len), VJ_PROTO_COMP);
    assert_false(l->frame[0] & 0x40);
    assert_int_equal(vj_uncompress(&l->dec, l->proto, l->frame, l->flen, l->rebuilt,
                                   sizeof l->rebuilt, &n), VJ_TOSSED);
    /* a's frame names its slot: the bad frames left it intact */
    a.ack += 5;
    a.id++;
    assert_int_equal(xfer(l, &a, F_ACK, 0), VJ_PROTO_COMP);
    assert_true(l->frame[0] & 0x40);
    free(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_handshake_goes_as_ip),
        cmocka_unit_test(test_not_compressible),
        cmocka_unit_test(test_bulk_one_way),
        cmocka_unit_test(test_interactive_both_ways),
        cmocka_unit_test(test_retransmit_and_out_of_order),
        cmocka_unit_test(test_window_and_urgent),
        cmocka_unit_test(test_wraparound),
        cmocka_unit_test(test_many_connections),
        cmocka_unit_test(test_no_slot_compression),
        cmocka_unit_test(test_lost_frame_recovery),
        cmocka_unit_test(test_bad_frames),
    };
    return cmocka_run_group_tests_name("vj", tests, NULL, NULL);
}
