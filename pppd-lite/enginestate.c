/* enginestate: read-only views of the engine for the control socket, kept
 * apart from the protocol code so the daemon never reaches into it. */
#include "pppd-lite/engine_priv.h"

size_t engine_protocol_states(const struct engine *e, struct engine_proto_state *out, size_t max)
{
    const struct {
        const char *name;
        const struct fsm *f;
    } all[] = {
        { "lcp", &e->lcp.fsm },
        { "ipcp", &e->ipcp.fsm },
        { "ipv6cp", &e->ipv6cp.fsm },
    };
    size_t n = 0;
    for (size_t i = 0; i < sizeof(all) / sizeof(all[0]) && n < max; i++)
        out[n++] = (struct engine_proto_state){ all[i].name, fsm_state_name(all[i].f->state) };
    return n;
}

void engine_echo_state(const struct engine *e, struct engine_echo_state *out)
{
    out->interval_ms = e->s.lcp.echo_interval_ms;
    out->failure = e->s.lcp.echo_failure;
    out->pending = e->lcp.echos_pending;
}
