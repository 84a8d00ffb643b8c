#include "run.h"

#include "common/log.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define CHAT_GO (-1)         /* keep going; anything else is an exit status */
#define CHAT_CHAR_DELAY_MS 10 /* chat.c sleeps 10 ms before each character */

static volatile sig_atomic_t caught_signal;

static void on_signal(int sig) { caught_signal = sig; }

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- output helpers ---- */

static void write_err(struct chat_run *r, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(r->err_fd, s, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        s += w;
        n -= (size_t)w;
    }
}

/* chat's echo_stderr(): -e / ECHO ON; CRs dropped, -1 ends an open line. */
static void echo_char(void *ctx, int c)
{
    struct chat_run *r = ctx;
    char vis[8];
    if (c == '\r')
        return;
    if (c == -1 || c == '\n') {
        if (c == -1 && !r->need_lf)
            return;
        write_err(r, "\n", 1);
        r->need_lf = false;
        return;
    }
    chat_char_visible(c, vis);
    write_err(r, vis, strlen(vis));
    r->need_lf = true;
}

/* -V: every received character on stderr, CRs dropped. */
static void verbose_echo(void *ctx, int c)
{
    struct chat_run *r = ctx;
    char vis[8];
    if (c == '\n') {
        write_err(r, "\n", 1);
    } else if (c != '\r') {
        chat_char_visible(c, vis);
        write_err(r, vis, strlen(vis));
    }
}

static void log_line(void *ctx, const char *msg)
{
    (void)ctx;
    log_info("%s", msg);
}

static void report_line(void *ctx, const char *text)
{
    struct chat_run *r = ctx;
    fprintf(r->report_fp, "chat:  %s\n", text);
    fflush(r->report_fp);
}

static const char *visible(const char *s, char *buf, size_t len)
{
    chat_visible(s, strlen(s), buf, len);
    return buf;
}

void chat_run_init(struct chat_run *r, int in_fd, int out_fd, int err_fd)
{
    struct chat_match_ops ops = {
        .ctx = r, .log = log_line, .echo = echo_char, .verbose_echo = verbose_echo,
        .report = report_line,
    };
    memset(r, 0, sizeof *r);
    r->in_fd = in_fd;
    r->out_fd = out_fd;
    r->err_fd = err_fd;
    r->timeout = 45;
    r->report_fp = stderr;
    chat_match_init(&r->m, &ops);
    sigemptyset(&r->waitmask);
}

static void set_sighup(bool catch_it)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = catch_it ? on_signal : SIG_IGN;
    sigaction(SIGHUP, &sa, NULL);
}

void chat_run_signals(struct chat_run *r)
{
    struct sigaction sa;
    sigset_t block;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal; /* no SA_RESTART: waits return EINTR */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    set_sighup(true);
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGHUP);
    sigprocmask(SIG_BLOCK, &block, &r->waitmask);
    sigdelset(&r->waitmask, SIGINT);
    sigdelset(&r->waitmask, SIGTERM);
    sigdelset(&r->waitmask, SIGHUP);
}

/* A caught signal ends chat as chat.c's handlers do: fatal(2, "SIGTERM"). */
int chat_run_signal_exit(void)
{
    int sig = caught_signal;
    log_error("%s", sig == SIGINT ? "SIGINT" : sig == SIGHUP ? "SIGHUP" : "SIGTERM");
    return CHAT_EXIT_IO;
}

/* Wait until fd (or nothing, fd < 0) is ready or the deadline (ms, < 0 = none)
 * passes: 1 ready, 0 deadline, -1 a signal arrived. */
static int wait_fd(struct chat_run *r, int fd, short events, long long deadline)
{
    for (;;) {
        if (caught_signal)
            return -1;
        struct timespec ts, *tsp = NULL;
        if (deadline >= 0) {
            long long left = deadline - now_ms();
            if (left <= 0)
                return 0;
            ts.tv_sec = left / 1000;
            ts.tv_nsec = (left % 1000) * 1000000;
            tsp = &ts;
        }
        struct pollfd pfd = { .fd = fd, .events = events };
        int n = ppoll(fd >= 0 ? &pfd : NULL, fd >= 0 ? 1 : 0, tsp, &r->waitmask);
        if (n > 0)
            return 1;
        if (n < 0 && errno != EINTR)
            return 1; /* let the read or write report the error */
    }
}

