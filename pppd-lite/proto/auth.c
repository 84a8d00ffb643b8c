/* auth: pppd's authentication rules (auth.c: auth_check_options,
 * auth_reset, link_established, auth_peer_*, auth_withpeer_*, auth_ip_addr). */
#include "auth.h"

#include <stdio.h>
#include <string.h>

#include "common/log.h"
#include "pppd-lite/proto/chap.h"
#include "pppd-lite/proto/engine_priv.h"
#include "pppd-lite/proto/pap.h"
#include "pppd-lite/proto/hints.h"
#include "pppd-lite/proto/chap_ms.h"

const char *auth_our_name(const struct engine *e)
{
    return e->s.auth.name;
}

const char *auth_user_name(const struct engine *e)
{
    return e->s.auth.user[0] ? e->s.auth.user : e->s.auth.name;
}

/* What an owner gave back, made safe to use (terminators, lengths). */
static void auth_sanitize_match(struct secret_match *m)
{
    m->client[sizeof(m->client) - 1] = '\0';
    m->server[sizeof(m->server) - 1] = '\0';
    if (m->secret_len >= sizeof(m->secret))
        m->secret_len = sizeof(m->secret) - 1;
    if (m->n_addrs > SECRETS_ADDRS_MAX)
        m->n_addrs = SECRETS_ADDRS_MAX;
}

int auth_get_secret(struct engine *e, enum engine_auth_proto proto, const char *client,
                    const char *server, struct secret_match *m)
{
    int rc;

    memset(m, 0, sizeof(*m));
    if (e->env.get_secret == NULL)
        return 0;
    rc = e->env.get_secret(e->env.ctx, proto, client, server, m);
    /* Guard against a callee that forgot the terminators. */
    auth_sanitize_match(m);
    return rc;
}

int auth_verify(struct engine *e, struct engine_verify_request *req, struct secret_match *m)
{
    int rc;

    /* Never 0, and never one a previous link used (the counter lives on). */
    if (++e->verify_seq == 0)
        e->verify_seq = 1;
    req->id = e->verify_seq;
    memset(m, 0, sizeof(*m));
    rc = e->env.verify(e->env.ctx, req, m);
    auth_sanitize_match(m);
    if (rc == ENGINE_VERIFY_PENDING)
        log_debug("%s check of the peer handed to the owner (request %u)",
                  req->proto == ENGINE_AUTH_PAP ? "PAP" : chap_md_proto_name(req->chap_digest),
                  req->id);
    return rc == 1 || rc == ENGINE_VERIFY_PENDING ? rc : 0;
}

bool auth_verify_done(struct engine *e, unsigned id, bool ok, const struct secret_match *m)
{
    struct secret_match copy;
    const struct secret_match *use = NULL;
    bool taken;

    if (m != NULL) {
        copy = *m;
        auth_sanitize_match(&copy);
        use = &copy;
    }
    taken = pap_verify_done(engine_state(e, PPP_PROTO_PAP), id, ok, use) ||
            chap_verify_done(engine_state(e, PPP_PROTO_CHAP), id, ok, use);
    if (m != NULL)
        secrets_wipe(&copy, sizeof(copy));
    return taken;
}

static bool auth_have_secret(struct engine *e, enum engine_auth_proto proto, const char *client,
                             const char *server)
{
    struct secret_match m;
    int rc = auth_get_secret(e, proto, client, server, &m);

    secrets_wipe(&m, sizeof(m));
    return rc == 1;
}

