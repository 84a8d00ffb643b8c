/* chap: Challenge-Handshake Authentication Protocol (RFC 1994), both roles,
 * optional periodic re-challenge. Algorithms: MD5 (Nettle), MS-CHAP and
 * MS-CHAPv2 (proto/chap_ms.c), the one LCP agreed for each direction. */
#ifndef PPPD_LITE_CHAP_H
#define PPPD_LITE_CHAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pppd-lite/proto/mschap_crypto.h"
#include "pppd-lite/proto/protocol.h"
#include "pppd-lite/proto/settings.h"

enum { CHAP_CHALLENGE = 1, CHAP_RESPONSE = 2, CHAP_SUCCESS = 3, CHAP_FAILURE = 4 };
#define CHAP_MD5_LEN 16
#define CHAP_CHALLENGE_LEN 16

enum chap_client_state { CHAP_CS_IDLE, CHAP_CS_WAIT, CHAP_CS_RESPONDED, CHAP_CS_OPEN,
                         CHAP_CS_BADAUTH };
enum chap_server_state { CHAP_SS_IDLE, CHAP_SS_CHALLENGED, CHAP_SS_VERIFYING, CHAP_SS_OPEN,
                         CHAP_SS_BADAUTH };

struct engine;

/* With auth.c one unit (as in pppd): it knows the engine. */
struct chap {
    const struct proto_env *env;
    struct engine *e;
    enum chap_client_state cstate;
    enum chap_server_state sstate;
    /* server */
    uint8_t id;
    uint8_t challenge[CHAP_CHALLENGE_LEN];
    unsigned transmits;
    bool done_once;              /* the first challenge succeeded (re-challenges follow) */
    uint64_t server_deadline;
    char peer[ENGINE_NAME_MAX];
    uint8_t digest;              /* algorithm we challenge with (LCP's go) */
    size_t chal_len;
    char status_msg[256];        /* our last Success/Failure text, for a repeated Response
                                    (a RADIUS MS-CHAP-Error is up to 252 bytes) */
    /* client */
    uint64_t client_deadline;
    uint8_t last_resp_id;
    /* CHAP_SS_VERIFYING: the owner's verdict on the peer's response is awaited */
    unsigned verify_id;
    char verify_name[ENGINE_NAME_MAX];
    uint8_t cdigest;             /* algorithm the peer challenges us with (LCP's ho) */
    /* pppd caches MS-CHAP Responses: a retransmitted Challenge (same id and
     * value) gets the same Response, so the v2 peer challenge and the S=
     * expected stay those of the Response the authenticator judges. */
    bool have_cached;
    uint8_t cached_id;
    uint8_t cached_chal[CHAP_CHALLENGE_LEN];
    size_t cached_chal_len;
    uint8_t cached_resp[MSCHAP_RESPONSE_LEN];
    char expect_s[MSCHAP_AUTH_RESPONSE_HEX + 1];
    struct mschap_keys pending_keys; /* ours until the Success arrives */
    /* MPPE start keys (RFC 3079) of the last MS-CHAP success, either role */
    bool have_keys;
    struct mschap_keys keys;
};

extern const struct protocol chap_protocol;

void chap_start_client(struct chap *c);
void chap_start_server(struct chap *c);
void chap_stop(struct chap *c);
/* The MPPE start keys of the last MS-CHAP success on this link. */
bool chap_mppe_keys(const struct chap *c, uint8_t send[16], uint8_t recv[16]);
/* The owner's verdict on check verify_id; false if it is not ours. */
bool chap_verify_done(struct chap *c, unsigned verify_id, bool ok, const struct secret_match *m);
/* RFC 1994 4.1: MD5(id || secret || challenge). */
void chap_md5_response(uint8_t id, const void *secret, size_t secret_len, const uint8_t *chal,
                       size_t chal_len, uint8_t out[CHAP_MD5_LEN]);

#endif
