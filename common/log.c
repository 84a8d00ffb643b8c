#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#define LOG_LINE_MAX 1024

static struct {
    const char *ident;
    unsigned targets;
    int facility;
    int file_fd;
    bool debug;
    bool stderr_prefix;
    bool syslog_open;
    log_sink_fn sink;
    void *sink_ctx;
    log_sink_fn divert;
    void *divert_ctx;
} g_log = { .ident = "pppsuite", .targets = LOG_TO_STDERR, .facility = LOG_DAEMON, .file_fd = -1 };

void log_open(const char *ident, unsigned targets, int facility)
{
    g_log.ident = ident ? ident : "pppsuite";
    g_log.facility = facility;
    log_set_targets(targets);
}

void log_set_targets(unsigned targets)
{
    g_log.targets = targets;
    if ((targets & LOG_TO_SYSLOG) && !g_log.syslog_open) {
        openlog(g_log.ident, LOG_PID | LOG_NDELAY, g_log.facility);
        g_log.syslog_open = true;
    }
}

unsigned log_get_targets(void) { return g_log.targets; }

int log_set_file(const char *path)
{
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0600);
    if (fd < 0)
        return -1;
    if (g_log.file_fd >= 0)
        close(g_log.file_fd);
    g_log.file_fd = fd;
    g_log.targets |= LOG_TO_FILE;
    return 0;
}

void log_set_debug(bool on) { g_log.debug = on; }
bool log_debug_enabled(void) { return g_log.debug; }
void log_set_stderr_prefix(bool on) { g_log.stderr_prefix = on; }

void log_set_sink(log_sink_fn fn, void *ctx)
{
    g_log.sink = fn;
    g_log.sink_ctx = ctx;
}

void log_set_divert(log_sink_fn fn, void *ctx)
{
    g_log.divert = fn;
    g_log.divert_ctx = ctx;
}

void log_get_divert(log_sink_fn *fn, void **ctx)
{
    *fn = g_log.divert;
    *ctx = g_log.divert_ctx;
}

void log_pass(enum log_level level, const char *msg)
{
    if (level == LOG_LVL_DEBUG && !g_log.debug)
        return;
    if (g_log.divert)
        g_log.divert(g_log.divert_ctx, level, msg);
    else
        log_emit(level, msg);
}

void log_close(void)
{
    if (g_log.file_fd >= 0)
        close(g_log.file_fd);
    g_log.file_fd = -1;
    g_log.targets &= ~(unsigned)LOG_TO_FILE;
    if (g_log.syslog_open)
        closelog();
    g_log.syslog_open = false;
}

const char *log_level_name(enum log_level level)
{
    static const char *const names[] = { "error", "warning", "notice", "info", "debug" };
    return (unsigned)level < sizeof names / sizeof names[0] ? names[level] : "?";
}

static int syslog_priority(enum log_level level)
{
    switch (level) {
    case LOG_LVL_ERROR: return LOG_ERR;
    case LOG_LVL_WARN: return LOG_WARNING;
    case LOG_LVL_NOTICE: return LOG_NOTICE;
    case LOG_LVL_INFO: return LOG_INFO;
    default: return LOG_DEBUG;
    }
}

/* write() whole buffer, ignoring short writes from signals; logging never fails loudly. */
static void write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        p += w;
        n -= (size_t)w;
    }
}

void log_vmsg(enum log_level level, const char *fmt, va_list ap)
{
    if (level == LOG_LVL_DEBUG && !g_log.debug)
        return;
    int saved_errno = errno; /* keep %m and the caller's errno intact */
    char msg[LOG_LINE_MAX];
    errno = saved_errno;
    vsnprintf(msg, sizeof msg, fmt, ap);
    log_pass(level, msg);
    errno = saved_errno;
}

void log_emit(enum log_level level, const char *msg)
{
    int saved_errno = errno;

    if (level == LOG_LVL_DEBUG && !g_log.debug)
        return;
    if (g_log.targets & LOG_TO_SYSLOG)
        syslog(syslog_priority(level), "%s", msg);
    if (g_log.targets & LOG_TO_STDERR) {
        char line[LOG_LINE_MAX + 64];
        int n = g_log.stderr_prefix ? snprintf(line, sizeof line, "%s: %s\n", g_log.ident, msg)
                                    : snprintf(line, sizeof line, "%s\n", msg);
        if (n > 0)
            write_all(STDERR_FILENO, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
    }
    if ((g_log.targets & LOG_TO_FILE) && g_log.file_fd >= 0) {
        char stamp[32];
        time_t now = time(NULL);
        struct tm tm;
        localtime_r(&now, &tm);
        strftime(stamp, sizeof stamp, "%b %e %H:%M:%S", &tm);
        char line[LOG_LINE_MAX + 128];
        int n = snprintf(line, sizeof line, "%s %s[%d]: %s\n", stamp, g_log.ident, (int)getpid(), msg);
        if (n > 0)
            write_all(g_log.file_fd, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
    }
    if (g_log.sink)
        g_log.sink(g_log.sink_ctx, level, msg);
    errno = saved_errno;
}

void log_msg(enum log_level level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    log_vmsg(level, fmt, ap);
    va_end(ap);
}

char *log_printable(char *out, size_t cap, const void *p, size_t n)
{
    const unsigned char *b = p;
    size_t o = 0;

    if (cap == 0)
        return out;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = b[i];
        bool plain = c >= 0x20 && c < 0x7f && c != '\\' && c != '"';
        size_t need = plain ? 1 : 4;
        /* keep room for "..." unless this is the last byte */
        size_t reserve = i + 1 < n ? 3 : 0;
        if (o + need + reserve >= cap) {
            if (cap > 3 && o + 3 < cap) {
                memcpy(out + o, "...", 3);
                o += 3;
            }
            break;
        }
        if (plain) {
            out[o++] = (char)c;
        } else {
            snprintf(out + o, cap - o, "\\x%02x", c);
            o += 4;
        }
    }
    out[o] = '\0';
    return out;
}

char *log_printable_str(char *out, size_t cap, const char *s)
{
    return log_printable(out, cap, s, s ? strlen(s) : 0);
}
