/* escape: chat(8)'s string "cleaning" (escapes, ^C, \T \U, -E $VAR), its "%v"
 * visible rendering for logs, and the sub-expect splitter. Pure functions. */
#ifndef CHAT_ESCAPE_H
#define CHAT_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

/* chat.c's STR_LEN: expect buffer size and the longest cleaned string. */
#define CHAT_STR_LEN 1024

struct chat_subst {
    const char *phone;   /* -T, replaces \T in send strings; NULL = leave "\T" */
    const char *phone2;  /* -U, replaces \U */
    bool use_env;        /* -E: $NAME is replaced by the environment value */
    const char *(*getenv_fn)(const char *name); /* NULL = getenv(3) */
};

/* Clean a script word as chat(8) does. For a send string (sending=true) the
 * result keeps the actions as two-byte pairs the sender interprets: "\\d"
 * (sleep 1 s), "\\p" (10 ms), "\\K" (break), "\\\\" (a backslash), "\\" NUL
 * (a NUL byte), "\\" c (c itself), and ends with '\r' unless the word ends
 * with \c. For an expect string the result is the plain bytes to match.
 * *quiet is set when the word holds \q. Returns the length written into out
 * (NUL-terminated; may contain NULs when sending), or -1 when it would not
 * fit in cap bytes. */
int chat_clean(const char *in, bool sending, const struct chat_subst *sub, char *out, size_t cap,
               bool *quiet);

/* Render n bytes as chat's "%v" does: control characters as ^X (TAB kept),
 * DEL as ^?, bit 8 as "M-". Always NUL-terminates out (truncating). */
void chat_visible(const char *s, size_t n, char *out, size_t cap);

/* One character as chat's -V/-e echo shows it: "^M", "M-a", "x". out >= 8. */
void chat_char_visible(int c, char *out);

/* Split an expect word at unescaped '-' (chat's expect_strtok): returns the
 * next part (cut in place) or NULL when *cursor is at the end. */
char *chat_subexpect_next(char **cursor);

#endif
