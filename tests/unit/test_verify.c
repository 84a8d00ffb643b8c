/* cmocka tests for the engine's asynchronous credential checks
 * (engine_env.verify, engine_verify_done): the owner gets the PAP user and
 * password or the CHAP response, may answer later while the link keeps
 * running (echoes, timers), and a verdict nothing waits for is ignored.
 * With an owner no local secret is needed to ask, and the owner's text
 * (a RADIUS Reply-Message) is what the peer is sent. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "pppd-lite/proto/chap.h"
#include "pppd-lite/proto/chap_ms.h"
#include "tests/unit/engine_harness.h"

/* What the test owner saw, and how it answers. */
static struct {
    unsigned calls, id;
    enum engine_auth_proto proto;
    char peer[64], our_name[64], password[64];
    bool chap_ok;                /* the CHAP response matched "t0ps3cret" */
    uint8_t digest;
    char ms_text[256];           /* MS-CHAP: what a server that knows the password says */
    int answer;                  /* 1, 0 or ENGINE_VERIFY_PENDING */
} own;

static int owner(struct h_peer *me, const struct engine_verify_request *req,
                 struct secret_match *m)
{
    (void)me;
    own.calls++;
    m->n_addrs = 1;                             /* as a secrets entry: any address */
    snprintf(m->addrs[0], sizeof m->addrs[0], "*");
    own.id = req->id;
    own.proto = req->proto;
    snprintf(own.peer, sizeof own.peer, "%s", req->peer);
    snprintf(own.our_name, sizeof own.our_name, "%s", req->our_name);
    snprintf(own.password, sizeof own.password, "%.*s", (int)req->password_len,
             req->password ? (const char *)req->password : "");
    own.digest = req->chap_digest;
    if (req->proto == ENGINE_AUTH_CHAP && req->chap_digest != CHAP_DIGEST_MD5) {
        struct mschap_keys k;
        own.chap_ok = chap_ms_verify(req->chap_digest, req->challenge, req->challenge_len,
                                     req->response, req->response_len, req->peer, "t0ps3cret", 9,
                                     own.ms_text, sizeof own.ms_text, &k);
    } else if (req->proto == ENGINE_AUTH_CHAP) {
        uint8_t want[CHAP_MD5_LEN];
        chap_md5_response(req->chap_id, "t0ps3cret", 9, req->challenge, req->challenge_len, want);
        own.chap_ok = req->response_len == CHAP_MD5_LEN &&
                      memcmp(want, req->response, CHAP_MD5_LEN) == 0;
    }
    return own.answer;
}

static int setup(void **state)
{
    h_setup(state);
    memset(&own, 0, sizeof own);
    own.answer = ENGINE_VERIFY_PENDING;
    /* alpha authenticates bravo (joe); alpha's owner does the check */
    L.a.verify = owner;
    L.a.pap_secrets = "joe * ignored *\n";      /* lets alpha ask for PAP at all */
    snprintf(L.b.s.auth.user, sizeof L.b.s.auth.user, "joe");
    snprintf(L.b.s.auth.password, sizeof L.b.s.auth.password, "t0ps3cret");
    L.b.s.auth.have_password = true;
    L.a.s.lcp.echo_interval_ms = 1000;
    return 0;
}

static void pap_verdict_later(void **state)
{
    (void)state;
    L.a.s.auth.require_pap = true;
    h_connect(&L, 10000);
    assert_int_equal(own.calls, 1);             /* retransmissions are not checked again */
    assert_int_equal(own.proto, ENGINE_AUTH_PAP);
    assert_string_equal(own.peer, "joe");
    assert_string_equal(own.our_name, "alpha");
    assert_string_equal(own.password, "t0ps3cret");
    assert_int_equal(engine_phase(L.a.e), ENGINE_PHASE_AUTHENTICATE);
    assert_false(h_logged("sent [PAP AuthAck"));
    /* the link kept running meanwhile */
    assert_true(engine_counters(L.a.e)->echo_requests_sent >= 5);
    engine_verify_done(L.a.e, L.now, own.id, true, NULL);
    h_run_for(&L, 3000);
    assert_true(h_logged("sent [PAP AuthAck id=0x"));
    assert_true(h_logged("PAP peer authentication succeeded for joe"));
    assert_true(engine_ip_ready(L.a.e));
    assert_true(engine_ip_ready(L.b.e));
    assert_string_equal(engine_peer_name(L.a.e), "joe");
}

static void pap_rejected_later(void **state)
{
    (void)state;
    L.a.s.auth.require_pap = true;
    h_connect(&L, 2000);
    assert_int_equal(own.calls, 1);
    engine_verify_done(L.a.e, L.now, own.id, false, NULL);
    h_run_for(&L, 20000);
    assert_true(h_logged("sent [PAP AuthNak id=0x"));
    assert_true(h_logged("PAP peer authentication failed for joe"));
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_PEER_AUTH_FAILED);
}

