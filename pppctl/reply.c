/* reply: parse a control socket reply (see reply.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "pppctl/reply.h"

static bool key_char(uint8_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

static enum reply_result bad(struct reply *r, const char *why)
{
    snprintf(r->text, sizeof(r->text), "%s", why);
    return REPLY_BAD;
}

/* One line [p, p + n) without its newline. */
static enum reply_result take_line(struct reply *r, const uint8_t *p, size_t n, bool *done)
{
    size_t k = 0;
    while (k < n && key_char(p[k]))
        k++;
    if (k == 0 || k >= REPLY_KEY_MAX || (k < n && p[k] != ' '))
        return bad(r, "malformed reply line");
    const uint8_t *v = k < n ? p + k + 1 : p + n;
    size_t vn = k < n ? n - k - 1 : 0;
    if (vn >= REPLY_VALUE_MAX)
        return bad(r, "reply value too long");
    for (size_t i = 0; i < vn; i++)
        if (v[i] < 0x20 || v[i] > 0x7e)
            return bad(r, "unprintable byte in reply");
    bool ok = k == 2 && memcmp(p, "ok", 2) == 0;
    bool err = k == 5 && memcmp(p, "error", 5) == 0;
    if (ok || err) {
        memcpy(r->text, v, vn);
        r->text[vn] = '\0';
        *done = true;
        r->error = err;
        return ok ? REPLY_OK : REPLY_ERROR;
    }
    if (r->n >= REPLY_FIELDS_MAX)
        return bad(r, "too many reply fields");
    struct reply_field *f = &r->f[r->n++];
    memcpy(f->key, p, k);
    f->key[k] = '\0';
    memcpy(f->value, v, vn);
    f->value[vn] = '\0';
    return REPLY_MORE;
}

enum reply_result reply_parse(struct reply *r, const void *data, size_t len)
{
    struct buf_reader rd;
    buf_reader_init(&rd, data, len);
    r->n = 0;
    r->text[0] = '\0';
    r->error = false;
    while (buf_remaining(&rd) > 0) {
        const uint8_t *start = rd.data + rd.pos;
        const uint8_t *nl = memchr(start, '\n', buf_remaining(&rd));
        if (!nl)
            return REPLY_MORE;
        size_t n = (size_t)(nl - start);
        buf_skip(&rd, n + 1);
        bool done = false;
        enum reply_result res = take_line(r, start, n, &done);
        if (res == REPLY_BAD)
            return res;
        if (done)
            return buf_remaining(&rd) ? bad(r, "bytes after the reply's last line") : res;
    }
    return REPLY_MORE;
}

const char *reply_get(const struct reply *r, const char *key)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->f[i].key, key) == 0)
            return r->f[i].value;
    return NULL;
}

uint64_t reply_u64(const struct reply *r, const char *key)
{
    const char *v = reply_get(r, key);
    if (!v || !*v)
        return 0;
    char *end;
    unsigned long long x = strtoull(v, &end, 10);
    return *end || v[0] == '-' ? 0 : (uint64_t)x;
}