int chat_run_wait_readable(struct chat_run *r, int fd)
{
    return wait_fd(r, fd, POLLIN, -1);
}

/* Is fd readable right now: 1 yes, 0 no, -1 a signal arrived. Signals are let
 * in here too: under a flood the expect loop never waits, and SIGTERM must
 * still end chat. */
static int ready_now(struct chat_run *r, int fd)
{
    struct timespec zero = { 0, 0 };
    struct pollfd pfd = { .fd = fd, .events = POLLIN };
    int n = ppoll(&pfd, 1, &zero, &r->waitmask);
    if (caught_signal)
        return -1;
    return n > 0;
}

/* Let a signal that came with the hangup end chat before an EOF is reported. */
static bool deliver_signals(struct chat_run *r)
{
    struct timespec zero = { 0, 0 };
    ppoll(NULL, 0, &zero, &r->waitmask);
    return caught_signal != 0;
}

static int sleep_ms(struct chat_run *r, long ms, long long deadline)
{
    long long until = now_ms() + ms;
    if (deadline >= 0 && deadline < until)
        until = deadline;
    return wait_fd(r, -1, 0, until) < 0 ? -1 : 0;
}

static long long deadline_after(const struct chat_run *r)
{
    return r->timeout > 0 ? now_ms() + (long long)r->timeout * 1000 : -1;
}

/* ---- sending ---- */

static int write_char(struct chat_run *r, char c, long long deadline)
{
    if (sleep_ms(r, CHAT_CHAR_DELAY_MS, -1) < 0)
        return -1;
    for (;;) {
        int w = wait_fd(r, r->out_fd, POLLOUT, deadline);
        if (w < 0)
            return -1;
        if (w == 0) {
            if (r->verbose)
                log_info(" -- write timed out");
            return 0;
        }
        ssize_t n = write(r->out_fd, &c, 1);
        if (n == 1)
            return 1;
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (r->verbose)
            log_info(" -- write failed: %m");
        return 0;
    }
}

/* chat's put_string(): 1 sent, 0 failed, -1 signal. */
static int put_string(struct chat_run *r, const char *word)
{
    char s[4 * CHAT_STR_LEN];
    bool quiet = false;
    int n = chat_clean(word, true, &r->subst, s, sizeof s, &quiet);
    if (n < 0) {
        log_info("send string is too long");
        return 0;
    }
    if (r->verbose) {
        char vis[CHAT_STR_LEN];
        log_info("send (%s)", quiet ? "??????" : visible(s, vis, sizeof vis));
    }
    long long deadline = deadline_after(r);
    for (int i = 0; i < n; i++) {
        char c = s[i];
        int rc = 1;
        if (c != '\\' || i + 1 >= n) {
            rc = write_char(r, c, deadline);
        } else {
            c = s[++i];
            switch (c) {
            case 'd': rc = sleep_ms(r, 1000, deadline) < 0 ? -1 : 1; break;
            case 'K': tcsendbreak(r->in_fd, 0); break; /* fails harmlessly on a pty */
            case 'p': rc = sleep_ms(r, 10, deadline) < 0 ? -1 : 1; break;
            default: rc = write_char(r, c, deadline); break;
            }
        }
        if (rc <= 0)
            return rc;
    }
    return 1;
}

/* "@file": the send string is the file's first 1023 bytes, less one newline. */
static int read_at_file(const char *path, char *buf, size_t len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        log_error("%s -- open failed: %m", path);
        return -1;
    }
    ssize_t n = read(fd, buf, len - 1);
    close(fd);
    if (n < 0) {
        log_error("%s -- read error", path);
        return -1;
    }
    if (n > 0 && buf[n - 1] == '\n')
        n--;
    buf[n] = '\0';
    return 0;
}

