/* logname: reading the login name, one byte at a time, as mgetty's
 * getlogname(): sans-I/O, the caller feeds bytes and writes the echo.
 *
 * - bytes are stripped to 7 bits for the name; NUL, 0x01, XON and XOFF are
 *   ignored; BS and DEL erase ("\b \b"); ^U (kill) and ^C discard the line
 *   and ask for the prompt again; CR or LF ends the line;
 * - a '-' or a space as the first character is echoed and erased again, so
 *   a name can never look like an option to login;
 * - in parallel, the raw bytes run through mgetty's AutoPPP machine: after
 *   undoing 0x7d escapes it looks for 0x7e 0xff 0x03 0xc0 0x21, the start of
 *   an LCP frame (RFC 1662 section 4.2; RFC 1661 section 5), which matches
 *   both "7e ff 7d 23 c0 21" and "7e ff 03 c0 21". While the bytes could be
 *   such a start their echo is held back, and dropped when they are one. */
#ifndef GETTY_LOGNAME_H
#define GETTY_LOGNAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"

#define LNAME_MAX 128            /* longest login name kept (bytes) */
#define LNAME_PPP_RAW_MAX 16     /* 7e ff 03 c0 21, each byte possibly escaped */
/* The most one lname_feed can echo: the held echo of a frame start that
 * proved to be typing (at most 4 bytes per raw byte) plus its own. */
#define LNAME_ECHO_MAX (LNAME_PPP_RAW_MAX * 4 + 8)

enum lname_status {
    LNAME_MORE,                  /* keep feeding */
    LNAME_DONE,                  /* a name ended by CR or LF (lname.name) */
    LNAME_EMPTY,                 /* an empty line: print issue and prompt again */
    LNAME_REPROMPT,              /* ^U or ^C: print the prompt again */
    LNAME_PPP,                   /* an LCP frame: name is "/AutoPPP/" */
};

struct lname {
    char name[LNAME_MAX + 1];
    size_t len;
    unsigned ppp_level;          /* bytes of 7e ff 03 c0 21 seen so far */
    bool ppp_escape;             /* last raw byte was 0x7d */
    bool ended_with_cr;          /* the line ended with CR (else LF) */
    /* the raw bytes of the frame start being matched, from its 0x7e: after
     * LNAME_PPP they are the consumed head of the peer's first frame */
    uint8_t ppp_raw[LNAME_PPP_RAW_MAX];
    size_t ppp_rawlen;
    /* the echo of those bytes, held back until they prove not to be one */
    uint8_t held[LNAME_PPP_RAW_MAX * 4];
    size_t held_len;
};

void lname_init(struct lname *ln);
/* Feed one byte from the line. Bytes to echo are appended to echo (which may
 * be NULL). After LNAME_DONE/LNAME_PPP the name is in ln->name. After
 * LNAME_EMPTY or LNAME_REPROMPT the state is reset for the next line. */
enum lname_status lname_feed(struct lname *ln, uint8_t byte, struct buf_writer *echo);

#endif
