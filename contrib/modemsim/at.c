/* at: Hayes command interpreter and modem call state (sans-I/O, see at.h).
 * Behaviour follows the Hayes Smartmodem command set as modems of the V.34
 * era implemented it; where modems differed, modemsim.1 says what we chose. */
#include "at.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "common/buf.h"

/* S-register defaults (Hayes): S2 '+', S3 CR, S4 LF, S5 BS, S6 2 s dial
 * tone wait, S7 50 s carrier wait, S8 2 s comma pause, S10 1.4 s carrier
 * loss, S12 1 s guard time (in 1/50 s). */
static const uint8_t s_default[AT_NREGS] = {
    [2] = 43, [3] = 13, [4] = 10, [5] = 8, [6] = 2, [7] = 50, [8] = 2, [9] = 6,
    [10] = 14, [11] = 95, [12] = 50,
};

#define RING_RESET_MS 8000u   /* S1 clears 8 s after the last ring */

static void emit(struct at_modem *m, const char *s)
{
    m->ops->to_dte(m->ctx, (const uint8_t *)s, strlen(s));
}

void at_defaults(struct at_modem *m)
{
    memcpy(m->s, s_default, sizeof m->s);
    m->echo = true;
    m->verbose = true;
    m->quiet = false;
    m->speaker = 1;
    m->volume = 2;
    m->xlevel = 4;
}

void at_init(struct at_modem *m, const struct at_ops *ops, void *ctx, const char *ident)
{
    memset(m, 0, sizeof *m);
    m->ops = ops;
    m->ctx = ctx;
    m->ident = ident ? ident : "modemsim";
    m->state = AT_ST_COMMAND;
    at_defaults(m);
}

static const struct { unsigned speed; int code; } connect_codes[] = {
    { 1200, 5 }, { 2400, 10 }, { 4800, 11 }, { 9600, 12 }, { 7200, 13 }, { 12000, 14 },
    { 14400, 15 }, { 19200, 16 }, { 38400, 17 }, { 57600, 18 }, { 115200, 19 },
    { 28800, 20 }, { 33600, 21 }, { 230400, 22 },
};

int at_connect_code(unsigned speed)
{
    for (size_t i = 0; i < sizeof connect_codes / sizeof connect_codes[0]; i++)
        if (connect_codes[i].speed == speed)
            return connect_codes[i].code;
    return AT_CONNECT;
}

static const char *result_text(enum at_result r)
{
    switch (r) {
    case AT_OK: return "OK";
    case AT_CONNECT: return "CONNECT";
    case AT_RING: return "RING";
    case AT_NO_CARRIER: return "NO CARRIER";
    case AT_ERROR: return "ERROR";
    case AT_NO_DIALTONE: return "NO DIALTONE";
    case AT_BUSY: return "BUSY";
    case AT_NO_ANSWER: return "NO ANSWER";
    }
    return "ERROR";
}

void at_result(struct at_modem *m, enum at_result r, unsigned speed)
{
    if (m->quiet)
        return;
    /* ATX0..X2 lack the later result codes; the modem reports NO CARRIER. */
    if ((r == AT_BUSY && m->xlevel < 3) || (r == AT_NO_DIALTONE && m->xlevel < 2)
        || (r == AT_NO_ANSWER && m->xlevel < 3))
        r = AT_NO_CARRIER;
    bool with_speed = r == AT_CONNECT && m->xlevel > 0 && speed > 0;
    char out[48];
    if (m->ops->result) {
        if (with_speed)
            snprintf(out, sizeof out, "CONNECT %u", speed);
        m->ops->result(m->ctx, with_speed ? out : result_text(r));
    }
    if (m->verbose) {
        if (with_speed)
            snprintf(out, sizeof out, "\r\nCONNECT %u\r\n", speed);
        else
            snprintf(out, sizeof out, "\r\n%s\r\n", result_text(r));
    } else {
        snprintf(out, sizeof out, "%d\r", with_speed ? at_connect_code(speed) : (int)r);
    }
    emit(m, out);
}

static void info(struct at_modem *m, const char *text)
{
    char out[AT_LINE_MAX + 16];
    snprintf(out, sizeof out, m->verbose ? "\r\n%s\r\n" : "%s\r\n", text);
    emit(m, out);
}

bool at_in_call(const struct at_modem *m)
{
    return m->state != AT_ST_COMMAND;
}

