/* modem: chat sequences and RING counting over the line's fd. */
#include "modem.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "lineio.h"

int gmodem_chat_parse(struct gmodem_chat *chat, const char *text, char *err, size_t errlen)
{
    const char *p = text;

    chat->n = 0;
    for (;;) {
        size_t len = 0;
        bool quoted = false;
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            return 0;
        if (chat->n >= GMODEM_WORDS_MAX) {
            snprintf(err, errlen, "chat sequence has more than %d words", GMODEM_WORDS_MAX);
            return -1;
        }
        while (*p && (quoted || (*p != ' ' && *p != '\t'))) {
            if (*p == '"') {
                quoted = !quoted;
                p++;
                continue;
            }
            if (len + 1 >= GMODEM_WORD_MAX) {
                snprintf(err, errlen, "chat word longer than %d bytes", GMODEM_WORD_MAX - 1);
                return -1;
            }
            chat->words[chat->n][len++] = *p++;
        }
        if (quoted) {
            snprintf(err, errlen, "unterminated quote in chat sequence");
            return -1;
        }
        chat->words[chat->n][len] = '\0';
        chat->n++;
    }
}

static int simple_escape(char c)
{
    switch (c) {
    case 'r': return '\r';
    case 'n': return '\n';
    case 't': return '\t';
    case 's': return ' ';
    case '\\': return '\\';
    default: return -1;
    }
}

int gmodem_send_expand(const char *word, gmodem_emit_fn emit, void *ctx)
{
    char buf[GMODEM_WORD_MAX + 2];
    size_t n = 0;
    bool add_cr = true;

    for (const char *p = word; *p; p++) {
        int e;
        if (*p != '\\' || !p[1]) {
            buf[n++] = *p;
            continue;
        }
        p++;
        if (*p == 'c') {
            add_cr = false;
        } else if (*p == 'd' || *p == 'p') {
            if (n && emit(ctx, GSEND_BYTES, buf, n, 0) < 0)
                return -1;
            n = 0;
            if (emit(ctx, GSEND_DELAY_MS, NULL, 0, *p == 'd' ? 1000 : 250) < 0)
                return -1;
        } else if ((e = simple_escape(*p)) >= 0) {
            buf[n++] = (char)e;
        } else {
            buf[n++] = '\\';
            buf[n++] = *p;
        }
        if (n >= GMODEM_WORD_MAX)
            return -1;
    }
    if (add_cr)
        buf[n++] = '\r';
    if (n && emit(ctx, GSEND_BYTES, buf, n, 0) < 0)
        return -1;
    return 0;
}

int gmodem_expect_expand(const char *word, char *out, size_t outlen)
{
    size_t n = 0;

    for (const char *p = word; *p; p++) {
        int e = -1;
        if (*p == '\\' && p[1] && (e = simple_escape(p[1])) >= 0)
            p++;
        if (n + 1 >= outlen)
            return -1;
        out[n++] = e >= 0 ? (char)e : *p;
    }
    out[n] = '\0';
    return 0;
}

static int emit_fd(void *ctx, enum gmodem_send_op op, const char *bytes, size_t len, unsigned ms)
{
    int fd = *(int *)ctx;

    if (op == GSEND_DELAY_MS) {
        struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
        nanosleep(&ts, NULL);
        return 0;
    }
    return gline_write_all(fd, bytes, len);
}

/* Read what is available (waiting up to wait_ms) and append it to rx. 1 got
 * bytes, 0 timeout, -1 error or hangup. */
static int read_some(int fd, int wait_ms, char *rx, size_t rxcap, size_t *rxlen)
{
    struct pollfd pfd = { .fd = fd, .events = POLLIN };
    char tmp[256];
    ssize_t r;
    int pr = poll(&pfd, 1, wait_ms < 0 ? 0 : wait_ms);

    if (pr < 0)
        return errno == EINTR ? 0 : -1;
    if (pr == 0)
        return 0;
    r = read(fd, tmp, sizeof tmp);
    if (r < 0)
        return (errno == EAGAIN || errno == EINTR) ? 0 : -1;
    if (r == 0)
        return -1;
    for (ssize_t i = 0; i < r; i++) {
        if (tmp[i] == '\0')
            continue;
        if (*rxlen + 1 >= rxcap) {
            /* keep the newest half: CONNECT comes last */
            size_t keep = rxcap / 2;
            memmove(rx, rx + *rxlen - keep, keep);
            *rxlen = keep;
        }
        rx[(*rxlen)++] = tmp[i];
    }
    rx[*rxlen] = '\0';
    return 1;
}

