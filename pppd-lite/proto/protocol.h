/* protocol: one row of operations per PPP protocol the engine runs, as
 * pppd's struct protent and lwIP's const protocols[]. protocols.c holds the
 * one list that names them; engine.c dispatches, times out, resets and opens
 * by looping over it. A protocol sees its own state and the environment
 * handed to its init, never struct engine (PAP and CHAP, which make up the
 * authentication unit with auth.c, are the exception, as in pppd).
 *
 * Adding a protocol: one file with its state, operations and printer, one
 * row in protocols.c, and its settings fields in settings.h. */
#ifndef PPPD_LITE_PROTO_PROTOCOL_H
#define PPPD_LITE_PROTO_PROTOCOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "pppd-lite/proto/engine.h"
#include "pppd-lite/proto/settings.h"

struct pktlog_out;
struct fsm;

/* What a protocol made of a frame offered to its data_decap. */
enum proto_decap {
    PROTO_DECAP_NOT_MINE,       /* not a protocol number it claims */
    PROTO_DECAP_DELIVER,        /* a datagram of its data protocol to deliver */
    PROTO_DECAP_DROPPED,        /* its frame, dropped (counted and said by it) */
};

/* Upward calls, as FreeBSD ppp's struct fsm_parent: ctx is the owner's. */
struct proto_env {
    void *ctx;
    const struct engine_settings *s;
    struct engine_counters *cnt;     /* count what the protocol drops or sends itself */
    const bool *debug;               /* packet logging on (SIGUSR1 toggles it) */
    /* Hand one packet (code, id, length, data) to the link. */
    void (*send)(void *ctx, uint16_t protocol, const uint8_t *pkt, size_t len);
    void (*random)(void *ctx, void *buf, size_t len);
    /* This-Layer-Up, -Down and -Finished of the protocol. */
    void (*up)(void *ctx, uint16_t protocol);
    void (*down)(void *ctx, uint16_t protocol);
    void (*finished)(void *ctx, uint16_t protocol);
    /* The link has to end: record status (enum engine_exit) and reason. */
    void (*fail)(void *ctx, int status, const char *reason);
    /* The peer sent Protocol-Reject for protocol (LCP reports it). */
    void (*rejected)(void *ctx, uint16_t protocol);
    /* May the peer use this IPv4 address (host order)? pppd's auth_ip_addr. */
    bool (*ip_allowed)(void *ctx, uint32_t addr);
    /* The address the authenticated peer's secrets entry gives it: true and
     * *addr, or false (pppd's set_allowed_addrs). */
    bool (*peer_addr)(void *ctx, uint32_t *addr);
};

struct protocol {
    uint16_t protocol;               /* its control protocol number */
    uint16_t data_protocol;          /* the datagrams it carries (0: none) */
    const char *name;                /* "IPCP": log lines and packet dumps */
    /* When its packets are taken: ESTABLISH any time (LCP), AUTHENTICATE
     * once LCP is Opened, NETWORK in the Network phase only; the engine
     * opens the NETWORK ones when authentication is done. */
    enum engine_phase phase;
    size_t size;                     /* its state, kept in the engine's storage */
    /* The events of This-Layer-Up/-Down for a NETWORK protocol. */
    enum engine_event_type up_event, down_event;
    /* Does it run with these settings? NULL: always. When not, its packets
     * get a Protocol-Reject, as pppd. */
    bool (*enabled)(const struct engine_settings *s);
    /* Once, with zeroed state. */
    void (*init)(void *st, const struct proto_env *env);
    /* A new link: forget the last one and take the settings again. */
    void (*reset)(void *st);
    /* RFC 1661 Up, Down, Open, Close (NULL: nothing to do). */
    void (*lower_up)(void *st, uint64_t now);
    void (*lower_down)(void *st, uint64_t now);
    void (*open)(void *st, uint64_t now);
    void (*close)(void *st, uint64_t now, const char *reason);
    /* One received packet of its protocol (code, id, length, data). */
    void (*input)(void *st, uint64_t now, const uint8_t *p, size_t len);
    /* Its data protocol may be sent and delivered now (NULL: no data). */
    bool (*data_ready)(const void *st);
    /* The peer sent Protocol-Reject for it. */
    void (*protrej)(void *st, uint64_t now);
    /* Every timer due at now; the earliest pending one (UINT64_MAX: none). */
    void (*timeout)(void *st, uint64_t now);
    uint64_t (*deadline)(const void *st);
    /* Fill its part of ev (ev->ip, ev->ipv6) as negotiated; true while up. */
    bool (*get)(const void *st, struct engine_event *ev);
    /* Its packet in the debug dump, after "[NAME": code name, id, body. */
    void (*print)(struct pktlog_out *o, uint8_t code, uint8_t id, struct buf_reader *body);
    /* Optional, for a header compression it negotiates on its data (IPCP's
     * VJ). A datagram to send while data_ready: the protocol to send it
     * with, *pkt and *len pointed at the bytes. */
    uint16_t (*data_encap)(void *st, const uint8_t **pkt, size_t *len);
    /* A frame of a protocol number no row owns, in the Network phase. */
    enum proto_decap (*data_decap)(void *st, uint16_t protocol, const uint8_t *p, size_t len,
                                   const uint8_t **pkt, size_t *pktlen);
    /* The line lost a frame (bad FCS, too long, aborted). */
    void (*line_error)(void *st);
    /* Its line for the exit summary into buf ("" when it has none). */
    void (*summary)(const void *st, char *buf, size_t cap);
    /* Adds its header compression counters to c (for pppctl stats). */
    void (*comp_counters)(const void *st, struct engine_comp_counters *c);
};

/* The list (protocols.c), in the order timers run. */
#define PROTO_MAX 16
extern const struct protocol *const protocols[];
extern const size_t protocols_count;

/* The row of a control protocol, or of a data protocol; NULL if none. */
const struct protocol *proto_find(uint16_t protocol);
const struct protocol *proto_find_data(uint16_t data_protocol);
bool proto_enabled(const struct protocol *p, const struct engine_settings *s);

/* Shared operations of the protocols built on the fsm (state starts with
 * its struct fsm). */
void proto_fsm_lower_up(void *st, uint64_t now);
void proto_fsm_lower_down(void *st, uint64_t now);   /* not from Initial */
void proto_fsm_open(void *st, uint64_t now);
void proto_fsm_close(void *st, uint64_t now, const char *reason); /* not in Initial */
void proto_fsm_timeout(void *st, uint64_t now);
uint64_t proto_fsm_deadline(const void *st);
/* fsm_input, counting what the automaton discarded into cnt. */
void proto_fsm_input(struct fsm *f, struct engine_counters *cnt, uint64_t now, const uint8_t *p,
                     size_t len);

#endif
