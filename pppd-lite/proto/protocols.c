/* protocols: the one list of the protocols the engine runs, and the shared
 * operations of the ones built on the fsm. */
#include "protocol.h"

#include "pppd-lite/proto/chap.h"
#include "pppd-lite/proto/fsm.h"
#include "pppd-lite/proto/ipcp.h"
#include "pppd-lite/proto/ipv6cp.h"
#include "pppd-lite/proto/lcp.h"
#include "pppd-lite/proto/pap.h"

/* LCP first: it carries the link. Timers run in this order. */
const struct protocol *const protocols[] = {
    &lcp_protocol,
    &ipcp_protocol,
    &ipv6cp_protocol,
    &pap_protocol,
    &chap_protocol,
};
const size_t protocols_count = sizeof(protocols) / sizeof(protocols[0]);
_Static_assert(sizeof(protocols) / sizeof(protocols[0]) <= PROTO_MAX, "raise PROTO_MAX");

const struct protocol *proto_find(uint16_t protocol)
{
    for (size_t i = 0; i < protocols_count; i++)
        if (protocols[i]->protocol == protocol)
            return protocols[i];
    return NULL;
}

const struct protocol *proto_find_data(uint16_t data_protocol)
{
    for (size_t i = 0; i < protocols_count; i++)
        if (data_protocol != 0 && protocols[i]->data_protocol == data_protocol)
            return protocols[i];
    return NULL;
}

bool proto_enabled(const struct protocol *p, const struct engine_settings *s)
{
    return p->enabled == NULL || p->enabled(s);
}

void proto_fsm_lower_up(void *st, uint64_t now)
{
    fsm_lowerup(st, now);
}

void proto_fsm_lower_down(void *st, uint64_t now)
{
    struct fsm *f = st;

    if (f->state != FSM_INITIAL)
        fsm_lowerdown(f, now);
}

void proto_fsm_open(void *st, uint64_t now)
{
    fsm_open(st, now);
}

void proto_fsm_close(void *st, uint64_t now, const char *reason)
{
    struct fsm *f = st;

    if (f->state != FSM_INITIAL)
        fsm_close(f, now, reason);
}

void proto_fsm_timeout(void *st, uint64_t now)
{
    fsm_timeout(st, now);
}

uint64_t proto_fsm_deadline(const void *st)
{
    return fsm_deadline(st);
}

void proto_fsm_input(struct fsm *f, struct engine_counters *cnt, uint64_t now, const uint8_t *p,
                     size_t len)
{
    uint64_t m = f->malformed, u = f->unexpected;

    fsm_input(f, now, p, len);
    cnt->rx_malformed += f->malformed - m;
    cnt->rx_unexpected += f->unexpected - u;
}
