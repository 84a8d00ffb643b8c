/* cmocka tests for pppd-lite/fsm: every cell of RFC 1661's state transition
 * table (4.1) as one test case each, then timers, counters, identifiers and
 * malformed packets. A dummy protocol records the actions it sees. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "common/log.h"
#include "pppd-lite/proto/fsm.h"

/* Action letters: tlu U, tld D, tls S, tlf F; packets sent: ConfReq C,
 * ConfAck A, ConfNak N, ConfRej R, TermReq T, TermAck a, CodeRej J,
 * EchoRep E. */
struct rec {
    char acts[64];
    uint8_t last_pkt[FSM_PKT_MAX];
    size_t last_len;
    unsigned resets;
    bool ack_requests;           /* reqci answers Ack (RCR+) or Nak (RCR-) */
    bool last_reject_if_disagree;
    bool last_treat_as_reject;
    int nsent;
};

static struct rec R;

static void rec_act(char c)
{
    size_t n = strlen(R.acts);
    if (n + 1 < sizeof(R.acts)) {
        R.acts[n] = c;
        R.acts[n + 1] = '\0';
    }
}

static void t_send(void *ctx, uint16_t proto, const uint8_t *p, size_t len)
{
    static const char letters[] = "?CANRTaJ?.E";
    (void)ctx;
    assert_int_equal(proto, 0x8021);
    assert_true(len >= 4 && len <= FSM_PKT_MAX);
    assert_int_equal((p[2] << 8) | p[3], len);
    rec_act(p[0] < sizeof(letters) - 1 ? letters[p[0]] : '?');
    memcpy(R.last_pkt, p, len);
    R.last_len = len;
    R.nsent++;
}

static void t_resetci(struct fsm *f)
{
    (void)f;
    R.resets++;
}

static void t_addci(struct fsm *f, struct buf_writer *w)
{
    (void)f;
    buf_put_u8(w, 0x03);
    buf_put_u8(w, 0x06);
    buf_put_u32(w, 0xc0000201);
}

static bool t_nakrej(struct fsm *f, const uint8_t *p, size_t len)
{
    (void)f;
    (void)p;
    return len != 1;            /* a 1-byte option list is "bad" */
}

static bool t_nakci(struct fsm *f, const uint8_t *p, size_t len, bool treat_as_reject)
{
    R.last_treat_as_reject = treat_as_reject;
    return t_nakrej(f, p, len);
}

static enum fsm_reqci_result t_reqci(struct fsm *f, const uint8_t *p, size_t len,
                                     struct buf_writer *w, bool rid)
{
    (void)f;
    R.last_reject_if_disagree = rid;
    if (len == 1)
        return FSM_REQ_MALFORMED;
    if (R.ack_requests) {
        buf_put_bytes(w, p, len);
        return FSM_REQ_ACK;
    }
    buf_put_bytes(w, p, len);
    return rid ? FSM_REQ_REJ : FSM_REQ_NAK;
}

static void t_up(struct fsm *f) { (void)f; rec_act('U'); }
static void t_down(struct fsm *f) { (void)f; rec_act('D'); }
static void t_starting(struct fsm *f) { (void)f; rec_act('S'); }
static void t_finished(struct fsm *f) { (void)f; rec_act('F'); }

static bool t_extcode(struct fsm *f, uint8_t code, uint8_t id, const uint8_t *p, size_t len)
{
    if (code == FSM_ECHOREQ) {
        if (f->state == FSM_OPENED)
            fsm_send_packet(f, FSM_ECHOREP, id, p, len);
        return true;
    }
    return false;
}

static const struct fsm_callbacks t_cb = {
    .name = "TEST",
    .protocol = 0x8021,
    .resetci = t_resetci,
    .addci = t_addci,
    .nakci = t_nakci,
    .rejci = t_nakrej,
    .reqci = t_reqci,
    .up = t_up,
    .down = t_down,
    .starting = t_starting,
    .finished = t_finished,
    .extcode = t_extcode,
};

