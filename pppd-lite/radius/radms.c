/* radms: MS-CHAP attributes of RADIUS (see radms.h). */
#include "pppd-lite/radius/radms.h"

#include <string.h>

#include "pppd-lite/proto/mschap_crypto.h"
#include "pppd-lite/proto/mschap_msg.h"

bool radms_auth(struct radmsg *m, uint32_t seq, const struct radreq_nas *nas, const char *user,
                int version, uint8_t ident, const uint8_t *challenge, size_t clen,
                const uint8_t *response, size_t rlen)
{
    uint8_t r[RADMS_RESPONSE_LEN];
    size_t want = version == 2 ? MSCHAP_V2_CHALLENGE_LEN : MSCHAP_V1_CHALLENGE_LEN;

    radmsg_init(m, RADMSG_AUTH, seq);
    if ((version != 1 && version != 2) || clen != want || rlen != MSCHAP_RESPONSE_LEN)
        return false;
    /* CHAP carries the flags last (RFC 2433 3, RFC 2759 4); RADIUS wants
     * them after the identifier, then the rest unchanged: LM and NT
     * responses (v1), or peer challenge, reserved and NT response (v2). */
    r[0] = ident;
    r[1] = response[version == 2 ? MSCHAP_V2_FLAGS_OFF : MSCHAP_V1_USENT_OFF];
    memcpy(r + 2, response, MSCHAP_RESPONSE_LEN - 1);
    bool ok = radreq_nas_attrs(m, nas, user) &&
              radmsg_add(m, RADMSG_ITEM_ATTR, RAD_VENDOR_MICROSOFT, RAD_MS_CHAP_CHALLENGE,
                         challenge, clen) &&
              radmsg_add(m, RADMSG_ITEM_ATTR, RAD_VENDOR_MICROSOFT,
                         version == 2 ? RAD_MS_CHAP2_RESPONSE : RAD_MS_CHAP_RESPONSE, r,
                         sizeof(r));
    memset(r, 0, sizeof(r));
    return ok;
}

/* The item's text into out; NULL, or why it is not usable. */
static const char *take(const struct radmsg_item *it, bool accepted, uint8_t ident, char *out,
                        size_t cap)
{
    struct mschap_success s;
    struct mschap_failure f;
    /* ident, then the text the peer gets (RFC 2548 2.1.5, 2.3.3) */
    const uint8_t *text = it->val + 1;
    size_t n = it->len > 0 ? it->len - 1u : 0;
    const char *bad;

    if (n == 0)
        return "it is empty";
    if (it->val[0] != ident)
        return "its identifier is not the one of the request";
    if (memchr(text, '\0', n) != NULL)
        return "it holds a NUL byte";
    if (n >= cap)
        return "it is too long";
    bad = accepted ? mschap_parse_success(text, n, &s) : mschap_parse_failure(text, n, &f);
    if (bad)
        return bad;
    memcpy(out, text, n);
    out[n] = '\0';
    return NULL;
}

void radms_peer_text(const struct radmsg *reply, bool accepted, int version, uint8_t ident,
                     char *out, size_t cap, const char **why)
{
    const struct radmsg_item *it = NULL;

    if (why)
        *why = NULL;
    if (cap == 0)
        return;
    out[0] = '\0';
    if (!accepted || version == 2)   /* v1's Success carries nothing to check */
        it = radmsg_find(reply, RAD_VENDOR_MICROSOFT,
                         accepted ? RAD_MS_CHAP2_SUCCESS : RAD_MS_CHAP_ERROR);
    if (it) {
        const char *bad = take(it, accepted, ident, out, cap);
        if (bad)
            out[0] = '\0';
        if (why)
            *why = bad;
    }
}
