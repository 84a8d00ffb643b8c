/* match: chat(8)'s expect matcher, sans I/O. Bytes go in one at a time (as
 * chat reads them); out come "matched the expect string", "matched ABORT
 * string n", the verbose log lines chat writes about the received text, echo
 * characters and REPORT lines, through the callbacks in struct chat_match_ops.
 *
 * Semantics kept from chat.c: bytes are masked to 7 bits by the reader; the
 * received text of one expect is kept in a CHAT_STR_LEN buffer and a match
 * means it ends with the string; the expect string is checked before the
 * ABORT strings, in declaration order; REPORT strings fire once each and
 * gather the rest of the line up to a control character. */
#ifndef CHAT_MATCH_H
#define CHAT_MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "escape.h"

#define CHAT_MAX_ABORTS 50
#define CHAT_MAX_REPORTS 50
/* chat.c's fail_buffer: ABORT and REPORT strings are at most 49 bytes */
#define CHAT_FAIL_LEN 50

struct chat_match_ops {
    void *ctx;
    void (*log)(void *ctx, const char *msg);      /* a verbose log line */
    void (*echo)(void *ctx, int c);               /* ECHO ON / -e */
    void (*verbose_echo)(void *ctx, int c);       /* -V */
    void (*report)(void *ctx, const char *text);  /* "Mon DD HH:MM:SS REPORT rest" */
    time_t (*now)(void *ctx);
};

enum chat_match_result {
    CHAT_MATCH_MORE,   /* keep reading */
    CHAT_MATCH_GOT,    /* the received text ends with the expect string */
    CHAT_MATCH_ABORT,  /* an ABORT string: see abort_index and fail_reason */
};

struct chat_strlist {
    char s[CHAT_MAX_ABORTS][CHAT_FAIL_LEN];
    bool set[CHAT_MAX_ABORTS];
    int n;
};

struct chat_match {
    struct chat_match_ops ops;
    bool verbose, Verbose, echo;
    struct chat_strlist aborts, reports;
    bool gathering;
    char report_buf[128];
    /* the current expect */
    char expect[CHAT_STR_LEN + 1];
    size_t len, minlen;
    char buf[CHAT_STR_LEN];
    size_t fill, logged;
    int abort_index;
    char fail_reason[CHAT_FAIL_LEN];
};

void chat_match_init(struct chat_match *m, const struct chat_match_ops *ops);

/* ABORT / REPORT lists. add: 0, or -1 when the list is full. The string must be
 * shorter than CHAT_FAIL_LEN (the caller checks and reports it).
 * clear: how many entries were removed (chat logs one line for each). */
int chat_match_abort_add(struct chat_match *m, const char *s);
int chat_match_abort_clear(struct chat_match *m, const char *s);
int chat_match_report_add(struct chat_match *m, const char *s);
int chat_match_report_clear(struct chat_match *m, const char *s);

/* Start waiting for s (len bytes, 1..CHAT_STR_LEN). */
void chat_match_begin(struct chat_match *m, const char *s, size_t len);
/* Feed one received byte (already masked to 7 bits). */
enum chat_match_result chat_match_byte(struct chat_match *m, int c);

/* A REPORT line still gathering when chat ends: add one more character
 * (returns false when the line is complete), then flush it. */
bool chat_match_report_more(struct chat_match *m, int c);
void chat_match_report_flush(struct chat_match *m);
/* How many bytes can be fed, at the least, before the expect string or an
 * ABORT string could match (1 or more; a conservative bound). A reader may
 * take that many from the line in one read and still leave everything that
 * follows a match unread, as chat(8) does reading one byte at a time. */
size_t chat_match_room(const struct chat_match *m);

#endif
