/* engine_priv: the engine's state, for engine.c and the authentication
 * unit (auth.c with pap.c and chap.c). The daemon sees struct engine as
 * opaque (engine.h); the other protocols see only struct proto_env. */
#ifndef PPPD_LITE_ENGINE_PRIV_H
#define PPPD_LITE_ENGINE_PRIV_H

#include <stdalign.h>
#include <stddef.h>

#include "pppd-lite/proto/auth.h"
#include "pppd-lite/proto/engine.h"
#include "pppd-lite/proto/lcp.h"
#include "pppd-lite/proto/protocol.h"

/* Room for every protocol's state (engine_init checks the sum). */
#define ENGINE_PROTO_ARENA (48 * 1024)

struct engine {
    struct engine_settings s;
    struct engine_env env;
    struct proto_env penv;       /* what the protocols may call back */
    bool debug;
    enum engine_phase phase;
    int status;                  /* pppd's exit status so far */
    uint64_t now;
    struct engine_counters cnt;
    struct lcp *lcp;             /* LCP carries the link: the engine names it (as pppd) */
    void *st[PROTO_MAX];         /* each protocol's state, as protocols[] */
    int ncp_open;                /* network protocols not yet finished (pppd num_np_open) */
    unsigned verify_seq;         /* last credential check handed to env.verify */
    struct auth auth;
    char dead_reason[192];
    uint8_t pkt[FSM_PKT_MAX];    /* scratch for PAP/CHAP packets */
    alignas(max_align_t) unsigned char arena[ENGINE_PROTO_ARENA];
};

/* Hand a packet to the daemon (logged with debug, counted). */
void engine_send(struct engine *e, uint16_t protocol, const uint8_t *pkt, size_t len);
/* The state of a protocol of the table (NULL: none). For auth, which
 * drives PAP and CHAP. */
void *engine_state(const struct engine *e, uint16_t protocol);
void engine_emit(struct engine *e, struct engine_event *ev);
void engine_set_phase(struct engine *e, enum engine_phase p);
void engine_random(struct engine *e, void *buf, size_t n);
/* Record a failure status and close LCP with reason in the Terminate-Request. */
void engine_fail(struct engine *e, int status, const char *reason);
/* Called by auth. */
void engine_auth_done(struct engine *e);       /* every required authentication done */

#endif
