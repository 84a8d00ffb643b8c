/* prompt: escape expansion for the login prompt and the issue file. */
#include "prompt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

struct out {
    char *p;
    size_t cap, len;            /* cap includes the final NUL */
};

static void put_c(struct out *o, char c)
{
    if (o->len + 1 < o->cap)
        o->p[o->len++] = c;
}

static void put_s(struct out *o, const char *s)
{
    if (!s)
        return;
    while (*s)
        put_c(o, *s++);
}

static void put_time(struct out *o, const char *fmt, time_t now)
{
    char tmp[64];
    struct tm tm;

    if (!localtime_r(&now, &tm) || strftime(tmp, sizeof tmp, fmt, &tm) == 0)
        return;
    put_s(o, tmp);
}

size_t gprompt_expand(const char *in, const struct gprompt_ctx *ctx, char *out, size_t outlen)
{
    struct out o = { out, outlen > GPROMPT_MAX + 1 ? GPROMPT_MAX + 1 : outlen, 0 };
    char num[32];

    if (outlen == 0)
        return 0;
    for (const char *s = in; *s; s++) {
        if (*s == '@') {
            put_s(&o, ctx->nodename);
            continue;
        }
        if (*s != '\\' || s[1] == '\0') {
            put_c(&o, *s);
            continue;
        }
        s++;
        switch (*s) {
        case 'n': put_c(&o, '\n'); break;
        case 'r': put_c(&o, '\r'); break;
        case 'g': put_c(&o, '\a'); break;
        case 'b': put_c(&o, '\b'); break;
        case 'v': put_c(&o, '\v'); break;
        case 'f': put_c(&o, '\f'); break;
        case 't': put_c(&o, '\t'); break;
        case 's': put_s(&o, ctx->sysname); break;
        case 'm': put_s(&o, ctx->machine); break;
        case 'R': put_s(&o, ctx->release); break;
        case 'V': put_s(&o, ctx->version); break;
        case 'P': case 'L': put_s(&o, ctx->tty); break;
        case 'I': put_s(&o, ctx->connect); break;
        case 'Y': put_s(&o, ctx->caller_id && *ctx->caller_id ? ctx->caller_id : "none"); break;
        case 'S':
            snprintf(num, sizeof num, "%u", ctx->speed);
            put_s(&o, num);
            break;
        case 'N': case 'U':
            snprintf(num, sizeof num, "%u", ctx->nusers);
            put_s(&o, num);
            break;
        case 'C': {
            char tmp[32];
            struct tm tm;
            if (localtime_r(&ctx->now, &tm) && asctime_r(&tm, tmp)) {
                tmp[strcspn(tmp, "\n")] = '\0';
                put_s(&o, tmp);
            }
            break;
        }
        case 'D': {
            struct tm tm;
            if (localtime_r(&ctx->now, &tm)) {
                snprintf(num, sizeof num, "%d/%d/%d", tm.tm_mon + 1, tm.tm_mday,
                         tm.tm_year + 1900);
                put_s(&o, num);
            }
            break;
        }
        case 'T': put_time(&o, "%H:%M:%S", ctx->now); break;
        default:
            if (*s >= '0' && *s <= '9') {
                char *end;
                long v = strtol(s, &end, 0);
                /* mgetty keeps the low byte: \1013 is 0xf5 */
                if ((v & 0xff) != 0)
                    put_c(&o, (char)(v & 0xff));
                s = end - 1;
            } else {
                put_c(&o, *s);
            }
            break;
        }
    }
    o.p[o.len] = '\0';
    return o.len;
}

void gprompt_ctx_system(struct gprompt_ctx *ctx)
{
    static struct utsname u;

    if (uname(&u) == 0) {
        ctx->nodename = u.nodename;
        ctx->sysname = u.sysname;
        ctx->release = u.release;
        ctx->version = u.version;
        ctx->machine = u.machine;
    }
    ctx->now = time(NULL);
}

size_t gprompt_crlf(const char *in, size_t len, char *out, size_t outlen)
{
    size_t o = 0;

    for (size_t i = 0; i < len; i++) {
        if (in[i] == '\n' && (i == 0 || in[i - 1] != '\r')) {
            if (o + 1 >= outlen)
                break;
            out[o++] = '\r';
        }
        if (o >= outlen)
            break;
        out[o++] = in[i];
    }
    return o;
}
