/* libFuzzer target for common/hdlc's decoder.
 *
 * The first byte picks the configuration (FCS size, rx ACCM, MRU); the rest
 * is fed to the decoder in chunks whose sizes come from the input bytes
 * themselves. Every delivered frame must fit the MRU limit, and, when its
 * header parses, re-encoding it with the matching compression and ACCM and
 * decoding that again must give back exactly the same frame. */
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
    return 0;
}
