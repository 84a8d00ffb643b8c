/* fsm: the RFC 1661 option-negotiation automaton, written once.
 *
 * LCP and IPCP (and later IPv6CP, CCP) are a table of callbacks on this
 * engine: what to put in our Configure-Request, how to judge the peer's,
 * what to learn from an Ack, Nak or Reject, and the This-Layer-Up/Down/
 * Started/Finished actions (RFC 1661 4.4). The automaton owns the state,
 * the restart timer and counters, identifiers and the packet format
 * (RFC 1661 5). It never touches I/O: packets leave through a send
 * function and time comes in as a millisecond count. */
#ifndef PPPD_LITE_FSM_H
#define PPPD_LITE_FSM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "pppd-lite/proto/settings.h"

/* RFC 1661 4.2 states. */
enum fsm_state {
    FSM_INITIAL,
    FSM_STARTING,
    FSM_CLOSED,
    FSM_STOPPED,
    FSM_CLOSING,
    FSM_STOPPING,
    FSM_REQSENT,
    FSM_ACKRCVD,
    FSM_ACKSENT,
    FSM_OPENED,
};
#define FSM_NSTATES 10

/* RFC 1661 5 packet codes (8-11 are LCP only). */
enum fsm_code {
    FSM_CONFREQ = 1,
    FSM_CONFACK = 2,
    FSM_CONFNAK = 3,
    FSM_CONFREJ = 4,
    FSM_TERMREQ = 5,
    FSM_TERMACK = 6,
    FSM_CODEREJ = 7,
    FSM_PROTREJ = 8,
    FSM_ECHOREQ = 9,
    FSM_ECHOREP = 10,
    FSM_DISCREQ = 11,
};

#define FSM_HEADER_LEN 4
/* Largest control packet we build or answer (payload of one frame). */
#define FSM_PKT_MAX 1500

struct fsm;

/* Result of a peer-request check: the code to answer with, or malformed. */
enum fsm_reqci_result {
    FSM_REQ_MALFORMED = 0,
    FSM_REQ_ACK = FSM_CONFACK,
    FSM_REQ_NAK = FSM_CONFNAK,
    FSM_REQ_REJ = FSM_CONFREJ,
};

struct fsm_callbacks {
    const char *name;            /* "LCP", "IPCP": used in log lines */
    uint16_t protocol;
    /* Set up our wanted options for a new negotiation (before its first
     * Configure-Request). The record of the peer's options is reqci's job. */
    void (*resetci)(struct fsm *f);
    /* Append our options to w. */
    void (*addci)(struct fsm *f, struct buf_writer *w);
    /* Options of a Configure-Nak / -Reject for our request. Return false
     * when the packet does not fit what we sent (it is then discarded as
     * malformed); otherwise update the wanted options. With treat_as_reject
     * (Max-Failure Naks received in a row, as pppd's rnakloops) a Nak'd
     * option is dropped from our request instead of changed. A
     * Configure-Ack must repeat our request exactly (RFC 1661 5.2): the
     * automaton checks that itself by building the request again. */
    bool (*nakci)(struct fsm *f, const uint8_t *p, size_t len, bool treat_as_reject);
    bool (*rejci)(struct fsm *f, const uint8_t *p, size_t len);
    /* Judge the peer's Configure-Request options p/len. Write the reply's
     * options to w: the acked copy, the Nak'd options with our values, or
     * the rejected options. With reject_if_disagree (Max-Failure reached)
     * reject instead of Nak. */
    enum fsm_reqci_result (*reqci)(struct fsm *f, const uint8_t *p, size_t len,
                                   struct buf_writer *w, bool reject_if_disagree);
    void (*up)(struct fsm *f);         /* This-Layer-Up */
    void (*down)(struct fsm *f);       /* This-Layer-Down */
    void (*starting)(struct fsm *f);   /* This-Layer-Started (may be NULL) */
    void (*finished)(struct fsm *f);   /* This-Layer-Finished (may be NULL) */
    /* Codes beyond Code-Reject (LCP: 8-11). Return false for a code the
     * protocol does not know: the automaton then sends Code-Reject. */
    bool (*extcode)(struct fsm *f, uint8_t code, uint8_t id, const uint8_t *p, size_t len);
};

typedef void (*fsm_send_fn)(void *ctx, uint16_t protocol, const uint8_t *pkt, size_t len);