static const struct engine_fsm_settings t_cfg = {
    .restart_ms = 3000, .max_configure = 10, .max_terminate = 2, .max_failure = 5,
};

static struct fsm F;

static void fresh(void)
{
    memset(&R, 0, sizeof(R));
    fsm_init(&F, &t_cb, NULL, &t_cfg, t_send, NULL);
}

static void input(uint8_t code, uint8_t id, const uint8_t *data, size_t len)
{
    uint8_t p[FSM_PKT_MAX];
    p[0] = code;
    p[1] = id;
    p[2] = (uint8_t)((len + 4) >> 8);
    p[3] = (uint8_t)(len + 4);
    if (len)
        memcpy(p + 4, data, len);
    fsm_input(&F, 1000, p, len + 4);
}

/* ---- The table: RFC 1661 4.1, every state x every event. ---- */

enum ev { UP, DOWN, OPEN, CLOSE, TOP, TOM, RCRP, RCRM, RCA, RCN, RTR, RTA, RUC, RXJP, RXJM, RXR,
          NEVENTS };
static const char *const ev_names[NEVENTS] = {
    "Up", "Down", "Open", "Close", "TO+", "TO-", "RCR+", "RCR-", "RCA", "RCN", "RTR", "RTA",
    "RUC", "RXJ+", "RXJ-", "RXR",
};

struct cell {
    const char *acts;            /* expected actions in order */
    int next;                    /* expected state */
    int count;                   /* expected restart counter afterwards, -1: any */
};

enum { I = FSM_INITIAL, ST = FSM_STARTING, CD = FSM_CLOSED, SP = FSM_STOPPED, CG = FSM_CLOSING,
       SG = FSM_STOPPING, RS = FSM_REQSENT, AR = FSM_ACKRCVD, AS = FSM_ACKSENT, OP = FSM_OPENED };

/* Before each cell the restart counter is 5 (0 for TO-). irc+scr leaves
 * max_configure-1 = 9, irc+str max_terminate-1 = 1, zrc 0, a lone scr or
 * str 4, irc alone 10. "-" cells of the RFC (impossible events) must do
 * nothing. */
