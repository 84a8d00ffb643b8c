/* chap: RFC 1994 CHAP as pppd's chap-new.c behaves; MD5 here, the MS-CHAP
 * digests in chap_ms.c. */
#include "chap.h"

#include <nettle/md5.h>
#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "common/log.h"
#include "pppd-lite/proto/engine_priv.h"
#include "pppd-lite/proto/chap_ms.h"
#include "pppd-lite/proto/fsm.h"
#include "pppd-lite/proto/pktlog.h"

#define CHAP_MSG_OK "Access granted"
#define CHAP_MSG_BAD "Access denied"

void chap_md5_response(uint8_t id, const void *secret, size_t secret_len, const uint8_t *chal,
                       size_t chal_len, uint8_t out[CHAP_MD5_LEN])
{
    struct md5_ctx ctx;

    md5_init(&ctx);
    md5_update(&ctx, 1, &id);
    md5_update(&ctx, secret_len, secret);
    md5_update(&ctx, chal_len, chal);
    md5_digest(&ctx, CHAP_MD5_LEN, out);
}

/* env->ctx is the engine: CHAP is part of the authentication unit. */
static void chap_init(void *st, const struct proto_env *env)
{
    struct chap *c = st;

    memset(c, 0, sizeof(*c));
    c->env = env;
    c->e = env->ctx;
    c->server_deadline = c->client_deadline = UINT64_MAX;
}

void chap_stop(struct chap *c)
{
    uint8_t id = c->id;
    const struct proto_env *env = c->env;

    secrets_wipe(c, sizeof(*c));             /* cached Response, keys */
    chap_init(c, env);
    c->id = id;               /* keep identifiers moving across links */
}

static uint64_t chap_deadline(const void *st)
{
    const struct chap *c = st;

    return c->client_deadline < c->server_deadline ? c->client_deadline : c->server_deadline;
}

/* Code, id, length, value-size, value, name (RFC 1994 4.1). */
static void chap_send_value(struct chap *c, uint8_t code, uint8_t id, const uint8_t *val,
                            size_t vlen, const char *name)
{
    struct buf_writer w;
    size_t nlen = strlen(name);

    buf_writer_init(&w, c->e->pkt, sizeof(c->e->pkt));
    buf_put_u8(&w, code);
    buf_put_u8(&w, id);
    buf_put_u16(&w, (uint16_t)(5 + vlen + nlen));
    buf_put_u8(&w, (uint8_t)vlen);
    buf_put_bytes(&w, val, vlen);
    buf_put_bytes(&w, name, nlen);
    if (buf_writer_ok(&w))
        engine_send(c->e, PPP_PROTO_CHAP, c->e->pkt, buf_writer_len(&w));
}

static void chap_send_status(struct chap *c, uint8_t code, uint8_t id, const char *msg)
{
    struct buf_writer w;
    size_t n = strlen(msg);

    buf_writer_init(&w, c->e->pkt, sizeof(c->e->pkt));
    buf_put_u8(&w, code);
    buf_put_u8(&w, id);
    buf_put_u16(&w, (uint16_t)(4 + n));
    buf_put_bytes(&w, msg, n);
    engine_send(c->e, PPP_PROTO_CHAP, c->e->pkt, buf_writer_len(&w));
}

static void chap_send_challenge(struct chap *c)
{
    chap_send_value(c, CHAP_CHALLENGE, c->id, c->challenge, c->chal_len, auth_our_name(c->e));
    c->transmits++;
    c->server_deadline = c->e->now + c->e->s.auth.chap_restart_ms;
}

/* A new challenge: new identifier, new random value (RFC 1994 2.3). */
static void chap_new_challenge(struct chap *c)
{
    c->id++;
    c->chal_len = chap_md_challenge_len(c->digest);
    engine_random(c->e, c->challenge, c->chal_len);
    c->transmits = 0;
    c->sstate = CHAP_SS_CHALLENGED;
    chap_send_challenge(c);
}

