/* settings: pppd's defaults for the engine (pppd fsm.h, lcp.c, upap.c, chap-new.c). */
#include "settings.h"

#include <string.h>

static void settings_fsm_defaults(struct engine_fsm_settings *f)
{
    f->restart_ms = 3000;     /* RFC 1661 4.6 Restart timer */
    f->max_configure = 10;
    f->max_terminate = 2;
    f->max_failure = 5;
}

void engine_settings_init(struct engine_settings *s)
{
    memset(s, 0, sizeof(*s));
    settings_fsm_defaults(&s->lcp.fsm);
    s->lcp.mru = ENGINE_DEFAULT_MRU;
    s->lcp.neg_mru = true;
    s->lcp.asyncmap = 0;
    s->lcp.neg_asyncmap = true;
    s->lcp.neg_magic = true;
    s->lcp.neg_pfc = true;
    s->lcp.neg_acfc = true;
    s->auth.pap_restart_ms = 3000;
    s->auth.pap_max_authreq = 10;
    s->auth.pap_timeout_ms = 30000;
    s->auth.chap_restart_ms = 3000;
    s->auth.chap_max_challenge = 10;
    s->auth.chap_timeout_ms = 20000;
    settings_fsm_defaults(&s->ipcp.fsm);
    settings_fsm_defaults(&s->ipv6cp.fsm);
}
