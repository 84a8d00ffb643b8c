/* cmocka tests for common/hdlc: exact RFC 1662 byte vectors, FCS check
 * values, escaping, ACCM, ACFC/PFC, every error counter, the 8-bit-clean
 * bits, and round trips of random frames split at random chunk boundaries. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "common/hdlc.h"

/* LCP Configure-Request id 1: asyncmap 0, magic 0x12345678, pcomp, accomp. */
static const uint8_t lcp_confreq[] = {
    0xff, 0x03, 0xc0, 0x21, 0x01, 0x01, 0x00, 0x14, 0x02, 0x06, 0x00, 0x00,
    0x00, 0x00, 0x05, 0x06, 0x12, 0x34, 0x56, 0x78, 0x07, 0x02, 0x08, 0x02,
};
#define LCP_PAYLOAD (lcp_confreq + 4)
#define LCP_PAYLOAD_LEN (sizeof lcp_confreq - 4)

/* The same frame on the wire with the default ACCM 0xffffffff: every byte
 * below 0x20 escaped; FCS-16 0xef4c sent least significant byte first. */
static const uint8_t lcp_confreq_wire[] = {
    0x7e, 0xff, 0x7d, 0x23, 0xc0, 0x21, 0x7d, 0x21, 0x7d, 0x21, 0x7d, 0x20,
    0x7d, 0x34, 0x7d, 0x22, 0x7d, 0x26, 0x7d, 0x20, 0x7d, 0x20, 0x7d, 0x20,
    0x7d, 0x20, 0x7d, 0x25, 0x7d, 0x26, 0x7d, 0x32, 0x34, 0x56, 0x78, 0x7d,
    0x27, 0x7d, 0x22, 0x7d, 0x28, 0x7d, 0x22, 0x4c, 0xef, 0x7e,
};

/* FCS-32 is 0x7eae04f1, sent f1 04 ae 7e: 0x04 and 0x7e get escaped. */
static const uint8_t lcp_confreq_wire32_tail[] = {
    0xf1, 0x7d, 0x24, 0xae, 0x7d, 0x5e, 0x7e,
};

/* Bit-serial reference FCS (RFC 1662 C.2), independent of the tables. */
static uint16_t ref_fcs16(const uint8_t *p, size_t n)
{
    uint16_t c = 0xffff;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? (uint16_t)((c >> 1) ^ 0x8408) : (uint16_t)(c >> 1);
    }
    return (uint16_t)~c;
}

static uint32_t ref_fcs32(const uint8_t *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? (c >> 1) ^ 0xedb88320u : c >> 1;
    }
    return ~c;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 16);
}

static void fill_random(uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)rnd();
}

#define STORE_MRU 1500
static uint8_t store[HDLC_DECODER_STORAGE(STORE_MRU) + 64];

/* Decode the whole input in one call sequence; copy out up to max frames. */
struct got {
    size_t n;
    size_t len[16];
    uint8_t data[16][2048];
};

static void decode_all(struct hdlc_decoder *d, const uint8_t *in, size_t len, struct got *g)
{
    const uint8_t *frame;
    size_t flen;
    while (len > 0) {
        if (hdlc_decode(d, &in, &len, &frame, &flen)) {
            assert_true(g->n < 16);
            assert_true(flen <= sizeof g->data[0]);
            memcpy(g->data[g->n], frame, flen);
            g->len[g->n++] = flen;
        }
    }
}

static void new_decoder(struct hdlc_decoder *d)
{
    hdlc_decoder_init(d, store, HDLC_DECODER_STORAGE(STORE_MRU), STORE_MRU);
    hdlc_decoder_set_accm(d, 0);    /* most vectors below are sent with ACCM 0 */
}

static size_t stats_errors(const struct hdlc_decoder *d)
{
    return (size_t)(d->stats.fcs_errors + d->stats.too_long + d->stats.runts +
                    d->stats.aborts);
}

/* ---- FCS ---------------------------------------------------------------- */

static void fcs16_check_value(void **state)
{
    (void)state;
    const uint8_t *s = (const uint8_t *)"123456789";
    uint16_t f = hdlc_fcs16(HDLC_FCS16_INIT, s, 9);
    assert_int_equal((uint16_t)~f, 0x906e);          /* CRC-16/X-25 check */
    uint8_t buf[11];
    memcpy(buf, s, 9);
    buf[9] = 0x6e;
    buf[10] = 0x90;
    assert_int_equal(hdlc_fcs16(HDLC_FCS16_INIT, buf, 11), HDLC_FCS16_GOOD);
}

static void fcs32_check_value(void **state)
{
    (void)state;
    const uint8_t *s = (const uint8_t *)"123456789";
    assert_int_equal(~hdlc_fcs32(HDLC_FCS32_INIT, s, 9), 0xcbf43926u);
    uint8_t buf[13];
    memcpy(buf, s, 9);
    buf[9] = 0x26; buf[10] = 0x39; buf[11] = 0xf4; buf[12] = 0xcb;
    assert_int_equal(hdlc_fcs32(HDLC_FCS32_INIT, buf, 13), HDLC_FCS32_GOOD);
}

/* The slice-by-8 loop must equal the bit-serial definition at every length
 * and alignment, and when the data is fed in two pieces. */
static void fcs_tables_match_bitwise(void **state)
{
    (void)state;
    /* every length up to 700: table-only, folding (>= 128 on x86-64) and
     * the tails after it */
    static uint8_t d[708];
    fill_random(d, sizeof d);
    for (size_t off = 0; off < 8; off += 3) {
        for (size_t n = 0; n + off <= sizeof d; n++) {
            assert_int_equal((uint16_t)~hdlc_fcs16(HDLC_FCS16_INIT, d + off, n),
                             ref_fcs16(d + off, n));
            assert_int_equal(~hdlc_fcs32(HDLC_FCS32_INIT, d + off, n),
                             ref_fcs32(d + off, n));
            size_t part = n / 3;
            uint16_t f = hdlc_fcs16(hdlc_fcs16(HDLC_FCS16_INIT, d + off, part),
                                    d + off + part, n - part);
            assert_int_equal((uint16_t)~f, ref_fcs16(d + off, n));
            uint32_t g = hdlc_fcs32(hdlc_fcs32(HDLC_FCS32_INIT, d + off, n - part),
                                    d + off + n - part, part);
            assert_int_equal(~g, ref_fcs32(d + off, n));
        }
    }
}

