/* vjlink: VJ compression on the IPv4 datapath (see vjlink.h). */
#include "vjlink.h"

#include <stdio.h>
#include <string.h>

#include "common/log.h"

void vj_link_reset(struct vj_link *l)
{
    memset(&l->st, 0, sizeof l->st);
    l->tx_on = l->rx_on = l->used = false;
}

void vj_link_up(struct vj_link *l, const struct vj_opt *tx, const struct vj_opt *rx)
{
    l->tx_on = tx->neg;
    l->rx_on = rx->neg;
    l->used = l->used || l->tx_on || l->rx_on;
    if (l->tx_on)
        vj_comp_init(&l->comp, tx->maxslot + 1u, tx->cflag, &l->st);
    if (l->rx_on)
        vj_decomp_init(&l->dec, rx->maxslot + 1u, &l->st);
}

void vj_link_down(struct vj_link *l)
{
    l->tx_on = l->rx_on = false;
}

uint16_t vj_link_send(struct vj_link *l, const uint8_t **pkt, size_t *len)
{
    if (!l->tx_on)
        return VJ_PROTO_IP;
    size_t n;
    uint16_t proto = vj_compress(&l->comp, *pkt, *len, l->txbuf, sizeof l->txbuf, &n);
    if (proto != VJ_PROTO_IP) {
        *pkt = l->txbuf;
        *len = n;
    }
    return proto;
}

bool vj_link_recv(struct vj_link *l, uint16_t proto, const uint8_t *frame, size_t len,
                  const uint8_t **pkt, size_t *pktlen)
{
    if (!l->rx_on)
        return false;
    enum vj_result r = vj_uncompress(&l->dec, proto, frame, len, l->rxbuf, sizeof l->rxbuf,
                                     pktlen);
    if (r == VJ_OK) {
        *pkt = l->rxbuf;
        return true;
    }
    if (r != VJ_TOSSED)
        log_debug("VJ: dropped a %zu-byte %s frame: %s", len,
                  proto == VJ_PROTO_COMP ? "compressed" : "uncompressed", vj_result_str(r));
    return false;
}

void vj_link_lost(struct vj_link *l)
{
    if (l->rx_on)
        vj_decomp_lost(&l->dec);
}

void vj_link_summary(const struct vj_link *l, char *buf, size_t cap)
{
    const struct vj_stats *s = &l->st;
    if (!l->used) {
        if (cap)
            buf[0] = '\0';
        return;
    }
    snprintf(buf, cap,
             "VJ: sent %llu compressed, %llu uncompressed, %llu TCP as IP (%llu searches, "
             "%llu misses); received %llu compressed, %llu uncompressed, %llu tossed, %llu errors",
             (unsigned long long)s->out_compressed, (unsigned long long)s->out_uncompressed,
             (unsigned long long)s->out_tcp_ip, (unsigned long long)s->searches,
             (unsigned long long)s->misses, (unsigned long long)s->in_compressed,
             (unsigned long long)s->in_uncompressed, (unsigned long long)s->in_tossed,
             (unsigned long long)s->in_errors);
}