#define K(a, n, c) { a, n, c }
static const struct cell table[NEVENTS][FSM_NSTATES] = {
    [UP] = { K("", CD, 5), K("C", RS, 9), K("", CD, 5), K("", SP, 5), K("", CG, 5),
             K("", SG, 5), K("", RS, 5), K("", AR, 5), K("", AS, 5), K("", OP, 5) },
    [DOWN] = { K("", I, 5), K("", ST, 5), K("", I, 5), K("S", ST, 5), K("", I, 5),
               K("", ST, 5), K("", ST, 5), K("", ST, 5), K("", ST, 5), K("D", ST, 5) },
    [OPEN] = { K("S", ST, 5), K("", ST, 5), K("C", RS, 9), K("", SP, 5), K("", SG, 5),
               K("", SG, 5), K("", RS, 5), K("", AR, 5), K("", AS, 5), K("", OP, 5) },
    [CLOSE] = { K("", I, 5), K("F", I, 5), K("", CD, 5), K("", CD, 5), K("", CG, 5),
                K("", CG, 5), K("T", CG, 1), K("T", CG, 1), K("T", CG, 1), K("DT", CG, 1) },
    [TOP] = { K("", I, 5), K("", ST, 5), K("", CD, 5), K("", SP, 5), K("T", CG, 4),
              K("T", SG, 4), K("C", RS, 4), K("C", RS, 4), K("C", AS, 4), K("", OP, 5) },
    [TOM] = { K("", I, 0), K("", ST, 0), K("", CD, 0), K("", SP, 0), K("F", CD, 0),
              K("F", SP, 0), K("F", SP, 0), K("F", SP, 0), K("F", SP, 0), K("", OP, 0) },
    [RCRP] = { K("", I, 5), K("", ST, 5), K("a", CD, 5), K("CA", AS, 9), K("", CG, 5),
               K("", SG, 5), K("A", AS, 5), K("AU", OP, 5), K("A", AS, 5), K("DCA", AS, -1) },
    [RCRM] = { K("", I, 5), K("", ST, 5), K("a", CD, 5), K("CN", RS, 9), K("", CG, 5),
               K("", SG, 5), K("N", RS, 5), K("N", AR, 5), K("N", RS, 5), K("DCN", RS, -1) },
    [RCA] = { K("", I, 5), K("", ST, 5), K("a", CD, 5), K("a", SP, 5), K("", CG, 5),
              K("", SG, 5), K("", AR, 10), K("C", RS, 4), K("U", OP, 10), K("DC", RS, -1) },
    [RCN] = { K("", I, 5), K("", ST, 5), K("a", CD, 5), K("a", SP, 5), K("", CG, 5),
              K("", SG, 5), K("C", RS, 9), K("C", RS, 4), K("C", AS, 9), K("DC", RS, -1) },
    [RTR] = { K("", I, 5), K("", ST, 5), K("a", CD, 5), K("a", SP, 5), K("a", CG, 5),
              K("a", SG, 5), K("a", RS, 5), K("a", RS, 5), K("a", RS, 5), K("Da", SG, 0) },
    [RTA] = { K("", I, 5), K("", ST, 5), K("", CD, 5), K("", SP, 5), K("F", CD, 5),
              K("F", SP, 5), K("", RS, 5), K("", RS, 5), K("", AS, 5), K("DC", RS, -1) },
    [RUC] = { K("", I, 5), K("", ST, 5), K("J", CD, 5), K("J", SP, 5), K("J", CG, 5),
              K("J", SG, 5), K("J", RS, 5), K("J", AR, 5), K("J", AS, 5), K("J", OP, 5) },
    [RXJP] = { K("", I, 5), K("", ST, 5), K("", CD, 5), K("", SP, 5), K("", CG, 5),
               K("", SG, 5), K("", RS, 5), K("", RS, 5), K("", AS, 5), K("", OP, 5) },
    [RXJM] = { K("", I, 5), K("", ST, 5), K("F", CD, 5), K("F", SP, 5), K("F", CD, 5),
               K("F", SP, 5), K("F", SP, 5), K("F", SP, 5), K("F", SP, 5), K("DT", SG, 1) },
    [RXR] = { K("", I, 5), K("", ST, 5), K("", CD, 5), K("", SP, 5), K("", CG, 5),
              K("", SG, 5), K("", RS, 5), K("", AR, 5), K("", AS, 5), K("E", OP, 5) },
};

struct cell_case {
    int state;
    int ev;
    char name[32];
};

static void run_event(int ev)
{
    static const uint8_t opts[] = { 0x03, 0x06, 0xc0, 0x00, 0x02, 0x01 };
    uint8_t rej[8];

    switch (ev) {
    case UP: fsm_lowerup(&F, 1000); break;
    case DOWN: fsm_lowerdown(&F, 1000); break;
    case OPEN: fsm_open(&F, 1000); break;
    case CLOSE: fsm_close(&F, 1000, "test"); break;
    case TOP:
    case TOM: fsm_timeout(&F, 1000); break;
    case RCRP: R.ack_requests = true; input(FSM_CONFREQ, 0x42, opts, sizeof(opts)); break;
    case RCRM: R.ack_requests = false; input(FSM_CONFREQ, 0x42, opts, sizeof(opts)); break;
    case RCA: input(FSM_CONFACK, F.reqid, opts, sizeof(opts)); break;
    case RCN: input(FSM_CONFNAK, F.reqid, opts, sizeof(opts)); break;
    case RTR: input(FSM_TERMREQ, 0x55, NULL, 0); break;
    case RTA: input(FSM_TERMACK, F.reqid, NULL, 0); break;
    case RUC: input(0x66, 0x01, opts, sizeof(opts)); break;
    case RXJP:
        rej[0] = FSM_ECHOREQ; rej[1] = 1; rej[2] = 0; rej[3] = 8;
        memset(rej + 4, 0, 4);
        input(FSM_CODEREJ, 0x09, rej, 8);
        break;
    case RXJM:
        rej[0] = FSM_CONFREQ; rej[1] = 1; rej[2] = 0; rej[3] = 4;
        input(FSM_CODEREJ, 0x09, rej, 4);
        break;
    case RXR: input(FSM_ECHOREQ, 0x77, opts, sizeof(opts)); break;
    default: fail();
    }
}