static void go_on_hook(struct at_modem *m)
{
    bool was = at_in_call(m);
    m->state = AT_ST_COMMAND;
    m->carrier_deadline = 0;
    m->plus = 0;
    m->escape_deadline = 0;
    if (was)
        m->ops->hangup(m->ctx);
}

/* Optional decimal parameter; -1 when absent, -2 when out of range (> 255). */
static int get_number(struct buf_reader *r)
{
    int v = -1;
    int c;
    while ((c = buf_peek_u8(r, 0)) >= 0 && isdigit(c)) {
        buf_get_u8(r);
        v = (v < 0 ? 0 : v) * 10 + (c - '0');
        if (v > 255)
            v = 1000; /* keep consuming; reported as out of range */
    }
    return v > 255 ? -2 : v;
}

static void skip_spaces(struct buf_reader *r)
{
    while (buf_peek_u8(r, 0) == ' ')
        buf_get_u8(r);
}

/* Dial string: modifiers T/P, L (last number), spaces dropped, ';' ignored. */
static bool do_dial(struct at_modem *m, uint64_t now, struct buf_reader *r)
{
    char number[AT_NUMBER_MAX];
    size_t n = 0;
    bool last = false;
    int c;
    if (m->state != AT_ST_COMMAND)
        return false;
    while ((c = buf_peek_u8(r, 0)) >= 0) {
        buf_get_u8(r);
        int u = toupper(c);
        if (c == ' ' || c == ';' || (n == 0 && (u == 'T' || u == 'P')))
            continue;
        if (n == 0 && u == 'L') {
            last = true;
            continue;
        }
        if (n + 1 >= sizeof number)
            return false;
        number[n++] = (char)c;
    }
    number[n] = '\0';
    if (last && n == 0)
        snprintf(number, sizeof number, "%s", m->last_number);
    if (number[0] == '\0')
        return false;
    snprintf(m->last_number, sizeof m->last_number, "%s", number);
    m->state = AT_ST_DIALING;
    m->carrier_deadline = m->s[7] ? now + (uint64_t)m->s[7] * 1000u : 0;
    m->ops->dial(m->ctx, number);  /* may report BUSY etc. at once */
    return true;
}

static void start_answer(struct at_modem *m, uint64_t now)
{
    m->state = AT_ST_ANSWERING;
    m->carrier_deadline = m->s[7] ? now + (uint64_t)m->s[7] * 1000u : 0;
    m->ops->answer(m->ctx);
}

/* "+FCLASS=0" / "+FCLASS?" / "+FCLASS=?": data only; other extended commands are unknown. */
static bool do_plus(struct at_modem *m, struct buf_reader *r)
{
    char name[16];
    size_t n = 0;
    int c;
    while ((c = buf_peek_u8(r, 0)) >= 0 && isalpha(c)) {
        buf_get_u8(r);
        if (n + 1 < sizeof name)
            name[n++] = (char)toupper(c);
    }
    name[n] = '\0';
    if (strcmp(name, "FCLASS") != 0)
        return false;
    c = buf_get_u8(r);
    if (c == '?') {
        info(m, "0");
        return buf_reader_ok(r);
    }
    if (c != '=')
        return false;
    if (buf_peek_u8(r, 0) == '?') {
        buf_get_u8(r);
        info(m, "0");
        return true;
    }
    return get_number(r) == 0;
}

static bool do_register(struct at_modem *m, struct buf_reader *r)
{
    int reg = get_number(r);
    if (reg < 0 || reg >= AT_NREGS)
        return false;
    skip_spaces(r);
    int c = buf_get_u8(r);
    if (!buf_reader_ok(r))
        return false;
    if (c == '?') {
        char v[8];
        snprintf(v, sizeof v, "%03u", m->s[reg]);
        info(m, v);
        return true;
    }
    if (c != '=')
        return false;
    skip_spaces(r);
    int v = get_number(r);
    if (v == -2)
        return false;
    m->s[reg] = (uint8_t)(v < 0 ? 0 : v);
    return true;
}

static bool set_flag(bool *flag, int v)
{
    if (v < 0)
        v = 0;
    if (v > 1)
        return false;
    *flag = v == 1;
    return true;
}

static bool set_level(uint8_t *level, int v, int max)
{
    if (v < 0)
        v = 0;
    if (v > max)
        return false;
    *level = (uint8_t)v;
    return true;
}

