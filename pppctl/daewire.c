/* daewire: RFC 5176 packets through libfreeradius-radius (see daewire.h). */
#include <freeradius/build.h>
#include <freeradius/libradius.h>

#include <stdio.h>
#include <string.h>

#include "pppctl/daewire.h"

int dae_wire_init(const char *dict_dir, char *why, size_t cap)
{
    if (dict_init(dict_dir, "dictionary") < 0) {
        snprintf(why, cap, "cannot read the RADIUS dictionaries in %s: %s", dict_dir,
                 fr_strerror());
        return -1;
    }
    return 0;
}

/* A decoded attribute as the bytes it came as: numbers and addresses are
 * 4 bytes big-endian, text and octets as they are. */
static void add_vp(struct dae_request *req, const VALUE_PAIR *vp)
{
    uint8_t num[4];
    const uint8_t *val = NULL;
    size_t len = 0;
    switch (vp->da->type) {
    case PW_TYPE_INTEGER:
    case PW_TYPE_DATE: {
        uint32_t v = vp->da->type == PW_TYPE_DATE ? vp->vp_date : vp->vp_integer;
        num[0] = (uint8_t)(v >> 24);
        num[1] = (uint8_t)(v >> 16);
        num[2] = (uint8_t)(v >> 8);
        num[3] = (uint8_t)v;
        val = num;
        len = 4;
        break;
    }
    case PW_TYPE_IPV4_ADDR:
        memcpy(num, &vp->vp_ipaddr, 4);   /* network order already */
        val = num;
        len = 4;
        break;
    case PW_TYPE_STRING:
        val = (const uint8_t *)vp->vp_strvalue;
        len = vp->vp_length;
        break;
    case PW_TYPE_OCTETS:
        val = vp->vp_octets;
        len = vp->vp_length;
        break;
    default:
        break;   /* other types: no attribute we take has them; len 0 is refused */
    }
    dae_req_add(req, vp->da->vendor, vp->da->attr, val, len);
}

bool dae_wire_decode(const uint8_t *pkt, size_t len, const char *secret,
                     struct dae_request *req, char *why, size_t cap)
{
    bool ok = false;
    if (len < 20 || len > DAE_PACKET_MAX) {
        snprintf(why, cap, "not a RADIUS packet (%zu bytes)", len);
        return false;
    }
    if (pkt[0] != PW_CODE_DISCONNECT_REQUEST && pkt[0] != PW_CODE_COA_REQUEST) {
        snprintf(why, cap, "packet code %u is not Disconnect-Request or CoA-Request", pkt[0]);
        return false;
    }
    TALLOC_CTX *ctx = talloc_init("dae request");
    RADIUS_PACKET *p = ctx ? rad_alloc(ctx, false) : NULL;
    uint8_t *data = p ? talloc_memdup(p, pkt, len) : NULL;
    if (!data) {
        snprintf(why, cap, "out of memory");
        goto out;
    }
    p->data = data;
    p->data_len = len;
    decode_fail_t reason = DECODE_FAIL_NONE;
    if (!rad_packet_ok(p, 0, &reason)) {
        snprintf(why, cap, "malformed RADIUS packet: %s", fr_strerror());
        goto out;
    }
    p->code = pkt[0];
    p->id = pkt[1];
    memcpy(p->vector, pkt + 4, sizeof(p->vector));
    if (rad_verify(p, NULL, secret) < 0) {
        snprintf(why, cap, "the authenticator does not verify (wrong shared secret?): %s",
                 fr_strerror());
        goto out;
    }
    dae_req_init(req, (int)p->code);
    req->id = (uint8_t)p->id;
    memcpy(req->vector, p->vector, sizeof(req->vector));
    uint32_t bad;
    if (dae_req_undecodable(req, p->data + 20, p->data_len - 20, &bad)) {
        ok = true;   /* a NAK 401 */
        goto out;
    }
    if (rad_decode(p, NULL, secret) < 0) {
        snprintf(why, cap, "cannot decode the attributes: %s", fr_strerror());
        goto out;
    }
    vp_cursor_t cur;
    for (VALUE_PAIR *vp = fr_cursor_init(&cur, &p->vps); vp; vp = fr_cursor_next(&cur))
        add_vp(req, vp);
    dae_req_finish(req);
    ok = true;
out:
    talloc_free(ctx);
    return ok;
}

ssize_t dae_wire_reply(const struct dae_request *req, bool ack, int error_cause,
                       const char *secret, uint8_t *out, size_t cap, char *why, size_t why_cap)
{
    ssize_t n = -1;
    TALLOC_CTX *ctx = talloc_init("dae reply");
    RADIUS_PACKET *orig = ctx ? rad_alloc(ctx, false) : NULL;
    RADIUS_PACKET *rep = orig ? rad_alloc_reply(ctx, orig) : NULL;
    if (!rep) {
        snprintf(why, why_cap, "out of memory");
        goto out;
    }
    orig->code = (unsigned)req->code;
    orig->id = req->id;
    memcpy(orig->vector, req->vector, sizeof(orig->vector));
    rep->code = (unsigned)dae_reply_code(req->code, ack);
    rep->id = req->id;
    if (!ack && error_cause) {
        VALUE_PAIR *vp = fr_pair_afrom_num(rep, PW_ERROR_CAUSE, 0);
        if (!vp)
            goto nomem;
        vp->vp_integer = (uint32_t)error_cause;
        fr_pair_add(&rep->vps, vp);
    }
    for (size_t i = 0; i < req->n_proxy_state; i++) {
        VALUE_PAIR *vp = fr_pair_afrom_num(rep, PW_PROXY_STATE, 0);
        if (!vp)
            goto nomem;
        fr_pair_value_memcpy(vp, req->proxy_state[i].val, req->proxy_state[i].len);
        fr_pair_add(&rep->vps, vp);
    }
    /* no Message-Authenticator: RFC 5176 makes it optional in replies, and
     * libfreeradius 3.2.1 computes it wrongly for Disconnect/CoA replies */
    if (rad_encode(rep, orig, secret) < 0 || rad_sign(rep, orig, secret) < 0) {
        snprintf(why, why_cap, "cannot encode the reply: %s", fr_strerror());
        goto out;
    }
    if (rep->data_len > cap) {
        snprintf(why, why_cap, "reply too long");
        goto out;
    }
    memcpy(out, rep->data, rep->data_len);
    n = (ssize_t)rep->data_len;
    goto out;
nomem:
    snprintf(why, why_cap, "out of memory");
out:
    talloc_free(ctx);
    return n;
}