/* RADIUS: no local secrets at all, the owner's text reaches the peer. */
static void pap_without_secrets_with_text(void **state)
{
    (void)state;
    L.a.pap_secrets = NULL;
    L.a.s.auth.require_pap = true;
    h_connect(&L, 2000);
    assert_int_equal(own.calls, 1);             /* asked for PAP with no pap-secrets */
    engine_verify_done_text(L.a.e, L.now, own.id, false, NULL, "Account closed");
    h_run_for(&L, 20000);
    assert_true(h_logged("sent [PAP AuthNak id=0x"));
    assert_true(h_logged("\"Account closed\""));
    assert_false(h_logged("Login incorrect"));
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_PEER_AUTH_FAILED);
}

static void chap_without_secrets_with_text(void **state)
{
    (void)state;
    L.a.pap_secrets = NULL;
    L.a.s.auth.require_chap = true;
    h_connect(&L, 2000);
    assert_int_equal(own.calls, 1);
    assert_true(own.chap_ok);
    engine_verify_done_text(L.a.e, L.now, own.id, true, NULL, "Welcome, joe");
    h_run_for(&L, 3000);
    assert_true(h_logged("\"Welcome, joe\""));
    assert_true(engine_ip_ready(L.a.e));
}

static void pap_answered_at_once(void **state)
{
    (void)state;
    L.a.s.auth.require_pap = true;
    own.answer = 1;
    h_connect(&L, 5000);
    assert_int_equal(own.calls, 1);
    assert_true(engine_ip_ready(L.a.e));
    /* the owner's id is spent: a late verdict for it changes nothing */
    engine_verify_done(L.a.e, L.now, own.id, false, NULL);
    h_run_for(&L, 2000);
    assert_true(engine_ip_ready(L.a.e));
    assert_true(h_logged("verdict for credential check"));
}

static void chap_owner_checks_response(void **state)
{
    (void)state;
    L.a.s.auth.require_chap = true;
    L.a.chap_secrets = "joe alpha ignored *\n";
    L.b.chap_secrets = "";
    h_connect(&L, 5000);
    assert_int_equal(own.calls, 1);
    assert_int_equal(own.proto, ENGINE_AUTH_CHAP);
    assert_string_equal(own.peer, "joe");
    assert_true(own.chap_ok);                   /* MD5(id, secret, challenge) matched */
    assert_false(engine_ip_ready(L.a.e));
    /* the owner limits the addresses, as a secrets entry would */
    struct secret_match m;
    memset(&m, 0, sizeof m);
    m.n_addrs = 1;
    snprintf(m.addrs[0], sizeof m.addrs[0], "192.0.2.77");
    L.a.s.ipcp.local_addr = 0xc0000201u;        /* 192.0.2.1 */
    engine_verify_done(L.a.e, L.now, own.id, own.chap_ok, &m);
    h_run_for(&L, 3000);
    assert_true(h_logged("sent [CHAP Success id=0x"));
    assert_true(engine_ip_ready(L.a.e));
    struct engine_ip_params ip;
    assert_true(engine_get_ip(L.a.e, &ip));
    assert_int_equal(ip.remote, 0xc000024du);   /* the one address it allows */
}

static void verdict_after_link_down_is_ignored(void **state)
{
    (void)state;
    L.a.s.auth.require_pap = true;
    h_connect(&L, 2000);
    assert_int_equal(own.calls, 1);
    engine_lower_down(L.a.e, L.now);
    engine_verify_done(L.a.e, L.now, own.id, true, NULL);
    assert_false(h_logged("sent [PAP AuthAck"));
    assert_true(h_logged("verdict for credential check"));
    assert_int_equal(engine_phase(L.a.e), ENGINE_PHASE_DEAD);
}

/* MS-CHAPv2 checked by the owner (RADIUS) with no chap-secrets: its S=
 * reaches the peer, which verifies it. */
static void mschap2_owner_success(void **state)
{
    (void)state;
    L.a.pap_secrets = NULL;
    L.a.s.auth.require_mschap_v2 = true;
    snprintf(L.b.s.auth.user, sizeof L.b.s.auth.user, "DOM\\joe");
    h_connect(&L, 3000);
    assert_int_equal(own.calls, 1);
    assert_int_equal(own.digest, CHAP_DIGEST_MSV2);
    assert_string_equal(own.peer, "DOM\\joe");  /* as sent: the server hashes it */
    assert_true(own.chap_ok);
    assert_true(h_logged("MS-CHAPv2 check of the peer handed to the owner"));
    assert_memory_equal(own.ms_text, "S=", 2);
    engine_verify_done_text(L.a.e, L.now, own.id, true, NULL, own.ms_text);
    h_run_for(&L, 3000);
    assert_true(h_logged(own.ms_text));
    assert_true(h_logged("CHAP peer authentication succeeded for DOM\\x5cjoe"));
    assert_true(h_logged("CHAP authentication succeeded"));
    assert_false(h_logged("mutual authentication failed"));
    assert_true(engine_ip_ready(L.a.e));
    assert_true(engine_ip_ready(L.b.e));
}

/* An owner's S= that is not the one for the peer's password: the peer
 * ends the link (it is not fooled by an Accept alone). */
