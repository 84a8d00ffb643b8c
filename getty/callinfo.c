/* callinfo: RING, caller-id and CONNECT lines from the modem. */
#include "callinfo.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

void glines_init(struct glines *l)
{
    l->len = 0;
}

bool glines_feed(struct glines *l, char byte, char *out, size_t outlen)
{
    if (byte == '\0')
        return false;
    if (byte == '\r' || byte == '\n') {
        if (l->len == 0)
            return false;
        snprintf(out, outlen, "%.*s", (int)l->len, l->cur);
        l->len = 0;
        return true;
    }
    if (l->len + 1 < sizeof l->cur)
        l->cur[l->len++] = byte;
    return false;
}

/* Copy the value of "KEY = value" (blanks around '=' optional) into dst. */
static bool take_value(const char *line, const char *key, char sep, char *dst, size_t cap)
{
    size_t kl = strlen(key);
    const char *p;
    size_t n;

    if (strncmp(line, key, kl) != 0)
        return false;
    p = line + kl;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p != sep)
        return false;
    p++;
    while (*p == ' ' || *p == '\t')
        p++;
    n = strlen(p);
    while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
        n--;
    snprintf(dst, cap, "%.*s", (int)n, p);
    return true;
}

/* Store a printable copy (caller-controlled text goes to logs and env). */
static void clean_copy(char *dst, size_t cap, const char *src, size_t n)
{
    size_t o = 0;

    for (size_t i = 0; i < n && o + 1 < cap; i++) {
        unsigned char c = (unsigned char)src[i];
        dst[o++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
    }
    dst[o] = '\0';
}

bool gcall_parse_line(struct gcall_info *info, const char *line)
{
    char tmp[GCALL_STR_MAX];

    if (strncmp(line, "RING", 4) == 0) {
        const char *p = line + 4;
        /* "RING;caller" or "RING/called" (ISDN terminal adapters) */
        while (*p == ';' || *p == '/') {
            char kind = *p++;
            size_t n = strcspn(p, ";/");
            if (n > 0) {
                if (kind == ';')
                    clean_copy(info->caller_id, sizeof info->caller_id, p, n);
                else
                    clean_copy(info->called_id, sizeof info->called_id, p, n);
            }
            p += n;
        }
        return true;
    }
    if (take_value(line, "NMBR", '=', tmp, sizeof tmp) ||
        take_value(line, "CALLER NUMBER", ':', tmp, sizeof tmp))
        clean_copy(info->caller_id, sizeof info->caller_id, tmp, strlen(tmp));
    else if (take_value(line, "NAME", '=', tmp, sizeof tmp))
        clean_copy(info->caller_name, sizeof info->caller_name, tmp, strlen(tmp));
    else if (take_value(line, "DATE", '=', tmp, sizeof tmp))
        clean_copy(info->call_date, sizeof info->call_date, tmp, strlen(tmp));
    else if (take_value(line, "TIME", '=', tmp, sizeof tmp))
        clean_copy(info->call_time, sizeof info->call_time, tmp, strlen(tmp));
    else if (take_value(line, "DDN_NMBR", '=', tmp, sizeof tmp))
        clean_copy(info->called_id, sizeof info->called_id, tmp, strlen(tmp));
    return false;
}

int gcall_parse_connect(struct gcall_info *info, const char *text, size_t len)
{
    static const char word[] = "CONNECT";
    const size_t wl = sizeof word - 1;
    size_t at = (size_t)-1, start, end;

    for (size_t i = 0; i + wl <= len; i++)
        if (memcmp(text + i, word, wl) == 0)
            at = i;
    if (at == (size_t)-1)
        return -1;
    start = at + wl;
    while (start < len && (text[start] == ' ' || text[start] == '\t'))
        start++;
    end = start;
    while (end < len && text[end] != '\r' && text[end] != '\n')
        end++;
    while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\t'))
        end--;
    clean_copy(info->connect, sizeof info->connect, text + start, end - start);
    info->speed = 0;
    for (const char *p = info->connect; isdigit((unsigned char)*p); p++) {
        if (info->speed > 100000000u)
            break;
        info->speed = info->speed * 10 + (unsigned)(*p - '0');
    }
    return 0;
}
