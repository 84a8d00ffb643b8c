/* libFuzzer target: the MS-CHAP Success and Failure message parsers and the
 * Response value check over arbitrary bytes. What parses must format back
 * into something that parses the same. The bytes as an owner's (RADIUS)
 * verdict text: what the peer is sent is bounded, and a v2 Success or any
 * Failure is one the peer can parse. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pppd-lite/proto/chap_ms.h"
#include "pppd-lite/proto/mschap_msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mschap_failure f, f2;
    struct mschap_success s, s2;
    char out[600];
    size_t n;

    if (mschap_parse_failure(data, size, &f) == NULL) {
        if (f.text_len >= MSCHAP_MSG_TEXT_MAX || strlen(f.text) != f.text_len ||
            f.challenge_len > sizeof(f.challenge) || f.error < 0)
            abort();
        (void)mschap_error_text(f.error);
        if (!f.has_text || strchr(f.text, 0) == f.text + f.text_len) {
            n = mschap_format_failure(out, sizeof(out), f.error, f.retry, f.challenge,
                                      f.challenge_len, f.version, f.has_text ? f.text : NULL);
            if (n && f.has_challenge) {
                if (mschap_parse_failure((const uint8_t *)out, n, &f2) != NULL)
                    abort();
                if (f2.error != f.error || f2.challenge_len != f.challenge_len ||
                    memcmp(f2.challenge, f.challenge, f.challenge_len) != 0)
                    abort();
            }
        }
    }
    if (mschap_parse_success(data, size, &s) == NULL) {
        if (strlen(s.auth_response) != MSCHAP_AUTH_RESPONSE_HEX || s.text_len >= MSCHAP_MSG_TEXT_MAX)
            abort();
        n = mschap_format_success(out, sizeof(out), s.auth_response, s.has_text ? s.text : NULL);
        if (n == 0 || mschap_parse_success((const uint8_t *)out, n, &s2) != NULL ||
            strcmp(s.auth_response, s2.auth_response) != 0)
            abort();
    }
    (void)mschap_check_response(1 + (size & 1), data, size);

    static const uint8_t chal[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
    char text[300], msg[256];
    size_t tl = size < sizeof(text) - 1 ? size : sizeof(text) - 1;
    memcpy(text, data, tl);
    text[tl] = '\0';
    for (int i = 0; i < 4; i++) {
        uint8_t digest = i & 1 ? CHAP_DIGEST_MSV2 : CHAP_DIGEST_MS;
        bool ok = chap_ms_owner_verdict(digest, i & 2, text, chal, chap_md_challenge_len(digest),
                                        msg, sizeof(msg));
        size_t ml = strnlen(msg, sizeof(msg));
        if (ml == sizeof(msg) || (ok && !(i & 2)))
            abort();
        if (!ok && mschap_parse_failure((const uint8_t *)msg, ml, &f2) != NULL)
            abort();
        if (ok && digest == CHAP_DIGEST_MSV2 &&
            mschap_parse_success((const uint8_t *)msg, ml, &s2) != NULL)
            abort();
    }
    return 0;
}
