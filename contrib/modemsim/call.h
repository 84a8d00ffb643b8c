/* call: the telephone exchange joining simulated modems. It owns the
 * endpoints (pty lines, each with its AT modem, and TCP connections),
 * routes a dial to a line through the phone book or to TCP, rings the
 * callee every ring interval until it answers, joins both ends through
 * line-rate throttles and tears the call down when either side hangs up. */
#ifndef MODEMSIM_CALL_H
#define MODEMSIM_CALL_H

#include <poll.h>
#include <stdbool.h>
#include <stdint.h>

#include "at.h"
#include "line.h"
#include "phonebook.h"
#include "throttle.h"

#define CALL_MAX_LINES 16
#define CALL_MAX_EP (CALL_MAX_LINES * 2 + 1)
#define CALL_HANGUP_DELAY_MS 200   /* time for NO CARRIER to reach the DTE before the pty hangs up */

enum call_phase { CALL_IDLE, CALL_CALLING, CALL_RINGING, CALL_CONNECTED };

struct call_cfg {
    unsigned speed;         /* reported in CONNECT */
    unsigned rate;          /* bits per second for throttling, 0 = unthrottled */
    unsigned ring_ms;       /* RING interval */
    bool pty_hangup;        /* hang the pty up when the far end hangs up */
};

struct exchange;

struct endpoint {
    struct exchange *x;
    int index;
    bool used, is_line, tcp_connecting, no_dialtone;
    struct line line;
    struct at_modem modem;
    int fd;                  /* line master or TCP socket */
    int peer;                /* endpoint index, -1 for none */
    enum call_phase phase;
    uint64_t next_ring, hangup_at;
    uint64_t lost_at;        /* when the DTE was last seen closing the line */
    struct throttle out;     /* bytes to write to fd */
};

struct exchange {
    struct call_cfg cfg;
    struct endpoint ep[CALL_MAX_EP];
    int nlines;
    struct phonebook book;
    int listen_fd, listen_line;
    uint64_t now;            /* ms, for the modem's timers */
    uint64_t now_us;         /* the same clock in us, for line time */
    int pollmap[CALL_MAX_EP + 1];   /* pollfd slot -> endpoint index, -1 = listener */
};

void exchange_init(struct exchange *x, const struct call_cfg *cfg);
/* "NAME=PATH"; returns the line index or -1. */
int exchange_add_line(struct exchange *x, const char *spec);
int exchange_find_line(const struct exchange *x, const char *name);
/* "NUMBER=NAME"; -1 on an unknown line or bad number. */
int exchange_add_number(struct exchange *x, const char *spec);
/* "A.B.C.D:PORT[=NAME]"; -1 on error. */
int exchange_listen(struct exchange *x, const char *spec);
int exchange_start(struct exchange *x, uint64_t now_us);
/* Fill pollfds (at most CALL_MAX_EP + 1); returns the count and sets
 * *timeout_us (-1: none). Line time needs better than poll's milliseconds. */
int exchange_poll_setup(struct exchange *x, struct pollfd *fds, int64_t *timeout_us);
void exchange_poll_handle(struct exchange *x, const struct pollfd *fds, int n, uint64_t now_us);
void exchange_stop(struct exchange *x);

#endif
