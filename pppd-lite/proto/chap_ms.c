/* chap_ms: MS-CHAP v1/v2 digests for the CHAP module (pppd chap_ms.c). */
#include "chap_ms.h"

#include <stdio.h>
#include <string.h>

#include "common/log.h"
#include "common/secrets.h"
#include "pppd-lite/proto/mschap_msg.h"

#define MS_MSG_OK "Access granted"
#define MS_MSG_BAD "Access denied"

unsigned chap_md_bit(uint8_t digest)
{
    switch (digest) {
    case CHAP_DIGEST_MD5: return CHAP_MD_MD5;
    case CHAP_DIGEST_MS: return CHAP_MD_MS;
    case CHAP_DIGEST_MSV2: return CHAP_MD_MSV2;
    default: return 0;
    }
}

uint8_t chap_md_best(unsigned set)
{
    if (set & CHAP_MD_MSV2)
        return CHAP_DIGEST_MSV2;
    if (set & CHAP_MD_MS)
        return CHAP_DIGEST_MS;
    if (set & CHAP_MD_MD5)
        return CHAP_DIGEST_MD5;
    return 0;
}

const char *chap_md_name(uint8_t digest)
{
    switch (digest) {
    case CHAP_DIGEST_MD5: return "MD5";
    case CHAP_DIGEST_MS: return "MS";
    case CHAP_DIGEST_MSV2: return "MS-v2";
    default: return NULL;
    }
}

const char *chap_md_proto_name(uint8_t digest)
{
    switch (digest) {
    case CHAP_DIGEST_MS: return "MS-CHAP";
    case CHAP_DIGEST_MSV2: return "MS-CHAPv2";
    default: return "CHAP";
    }
}

size_t chap_md_challenge_len(uint8_t digest)
{
    return digest == CHAP_DIGEST_MS ? MSCHAP_V1_CHALLENGE_LEN : MSCHAP_V2_CHALLENGE_LEN;
}

/* pppd: "E=691 R=1 C=<challenge> V=0" (v1), with M= for v2. The version
 * is that of MS-CHAP for v2 (RFC 2759 6); 0 for v1: we do not take a
 * password change (RFC 2433's V= names that protocol's version). */
void chap_ms_failure_text(uint8_t digest, const uint8_t *challenge, size_t challenge_len,
                          char *msg, size_t msg_cap)
{
    bool v2 = digest == CHAP_DIGEST_MSV2;

    if (mschap_format_failure(msg, msg_cap, MSCHAP_E_AUTH_FAILURE, 1, challenge, challenge_len,
                              v2 ? 3 : 0, v2 ? MS_MSG_BAD : NULL) == 0 && msg_cap > 0)
        snprintf(msg, msg_cap, "E=%d", MSCHAP_E_AUTH_FAILURE);
}

bool chap_ms_usable(uint8_t digest, size_t challenge_len, const uint8_t *val, size_t vlen)
{
    const char *why = mschap_check_response(digest == CHAP_DIGEST_MSV2 ? 2 : 1, val, vlen);

    if (why == NULL && challenge_len != chap_md_challenge_len(digest))
        why = "our challenge has the wrong length";
    if (why != NULL)
        log_notice("%s: %s", chap_md_proto_name(digest), why);
    return why == NULL;
}

bool chap_ms_verify(uint8_t digest, const uint8_t *challenge, size_t challenge_len,
                    const uint8_t *val, size_t vlen, const char *name, const char *secret,
                    size_t secret_len, char *msg, size_t msg_cap, struct mschap_keys *keys)
{
    int version = digest == CHAP_DIGEST_MSV2 ? 2 : 1;
    uint8_t want[MSCHAP_RESPONSE_LEN];
    char s[MSCHAP_AUTH_RESPONSE_HEX + 1];
    bool ok;

    if (!chap_ms_usable(digest, challenge_len, val, vlen)) {
        chap_ms_failure_text(digest, challenge, challenge_len, msg, msg_cap);
        return false;
    }
    if (version == 1) {
        mschap_v1_response(challenge, secret, secret_len, want);
        ok = secrets_equal(want + MSCHAP_V1_NT_OFF, MSCHAP_NT_RESPONSE_LEN,
                           val + MSCHAP_V1_NT_OFF, MSCHAP_NT_RESPONSE_LEN);
        if (ok)
            mschap_v1_keys(secret, secret_len, challenge, keys);
    } else {
        mschap_v2_nt_response(challenge, val + MSCHAP_V2_PEER_OFF, name, secret, secret_len,
                              want);
        ok = secrets_equal(want, MSCHAP_NT_RESPONSE_LEN, val + MSCHAP_V2_NT_OFF,
                           MSCHAP_NT_RESPONSE_LEN);
        if (ok) {
            mschap_v2_auth_response(secret, secret_len, want, val + MSCHAP_V2_PEER_OFF,
                                    challenge, name, s);
            mschap_v2_keys(secret, secret_len, want, true, keys);
        }
    }
    secrets_wipe(want, sizeof(want));
    if (!ok) {
        chap_ms_failure_text(digest, challenge, challenge_len, msg, msg_cap);
        return false;
    }
    if (version == 1) {
        snprintf(msg, msg_cap, "%s", MS_MSG_OK);
    } else {
        /* pppd: win98 sets flags (contrary to the RFC) and chokes on M=. */
        mschap_format_success(msg, msg_cap, s, val[MSCHAP_V2_FLAGS_OFF] ? NULL : MS_MSG_OK);
    }
    return true;
}

