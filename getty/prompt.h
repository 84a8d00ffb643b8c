/* prompt: mgetty's escapes in the login prompt and the issue file
 * (logname.c ln_escape_prompt()). Sans-I/O: every value comes in ctx.
 *
 *   @      system (node) name          \n \r \g \b \v \f \t  control characters
 *   \s     OS name    \m machine       \R OS release    \V OS version
 *   \P \L  tty name   \S port speed    \I CONNECT string \Y caller id
 *   \C     ctime()    \D date m/d/yyyy \T time hh:mm:ss  \N \U number of users
 *   \<digits>  a character by code (strtol: 0octal, 0xhex, decimal)
 *   \\     a backslash; any other \x stands for x
 * The result is at most GPROMPT_MAX bytes (longer output is cut). */
#ifndef GETTY_PROMPT_H
#define GETTY_PROMPT_H

#include <stddef.h>
#include <time.h>

#define GPROMPT_MAX 300

struct gprompt_ctx {
    const char *nodename, *sysname, *release, *version, *machine;
    const char *tty;         /* "ttyS0" */
    unsigned speed;          /* port speed */
    const char *connect;     /* CONNECT string */
    const char *caller_id;
    unsigned nusers;
    time_t now;
};

/* Fill the uname fields and now from the running system. */
void gprompt_ctx_system(struct gprompt_ctx *ctx);
/* Expand in into out (NUL-ended); returns the length written. */
size_t gprompt_expand(const char *in, const struct gprompt_ctx *ctx, char *out, size_t outlen);
/* For the line: each "\n" becomes "\r\n" (the tty has no output processing
 * while the name is read). Returns the length written into out. */
size_t gprompt_crlf(const char *in, size_t len, char *out, size_t outlen);

#endif
