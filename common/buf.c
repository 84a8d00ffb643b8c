#include "buf.h"

#include <string.h>

void buf_reader_init(struct buf_reader *r, const void *data, size_t len)
{
    r->data = data;
    r->len = data ? len : 0;
    r->pos = 0;
    r->err = false;
}

bool buf_reader_ok(const struct buf_reader *r) { return !r->err; }

size_t buf_remaining(const struct buf_reader *r) { return r->err ? 0 : r->len - r->pos; }

/* The single place that decides whether n more bytes exist. */
static const uint8_t *take(struct buf_reader *r, size_t n)
{
    if (r->err || n > r->len - r->pos) {
        r->err = true;
        return NULL;
    }
    const uint8_t *p = r->data + r->pos;
    r->pos += n;
    return p;
}

uint8_t buf_get_u8(struct buf_reader *r)
{
    const uint8_t *p = take(r, 1);
    return p ? p[0] : 0;
}

uint16_t buf_get_u16(struct buf_reader *r)
{
    const uint8_t *p = take(r, 2);
    return p ? (uint16_t)(p[0] << 8 | p[1]) : 0;
}

uint32_t buf_get_u32(struct buf_reader *r)
{
    const uint8_t *p = take(r, 4);
    return p ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3] : 0;
}

bool buf_get_bytes(struct buf_reader *r, void *out, size_t n)
{
    const uint8_t *p = take(r, n);
    if (!p)
        return false;
    if (n)
        memcpy(out, p, n);
    return true;
}

const uint8_t *buf_get_ptr(struct buf_reader *r, size_t n) { return take(r, n); }

bool buf_skip(struct buf_reader *r, size_t n) { return take(r, n) != NULL; }

struct buf_reader buf_get_sub(struct buf_reader *r, size_t n)
{
    struct buf_reader sub;
    const uint8_t *p = take(r, n);
    buf_reader_init(&sub, p, p ? n : 0);
    sub.err = (p == NULL);
    return sub;
}

int buf_peek_u8(const struct buf_reader *r, size_t off)
{
    if (r->err || off >= r->len - r->pos)
        return -1;
    return r->data[r->pos + off];
}

void buf_writer_init(struct buf_writer *w, void *data, size_t cap)
{
    w->data = data;
    w->cap = data ? cap : 0;
    w->len = 0;
    w->err = false;
}

bool buf_writer_ok(const struct buf_writer *w) { return !w->err; }
size_t buf_writer_len(const struct buf_writer *w) { return w->len; }
size_t buf_writer_room(const struct buf_writer *w) { return w->err ? 0 : w->cap - w->len; }

uint8_t *buf_put_reserve(struct buf_writer *w, size_t n)
{
    if (w->err || n > w->cap - w->len) {
        w->err = true;
        return NULL;
    }
    uint8_t *p = w->data + w->len;
    w->len += n;
    return p;
}

bool buf_put_u8(struct buf_writer *w, uint8_t v)
{
    uint8_t *p = buf_put_reserve(w, 1);
    if (p)
        p[0] = v;
    return p != NULL;
}

bool buf_put_u16(struct buf_writer *w, uint16_t v)
{
    uint8_t *p = buf_put_reserve(w, 2);
    if (p) {
        p[0] = (uint8_t)(v >> 8);
        p[1] = (uint8_t)v;
    }
    return p != NULL;
}

bool buf_put_u32(struct buf_writer *w, uint32_t v)
{
    uint8_t *p = buf_put_reserve(w, 4);
    if (p) {
        p[0] = (uint8_t)(v >> 24);
        p[1] = (uint8_t)(v >> 16);
        p[2] = (uint8_t)(v >> 8);
        p[3] = (uint8_t)v;
    }
    return p != NULL;
}

bool buf_put_bytes(struct buf_writer *w, const void *src, size_t n)
{
    uint8_t *p = buf_put_reserve(w, n);
    if (p && n)
        memcpy(p, src, n);
    return p != NULL;
}

bool buf_patch_u16(struct buf_writer *w, size_t at, uint16_t v)
{
    if (w->err || at > w->len || w->len - at < 2) {
        w->err = true;
        return false;
    }
    w->data[at] = (uint8_t)(v >> 8);
    w->data[at + 1] = (uint8_t)v;
    return true;
}
