/* greet: the login dialogue on the line: issue file, prompt, and the name
 * read through the logname byte machine, bounded by login-time. */
#ifndef GETTY_GREET_H
#define GETTY_GREET_H

#include <stdbool.h>

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
    const struct gprompt_ctx *pctx;
};

/* Print the issue file (escapes expanded) to fd. */
void greet_issue(int fd, const char *issue_file, const struct gprompt_ctx *pctx);
/* Issue, prompt, then read a name. */
enum greet_result greet_run(int fd, const struct greet_cfg *cfg, struct lname *ln);

#endif
