/* secrets: pppd's pap-secrets / chap-secrets lookup (pppd auth.c
 * scan_authfile and set_allowed_addrs semantics; see secrets.h). */
#include "secrets.h"

#include "config.h"
#include "log.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* pppd's ranking of a matching entry: an exact client counts more than an
 * exact server; a higher score wins, the first entry among equals. */
enum { SCORE_SERVER = 1, SCORE_CLIENT = 2 };

struct scan {
    struct cfg_lexer lx;
    struct cfg_word w;      /* the word just read */
    int rc;                 /* cfg_next_word's result for w */
};

/* A bad line costs that line only: pppd would read on, and refusing the
 * whole file would lock every other user out. */
static int skip_entry(struct scan *s, unsigned line, const char *what)
{
    log_warn("%s:%u: %s; line ignored", s->lx.file, line, what);
    return 0;
}

static void advance(struct scan *s)
{
    s->rc = cfg_next_word(&s->lx, &s->w);
}

/* Copy a name column; names holding NUL bytes or too long are refused. */
static bool take_name(struct scan *s, char *dst, const char *what)
{
    char msg[80];

    if (s->w.len >= SECRETS_NAME_MAX) {
        snprintf(msg, sizeof msg, "%s name too long (more than %d characters)", what,
                 SECRETS_NAME_MAX - 1);
        return skip_entry(s, s->w.line, msg);
    }
    if (memchr(s->w.text, '\0', s->w.len)) {
        snprintf(msg, sizeof msg, "NUL byte in %s name", what);
        return skip_entry(s, s->w.line, msg);
    }
    memcpy(dst, s->w.text, s->w.len + 1);
    return true;
}

static bool is_wild(const char *name) { return name[0] == '*' && name[1] == '\0'; }

/* -1: no match; otherwise the entry's score. */
static int score(const struct secret_match *e, const char *client, const char *server)
{
    int sc = 0;

    if (!is_wild(e->client)) {
        if (client && strcmp(e->client, client) != 0)
            return -1;
        sc |= SCORE_CLIENT;
    }
    if (!is_wild(e->server)) {
        if (server && strcmp(e->server, server) != 0)
            return -1;
        sc |= SCORE_SERVER;
    }
    return sc;
}

/* The address words up to the end of the line; words after "--" are
 * options pppd would apply, which we ignore. false: a bad word (warned). */
static bool take_addrs(struct scan *s, struct secret_match *e)
{
    bool options = false;

    for (advance(s); s->rc == 1 && !s->w.newline_before; advance(s)) {
        if (options)
            continue;
        if (strcmp(s->w.text, "--") == 0 && s->w.len == 2) {
            options = true;
            continue;
        }
        if (e->n_addrs >= SECRETS_ADDRS_MAX) {
            char msg[64];
            snprintf(msg, sizeof msg, "too many addresses (more than %d)", SECRETS_ADDRS_MAX);
            return skip_entry(s, s->w.line, msg);
        }
        if (s->w.len >= SECRETS_ADDR_WORD_MAX || memchr(s->w.text, '\0', s->w.len))
            return skip_entry(s, s->w.line, "bad address word");
        memcpy(e->addrs[e->n_addrs++], s->w.text, s->w.len + 1);
    }
    return true;   /* a lexer error shows in s->rc */
}

/* The rest of a bad entry's line. */
static void skip_rest_of_line(struct scan *s)
{
    do
        advance(s);
    while (s->rc == 1 && !s->w.newline_before);
}

/* Read one entry starting at s->w. 1: an entry in *e, s->w is the next
 * line's first word (or the end, or a lexer error in s->rc); 0: the line was
 * skipped (short or bad: warned), s->w as after an entry. */