static void table_cell(void **state)
{
    const struct cell_case *c = *state;
    const struct cell *want = &table[c->ev][c->state];

    fresh();
    F.state = (enum fsm_state)c->state;
    F.id = F.reqid = 0x20;
    F.restart_count = c->ev == TOM ? 0 : 5;
    if (c->state >= FSM_CLOSING && c->state != FSM_OPENED)
        F.deadline = 1000;       /* restart timer running and due */
    run_event(c->ev);
    if (strcmp(R.acts, want->acts) != 0 || (int)F.state != want->next)
        print_error("%s: actions \"%s\" state %s, want \"%s\" %s\n", c->name, R.acts,
                    fsm_state_name(F.state), want->acts, fsm_state_name(want->next));
    assert_string_equal(R.acts, want->acts);
    assert_int_equal(F.state, want->next);
    if (want->count >= 0)
        assert_int_equal(F.restart_count, want->count);
    /* The timer runs exactly in the states that need it. */
    if (F.state >= FSM_CLOSING && F.state != FSM_OPENED && strchr(want->acts, 'F') == NULL)
        assert_true(fsm_deadline(&F) != UINT64_MAX);
    if (F.state < FSM_CLOSING || F.state == FSM_OPENED)
        assert_true(fsm_deadline(&F) == UINT64_MAX);
}

/* ---- Further behaviour. ---- */

static void new_request_gets_new_id_retransmit_keeps_it(void **state)
{
    (void)state;
    fresh();
    fsm_open(&F, 0);
    fsm_lowerup(&F, 0);
    assert_int_equal(F.state, FSM_REQSENT);
    uint8_t id1 = R.last_pkt[1];
    assert_int_equal(R.last_pkt[0], FSM_CONFREQ);
    assert_int_equal(fsm_deadline(&F), 3000);
    fsm_timeout(&F, 2999);                     /* not yet due */
    assert_int_equal(R.nsent, 1);
    fsm_timeout(&F, 3000);
    assert_int_equal(R.nsent, 2);
    assert_int_equal(R.last_pkt[1], id1);      /* retransmission keeps the id */
    assert_int_equal(fsm_deadline(&F), 6000);
    static const uint8_t opts[] = { 0x03, 0x06, 0xc0, 0x00, 0x02, 0x01 };
    input(FSM_CONFNAK, id1, opts, sizeof(opts));
    assert_int_not_equal(R.last_pkt[1], id1);  /* a new request after a Nak */
}

static void max_configure_then_timeout_message(void **state)
{
    (void)state;
    fresh();
    fsm_open(&F, 0);
    fsm_lowerup(&F, 0);
    uint64_t t = 0;
    while (F.state == FSM_REQSENT && t < 100000) {
        t = fsm_deadline(&F);
        fsm_timeout(&F, t);
    }
    assert_int_equal(R.nsent, 10);             /* Max-Configure requests */
    assert_int_equal(F.state, FSM_STOPPED);
    assert_string_equal(R.acts + strlen(R.acts) - 1, "F");
    assert_int_equal(t, 30000);
}

