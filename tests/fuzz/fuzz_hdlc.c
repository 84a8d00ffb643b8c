/* libFuzzer target for common/hdlc's decoder and encoder.
 *
 * The first byte picks the configuration (FCS size, rx ACCM, MRU); the rest
 * is fed to the decoder in chunks whose sizes come from the input bytes
 * themselves. Every delivered frame must fit the MRU limit, and, when its
 * header parses, re-encoding it with the matching compression and ACCM and
 * decoding that again must give back exactly the same frame. Then the input
 * itself is encoded as a payload (ACCM, escape map and compression from the
 * first bytes) and decoded in input-sized chunks: it must come back intact. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/hdlc.h"

#define MAX_MRU 1500

static uint8_t store[HDLC_DECODER_STORAGE(MAX_MRU)];
static uint8_t store2[HDLC_DECODER_STORAGE(MAX_MRU)];
static uint8_t wire[HDLC_ENCODED_MAX(MAX_MRU + 8)];

static void check_reencode(const struct hdlc_decoder *d, const uint8_t *fr, size_t fl)
{
    uint16_t proto;
    const uint8_t *pl;
    size_t pll;
    if (!hdlc_parse_header(fr, fl, &proto, &pl, &pll))
        return;
    size_t hdr = fl - pll;
    bool has_ac = fr[0] == HDLC_ALLSTATIONS;
    struct hdlc_encoder e;
    hdlc_encoder_init(&e);
    e.tx_accm = d->rx_accm;
    e.fcs32 = d->fcs32;
    e.acfc = !has_ac;
    e.pfc = hdr == (has_ac ? 3u : 1u);
    size_t n = hdlc_encode(&e, proto, pl, pll, true, true, wire, sizeof wire);
    if (n == 0)
        abort();

    struct hdlc_decoder d2;
    hdlc_decoder_init(&d2, store2, sizeof store2, d->mru);
    hdlc_decoder_set_accm(&d2, d->rx_accm);
    hdlc_decoder_set_fcs32(&d2, d->fcs32);
    const uint8_t *p = wire, *fr2;
    size_t left = n, fl2;
    if (!hdlc_decode(&d2, &p, &left, &fr2, &fl2))
        abort();
    if (left != 0 || fl2 != fl || memcmp(fr2, fr, fl) != 0)
        abort();
}

/* Encode data as one payload and decode it back in chunks of 1..64 bytes. */
static void check_payload_roundtrip(const uint8_t *data, size_t size, uint8_t cfg,
                                    uint32_t accm)
{
    size_t len = size > MAX_MRU ? MAX_MRU : size;
    /* RFC 1661 2: valid protocols have an even high and an odd low byte */
    uint16_t proto = len >= 2 ? (uint16_t)((data[0] & 0xfe) << 8 | data[1] | 1) : 0x0021;
    struct hdlc_encoder e;
    hdlc_encoder_init(&e);
    e.tx_accm = accm;
    e.fcs32 = cfg & 1;
    e.acfc = cfg & 0x10;
    e.pfc = cfg & 0x20;
    /* one extra escaped byte, or up to 6 (past the SIMD scan's 4) */
    for (size_t i = 2; i < len && i < ((cfg & 0x80) ? 8u : 3u); i++)
        hdlc_encoder_escape_byte(&e, data[i]);
    size_t n = hdlc_encode(&e, proto, data, len, true, cfg & 0x40, wire, sizeof wire);
    if (n == 0 || n > HDLC_ENCODED_MAX(len))
        abort();
    if (n > 1 && hdlc_encode(&e, proto, data, len, true, cfg & 0x40, wire, n - 1) != 0)
        abort();

    struct hdlc_decoder d;
    hdlc_decoder_init(&d, store2, sizeof store2, MAX_MRU);
    hdlc_decoder_set_accm(&d, accm);
    hdlc_decoder_set_fcs32(&d, e.fcs32);
    size_t pos = 0, frames = 0;
    while (pos < n) {
        size_t chunk = len ? (size_t)(data[pos % len] & 0x3f) + 1 : n;
        if (chunk > n - pos)
            chunk = n - pos;
        const uint8_t *p = wire + pos, *fr, *pl;
        size_t left = chunk, fl, pll;
        uint16_t got;
        while (left > 0) {
            if (!hdlc_decode(&d, &p, &left, &fr, &fl))
                continue;
            frames++;
            if (!hdlc_parse_header(fr, fl, &got, &pl, &pll) || got != proto ||
                pll != len || memcmp(pl, data, len) != 0)
                abort();
        }
        pos += chunk;
    }
    /* A 1-byte frame (compressed header, no payload) is a runt by design. */
    bool runt = len == 0 && e.acfc && e.pfc && (cfg & 0x40) && proto == 0x0021;
    if (frames != (runt ? 0u : 1u) || d.stats.runts != (runt ? 1u : 0u))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    uint8_t cfg = data[0];
    static const uint32_t accms[4] = { 0, 0xffffffffu, 0x000a0000u, 0x80000001u };
    struct hdlc_decoder d;
    size_t mru = (cfg & 8) ? 40 : MAX_MRU;
    hdlc_decoder_init(&d, store, sizeof store, mru);
    hdlc_decoder_set_fcs32(&d, cfg & 1);
    hdlc_decoder_set_accm(&d, accms[(cfg >> 1) & 3]);

    size_t pos = 1;
    while (pos < size) {
        size_t chunk = (size_t)(data[pos] & 0x3f) + 1;
        if (chunk > size - pos)
            chunk = size - pos;
        const uint8_t *p = data + pos, *fr;
        size_t left = chunk, fl;
        while (left > 0) {
            if (hdlc_decode(&d, &p, &left, &fr, &fl)) {
                if (fl + (d.fcs32 ? 4 : 2) > d.max_frame)
                    abort();
                check_reencode(&d, fr, fl);
            }
        }
        pos += chunk;
    }
    if (d.stats.bytes != size - 1 || d.len > d.max_frame)
        abort();
    check_payload_roundtrip(data + 1, size - 1, cfg, accms[(cfg >> 1) & 3]);
    return 0;
}