static int read_entry(struct scan *s, struct secret_match *e)
{
    unsigned line = s->w.line;

    memset(e, 0, sizeof *e);
    e->line = line;
    if (!take_name(s, e->client, "client")) {
        skip_rest_of_line(s);
        return 0;
    }
    advance(s);
    if (s->rc == 1 && !s->w.newline_before) {
        if (!take_name(s, e->server, "server")) {
            skip_rest_of_line(s);
            return 0;
        }
        advance(s);
        if (s->rc == 1 && !s->w.newline_before) {
            if (s->w.len >= SECRETS_SECRET_MAX) {
                char msg[64];
                snprintf(msg, sizeof msg, "secret too long (more than %d characters)",
                         SECRETS_SECRET_MAX - 1);
                skip_entry(s, s->w.line, msg);
                skip_rest_of_line(s);
                return 0;
            }
            memcpy(e->secret, s->w.text, s->w.len + 1);
            e->secret_len = s->w.len;
            if (take_addrs(s, e))
                return 1;
            skip_rest_of_line(s);
            return 0;
        }
    }
    if (s->rc < 0)
        return 0;
    /* pppd skips such lines too; say so, a typo here locks people out. */
    log_warn("%s:%u: entry without a secret ignored", s->lx.file, line);
    return 0;
}

/* Replace a "@/path" secret by the first line of that file. */
static int resolve_indirect(struct secret_match *m, const char *file, char *err, size_t errlen)
{
    char *text = NULL, msg[CFG_ERR_MAX];
    size_t len = 0;
    int rc = -1;

    if (!(m->secret[0] == '@' && m->secret[1] == '/'))
        return 0;
    if (strlen(m->secret) != m->secret_len) {
        snprintf(err, errlen, "%s:%u: NUL byte in secret file name", file, m->line);
        return -1;
    }
    if (cfg_read_file(m->secret + 1, &text, &len, msg, sizeof msg) < 0) {
        snprintf(err, errlen, "%s:%u: %s", file, m->line, msg);
        return -1;
    }
    size_t n = 0;
    while (n < len && text[n] != '\n')
        n++;
    if (n > 0 && text[n - 1] == '\r')
        n--;
    if (n == 0)
        snprintf(err, errlen, "%s:%u: secret file %s is empty", file, m->line, m->secret + 1);
    else if (n >= SECRETS_SECRET_MAX)
        snprintf(err, errlen, "%s:%u: secret in %s too long", file, m->line, m->secret + 1);
    else {
        secrets_wipe(m->secret, sizeof m->secret);
        memcpy(m->secret, text, n);
        m->secret_len = n;
        rc = 0;
    }
    secrets_wipe(text, len);
    free(text);
    return rc;
}

int secrets_lookup_text(const char *filename, const char *text, size_t len,
                        const char *client, const char *server,
                        struct secret_match *m, char *err, size_t errlen)
{
    struct scan *s = calloc(1, sizeof *s);
    struct secret_match *e = calloc(1, sizeof *e);
    int best = -1, rc = -1;

    memset(m, 0, sizeof *m);
    if (!s || !e) {
        snprintf(err, errlen, "%s: out of memory", filename ? filename : "secrets");
        goto out;
    }
    cfg_lexer_init(&s->lx, filename ? filename : "secrets", text, len);
    advance(s);
    while (s->rc != 0) {
        if (s->rc < 0) {
            /* an over-long word or an open quote: that line goes, the rest stays */
            log_warn("%s; line ignored", s->lx.err);
            cfg_lexer_skip_line(&s->lx);
            advance(s);
            continue;
        }
        int got = read_entry(s, e);
        int sc = got ? score(e, client, server) : -1;
        if (sc > best) {
            best = sc;
            *m = *e;
        }
    }
    rc = 0;
    if (best >= 0) {
        rc = resolve_indirect(m, s->lx.file, err, errlen) < 0 ? -1 : 1;
    }
out:
    if (rc != 1)
        secrets_wipe(m, sizeof *m);
    if (s) {
        secrets_wipe(s, sizeof *s);
        free(s);
    }
    if (e) {
        secrets_wipe(e, sizeof *e);
        free(e);
    }
    return rc;
}

int secrets_lookup_file(const char *path, const char *client, const char *server,
                        struct secret_match *m, char *err, size_t errlen)
{
    char *text;
    size_t len;

    memset(m, 0, sizeof *m);
    if (cfg_read_file(path, &text, &len, err, errlen) < 0)
        return -1;
    int rc = secrets_lookup_text(path, text, len, client, server, m, err, errlen);
    secrets_wipe(text, len);
    free(text);
    return rc;
}

/* One address word as pppd's set_allowed_addrs reads it. */
enum addr_kind { ADDR_BAD, ADDR_STOP, ADDR_ANY, ADDR_RULE };
struct addr_rule {
    bool permit;
    uint32_t base, mask;    /* host byte order */
};

