/* enginestate: read-only views of the engine for the control socket
 * (pppctl), kept apart from the protocol code so the daemon never reaches
 * into it. */
#include "pppd-lite/proto/engine_priv.h"
#include "pppd-lite/proto/fsm.h"
#include "pppd-lite/proto/lcp.h"
#include "pppd-lite/proto/protocol.h"

size_t engine_protocol_states(const struct engine *e, struct engine_proto_state *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < protocols_count && n < max; i++) {
        const struct protocol *p = protocols[i];
        /* the link and network control protocols are built on the fsm and
         * keep their struct fsm first (protocol.h); the authentication
         * protocols (PAP, CHAP) have no automaton */
        if (p->phase == ENGINE_PHASE_AUTHENTICATE || !e->st[i])
            continue;
        const struct fsm *f = e->st[i];
        out[n++] = (struct engine_proto_state){ p->name, fsm_state_name(f->state) };
    }
    return n;
}

void engine_echo_state(const struct engine *e, struct engine_echo_state *out)
{
    out->interval_ms = e->s.lcp.echo_interval_ms;
    out->failure = e->s.lcp.echo_failure;
    out->pending = e->lcp ? e->lcp->echos_pending : 0;
}