void auth_configure(struct engine *e)
{
    const struct engine_auth_settings *s = &e->s.auth;
    struct auth *a = &e->auth;
    const char *remote = s->remotename[0] ? s->remotename : NULL;
    unsigned md = (s->require_chap ? CHAP_MD_MD5 : 0) | (s->require_mschap ? CHAP_MD_MS : 0) |
                  (s->require_mschap_v2 ? CHAP_MD_MSV2 : 0);
    bool ask_pap = s->require_pap, ask_chap = md != 0;

    memset(a, 0, sizeof(*a));
    a->required = s->auth || s->require_pap || md != 0;
    /* pppd: plain "auth" asks for whatever we have secrets for; MS-CHAP
     * only when named (a legacy protocol is never on by default). */
    if (a->required && !ask_pap && !ask_chap) {
        ask_pap = ask_chap = true;
        md = CHAP_MD_MD5;
    }
    if (a->required && e->env.verify != NULL) {
        /* the owner (RADIUS) checks PAP, CHAP-MD5 and MS-CHAP v1/v2: no local
         * secret needed to ask */
        a->want_chap_md = ask_chap ? md : 0;
        a->want_chap = a->want_chap_md != 0;
        a->want_pap = ask_pap;
    } else if (a->required) {
        a->want_chap = ask_chap && auth_have_secret(e, ENGINE_AUTH_CHAP, remote, s->name);
        a->want_chap_md = a->want_chap ? md : 0;
        a->want_pap = ask_pap &&
                      (s->login || auth_have_secret(e, ENGINE_AUTH_PAP, remote, s->name));
    }
    a->can_pap = !s->refuse_pap &&
                 (s->have_password ||
                  auth_have_secret(e, ENGINE_AUTH_PAP, auth_user_name(e), remote));
    /* pppd: refuse-chap, refuse-mschap and refuse-mschap-v2 each drop one. */
    a->can_chap_md = (s->refuse_chap ? 0 : CHAP_MD_MD5) | (s->refuse_mschap ? 0 : CHAP_MD_MS) |
                     (s->refuse_mschap_v2 ? 0 : CHAP_MD_MSV2);
    a->can_chap = a->can_chap_md != 0 &&
                  (s->have_password ||
                   auth_have_secret(e, ENGINE_AUTH_CHAP, auth_user_name(e), remote));
}

enum engine_auth_check auth_check(struct engine *e)
{
    const struct engine_auth_settings *s = &e->s.auth;
    const char *remote = s->remotename[0] ? s->remotename : NULL;
    bool lacks_ip = false;

    auth_configure(e);
    if (!e->auth.required)
        return ENGINE_AUTH_CHECK_OK;
    /* pppd's have_pap_secret/have_chap_secret: an entry for the peer that
     * lets it use some IP address (with `login` too: the entry must exist) */
    for (int i = 0; i < 2; i++) {
        bool chap = i == 0;
        bool asked = chap ? e->auth.want_chap : e->auth.want_pap;
        struct secret_match m;
        if (!asked || auth_get_secret(e, chap ? ENGINE_AUTH_CHAP : ENGINE_AUTH_PAP, remote,
                                      s->name, &m) != 1)
            continue;
        bool ip_ok = secrets_some_addr_ok(&m);
        secrets_wipe(&m, sizeof(m));
        if (ip_ok)
            return ENGINE_AUTH_CHECK_OK;
        lacks_ip = true;
    }
    return lacks_ip ? ENGINE_AUTH_CHECK_NO_IP : ENGINE_AUTH_CHECK_NO_SECRET;
}

/* pppd's null_login: a pap-secrets entry with an empty client name and an
 * empty secret lets a peer that refuses to authenticate in. */
static bool auth_null_login(struct engine *e)
{
    struct secret_match m;
    bool ok = auth_get_secret(e, ENGINE_AUTH_PAP, "", e->s.auth.name, &m) == 1 &&
              m.secret_len == 0;

    if (ok) {
        e->auth.have_match = true;
        e->auth.match = m;
    }
    secrets_wipe(&m, sizeof(m));
    return ok;
}

void auth_link_established(struct engine *e)
{
    struct auth *a = &e->auth;
    const struct lcp_options *go = &e->lcp->go, *ho = &e->lcp->ho;
    struct pap *pap = engine_state(e, PPP_PROTO_PAP);
    struct chap *chap = engine_state(e, PPP_PROTO_CHAP);

    a->peer_pending = a->self_pending = false;
    a->peer_done = a->self_done = false;
    a->peer_name[0] = '\0';
    a->have_match = false;
    if (a->required && !go->neg_upap && !go->neg_chap) {
        const struct engine_auth_settings *s = &e->s.auth;
        bool asked_pap = s->require_pap ||
                         !(s->require_chap || s->require_mschap || s->require_mschap_v2);
        if (!asked_pap || e->s.auth.login || !auth_null_login(e)) {
            log_warn("peer refused to authenticate: terminating link");
            hint_log(HINT_PEER_REFUSED_AUTH);
            engine_fail(e, ENGINE_EXIT_PEER_AUTH_FAILED, "peer refused to authenticate");
            return;
        }
    }
    engine_set_phase(e, ENGINE_PHASE_AUTHENTICATE);
    if (go->neg_chap) {
        a->peer_pending = true;
        chap_start_server(chap);
    } else if (go->neg_upap) {
        a->peer_pending = true;
        pap_start_server(pap);
    }
    if (ho->neg_chap) {
        a->self_pending = true;
        chap_start_client(chap);
    } else if (ho->neg_upap) {
        a->self_pending = true;
        pap_start_client(pap);
    }
    if (!a->peer_pending && !a->self_pending)
        engine_auth_done(e);
}

