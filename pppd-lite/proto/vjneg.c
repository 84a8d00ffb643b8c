/* vjneg: IPCP option 2 for VJ compression, as pppd negotiates it. */
#include "vjneg.h"

#include "pppd-lite/proto/vj.h"

void vjneg_want(struct vj_opt *w, bool vj, bool vjccomp, unsigned max_slots)
{
    if (max_slots < VJNEG_MIN_SLOTS)
        max_slots = VJNEG_MIN_SLOTS;
    if (max_slots > VJNEG_MAX_SLOTS)
        max_slots = VJNEG_MAX_SLOTS;
    w->neg = vj;
    w->maxslot = (uint8_t)(max_slots - 1);
    w->cflag = vjccomp;
}

static void put_vj(struct buf_writer *w, uint8_t maxslot, bool cflag)
{
    buf_put_u8(w, VJNEG_CI_COMPRESSTYPE);
    buf_put_u8(w, VJNEG_CILEN_VJ);
    buf_put_u16(w, VJ_PROTO_COMP);
    buf_put_u8(w, maxslot);
    buf_put_u8(w, cflag ? 1 : 0);
}

void vjneg_put(struct buf_writer *w, const struct vj_opt *o)
{
    if (o->neg)
        put_vj(w, o->maxslot, o->cflag);
}

enum vjneg_verdict vjneg_judge(const struct vj_opt *allow, struct buf_reader *v, size_t vlen,
                               struct buf_writer *nak, struct vj_opt *ho)
{
    if (!allow->neg || (vlen != VJNEG_CILEN_VJ - 2 && vlen != VJNEG_CILEN_OLD - 2))
        return VJNEG_REJ;
    if (buf_get_u16(v) != VJ_PROTO_COMP)
        return VJNEG_REJ;           /* another compression protocol */
    struct vj_opt h = { true, VJ_DEFAULT_SLOTS - 1, true };   /* RFC 1172 form */
    if (vlen == VJNEG_CILEN_VJ - 2) {
        h.maxslot = buf_get_u8(v);
        h.cflag = buf_get_u8(v) != 0;
    }
    if (!buf_reader_ok(v))
        return VJNEG_REJ;
    /* pppd: more slots than we keep, or slot ids left out when we said
     * novjccomp: offer our limits */
    if (h.maxslot > allow->maxslot || (h.cflag && !allow->cflag)) {
        put_vj(nak, h.maxslot > allow->maxslot ? allow->maxslot : h.maxslot,
               h.cflag && allow->cflag);
        return VJNEG_NAK;
    }
    *ho = h;
    return VJNEG_ACK;
}

bool vjneg_nak(struct vj_opt *try, struct buf_reader *v, size_t vlen, bool treat_as_reject)
{
    if (vlen != VJNEG_CILEN_VJ - 2 && vlen != VJNEG_CILEN_OLD - 2)
        return false;
    uint16_t proto = buf_get_u16(v);
    if (!try->neg)
        return buf_reader_ok(v);    /* not ours to change */
    if (treat_as_reject || proto != VJ_PROTO_COMP || vlen != VJNEG_CILEN_VJ - 2) {
        try->neg = false;           /* another protocol, or only the old form */
        return buf_reader_ok(v);
    }
    uint8_t maxslot = buf_get_u8(v);
    bool cflag = buf_get_u8(v) != 0;
    if (maxslot < try->maxslot)
        try->maxslot = maxslot;
    if (!cflag)
        try->cflag = false;
    return buf_reader_ok(v);
}

bool vjneg_rej(struct vj_opt *try, struct buf_reader *v, size_t vlen)
{
    if (!try->neg || vlen != VJNEG_CILEN_VJ - 2)
        return false;
    uint16_t proto = buf_get_u16(v);
    uint8_t maxslot = buf_get_u8(v);
    bool cflag = buf_get_u8(v) != 0;
    /* RFC 1661 5.4: a Reject must quote the option as we sent it */
    if (!buf_reader_ok(v) || proto != VJ_PROTO_COMP || maxslot != try->maxslot ||
        cflag != try->cflag)
        return false;
    try->neg = false;
    return true;
}
