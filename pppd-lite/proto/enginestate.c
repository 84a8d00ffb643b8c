/* enginestate: read-only views of the engine for the control socket
 * (pppctl), kept apart from the protocol code so the daemon never reaches
 * into it. */
#include "pppd-lite/proto/chap.h"
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

const char *engine_auth_method(const struct engine *e, enum engine_auth_proto proto, bool peer)
{
    if (proto == ENGINE_AUTH_NONE)
        return "none";
    if (proto == ENGINE_AUTH_PAP)
        return "pap";
    const struct chap *c = NULL;
    for (size_t i = 0; i < protocols_count; i++)
        if (protocols[i]->protocol == PPP_PROTO_CHAP)
            c = e->st[i];
    /* the algorithm LCP agreed for that direction (RFC 1994 5, MS 0x80, 0x81) */
    switch (c ? (peer ? c->digest : c->cdigest) : 5) {
    case 0x80:
        return "mschap";
    case 0x81:
        return "mschap-v2";
    default:
        return "chap";
    }
}