static void passive_stays_stopped_without_finishing(void **state)
{
    (void)state;
    fresh();
    F.passive = true;
    fsm_open(&F, 0);
    fsm_lowerup(&F, 0);
    for (int i = 0; i < 10; i++)
        fsm_timeout(&F, fsm_deadline(&F));
    assert_int_equal(F.state, FSM_STOPPED);
    assert_null(strchr(R.acts, 'F'));
    static const uint8_t opts[] = { 0x03, 0x06, 0xc0, 0x00, 0x02, 0x01 };
    R.ack_requests = true;
    input(FSM_CONFREQ, 1, opts, sizeof(opts));
    assert_int_equal(F.state, FSM_ACKSENT);
}

static void silent_waits_for_peer(void **state)
{
    (void)state;
    fresh();
    F.silent = true;
    fsm_open(&F, 0);
    fsm_lowerup(&F, 0);
    assert_int_equal(F.state, FSM_STOPPED);
    assert_int_equal(R.nsent, 0);
    static const uint8_t opts[] = { 0x03, 0x06, 0xc0, 0x00, 0x02, 0x01 };
    R.ack_requests = true;
    input(FSM_CONFREQ, 1, opts, sizeof(opts));
    assert_string_equal(R.acts, "SCA");       /* tls on Open, then irc,scr,sca */
    assert_int_equal(F.state, FSM_ACKSENT);
}

static void max_terminate_then_finished(void **state)
{
    (void)state;
    fresh();
    fsm_open(&F, 0);
    fsm_lowerup(&F, 0);
    fsm_close(&F, 10, "bye");
    assert_int_equal(R.last_pkt[0], FSM_TERMREQ);
    assert_int_equal(R.last_len, 7);
    assert_memory_equal(R.last_pkt + 4, "bye", 3);
    fsm_timeout(&F, fsm_deadline(&F));
    assert_int_equal(F.state, FSM_CLOSING);
    fsm_timeout(&F, fsm_deadline(&F));
    assert_int_equal(F.state, FSM_CLOSED);
    assert_string_equal(R.acts, "SCTTF");      /* two Terminate-Requests: Max-Terminate 2 */
}

static void max_failure_turns_nak_into_reject(void **state)
{
    (void)state;
    static const uint8_t opts[] = { 0x03, 0x06, 0xc0, 0x00, 0x02, 0x01 };
    fresh();
    fsm_open(&F, 0);
    fsm_lowerup(&F, 0);
    R.ack_requests = false;
    for (int i = 0; i < 5; i++) {
        input(FSM_CONFREQ, (uint8_t)i, opts, sizeof(opts));
        assert_false(R.last_reject_if_disagree);
        assert_int_equal(R.last_pkt[0], FSM_CONFNAK);
    }
    input(FSM_CONFREQ, 9, opts, sizeof(opts));
    assert_true(R.last_reject_if_disagree);
    assert_int_equal(R.last_pkt[0], FSM_CONFREJ);
    /* An Ack resets the count. */
    R.ack_requests = true;
    input(FSM_CONFREQ, 10, opts, sizeof(opts));
    R.ack_requests = false;
    input(FSM_CONFREQ, 11, opts, sizeof(opts));
    assert_false(R.last_reject_if_disagree);
}

static void received_naks_turn_into_rejects_then_give_up(void **state)
{
    (void)state;
    static const uint8_t opts[] = { 0x03, 0x06, 0xc0, 0x00, 0x02, 0x01 };
    fresh();
    fsm_open(&F, 0);
    fsm_lowerup(&F, 0);
    for (int i = 0; i < 5; i++) {
        input(FSM_CONFNAK, F.reqid, opts, sizeof(opts));
        assert_false(R.last_treat_as_reject);
    }
    input(FSM_CONFNAK, F.reqid, opts, sizeof(opts));
    assert_true(R.last_treat_as_reject);
    /* A Reject (or an Ack) starts the count again. */
    input(FSM_CONFREJ, F.reqid, opts, sizeof(opts));
    input(FSM_CONFNAK, F.reqid, opts, sizeof(opts));
    assert_false(R.last_treat_as_reject);
    /* Max-Failure + Max-Configure Naks in a row: the negotiation is over. */
    int sent = R.nsent;
    for (int i = 0; i < 40 && F.state == FSM_REQSENT; i++)
        input(FSM_CONFNAK, F.reqid, opts, sizeof(opts));
    assert_int_equal(F.state, FSM_STOPPED);
    assert_int_equal(R.nsent - sent, 14);
    assert_string_equal(R.acts + strlen(R.acts) - 1, "F");
}

