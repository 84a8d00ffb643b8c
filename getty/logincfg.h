/* logincfg: mgetty's login.config: which program runs for a login name.
 *
 * Sans-I/O: the caller reads the file (and checks its owner and mode with
 * lcfg_file_acceptable) and passes the text. Columns: login-name pattern,
 * userid ("-" keeps root), utmp entry ("-" none, "@" the login name, else
 * literal), program and up to LCFG_MAX_ARGS arguments. The first matching
 * line wins; no match (or no usable file) means "/bin/login NAME". */
#ifndef GETTY_LOGINCFG_H
#define GETTY_LOGINCFG_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#define LCFG_MAX_ARGS 9           /* mgetty's limit, extra words are dropped */
#define LCFG_DEFAULT_LOGIN "/bin/login"
#define LCFG_AUTOPPP "/AutoPPP/"
#define LCFG_STR_MAX 256

struct lcfg_ctx {
    const char *name;        /* login name as typed, or "/AutoPPP/" */
    const char *connect;     /* CONNECT string ("" unknown: \I gives "??") */
    const char *caller_id;   /* caller id ("" unknown: \Y gives "none") */
    bool callback;           /* a callback session ("!version 2" Y/N column) */
};

struct lcfg_result {
    bool matched;            /* false: the default login program */
    unsigned line;           /* line of the match */
    bool keep_root;          /* userid "-" */
    char userid[LCFG_STR_MAX];
    char utmp[LCFG_STR_MAX]; /* "" = write no utmp entry */
    char program[LCFG_STR_MAX];
    size_t argc;
    char *argv[LCFG_MAX_ARGS + 2];        /* argv[0] = basename, NULL ended */
    char args[LCFG_MAX_ARGS + 1][LCFG_STR_MAX];
};

/* mgetty's key match: exact, or '*' at the start and/or the end. An empty
 * pattern never matches. */
bool lcfg_pattern_match(const char *pattern, const char *name);

/* Scan the text of login.config for ctx->name. Problems (syntax errors, too
 * many arguments) are logged as warnings naming file and line. Returns 1 when
 * a line matched, 0 when none did (res then holds the default login program
 * default_login, or LCFG_DEFAULT_LOGIN when NULL). */
int lcfg_lookup(const char *file, const char *text, size_t len, const struct lcfg_ctx *ctx,
                const char *default_login, struct lcfg_result *res);

/* The fallback: default_login (NULL = /bin/login) with the login name. */
void lcfg_default(const struct lcfg_ctx *ctx, const char *default_login, struct lcfg_result *res);

/* mgetty's rule: use the file only when owned by root with no group or
 * other permission bits. 1 acceptable; 0 not, with the reason in why. */
int lcfg_file_acceptable(const struct stat *st, char *why, size_t whylen);

/* One line for logs: "prog arg1 arg2" (argv joined with spaces). */
void lcfg_format_argv(const struct lcfg_result *res, char *out, size_t outlen);

#endif