void chap_start_server(struct chap *c)
{
    c->digest = chap_md_best(c->e->lcp->go.chap_md);
    c->done_once = false;
    chap_new_challenge(c);
}

void chap_start_client(struct chap *c)
{
    uint32_t t = c->e->s.auth.chap_timeout_ms;

    c->cdigest = chap_md_best(c->e->lcp->ho.chap_md);
    log_debug("Authenticating to peer with %s", chap_md_proto_name(c->cdigest));
    c->cstate = CHAP_CS_WAIT;
    c->client_deadline = t ? c->e->now + t : UINT64_MAX;
}

static void chap_timeout(void *st, uint64_t now)
{
    struct chap *c = st;

    if (c->client_deadline <= now) {
        c->client_deadline = UINT64_MAX;
        if (c->cstate == CHAP_CS_WAIT) {
            log_error("CHAP authentication timed out");
            c->cstate = CHAP_CS_BADAUTH;
            auth_self_fail(c->e, ENGINE_AUTH_CHAP);
            return;
        }
    }
    if (c->server_deadline <= now) {
        c->server_deadline = UINT64_MAX;
        if (c->sstate == CHAP_SS_CHALLENGED) {
            if (c->transmits >= c->e->s.auth.chap_max_challenge) {
                log_warn("CHAP: no response to challenges");
                c->sstate = CHAP_SS_BADAUTH;
                auth_peer_fail(c->e, ENGINE_AUTH_CHAP, NULL);
                return;
            }
            chap_send_challenge(c);
        } else if (c->sstate == CHAP_SS_OPEN) {
            chap_new_challenge(c);             /* chap-interval re-challenge */
        }
    }
}

/* Name field of a Challenge/Response: the rest of the packet, made a C
 * string (an embedded NUL makes it unusable: return false). */
static bool chap_get_name(struct buf_reader *r, char *out, size_t cap)
{
    size_t n = buf_remaining(r);

    if (n >= cap)
        return false;
    buf_get_bytes(r, out, n);
    out[n] = '\0';
    return strlen(out) == n;
}

/* Our MS-CHAP Response to a Challenge, from the cache when the Challenge
 * is a retransmission (pppd chapms2_make_response). false: not answerable. */
static bool chap_ms_answer(struct chap *c, uint8_t id, const uint8_t *val, uint8_t vlen,
                           const char *secret, size_t secret_len)
{
    uint8_t peer_chal[MSCHAP_V2_CHALLENGE_LEN];

    if (c->have_cached && c->cached_id == id && c->cached_chal_len == vlen &&
        memcmp(c->cached_chal, val, vlen) == 0) {
        log_debug("%s: same Challenge again, same Response", chap_md_proto_name(c->cdigest));
        return true;
    }
    engine_random(c->e, peer_chal, sizeof(peer_chal));
    if (!chap_ms_respond(c->cdigest, val, vlen, peer_chal, auth_user_name(c->e), secret,
                         secret_len, c->cached_resp, c->expect_s, &c->pending_keys))
        return false;
    c->have_cached = true;
    c->cached_id = id;
    memcpy(c->cached_chal, val, vlen);
    c->cached_chal_len = vlen;
    return true;
}