/* ---- encoder: exact bytes ----------------------------------------------- */

static void encode_lcp_confreq_default_accm(void **state)
{
    (void)state;
    struct hdlc_encoder e;
    uint8_t out[HDLC_ENCODED_MAX(LCP_PAYLOAD_LEN)];
    hdlc_encoder_init(&e);
    size_t n = hdlc_encode(&e, 0xc021, LCP_PAYLOAD, LCP_PAYLOAD_LEN, true, false,
                           out, sizeof out);
    assert_int_equal(n, sizeof lcp_confreq_wire);
    assert_memory_equal(out, lcp_confreq_wire, n);
    /* Without the opening flag: the same bytes minus the first. */
    n = hdlc_encode(&e, 0xc021, LCP_PAYLOAD, LCP_PAYLOAD_LEN, false, false, out, sizeof out);
    assert_int_equal(n, sizeof lcp_confreq_wire - 1);
    assert_memory_equal(out, lcp_confreq_wire + 1, n);
}

static void decode_lcp_confreq_default_accm(void **state)
{
    (void)state;
    struct hdlc_decoder d;
    struct got g = { 0 };
    new_decoder(&d);
    decode_all(&d, lcp_confreq_wire, sizeof lcp_confreq_wire, &g);
    assert_int_equal(g.n, 1);
    assert_int_equal(g.len[0], sizeof lcp_confreq);
    assert_memory_equal(g.data[0], lcp_confreq, sizeof lcp_confreq);
    assert_int_equal(d.stats.frames, 1);
    assert_int_equal(d.stats.bytes, sizeof lcp_confreq_wire);
    assert_int_equal(stats_errors(&d), 0);
}

static void encode_decode_lcp_fcs32(void **state)
{
    (void)state;
    struct hdlc_encoder e;
    uint8_t out[HDLC_ENCODED_MAX(LCP_PAYLOAD_LEN)];
    hdlc_encoder_init(&e);
    e.fcs32 = true;
    size_t n = hdlc_encode(&e, 0xc021, LCP_PAYLOAD, LCP_PAYLOAD_LEN, true, false,
                           out, sizeof out);
    size_t body = sizeof lcp_confreq_wire - 3;  /* without FCS-16 and closing flag */
    assert_int_equal(n, body + sizeof lcp_confreq_wire32_tail);
    assert_memory_equal(out, lcp_confreq_wire, body);
    assert_memory_equal(out + body, lcp_confreq_wire32_tail, sizeof lcp_confreq_wire32_tail);

    struct hdlc_decoder d;
    struct got g = { 0 };
    new_decoder(&d);
    hdlc_decoder_set_fcs32(&d, true);
    decode_all(&d, out, n, &g);
    assert_int_equal(g.n, 1);
    assert_int_equal(g.len[0], sizeof lcp_confreq);
    assert_memory_equal(g.data[0], lcp_confreq, sizeof lcp_confreq);

    /* An FCS-16 receiver rejects the FCS-32 frame. */
    struct got g16 = { 0 };
    new_decoder(&d);
    decode_all(&d, out, n, &g16);
    assert_int_equal(g16.n, 0);
    assert_int_equal(d.stats.fcs_errors, 1);
}

static void encode_accm0_escapes_only_flag_and_escape(void **state)
{
    (void)state;
    struct hdlc_encoder e;
    const uint8_t pl[] = { 0x45, 0x7e, 0x7d, 0x11 };
    /* ff 03 00 21 45 7e 7d 11, FCS-16 0x1b76 */
    const uint8_t want[] = { 0x7e, 0xff, 0x03, 0x00, 0x21, 0x45, 0x7d, 0x5e, 0x7d, 0x5d,
                             0x11, 0x76, 0x1b, 0x7e };
    uint8_t out[64];
    hdlc_encoder_init(&e);
    e.tx_accm = 0;
    size_t n = hdlc_encode(&e, 0x0021, pl, sizeof pl, true, false, out, sizeof out);
    assert_int_equal(n, sizeof want);
    assert_memory_equal(out, want, n);
}

static void encode_accm_all_escapes_every_control(void **state)
{
    (void)state;
    struct hdlc_encoder e;
    uint8_t pl[64], out[HDLC_ENCODED_MAX(64)];
    for (int i = 0; i < 64; i++)
        pl[i] = (uint8_t)i;
    hdlc_encoder_init(&e);
    size_t n = hdlc_encode(&e, 0x0021, pl, sizeof pl, false, false, out, sizeof out);
    assert_true(n > 0);
    /* header ff 03 00 21 -> ff 03 escaped: ff 7d 23 7d 20 21 */
    const uint8_t hdr[] = { 0xff, 0x7d, 0x23, 0x7d, 0x20, 0x21 };
    assert_memory_equal(out, hdr, sizeof hdr);
    for (int i = 0; i < 32; i++) {
        assert_int_equal(out[6 + 2 * i], 0x7d);
        assert_int_equal(out[6 + 2 * i + 1], i ^ 0x20);
    }
    for (int i = 32; i < 64; i++)
        assert_int_equal(out[6 + 64 + (i - 32)], i);
    /* No raw control character, flag or escape-less 0x7d anywhere inside. */
    for (size_t i = 0; i + 1 < n; i++)
        assert_false(out[i] < 0x20 || out[i] == 0x7e);
}

static void encode_partial_accm_xon_xoff(void **state)
{
    (void)state;
    struct hdlc_encoder e;
    const uint8_t pl[] = { 0x10, 0x11, 0x12, 0x13, 0x14 };
    uint8_t out[64];
    hdlc_encoder_init(&e);
    e.tx_accm = 0x000a0000;      /* 0x11 and 0x13 only */
    size_t n = hdlc_encode(&e, 0x0021, pl, sizeof pl, true, false, out, sizeof out);
    const uint8_t want_body[] = { 0x7e, 0xff, 0x03, 0x00, 0x21, 0x10, 0x7d, 0x31, 0x12,
                                  0x7d, 0x33, 0x14 };
    assert_true(n >= sizeof want_body + 3);
    assert_memory_equal(out, want_body, sizeof want_body);
    assert_int_equal(out[n - 1], 0x7e);
}

