/* greet: issue, prompt and reading the login name from the line. */
#include "greet.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "lineio.h"

#define ISSUE_MAX 4096

static void put(int fd, const char *p, size_t n)
{
    (void)gline_write_all(fd, p, n);   /* a line that will not take output: the read fails next */
}

/* Escapes expanded, bytes as they are: mgetty writes the prompt and the
 * issue file's lines with output processing off, so an LF stays an LF. */
static void put_expanded(int fd, const char *text, const struct gprompt_ctx *pctx)
{
    char exp[GPROMPT_MAX + 1];
    size_t n = gprompt_expand(text, pctx, exp, sizeof exp);
    put(fd, exp, n);
}

void greet_issue(int fd, const char *issue_file, const struct gprompt_ctx *pctx)
{
    char buf[ISSUE_MAX + 1];
    ssize_t n;
    int ifd;

    if (!issue_file || !*issue_file)
        return;
    ifd = open(issue_file, O_RDONLY | O_CLOEXEC);
    if (ifd < 0) {
        log_debug("no issue file %s: %s", issue_file, strerror(errno));
        return;
    }
    n = read(ifd, buf, ISSUE_MAX);
    close(ifd);
    if (n <= 0)
        return;
    buf[n] = '\0';
    /* As mgetty: each line (its LF included) expanded on its own (mgetty's
     * 300-byte limit), then a CR, so "text\n" goes out as "text\n\r" and a
     * last line without LF still gets its CR. */
    for (char *line = buf; *line;) {
        char *nl = strchr(line, '\n');
        char keep = '\0';
        if (nl) {
            keep = nl[1];
            nl[1] = '\0';
        }
        put_expanded(fd, line, pctx);
        put(fd, "\r", 1);
        if (!nl)
            break;
        nl[1] = keep;
        line = nl + 1;
    }
}

/* FidoNet's EMSI request, then XON and blanks over it, as Debian's mgetty
 * (built with FIDO) sends before every prompt unless fido-send-emsi is off. */
static const char emsi_req[] = "**EMSI_REQA77E\r\021              \r";

/* What mgetty sends before reading a name, the first time and after an
 * empty line: CR, the issue file, the EMSI request, CR LF and the prompt. */
static void show_banner(int fd, const struct greet_cfg *cfg)
{
    put(fd, "\r", 1);
    greet_issue(fd, cfg->issue_file, cfg->pctx);
    if (cfg->fido_send_emsi)
        put(fd, emsi_req, sizeof emsi_req - 1);
    put(fd, "\r\n", 2);
    put_expanded(fd, cfg->prompt, cfg->pctx);
}

static void show_prompt(int fd, const struct greet_cfg *cfg)
{
    put(fd, "\r\n", 2);
    put_expanded(fd, cfg->prompt, cfg->pctx);
}

enum greet_result greet_run(int fd, const struct greet_cfg *cfg, struct lname *ln)
{
    long deadline = cfg->login_time_s > 0 ? gline_now_ms() + cfg->login_time_s * 1000L : -1;
    uint8_t echo_buf[LNAME_ECHO_MAX];

    lname_init(ln);
    show_banner(fd, cfg);
    for (;;) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        uint8_t in[1];
        long left = deadline < 0 ? -1 : deadline - gline_now_ms();
        ssize_t r;

        if (deadline >= 0 && left <= 0)
            return GREET_TIMEOUT;
        int pr = poll(&pfd, 1, left < 0 ? -1 : (int)left);
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr < 0)
            return GREET_HANGUP;
        if (pr == 0)
            continue;
        r = read(fd, in, 1);   /* one byte: the rest stays queued for the program */
        if (r < 0 && (errno == EAGAIN || errno == EINTR))
            continue;
        if (r <= 0)
            return GREET_HANGUP;
        for (ssize_t i = 0; i < r; i++) {
            struct buf_writer echo;
            buf_writer_init(&echo, echo_buf, sizeof echo_buf);
            enum lname_status st = lname_feed(ln, in[i], &echo);
            put(fd, (const char *)echo_buf, buf_writer_len(&echo));
            switch (st) {
            case LNAME_MORE:
                break;
            case LNAME_DONE:
            case LNAME_PPP:
                return GREET_NAME;
            case LNAME_EMPTY:
                show_banner(fd, cfg);
                break;
            case LNAME_REPROMPT:
                show_prompt(fd, cfg);
                break;
            }
        }
    }
}

size_t greet_ppp_frame(int fd, const struct lname *ln, uint8_t *out, size_t cap, int wait_ms)
{
    size_t n = ln->ppp_rawlen < cap ? ln->ppp_rawlen : cap;

    long deadline = gline_now_ms() + wait_ms;

    memcpy(out, ln->ppp_raw, n);
    while (n < cap) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        long left = deadline - gline_now_ms();
        int pr = left > 0 ? poll(&pfd, 1, (int)left) : 0;
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr <= 0)
            break;
        ssize_t r = read(fd, out + n, 1);
        if (r < 0 && (errno == EAGAIN || errno == EINTR))
            continue;
        if (r <= 0)
            break;
        if (out[n++] == 0x7e)              /* the closing flag (RFC 1662 section 4.1) */
            break;
    }
    return n;
}
