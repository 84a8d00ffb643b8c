/* vjhdr: read and write the IPv4 + TCP headers that RFC 1144 slots hold.
 * Layouts: RFC 791 3.1 (IPv4), RFC 9293 3.1 (TCP). */
#include "vj.h"
#include "vjhdr.h"

#include <string.h>

#include "common/buf.h"

/* RFC 1071: the one's complement sum of the header's 16-bit words. */
static uint16_t ip_checksum(const uint8_t *p, size_t len)
{
    uint32_t sum = 0;
    for (size_t i = 0; i + 1 < len; i += 2)
        sum += (uint32_t)(p[i] << 8 | p[i + 1]);
    while (sum > 0xffff)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

size_t vjhdr_len(const struct vj_hdr *h)
{
    return 40u + h->ipopt_len + h->tcpopt_len;
}

bool vjhdr_parse_ip(struct buf_reader *r, struct vj_hdr *h)
{
    h->vhl = buf_get_u8(r);
    h->tos = buf_get_u8(r);
    h->len = buf_get_u16(r);
    h->id = buf_get_u16(r);
    h->frag = buf_get_u16(r);
    h->ttl = buf_get_u8(r);
    h->proto = buf_get_u8(r);
    (void)buf_get_u16(r);           /* IP checksum: recomputed on output */
    h->src = buf_get_u32(r);
    h->dst = buf_get_u32(r);
    if (!buf_reader_ok(r) || (h->vhl >> 4) != 4 || (h->vhl & 15) < 5)
        return false;
    h->ipopt_len = (uint8_t)((h->vhl & 15) * 4 - 20);
    return buf_get_bytes(r, h->ipopt, h->ipopt_len);
}

bool vjhdr_parse_tcp(struct buf_reader *r, struct vj_hdr *h)
{
    h->sport = buf_get_u16(r);
    h->dport = buf_get_u16(r);
    h->seq = buf_get_u32(r);
    h->ack = buf_get_u32(r);
    h->off = buf_get_u8(r);
    h->flags = buf_get_u8(r);
    h->win = buf_get_u16(r);
    h->csum = buf_get_u16(r);
    h->urp = buf_get_u16(r);
    if (!buf_reader_ok(r) || (h->off >> 4) < 5)
        return false;
    h->tcpopt_len = (uint8_t)((h->off >> 4) * 4 - 20);
    return buf_get_bytes(r, h->tcpopt, h->tcpopt_len);
}

bool vjhdr_write(struct buf_writer *w, const struct vj_hdr *h)
{
    size_t start = buf_writer_len(w);
    buf_put_u8(w, h->vhl);
    buf_put_u8(w, h->tos);
    buf_put_u16(w, h->len);
    buf_put_u16(w, h->id);
    buf_put_u16(w, h->frag);
    buf_put_u8(w, h->ttl);
    buf_put_u8(w, h->proto);
    buf_put_u16(w, 0);
    buf_put_u32(w, h->src);
    buf_put_u32(w, h->dst);
    buf_put_bytes(w, h->ipopt, h->ipopt_len);
    if (!buf_writer_ok(w))
        return false;
    const uint8_t *ip = w->data + start;
    size_t iplen = 20u + h->ipopt_len;
    buf_patch_u16(w, start + 10, ip_checksum(ip, iplen));
    buf_put_u16(w, h->sport);
    buf_put_u16(w, h->dport);
    buf_put_u32(w, h->seq);
    buf_put_u32(w, h->ack);
    buf_put_u8(w, h->off);
    buf_put_u8(w, h->flags);
    buf_put_u16(w, h->win);
    buf_put_u16(w, h->csum);
    buf_put_u16(w, h->urp);
    buf_put_bytes(w, h->tcpopt, h->tcpopt_len);
    return buf_writer_ok(w);
}