static void reply_with_wrong_id_is_discarded(void **state)
{
    (void)state;
    static const uint8_t opts[] = { 0x03, 0x06, 0xc0, 0x00, 0x02, 0x01 };
    fresh();
    fsm_open(&F, 0);
    fsm_lowerup(&F, 0);
    input(FSM_CONFACK, (uint8_t)(F.reqid + 1), opts, sizeof(opts));
    assert_int_equal(F.state, FSM_REQSENT);
    assert_int_equal(F.unexpected, 1);
    input(FSM_CONFACK, F.reqid, opts, sizeof(opts));
    assert_int_equal(F.state, FSM_ACKRCVD);
    /* A duplicate Ack for the same request is not a crossed connection. */
    input(FSM_CONFACK, F.reqid, opts, sizeof(opts));
    assert_int_equal(F.state, FSM_ACKRCVD);
    assert_int_equal(F.unexpected, 2);
}

static void ack_must_repeat_request_exactly(void **state)
{
    (void)state;
    static const uint8_t other[] = { 0x03, 0x06, 0xc0, 0x00, 0x02, 0x02 };
    fresh();
    fsm_open(&F, 0);
    fsm_lowerup(&F, 0);
    input(FSM_CONFACK, F.reqid, other, sizeof(other));
    assert_int_equal(F.state, FSM_REQSENT);
    assert_int_equal(F.malformed, 1);
    input(FSM_CONFACK, F.reqid, other, 4);
    assert_int_equal(F.malformed, 2);
}

static void malformed_packets_are_counted_and_dropped(void **state)
{
    (void)state;
    fresh();
    fsm_open(&F, 0);
    fsm_lowerup(&F, 0);
    int sent = R.nsent;
    const uint8_t short3[] = { 1, 1, 0 };
    fsm_input(&F, 0, short3, 3);
    const uint8_t lying_long[] = { 1, 1, 0, 20, 1, 2 };
    fsm_input(&F, 0, lying_long, sizeof lying_long);
    const uint8_t lying_short[] = { 1, 1, 0, 3, 1, 2 };
    fsm_input(&F, 0, lying_short, sizeof lying_short);
    const uint8_t empty[] = { 0 };
    fsm_input(&F, 0, empty, 0);
    const uint8_t bad_opts[] = { 1, 1, 0, 5, 9 };  /* t_reqci calls 1 byte malformed */
    fsm_input(&F, 0, bad_opts, sizeof bad_opts);
    const uint8_t empty_coderej[] = { 7, 1, 0, 4 };
    fsm_input(&F, 0, empty_coderej, sizeof empty_coderej);
    assert_int_equal(F.malformed, 6);
    assert_int_equal(R.nsent, sent);
    assert_int_equal(F.state, FSM_REQSENT);
}

static void padding_beyond_length_is_ignored(void **state)
{
    (void)state;
    fresh();
    fsm_open(&F, 0);
    fsm_lowerup(&F, 0);
    R.ack_requests = true;
    const uint8_t padded[] = { 1, 5, 0, 10, 0x03, 0x06, 0xc0, 0, 2, 1, 0xee, 0xee };
    fsm_input(&F, 0, padded, sizeof padded);
    assert_int_equal(R.last_pkt[0], FSM_CONFACK);
    assert_int_equal(R.last_len, 10);
}