static void encode_extra_escape_map(void **state)
{
    (void)state;
    struct hdlc_encoder e;
    uint8_t pl[40], out[HDLC_ENCODED_MAX(40)];
    hdlc_encoder_init(&e);
    e.tx_accm = 0;
    assert_true(hdlc_encoder_escape_byte(&e, 0xff));
    assert_true(hdlc_encoder_escape_byte(&e, 0x91));
    assert_true(hdlc_encoder_escape_byte(&e, 0x05));
    assert_false(hdlc_encoder_escape_byte(&e, 0x20));
    assert_false(hdlc_encoder_escape_byte(&e, 0x3f));
    assert_false(hdlc_encoder_escape_byte(&e, 0x5e));
    /* 20 plain bytes, then the escaped ones past the first 16-byte block. */
    for (int i = 0; i < 40; i++)
        pl[i] = (uint8_t)(0x40 + i);
    pl[20] = 0xff; pl[21] = 0x91; pl[22] = 0x05; pl[23] = 0x06; pl[24] = 0x20;
    size_t n = hdlc_encode(&e, 0x0021, pl, sizeof pl, true, false, out, sizeof out);
    /* ff of the address field is escaped too: 7e 7d df 03 00 21 */
    const uint8_t hdr[] = { 0x7e, 0x7d, 0xdf, 0x03, 0x00, 0x21 };
    assert_memory_equal(out, hdr, sizeof hdr);
    assert_memory_equal(out + 6, pl, 20);
    const uint8_t esc[] = { 0x7d, 0xdf, 0x7d, 0xb1, 0x7d, 0x25, 0x06, 0x20 };
    assert_memory_equal(out + 26, esc, sizeof esc);

    struct hdlc_decoder d;
    struct got g = { 0 };
    new_decoder(&d);
    decode_all(&d, out, n, &g);
    assert_int_equal(g.n, 1);
    assert_int_equal(g.len[0], 4 + sizeof pl);
    assert_memory_equal(g.data[0] + 4, pl, sizeof pl);
}

/* More extra bytes than the SIMD scan takes (4): the table path, same bytes. */
static void encode_many_extra_escapes(void **state)
{
    (void)state;
    struct hdlc_encoder e;
    static const uint8_t esc[] = { 0x40, 0x5d, 0x80, 0x91, 0x93, 0xff };
    uint8_t pl[256], out[HDLC_ENCODED_MAX(256)];
    for (int i = 0; i < 256; i++)
        pl[i] = (uint8_t)i;
    for (size_t count = 1; count <= sizeof esc; count++) {
        hdlc_encoder_init(&e);
        e.tx_accm = 0;
        for (size_t i = 0; i < count; i++)
            assert_true(hdlc_encoder_escape_byte(&e, esc[i]));
        size_t n = hdlc_encode(&e, 0x0021, pl, sizeof pl, true, false, out, sizeof out);
        /* header ff 03 00 21 is plain unless 0xff is escaped */
        size_t pos = count == sizeof esc ? 6 : 5;
        for (int b = 0; b < 256; b++) {
            bool escaped = b == 0x7d || b == 0x7e || memchr(esc, b, count) != NULL;
            if (escaped) {
                assert_int_equal(out[pos], 0x7d);
                assert_int_equal(out[pos + 1], b ^ 0x20);
                pos += 2;
            } else {
                assert_int_equal(out[pos], b);
                pos++;
            }
        }
        struct hdlc_decoder d;
        struct got g = { 0 };
        new_decoder(&d);
        decode_all(&d, out, n, &g);
        assert_int_equal(g.n, 1);
        assert_memory_equal(g.data[0] + 4, pl, sizeof pl);
    }
}

static void encode_acfc_pfc(void **state)
{
    (void)state;
    struct hdlc_encoder e;
    const uint8_t pl[] = { 0x45, 0x00 };
    uint8_t out[64];
    hdlc_encoder_init(&e);
    e.tx_accm = 0;
    e.acfc = true;
    e.pfc = true;
    /* Compressed: 21 45 00 + FCS */
    size_t n = hdlc_encode(&e, 0x0021, pl, sizeof pl, true, true, out, sizeof out);
    uint8_t fr[] = { 0x21, 0x45, 0x00, 0, 0 };
    uint16_t f = ref_fcs16(fr, 3);
    fr[3] = (uint8_t)f;
    fr[4] = (uint8_t)(f >> 8);
    assert_int_equal(n, 2 + sizeof fr);
    assert_int_equal(out[0], 0x7e);
    assert_memory_equal(out + 1, fr, sizeof fr);
    assert_int_equal(out[n - 1], 0x7e);
    /* use_compression false (LCP): full header despite acfc/pfc */
    n = hdlc_encode(&e, 0x0021, pl, sizeof pl, true, false, out, sizeof out);
    const uint8_t full[] = { 0x7e, 0xff, 0x03, 0x00, 0x21, 0x45, 0x00 };
    assert_memory_equal(out, full, sizeof full);
    /* 0xc021 and even 0x0020 never compress the protocol; ACFC still applies */
    n = hdlc_encode(&e, 0xc021, pl, sizeof pl, true, true, out, sizeof out);
    const uint8_t lcp[] = { 0x7e, 0xc0, 0x21, 0x45 };
    assert_memory_equal(out, lcp, sizeof lcp);
    n = hdlc_encode(&e, 0x0020, pl, sizeof pl, true, true, out, sizeof out);
    const uint8_t even[] = { 0x7e, 0x00, 0x20, 0x45 };
    assert_memory_equal(out, even, sizeof even);
    /* 0x00ff stays 2 bytes: a lone 0xff would read as the address field */
    n = hdlc_encode(&e, 0x00ff, pl, sizeof pl, true, true, out, sizeof out);
    const uint8_t resv[] = { 0x7e, 0x00, 0xff, 0x45 };
    assert_memory_equal(out, resv, sizeof resv);
    /* pfc only */
    e.acfc = false;
    n = hdlc_encode(&e, 0x0021, pl, sizeof pl, true, true, out, sizeof out);
    const uint8_t pfc[] = { 0x7e, 0xff, 0x03, 0x21, 0x45 };
    assert_memory_equal(out, pfc, sizeof pfc);
}