static void chap_rchallenge(struct chap *c, uint8_t id, struct buf_reader *r)
{
    struct engine *e = c->e;
    const struct engine_auth_settings *s = &e->s.auth;
    uint8_t vlen, resp[CHAP_MD5_LEN];
    const uint8_t *val;
    char rname[ENGINE_NAME_MAX];
    struct secret_match m;
    const char *secret = "";
    size_t secret_len = 0;
    bool ms = c->cdigest != CHAP_DIGEST_MD5, ok = true;

    memset(&m, 0, sizeof(m));
    if (c->cstate == CHAP_CS_IDLE || c->cstate == CHAP_CS_BADAUTH) {
        e->cnt.rx_unexpected++;
        log_debug("CHAP: Challenge while not authenticating");
        return;
    }
    vlen = buf_get_u8(r);
    val = buf_get_ptr(r, vlen);
    if (val == NULL || vlen == 0 || !chap_get_name(r, rname, sizeof(rname))) {
        e->cnt.rx_malformed++;
        log_debug("CHAP: discarding malformed Challenge");
        return;
    }
    if (s->remotename[0])
        snprintf(rname, sizeof(rname), "%s", s->remotename);
    if (s->have_password) {
        secret = s->password;
        secret_len = strlen(s->password);
    } else if (auth_get_secret(e, ENGINE_AUTH_CHAP, auth_user_name(e), rname, &m) == 1) {
        secret = m.secret;
        secret_len = m.secret_len;
    } else {
        char shown[LOG_PRINTABLE_MAX];
        log_warn("No CHAP secret found for authenticating us to %s",
                 log_printable_str(shown, sizeof(shown), rname));
    }
    if (ms)
        ok = chap_ms_answer(c, id, val, vlen, secret, secret_len);
    else
        chap_md5_response(id, secret, secret_len, val, vlen, resp);
    secrets_wipe(&m, sizeof(m));
    if (!ok) {
        e->cnt.rx_malformed++;
        return;
    }
    if (ms)
        chap_send_value(c, CHAP_RESPONSE, id, c->cached_resp, MSCHAP_RESPONSE_LEN,
                        auth_user_name(e));
    else
        chap_send_value(c, CHAP_RESPONSE, id, resp, sizeof(resp), auth_user_name(e));
    secrets_wipe(resp, sizeof(resp));
    c->last_resp_id = id;
    c->client_deadline = UINT64_MAX;
    if (c->cstate == CHAP_CS_WAIT)
        c->cstate = CHAP_CS_RESPONDED;
}

/* Answer the response to our challenge c->id for lookup and tell auth. */
static void chap_verdict(struct chap *c, bool ok, const char *lookup, const struct secret_match *m)
{
    struct engine *e = c->e;
    char shown[LOG_PRINTABLE_MAX];

    log_printable_str(shown, sizeof(shown), lookup);     /* for log lines */
    c->server_deadline = UINT64_MAX;
    if (c->digest == CHAP_DIGEST_MD5)           /* MS-CHAP's text comes from chap_ms */
        snprintf(c->status_msg, sizeof(c->status_msg), "%s",
                 e->auth.verdict_text ? e->auth.verdict_text : ok ? CHAP_MSG_OK : CHAP_MSG_BAD);
    if (ok) {
        chap_send_status(c, CHAP_SUCCESS, c->id, c->status_msg);
        c->sstate = CHAP_SS_OPEN;
        snprintf(c->peer, sizeof(c->peer), "%s", lookup);
        if (!c->done_once) {
            c->done_once = true;
            log_notice("CHAP peer authentication succeeded for %s", shown);
            auth_peer_success(e, ENGINE_AUTH_CHAP, lookup, m);
        }
        if (e->s.auth.chap_interval_ms)
            c->server_deadline = e->now + e->s.auth.chap_interval_ms;
    } else {
        chap_send_status(c, CHAP_FAILURE, c->id, c->status_msg);
        c->sstate = CHAP_SS_BADAUTH;
        log_notice("CHAP peer authentication failed for %s", shown);
        auth_peer_fail(e, ENGINE_AUTH_CHAP, lookup);
    }
}

bool chap_verify_done(struct chap *c, unsigned verify_id, bool ok, const struct secret_match *m)
{
    if (c->sstate != CHAP_SS_VERIFYING || c->verify_id != verify_id)
        return false;
    if (c->digest != CHAP_DIGEST_MD5)
        ok = chap_ms_owner_verdict(c->digest, ok, c->e->auth.verdict_text, c->challenge,
                                   c->chal_len, c->status_msg, sizeof(c->status_msg));
    chap_verdict(c, ok, c->verify_name, m);
    return true;
}

