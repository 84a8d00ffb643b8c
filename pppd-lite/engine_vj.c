/* engine_vj: VJ header compression between the engine and IPCP's vj_link.
 * IPCP negotiates it and owns the state; the engine's data path sends
 * through it and delivers what it rebuilds. */
#include <stdio.h>

#include "pppd-lite/engine.h"
#include "pppd-lite/engine_priv.h"

bool engine_vj_input(struct engine *e, uint16_t protocol, const uint8_t *payload, size_t len)
{
    struct ipcp *ip = &e->ipcp;
    const uint8_t *pkt;
    size_t n;

    if (!ip->up || !ip->vj.rx_on)
        return false;
    if (vj_link_recv(&ip->vj, protocol, payload, len, &pkt, &n))
        engine_deliver(e, true, e->env.ip_input, pkt, n);
    else
        e->cnt.rx_ip_dropped++;
    return true;
}

uint16_t engine_ip_compress(struct engine *e, const uint8_t **pkt, size_t *len)
{
    if (!e->ipcp.up)
        return PPP_PROTO_IP;
    return vj_link_send(&e->ipcp.vj, pkt, len);
}

void engine_line_error(struct engine *e)
{
    vj_link_lost(&e->ipcp.vj);
}

void engine_vj_summary(const struct engine *e, char *buf, size_t cap)
{
    vj_link_summary(&e->ipcp.vj, buf, cap);
}
