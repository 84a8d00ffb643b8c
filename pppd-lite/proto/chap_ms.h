/* chap_ms: the MS-CHAP digests behind the CHAP module (pppd's chap_ms.c):
 * algorithm codes and preference, the authenticator's check of a Response
 * with the Success/Failure text it answers, the peer's Response, its check
 * of the authenticator's S= and its reading of a Failure. No engine state:
 * the CHAP module owns identifiers, timers and secrets look-ups. */
#ifndef PPPD_LITE_PROTO_CHAP_MS_H
#define PPPD_LITE_PROTO_CHAP_MS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pppd-lite/proto/mschap_crypto.h"

/* CHAP algorithm numbers in LCP's auth option (RFC 1994, 2433, 2759). */
enum { CHAP_DIGEST_MD5 = 5, CHAP_DIGEST_MS = 0x80, CHAP_DIGEST_MSV2 = 0x81 };
/* Sets of algorithms, as pppd's MDTYPE_* bits. */
enum { CHAP_MD_MD5 = 1u, CHAP_MD_MS = 2u, CHAP_MD_MSV2 = 4u,
       CHAP_MD_ALL = CHAP_MD_MD5 | CHAP_MD_MS | CHAP_MD_MSV2 };

/* The set bit of an algorithm number (0: not one we know). */
unsigned chap_md_bit(uint8_t digest);
/* The preferred algorithm of a set, pppd's order MS-CHAPv2, MS-CHAP, MD5;
 * 0 for an empty set. */
uint8_t chap_md_best(unsigned set);
/* "MD5", "MS", "MS-v2" (pppd's names in packet dumps), NULL if unknown. */
const char *chap_md_name(uint8_t digest);
/* Name in log lines: "MS-CHAP", "MS-CHAPv2", "CHAP". */
const char *chap_md_proto_name(uint8_t digest);
/* Challenge length the authenticator sends: 8 for MS-CHAP, 16 otherwise. */
size_t chap_md_challenge_len(uint8_t digest);

/* Authenticator: check a Response value for MS-CHAP (digest 0x80) or
 * MS-CHAPv2 (0x81). name is the peer's name as it sent it (DOMAIN\ left
 * in: it is stripped for the hash), secret the chap-secrets entry. The
 * Success or Failure text goes to msg; on success the MPPE keys of the
 * server side go to keys. A malformed value is logged and fails. */
bool chap_ms_verify(uint8_t digest, const uint8_t *challenge, size_t challenge_len,
                    const uint8_t *val, size_t vlen, const char *name, const char *secret,
                    size_t secret_len, char *msg, size_t msg_cap, struct mschap_keys *keys);
/* Authenticator: is a Response value usable at all (49 bytes, NT response
 * for v1) for our challenge? Logs why not. */
bool chap_ms_usable(uint8_t digest, size_t challenge_len, const uint8_t *val, size_t vlen);
/* Authenticator, when the engine's owner (RADIUS) judged the Response: the
 * Success or Failure text for the peer from the owner's text (see
 * engine_verify_done_text) into msg, and the verdict to apply: an MS-CHAPv2
 * accept without a well-formed S= becomes a refusal (logged). */
bool chap_ms_owner_verdict(uint8_t digest, bool ok, const char *text,
                           const uint8_t *challenge, size_t challenge_len, char *msg,
                           size_t msg_cap);
/* The Failure text for a peer that had no secret or a malformed Response. */
void chap_ms_failure_text(uint8_t digest, const uint8_t *challenge, size_t challenge_len,
                          char *msg, size_t msg_cap);

/* Peer: the 49-byte Response to a Challenge. peer_challenge (16 random
 * bytes) is used by v2 only. For v2 the S= we expect back goes to
 * auth_response; keys get the client side's MPPE keys. false (and a logged
 * reason) when the Challenge is not the length the algorithm uses. */
bool chap_ms_respond(uint8_t digest, const uint8_t *challenge, size_t challenge_len,
                     const uint8_t peer_challenge[MSCHAP_V2_CHALLENGE_LEN], const char *user,
                     const char *secret, size_t secret_len, uint8_t out[MSCHAP_RESPONSE_LEN],
                     char auth_response[MSCHAP_AUTH_RESPONSE_HEX + 1], struct mschap_keys *keys);
/* Peer: is a v2 Success message well formed and its S= the one expected?
 * Logs pppd's error lines when not. */
bool chap_ms_check_success(const char expected[MSCHAP_AUTH_RESPONSE_HEX + 1],
                           const uint8_t *msg, size_t n);
/* Peer: log a Failure message as pppd does: the M= text, else the E= code
 * in words, else the message escaped. */
void chap_ms_log_failure(const uint8_t *msg, size_t n);

#endif