/* Hand the Response to the owner (RADIUS). ENGINE_VERIFY_PENDING: the
 * verdict comes through chap_verify_done; else 1 or 0 at once. */
static int chap_ask_owner(struct chap *c, uint8_t id, const uint8_t *val, uint8_t vlen,
                          const char *name, const char *lookup, struct secret_match *m)
{
    struct engine *e = c->e;
    /* MS-CHAP hashes the name as sent: the server must see that one */
    struct engine_verify_request req = {
        .proto = ENGINE_AUTH_CHAP, .peer = c->digest == CHAP_DIGEST_MD5 ? lookup : name,
        .our_name = auth_our_name(e), .chap_digest = c->digest, .chap_id = id,
        .challenge = c->challenge, .challenge_len = c->chal_len, .response = val,
        .response_len = vlen,
    };
    int rc = auth_verify(e, &req, m);

    if (rc == ENGINE_VERIFY_PENDING) {
        c->sstate = CHAP_SS_VERIFYING;
        c->verify_id = req.id;
        snprintf(c->verify_name, sizeof(c->verify_name), "%s", lookup);
        c->server_deadline = UINT64_MAX;
    }
    return rc;
}

/* An MS-CHAP Response against chap-secrets; the Success or Failure text
 * goes to c->status_msg, the MPPE keys to c->keys. name is as sent (its
 * DOMAIN\ is stripped for the hash), lookup the secrets name. */
static bool chap_ms_judge(struct chap *c, const uint8_t *val, uint8_t vlen, const char *name,
                          const char *lookup, struct secret_match *m)
{
    struct engine *e = c->e;
    struct mschap_keys keys;
    char shown[LOG_PRINTABLE_MAX];
    bool ok;

    if (auth_get_secret(e, ENGINE_AUTH_CHAP, lookup, auth_our_name(e), m) != 1) {
        log_warn("No CHAP secret found for authenticating %s",
                 log_printable_str(shown, sizeof(shown), lookup));
        chap_ms_failure_text(c->digest, c->challenge, c->chal_len, c->status_msg,
                             sizeof(c->status_msg));
        return false;
    }
    ok = chap_ms_verify(c->digest, c->challenge, c->chal_len, val, vlen, name, m->secret,
                        m->secret_len, c->status_msg, sizeof(c->status_msg), &keys);
    if (ok) {
        c->keys = keys;
        c->have_keys = true;
    }
    secrets_wipe(&keys, sizeof(keys));
    return ok;
}