static int list_word(struct chat_run *r, const char *s, bool is_abort, bool clear)
{
    char s1[4 * CHAT_STR_LEN], vis[CHAT_STR_LEN];
    int n = chat_clean(s, false, &r->subst, s1, sizeof s1, NULL);
    const char *what = is_abort ? (clear ? "CLR_ABORT" : "ABORT") : "REPORT";
    if (n < 0 || strlen(s1) > strlen(s) || strlen(s1) + 1 > CHAT_FAIL_LEN) {
        log_error("Illegal or too-long %s string ('%s')", what, visible(s, vis, sizeof vis));
        return CHAT_EXIT_USAGE;
    }
    if (!clear) {
        if ((is_abort ? chat_match_abort_add : chat_match_report_add)(&r->m, s1) < 0) {
            log_error("Too many %s strings", is_abort ? "ABORT" : "REPORT");
            return CHAT_EXIT_IO;
        }
        if (r->verbose)
            log_info("%s (%s)", is_abort ? "abort on" : "report", visible(s, vis, sizeof vis));
        return CHAT_GO;
    }
    int k = (is_abort ? chat_match_abort_clear : chat_match_report_clear)(&r->m, s1);
    for (int i = 0; i < k && r->verbose; i++)
        log_info("%s (%s)", is_abort ? "clear abort on" : "clear report", visible(s, vis, sizeof vis));
    return CHAT_GO;
}

/* The argument of a keyword. */
static int keyword_arg(struct chat_run *r, enum chat_keyword kw, const char *s)
{
    switch (kw) {
    case CHAT_KW_SAY: {
        char out[4 * CHAT_STR_LEN];
        if (chat_clean(s, true, &r->subst, out, sizeof out, NULL) >= 0)
            write_err(r, out, strlen(out));
        return CHAT_GO;
    }
    case CHAT_KW_HANGUP:
        set_sighup(strcmp(s, "OFF") != 0);
        return CHAT_GO;
    case CHAT_KW_ECHO:
        r->m.echo = strcmp(s, "ON") == 0;
        return CHAT_GO;
    case CHAT_KW_ABORT: return list_word(r, s, true, false);
    case CHAT_KW_CLR_ABORT: return list_word(r, s, true, true);
    case CHAT_KW_REPORT: return list_word(r, s, false, false);
    case CHAT_KW_CLR_REPORT: return list_word(r, s, false, true);
    case CHAT_KW_TIMEOUT:
        r->timeout = atoi(s);
        if (r->timeout <= 0)
            r->timeout = 45;
        if (r->verbose)
            log_info("timeout set to %d seconds", r->timeout);
        return CHAT_GO;
    case CHAT_KW_NONE:
        break;
    }
    return CHAT_GO;
}

/* chat's chat_send(): a keyword argument, or a string for the modem. */
static int chat_send(struct chat_run *r, const char *s)
{
    enum chat_keyword kw = r->pending;
    char file[CHAT_STR_LEN];
    if (kw != CHAT_KW_NONE) {
        r->pending = CHAT_KW_NONE;
        return keyword_arg(r, kw, s);
    }
    if (s[0] == '@') {
        if (read_at_file(s + 1, file, sizeof file) < 0)
            return CHAT_EXIT_USAGE;
        s = file;
    }
    if (strcmp(s, "EOT") == 0)
        s = "^D\\c";
    else if (strcmp(s, "BREAK") == 0)
        s = "\\K\\c";
    int rc = put_string(r, s);
    if (rc < 0)
        return chat_run_signal_exit();
    if (rc == 0) {
        log_error("Failed");
        return CHAT_EXIT_USAGE;
    }
    return CHAT_GO;
}

/* ---- expecting ---- */

/* The expect timed out (chat's alarm). */
static int expect_timed_out(struct chat_run *r)
{
    if (r->verbose)
        log_info("alarm");
    r->exit_code = CHAT_EXIT_TIMEOUT;
    return 0;
}

