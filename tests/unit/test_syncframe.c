/* cmocka tests for common/syncframe: exact encodings (full and compressed
 * headers), measures of each length-carrying protocol and of the ones
 * without, and the receiver splitting reads that merge or cut frames. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "common/syncframe.h"

static uint8_t store[SYNCFRAME_RX_STORAGE(1500)];

/* An IPv4 header of total length len (the rest zero). */
static size_t ip4(uint8_t *p, size_t len)
{
    memset(p, 0, len);
    p[0] = 0x45;
    p[2] = (uint8_t)(len >> 8);
    p[3] = (uint8_t)len;
    return len;
}

static void test_encode_headers(void **state)
{
    (void)state;
    const uint8_t lcp[] = { 0x09, 0x01, 0x00, 0x08, 1, 2, 3, 4 };
    uint8_t out[32];
    size_t n = syncframe_encode(0xc021, lcp, sizeof lcp, false, false, out, sizeof out);
    const uint8_t want[] = { 0xff, 0x03, 0xc0, 0x21, 0x09, 0x01, 0x00, 0x08, 1, 2, 3, 4 };
    assert_int_equal(n, sizeof want);
    assert_memory_equal(out, want, sizeof want);
    /* ACFC and PFC: IP goes as 0x21 and the payload, nothing else */
    uint8_t ip[20];
    ip4(ip, 20);
    n = syncframe_encode(0x0021, ip, 20, true, true, out, sizeof out);
    assert_int_equal(n, 21);
    assert_int_equal(out[0], 0x21);
    assert_memory_equal(out + 1, ip, 20);
    /* PFC never shortens a protocol above 0xff */
    n = syncframe_encode(0x8021, lcp, 4, true, true, out, sizeof out);
    assert_int_equal(n, 6);
    assert_int_equal(out[0], 0x80);
    /* no room: nothing written */
    assert_int_equal(syncframe_encode(0xc021, lcp, sizeof lcp, false, false, out, 11), 0);
}

static void test_measure(void **state)
{
    (void)state;
    uint8_t f[64] = { 0xff, 0x03, 0x00, 0x21 };
    ip4(f + 4, 40);
    assert_int_equal(syncframe_measure(f, 44), 44);
    assert_int_equal(syncframe_measure(f, 8), 44);           /* known before it is all there */
    assert_int_equal(syncframe_measure(f, 7), SYNCFRAME_MORE);
    assert_int_equal(syncframe_measure(f, 1), SYNCFRAME_MORE);
    assert_int_equal(syncframe_measure(f + 3, 41), 41);      /* compressed header: 0x21 */
    const uint8_t v6[] = { 0x57, 0x60, 0, 0, 0, 0x00, 0x10 };
    assert_int_equal(syncframe_measure(v6, sizeof v6), 1 + 40 + 16);
    const uint8_t ipcp[] = { 0x80, 0x21, 0x01, 0x01, 0x00, 0x0a };
    assert_int_equal(syncframe_measure(ipcp, sizeof ipcp), 2 + 10);
    const uint8_t pap[] = { 0xff, 0x03, 0xc0, 0x23, 0x01, 0x01, 0x00, 0x05 };
    assert_int_equal(syncframe_measure(pap, sizeof pap), 4 + 5);
    /* no length field, or nonsense: the frame is the chunk */
    const uint8_t lqr[] = { 0xc0, 0x25, 1, 2, 3, 4 };
    assert_int_equal(syncframe_measure(lqr, sizeof lqr), SYNCFRAME_NOLEN);
    const uint8_t badac[] = { 0xff, 0x05, 0x00, 0x21 };
    assert_int_equal(syncframe_measure(badac, sizeof badac), SYNCFRAME_NOLEN);
    const uint8_t evenproto[] = { 0x00, 0x20, 0x45, 0x00, 0x00, 0x40 };
    assert_int_equal(syncframe_measure(evenproto, sizeof evenproto), SYNCFRAME_NOLEN);
    const uint8_t shortip[] = { 0x21, 0x45, 0x00, 0x00, 0x13 };
    assert_int_equal(syncframe_measure(shortip, sizeof shortip), SYNCFRAME_NOLEN);
    const uint8_t shortlcp[] = { 0xc0, 0x21, 0x01, 0x01, 0x00, 0x03 };
    assert_int_equal(syncframe_measure(shortlcp, sizeof shortlcp), SYNCFRAME_NOLEN);
}

