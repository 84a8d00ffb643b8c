/* callinfo: what the modem tells about a call, parsed from its result lines
 * (sans-I/O). RING lines are counted by the caller; caller-id lines follow
 * the common formats: "NMBR = 0123" / "NAME = x" / "DATE = 1124" /
 * "TIME = 1005" (Rockwell and most voice modems), "CALLER NUMBER: 0123",
 * "RING;0123" and "RING/456" (ISDN adapters: caller ; and called /).
 * CONNECT lines give the CONNECT string and the speed. */
#ifndef GETTY_CALLINFO_H
#define GETTY_CALLINFO_H

#include <stdbool.h>
#include <stddef.h>

#define GCALL_STR_MAX 64
#define GLINES_MAX 256

struct gcall_info {
    char caller_id[GCALL_STR_MAX];
    char caller_name[GCALL_STR_MAX];
    char called_id[GCALL_STR_MAX];
    char call_date[GCALL_STR_MAX];
    char call_time[GCALL_STR_MAX];
    char connect[128];          /* text after "CONNECT", e.g. "57600/V42b"; "DIRECT" on a direct line */
    unsigned speed;             /* leading number of the CONNECT string, 0 none */
};

/* Split a byte stream into lines: CR and LF end a line, empty lines are
 * dropped, NULs are ignored, overlong lines are cut at GLINES_MAX-1. */
struct glines {
    char cur[GLINES_MAX];
    size_t len;
};

void glines_init(struct glines *l);
/* Feed one byte; returns true when a whole line is now in out (NUL-ended). */
bool glines_feed(struct glines *l, char byte, char *out, size_t outlen);

/* Look at one modem line: returns true for a RING line; takes caller id,
 * name, called number, date and time into info when present. */
bool gcall_parse_line(struct gcall_info *info, const char *line);

/* Find the last "CONNECT" in text (the bytes received by the answer chat);
 * the rest of its line becomes info->connect (blanks trimmed) and its
 * leading digits info->speed. Returns 0, or -1 when there is no CONNECT. */
int gcall_parse_connect(struct gcall_info *info, const char *text, size_t len);

#endif
