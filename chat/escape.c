#include "escape.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct out {
    char *p;
    size_t len, cap;
    bool overflow;
};

static void put(struct out *o, char c)
{
    /* keep one byte for the terminating NUL */
    if (o->len + 1 >= o->cap) {
        o->overflow = true;
        return;
    }
    o->p[o->len++] = c;
}

static void put_str(struct out *o, const char *s)
{
    while (*s)
        put(o, *s++);
}

static bool is_octal(char c) { return c >= '0' && c <= '7'; }

/* -E: "$NAME" with NAME of letters, digits and '_'; an unset name gives nothing. */
static const char *env_name_end(const char *s)
{
    while (isalnum((unsigned char)*s) || *s == '_')
        s++;
    return s;
}

static void put_env(struct out *o, const char *name, size_t n, const struct chat_subst *sub)
{
    char buf[256];
    if (n >= sizeof buf)
        return;
    memcpy(buf, name, n);
    buf[n] = '\0';
    const char *v = sub->getenv_fn ? sub->getenv_fn(buf) : getenv(buf);
    if (v)
        put_str(o, v);
}

/* \ddd: one to three octal digits; p points after the first digit. */
static char octal_value(char first, const char **p)
{
    int v = first - '0';
    for (int i = 0; i < 2 && is_octal(**p); i++)
        v = (v << 3) | (*(*p)++ - '0');
    return (char)v;
}

static void put_phone(struct out *o, bool sending, const char *phone, char letter)
{
    if (sending && phone) {
        put_str(o, phone);
    } else {
        put(o, '\\');
        put(o, letter);
    }
}

int chat_clean(const char *in, bool sending, const struct chat_subst *sub, char *out, size_t cap,
               bool *quiet)
{
    static const struct chat_subst none;
    struct out o = { .p = out, .cap = cap };
    bool add_return = sending;
    const char *s = in;
    if (!sub)
        sub = &none;
    if (cap == 0)
        return -1;
    while (*s) {
        char c = *s++;
        if (c == '^') {
            c = *s++;
            if (c == '\0') {
                put(&o, '^');
                break;
            }
            c &= 0x1F;
            if (c != 0) /* ^@ would end the C string chat uses; it is dropped */
                put(&o, c);
            continue;
        }
        if (c == '$' && sub->use_env) {
            const char *end = env_name_end(s);
            put_env(&o, s, (size_t)(end - s), sub);
            s = end;
            continue;
        }
        if (c != '\\') {
            put(&o, c);
            continue;
        }
        c = *s++;
        if (c == '\0') { /* a lone trailing backslash is sent literally */
            if (sending) {
                put(&o, '\\');
                put(&o, '\\');
            }
            break;
        }
        switch (c) {
        case 'b': put(&o, '\b'); break;
        case 'c':
            /* \c suppresses the CR only as the last escape of a send string */
            if (sending && *s == '\0')
                add_return = false;
            else
                put(&o, 'c');
            break;
        case '\\':
        case 'K':
        case 'p':
        case 'd':
            if (sending)
                put(&o, '\\');
            put(&o, c);
            break;
        case 'T': put_phone(&o, sending, sub->phone, 'T'); break;
        case 'U': put_phone(&o, sending, sub->phone2, 'U'); break;
        case 'q':
            if (quiet)
                *quiet = true;
            break;
        case 'r': put(&o, '\r'); break;
        case 'n': put(&o, '\n'); break;
        case 's': put(&o, ' '); break;
        case 't': put(&o, '\t'); break;
        case 'N':
            if (sending) {
                put(&o, '\\');
                put(&o, '\0');
            } else {
                put(&o, 'N');
            }
            break;
        case '$':
            if (sub->use_env) {
                put(&o, '$');
                break;
            }
            /* fall through */
        default:
            if (is_octal(c)) {
                char v = octal_value(c, &s);
                if (v != 0 || sending) {
                    if (sending && (v == '\\' || v == 0))
                        put(&o, '\\');
                    put(&o, v);
                }
                break;
            }
            if (sending)
                put(&o, '\\');
            put(&o, c);
            break;
        }
    }
    if (add_return)
        put(&o, '\r');
    out[o.len] = '\0';
    return o.overflow ? -1 : (int)o.len;
}

void chat_visible(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    if (cap == 0)
        return;
    for (size_t i = 0; i < n && o + 1 < cap; i++) {
        unsigned c = (unsigned char)s[i];
        char tmp[8];
        size_t k = 0;
        if (c >= 0x80) {
            tmp[k++] = 'M';
            tmp[k++] = '-';
            c -= 0x80;
        }
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
            tmp[k++] = '^';
            tmp[k++] = (char)(c ^ 0x40);
        } else {
            tmp[k++] = (char)c;
        }
        for (size_t j = 0; j < k && o + 1 < cap; j++)
            out[o++] = tmp[j];
    }
    out[o] = '\0';
}

void chat_char_visible(int c, char *out)
{
    const char *meta = (c & 0x80) ? "M-" : "";
    c &= 0x7F;
    if (c < 32)
        sprintf(out, "%s^%c", meta, c + '@');
    else if (c == 127)
        sprintf(out, "%s^?", meta);
    else
        sprintf(out, "%s%c", meta, c);
}

char *chat_subexpect_next(char **cursor)
{
    char *str = *cursor;
    if (*str == '\0')
        return NULL;
    char *result = str;
    bool escaped = false;
    while (*str) {
        if (escaped) {
            escaped = false;
            str++;
            continue;
        }
        if (*str == '\\') {
            escaped = true;
            str++;
            continue;
        }
        if (*str == '-') {
            *str++ = '\0';
            break;
        }
        str++;
    }
    *cursor = str;
    return result;
}
