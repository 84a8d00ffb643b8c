/* pplconf: pppd-lite's arguments for ppplogin. */
#include "pplconf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/config.h"

static const char *const default_args[] = { "-detach", "silent", "modem", "crtscts" };

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s && s[1] ? s + 1 : path;
}

/* Lay out words (NUL-separated in one block) as argv behind argv[0]. */
static int build(struct pplconf *c, const char *program, const char *const *words, size_t n)
{
    size_t total = strlen(base_name(program)) + 1;
    char *p;

    for (size_t i = 0; i < n; i++)
        total += strlen(words[i]) + 1;
    c->storage = malloc(total);
    if (!c->storage)
        return -1;
    p = c->storage;
    c->argv[0] = p;
    p = stpcpy(p, base_name(program)) + 1;
    for (size_t i = 0; i < n; i++) {
        c->argv[i + 1] = p;
        p = stpcpy(p, words[i]) + 1;
    }
    c->argv[n + 1] = NULL;
    c->argc = n;
    return 0;
}

int pplconf_defaults(struct pplconf *c, const char *program)
{
    memset(c, 0, sizeof *c);
    return build(c, program, default_args, sizeof default_args / sizeof default_args[0]);
}

int pplconf_parse(struct pplconf *c, const char *program, const char *file, const char *text,
                  size_t len, char *err, size_t errlen)
{
    static struct cfg_lexer lx;
    static struct cfg_word w;
    char *words[PPLCONF_MAX_ARGS];
    size_t n = 0;
    int rc = 0, r;

    memset(c, 0, sizeof *c);
    cfg_lexer_init(&lx, file, text, len);
    while ((r = cfg_next_word(&lx, &w)) == 1) {
        if (strlen(w.text) != w.len) {
            snprintf(err, errlen, "%s:%u: NUL byte in a word", file, w.line);
            rc = -1;
            break;
        }
        if (n >= PPLCONF_MAX_ARGS) {
            snprintf(err, errlen, "%s:%u: more than %d words", file, w.line, PPLCONF_MAX_ARGS);
            rc = -1;
            break;
        }
        words[n] = strdup(w.text);
        if (!words[n]) {
            snprintf(err, errlen, "out of memory");
            rc = -1;
            break;
        }
        n++;
    }
    if (r < 0) {
        snprintf(err, errlen, "%s", lx.err);
        rc = -1;
    }
    if (rc == 0 && build(c, program, (const char *const *)words, n) < 0) {
        snprintf(err, errlen, "out of memory");
        rc = -1;
    }
    for (size_t i = 0; i < n; i++)
        free(words[i]);
    return rc;
}

void pplconf_free(struct pplconf *c)
{
    free(c->storage);
    memset(c, 0, sizeof *c);
}
