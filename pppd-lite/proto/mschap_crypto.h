/* mschap_crypto: the MS-CHAP computations of RFC 2433 (v1), RFC 2759 (v2)
 * and the MPPE start keys of RFC 3079, on Nettle's MD4, SHA-1 and DES.
 *
 * Secrets are UTF-8 text: they are converted to UTF-16LE before hashing, as
 * Windows does. A secret that is not valid UTF-8 is taken as Latin-1 (each
 * byte zero-extended), which is what pppd does with every secret, so old
 * secrets files keep working. Every intermediate copy of a password or of
 * its hashes is wiped before the functions return; the caller wipes what it
 * asked for (NT hash, keys). */
#ifndef PPPD_LITE_PROTO_MSCHAP_CRYPTO_H
#define PPPD_LITE_PROTO_MSCHAP_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MSCHAP_V1_CHALLENGE_LEN 8
#define MSCHAP_V2_CHALLENGE_LEN 16
#define MSCHAP_HASH_LEN 16            /* MD4 */
#define MSCHAP_NT_RESPONSE_LEN 24
#define MSCHAP_RESPONSE_LEN 49        /* both versions' Response value */
#define MSCHAP_AUTH_RESPONSE_HEX 40   /* S=<40 hex> */
#define MSCHAP_KEY_LEN 16             /* MPPE 128-bit start keys */
#define MSCHAP_PASSWORD_MAX 256       /* UTF-16 code units, RFC 2759 8.1 */

/* Offsets in the 49-byte Response value. v1 (RFC 2433 3): LM response,
 * NT response, use-NT flag. v2 (RFC 2759 4): peer challenge, 8 reserved
 * zero bytes, NT response, flags. */
enum {
    MSCHAP_V1_LM_OFF = 0, MSCHAP_V1_NT_OFF = 24, MSCHAP_V1_USENT_OFF = 48,
    MSCHAP_V2_PEER_OFF = 0, MSCHAP_V2_NT_OFF = 24, MSCHAP_V2_FLAGS_OFF = 48,
};

/* The secret in UTF-16LE (see above): code units written to out (at most
 * MSCHAP_PASSWORD_MAX; longer secrets are cut there, as RFC 2759 limits
 * them). Sets *latin1 when the text was not UTF-8. */
size_t mschap_utf16le(const char *secret, size_t len, uint8_t out[2 * MSCHAP_PASSWORD_MAX],
                      bool *latin1);
/* NtPasswordHash (RFC 2759 8.3): MD4 of the UTF-16LE password. */
void mschap_nt_hash(const char *secret, size_t len, uint8_t out[MSCHAP_HASH_LEN]);
/* HashNtPasswordHash (RFC 2759 8.4): MD4 of the NT hash. */
void mschap_hash_hash(const uint8_t hash[MSCHAP_HASH_LEN], uint8_t out[MSCHAP_HASH_LEN]);
/* The user name that enters the challenge hash: after the last backslash
 * (RFC 2759 4: any DOMAIN\ prefix is left out; pppd uses the last one). */
const char *mschap_hash_user(const char *name);
/* ChallengeHash (RFC 2759 8.2): SHA-1(peer | authenticator | user)[0..8],
 * user stripped of its DOMAIN\ prefix here. */
void mschap_challenge_hash(const uint8_t peer[MSCHAP_V2_CHALLENGE_LEN],
                           const uint8_t auth[MSCHAP_V2_CHALLENGE_LEN], const char *user,
                           uint8_t out[MSCHAP_V1_CHALLENGE_LEN]);
/* ChallengeResponse (RFC 2759 8.5): the 8-byte challenge DES-encrypted
 * under each 7-byte third of the hash padded with zeros to 21 bytes. */
void mschap_challenge_response(const uint8_t chal[MSCHAP_V1_CHALLENGE_LEN],
                               const uint8_t hash[MSCHAP_HASH_LEN],
                               uint8_t out[MSCHAP_NT_RESPONSE_LEN]);

/* v1 Response value as pppd sends it: LM response zero (pppd is built
 * without LAN Manager support), NT response, use-NT flag 1. */
void mschap_v1_response(const uint8_t chal[MSCHAP_V1_CHALLENGE_LEN], const char *secret,
                        size_t len, uint8_t out[MSCHAP_RESPONSE_LEN]);
/* v2 NT-Response (RFC 2759 8.1). */
void mschap_v2_nt_response(const uint8_t auth[MSCHAP_V2_CHALLENGE_LEN],
                           const uint8_t peer[MSCHAP_V2_CHALLENGE_LEN], const char *user,
                           const char *secret, size_t len, uint8_t out[MSCHAP_NT_RESPONSE_LEN]);
/* v2 Response value: peer challenge, zeros, NT-Response, flags 0. */
void mschap_v2_response(const uint8_t auth[MSCHAP_V2_CHALLENGE_LEN],
                        const uint8_t peer[MSCHAP_V2_CHALLENGE_LEN], const char *user,
                        const char *secret, size_t len, uint8_t out[MSCHAP_RESPONSE_LEN]);
/* GenerateAuthenticatorResponse (RFC 2759 8.7) from the password: 40
 * upper-case hex digits and a NUL, without the "S=". */
void mschap_v2_auth_response(const char *secret, size_t len,
                             const uint8_t nt_response[MSCHAP_NT_RESPONSE_LEN],
                             const uint8_t peer[MSCHAP_V2_CHALLENGE_LEN],
                             const uint8_t auth[MSCHAP_V2_CHALLENGE_LEN], const char *user,
                             char out[MSCHAP_AUTH_RESPONSE_HEX + 1]);

/* MPPE start keys (RFC 3079), 128 bits; the 40/56-bit reductions belong to
 * MPPE itself. */
struct mschap_keys {
    uint8_t send[MSCHAP_KEY_LEN];
    uint8_t recv[MSCHAP_KEY_LEN];
};
/* v1 (RFC 3079 2.4): SHA-1(hashhash | hashhash | challenge), both ways. */
void mschap_v1_keys(const char *secret, size_t len, const uint8_t chal[MSCHAP_V1_CHALLENGE_LEN],
                    struct mschap_keys *k);
/* GetMasterKey (RFC 3079 3.4). */
void mschap_v2_master_key(const uint8_t hashhash[MSCHAP_HASH_LEN],
                          const uint8_t nt_response[MSCHAP_NT_RESPONSE_LEN],
                          uint8_t out[MSCHAP_KEY_LEN]);
/* GetAsymmetricStartKey (RFC 3079 3.4), 16 bytes. */
void mschap_v2_start_key(const uint8_t master[MSCHAP_KEY_LEN], bool is_send, bool is_server,
                         uint8_t out[MSCHAP_KEY_LEN]);
/* Both start keys of one side from the password and the NT-Response. */
void mschap_v2_keys(const char *secret, size_t len,
                    const uint8_t nt_response[MSCHAP_NT_RESPONSE_LEN], bool is_server,
                    struct mschap_keys *k);

#endif
