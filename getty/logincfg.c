/* logincfg: login.config matching and argv building, as mgetty's do_login(). */
#include "logincfg.h"

#include <stdio.h>
#include <string.h>

#include "common/linetable.h"
#include "common/log.h"

bool lcfg_pattern_match(const char *pattern, const char *name)
{
    size_t plen = strlen(pattern), nlen = strlen(name);
    bool head, tail;

    if (plen == 0)
        return false;
    head = pattern[0] == '*';
    tail = plen > 1 && pattern[plen - 1] == '*';
    if (plen == 1 && head)
        return true;                       /* "*" */
    if (!head && !tail)
        return strcmp(pattern, name) == 0;
    if (head && tail) {                    /* "*abc*": substring */
        char core[LCFG_STR_MAX];
        size_t clen = plen - 2;
        if (clen >= sizeof core)
            return false;
        memcpy(core, pattern + 1, clen);
        core[clen] = '\0';
        return strstr(name, core) != NULL;
    }
    if (tail)                              /* "abc*": prefix */
        return nlen >= plen - 1 && strncmp(pattern, name, plen - 1) == 0;
    /* "*abc": suffix */
    return nlen >= plen - 1 && strcmp(name + nlen - (plen - 1), pattern + 1) == 0;
}

static void copy_str(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src);
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

/* Append one argument; a whole word "@", "\I" or "\Y" is substituted.
 * "@" with an empty login name adds nothing (as mgetty). */
static void add_arg(struct lcfg_result *res, const char *word, const struct lcfg_ctx *ctx)
{
    const char *val = word;

    if (strcmp(word, "@") == 0) {
        if (!ctx->name || !*ctx->name)
            return;
        val = ctx->name;
    } else if (strcmp(word, "\\I") == 0) {
        val = ctx->connect && *ctx->connect ? ctx->connect : "??";
    } else if (strcmp(word, "\\Y") == 0) {
        val = ctx->caller_id && *ctx->caller_id ? ctx->caller_id : "none";
    }
    copy_str(res->args[res->argc], LCFG_STR_MAX, val);
    res->argv[res->argc] = res->args[res->argc];
    res->argc++;
    res->argv[res->argc] = NULL;
}

static void start_argv(struct lcfg_result *res, const char *program)
{
    copy_str(res->program, sizeof res->program, program);
    res->argc = 0;
    copy_str(res->args[0], LCFG_STR_MAX, base_name(program));
    res->argv[0] = res->args[0];
    res->argc = 1;
    res->argv[1] = NULL;
}

void lcfg_default(const struct lcfg_ctx *ctx, const char *default_login, struct lcfg_result *res)
{
    memset(res, 0, sizeof *res);
    res->keep_root = true;
    copy_str(res->userid, sizeof res->userid, "-");
    start_argv(res, default_login ? default_login : LCFG_DEFAULT_LOGIN);
    add_arg(res, "@", ctx);
}

/* Fill res from a matching row: cols uid, utmp, rest-of-line. -1 when the
 * rest holds no program word (only white space such as \v). */
static int build_result(const char *file, unsigned line, const char *uid, const char *utmp,
                         char *rest, const struct lcfg_ctx *ctx, struct lcfg_result *res)
{
    char *words[LCFG_MAX_ARGS + 2];
    size_t dropped = 0;
    size_t n = linetable_split_words(rest, words, LCFG_MAX_ARGS + 2, &dropped);

    if (n == 0)
        return -1;
    memset(res, 0, sizeof *res);
    res->matched = true;
    res->line = line;
    copy_str(res->userid, sizeof res->userid, uid);
    res->keep_root = strcmp(uid, "-") == 0;
    if (strcmp(utmp, "-") == 0)
        res->utmp[0] = '\0';
    else if (strcmp(utmp, "@") == 0)
        copy_str(res->utmp, sizeof res->utmp, ctx->name ? ctx->name : "");
    else
        copy_str(res->utmp, sizeof res->utmp, utmp);
    start_argv(res, words[0]);
    if (n > LCFG_MAX_ARGS + 1) {
        log_warn("login.config: max. %d command line arguments possible, truncated at: '%s'"
                 " (%s:%u)", LCFG_MAX_ARGS, words[LCFG_MAX_ARGS + 1], file, line);
        n = LCFG_MAX_ARGS + 1;
    }
    for (size_t i = 1; i < n; i++)
        add_arg(res, words[i], ctx);
    return 0;
}

int lcfg_lookup(const char *file, const char *text, size_t len, const struct lcfg_ctx *ctx,
                const char *default_login, struct lcfg_result *res)
{
    struct linetable t;
    static struct linetable_row row;   /* large; one getty process, one lookup at a time */
    char err[LINETABLE_ERR_MAX];
    bool version2 = false;
    int rc;

    if (!file)
        file = "login.config";
    linetable_init(&t, file, text, len);
    while ((rc = linetable_next(&t, version2 ? 5 : 4, &row, err, sizeof err)) != 0) {
        size_t base = version2 ? 1 : 0;
        if (rc < 0) {
            log_warn("%s", err);
            continue;
        }
        if (strcmp(row.cols[0], "!version") == 0) {
            if (row.ncols >= 2 && strncmp(row.cols[1], "2", 1) == 0 && row.cols[1][1] == '\0') {
                version2 = true;
            } else {
                log_warn("%s:%u: unsupported login.config version", file, row.line);
            }
            continue;
        }
        if (row.ncols < 4 + base) {
            log_warn("%s:%u: syntax error, expected: name userid utmp program [args]",
                     file, row.line);
            continue;
        }
        if (version2) {
            const char *cb = row.cols[1];
            if ((cb[0] == 'Y' && !ctx->callback) || (cb[0] == 'N' && ctx->callback))
                continue;
        }
        if (!lcfg_pattern_match(row.cols[0], ctx->name ? ctx->name : ""))
            continue;
        log_debug("match: user='%s', key='%s'*** hit!", ctx->name ? ctx->name : "", row.cols[0]);
        if (build_result(file, row.line, row.cols[1 + base], row.cols[2 + base],
                         row.cols[3 + base], ctx, res) < 0) {
            log_warn("%s:%u: syntax error, no program", file, row.line);
            continue;
        }
        return 1;
    }
    lcfg_default(ctx, default_login, res);
    return 0;
}

int lcfg_file_acceptable(const struct stat *st, char *why, size_t whylen)
{
    if (st->st_uid != 0 || (st->st_mode & 077) != 0) {
        snprintf(why, whylen, "wrong permissions. Must be owned by 'root' and have mode '0600'"
                 " (owner uid %u, mode %04o)", (unsigned)st->st_uid,
                 (unsigned)(st->st_mode & 07777));
        return 0;
    }
    if (!S_ISREG(st->st_mode)) {
        snprintf(why, whylen, "not a regular file");
        return 0;
    }
    return 1;
}

void lcfg_format_argv(const struct lcfg_result *res, char *out, size_t outlen)
{
    size_t used = 0;

    if (outlen == 0)
        return;
    out[0] = '\0';
    for (size_t i = 0; i < res->argc && used < outlen; i++) {
        int n = snprintf(out + used, outlen - used, "%s%s", i ? " " : "", res->argv[i]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}