static void chap_rresponse(struct chap *c, uint8_t id, struct buf_reader *r)
{
    struct engine *e = c->e;
    uint8_t vlen, want[CHAP_MD5_LEN];
    const uint8_t *val;
    char name[ENGINE_NAME_MAX], shown[LOG_PRINTABLE_MAX];
    const char *lookup;
    struct secret_match m;
    int rc;

    if ((c->sstate == CHAP_SS_OPEN || c->sstate == CHAP_SS_BADAUTH) && id == c->id) {
        /* Our Success or Failure was lost: say it again. */
        chap_send_status(c, c->sstate == CHAP_SS_OPEN ? CHAP_SUCCESS : CHAP_FAILURE, id,
                         c->status_msg);
        return;
    }
    if (c->sstate == CHAP_SS_VERIFYING && id == c->id) {
        log_debug("CHAP: Response while the last one is being checked");
        return;
    }
    if (c->sstate != CHAP_SS_CHALLENGED || id != c->id) {
        e->cnt.rx_unexpected++;
        log_debug("CHAP: Response does not answer our challenge");
        return;
    }
    vlen = buf_get_u8(r);
    val = buf_get_ptr(r, vlen);
    if (val == NULL || !chap_get_name(r, name, sizeof(name))) {
        e->cnt.rx_malformed++;
        log_debug("CHAP: discarding malformed Response");
        return;
    }
    lookup = e->s.auth.remotename[0] ? e->s.auth.remotename : name;
    memset(&m, 0, sizeof(m));
    rc = 0;
    if (c->digest != CHAP_DIGEST_MD5 && e->env.verify != NULL) {
        /* MS-CHAP checked by the owner; a value it could not use is refused here */
        bool ok = false;
        if (chap_ms_usable(c->digest, c->chal_len, val, vlen)) {
            rc = chap_ask_owner(c, id, val, vlen, name, lookup, &m);
            if (rc == ENGINE_VERIFY_PENDING)
                return;
            ok = rc == 1;
        }
        ok = chap_ms_owner_verdict(c->digest, ok, NULL, c->challenge, c->chal_len,
                                   c->status_msg, sizeof(c->status_msg));
        chap_verdict(c, ok, lookup, &m);
        secrets_wipe(&m, sizeof(m));
        return;
    }
    if (c->digest != CHAP_DIGEST_MD5) {
        /* MS-CHAP against chap-secrets */
        chap_verdict(c, chap_ms_judge(c, val, vlen, name, lookup, &m), lookup, &m);
        secrets_wipe(&m, sizeof(m));
        return;
    }
    if (vlen == CHAP_MD5_LEN && e->env.verify != NULL) {
        rc = chap_ask_owner(c, id, val, vlen, name, lookup, &m);
        if (rc == ENGINE_VERIFY_PENDING)
            return;
    } else if (vlen == CHAP_MD5_LEN &&
               auth_get_secret(e, ENGINE_AUTH_CHAP, lookup, auth_our_name(e), &m) == 1) {
        chap_md5_response(id, m.secret, m.secret_len, c->challenge, c->chal_len, want);
        rc = secrets_equal(want, sizeof(want), val, vlen) ? 1 : 0;
    } else if (vlen == CHAP_MD5_LEN) {
        log_warn("No CHAP secret found for authenticating %s",
                 log_printable_str(shown, sizeof(shown), lookup));
    }
    chap_verdict(c, rc == 1, lookup, &m);
    secrets_wipe(&m, sizeof(m));
}

static void chap_rstatus(struct chap *c, uint8_t code, uint8_t id, struct buf_reader *r)
{
    char msg[256], shown[4 * 255 + 1];
    size_t n = buf_remaining(r);
    const uint8_t *raw = r->data + r->pos;
    bool ms = c->cdigest != CHAP_DIGEST_MD5, bad_s = false;

    if (c->cstate != CHAP_CS_RESPONDED || id != c->last_resp_id) {
        c->e->cnt.rx_unexpected++;
        log_debug("CHAP: %s not expected", code == CHAP_SUCCESS ? "Success" : "Failure");
        return;
    }
    if (code == CHAP_SUCCESS && c->cdigest == CHAP_DIGEST_MSV2) {
        /* The authenticator proves it knows our password (S=); chap_ms
         * logs the M= text. */
        bad_s = !chap_ms_check_success(c->expect_s, raw, n);
        if (bad_s)
            code = CHAP_FAILURE;
    } else if (code == CHAP_FAILURE && ms) {
        chap_ms_log_failure(raw, n);
    } else if (n > 0) {
        if (n >= sizeof(msg))
            n = sizeof(msg) - 1;
        buf_get_bytes(r, msg, n);
        log_info("%s", log_printable(shown, sizeof(shown), msg, n));
    }
    if (code == CHAP_SUCCESS) {
        c->cstate = CHAP_CS_OPEN;
        if (ms) {
            c->keys = c->pending_keys;
            c->have_keys = true;
        }
        log_notice("CHAP authentication succeeded");
        auth_self_success(c->e, ENGINE_AUTH_CHAP);
    } else {
        c->cstate = CHAP_CS_BADAUTH;
        log_error("CHAP authentication failed");
        auth_self_fail_hint(c->e, ENGINE_AUTH_CHAP,
                            bad_s ? HINT_MUTUAL_AUTH_FAILED : HINT_AUTH_TOPEER_FAILED);
    }
    secrets_wipe(&c->pending_keys, sizeof(c->pending_keys));
}