/* Every capacity short of the real size returns 0 and writes nothing past cap. */
static void encode_output_too_small(void **state)
{
    (void)state;
    struct hdlc_encoder e;
    uint8_t pl[100], out[HDLC_ENCODED_MAX(100) + 16];
    hdlc_encoder_init(&e);
    for (int i = 0; i < 100; i++)
        pl[i] = (uint8_t)(i * 7);          /* a mix of plain and escaped bytes */
    size_t full = hdlc_encode(&e, 0x0021, pl, sizeof pl, true, false, out, sizeof out);
    assert_true(full > 100);
    for (size_t cap = 0; cap < full; cap++) {
        memset(out, 0xa5, sizeof out);
        assert_int_equal(hdlc_encode(&e, 0x0021, pl, sizeof pl, true, false, out, cap), 0);
        for (size_t i = cap; i < sizeof out; i++)
            assert_int_equal(out[i], 0xa5);
    }
    assert_int_equal(hdlc_encode(&e, 0x0021, pl, sizeof pl, true, false, out, full), full);
    assert_int_equal(hdlc_encode(&e, 0x0021, NULL, 0, true, false, out, 7), 0);
    assert_true(hdlc_encode(&e, 0x0021, NULL, 0, true, false, out, sizeof out) > 0);
}

/* ---- header parsing ----------------------------------------------------- */

static void parse_header_forms(void **state)
{
    (void)state;
    uint16_t proto;
    const uint8_t *pl;
    size_t pll;
    const uint8_t full[] = { 0xff, 0x03, 0xc0, 0x21, 0x09 };
    assert_true(hdlc_parse_header(full, sizeof full, &proto, &pl, &pll));
    assert_int_equal(proto, 0xc021);
    assert_int_equal(pll, 1);
    assert_ptr_equal(pl, full + 4);
    const uint8_t noac[] = { 0x80, 0x21, 0x01, 0x02 };
    assert_true(hdlc_parse_header(noac, sizeof noac, &proto, &pl, &pll));
    assert_int_equal(proto, 0x8021);
    assert_int_equal(pll, 2);
    const uint8_t pfc[] = { 0xff, 0x03, 0x21, 0x45 };
    assert_true(hdlc_parse_header(pfc, sizeof pfc, &proto, &pl, &pll));
    assert_int_equal(proto, 0x0021);
    assert_int_equal(pll, 1);
    assert_int_equal(pl[0], 0x45);
    const uint8_t both[] = { 0x21 };
    assert_true(hdlc_parse_header(both, sizeof both, &proto, &pl, &pll));
    assert_int_equal(proto, 0x0021);
    assert_int_equal(pll, 0);
}

static void parse_header_rejects_malformed(void **state)
{
    (void)state;
    uint16_t proto;
    const uint8_t *pl;
    size_t pll;
    const uint8_t badctl[] = { 0xff, 0x13, 0xc0, 0x21 };
    assert_false(hdlc_parse_header(badctl, sizeof badctl, &proto, &pl, &pll));
    const uint8_t only_ac[] = { 0xff, 0x03 };
    assert_false(hdlc_parse_header(only_ac, sizeof only_ac, &proto, &pl, &pll));
    const uint8_t half_proto[] = { 0xff, 0x03, 0xc0 };
    assert_false(hdlc_parse_header(half_proto, sizeof half_proto, &proto, &pl, &pll));
    const uint8_t lone_ff[] = { 0xff };
    assert_false(hdlc_parse_header(lone_ff, sizeof lone_ff, &proto, &pl, &pll));
    const uint8_t even1[] = { 0xc0 };
    assert_false(hdlc_parse_header(even1, sizeof even1, &proto, &pl, &pll));
    assert_false(hdlc_parse_header(NULL, 0, &proto, &pl, &pll));
}

/* ---- decoder errors ----------------------------------------------------- */

/* Wire bytes for a frame with full header, protocol 0x0021 and payload. */
static size_t make_wire(uint8_t *out, size_t cap, const uint8_t *pl, size_t n, uint32_t accm)
{
    struct hdlc_encoder e;
    hdlc_encoder_init(&e);
    e.tx_accm = accm;
    return hdlc_encode(&e, 0x0021, pl, n, true, false, out, cap);
}

static void decode_abort_sequence(void **state)
{
    (void)state;
    const uint8_t pl[] = "abcdefgh";
    uint8_t in[128];
    size_t n = 0;
    const uint8_t aborted[] = { 0x7e, 0xff, 0x03, 0x00, 0x21, 0x41, 0x42, 0x7d, 0x7e };
    memcpy(in, aborted, sizeof aborted);
    n = sizeof aborted;
    n += make_wire(in + n, sizeof in - n, pl, 8, 0) ;
    struct hdlc_decoder d;
    struct got g = { 0 };
    new_decoder(&d);
    decode_all(&d, in, n, &g);
    assert_int_equal(d.stats.aborts, 1);
    assert_int_equal(g.n, 1);
    assert_int_equal(g.len[0], 12);
    assert_memory_equal(g.data[0] + 4, pl, 8);
    assert_int_equal(d.stats.fcs_errors + d.stats.runts + d.stats.too_long, 0);
}

static void decode_bad_fcs(void **state)
{
    (void)state;
    const uint8_t pl[] = "0123456789";
    uint8_t in[64];
    size_t n = make_wire(in, sizeof in, pl, 10, 0);
    in[7] ^= 0x01;                  /* flip a payload bit */
    struct hdlc_decoder d;
    struct got g = { 0 };
    new_decoder(&d);
    decode_all(&d, in, n, &g);
    assert_int_equal(g.n, 0);
    assert_int_equal(d.stats.fcs_errors, 1);
    assert_int_equal(d.stats.frames, 0);
}

