/* pap: RFC 1334 section 2, with pppd's (upap.c, auth.c check_passwd) rules. */
#include "pap.h"

#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "common/log.h"
#include "pppd-lite/proto/engine_priv.h"
#include "pppd-lite/proto/fsm.h"
#include "pppd-lite/proto/pktlog.h"

#define PAP_MSG_OK "Login ok"
#define PAP_MSG_BAD "Login incorrect"

/* env->ctx is the engine: PAP is part of the authentication unit. */
static void pap_init(void *st, const struct proto_env *env)
{
    struct pap *p = st;

    memset(p, 0, sizeof(*p));
    p->env = env;
    p->e = env->ctx;
    p->client_deadline = p->server_deadline = UINT64_MAX;
}

void pap_stop(struct pap *p)
{
    secrets_wipe(p->password, sizeof(p->password));
    pap_init(p, p->env);
}

static uint64_t pap_deadline(const void *st)
{
    const struct pap *p = st;

    return p->client_deadline < p->server_deadline ? p->client_deadline : p->server_deadline;
}

static void pap_send(struct pap *p, uint8_t code, uint8_t id, const uint8_t *data, size_t len)
{
    struct buf_writer w;

    buf_writer_init(&w, p->e->pkt, sizeof(p->e->pkt));
    buf_put_u8(&w, code);
    buf_put_u8(&w, id);
    buf_put_u16(&w, (uint16_t)(4 + len));
    buf_put_bytes(&w, data, len);
    if (buf_writer_ok(&w))
        engine_send(p->e, PPP_PROTO_PAP, p->e->pkt, buf_writer_len(&w));
}

/* RFC 1334 2.2.1: Peer-ID and Password, each with a one-byte length. */
static void pap_send_authreq(struct pap *p)
{
    uint8_t data[2 + 2 * 255];
    size_t ulen = strlen(p->user), plen = strlen(p->password), n = 0;

    if (ulen > 255)
        ulen = 255;
    if (plen > 255)
        plen = 255;
    data[n++] = (uint8_t)ulen;
    memcpy(data + n, p->user, ulen);
    n += ulen;
    data[n++] = (uint8_t)plen;
    memcpy(data + n, p->password, plen);
    n += plen;
    p->id++;
    pap_send(p, PAP_AUTHREQ, p->id, data, n);
    secrets_wipe(data, sizeof(data));
    p->transmits++;
    p->client_deadline = p->e->now + p->e->s.auth.pap_restart_ms;
}

static void pap_send_response(struct pap *p, uint8_t code, uint8_t id, const char *msg)
{
    uint8_t data[256];
    size_t n = strlen(msg);

    data[0] = (uint8_t)n;
    memcpy(data + 1, msg, n);
    pap_send(p, code, id, data, n + 1);
}

void pap_start_client(struct pap *p)
{
    struct engine *e = p->e;
    const struct engine_auth_settings *s = &e->s.auth;
    struct secret_match m;

    snprintf(p->user, sizeof(p->user), "%s", auth_user_name(e));
    if (s->have_password) {
        snprintf(p->password, sizeof(p->password), "%s", s->password);
    } else if (auth_get_secret(e, ENGINE_AUTH_PAP, p->user,
                               s->remotename[0] ? s->remotename : NULL, &m) == 1) {
        snprintf(p->password, sizeof(p->password), "%.*s", (int)m.secret_len, m.secret);
    } else {
        log_error("No secret found for PAP login");
        p->password[0] = '\0';
    }
    secrets_wipe(&m, sizeof(m));
    log_debug("Authenticating to peer with PAP");
    p->transmits = 0;
    p->cstate = PAP_CS_REQSENT;
    pap_send_authreq(p);
}

void pap_start_server(struct pap *p)
{
    p->sstate = PAP_SS_LISTEN;
    p->server_deadline = p->e->s.auth.pap_timeout_ms ? p->e->now + p->e->s.auth.pap_timeout_ms
                                                     : UINT64_MAX;
}

static void pap_timeout(void *st, uint64_t now)
{
    struct pap *p = st;

    if (p->client_deadline <= now) {
        p->client_deadline = UINT64_MAX;
        if (p->cstate == PAP_CS_REQSENT) {
            if (p->transmits >= p->e->s.auth.pap_max_authreq) {
                log_error("No response to PAP authenticate-requests");
                p->cstate = PAP_CS_BADAUTH;
                auth_self_fail(p->e, ENGINE_AUTH_PAP);
                return;
            }
            pap_send_authreq(p);
        }
    }
    if (p->server_deadline <= now) {
        p->server_deadline = UINT64_MAX;
        if (p->sstate == PAP_SS_LISTEN) {
            log_warn("PAP: no Authenticate-Request from the peer in time");
            p->sstate = PAP_SS_BADAUTH;
            auth_peer_fail(p->e, ENGINE_AUTH_PAP, NULL);
        }
    }
}

/* pppd's check_passwd: the user needs a pap-secrets entry for our name; with
 * `login` (or the secret "@login") the system checks the password, and a
 * non-empty secret must match as well. On success *m holds the entry. */
