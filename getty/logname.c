/* logname: the login-name byte machine (mgetty logname.c getlogname()). */
#include "logname.h"

#include <string.h>

#include "logincfg.h"

#define CH_CTRL_C 0x03
#define CH_BS 0x08
#define CH_LF 0x0a
#define CH_CR 0x0d
#define CH_XON 0x11
#define CH_XOFF 0x13
#define CH_KILL 0x15             /* ^U */
#define CH_DEL 0x7f

static const uint8_t lcp_start[] = { 0x7e, 0xff, 0x03, 0xc0, 0x21 };

void lname_init(struct lname *ln)
{
    memset(ln, 0, sizeof *ln);
}

static void echo_str(struct buf_writer *echo, const char *s)
{
    if (echo)
        buf_put_bytes(echo, s, strlen(s));
}

static void reset_line(struct lname *ln)
{
    ln->len = 0;
    ln->name[0] = '\0';
}

/* One raw byte through the AutoPPP recogniser; true when the LCP start has
 * been seen. Any byte may arrive escaped (0x7d, then byte ^ 0x20). */
static bool ppp_step(struct lname *ln, uint8_t raw)
{
    uint8_t c = raw;

    if (ln->ppp_escape) {
        ln->ppp_escape = false;
        c = raw ^ 0x20;
    } else if (raw == 0x7d) {
        ln->ppp_escape = true;
        if (ln->ppp_level > 0 && ln->ppp_rawlen < sizeof ln->ppp_raw)
            ln->ppp_raw[ln->ppp_rawlen++] = raw;
        return false;
    }
    if (c == lcp_start[ln->ppp_level]) {
        ln->ppp_level++;
    } else {
        ln->ppp_level = c == lcp_start[0] ? 1 : 0;
    }
    if (ln->ppp_level == 1)
        ln->ppp_rawlen = 0;                /* a new frame start: keep from its flag */
    if (ln->ppp_level > 0 && ln->ppp_rawlen < sizeof ln->ppp_raw)
        ln->ppp_raw[ln->ppp_rawlen++] = raw;
    return ln->ppp_level == sizeof lcp_start;
}

/* The line editing for one 7-bit character. */
static enum lname_status edit(struct lname *ln, uint8_t c, struct buf_writer *echo)
{
    if (ln->ppp_level > 0 && (c < 0x20 || c == CH_DEL))
        return LNAME_MORE;                 /* inside a possible frame start: no editing */
    switch (c) {
    case 0x00: case 0x01: case CH_XON: case CH_XOFF:
        return LNAME_MORE;
    case CH_BS: case CH_DEL:
        if (ln->len > 0) {
            ln->name[--ln->len] = '\0';
            echo_str(echo, "\b \b");
        }
        return LNAME_MORE;
    case CH_KILL: case CH_CTRL_C:
        reset_line(ln);
        echo_str(echo, "\r\n");
        return LNAME_REPROMPT;
    case CH_CR: case CH_LF:
        ln->ended_with_cr = c == CH_CR;
        echo_str(echo, c == CH_CR ? "\r\n" : "\n\r");   /* as mgetty: the byte, then the other */
        if (ln->len == 0)
            return LNAME_EMPTY;
        return LNAME_DONE;
    default:
        break;
    }
    if (c < 0x20)
        return LNAME_MORE;                 /* other control characters: ignored */
    if (ln->len == 0 && (c == '-' || c == ' ')) {
        echo_str(echo, c == '-' ? "-\b \b" : " \b \b");
        return LNAME_MORE;
    }
    if (ln->len >= LNAME_MAX) {
        echo_str(echo, "\a");
        return LNAME_MORE;
    }
    ln->name[ln->len++] = (char)c;
    ln->name[ln->len] = '\0';
    if (echo)
        buf_put_u8(echo, c);
    return LNAME_MORE;
}

enum lname_status lname_feed(struct lname *ln, uint8_t byte, struct buf_writer *echo)
{
    struct buf_writer held;
    enum lname_status st;

    if (ppp_step(ln, byte)) {
        memcpy(ln->name, LCFG_AUTOPPP, sizeof LCFG_AUTOPPP);
        ln->len = sizeof LCFG_AUTOPPP - 1;
        ln->ppp_level = 0;
        ln->ppp_escape = false;
        ln->ended_with_cr = true;
        ln->held_len = 0;                  /* the frame start is never echoed */
        return LNAME_PPP;
    }
    if (ln->ppp_level == 1 && ln->ppp_rawlen == 1 && ln->held_len) {
        /* a new frame start: the echo held so far belongs to the bytes
         * before it, which were typing after all (so the held echo never
         * spans more than one candidate: "~~~~..." cannot overflow it) */
        if (echo)
            buf_put_bytes(echo, ln->held, ln->held_len);
        ln->held_len = 0;
    }
    if (ln->ppp_level > 0) {
        /* maybe a PPP frame start: hold its echo back, so the peer does not
         * get "~}#@" as a bogus frame (mgetty echoes it) */
        buf_writer_init(&held, ln->held + ln->held_len, sizeof ln->held - ln->held_len);
        st = edit(ln, byte & 0x7f, &held);
        ln->held_len += buf_writer_len(&held);
        return st;
    }
    if (ln->held_len && echo)
        buf_put_bytes(echo, ln->held, ln->held_len);
    ln->held_len = 0;
    return edit(ln, byte & 0x7f, echo);
}