static void printable(char *dst, size_t cap, const char *src)
{
    size_t o = 0;
    for (; *src && o + 5 < cap; src++) {
        unsigned char c = (unsigned char)*src;
        if (c >= 0x20 && c < 0x7f)
            dst[o++] = (char)c;
        else
            o += (size_t)snprintf(dst + o, cap - o, "[%02x]", c);
    }
    dst[o] = '\0';
}

int gmodem_run_chat(int fd, const char *chat_text, int timeout_ms, const char *const *aborts,
                    char *rx, size_t rxcap, char *err, size_t errlen)
{
    static struct gmodem_chat chat;
    long deadline = gline_now_ms() + timeout_ms;
    size_t rxlen = 0, mark = 0;

    if (rxcap == 0)
        return -1;
    rx[0] = '\0';
    if (gmodem_chat_parse(&chat, chat_text, err, errlen) < 0)
        return -1;
    for (size_t i = 0; i < chat.n; i++) {
        if (i % 2 == 1) {                                  /* send */
            log_debug("chat: send '%s'", chat.words[i]);
            if (gmodem_send_expand(chat.words[i], emit_fd, &fd) < 0) {
                snprintf(err, errlen, "cannot write to the modem: %s", strerror(errno));
                return -1;
            }
            continue;
        }
        char want[GMODEM_WORD_MAX];
        if (gmodem_expect_expand(chat.words[i], want, sizeof want) < 0 || !want[0])
            continue;                                      /* "" expects nothing */
        log_debug("chat: expect '%s'", chat.words[i]);
        for (;;) {
            const char *hit = strstr(rx + mark, want);
            if (hit) {
                mark = (size_t)(hit - rx) + strlen(want);
                break;
            }
            for (size_t a = 0; aborts && aborts[a]; a++)
                if (strstr(rx + mark, aborts[a])) {
                    snprintf(err, errlen, "modem said '%s'", aborts[a]);
                    return -1;
                }
            long left = deadline - gline_now_ms();
            if (left <= 0) {
                char got[200];
                printable(got, sizeof got, rx + mark);
                snprintf(err, errlen, "timeout waiting for '%s' (got '%s')", chat.words[i], got);
                return -1;
            }
            size_t before = rxlen;
            int r = read_some(fd, (int)(left > 1000 ? 1000 : left), rx, rxcap, &rxlen);
            if (r < 0) {
                snprintf(err, errlen, "modem line closed or failed during chat");
                return -1;
            }
            if (rxlen < before)                            /* buffer was shifted */
                mark = 0;
        }
    }
    return 0;
}

int gmodem_wait_rings(int fd, struct gring *ring, struct gcall_info *info, char *err,
                      size_t errlen)
{
    struct glines lines;
    char line[GLINES_MAX];

    glines_init(&lines);
    for (;;) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        char tmp[128];
        long left = gring_deadline(ring) - gline_now_ms();
        ssize_t r;
        if (left <= 0) {
            enum gring_result res = gring_on_timeout(ring, gline_now_ms());
            if (res == GRING_NO_RING)
                snprintf(err, errlen, "timeout waiting for RING");
            if (res != GRING_WAIT)
                return (int)res;
            continue;
        }
        int pr = poll(&pfd, 1, (int)left);
        if (pr < 0 && errno != EINTR) {
            snprintf(err, errlen, "poll: %s", strerror(errno));
            return -1;
        }
        if (pr <= 0)
            continue;
        r = read(fd, tmp, sizeof tmp);
        if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
            snprintf(err, errlen, "modem line closed while waiting for RING");
            return -1;
        }
        for (ssize_t i = 0; i < r; i++) {
            if (!glines_feed(&lines, tmp[i], line, sizeof line))
                continue;
            log_debug("wfr: got '%s'", line);
            if (!gcall_parse_line(info, line))
                continue;
            enum gring_result res = gring_on_ring(ring, gline_now_ms());
            if (res != GRING_WAIT)
                return (int)res;
        }
    }
}
