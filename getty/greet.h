/* greet: the login dialogue on the line: issue file, prompt, and the name
 * read through the logname byte machine, bounded by login-time. */
#ifndef GETTY_GREET_H
#define GETTY_GREET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "logname.h"
#include "prompt.h"

enum greet_result {
    GREET_NAME,          /* a login name (or /AutoPPP/) in ln */
    GREET_TIMEOUT,       /* login-time ran out */
    GREET_HANGUP,        /* EOF or error on the line */
};

struct greet_cfg {
    const char *issue_file;   /* NULL or "": none */
    const char *prompt;       /* with mgetty escapes */
    int login_time_s;         /* 0: no limit */
    bool fido_send_emsi;      /* the EMSI request before each prompt */
    const struct gprompt_ctx *pctx;
};

/* Print the issue file (escapes expanded) to fd, each line followed by CR. */
void greet_issue(int fd, const char *issue_file, const struct gprompt_ctx *pctx);
/* Issue, prompt, then read a name. */
enum greet_result greet_run(int fd, const struct greet_cfg *cfg, struct lname *ln);
/* After /AutoPPP/ was detected: the peer's first frame as it was sent, so
 * it can be handed to the PPP program (session.h) instead of being lost.
 * out gets the head lname consumed (ln->ppp_raw), then the rest read from fd
 * one byte at a time up to and including the closing flag 0x7e, so nothing
 * after the frame is taken. Stops at cap bytes, or after wait_ms in all.
 * Returns the length in out. */
size_t greet_ppp_frame(int fd, const struct lname *ln, uint8_t *out, size_t cap, int wait_ms);

#endif