static void decode_runt(void **state)
{
    (void)state;
    /* 3 bytes between flags: shorter than the minimal 4 (2 + FCS-16). */
    const uint8_t in[] = { 0x7e, 0x21, 0x01, 0x02, 0x7e, 0x7e, 0x01, 0x7e };
    struct hdlc_decoder d;
    struct got g = { 0 };
    new_decoder(&d);
    decode_all(&d, in, sizeof in, &g);
    assert_int_equal(g.n, 0);
    assert_int_equal(d.stats.runts, 2);
    assert_int_equal(d.stats.fcs_errors, 0);
}

static void decode_too_long_then_recovers(void **state)
{
    (void)state;
    static uint8_t pl[3000], in[2 * HDLC_ENCODED_MAX(3000)];
    fill_random(pl, sizeof pl);
    struct hdlc_decoder d;
    uint8_t small[HDLC_DECODER_STORAGE(100) + 32];
    memset(small, 0xa5, sizeof small);
    hdlc_decoder_init(&d, small, HDLC_DECODER_STORAGE(100), 100);
    hdlc_decoder_set_accm(&d, 0);
    /* 101-byte payload (over MRU 100), then a 100-byte one, then 3000 bytes. */
    size_t n = make_wire(in, sizeof in, pl, 101, 0);
    n += make_wire(in + n, sizeof in - n, pl, 100, 0);
    n += make_wire(in + n, sizeof in - n, pl, 3000, 0xffffffff);
    n += make_wire(in + n, sizeof in - n, pl + 5, 1, 0xffffffff);
    struct got g = { 0 };
    decode_all(&d, in, n, &g);
    assert_int_equal(d.stats.too_long, 2);
    assert_int_equal(g.n, 2);
    assert_int_equal(g.len[0], 104);
    assert_memory_equal(g.data[0] + 4, pl, 100);
    assert_int_equal(g.len[1], 5);
    assert_int_equal(g.data[1][4], pl[5]);
    for (size_t i = HDLC_DECODER_STORAGE(100); i < sizeof small; i++)
        assert_int_equal(small[i], 0xa5);
    assert_int_equal(d.stats.fcs_errors + d.stats.runts + d.stats.aborts, 0);
}

static void decode_storage_bounds_mru(void **state)
{
    (void)state;
    /* Storage smaller than the MRU asks for: frames beyond storage are "too
     * long", nothing is written past it, and shrinking the MRU mid-frame is safe. */
    uint8_t small[64 + 32], pl[200], in[HDLC_ENCODED_MAX(200)];
    memset(small, 0xa5, sizeof small);
    fill_random(pl, sizeof pl);
    struct hdlc_decoder d;
    hdlc_decoder_init(&d, small, 64, 1500);
    hdlc_decoder_set_accm(&d, 0);
    assert_int_equal(d.max_frame, 64);
    size_t n = make_wire(in, sizeof in, pl, 200, 0);
    struct got g = { 0 };
    decode_all(&d, in, n, &g);
    assert_int_equal(g.n, 0);
    assert_int_equal(d.stats.too_long, 1);
    for (size_t i = 64; i < sizeof small; i++)
        assert_int_equal(small[i], 0xa5);

    n = make_wire(in, sizeof in, pl, 40, 0);
    const uint8_t *p = in;
    size_t left = 30, fl;
    const uint8_t *fr;
    assert_false(hdlc_decode(&d, &p, &left, &fr, &fl));
    hdlc_decoder_set_mru(&d, 10);          /* frame so far is already past it */
    left = n - 30;
    assert_false(hdlc_decode(&d, &p, &left, &fr, &fl));
    assert_int_equal(d.stats.too_long, 2);
    hdlc_decoder_set_mru(&d, 1500);
    n = make_wire(in, sizeof in, pl, 50, 0);
    struct got g2 = { 0 };
    decode_all(&d, in, n, &g2);
    assert_int_equal(g2.n, 1);
    assert_memory_equal(g2.data[0] + 4, pl, 50);
}

static void decode_rx_accm_discards_controls(void **state)
{
    (void)state;
    const uint8_t pl[] = { 0x11, 0x41, 0x13, 0x42 };
    uint8_t enc[64], in[64];
    /* Peer escapes 0x11/0x13 (ACCM 0x000a0000); the link inserts raw XON/XOFF. */
    size_t n = make_wire(enc, sizeof enc, pl, sizeof pl, 0x000a0000);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        in[m++] = enc[i];
        if (i == 3 || i == 8)
            in[m++] = (i == 3) ? 0x11 : 0x13;
    }
    struct hdlc_decoder d;
    struct got g = { 0 };
    new_decoder(&d);
    hdlc_decoder_set_accm(&d, 0x000a0000);
    decode_all(&d, in, m, &g);
    assert_int_equal(g.n, 1);
    assert_int_equal(d.stats.ctrl_discarded, 2);
    assert_int_equal(g.len[0], 8);
    assert_memory_equal(g.data[0] + 4, pl, sizeof pl);   /* escaped ones kept */

    /* With rx ACCM 0 the inserted bytes stay and break the FCS. */
    struct got g0 = { 0 };
    new_decoder(&d);
    decode_all(&d, in, m, &g0);
    assert_int_equal(g0.n, 0);
    assert_int_equal(d.stats.fcs_errors, 1);
    assert_int_equal(d.stats.ctrl_discarded, 0);

    /* A raw discarded char between 0x7d and its byte does not end the escape. */
    uint8_t in2[80];
    n = make_wire(enc, sizeof enc, pl, sizeof pl, 0xffffffff);
    m = 0;
    for (size_t i = 0; i < n; i++) {
        in2[m++] = enc[i];
        if (enc[i] == 0x7d)
            in2[m++] = 0x13;
    }
    struct got g2 = { 0 };
    new_decoder(&d);
    hdlc_decoder_set_accm(&d, 0xffffffff);
    decode_all(&d, in2, m, &g2);
    assert_int_equal(g2.n, 1);
    assert_memory_equal(g2.data[0] + 4, pl, sizeof pl);
    assert_true(d.stats.ctrl_discarded >= 4);
}