struct fsm {
    const struct fsm_callbacks *cb;
    void *owner;                 /* the protocol's own state */
    fsm_send_fn send;
    void *send_ctx;
    struct engine_fsm_settings cfg;
    bool passive;                /* RFC 1661 "p": stay Stopped after Max-Configure */
    bool silent;                 /* pppd silent: wait for the peer's request */
    enum fsm_state state;
    uint8_t id;                  /* last identifier we used */
    uint8_t reqid;               /* identifier of our outstanding Configure-Request */
    bool seen_ack;
    bool timed_out;              /* the last negotiation ended in Max-Configure (TO-) */               /* an Ack/Nak/Rej for reqid was already taken */
    unsigned restart_count;      /* RFC 1661 4.6 Restart counter */
    unsigned nak_loops;          /* Naks sent since the last Ack (Max-Failure) */
    unsigned rnak_loops;         /* Naks received in a row for our requests */
    uint64_t now;
    uint64_t deadline;           /* restart timer, UINT64_MAX when stopped */
    char term_reason[128];       /* data of our Terminate-Request */
    char peer_reason[160];       /* "terminated by peer (...)", for the daemon */
    uint16_t peer_mru;           /* caps Code-Reject and Protocol-Reject copies */
    uint64_t malformed;          /* packets discarded as malformed */
    uint64_t unexpected;         /* well-formed packets the state did not want */
    uint8_t obuf[FSM_PKT_MAX];
};

/* Building a Configure-Ack/Nak/Reject in reqci: collect per option, then
 * finish. */
struct fsm_reply {
    struct buf_writer nak, rej;
    size_t nak_mark;
    uint8_t nakbuf[FSM_PKT_MAX], rejbuf[FSM_PKT_MAX];
};
void fsm_reply_init(struct fsm_reply *rp);
/* Call before judging each option (Naks are written to rp->nak). */
void fsm_reply_mark(struct fsm_reply *rp);
/* The verdict on the raw option opt/optlen; a Nak becomes a Reject when
 * reject_if_disagree (Max-Failure reached). */
void fsm_reply_verdict(struct fsm_reply *rp, enum fsm_reqci_result v, bool reject_if_disagree,
                       const uint8_t *opt, size_t optlen);
/* Write the reply to w: the Rejects, else the Naks, else the whole request. */
enum fsm_reqci_result fsm_reply_finish(struct fsm_reply *rp, struct buf_writer *w,
                                       const uint8_t *req, size_t len);

/* Split a packet (code, id, length, data) and give a reader over the data
 * its length field covers; false when it is short or the length lies. */
bool fsm_parse_header(const uint8_t *pkt, size_t len, uint8_t *code, uint8_t *id,
                      struct buf_reader *body);
/* Next option of a list: false at the end of the list; then *bad tells a
 * length of 0 or 1 or one running past the list (a malformed packet). */
bool fsm_next_option(struct buf_reader *r, uint8_t *type, struct buf_reader *val, size_t *vlen,
                     bool *bad);

void fsm_init(struct fsm *f, const struct fsm_callbacks *cb, void *owner,
              const struct engine_fsm_settings *cfg, fsm_send_fn send, void *send_ctx);

/* RFC 1661 4.3 events from outside the automaton. */
void fsm_lowerup(struct fsm *f, uint64_t now);      /* Up */
void fsm_lowerdown(struct fsm *f, uint64_t now);    /* Down */
void fsm_open(struct fsm *f, uint64_t now);         /* Open */
void fsm_close(struct fsm *f, uint64_t now, const char *reason); /* Close */
/* One received packet of this protocol (code, id, length, data). */
void fsm_input(struct fsm *f, uint64_t now, const uint8_t *p, size_t len);
/* Fire the restart timer if it is due (TO+ or TO-). */
void fsm_timeout(struct fsm *f, uint64_t now);
uint64_t fsm_deadline(const struct fsm *f);
/* RXJ+ (catastrophic false) or RXJ- for a reject decided by the protocol
 * (LCP's Protocol-Reject of a protocol, or of LCP itself). */
void fsm_rxj(struct fsm *f, uint64_t now, bool catastrophic);

/* Build and send one packet of this protocol. */
void fsm_send_packet(struct fsm *f, uint8_t code, uint8_t id, const uint8_t *data, size_t len);
/* A fresh identifier for a request the protocol sends itself (Echo, Protocol-Reject). */
uint8_t fsm_next_id(struct fsm *f);

const char *fsm_state_name(enum fsm_state s);
const char *fsm_code_name(uint8_t code);

#endif
