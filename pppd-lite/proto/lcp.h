/* lcp: the Link Control Protocol (RFC 1661 6) as options and callbacks on
 * the fsm: MRU, ACCM (RFC 1662 7.1), Authentication-Protocol (PAP, CHAP
 * with MD5), Magic-Number with loopback detection, PFC, ACFC; Echo and
 * Discard, Protocol-Reject. */
#ifndef PPPD_LITE_LCP_H
#define PPPD_LITE_LCP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pppd-lite/proto/fsm.h"
#include "pppd-lite/proto/protocol.h"

/* RFC 1661 6 / RFC 1662 7.1 / RFC 1334 / RFC 1994 option types. */
enum {
    LCP_CI_MRU = 1,
    LCP_CI_ASYNCMAP = 2,
    LCP_CI_AUTHTYPE = 3,
    LCP_CI_QUALITY = 4,
    LCP_CI_MAGIC = 5,
    LCP_CI_PCOMP = 7,
    LCP_CI_ACCOMP = 8,
};
#define LCP_CHAP_MD5 5           /* RFC 1994 algorithm */
#define LCP_LOOPBACK_FAIL 10     /* pppd's DEFLOOPBACKFAIL: Naks of our magic in a row */

struct lcp_options {
    bool neg_mru;
    uint16_t mru;
    bool neg_asyncmap;
    uint32_t asyncmap;
    bool neg_upap;               /* Auth-Protocol PAP */
    bool neg_chap;               /* Auth-Protocol CHAP */
    unsigned chap_md;            /* its algorithms (CHAP_MD_* set; in ho the one agreed) */
    bool neg_magic;
    uint32_t magic;
    bool neg_pfc;
    bool neg_acfc;
};

struct lcp {
    struct fsm fsm;              /* first: the table's shared fsm operations */
    const struct proto_env *env;
    struct lcp_options want;     /* from the settings and the auth rules */
    struct lcp_options go;       /* what we ask for in this negotiation */
    struct lcp_options allow;    /* what the peer may ask of us */
    struct lcp_options ho;       /* what the peer asked and we acked */
    unsigned loops;              /* our magic Nak'd this many times in a row */
    unsigned echos_pending;
    uint64_t echo_deadline;
    bool delayed_up;             /* pppd DELAYED_UP: the Up event waits for listen time */
    uint64_t delayed_up_at;      /* ... until the peer's first LCP packet or this time */
};

extern const struct protocol lcp_protocol;

/* The Authentication-Protocol options, as auth decided for this link
 * (after the row's reset): what we ask of the peer, what we agree to; the
 * CHAP algorithms as CHAP_MD_* sets (chap_ms.h), 0 for no CHAP. */
void lcp_set_auth(struct lcp *l, bool want_pap, unsigned want_chap_md, bool can_pap,
                  unsigned can_chap_md);
/* pppd's lcp_lowerup: the Up event now, or with a listen time (connect-delay)
 * at the peer's first LCP packet or at the deadline, whichever comes first. */
void lcp_lowerup(struct lcp *l, uint64_t now);
/* pppd's lcp_lowerdown: a pending delayed Up is cancelled instead (the
 * automaton never saw the Up). */
void lcp_lowerdown(struct lcp *l, uint64_t now);
/* Cancel a pending delayed Up (administrative Close). true if one was pending. */
bool lcp_cancel_delayed_up(struct lcp *l);
/* Send Protocol-Reject for a packet of an unsupported protocol. */
void lcp_send_protrej(struct lcp *l, uint16_t protocol, const uint8_t *p, size_t len);

#endif