static void decode_8bit_clean_bits(void **state)
{
    (void)state;
    struct hdlc_decoder d;
    const uint8_t *p, *fr;
    size_t left, fl;
    new_decoder(&d);
    assert_int_equal(d.rx_bits, 0);
    /* A 7-bit line: bit 7 always clear (e.g. "login:" text with both parities). */
    const uint8_t seven[] = "login: ppp\r\nPassword:";
    p = seven;
    left = sizeof seven - 1;
    while (left)
        hdlc_decode(&d, &p, &left, &fr, &fl);
    assert_int_equal(d.rx_bits, HDLC_RX_B7_0 | HDLC_RX_ODDP | HDLC_RX_EVNP);
    /* Only bytes with bit 7 set and odd parity (0x80, 0xc1 ...). */
    hdlc_decoder_clear_bits(&d);
    assert_int_equal(d.rx_bits, 0);
    const uint8_t odd_hi[] = { 0x80, 0xc1, 0x83, 0xfe };
    p = odd_hi;
    left = sizeof odd_hi;
    hdlc_decode(&d, &p, &left, &fr, &fl);
    assert_int_equal(d.rx_bits, HDLC_RX_B7_1 | HDLC_RX_ODDP);
    /* An 8-bit clean frame shows everything. */
    uint8_t pl[64], in[HDLC_ENCODED_MAX(64)];
    for (int i = 0; i < 64; i++)
        pl[i] = (uint8_t)(i * 5 + 0x60);
    size_t n = make_wire(in, sizeof in, pl, 64, 0);
    struct got g = { 0 };
    decode_all(&d, in, n, &g);
    assert_int_equal(d.rx_bits, HDLC_RX_B7_1 | HDLC_RX_B7_0 | HDLC_RX_ODDP | HDLC_RX_EVNP);
}

static void decode_back_to_back_and_extra_flags(void **state)
{
    (void)state;
    struct hdlc_encoder e;
    uint8_t in[512];
    size_t n = 0;
    hdlc_encoder_init(&e);
    in[n++] = 0x7e;
    in[n++] = 0x7e;                 /* empty frames between flags: ignored */
    for (int i = 0; i < 5; i++) {
        uint8_t pl[3] = { (uint8_t)i, (uint8_t)(i + 0x7d), 0x55 };
        /* only the first frame has an opening flag: each closing flag opens the next */
        n += hdlc_encode(&e, 0x0021, pl, sizeof pl, i == 0, false, in + n, sizeof in - n);
    }
    in[n++] = 0x7e;
    struct hdlc_decoder d;
    struct got g = { 0 };
    new_decoder(&d);
    decode_all(&d, in, n, &g);
    assert_int_equal(g.n, 5);
    for (int i = 0; i < 5; i++) {
        assert_int_equal(g.len[i], 7);
        assert_int_equal(g.data[i][4], i);
        assert_int_equal(g.data[i][5], i + 0x7d);
    }
    assert_int_equal(stats_errors(&d), 0);
}

static void decode_garbage_before_first_flag(void **state)
{
    (void)state;
    uint8_t in[128];
    const char *noise = "ATZ\r\nOK\r\nCONNECT 115200\r\n";
    size_t n = strlen(noise);
    memcpy(in, noise, n);
    const uint8_t pl[] = { 1, 2, 3 };
    n += make_wire(in + n, sizeof in - n, pl, 3, 0xffffffff);
    struct hdlc_decoder d;
    struct got g = { 0 };
    new_decoder(&d);
    decode_all(&d, in, n, &g);
    assert_int_equal(g.n, 1);
    assert_memory_equal(g.data[0] + 4, pl, 3);
    /* the text before the first flag is no frame: no error counted */
    assert_int_equal(stats_errors(&d), 0);
}

static void decode_escape_split_across_chunks(void **state)
{
    (void)state;
    const uint8_t pl[] = { 0x7e, 0x7d, 0x01, 0x7e };
    uint8_t in[64];
    size_t n = make_wire(in, sizeof in, pl, sizeof pl, 0xffffffff);
    struct hdlc_decoder d;
    new_decoder(&d);
    /* Feed one byte per call; the state (escape pending) must carry over. */
    size_t frames = 0;
    for (size_t i = 0; i < n; i++) {
        const uint8_t *p = in + i, *fr;
        size_t left = 1, fl;
        if (hdlc_decode(&d, &p, &left, &fr, &fl)) {
            frames++;
            assert_int_equal(fl, 8);
            assert_memory_equal(fr + 4, pl, sizeof pl);
        }
        assert_int_equal(left, 0);
    }
    assert_int_equal(frames, 1);
}

/* A call returns at each frame end, leaving the rest of the input. */
static void decode_returns_at_each_frame(void **state)
{
    (void)state;
    uint8_t in[128];
    const uint8_t a[] = { 0xaa }, b[] = { 0xbb, 0xbb };
    size_t n1 = make_wire(in, sizeof in, a, 1, 0);
    size_t n = n1 + make_wire(in + n1, sizeof in - n1, b, 2, 0);
    struct hdlc_decoder d;
    new_decoder(&d);
    const uint8_t *p = in, *fr;
    size_t left = n, fl;
    assert_true(hdlc_decode(&d, &p, &left, &fr, &fl));
    assert_int_equal(fl, 5);
    assert_int_equal(fr[4], 0xaa);
    assert_ptr_equal(p, in + n1);
    assert_int_equal(left, n - n1);
    assert_true(hdlc_decode(&d, &p, &left, &fr, &fl));
    assert_int_equal(fl, 6);
    assert_int_equal(left, 0);
    assert_false(hdlc_decode(&d, &p, &left, &fr, &fl));
    assert_int_equal(d.stats.bytes, n);
}

/* The bulk paths work on 16-byte blocks: put an escaped byte, an abort and
 * an escape whose byte is a flag at every offset of frames of many lengths. */