static void code_reject_is_capped_by_peer_mru(void **state)
{
    (void)state;
    fresh();
    fsm_open(&F, 0);
    fsm_lowerup(&F, 0);
    F.peer_mru = 100;
    uint8_t big[400];
    memset(big, 0xab, sizeof big);
    big[0] = 0x70;
    big[1] = 1;
    big[2] = sizeof(big) >> 8;
    big[3] = sizeof(big) & 0xff;
    fsm_input(&F, 0, big, sizeof big);
    assert_int_equal(R.last_pkt[0], FSM_CODEREJ);
    assert_int_equal(R.last_len, 100);
    assert_memory_equal(R.last_pkt + 4, big, 96);
}

static void terminate_request_logs_reason(void **state)
{
    (void)state;
    fresh();
    F.state = FSM_OPENED;
    input(FSM_TERMREQ, 3, (const uint8_t *)"User request", 12);
    assert_int_equal(F.state, FSM_STOPPING);
    assert_int_equal(R.last_pkt[0], FSM_TERMACK);
    assert_int_equal(R.last_pkt[1], 3);
    /* zrc: one restart period later the layer is finished. */
    fsm_timeout(&F, fsm_deadline(&F));
    assert_int_equal(F.state, FSM_STOPPED);
    assert_string_equal(R.acts, "DaF");
}

static void names(void **state)
{
    (void)state;
    assert_string_equal(fsm_state_name(FSM_ACKSENT), "Ack-Sent");
    assert_string_equal(fsm_state_name((enum fsm_state)99), "?");
    assert_string_equal(fsm_code_name(FSM_ECHOREQ), "EchoReq");
    assert_null(fsm_code_name(0));
    assert_null(fsm_code_name(200));
}

int main(void)
{
    static const struct CMUnitTest fixed[] = {
        cmocka_unit_test(new_request_gets_new_id_retransmit_keeps_it),
        cmocka_unit_test(max_configure_then_timeout_message),
        cmocka_unit_test(passive_stays_stopped_without_finishing),
        cmocka_unit_test(silent_waits_for_peer),
        cmocka_unit_test(max_terminate_then_finished),
        cmocka_unit_test(max_failure_turns_nak_into_reject),
        cmocka_unit_test(received_naks_turn_into_rejects_then_give_up),
        cmocka_unit_test(reply_with_wrong_id_is_discarded),
        cmocka_unit_test(ack_must_repeat_request_exactly),
        cmocka_unit_test(malformed_packets_are_counted_and_dropped),
        cmocka_unit_test(padding_beyond_length_is_ignored),
        cmocka_unit_test(code_reject_is_capped_by_peer_mru),
        cmocka_unit_test(terminate_request_logs_reason),
        cmocka_unit_test(names),
    };
    size_t nfixed = sizeof(fixed) / sizeof(fixed[0]);
    size_t ncells = (size_t)NEVENTS * FSM_NSTATES;
    struct CMUnitTest *tests = calloc(nfixed + ncells, sizeof(*tests));
    struct cell_case *cases = calloc(ncells, sizeof(*cases));
    int rc;

    if (tests == NULL || cases == NULL)
        return 1;
    log_open("test_fsm", 0, 0);
    for (int ev = 0; ev < NEVENTS; ev++) {
        for (int s = 0; s < FSM_NSTATES; s++) {
            struct cell_case *c = &cases[ev * FSM_NSTATES + s];
            c->state = s;
            c->ev = ev;
            snprintf(c->name, sizeof(c->name), "table %s/%s", fsm_state_name((enum fsm_state)s),
                     ev_names[ev]);
            tests[ev * FSM_NSTATES + s] = (struct CMUnitTest){
                .name = c->name, .test_func = table_cell, .initial_state = c,
            };
        }
    }
    memcpy(tests + ncells, fixed, sizeof(fixed));
    rc = _cmocka_run_group_tests("fsm", tests, nfixed + ncells, NULL, NULL);
    free(tests);
    free(cases);
    return rc;
}
