/* cmocka tests for pppd-lite/vjneg: IPCP's VJ option as pppd negotiates it
 * (our request, the peer's request judged, Nak and Reject of ours), and
 * pppd-lite/vjlink: the datapath agreed each way. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "pppd-lite/proto/vjlink.h"
#include "pppd-lite/proto/vjneg.h"

static enum vjneg_verdict judge(const struct vj_opt *allow, const uint8_t *val, size_t n,
                                uint8_t *nak, size_t *naklen, struct vj_opt *ho)
{
    struct buf_reader r;
    struct buf_writer w;
    buf_reader_init(&r, val, n);
    buf_writer_init(&w, nak, 16);
    enum vjneg_verdict v = vjneg_judge(allow, &r, n, &w, ho);
    *naklen = buf_writer_len(&w);
    return v;
}

static void test_request(void **state)
{
    (void)state;
    struct vj_opt w;
    uint8_t buf[16];
    struct buf_writer bw;
    vjneg_want(&w, true, true, 16);
    buf_writer_init(&bw, buf, sizeof buf);
    vjneg_put(&bw, &w);
    static const uint8_t want[] = { 2, 6, 0x00, 0x2d, 0x0f, 0x01 };
    assert_int_equal(buf_writer_len(&bw), 6);
    assert_memory_equal(buf, want, 6);
    vjneg_want(&w, true, false, 99);        /* clamped to pppd's 2..16 */
    assert_int_equal(w.maxslot, 15);
    vjneg_want(&w, true, false, 1);
    assert_int_equal(w.maxslot, 1);
    vjneg_want(&w, false, true, 16);        /* novj: nothing asked */
    buf_writer_init(&bw, buf, sizeof buf);
    vjneg_put(&bw, &w);
    assert_int_equal(buf_writer_len(&bw), 0);
}

static void test_judge(void **state)
{
    (void)state;
    struct vj_opt allow, ho;
    uint8_t nak[16];
    size_t n;
    vjneg_want(&allow, true, true, 16);
    static const uint8_t ok[] = { 0x00, 0x2d, 0x0f, 0x01 };
    assert_int_equal(judge(&allow, ok, 4, nak, &n, &ho), VJNEG_ACK);
    assert_true(ho.neg);
    assert_int_equal(ho.maxslot, 15);
    assert_true(ho.cflag);
    static const uint8_t few[] = { 0x00, 0x2d, 0x03, 0x00 };
    assert_int_equal(judge(&allow, few, 4, nak, &n, &ho), VJNEG_ACK);
    assert_int_equal(ho.maxslot, 3);
    assert_false(ho.cflag);
    /* more slots than we keep: Nak with ours */
    static const uint8_t many[] = { 0x00, 0x2d, 0xff, 0x01 };
    assert_int_equal(judge(&allow, many, 4, nak, &n, &ho), VJNEG_NAK);
    static const uint8_t nak_many[] = { 2, 6, 0x00, 0x2d, 0x0f, 0x01 };
    assert_int_equal(n, 6);
    assert_memory_equal(nak, nak_many, 6);
    /* novjccomp: a peer leaving slot ids out is told not to */
    vjneg_want(&allow, true, false, 8);
    assert_int_equal(judge(&allow, ok, 4, nak, &n, &ho), VJNEG_NAK);
    static const uint8_t nak_c[] = { 2, 6, 0x00, 0x2d, 0x07, 0x00 };
    assert_memory_equal(nak, nak_c, 6);
    /* the RFC 1172 form: 16 slots, slot ids compressed */
    vjneg_want(&allow, true, true, 16);
    assert_int_equal(judge(&allow, ok, 2, nak, &n, &ho), VJNEG_ACK);
    assert_int_equal(ho.maxslot, 15);
    /* rejected: novj, another protocol, bad lengths */
    static const uint8_t other[] = { 0x00, 0x37, 0x0f, 0x01 };
    assert_int_equal(judge(&allow, other, 4, nak, &n, &ho), VJNEG_REJ);
    assert_int_equal(judge(&allow, ok, 3, nak, &n, &ho), VJNEG_REJ);
    assert_int_equal(judge(&allow, ok, 0, nak, &n, &ho), VJNEG_REJ);
    vjneg_want(&allow, false, true, 16);
    assert_int_equal(judge(&allow, ok, 4, nak, &n, &ho), VJNEG_REJ);
}