static void decode_specials_at_every_offset(void **state)
{
    (void)state;
    uint8_t pl[80], wire[HDLC_ENCODED_MAX(80) + 8];
    for (size_t len = 1; len <= sizeof pl; len++) {
        for (size_t at = 0; at < len; at++) {
            for (int i = 0; i < (int)len; i++)
                pl[i] = (uint8_t)(0x40 + i);
            pl[at] = (at & 1) ? 0x7d : 0x7e;
            size_t n = make_wire(wire, sizeof wire, pl, len, 0);
            struct hdlc_decoder d;
            struct got g = { 0 };
            new_decoder(&d);
            decode_all(&d, wire, n, &g);
            assert_int_equal(g.n, 1);
            assert_int_equal(g.len[0], 4 + len);
            assert_memory_equal(g.data[0] + 4, pl, len);

            /* Cut the frame after the escaped byte's 0x7d: abort there. */
            size_t esc = 5;
            while (wire[esc] != 0x7d)
                esc++;
            wire[esc + 1] = 0x7e;
            size_t m = make_wire(wire + esc + 2, sizeof wire - esc - 2, pl, len, 0);
            struct got g2 = { 0 };
            new_decoder(&d);
            decode_all(&d, wire, esc + 2 + m, &g2);
            assert_int_equal(d.stats.aborts, 1);
            assert_int_equal(g2.n, 1);
            assert_memory_equal(g2.data[0] + 4, pl, len);
        }
    }
}

/* Frames of every length around the MRU limit: accepted up to it, counted
 * as too long past it, with escapes (which shrink on decoding) near the end. */
static void decode_lengths_around_mru(void **state)
{
    (void)state;
    enum { MRU = 70 };
    uint8_t st[HDLC_DECODER_STORAGE(MRU) + 16], pl[MRU + 40], wire[HDLC_ENCODED_MAX(MRU + 40)];
    for (size_t len = MRU - 20; len <= MRU + 20; len++) {
        for (int v = 0; v < 2; v++) {
            for (size_t i = 0; i < len; i++)
                pl[i] = v ? (uint8_t)(0x7d + (i & 1)) : (uint8_t)(0x80 + i);
            memset(st, 0xa5, sizeof st);
            struct hdlc_decoder d;
            hdlc_decoder_init(&d, st, HDLC_DECODER_STORAGE(MRU), MRU);
            size_t n = make_wire(wire, sizeof wire, pl, len, 0xffffffff);
            struct got g = { 0 };
            decode_all(&d, wire, n, &g);
            if (len <= MRU) {
                assert_int_equal(g.n, 1);
                assert_memory_equal(g.data[0] + 4, pl, len);
            } else {
                assert_int_equal(g.n, 0);
                assert_int_equal(d.stats.too_long, 1);
            }
            for (size_t i = HDLC_DECODER_STORAGE(MRU); i < sizeof st; i++)
                assert_int_equal(st[i], 0xa5);
        }
    }
}

static void decoder_defaults_drop_raw_controls(void **state)
{
    (void)state;
    struct hdlc_decoder d;
    hdlc_decoder_init(&d, store, sizeof store, STORE_MRU);
    assert_int_equal(d.rx_accm, HDLC_DEFAULT_ACCM);
    assert_false(d.fcs32);
    assert_int_equal(d.max_frame, STORE_MRU + 4 + 2);
    /* The LCP vector with a raw XON inserted by the line still decodes. */
    uint8_t in[sizeof lcp_confreq_wire + 1];
    memcpy(in, lcp_confreq_wire, 10);
    in[10] = 0x11;
    memcpy(in + 11, lcp_confreq_wire + 10, sizeof lcp_confreq_wire - 10);
    struct got g = { 0 };
    decode_all(&d, in, sizeof in, &g);
    assert_int_equal(g.n, 1);
    assert_memory_equal(g.data[0], lcp_confreq, sizeof lcp_confreq);
    assert_int_equal(d.stats.ctrl_discarded, 1);
}

/* RFC 1662 4.2: whatever follows 0x7d is XORed with 0x20, so 0x7d 0x7d is
 * 0x5d (what an encoder told to escape 0x5d sends). */
static void escaped_escape_is_0x5d(void **state)
{
    (void)state;
    struct hdlc_encoder e;
    const uint8_t pl[] = { 0x5d, 0x41, 0x5d, 0x5d };
    uint8_t out[64];
    hdlc_encoder_init(&e);
    e.tx_accm = 0;
    assert_true(hdlc_encoder_escape_byte(&e, 0x5d));
    size_t n = hdlc_encode(&e, 0x0021, pl, sizeof pl, true, false, out, sizeof out);
    const uint8_t want[] = { 0x7e, 0xff, 0x03, 0x00, 0x21, 0x7d, 0x7d, 0x41,
                             0x7d, 0x7d, 0x7d, 0x7d };
    assert_memory_equal(out, want, sizeof want);
    struct hdlc_decoder d;
    struct got g = { 0 };
    new_decoder(&d);
    decode_all(&d, out, n, &g);
    assert_int_equal(g.n, 1);
    assert_int_equal(g.len[0], 8);
    assert_memory_equal(g.data[0] + 4, pl, sizeof pl);
}

/* ---- round trips -------------------------------------------------------- */

struct rt_cfg {
    uint32_t accm;
    bool fcs32;
    bool extra;
    int max_chunk;
};