static void mschap2_owner_wrong_s(void **state)
{
    (void)state;
    L.a.pap_secrets = NULL;
    L.a.s.auth.require_mschap_v2 = true;
    h_connect(&L, 3000);
    assert_int_equal(own.calls, 1);
    engine_verify_done_text(L.a.e, L.now, own.id, true, NULL,
                            "S=0000000000000000000000000000000000000000");
    h_run_for(&L, 20000);
    assert_true(h_logged("sent [CHAP Success"));
    assert_true(h_logged("MS-CHAPv2 mutual authentication failed."));
    assert_int_equal(h_dead_status(&L.b), ENGINE_EXIT_AUTH_TOPEER_FAILED);
    assert_false(engine_ip_ready(L.b.e));
}

/* An Accept without S= is no use to a v2 peer: refused, with our Failure. */
static void mschap2_owner_accept_without_s(void **state)
{
    (void)state;
    L.a.pap_secrets = NULL;
    L.a.s.auth.require_mschap_v2 = true;
    h_connect(&L, 3000);
    engine_verify_done_text(L.a.e, L.now, own.id, true, NULL, "Welcome");
    h_run_for(&L, 20000);
    assert_true(h_logged("sent no usable S= authenticator response (Welcome)"));
    assert_true(h_logged("sent [CHAP Failure id=0x"));
    assert_true(h_logged("E=691 R=1 C="));
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_PEER_AUTH_FAILED);
}

/* The owner's MS-CHAP Failure message reaches the peer as it is; a plain
 * text becomes the M= of ours. */
static void mschap2_owner_failure_text(void **state)
{
    (void)state;
    L.a.pap_secrets = NULL;
    L.a.s.auth.require_mschap_v2 = true;
    h_connect(&L, 3000);
    engine_verify_done_text(L.a.e, L.now, own.id, false, NULL,
                            "E=648 R=0 C=00112233445566778899aabbccddeeff V=3 M=Expired");
    h_run_for(&L, 20000);
    assert_true(h_logged("\"E=648 R=0 C=00112233445566778899aabbccddeeff V=3 M=Expired\""));
    assert_true(h_logged("MS-CHAP authentication failed: E=648 Password expired"));
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_PEER_AUTH_FAILED);
    assert_int_equal(h_dead_status(&L.b), ENGINE_EXIT_AUTH_TOPEER_FAILED);
}

static void mschap2_owner_reply_message(void **state)
{
    (void)state;
    L.a.pap_secrets = NULL;
    L.a.s.auth.require_mschap_v2 = true;
    h_connect(&L, 3000);
    engine_verify_done_text(L.a.e, L.now, own.id, false, NULL, "Account closed");
    h_run_for(&L, 20000);
    assert_true(h_logged("V=3 M=Account closed\""));
    assert_true(h_logged("MS-CHAP authentication failed: Account closed"));
}

/* MS-CHAP v1 through the owner. */
static void mschap1_owner(void **state)
{
    (void)state;
    L.a.pap_secrets = NULL;
    L.a.s.auth.require_mschap = true;
    h_connect(&L, 3000);
    assert_int_equal(own.calls, 1);
    assert_int_equal(own.digest, CHAP_DIGEST_MS);
    assert_true(own.chap_ok);
    engine_verify_done_text(L.a.e, L.now, own.id, true, NULL, "");
    h_run_for(&L, 3000);
    assert_true(h_logged("sent [CHAP Success id=0x1 \"Access granted\"]"));
    assert_true(engine_ip_ready(L.b.e));
}

/* A Response the owner could not use (v1 asking for LAN Manager) is
 * refused here, without asking. */
static bool lm_only(struct h_peer *from, uint16_t proto, uint8_t *p, size_t *len)
{
    (void)from;
    if (proto == PPP_PROTO_CHAP && *len >= 5 + 49 && p[0] == CHAP_RESPONSE)
        p[4 + 49] = 0;                       /* the use-NT flag */
    return true;
}

static void mschap1_owner_not_asked_for_lm(void **state)
{
    (void)state;
    L.a.pap_secrets = NULL;
    L.a.s.auth.require_mschap = true;
    L.b.filter = lm_only;
    h_connect(&L, 20000);
    assert_int_equal(own.calls, 0);
    assert_true(h_logged("LAN Manager"));
    assert_int_equal(h_dead_status(&L.a), ENGINE_EXIT_PEER_AUTH_FAILED);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, h_teardown)
    const struct CMUnitTest tests[] = {
        T(pap_verdict_later),
        T(pap_rejected_later),
        T(pap_answered_at_once),
        T(pap_without_secrets_with_text),
        T(chap_without_secrets_with_text),
        T(chap_owner_checks_response),
        T(verdict_after_link_down_is_ignored),
        T(mschap2_owner_success),
        T(mschap2_owner_wrong_s),
        T(mschap2_owner_accept_without_s),
        T(mschap2_owner_failure_text),
        T(mschap2_owner_reply_message),
        T(mschap1_owner),
        T(mschap1_owner_not_asked_for_lm),
    };
    return cmocka_run_group_tests_name("verify", tests, NULL, NULL);
}