static void test_nak_and_reject_of_ours(void **state)
{
    (void)state;
    struct vj_opt go, t;
    struct buf_reader r;
    vjneg_want(&go, true, true, 16);
    static const uint8_t fewer[] = { 0x00, 0x2d, 0x03, 0x00 };
    t = go;
    buf_reader_init(&r, fewer, 4);
    assert_true(vjneg_nak(&t, &r, 4, false));
    assert_true(t.neg);
    assert_int_equal(t.maxslot, 3);
    assert_false(t.cflag);
    static const uint8_t more[] = { 0x00, 0x2d, 0x40, 0x01 };
    t = go;
    buf_reader_init(&r, more, 4);
    assert_true(vjneg_nak(&t, &r, 4, false));
    assert_int_equal(t.maxslot, 15);        /* never more than we asked */
    static const uint8_t other[] = { 0x00, 0x37, 0x0f, 0x01 };
    t = go;
    buf_reader_init(&r, other, 4);
    assert_true(vjneg_nak(&t, &r, 4, false));
    assert_false(t.neg);
    t = go;
    buf_reader_init(&r, fewer, 4);
    assert_true(vjneg_nak(&t, &r, 4, true));   /* Max-Failure: as a Reject */
    assert_false(t.neg);
    t = go;
    buf_reader_init(&r, fewer, 1);
    assert_false(vjneg_nak(&t, &r, 1, false));
    /* Reject: only of what we sent */
    static const uint8_t ours[] = { 0x00, 0x2d, 0x0f, 0x01 };
    t = go;
    buf_reader_init(&r, fewer, 4);
    assert_false(vjneg_rej(&t, &r, 4));
    buf_reader_init(&r, ours, 4);
    assert_true(vjneg_rej(&t, &r, 4));
    assert_false(t.neg);
    buf_reader_init(&r, ours, 4);
    assert_false(vjneg_rej(&t, &r, 4));      /* we no longer ask */
}

/* The datapath agreed each way: 2 slots out without slot-id compression,
 * none in (frames then dropped); counters and the summary line. */
static void test_link(void **state)
{
    (void)state;
    struct vj_link *l = calloc(1, sizeof *l);
    assert_non_null(l);
    char line[256];
    vj_link_summary(l, line, sizeof line);
    assert_string_equal(line, "");
    struct vj_opt tx = { true, 1, false }, rx = { false, 15, true };
    vj_link_reset(l);
    vj_link_up(l, &tx, &rx);
    uint8_t p[60] = { 0x45, 0, 0, 50, 0, 1, 0x40, 0, 64, 6 };
    p[33] = 0x10;       /* ACK */
    p[32] = 0x50;       /* data offset 5 */
    const uint8_t *pkt = p;
    size_t len = 50;
    assert_int_equal(vj_link_send(l, &pkt, &len), VJ_PROTO_UNCOMP);
    assert_ptr_equal(pkt, l->txbuf);
    assert_int_equal(len, 50);
    assert_int_equal(l->txbuf[9], 0);
    const uint8_t *out;
    size_t outlen;
    assert_false(vj_link_recv(l, VJ_PROTO_UNCOMP, l->txbuf, 50, &out, &outlen));
    vj_link_summary(l, line, sizeof line);
    assert_non_null(strstr(line, "sent 0 compressed, 1 uncompressed"));
    vj_link_down(l);
    vj_link_summary(l, line, sizeof line);
    assert_non_null(strstr(line, "1 uncompressed"));    /* still there for the exit summary */
    pkt = p;
    assert_int_equal(vj_link_send(l, &pkt, &len), VJ_PROTO_IP);
    assert_ptr_equal(pkt, p);
    /* up again within the link: the counters go on; a new link clears them */
    vj_link_up(l, &tx, &rx);
    len = 50;
    assert_int_equal(vj_link_send(l, &pkt, &len), VJ_PROTO_UNCOMP);
    vj_link_summary(l, line, sizeof line);
    assert_non_null(strstr(line, "2 uncompressed"));
    vj_link_reset(l);
    vj_link_summary(l, line, sizeof line);
    assert_string_equal(line, "");
    free(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_request),
        cmocka_unit_test(test_judge),
        cmocka_unit_test(test_nak_and_reject_of_ours),
        cmocka_unit_test(test_link),
    };
    return cmocka_run_group_tests_name("vjneg", tests, NULL, NULL);
}