/* Run one command line (the text after "AT"). */
static void execute(struct at_modem *m, uint64_t now, const char *line, size_t len)
{
    struct buf_reader r;
    buf_reader_init(&r, line, len);
    for (;;) {
        skip_spaces(&r);
        int c = buf_peek_u8(&r, 0);
        if (c < 0)
            break;
        buf_get_u8(&r);
        bool ok = true;
        int v;
        switch (toupper(c)) {
        case 'A':
            if (m->state != AT_ST_COMMAND) {
                ok = false;
                break;
            }
            if (!m->ringing) {
                at_result(m, AT_NO_CARRIER, 0);
                return;
            }
            start_answer(m, now);
            return;
        case 'D':
            if (!do_dial(m, now, &r))
                ok = false;
            else
                return;
            break;
        case 'E': ok = set_flag(&m->echo, get_number(&r)); break;
        case 'V': ok = set_flag(&m->verbose, get_number(&r)); break;
        case 'Q': ok = set_flag(&m->quiet, get_number(&r)); break;
        case 'M': ok = set_level(&m->speaker, get_number(&r), 3); break;
        case 'L': ok = set_level(&m->volume, get_number(&r), 3); break;
        case 'X': ok = set_level(&m->xlevel, get_number(&r), 4); break;
        case 'B': case 'N': case 'W': case 'Y':
            ok = get_number(&r) != -2;   /* protocol choices; nothing to simulate */
            break;
        case 'P': case 'T':
            break;                       /* default dial mode */
        case 'H':
            v = get_number(&r);
            if (v > 1 || v == -2)
                ok = false;
            else if (v <= 0)
                go_on_hook(m);
            break;
        case 'Z':
            if (get_number(&r) == -2) {
                ok = false;
                break;
            }
            go_on_hook(m);
            at_defaults(m);            /* later commands on the line still run (ATZ E0 V1) */
            break;
        case 'O':
            if (get_number(&r) == -2) {
                ok = false;
                break;
            }
            if (m->state != AT_ST_ONLINE_CMD) {
                at_result(m, AT_NO_CARRIER, 0);
                return;
            }
            m->state = AT_ST_ONLINE;
            m->plus = 0;
            m->last_byte = now;
            at_result(m, AT_CONNECT, m->speed);
            return;
        case 'I':
            v = get_number(&r);
            if (v > 9 || v == -2)
                ok = false;
            else
                info(m, m->ident);
            break;
        case 'S':
            ok = do_register(m, &r);
            break;
        case '&': case '\\': case '%':
            /* &C, &D, &K, &S, &W, &F ... : accepted; &F also restores defaults. */
            v = buf_peek_u8(&r, 0);
            if (v < 0 || !isalpha(v)) {
                ok = false;
                break;
            }
            buf_get_u8(&r);
            if (get_number(&r) == -2)
                ok = false;
            else if (c == '&' && toupper(v) == 'F')
                at_defaults(m);
            break;
        case '+':
            ok = do_plus(m, &r);
            break;
        default:
            ok = false;
        }
        if (!ok || !buf_reader_ok(&r)) {
            at_result(m, AT_ERROR, 0);
            return;
        }
    }
    at_result(m, AT_OK, 0);
}

static void command_byte(struct at_modem *m, uint64_t now, uint8_t c)
{
    if (m->echo)
        m->ops->to_dte(m->ctx, &c, 1);
    switch (m->scan) {
    case 0:
        if (c == 'A' || c == 'a')
            m->scan = 1;
        return;
    case 1:
        if (c == 'T' || c == 't') {
            m->scan = 2;
            m->len = 0;
            m->overflow = false;
        } else if (c == '/') {
            m->scan = 0;
            execute(m, now, m->last, strlen(m->last));
        } else if (c != 'A' && c != 'a') {
            m->scan = 0;
        }
        return;
    default:
        break;
    }
    if (c == m->s[3]) {
        m->scan = 0;
        if (m->overflow) {
            m->last[0] = '\0';
            at_result(m, AT_ERROR, 0);
            return;
        }
        memcpy(m->last, m->line, m->len);
        m->last[m->len] = '\0';
        if (m->ops->command)
            m->ops->command(m->ctx, m->last);
        execute(m, now, m->line, m->len);
    } else if (c == m->s[5]) {
        if (m->len > 0)
            m->len--;
    } else if (c < 0x20 || c >= 0x7f) {
        /* control characters and binary junk are not part of a command */
    } else if (m->len < AT_LINE_MAX) {
        m->line[m->len++] = (char)c;
    } else {
        m->overflow = true;
    }
}