static bool pap_check(struct pap *p, const char *user, const char *pass, size_t passlen,
                      struct secret_match *m)
{
    struct engine *e = p->e;
    char shown[LOG_PRINTABLE_MAX];
    bool ok, login;

    if (auth_get_secret(e, ENGINE_AUTH_PAP, user, auth_our_name(e), m) != 1) {
        log_warn("no PAP secret found for %s", log_printable_str(shown, sizeof(shown), user));
        return false;
    }
    login = e->s.auth.login || (m->secret_len == 6 && memcmp(m->secret, "@login", 6) == 0);
    ok = true;
    if (login) {
        ok = strlen(pass) == passlen && e->env.verify_login != NULL &&
             e->env.verify_login(e->env.ctx, user, pass) == 1;
    }
    if (m->secret_len > 0 && !(m->secret_len == 6 && memcmp(m->secret, "@login", 6) == 0) &&
        !secrets_equal(m->secret, m->secret_len, pass, passlen))
        ok = false;
    return ok;
}

/* Answer the request id for user (ulen bytes) and tell auth. */
static void pap_verdict(struct pap *p, uint8_t id, bool ok, const char *user, size_t ulen,
                        const struct secret_match *m)
{
    char shown[LOG_PRINTABLE_MAX];

    log_printable(shown, sizeof(shown), user, ulen);     /* the peer's bytes, for log lines */
    p->server_deadline = UINT64_MAX;
    if (ok) {
        pap_send_response(p, PAP_AUTHACK, id,
                          p->e->auth.verdict_text ? p->e->auth.verdict_text : PAP_MSG_OK);
        p->sstate = PAP_SS_OPEN;
        snprintf(p->peer, sizeof(p->peer), "%s", user);
        log_notice("PAP peer authentication succeeded for %s", shown);
        auth_peer_success(p->e, ENGINE_AUTH_PAP, user, m);
    } else {
        pap_send_response(p, PAP_AUTHNAK, id,
                          p->e->auth.verdict_text ? p->e->auth.verdict_text : PAP_MSG_BAD);
        p->sstate = PAP_SS_BADAUTH;
        log_warn("PAP peer authentication failed for %s", shown);
        auth_peer_fail(p->e, ENGINE_AUTH_PAP, user);
    }
}

bool pap_verify_done(struct pap *p, unsigned verify_id, bool ok, const struct secret_match *m)
{
    if (p->sstate != PAP_SS_VERIFYING || p->verify_id != verify_id)
        return false;
    pap_verdict(p, p->verify_pkt_id, ok, p->verify_user, strlen(p->verify_user), m);
    return true;
}

static void pap_rauthreq(struct pap *p, uint8_t id, struct buf_reader *r)
{
    char user[256], pass[256];
    uint8_t ulen, plen;
    struct secret_match m;
    int rc;

    if (p->sstate == PAP_SS_OPEN) {
        pap_send_response(p, PAP_AUTHACK, id, PAP_MSG_OK);   /* our Ack was lost */
        return;
    }
    if (p->sstate == PAP_SS_BADAUTH) {
        pap_send_response(p, PAP_AUTHNAK, id, PAP_MSG_BAD);
        return;
    }
    if (p->sstate == PAP_SS_VERIFYING) {
        log_debug("PAP: Authenticate-Request while the last one is being checked");
        return;
    }
    if (p->sstate != PAP_SS_LISTEN) {
        p->e->cnt.rx_unexpected++;
        log_debug("PAP: Authenticate-Request while not authenticating the peer");
        return;
    }
    ulen = buf_get_u8(r);
    buf_get_bytes(r, user, ulen);
    plen = buf_get_u8(r);
    buf_get_bytes(r, pass, plen);
    if (!buf_reader_ok(r)) {
        p->e->cnt.rx_malformed++;
        log_debug("PAP: discarding malformed Authenticate-Request");
        secrets_wipe(pass, sizeof(pass));
        return;
    }
    user[ulen] = '\0';
    pass[plen] = '\0';
    memset(&m, 0, sizeof(m));
    if (strlen(user) != ulen) {
        rc = 0;                               /* a NUL in the name: never valid */
    } else if (p->e->env.verify != NULL) {
        struct engine_verify_request req = {
            .proto = ENGINE_AUTH_PAP, .peer = user, .our_name = auth_our_name(p->e),
            .password = (const uint8_t *)pass, .password_len = plen,
        };
        rc = auth_verify(p->e, &req, &m);
        if (rc == ENGINE_VERIFY_PENDING) {
            p->sstate = PAP_SS_VERIFYING;
            p->verify_id = req.id;
            p->verify_pkt_id = id;
            memcpy(p->verify_user, user, (size_t)ulen + 1);
            p->server_deadline = UINT64_MAX;
        }
    } else {
        rc = pap_check(p, user, pass, plen, &m);
    }
    secrets_wipe(pass, sizeof(pass));
    if (rc != ENGINE_VERIFY_PENDING)
        pap_verdict(p, id, rc == 1, user, ulen, &m);
    secrets_wipe(&m, sizeof(m));
}