/* Three frames written back to back, read in chunks of every size: the
 * same three frames come out, in order, whatever the cuts. */
static void test_rx_split_and_join(void **state)
{
    (void)state;
    uint8_t stream[400];
    size_t lens[3], n = 0;
    stream[n++] = 0xff;
    stream[n++] = 0x03;
    stream[n++] = 0x00;
    stream[n++] = 0x21;
    n += ip4(stream + n, 100);
    lens[0] = n;
    const uint8_t lcp[] = { 0xff, 0x03, 0xc0, 0x21, 0x09, 0x07, 0x00, 0x08, 0xde, 0xad, 0xbe, 0xef };
    memcpy(stream + n, lcp, sizeof lcp);
    n += sizeof lcp;
    lens[1] = sizeof lcp;
    stream[n++] = 0x21;
    n += ip4(stream + n, 60);
    lens[2] = 61;
    for (size_t chunk = 1; chunk <= n; chunk++) {
        struct syncframe_rx r;
        syncframe_rx_init(&r, store, sizeof store, 1500);
        size_t got = 0, pos = 0, at = 0;
        while (pos < n) {
            size_t c = chunk < n - pos ? chunk : n - pos;
            assert_int_equal(syncframe_rx_feed(&r, stream + pos, c), c);
            pos += c;
            const uint8_t *f;
            size_t fl;
            while (syncframe_rx_next(&r, &f, &fl)) {
                assert_true(got < 3);
                assert_int_equal(fl, lens[got]);
                assert_memory_equal(f, stream + at, fl);
                at += fl;
                got++;
            }
        }
        assert_int_equal(got, 3);
        assert_int_equal(r.stats.frames, 3);
    }
}

/* A frame without a length ends with its read; one that claims more than
 * the largest frame is counted and dropped, and the next read starts anew. */
static void test_rx_nolen_and_too_long(void **state)
{
    (void)state;
    struct syncframe_rx r;
    syncframe_rx_init(&r, store, sizeof store, 1500);
    const uint8_t lqr[] = { 0xff, 0x03, 0xc0, 0x25, 1, 2, 3, 4, 5 };
    const uint8_t *f;
    size_t fl;
    syncframe_rx_feed(&r, lqr, sizeof lqr);
    assert_true(syncframe_rx_next(&r, &f, &fl));
    assert_int_equal(fl, sizeof lqr);
    assert_false(syncframe_rx_next(&r, &f, &fl));

    uint8_t big[8] = { 0x21, 0x45, 0x00, 0xff, 0xff };   /* 65535 > 1500 + 4 */
    syncframe_rx_feed(&r, big, sizeof big);
    assert_false(syncframe_rx_next(&r, &f, &fl));
    assert_int_equal(r.stats.too_long, 1);
    uint8_t ok[21] = { 0x21 };
    ip4(ok + 1, 20);
    syncframe_rx_feed(&r, ok, sizeof ok);
    assert_true(syncframe_rx_next(&r, &f, &fl));
    assert_int_equal(fl, 21);
}

/* A read never finds the receiver without room, even with a frame's
 * first part held: storage is twice the largest frame. */
static void test_rx_room(void **state)
{
    (void)state;
    struct syncframe_rx r;
    syncframe_rx_init(&r, store, sizeof store, 1500);
    uint8_t f[1504] = { 0xff, 0x03, 0x00, 0x21 };
    ip4(f + 4, 1500);
    syncframe_rx_feed(&r, f, 1503);   /* all but the last byte */
    const uint8_t *fr;
    size_t fl;
    assert_false(syncframe_rx_next(&r, &fr, &fl));
    assert_true(syncframe_rx_room(&r) >= 1504);
    syncframe_rx_feed(&r, f + 1503, 1);
    assert_true(syncframe_rx_next(&r, &fr, &fl));
    assert_int_equal(fl, 1504);
    assert_int_equal(syncframe_rx_room(&r), sizeof store);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_encode_headers),
        cmocka_unit_test(test_measure),
        cmocka_unit_test(test_rx_split_and_join),
        cmocka_unit_test(test_rx_nolen_and_too_long),
        cmocka_unit_test(test_rx_room),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
