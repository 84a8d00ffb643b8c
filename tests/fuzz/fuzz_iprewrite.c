/* libFuzzer target for pppd-lite/datapath/iprewrite: any bytes as a queued
 * datagram. The first 8 bytes are the old and new source addresses, the rest
 * the packet. Checked: nothing beyond the header's own length is written, a
 * refused or untouched packet is unchanged, a rewritten one carries the new
 * source, an IP header checksum that was right stays right, and the
 * description is a terminated string of at most its buffer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pppd-lite/datapath/iprewrite.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t pkt[65536], before[65536];

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint16_t header_sum(const uint8_t *p, size_t hlen)
{
    uint32_t sum = 0;
    for (size_t i = 0; i + 1 < hlen; i += 2)
        sum += (uint32_t)(p[i] << 8 | p[i + 1]);
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 8 || size - 8 > sizeof pkt)
        return 0;
    uint32_t old_src = get32(data), new_src = get32(data + 4);
    size_t n = size - 8;
    memcpy(pkt, data + 8, n);
    memcpy(before, pkt, n);
    size_t hlen = n >= 1 ? (size_t)(pkt[0] & 15) * 4 : 0;
    int sum_ok = n >= 20 && hlen >= 20 && hlen <= n && header_sum(pkt, hlen) == 0;

    enum iprewrite_result r = iprewrite_source(pkt, n, old_src, new_src);
    if (r != IPREWRITE_DONE && memcmp(pkt, before, n) != 0)
        abort();
    if (r == IPREWRITE_DONE) {
        size_t total = (size_t)pkt[2] << 8 | pkt[3];
        if (total > n || hlen < 20 || get32(pkt + 12) != new_src)
            abort();
        if (n > total && memcmp(pkt + total, before + total, n - total) != 0)
            abort();                    /* wrote past the datagram */
        if (sum_ok && header_sum(pkt, hlen) != 0)
            abort();
    }
    char s[64];
    memset(s, 'x', sizeof s);
    iprewrite_describe(pkt, n, s, sizeof s);
    if (memchr(s, '\0', sizeof s) == NULL)
        abort();
    iprewrite_describe(pkt, n, s, 1);
    if (s[0] != '\0')
        abort();
    return 0;
}
