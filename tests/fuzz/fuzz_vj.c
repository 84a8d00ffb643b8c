/* libFuzzer target for pppd-lite/vj: the decompressor fed a sequence of
 * frames with its slots carried from frame to frame. The first byte picks
 * the number of slots; then each frame is [kind][len_hi][len_lo][bytes],
 * kind bit 0 choosing 0x2d or 0x2f and bit 1 reporting a lost frame first;
 * with bit 2 the bytes are instead a packet from the TUN for the second
 * compressor, which must come back from its decompressor as it went in
 * (but for the IP header checksum, which is rebuilt).
 * Checked: a rebuilt packet fits its bound, carries its own length and a
 * valid IP header checksum, and goes through a second compressor and
 * decompressor pair unchanged (the compressor's round trip on whatever
 * headers the fuzzer can make). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pppd-lite/datapath/gso.h"
#include "pppd-lite/proto/vj.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct vj_decomp dec, dec2;
static struct vj_comp comp2;
static uint8_t out[65536 + VJ_MAX_HDR];
static uint8_t frame2[65536 + VJ_MAX_HDR];
static uint8_t again[65536 + VJ_MAX_HDR];

/* The second pair on an arbitrary packet: equal but for bytes 10-11. */
static void raw_round_trip(const uint8_t *pkt, size_t len)
{
    size_t flen = 0, n = 0;
    uint16_t proto = vj_compress(&comp2, pkt, len, frame2, sizeof frame2, &flen);
    if (proto == VJ_PROTO_IP)
        return;
    if (flen > len)
        abort();
    if (vj_uncompress(&dec2, proto, frame2, flen, again, sizeof again, &n) != VJ_OK)
        abort();
    if (n != len || len < 20 || memcmp(again, pkt, 10) != 0 ||
        memcmp(again + 12, pkt + 12, len - 12) != 0)
        abort();
}

static void round_trip(const uint8_t *pkt, size_t len)
{
    size_t flen = 0, n = 0;
    uint16_t proto = vj_compress(&comp2, pkt, len, frame2, sizeof frame2, &flen);
    if (proto == VJ_PROTO_IP)
        return;
    if (flen > len)
        abort();
    if (vj_uncompress(&dec2, proto, frame2, flen, again, sizeof again, &n) != VJ_OK)
        abort();
    if (n != len || memcmp(again, pkt, len) != 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned slots = 1u + data[0];
    struct vj_stats st = { 0 }, st2 = { 0 };
    vj_decomp_init(&dec, slots, &st);
    vj_decomp_init(&dec2, slots, &st2);
    vj_comp_init(&comp2, slots, data[0] & 1, &st2);
    size_t pos = 1;
    while (pos + 3 <= size) {
        uint8_t kind = data[pos];
        size_t n = (size_t)data[pos + 1] << 8 | data[pos + 2];
        pos += 3;
        if (n > size - pos)
            n = size - pos;
        if (kind & 4) {
            raw_round_trip(data + pos, n);
            pos += n;
            continue;
        }
        if (kind & 2)
            vj_decomp_lost(&dec);
        uint16_t proto = kind & 1 ? VJ_PROTO_UNCOMP : VJ_PROTO_COMP;
        size_t olen = 0;
        if (vj_uncompress(&dec, proto, data + pos, n, out, sizeof out, &olen) == VJ_OK) {
            if (olen > n + VJ_MAX_HDR || olen < 40 || olen != ((size_t)out[2] << 8 | out[3]))
                abort();
            size_t ihl = (size_t)(out[0] & 15) * 4;
            if (gso_csum_fold(gso_csum_add(0, out, ihl)) != 0xffff)
                abort();
            round_trip(out, olen);
        }
        pos += n;
    }
    return 0;
}