static void pap_rauthresp(struct pap *p, uint8_t code, struct buf_reader *r)
{
    char msg[256], shown[4 * 255 + 1];
    uint8_t mlen;

    if (p->cstate != PAP_CS_REQSENT) {
        p->e->cnt.rx_unexpected++;
        log_debug("PAP: Authenticate-%s while not authenticating", code == PAP_AUTHACK ? "Ack" : "Nak");
        return;
    }
    /* RFC 1334 2.2.2: Msg-Length and Message (pppd accepts an empty body). */
    mlen = buf_remaining(r) > 0 ? buf_get_u8(r) : 0;
    if (!buf_get_bytes(r, msg, mlen)) {
        p->e->cnt.rx_malformed++;
        log_debug("PAP: discarding malformed Authenticate-%s", code == PAP_AUTHACK ? "Ack" : "Nak");
        return;
    }
    msg[mlen] = '\0';
    if (mlen > 0)
        log_info("Remote message: %s", log_printable(shown, sizeof(shown), msg, mlen));
    p->client_deadline = UINT64_MAX;
    if (code == PAP_AUTHACK) {
        p->cstate = PAP_CS_OPEN;
        log_notice("PAP authentication succeeded");
        auth_self_success(p->e, ENGINE_AUTH_PAP);
    } else {
        p->cstate = PAP_CS_BADAUTH;
        log_error("PAP authentication failed");
        auth_self_fail(p->e, ENGINE_AUTH_PAP);
    }
}

static void pap_input(void *st, uint64_t now, const uint8_t *pkt, size_t len)
{
    struct pap *p = st;
    struct buf_reader r;
    uint8_t code, id;

    (void)now;                   /* the engine's clock is ours */
    if (!fsm_parse_header(pkt, len, &code, &id, &r)) {
        p->e->cnt.rx_malformed++;
        log_debug("PAP: discarding malformed packet");
        return;
    }
    switch (code) {
    case PAP_AUTHREQ:
        pap_rauthreq(p, id, &r);
        break;
    case PAP_AUTHACK:
    case PAP_AUTHNAK:
        pap_rauthresp(p, code, &r);
        break;
    default:
        p->e->cnt.rx_malformed++;
        log_debug("PAP: discarding packet with unknown code %u", code);
        break;
    }
}

/* The peer will not speak PAP: whichever side was waiting for it fails. */
static void pap_protrej(void *st, uint64_t now)
{
    struct pap *p = st;

    (void)now;
    if (p->cstate == PAP_CS_REQSENT) {
        log_error("PAP authentication failed due to protocol-reject");
        p->cstate = PAP_CS_BADAUTH;
        auth_self_fail(p->e, ENGINE_AUTH_PAP);
    } else if (p->sstate == PAP_SS_LISTEN) {
        log_error("PAP authentication of peer failed (protocol-reject)");
        p->sstate = PAP_SS_BADAUTH;
        auth_peer_fail(p->e, ENGINE_AUTH_PAP, NULL);
    }
}

static void pap_reset(void *st)
{
    pap_stop(st);
}

static void pap_lower_down(void *st, uint64_t now)
{
    (void)now;
    pap_stop(st);
}

static void pap_print(struct pktlog_out *o, uint8_t code, uint8_t id, struct buf_reader *r)
{
    static const char *const names[] = { NULL, "AuthReq", "AuthAck", "AuthNak" };

    pktlog_code_id(o, code < 4 ? names[code] : NULL, code, id);
    if (code == PAP_AUTHREQ) {
        uint8_t ulen = buf_get_u8(r);
        const uint8_t *user = buf_get_ptr(r, ulen);
        if (!buf_reader_ok(r))
            return;
        pktlog_printf(o, " user=");
        pktlog_quoted(o, user, ulen);
        uint8_t plen = buf_get_u8(r);
        if (buf_get_ptr(r, plen) == NULL)
            return;
        pktlog_printf(o, " password=<hidden>");
    } else if (code == PAP_AUTHACK || code == PAP_AUTHNAK) {
        uint8_t mlen = buf_get_u8(r);
        const uint8_t *msg = buf_get_ptr(r, mlen);
        if (msg == NULL)
            return;
        if (mlen > 0) {
            pktlog_printf(o, " ");
            pktlog_quoted(o, msg, mlen);
        }
    }
}


/* Started by auth when LCP is up (auth_link_established). */
const struct protocol pap_protocol = {
    .protocol = PPP_PROTO_PAP,
    .name = "PAP",
    .phase = ENGINE_PHASE_AUTHENTICATE,
    .size = sizeof(struct pap),
    .init = pap_init,
    .reset = pap_reset,
    .lower_down = pap_lower_down,
    .input = pap_input,
    .protrej = pap_protrej,
    .timeout = pap_timeout,
    .deadline = pap_deadline,
    .print = pap_print,
};
