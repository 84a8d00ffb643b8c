/* at: a Hayes modem's command interpreter and call state, sans-I/O.
 *
 * Bytes from the DTE go in through at_input(); everything the modem says
 * (echo, result codes, ATI text) and everything it asks of the telephone
 * exchange (dial, answer, hang up, pass data) comes out through the callbacks
 * in struct at_ops. Time is a millisecond count passed in by the caller, so
 * tests drive S7 (wait for carrier) and S12 (escape guard time) with a fake
 * clock. The owner calls at_tick() by at_next_deadline(). */
#ifndef MODEMSIM_AT_H
#define MODEMSIM_AT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define AT_LINE_MAX 80      /* command line buffer, without "AT"; longer lines give ERROR */
#define AT_NUMBER_MAX 64    /* dial string */
#define AT_NREGS 38         /* S0..S37 */

/* Result codes; the enum value is the numeric (ATV0) code. */
enum at_result {
    AT_OK = 0,
    AT_CONNECT = 1,
    AT_RING = 2,
    AT_NO_CARRIER = 3,
    AT_ERROR = 4,
    AT_NO_DIALTONE = 6,
    AT_BUSY = 7,
    AT_NO_ANSWER = 8,
};

enum at_state {
    AT_ST_COMMAND,      /* on hook, command mode */
    AT_ST_DIALING,      /* ATD sent, waiting for the exchange or S7 */
    AT_ST_ANSWERING,    /* ATA or auto answer, waiting for the exchange */
    AT_ST_ONLINE,       /* data mode: bytes pass through */
    AT_ST_ONLINE_CMD,   /* call up, command mode after +++ (ATO returns, ATH hangs up) */
};

struct at_ops {
    void (*to_dte)(void *ctx, const uint8_t *data, size_t len);
    /* Dial: number as typed after D/DT/DP (spaces removed). The exchange
     * answers later with at_connected() or at_dial_failed(). */
    void (*dial)(void *ctx, const char *number);
    void (*answer)(void *ctx);
    void (*hangup)(void *ctx);
    void (*data)(void *ctx, const uint8_t *data, size_t len);  /* online data to the peer */
    /* Optional (may be NULL): each command line as run, without "AT", and
     * each result code as sent, for the owner's log. */
    void (*command)(void *ctx, const char *line);
    void (*result)(void *ctx, const char *text);
};

struct at_modem {
    const struct at_ops *ops;
    void *ctx;
    const char *ident;          /* ATI text */
    enum at_state state;
    bool ringing;               /* the exchange is ringing this line */
    unsigned speed;             /* of the call up, for ATO */
    char last_number[AT_NUMBER_MAX];  /* for ATDL */
    uint8_t s[AT_NREGS];
    bool echo, verbose, quiet;
    uint8_t speaker, volume, xlevel;
    /* command line being typed */
    int scan;                   /* 0 waiting for A, 1 got A, 2 collecting */
    char line[AT_LINE_MAX + 1];
    size_t len;
    bool overflow;
    char last[AT_LINE_MAX + 1]; /* for A/ */
    /* timers, in ms; 0 = none */
    uint64_t carrier_deadline;  /* S7 */
    uint64_t last_ring;         /* S1 resets 8 s after the last ring */
    /* +++ escape (S2, S12) */
    int plus;                   /* escape characters seen */
    uint64_t last_byte;         /* time of the last byte received online */
    uint64_t escape_deadline;   /* when the guard time after +++ ends */
};

void at_init(struct at_modem *m, const struct at_ops *ops, void *ctx, const char *ident);
/* ATZ / AT&F settings without touching the call (the caller hangs up first). */
void at_defaults(struct at_modem *m);
void at_input(struct at_modem *m, uint64_t now, const uint8_t *data, size_t len);
void at_tick(struct at_modem *m, uint64_t now);
/* Earliest time at_tick() has work, or 0 for none. */
uint64_t at_next_deadline(const struct at_modem *m);

/* From the exchange. */
void at_ring(struct at_modem *m, uint64_t now);                /* RING; may auto answer (S0) */
void at_connected(struct at_modem *m, uint64_t now, unsigned speed);
void at_dial_failed(struct at_modem *m, enum at_result why);   /* BUSY, NO ANSWER, ... */
void at_carrier_lost(struct at_modem *m);                      /* peer hung up: NO CARRIER */
void at_ring_stopped(struct at_modem *m);                      /* caller gave up */
/* The DTE dropped DTR (closed the line): hang up, back to the stored profile (&D3). */
void at_dte_closed(struct at_modem *m);

bool at_in_call(const struct at_modem *m);   /* dialing, answering or connected */
/* Write a result code per V/Q/X settings; speed is used only by CONNECT. */
void at_result(struct at_modem *m, enum at_result r, unsigned speed);
/* Numeric code for CONNECT <speed> (ATV0 X1 and up); 1 for speeds without one. */
int at_connect_code(unsigned speed);

#endif