static void online_input(struct at_modem *m, uint64_t now, const uint8_t *data, size_t len)
{
    uint64_t guard = (uint64_t)m->s[12] * 20u;
    for (size_t i = 0; i < len; i++) {
        uint8_t c = data[i];
        if (m->s[2] < 128 && c == m->s[2] && m->plus < 3
            && (m->plus > 0 ? now - m->last_byte < guard || guard == 0
                            : now - m->last_byte >= guard)) {
            if (++m->plus == 3)
                m->escape_deadline = now + guard;
        } else {
            m->plus = 0;
            m->escape_deadline = 0;
        }
        m->last_byte = now;
    }
    m->ops->data(m->ctx, data, len);   /* the escape characters go through too */
    if (m->plus == 3 && guard == 0)
        at_tick(m, now);
}

void at_input(struct at_modem *m, uint64_t now, const uint8_t *data, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        switch (m->state) {
        case AT_ST_ONLINE:
            online_input(m, now, data + i, len - i);
            return;
        case AT_ST_DIALING:
        case AT_ST_ANSWERING:
            if (data[i] == m->s[4])
                break;           /* a LF after the command's CR is not a keypress */
            /* any key aborts dialling or answering */
            go_on_hook(m);
            at_result(m, AT_NO_CARRIER, 0);
            break;
        default:
            command_byte(m, now, data[i]);
        }
    }
}

void at_tick(struct at_modem *m, uint64_t now)
{
    if ((m->state == AT_ST_DIALING || m->state == AT_ST_ANSWERING) && m->carrier_deadline
        && now >= m->carrier_deadline) {
        go_on_hook(m);
        at_result(m, AT_NO_CARRIER, 0);
    }
    if (m->state == AT_ST_ONLINE && m->plus == 3 && now >= m->escape_deadline) {
        m->state = AT_ST_ONLINE_CMD;
        m->plus = 0;
        m->escape_deadline = 0;
        m->scan = 0;
        at_result(m, AT_OK, 0);
    }
    if (m->last_ring && now >= m->last_ring + RING_RESET_MS) {
        m->last_ring = 0;
        m->s[1] = 0;
    }
}

static uint64_t earliest(uint64_t a, uint64_t b)
{
    if (a == 0)
        return b;
    if (b == 0)
        return a;
    return a < b ? a : b;
}

uint64_t at_next_deadline(const struct at_modem *m)
{
    uint64_t t = 0;
    if (m->state == AT_ST_DIALING || m->state == AT_ST_ANSWERING)
        t = earliest(t, m->carrier_deadline);
    if (m->state == AT_ST_ONLINE && m->plus == 3)
        t = earliest(t, m->escape_deadline ? m->escape_deadline : 1);
    if (m->last_ring)
        t = earliest(t, m->last_ring + RING_RESET_MS);
    return t;
}

void at_ring(struct at_modem *m, uint64_t now)
{
    if (m->state != AT_ST_COMMAND)
        return;
    m->ringing = true;
    m->last_ring = now;
    if (m->s[1] < 255)
        m->s[1]++;
    at_result(m, AT_RING, 0);
    if (m->s[0] > 0 && m->s[1] >= m->s[0])
        start_answer(m, now);
}

void at_ring_stopped(struct at_modem *m)
{
    m->ringing = false;
}

void at_connected(struct at_modem *m, uint64_t now, unsigned speed)
{
    m->state = AT_ST_ONLINE;
    m->speed = speed;
    m->ringing = false;
    m->s[1] = 0;
    m->last_ring = 0;
    m->carrier_deadline = 0;
    m->plus = 0;
    m->escape_deadline = 0;
    m->last_byte = now;
    at_result(m, AT_CONNECT, speed);
}

void at_dial_failed(struct at_modem *m, enum at_result why)
{
    if (m->state != AT_ST_DIALING && m->state != AT_ST_ANSWERING)
        return;
    m->state = AT_ST_COMMAND;
    m->carrier_deadline = 0;
    at_result(m, why, 0);
}

void at_carrier_lost(struct at_modem *m)
{
    m->ringing = false;
    if (!at_in_call(m))
        return;
    m->state = AT_ST_COMMAND;
    m->carrier_deadline = 0;
    m->plus = 0;
    m->escape_deadline = 0;
    m->scan = 0;
    at_result(m, AT_NO_CARRIER, 0);
}

void at_dte_closed(struct at_modem *m)
{
    go_on_hook(m);
    m->scan = 0;
    m->len = 0;
    at_defaults(m);
}
