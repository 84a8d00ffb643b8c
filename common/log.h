/* log: one logging facility for every program of the suite.
 *
 * Messages go to any mix of syslog (facility chosen at open, ident = program
 * name, LOG_PID), stderr (the bare message, as pppd prints to its terminal)
 * and an append-only log file (syslog-style time stamp and ident[pid]).
 * Debug messages are dropped unless the debug switch is on. A test can add a
 * sink that receives every message that passes the level filter. */
#ifndef COMMON_LOG_H
#define COMMON_LOG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

enum log_level {
    LOG_LVL_ERROR,
    LOG_LVL_WARN,
    LOG_LVL_NOTICE,
    LOG_LVL_INFO,
    LOG_LVL_DEBUG,
};

enum {
    LOG_TO_SYSLOG = 1 << 0,
    LOG_TO_STDERR = 1 << 1,
    LOG_TO_FILE = 1 << 2,
};

typedef void (*log_sink_fn)(void *ctx, enum log_level level, const char *msg);

/* ident must stay valid; facility is a syslog facility such as LOG_DAEMON. */
void log_open(const char *ident, unsigned targets, int facility);
void log_set_targets(unsigned targets);
unsigned log_get_targets(void);
/* Open (append, create 0600) a log file and add LOG_TO_FILE; -1 with errno on failure. */
int log_set_file(const char *path);
void log_set_debug(bool on);
bool log_debug_enabled(void);
/* Give stderr lines an "ident: " prefix (off by default, as pppd and chat print). */
void log_set_stderr_prefix(bool on);
/* One extra sink (tests, or a program that also wants the text); NULL removes it. */
void log_set_sink(log_sink_fn fn, void *ctx);
/* Divert every message that passes the level filter to fn instead of the
 * targets and the sink (a program holding back a line it may not want to
 * repeat); NULL ends the diversion. log_get_divert() tells the current one
 * (to restore it: diversions nest). log_pass() sends one finished message
 * the way log_msg would (to the divert, if any); log_emit() straight to
 * the targets and the sink. */
void log_set_divert(log_sink_fn fn, void *ctx);
void log_get_divert(log_sink_fn *fn, void **ctx);
void log_pass(enum log_level level, const char *msg);
void log_emit(enum log_level level, const char *msg);
void log_close(void);

void log_msg(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_vmsg(enum log_level level, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

#define log_error(...) log_msg(LOG_LVL_ERROR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_LVL_WARN, __VA_ARGS__)
#define log_notice(...) log_msg(LOG_LVL_NOTICE, __VA_ARGS__)
#define log_info(...) log_msg(LOG_LVL_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_LVL_DEBUG, __VA_ARGS__)

const char *log_level_name(enum log_level level);

/* A printable copy of n bytes from outside (a peer's name or message, a
 * caller's login, a word of a file) for a log line or a terminal: printable
 * ASCII stays as it is; control bytes, DEL, bytes of 0x80 and above, '\\'
 * and '"' become \xNN, so nothing raw reaches a terminal and the copy reads
 * back unambiguously. Always NUL-terminated (cap > 0); a copy that does not
 * fit ends in "...". Returns out. */
#define LOG_PRINTABLE_MAX 256    /* a sensible out size for one field */
char *log_printable(char *out, size_t cap, const void *p, size_t n);
/* The same for a NUL-terminated string. */
char *log_printable_str(char *out, size_t cap, const char *s);

#endif