/* chat's get_string(): 1 matched, 0 failed (r->exit_code says why), -1 signal. */
static int get_string(struct chat_run *r, const char *word)
{
    char s[4 * CHAT_STR_LEN];
    int len = chat_clean(word, false, &r->subst, s, sizeof s, NULL);
    size_t slen = len < 0 ? sizeof s : strlen(s);
    if (r->verbose) {
        char vis[CHAT_STR_LEN];
        log_info("expect (%s)", visible(s, vis, sizeof vis));
    }
    r->m.fail_reason[0] = '\0';
    if (slen > CHAT_STR_LEN) {
        log_info("expect string is too long");
        r->exit_code = CHAT_EXIT_USAGE;
        return 0;
    }
    if (slen == 0) {
        if (r->verbose)
            log_info("got it");
        return 1;
    }
    chat_match_begin(&r->m, s, slen);
    long long deadline = deadline_after(r);
    for (;;) {
        /* chat(8)'s alarm() fires whether or not bytes keep coming: a modem
         * that never stops talking must not defer the timeout */
        if (deadline >= 0 && now_ms() >= deadline)
            return expect_timed_out(r);
        /* chat(8) blocks in read(): a hangup during that read is a silent
         * EIO, while a line already at EOF reads 0 with a warning. */
        int ready = ready_now(r, r->in_fd);
        if (ready < 0)
            return -1;
        bool blocked = !ready;
        int w = blocked ? wait_fd(r, r->in_fd, POLLIN, deadline) : 1;
        if (w < 0)
            return -1;
        if (w == 0)
            return expect_timed_out(r);
        /* never more than the matcher's room: a match is then the last byte
         * read, and what follows it stays on the line */
        unsigned char in[CHAT_STR_LEN];
        size_t room = chat_match_room(&r->m);
        ssize_t n = read(r->in_fd, in, room < sizeof in ? room : sizeof in);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0) {
            if (deliver_signals(r))
                return -1;
            if (n == 0 && !blocked)
                log_info("warning: read() on stdin returned 0");
            r->exit_code = CHAT_EXIT_TIMEOUT;
            return 0;
        }
        for (ssize_t i = 0; i < n; i++) {
            switch (chat_match_byte(&r->m, in[i] & 0x7F)) {
            case CHAT_MATCH_GOT:
                return 1;
            case CHAT_MATCH_ABORT:
                r->exit_code = CHAT_EXIT_ABORT + r->m.abort_index;
                return 0;
            case CHAT_MATCH_MORE:
                break;
            }
        }
    }
}

/* chat's chat_expect(): a keyword, or expect[-subsend-expect...]. */
static int chat_expect(struct chat_run *r, const char *word)
{
    enum chat_keyword kw = chat_keyword(word);
    if (kw != CHAT_KW_NONE) {
        r->pending = kw;
        return CHAT_GO;
    }
    char *copy = strdup(word);
    if (!copy) {
        log_error("memory error!");
        return CHAT_EXIT_IO;
    }
    char *cursor = copy;
    int rc = CHAT_GO;
    for (;;) {
        char *expect = chat_subexpect_next(&cursor);
        if (!expect)
            goto out;
        char *reply = chat_subexpect_next(&cursor);
        int got = get_string(r, expect);
        if (got < 0) {
            rc = chat_run_signal_exit();
            goto out;
        }
        if (got)
            goto out;
        /* only a timeout moves on to the sub-send; an ABORT is final */
        if (!reply || r->exit_code != CHAT_EXIT_TIMEOUT)
            break;
        rc = chat_send(r, reply);
        if (rc != CHAT_GO)
            goto out;
    }
    if (r->m.fail_reason[0])
        log_info("Failed (%s)", r->m.fail_reason);
    else
        log_info("Failed");
    rc = r->exit_code;
out:
    free(copy);
    return rc;
}

int chat_run_words(struct chat_run *r, char **words, int n)
{
    for (int i = 0; i < n;) {
        int rc = chat_expect(r, words[i++]);
        if (rc == CHAT_GO && i < n)
            rc = chat_send(r, words[i++]);
        if (rc != CHAT_GO)
            return rc;
    }
    return CHAT_EXIT_OK;
}

void chat_run_finish(struct chat_run *r)
{
    echo_char(r, -1);
    /* let the last REPORT line complete, a second per character at most */
    while (r->m.gathering && strlen(r->m.report_buf) + 1 < CHAT_FAIL_LEN) {
        unsigned char c;
        int w = wait_fd(r, r->in_fd, POLLIN, now_ms() + 1000);
        if (w == 0 && r->verbose)
            log_info("alarm");
        if (w <= 0 || read(r->in_fd, &c, 1) != 1 || !chat_match_report_more(&r->m, c & 0x7F))
            break;
    }
    chat_match_report_flush(&r->m);
    if (!r->report_file)
        return;
    if (r->verbose)
        fprintf(r->report_fp, "Closing \"%s\".\n", r->report_file);
    if (r->report_fp != stderr)
        fclose(r->report_fp);
    r->report_fp = stderr;
}
