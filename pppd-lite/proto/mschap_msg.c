/* mschap_msg: Success / Failure text and Response value layout. */
#include "mschap_msg.h"

#include <stdio.h>
#include <string.h>

/* Length of the field that starts at p: up to a space, a NUL or the end. */
static size_t field_len(const uint8_t *p, size_t n)
{
    size_t i = 0;

    while (i < n && p[i] != ' ' && p[i] != '\0')
        i++;
    return i;
}

/* A decimal number of 1 to 9 digits filling [p, p + n). */
static bool parse_num(const uint8_t *p, size_t n, long *out)
{
    long v = 0;

    if (n == 0 || n > 9)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return false;
        v = v * 10 + (p[i] - '0');
    }
    *out = v;
    return true;
}

static int hex_val(uint8_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bool parse_hex(const uint8_t *p, size_t n, uint8_t *out, size_t cap, size_t *len)
{
    if (n == 0 || n % 2 || n / 2 > cap)
        return false;
    for (size_t i = 0; i < n; i += 2) {
        int hi = hex_val(p[i]), lo = hex_val(p[i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        out[i / 2] = (uint8_t)(hi << 4 | lo);
    }
    *len = n / 2;
    return true;
}

/* M= runs to the end of the message (it may hold spaces); a NUL ends it. */
static void take_text(const uint8_t *p, size_t n, char *out, size_t *len)
{
    size_t k = 0;

    while (k < n && k < MSCHAP_MSG_TEXT_MAX - 1 && p[k] != '\0') {
        out[k] = (char)p[k];
        k++;
    }
    out[k] = '\0';
    *len = k;
}

const char *mschap_parse_failure(const uint8_t *p, size_t n, struct mschap_failure *f)
{
    size_t i = 0;
    bool have_e = false;

    memset(f, 0, sizeof(*f));
    f->error = -1;
    while (i < n) {
        if (p[i] == ' ') {
            i++;
            continue;
        }
        if (n - i < 2 || p[i + 1] != '=')
            return "a field is not KEY=VALUE";
        uint8_t key = p[i];
        const uint8_t *v = p + i + 2;
        size_t rest = n - i - 2;
        if (key == 'M') {
            f->has_text = true;
            take_text(v, rest, f->text, &f->text_len);
            break;
        }
        size_t vl = field_len(v, rest);
        switch (key) {
        case 'E':
            if (!parse_num(v, vl, &f->error))
                return "E= is not a number";
            have_e = true;
            break;
        case 'R':
            if (!parse_num(v, vl, &f->retry))
                return "R= is not a number";
            f->has_retry = true;
            break;
        case 'C':
            if (!parse_hex(v, vl, f->challenge, sizeof(f->challenge), &f->challenge_len))
                return "C= is not a challenge in hex";
            f->has_challenge = true;
            break;
        case 'V':
            if (!parse_num(v, vl, &f->version))
                return "V= is not a number";
            f->has_version = true;
            break;
        default:
            break;               /* unknown fields are skipped (RFC 2759 6 lists these) */
        }
        i += 2 + vl;
        if (i < n && p[i] == '\0')
            break;
    }
    return have_e ? NULL : "no E= field";
}

const char *mschap_parse_success(const uint8_t *p, size_t n, struct mschap_success *s)
{
    size_t i;

    memset(s, 0, sizeof(*s));
    if (n < 2 + MSCHAP_AUTH_RESPONSE_HEX || p[0] != 'S' || p[1] != '=')
        return "it does not start with S=<40 hex digits>";
    for (i = 0; i < MSCHAP_AUTH_RESPONSE_HEX; i++) {
        uint8_t c = p[2 + i];
        if (hex_val(c) < 0)
            return "S= is not 40 hex digits";
        s->auth_response[i] = (char)(c >= 'a' ? c - 'a' + 'A' : c);
    }
    s->auth_response[i] = '\0';
    i = 2 + MSCHAP_AUTH_RESPONSE_HEX;
    /* pppd accepts " M=" or "M=" after the digits, or nothing. */
    if (i < n && p[i] == ' ')
        i++;
    if (i == n)
        return NULL;
    if (n - i < 2 || p[i] != 'M' || p[i + 1] != '=')
        return "text after S= does not begin M=";
    s->has_text = true;
    take_text(p + i + 2, n - i - 2, s->text, &s->text_len);
    return NULL;
}

const char *mschap_error_text(long code)
{
    switch (code) {
    case MSCHAP_E_RESTRICTED_HOURS: return "Restricted logon hours";
    case MSCHAP_E_ACCT_DISABLED: return "Account disabled";
    case MSCHAP_E_PASSWD_EXPIRED: return "Password expired";
    case MSCHAP_E_NO_DIALIN: return "No dialin permission";
    case MSCHAP_E_AUTH_FAILURE: return "Authentication failure";
    case MSCHAP_E_CHANGING_PASSWORD: return "Error changing password";
    default: return NULL;
    }
}

size_t mschap_format_failure(char *out, size_t cap, long error, long retry,
                             const uint8_t *challenge, size_t challenge_len, long version,
                             const char *text)
{
    char hex[2 * MSCHAP_V2_CHALLENGE_LEN + 1];
    int n;

    if (challenge_len > MSCHAP_V2_CHALLENGE_LEN)
        return 0;
    for (size_t i = 0; i < challenge_len; i++)
        snprintf(hex + 2 * i, 3, "%02X", challenge[i]);
    hex[2 * challenge_len] = '\0';
    if (text)
        n = snprintf(out, cap, "E=%ld R=%ld C=%s V=%ld M=%s", error, retry, hex, version, text);
    else
        n = snprintf(out, cap, "E=%ld R=%ld C=%s V=%ld", error, retry, hex, version);
    return n < 0 || (size_t)n >= cap ? 0 : (size_t)n;
}

size_t mschap_format_success(char *out, size_t cap,
                             const char auth_response[MSCHAP_AUTH_RESPONSE_HEX + 1],
                             const char *text)
{
    int n = text ? snprintf(out, cap, "S=%s M=%s", auth_response, text)
                 : snprintf(out, cap, "S=%s", auth_response);

    return n < 0 || (size_t)n >= cap ? 0 : (size_t)n;
}

const char *mschap_check_response(int version, const uint8_t *val, size_t len)
{
    if (len != MSCHAP_RESPONSE_LEN)
        return "the Response value is not 49 bytes";
    if (version == 1 && val[MSCHAP_V1_USENT_OFF] == 0)
        return "the peer asked for LAN Manager authentication, which is not supported";
    return NULL;
}