void auth_peer_success(struct engine *e, enum engine_auth_proto proto, const char *name,
                       const struct secret_match *m)
{
    struct auth *a = &e->auth;
    struct engine_event ev = { .type = ENGINE_EV_AUTH_PEER_OK };
    uint32_t addr;

    if (!a->peer_pending)
        return;                               /* a re-challenge */
    a->peer_pending = false;
    a->peer_done = true;
    a->peer_proto = proto;
    snprintf(a->peer_name, sizeof(a->peer_name), "%s", name);
    if (m != NULL) {
        a->have_match = true;
        a->match = *m;
        secrets_wipe(a->match.secret, sizeof(a->match.secret));
        /* pppd's set_allowed_addrs: one allowed address becomes the peer's. */
        if (secrets_suggested_addr(m, e->s.ipcp.unit, &addr)) {
            a->have_suggested = true;
            a->suggested = addr;
        }
    }
    ev.auth.proto = proto;
    ev.auth.name = a->peer_name;
    engine_emit(e, &ev);
    if (!a->self_pending)
        engine_auth_done(e);
}

void auth_peer_fail(struct engine *e, enum engine_auth_proto proto, const char *name)
{
    struct engine_event ev = { .type = ENGINE_EV_AUTH_PEER_FAIL };

    e->auth.peer_pending = false;
    ev.auth.proto = proto;
    ev.auth.name = name ? name : "";
    engine_emit(e, &ev);
    /* a late verdict is the authentication server's (RADIUS), not our files' */
    hint_log(e->auth.late_verdict ? HINT_PEER_REJECTED_BY_SERVER : HINT_PEER_AUTH_FAILED);
    engine_fail(e, ENGINE_EXIT_PEER_AUTH_FAILED, "Authentication failed");
}

void auth_self_success(struct engine *e, enum engine_auth_proto proto)
{
    struct auth *a = &e->auth;
    struct engine_event ev = { .type = ENGINE_EV_AUTH_SELF_OK };

    if (!a->self_pending)
        return;
    a->self_pending = false;
    a->self_done = true;
    ev.auth.proto = proto;
    ev.auth.name = auth_user_name(e);
    engine_emit(e, &ev);
    if (!a->peer_pending)
        engine_auth_done(e);
}

void auth_self_fail(struct engine *e, enum engine_auth_proto proto)
{
    auth_self_fail_hint(e, proto, HINT_AUTH_TOPEER_FAILED);
}

void auth_self_fail_hint(struct engine *e, enum engine_auth_proto proto, enum hint_kind hint)
{
    struct engine_event ev = { .type = ENGINE_EV_AUTH_SELF_FAIL };

    e->auth.self_pending = false;
    ev.auth.proto = proto;
    ev.auth.name = auth_user_name(e);
    engine_emit(e, &ev);
    hint_log(hint);
    engine_fail(e, ENGINE_EXIT_AUTH_TOPEER_FAILED, "Failed to authenticate ourselves to peer");
}

bool auth_ip_allowed(const struct engine *e, uint32_t addr)
{
    uint32_t top = addr >> 24;

    /* pppd's bad_ip_adrs: loopback, multicast and class E never. */
    if (addr == 0 || top == 127 || top >= 224)
        return false;
    if (!e->auth.have_match)
        return true;
    return secrets_addr_allowed(&e->auth.match, addr, e->s.ipcp.unit);
}

bool engine_mppe_keys(const struct engine *e, uint8_t send[16], uint8_t recv[16])
{
    return chap_mppe_keys(engine_state(e, PPP_PROTO_CHAP), send, recv);
}
