/* auth: who authenticates whom, pppd's rules (auth.c): which protocol we ask
 * the peer to use, which ones we agree to use ourselves, the "peer refused
 * to authenticate" decision, success/failure bookkeeping, and the peer's
 * allowed addresses from its secrets entry. */
#ifndef PPPD_LITE_AUTH_H
#define PPPD_LITE_AUTH_H

#include <stdbool.h>
#include <stdint.h>

#include "common/secrets.h"
#include "pppd-lite/proto/engine.h"
#include "pppd-lite/proto/hints.h"

struct engine;

struct auth {
    /* Decided at link start from the options and the secrets files. */
    bool required;               /* the peer must authenticate */
    bool want_pap, want_chap;    /* we would ask the peer for these */
    bool can_pap, can_chap;      /* we can authenticate ourselves with these */
    unsigned want_chap_md;       /* CHAP algorithms we ask for (CHAP_MD_* set) */
    unsigned can_chap_md;        /* CHAP algorithms we answer */
    /* Per link. */
    bool peer_pending, self_pending;
    bool peer_done, self_done;
    enum engine_auth_proto peer_proto;
    char peer_name[ENGINE_NAME_MAX];
    bool have_match;             /* secrets entry of the authenticated peer */
    struct secret_match match;
    bool have_suggested;         /* that entry gives the peer one address: */
    uint32_t suggested;          /* this one (pppd's set_allowed_addrs) */
    bool late_verdict;           /* a verdict from engine_verify_done is being applied */
    const char *verdict_text;    /* while a late verdict is applied: the text for the
                                    peer's Ack/Nak, Success/Failure (RADIUS Reply-Message) */
};

/* Decide want/can from the settings and the secrets (link start). */
void auth_configure(struct engine *e);
/* pppd's start-up check (auth_check_options): see engine_auth_check. */
enum engine_auth_check auth_check(struct engine *e);
/* LCP is up: start the protocols LCP agreed on, or close the link when the
 * peer refused the authentication we require. */
void auth_link_established(struct engine *e);
void auth_peer_success(struct engine *e, enum engine_auth_proto proto, const char *name,
                       const struct secret_match *m);
/* name: the name the peer tried, or NULL. */
void auth_peer_fail(struct engine *e, enum engine_auth_proto proto, const char *name);
void auth_self_success(struct engine *e, enum engine_auth_proto proto);
void auth_self_fail(struct engine *e, enum engine_auth_proto proto);
/* The same with another Hint: line than "the peer refused our password". */
void auth_self_fail_hint(struct engine *e, enum engine_auth_proto proto, enum hint_kind hint);
/* May the peer use addr (host order)? pppd's auth_ip_addr. */
bool auth_ip_allowed(const struct engine *e, uint32_t addr);
/* Secrets lookup through the environment; 1 found, 0 not, -1 error. */
int auth_get_secret(struct engine *e, enum engine_auth_proto proto, const char *client,
                    const char *server, struct secret_match *m);
/* Hand a credential check to the owner (env.verify): fills req->id; 1
 * accept, 0 reject (*m filled), or ENGINE_VERIFY_PENDING. */
int auth_verify(struct engine *e, struct engine_verify_request *req, struct secret_match *m);
/* The owner's verdict (engine_verify_done): true if a check was waiting for it. */
bool auth_verify_done(struct engine *e, unsigned id, bool ok, const struct secret_match *m);
/* Our name for secrets and CHAP; the name we send as PAP/CHAP user. */
const char *auth_our_name(const struct engine *e);
const char *auth_user_name(const struct engine *e);

#endif