bool chap_ms_owner_verdict(uint8_t digest, bool ok, const char *text,
                           const uint8_t *challenge, size_t challenge_len, char *msg,
                           size_t msg_cap)
{
    size_t n = text ? strlen(text) : 0;
    struct mschap_success s;
    struct mschap_failure f;
    char shown[LOG_PRINTABLE_MAX];

    if (ok && digest == CHAP_DIGEST_MSV2) {
        /* The owner knows the password, we do not: only its S= lets the
         * peer's mutual authentication pass, so an Accept without one is
         * no use to the peer. */
        if (n > 0 && n < msg_cap && mschap_parse_success((const uint8_t *)text, n, &s) == NULL) {
            memcpy(msg, text, n + 1);
            return true;
        }
        log_error("MS-CHAPv2: the authentication server accepted the peer but sent no "
                  "usable S= authenticator response (%s); the peer is refused",
                  n ? log_printable_str(shown, sizeof(shown), text) : "none");
        chap_ms_failure_text(digest, challenge, challenge_len, msg, msg_cap);
        return false;
    }
    if (ok) {
        snprintf(msg, msg_cap, "%s", n ? text : MS_MSG_OK);
        return true;
    }
    if (n > 0 && n < msg_cap && mschap_parse_failure((const uint8_t *)text, n, &f) == NULL) {
        memcpy(msg, text, n + 1);            /* the server's E=, R=, C=, V=, M= */
        return false;
    }
    if (n > 0 && digest == CHAP_DIGEST_MSV2 &&
        mschap_format_failure(msg, msg_cap, MSCHAP_E_AUTH_FAILURE, 1, challenge, challenge_len,
                              3, text) > 0)
        return false;                        /* a Reply-Message as M= */
    chap_ms_failure_text(digest, challenge, challenge_len, msg, msg_cap);
    return false;
}

bool chap_ms_respond(uint8_t digest, const uint8_t *challenge, size_t challenge_len,
                     const uint8_t peer_challenge[MSCHAP_V2_CHALLENGE_LEN], const char *user,
                     const char *secret, size_t secret_len, uint8_t out[MSCHAP_RESPONSE_LEN],
                     char auth_response[MSCHAP_AUTH_RESPONSE_HEX + 1], struct mschap_keys *keys)
{
    if (challenge_len != chap_md_challenge_len(digest)) {
        log_notice("%s: Challenge of %zu bytes, expected %zu", chap_md_proto_name(digest),
                   challenge_len, chap_md_challenge_len(digest));
        return false;
    }
    auth_response[0] = '\0';
    if (digest == CHAP_DIGEST_MS) {
        mschap_v1_response(challenge, secret, secret_len, out);
        mschap_v1_keys(secret, secret_len, challenge, keys);
        return true;
    }
    mschap_v2_response(challenge, peer_challenge, user, secret, secret_len, out);
    mschap_v2_auth_response(secret, secret_len, out + MSCHAP_V2_NT_OFF, peer_challenge, challenge,
                            user, auth_response);
    mschap_v2_keys(secret, secret_len, out + MSCHAP_V2_NT_OFF, false, keys);
    return true;
}

bool chap_ms_check_success(const char expected[MSCHAP_AUTH_RESPONSE_HEX + 1],
                           const uint8_t *msg, size_t n)
{
    struct mschap_success s;
    const char *why = mschap_parse_success(msg, n, &s);
    char esc[4 * MSCHAP_MSG_TEXT_MAX + 1];

    if (why != NULL) {
        log_error("MS-CHAPv2 Success packet is badly formed.");
        log_debug("MS-CHAPv2 Success: %s", why);
        return false;
    }
    if (expected[0] == '\0' ||
        !secrets_equal(expected, MSCHAP_AUTH_RESPONSE_HEX, s.auth_response,
                       MSCHAP_AUTH_RESPONSE_HEX)) {
        log_error("MS-CHAPv2 mutual authentication failed.");
        return false;
    }
    if (s.has_text && s.text_len > 0)
        log_info("%s", log_printable(esc, sizeof(esc), s.text, s.text_len));
    return true;
}

void chap_ms_log_failure(const uint8_t *msg, size_t n)
{
    struct mschap_failure f;
    const char *why = mschap_parse_failure(msg, n, &f);
    const char *words;
    char esc[4 * MSCHAP_MSG_TEXT_MAX + 1];

    if (why != NULL) {
        log_debug("MS-CHAP Failure: %s", why);
        log_error("MS-CHAP authentication failed: %s",
                  log_printable(esc, sizeof(esc), msg, n < MSCHAP_MSG_TEXT_MAX ? n : MSCHAP_MSG_TEXT_MAX));
        return;
    }
    words = mschap_error_text(f.error);
    if (words != NULL)
        log_error("MS-CHAP authentication failed: E=%ld %s", f.error, words);
    else
        log_error("Unknown MS-CHAP authentication failure: E=%ld", f.error);
    if (f.has_text)
        log_error("MS-CHAP authentication failed: %s",
                  log_printable(esc, sizeof(esc), f.text, f.text_len));
}