bool chap_mppe_keys(const struct chap *c, uint8_t send[16], uint8_t recv[16])
{
    if (!c->have_keys)
        return false;
    memcpy(send, c->keys.send, MSCHAP_KEY_LEN);
    memcpy(recv, c->keys.recv, MSCHAP_KEY_LEN);
    return true;
}

static void chap_input(void *st, uint64_t now, const uint8_t *pkt, size_t len)
{
    struct chap *c = st;
    struct buf_reader r;
    uint8_t code, id;

    (void)now;                   /* the engine's clock is ours */
    if (!fsm_parse_header(pkt, len, &code, &id, &r)) {
        c->e->cnt.rx_malformed++;
        log_debug("CHAP: discarding malformed packet");
        return;
    }
    switch (code) {
    case CHAP_CHALLENGE:
        chap_rchallenge(c, id, &r);
        break;
    case CHAP_RESPONSE:
        chap_rresponse(c, id, &r);
        break;
    case CHAP_SUCCESS:
    case CHAP_FAILURE:
        chap_rstatus(c, code, id, &r);
        break;
    default:
        c->e->cnt.rx_malformed++;
        log_debug("CHAP: discarding packet with unknown code %u", code);
        break;
    }
}

/* The peer will not speak CHAP: whichever side was waiting for it fails. */
static void chap_protrej(void *st, uint64_t now)
{
    struct chap *c = st;

    (void)now;
    if (c->cstate == CHAP_CS_WAIT || c->cstate == CHAP_CS_RESPONDED) {
        log_error("CHAP authentication failed due to protocol-reject");
        c->cstate = CHAP_CS_BADAUTH;
        auth_self_fail(c->e, ENGINE_AUTH_CHAP);
    } else if (c->sstate == CHAP_SS_CHALLENGED) {
        log_error("CHAP authentication of peer failed (protocol-reject)");
        c->sstate = CHAP_SS_BADAUTH;
        auth_peer_fail(c->e, ENGINE_AUTH_CHAP, NULL);
    }
}

static void chap_reset(void *st)
{
    chap_stop(st);
}

static void chap_lower_down(void *st, uint64_t now)
{
    (void)now;
    chap_stop(st);
}

static void chap_print(struct pktlog_out *o, uint8_t code, uint8_t id, struct buf_reader *r)
{
    static const char *const names[] = { NULL, "Challenge", "Response", "Success", "Failure" };

    pktlog_code_id(o, code < 5 ? names[code] : NULL, code, id);
    if (code == CHAP_CHALLENGE || code == CHAP_RESPONSE) {
        uint8_t vlen = buf_get_u8(r);
        const uint8_t *val = buf_get_ptr(r, vlen);
        if (val == NULL)
            return;
        pktlog_printf(o, " <");
        for (size_t i = 0; i < vlen; i++)
            pktlog_printf(o, "%02x", val[i]);
        pktlog_printf(o, ">, name = ");
        size_t n = buf_remaining(r);
        pktlog_quoted(o, r->data + r->pos, n);
        buf_skip(r, n);
    } else if (code == CHAP_SUCCESS || code == CHAP_FAILURE) {
        size_t n = buf_remaining(r);
        if (n > 0) {
            pktlog_printf(o, " ");
            pktlog_quoted(o, r->data + r->pos, n);
            buf_skip(r, n);
        }
    }
}


/* Started by auth when LCP is up (auth_link_established). */
const struct protocol chap_protocol = {
    .protocol = PPP_PROTO_CHAP,
    .name = "CHAP",
    .phase = ENGINE_PHASE_AUTHENTICATE,
    .size = sizeof(struct chap),
    .init = chap_init,
    .reset = chap_reset,
    .lower_down = chap_lower_down,
    .input = chap_input,
    .protrej = chap_protrej,
    .timeout = chap_timeout,
    .deadline = chap_deadline,
    .print = chap_print,
};