static enum addr_kind parse_addr(const char *word, unsigned unit, struct addr_rule *r)
{
    char host[SECRETS_ADDR_WORD_MAX];
    uint32_t mask = 0xffffffffu;
    uint64_t offset = 0;
    struct in_addr in;
    const char *slash;
    size_t n;

    if (strcmp(word, "-") == 0)
        return ADDR_STOP;
    if (strcmp(word, "*") == 0)
        return ADDR_ANY;
    r->permit = word[0] != '!';
    if (!r->permit)
        word++;
    slash = strchr(word, '/');
    n = slash ? (size_t)(slash - word) : strlen(word);
    if (n == 0 || n >= sizeof host)
        return ADDR_BAD;
    memcpy(host, word, n);
    host[n] = '\0';
    if (slash) {
        const char *p = slash + 1;
        unsigned bits = 0, digits = 0;
        while (*p >= '0' && *p <= '9' && digits < 3) {
            bits = bits * 10 + (unsigned)(*p++ - '0');
            digits++;
        }
        if (digits == 0 || bits < 1 || bits > 32)
            return ADDR_BAD;
        mask <<= 32 - bits;
        if (*p == '+') {
            offset = (uint64_t)unit + 1;
            p++;
        }
        if (*p != '\0')
            return ADDR_BAD;
    }
    /* Only dotted numbers: host names are not looked up (see secrets.h).
     * glibc's inet_aton stops at white space, so refuse any inside. */
    if (strpbrk(host, " \t\r\n\v\f") || inet_aton(host, &in) == 0)
        return ADDR_BAD;
    uint32_t a = ntohl(in.s_addr);
    if (offset) {
        if (offset >= (uint64_t)(uint32_t)~mask)
            return ADDR_BAD;    /* unit too large for the subnet */
        a = (a & mask) + (uint32_t)offset;
        mask = 0xffffffffu;
    }
    r->mask = mask;
    r->base = a & mask;
    return ADDR_RULE;
}

bool secrets_addr_allowed(const struct secret_match *m, uint32_t addr, unsigned unit)
{
    struct addr_rule r;

    for (size_t i = 0; i < m->n_addrs && i < SECRETS_ADDRS_MAX; i++) {
        switch (parse_addr(m->addrs[i], unit, &r)) {
        case ADDR_STOP: return false;
        case ADDR_ANY: return true;
        case ADDR_BAD: continue;
        case ADDR_RULE:
            if ((addr & r.mask) == r.base)
                return r.permit;    /* the first matching word decides */
            break;
        }
    }
    return false;
}

bool secrets_some_addr_ok(const struct secret_match *m)
{
    for (size_t i = 0; i < m->n_addrs && i < SECRETS_ADDRS_MAX; i++) {
        if (m->addrs[i][0] == '-')
            return false;
        if (m->addrs[i][0] != '!')
            return true;
    }
    return false;
}

bool secrets_suggested_addr(const struct secret_match *m, unsigned unit, uint32_t *addr)
{
    struct addr_rule r;

    for (size_t i = 0; i < m->n_addrs && i < SECRETS_ADDRS_MAX; i++) {
        enum addr_kind k = parse_addr(m->addrs[i], unit, &r);
        if (k == ADDR_STOP || k == ADDR_ANY)
            return false;
        if (k == ADDR_RULE && r.permit && r.mask == 0xffffffffu && r.base != 0 &&
            secrets_addr_allowed(m, r.base, unit)) {
            *addr = r.base;
            return true;
        }
    }
    return false;
}

bool secrets_equal(const void *a, size_t alen, const void *b, size_t blen)
{
    /* Time depends on blen only (what the peer sent); a is the stored
     * secret. Every byte of b is compared with a byte of a even when the
     * lengths differ, so a short guess teaches nothing from the timing. */
    const volatile unsigned char *pa = a, *pb = b;
    volatile unsigned char diff = alen != blen;

    for (size_t i = 0; i < blen; i++) {
        unsigned char x = alen ? pa[i % alen] : 0;
        diff |= (unsigned char)(x ^ pb[i]);
    }
    return diff == 0;
}

void secrets_wipe(void *p, size_t n)
{
    if (p && n)
        explicit_bzero(p, n);
}
