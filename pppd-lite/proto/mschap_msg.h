/* mschap_msg: the text of MS-CHAP Success and Failure packets and the
 * layout check of the 49-byte Response value.
 *
 *   Failure (RFC 2759 6, RFC 2433 3): "E=691 R=1 C=<hex> V=3 M=<text>"
 *   Success (RFC 2759 5):             "S=<40 hex> M=<text>"
 *
 * Parsers take the message bytes as received (not NUL-terminated, maybe
 * holding NULs or any byte) and say what is wrong in words; they never
 * touch memory outside [p, p + n). */
#ifndef PPPD_LITE_PROTO_MSCHAP_MSG_H
#define PPPD_LITE_PROTO_MSCHAP_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pppd-lite/proto/mschap_crypto.h"

/* Error codes of the E= field (RFC 2759 6). */
enum {
    MSCHAP_E_RESTRICTED_HOURS = 646,
    MSCHAP_E_ACCT_DISABLED = 647,
    MSCHAP_E_PASSWD_EXPIRED = 648,
    MSCHAP_E_NO_DIALIN = 649,
    MSCHAP_E_AUTH_FAILURE = 691,
    MSCHAP_E_CHANGING_PASSWORD = 709,
};

#define MSCHAP_MSG_TEXT_MAX 256

struct mschap_failure {
    long error;                 /* E= */
    bool has_retry;
    long retry;                 /* R= */
    bool has_challenge;
    uint8_t challenge[MSCHAP_V2_CHALLENGE_LEN];   /* C= (8 bytes for v1, 16 for v2) */
    size_t challenge_len;
    bool has_version;
    long version;               /* V= */
    bool has_text;
    char text[MSCHAP_MSG_TEXT_MAX];   /* M=, raw bytes up to a NUL, cut to fit */
    size_t text_len;
};

struct mschap_success {
    char auth_response[MSCHAP_AUTH_RESPONSE_HEX + 1];   /* S=, upper-cased */
    bool has_text;
    char text[MSCHAP_MSG_TEXT_MAX];
    size_t text_len;
};

/* NULL when the message parsed, else why not (a constant string). */
const char *mschap_parse_failure(const uint8_t *p, size_t n, struct mschap_failure *f);
const char *mschap_parse_success(const uint8_t *p, size_t n, struct mschap_success *s);

/* The error code in words as pppd logs it ("Authentication failure"), or
 * NULL for a code pppd does not know. */
const char *mschap_error_text(long code);

/* "E=.. R=.. C=.. V=..[ M=..]" into out (NUL-terminated); the length, or 0
 * when it does not fit. A NULL text leaves M= out (v1). */
size_t mschap_format_failure(char *out, size_t cap, long error, long retry,
                             const uint8_t *challenge, size_t challenge_len, long version,
                             const char *text);
/* "S=<hex>[ M=text]"; the length, or 0 when it does not fit. */
size_t mschap_format_success(char *out, size_t cap, const char auth_response[MSCHAP_AUTH_RESPONSE_HEX + 1],
                             const char *text);

/* A Response value's layout: NULL when usable, else why not. For v1 a
 * clear use-NT flag asks for the LAN Manager response, which pppd (and we)
 * do not support. */
const char *mschap_check_response(int version, const uint8_t *val, size_t len);

#endif
