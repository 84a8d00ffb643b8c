/* radms: MS-CHAP v1 and v2 checked by a RADIUS server (RFC 2548): the
 * Access-Request's Microsoft attributes built from the peer's CHAP Response,
 * and the reading of what the answer holds for the peer: MS-CHAP2-Success
 * (the authenticator response the peer checks) on an Accept, MS-CHAP-Error
 * (its Failure message) on a Reject. Pure: no I/O, no radcli; everything
 * read from a reply is bounds-checked and parsed before use. */
#ifndef PPPD_LITE_RADMS_H
#define PPPD_LITE_RADMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pppd-lite/radius/radmsg.h"
#include "pppd-lite/radius/radreq.h"

/* Microsoft's attribute numbers (vendor RAD_VENDOR_MICROSOFT). */
enum {
    RAD_MS_CHAP_RESPONSE = 1, RAD_MS_CHAP_ERROR = 2, RAD_MS_CHAP_CHALLENGE = 11,
    RAD_MS_CHAP_MPPE_KEYS = 12, RAD_MS_MPPE_SEND_KEY = 16, RAD_MS_MPPE_RECV_KEY = 17,
    RAD_MS_CHAP2_RESPONSE = 25, RAD_MS_CHAP2_SUCCESS = 26,
};
#define RADMS_RESPONSE_LEN 50        /* ident, flags, then 48 bytes (RFC 2548 2.1.3, 2.3.2) */

/* Access-Request for MS-CHAP (version 1) or MS-CHAPv2 (2): User-Name as
 * the peer sent it (the server hashes it), MS-CHAP-Challenge (ours, 8 or 16
 * bytes) and MS-CHAP-Response or MS-CHAP2-Response from the 49-byte CHAP
 * value (RFC 2433 3, RFC 2759 4) and the CHAP identifier. false if a
 * length is wrong or the request too long. */
bool radms_auth(struct radmsg *m, uint32_t seq, const struct radreq_nas *nas, const char *user,
                int version, uint8_t ident, const uint8_t *challenge, size_t clen,
                const uint8_t *response, size_t rlen);

/* The text for the peer in the answer to radms_auth(version, ident): on an
 * Accept of v2 MS-CHAP2-Success's "S=<40 hex>...", on a Reject
 * MS-CHAP-Error's "E=...". out gets "" when there is none or it is not
 * usable (wrong identifier, malformed, NUL bytes, too long for cap); then
 * *why (if why) says what was wrong, or NULL when it was simply absent. */
void radms_peer_text(const struct radmsg *reply, bool accepted, int version, uint8_t ident,
                     char *out, size_t cap, const char **why);

#endif
