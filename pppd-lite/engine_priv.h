/* engine_priv: the engine's state, shared by its protocol modules only.
 * The daemon sees struct engine as opaque (engine.h). */
#ifndef PPPD_LITE_ENGINE_PRIV_H
#define PPPD_LITE_ENGINE_PRIV_H

#include "pppd-lite/auth.h"
#include "pppd-lite/chap.h"
#include "pppd-lite/engine.h"
#include "pppd-lite/ipcp.h"
#include "pppd-lite/ipv6cp.h"
#include "pppd-lite/lcp.h"
#include "pppd-lite/pap.h"

struct engine {
    struct engine_settings s;
    struct engine_env env;
    bool debug;
    enum engine_phase phase;
    int status;                  /* pppd's exit status so far */
    uint64_t now;
    struct engine_counters cnt;
    struct lcp lcp;
    struct ipcp ipcp;
    struct ipv6cp ipv6cp;
    int ncp_open;                /* network protocols not yet finished (pppd num_np_open) */
    struct pap pap;
    struct chap chap;
    struct auth auth;
    char dead_reason[192];
    uint8_t pkt[FSM_PKT_MAX];    /* scratch for PAP/CHAP packets */
};

/* Hand a packet to the daemon (logged with debug, counted). */
void engine_send(struct engine *e, uint16_t protocol, const uint8_t *pkt, size_t len);
/* fsm_send_fn wrapper around engine_send (ctx is the engine). */
void engine_fsm_send(void *ctx, uint16_t protocol, const uint8_t *pkt, size_t len);
void engine_emit(struct engine *e, struct engine_event *ev);
void engine_set_phase(struct engine *e, enum engine_phase p);
void engine_random(struct engine *e, void *buf, size_t n);
/* Record a failure status and close LCP with reason in the Terminate-Request. */
void engine_fail(struct engine *e, int status, const char *reason);
/* Called by the protocols. */
void engine_lcp_up(struct engine *e);
void engine_lcp_down(struct engine *e);
void engine_lcp_finished(struct engine *e);
void engine_auth_done(struct engine *e);       /* every required authentication done */
void engine_ip_up(struct engine *e);
void engine_ip_down(struct engine *e);
void engine_ipv6_up(struct engine *e);
void engine_ipv6_down(struct engine *e);
/* A network protocol finished: the last one closes LCP (pppd np_finished). */
void engine_ncp_finished(struct engine *e);
void engine_protocol_rejected(struct engine *e, uint16_t protocol);
/* A received datagram for fn, counted; dropped unless up. */
void engine_deliver(struct engine *e, bool up, void (*fn)(void *, const uint8_t *, size_t),
                    const uint8_t *payload, size_t len);
/* A VJ frame (0x2d/0x2f): false when VJ is not agreed this way (engine_vj.c). */
bool engine_vj_input(struct engine *e, uint16_t protocol, const uint8_t *payload, size_t len);

#endif
