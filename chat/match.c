#include "match.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

void chat_match_init(struct chat_match *m, const struct chat_match_ops *ops)
{
    memset(m, 0, sizeof *m);
    m->ops = *ops;
}

static int list_add(struct chat_strlist *l, const char *s)
{
    if (l->n >= CHAT_MAX_ABORTS)
        return -1;
    snprintf(l->s[l->n], sizeof l->s[0], "%s", s);
    l->set[l->n++] = true;
    return 0;
}

/* chat.c's CLR_ABORT loop runs to a count it decrements as it goes, then packs
 * the array over the old length; both quirks decide later ABORT exit codes. */
static int list_clear(struct chat_strlist *l, const char *s)
{
    int old_max = l->n, cleared = 0;
    for (int i = 0; i < l->n; i++) {
        if (l->set[i] && strcmp(s, l->s[i]) == 0) {
            l->set[i] = false;
            cleared++;
            l->n--;
        }
    }
    if (cleared) {
        int j = 0;
        for (int i = 0; i < old_max; i++)
            if (l->set[i]) {
                if (i != j) {
                    memcpy(l->s[j], l->s[i], sizeof l->s[0]);
                    l->set[j] = true;
                    l->set[i] = false;
                }
                j++;
            }
    }
    return cleared;
}

int chat_match_abort_add(struct chat_match *m, const char *s) { return list_add(&m->aborts, s); }
int chat_match_abort_clear(struct chat_match *m, const char *s) { return list_clear(&m->aborts, s); }
int chat_match_report_add(struct chat_match *m, const char *s) { return list_add(&m->reports, s); }
int chat_match_report_clear(struct chat_match *m, const char *s) { return list_clear(&m->reports, s); }

void chat_match_begin(struct chat_match *m, const char *s, size_t len)
{
    if (len > CHAT_STR_LEN)
        len = CHAT_STR_LEN;
    memcpy(m->expect, s, len);
    m->expect[len] = '\0';
    m->len = len;
    /* on overflow keep enough for the expect string and any ABORT string */
    m->minlen = (len > CHAT_FAIL_LEN ? len : CHAT_FAIL_LEN) - 1;
    m->fill = m->logged = 0;
    m->abort_index = -1;
    m->fail_reason[0] = '\0';
}

static void log_text(struct chat_match *m, size_t from, size_t to)
{
    if (!m->ops.log)
        return;
    char line[CHAT_STR_LEN];
    chat_visible(m->buf + from, to - from, line, sizeof line);
    m->ops.log(m->ops.ctx, line);
}

static void log_msg(struct chat_match *m, const char *msg)
{
    if (m->ops.log)
        m->ops.log(m->ops.ctx, msg);
}

static bool ends_with(const struct chat_match *m, const char *s, size_t n)
{
    return m->fill >= n && memcmp(m->buf + m->fill - n, s, n) == 0;
}

static void report_start(struct chat_match *m, int n)
{
    time_t now = m->ops.now ? m->ops.now(m->ops.ctx) : time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    size_t k = strftime(m->report_buf, 20, "%b %d %H:%M:%S ", &tm);
    snprintf(m->report_buf + k, sizeof m->report_buf - k, "%s", m->reports.s[n]);
    m->reports.set[n] = false; /* each REPORT string fires once */
    m->gathering = true;
}

bool chat_match_report_more(struct chat_match *m, int c)
{
    if (iscntrl(c))
        return false;
    size_t k = strlen(m->report_buf);
    if (k + 1 < sizeof m->report_buf) {
        m->report_buf[k] = (char)c;
        m->report_buf[k + 1] = '\0';
    }
    return true;
}

void chat_match_report_flush(struct chat_match *m)
{
    if (!m->gathering)
        return;
    m->gathering = false;
    if (m->ops.report)
        m->ops.report(m->ops.ctx, m->report_buf);
}

static void report_byte(struct chat_match *m, int c)
{
    if (!m->gathering) {
        for (int n = 0; n < m->reports.n; n++) {
            if (m->reports.set[n] && ends_with(m, m->reports.s[n], strlen(m->reports.s[n]))) {
                report_start(m, n);
                break;
            }
        }
    } else if (!chat_match_report_more(m, c)) {
        chat_match_report_flush(m);
    }
}

enum chat_match_result chat_match_byte(struct chat_match *m, int c)
{
    c &= 0x7F;
    if (m->echo && m->ops.echo)
        m->ops.echo(m->ops.ctx, c);
    if (m->verbose && c == '\n') {
        if (m->fill == m->logged)
            log_msg(m, "");
        else
            log_text(m, m->logged, m->fill);
        m->logged = m->fill + 1;
    }
    m->buf[m->fill++] = (char)c;
    if (m->verbose && m->fill >= m->logged + 80) {
        log_text(m, m->logged, m->fill);
        m->logged = m->fill;
    }
    if (m->Verbose && m->ops.verbose_echo)
        m->ops.verbose_echo(m->ops.ctx, c);

    report_byte(m, c);

    if (ends_with(m, m->expect, m->len)) {
        if (m->verbose) {
            if (m->fill > m->logged)
                log_text(m, m->logged, m->fill);
            log_msg(m, " -- got it\n");
        }
        return CHAT_MATCH_GOT;
    }
    for (int n = 0; n < m->aborts.n; n++) {
        if (m->aborts.set[n] && ends_with(m, m->aborts.s[n], strlen(m->aborts.s[n]))) {
            if (m->verbose) {
                if (m->fill > m->logged)
                    log_text(m, m->logged, m->fill);
                log_msg(m, " -- failed");
            }
            m->abort_index = n;
            snprintf(m->fail_reason, sizeof m->fail_reason, "%s", m->aborts.s[n]);
            return CHAT_MATCH_ABORT;
        }
    }
    if (m->fill >= sizeof m->buf) {
        /* keep the last minlen bytes; log what scrolls out unlogged */
        size_t cut = m->fill - m->minlen;
        if (m->logged < cut) {
            log_text(m, m->logged, m->fill);
            m->logged = m->fill;
        }
        memmove(m->buf, m->buf + cut, m->minlen);
        m->logged -= cut;
        m->fill = m->minlen;
    }
    return CHAT_MATCH_MORE;
}

/* Bytes that must still arrive before p (n bytes) could match: a match can
 * only start at a received byte equal to p[0] among the last n - 1. */
static size_t room_for(const struct chat_match *m, const char *p, size_t n)
{
    if (n == 0)
        return 0;
    size_t look = n - 1 < m->fill ? n - 1 : m->fill;
    const char *hit = memchr(m->buf + m->fill - look, p[0], look);
    return hit ? n - (size_t)(m->buf + m->fill - hit) : n;
}

size_t chat_match_room(const struct chat_match *m)
{
    size_t room = room_for(m, m->expect, m->len);
    for (int n = 0; n < m->aborts.n; n++)
        if (m->aborts.set[n]) {
            size_t k = room_for(m, m->aborts.s[n], strlen(m->aborts.s[n]));
            if (k < room)
                room = k;
        }
    return room ? room : 1;
}
