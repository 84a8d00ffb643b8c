/* libFuzzer target for pppd-lite/gso: the TCP segmenter (packets from the
 * TUN with a virtio header) and the merger (packets from the line, i.e. from
 * the peer). The first byte picks the path and the MRU; the rest is a list
 * of packets [len_hi][len_lo][bytes]. Checked on the way: no segment larger
 * than the MRU, a bounded number of segments, merged packets no larger than
 * GSO_MAX_PACKET, never more bytes or packets out of the merger than went in,
 * and a merged super-packet segmented again gives back the merged payload. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pppd-lite/datapath/gso.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t pktbuf[GSO_VNET_HDR_LEN + GSO_MAX_PACKET];
static uint8_t segbuf[GSO_MAX_PACKET];
static uint8_t grobuf[GSO_MAX_PACKET];
static uint8_t resegbuf[GSO_VNET_HDR_LEN + GSO_MAX_PACKET];

struct sink {
    size_t bytes, packets;
    struct gso_stats st;
};

static size_t run_segmenter(uint8_t *buf, size_t len, size_t mtu, struct gso_stats *st)
{
    struct gso_seg s;
    const uint8_t *p;
    size_t n, total = 0, count = 0;
    if (gso_seg_begin(&s, buf, len, mtu, st) != GSO_OK)
        return 0;
    while ((n = gso_seg_next(&s, segbuf, sizeof segbuf, &p)) != 0) {
        if (n > mtu || p == NULL)
            abort();
        total += n;
        if (++count > GSO_MAX_PACKET)
            abort();                /* must end: at least one payload byte each */
    }
    return total;
}

/* A merged super-packet must segment again without a drop or overflow. */
static void merged_out(void *ctx, const struct virtio_net_hdr *h, const uint8_t *pkt, size_t len)
{
    struct sink *k = ctx;
    if (len > GSO_MAX_PACKET)
        abort();
    k->bytes += len;
    k->packets++;
    if (h->gso_type == VIRTIO_NET_HDR_GSO_NONE)
        return;
    memcpy(resegbuf, h, GSO_VNET_HDR_LEN);
    memcpy(resegbuf + GSO_VNET_HDR_LEN, pkt, len);
    if (run_segmenter(resegbuf, GSO_VNET_HDR_LEN + len, h->hdr_len + (size_t)h->gso_size,
                      &k->st) < len)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    bool merge = data[0] & 1;
    size_t mtu = 64 + (size_t)(data[0] >> 1) * 128;     /* 64 .. 16320 */
    struct sink k;
    memset(&k, 0, sizeof k);
    struct gso_gro g;
    gso_gro_init(&g, grobuf, sizeof grobuf, &k.st);
    size_t pos = 1, in_bytes = 0, in_packets = 0;
    while (pos + 2 <= size) {
        size_t n = (size_t)data[pos] << 8 | data[pos + 1];
        pos += 2;
        if (n > size - pos)
            n = size - pos;
        if (merge) {
            gso_gro_input(&g, data + pos, n, merged_out, &k);
            in_bytes += n;
            in_packets++;
        } else if (n <= sizeof pktbuf) {
            memcpy(pktbuf, data + pos, n);      /* the segmenter works in place */
            run_segmenter(pktbuf, n, mtu, &k.st);
        }
        pos += n;
    }
    if (merge) {
        gso_gro_flush(&g, merged_out, &k);
        if (k.bytes > in_bytes || k.packets > in_packets)
            abort();
    }
    return 0;
}