static void roundtrip_random(const struct rt_cfg *c, int frames)
{
    static uint8_t pl[1000][STORE_MRU];
    static size_t pll[1000];
    static uint16_t protos[1000];
    static uint8_t wire[1000 * 64 + 1000 * (size_t)HDLC_ENCODED_MAX(STORE_MRU)];
    struct hdlc_encoder e;
    hdlc_encoder_init(&e);
    e.tx_accm = c->accm;
    e.fcs32 = c->fcs32;
    if (c->extra) {
        hdlc_encoder_escape_byte(&e, 0xff);
        hdlc_encoder_escape_byte(&e, 0x91);
        hdlc_encoder_escape_byte(&e, 0x93);
    }
    size_t n = 0;
    assert_true(frames <= 1000);
    for (int i = 0; i < frames; i++) {
        /* mostly short frames, some near the MRU, some empty */
        uint32_t r = rnd();
        pll[i] = (r & 3) == 0 ? STORE_MRU - (rnd() % 64) : rnd() % 200;
        fill_random(pl[i], pll[i]);
        if (rnd() % 4 == 0)                  /* runs of bytes that need escaping */
            memset(pl[i], (int)(0x7d + (rnd() & 1)), pll[i] / 3);
        protos[i] = (uint16_t)(rnd() % 2 ? 0x0021 : 0xc021);
        if (rnd() % 8 == 0)                  /* line noise between frames */
            wire[n++] = 0x7e;
        size_t w = hdlc_encode(&e, protos[i], pl[i], pll[i], rnd() % 2 || i == 0, false,
                               wire + n, sizeof wire - n);
        assert_true(w > 0);
        n += w;
    }
    struct hdlc_decoder d;
    new_decoder(&d);
    hdlc_decoder_set_fcs32(&d, c->fcs32);
    hdlc_decoder_set_accm(&d, c->accm);
    int got = 0;
    size_t pos = 0;
    while (pos < n) {
        size_t chunk = 1 + rnd() % (uint32_t)c->max_chunk;
        if (rnd() % 4 == 0)
            chunk = 1;                       /* runs of 1-byte chunks */
        if (chunk > n - pos)
            chunk = n - pos;
        const uint8_t *p = wire + pos, *fr;
        size_t left = chunk, fl;
        while (left > 0) {
            if (hdlc_decode(&d, &p, &left, &fr, &fl)) {
                uint16_t proto;
                const uint8_t *payload;
                size_t plen;
                assert_true(got < frames);
                assert_true(hdlc_parse_header(fr, fl, &proto, &payload, &plen));
                assert_int_equal(proto, protos[got]);
                assert_int_equal(plen, pll[got]);
                if (plen)
                    assert_memory_equal(payload, pl[got], plen);
                got++;
            }
        }
        pos += chunk;
    }
    assert_int_equal(got, frames);
    assert_int_equal(d.stats.frames, (uint64_t)frames);
    assert_int_equal(stats_errors(&d), 0);
    assert_int_equal(d.stats.bytes, n);
}

static void roundtrip_1000_frames_random_chunks_accm0(void **state)
{
    (void)state;
    struct rt_cfg c = { .accm = 0, .max_chunk = 3000 };
    roundtrip_random(&c, 1000);
}

static void roundtrip_1000_frames_random_chunks_accm_all(void **state)
{
    (void)state;
    struct rt_cfg c = { .accm = 0xffffffff, .max_chunk = 100 };
    roundtrip_random(&c, 1000);
}

static void roundtrip_partial_accm_and_extra_escapes(void **state)
{
    (void)state;
    struct rt_cfg c = { .accm = 0x000a0001, .extra = true, .max_chunk = 700 };
    roundtrip_random(&c, 300);
}

static void roundtrip_fcs32(void **state)
{
    (void)state;
    struct rt_cfg c = { .accm = 0xffffffff, .fcs32 = true, .max_chunk = 2000 };
    roundtrip_random(&c, 300);
}

/* Any single flipped bit in a frame is caught by the FCS (or framing). */
static void decode_detects_every_single_bit_error(void **state)
{
    (void)state;
    uint8_t pl[40], wire[HDLC_ENCODED_MAX(40)], bad[sizeof wire];
    fill_random(pl, sizeof pl);
    size_t n = make_wire(wire, sizeof wire, pl, sizeof pl, 0);
    for (size_t i = 1; i + 1 < n; i++) {
        for (int b = 0; b < 8; b++) {
            memcpy(bad, wire, n);
            bad[i] ^= (uint8_t)(1u << b);
            struct hdlc_decoder d;
            struct got g = { 0 };
            new_decoder(&d);
            decode_all(&d, bad, n, &g);
            assert_int_equal(g.n, 0);
            assert_true(stats_errors(&d) >= 1);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fcs16_check_value),
        cmocka_unit_test(fcs32_check_value),
        cmocka_unit_test(fcs_tables_match_bitwise),
        cmocka_unit_test(encode_lcp_confreq_default_accm),
        cmocka_unit_test(decode_lcp_confreq_default_accm),
        cmocka_unit_test(encode_decode_lcp_fcs32),
        cmocka_unit_test(encode_accm0_escapes_only_flag_and_escape),
        cmocka_unit_test(encode_accm_all_escapes_every_control),
        cmocka_unit_test(encode_partial_accm_xon_xoff),
        cmocka_unit_test(encode_extra_escape_map),
        cmocka_unit_test(encode_many_extra_escapes),
        cmocka_unit_test(encode_acfc_pfc),
        cmocka_unit_test(encode_output_too_small),
        cmocka_unit_test(parse_header_forms),
        cmocka_unit_test(parse_header_rejects_malformed),
        cmocka_unit_test(decode_abort_sequence),
        cmocka_unit_test(decode_bad_fcs),
        cmocka_unit_test(decode_runt),
        cmocka_unit_test(decode_too_long_then_recovers),
        cmocka_unit_test(decode_storage_bounds_mru),
        cmocka_unit_test(decode_rx_accm_discards_controls),
        cmocka_unit_test(decode_8bit_clean_bits),
        cmocka_unit_test(decode_back_to_back_and_extra_flags),
        cmocka_unit_test(decode_garbage_before_first_flag),
        cmocka_unit_test(decode_escape_split_across_chunks),
        cmocka_unit_test(decode_returns_at_each_frame),
        cmocka_unit_test(decoder_defaults_drop_raw_controls),
        cmocka_unit_test(escaped_escape_is_0x5d),
        cmocka_unit_test(decode_specials_at_every_offset),
        cmocka_unit_test(decode_lengths_around_mru),
        cmocka_unit_test(roundtrip_1000_frames_random_chunks_accm0),
        cmocka_unit_test(roundtrip_1000_frames_random_chunks_accm_all),
        cmocka_unit_test(roundtrip_partial_accm_and_extra_escapes),
        cmocka_unit_test(roundtrip_fcs32),
        cmocka_unit_test(decode_detects_every_single_bit_error),
    };
    return cmocka_run_group_tests_name("hdlc", tests, NULL, NULL);
}
