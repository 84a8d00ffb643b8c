/* config: the pppd options-file lexer (pppd's getword) and safe file reading.
 *
 * Where we differ from pppd on purpose: an unterminated quote and a word of
 * CFG_WORD_MAX bytes or more are errors (pppd warns and goes on with a
 * truncated word), and a '#' inside an unquoted word is part of the word
 * (pppd ends the word there). Errors are sticky: once cfg_next_word has
 * returned -1 it keeps returning -1 with the same message. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void cfg_lexer_init(struct cfg_lexer *lx, const char *file, const char *text, size_t len)
{
    lx->file = file ? file : "(config)";
    lx->text = text;
    lx->len = text ? len : 0;
    lx->pos = 0;
    lx->line = 1;
    lx->words = 0;
    lx->err[0] = '\0';
}

/* The byte at pos, or -1 at the end of the text. */
static int peek(const struct cfg_lexer *lx)
{
    return lx->pos < lx->len ? (unsigned char)lx->text[lx->pos] : -1;
}

static int next(struct cfg_lexer *lx)
{
    int c = peek(lx);
    if (c < 0)
        return -1;
    lx->pos++;
    if (c == '\n')
        lx->line++;
    return c;
}

/* isspace() in the C locale, without depending on the process locale. */
static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

static int hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

#define CFG_STR(x) #x
#define CFG_XSTR(x) CFG_STR(x)
#define CFG_WORD_MAX_CHARS 1023
_Static_assert(CFG_WORD_MAX_CHARS == CFG_WORD_MAX - 1, "keep the message in step");

static int fail(struct cfg_lexer *lx, unsigned line, const char *msg)
{
    snprintf(lx->err, sizeof lx->err, "%s:%u: %s", lx->file, line, msg);
    return -1;
}

/* Append one byte; false when the word would reach CFG_WORD_MAX. */
static bool put(struct cfg_word *w, int c)
{
    if (w->len >= CFG_WORD_MAX - 1)
        return false;
    w->text[w->len++] = (char)c;
    return true;
}

/* The character after a backslash (already consumed): returns the byte the
 * escape stands for, or -2 for backslash-newline (nothing to store), or -1
 * for a backslash at the very end of the text. Octal and hex digits are
 * consumed here, as many as belong to the escape. */
static int escape_value(struct cfg_lexer *lx)
{
    int c = next(lx);
    int v, n;

    switch (c) {
    case -1: return -1;
    case '\n': return -2;
    case 'a': return '\a';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 's': return ' ';
    case 't': return '\t';
    case 'v': return '\v';
    case 'x':
        /* \x with no hex digit stands for NUL, as in pppd. */
        v = 0;
        for (n = 0; n < 2 && hex_value(peek(lx)) >= 0; n++)
            v = v * 16 + hex_value(next(lx));
        return v;
    default:
        if (c >= '0' && c <= '7') {
            v = c - '0';
            for (n = 1; n < 3 && peek(lx) >= '0' && peek(lx) <= '7'; n++)
                v = v * 8 + (next(lx) - '0');
            return v & 0xff;
        }
        return c;
    }
}

/* Skip white space, comments and backslash-newlines before a word. Returns
 * whether a line break was crossed; leaves pos at the word's first byte. */
static bool skip_blank(struct cfg_lexer *lx)
{
    bool newline = false, comment = false;
    int c;

    while ((c = peek(lx)) >= 0) {
        if (c == '\n') {
            newline = true;
            comment = false;
        } else if (comment) {
            /* ignore the rest of the comment line */
        } else if (c == '\\') {
            if (lx->pos + 1 < lx->len && lx->text[lx->pos + 1] == '\n') {
                next(lx);   /* continuation: the newline is not a line break */
            } else if (lx->pos + 1 >= lx->len) {
                next(lx);   /* a lone backslash at the end is dropped, as in pppd */
                continue;
            } else {
                break;      /* an escaped character starts a word */
            }
        } else if (c == '#') {
            comment = true;
        } else if (!is_space(c)) {
            break;
        }
        next(lx);
    }
    return newline;
}

void cfg_lexer_skip_line(struct cfg_lexer *lx)
{
    lx->err[0] = '\0';
    lx->pos = lx->word_pos;
    lx->line = lx->word_line;
    while (lx->pos < lx->len && lx->text[lx->pos] != '\n')
        lx->pos++;
}

int cfg_next_word(struct cfg_lexer *lx, struct cfg_word *w)
{
    int quote = 0, c;

    if (lx->err[0])
        return -1;

    bool newline = skip_blank(lx);
    if (peek(lx) < 0)
        return 0;

    w->len = 0;
    w->text[0] = '\0';
    w->line = lx->line;
    lx->word_pos = lx->pos;
    lx->word_line = lx->line;
    w->newline_before = newline || lx->words == 0;
    w->quoted = false;

    /* As in pppd, a quote opens only at the start of a word and the closing
     * quote ends the word. */
    c = peek(lx);
    if (c == '"' || c == '\'') {
        quote = c;
        w->quoted = true;
        next(lx);
    }

    for (;;) {
        c = peek(lx);
        if (c < 0) {
            if (quote)
                return fail(lx, w->line, "unterminated quoted string");
            break;
        }
        if (quote && c == quote) {
            next(lx);
            break;
        }
        if (!quote && is_space(c))
            break;
        next(lx);
        if (c == '\\') {
            c = escape_value(lx);
            if (c == -2 || c == -1)
                continue;   /* continuation, or a trailing backslash at the end */
        }
        if (!put(w, c))
            return fail(lx, w->line, "word too long (more than " CFG_XSTR(CFG_WORD_MAX_CHARS) " characters)");
    }
    w->text[w->len] = '\0';
    lx->words++;
    return 1;
}

int cfg_read_file(const char *path, char **text, size_t *len, char *err, size_t errlen)
{
    struct stat st;
    char *buf = NULL;
    size_t used = 0;
    int fd, saved;

    *text = NULL;
    *len = 0;
    /* O_NONBLOCK so that a FIFO named by mistake cannot hang us at open. */
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        saved = errno;
        snprintf(err, errlen, "cannot open %s: %s", path, strerror(saved));
        errno = saved;
        return -1;
    }
    if (fstat(fd, &st) < 0) {
        saved = errno;
        goto fail_errno;
    }
    if (S_ISDIR(st.st_mode)) {
        saved = EISDIR;
        goto fail_errno;
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        snprintf(err, errlen, "cannot open %s: not a regular file", path);
        errno = EINVAL;
        return -1;
    }
    if (st.st_size > CFG_FILE_MAX)
        goto too_big;
    /* Read to EOF regardless of st_size (files in /proc report 0). */
    buf = malloc(CFG_FILE_MAX + 2);
    if (!buf) {
        saved = errno;
        goto fail_errno;
    }
    for (;;) {
        ssize_t n = read(fd, buf + used, CFG_FILE_MAX + 1 - used);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            saved = errno;
            free(buf);
            close(fd);
            snprintf(err, errlen, "cannot read %s: %s", path, strerror(saved));
            errno = saved;
            return -1;
        }
        if (n == 0)
            break;
        used += (size_t)n;
        if (used > CFG_FILE_MAX) {
            free(buf);
            goto too_big;
        }
    }
    close(fd);
    buf[used] = '\0';
    *text = buf;
    *len = used;
    return 0;

too_big:
    close(fd);
    snprintf(err, errlen, "cannot read %s: file is larger than %d bytes", path, CFG_FILE_MAX);
    errno = EFBIG;
    return -1;
fail_errno:
    close(fd);
    snprintf(err, errlen, "cannot open %s: %s", path, strerror(saved));
    errno = saved;
    return -1;
}

/* One path component's ownership and mode. */
static int check_one(const char *path, bool allow_own_uid, char *why, size_t whylen)
{
    struct stat st;

    if (stat(path, &st) < 0) {
        snprintf(why, whylen, "cannot stat %s: %s", path, strerror(errno));
        return -1;
    }
    if (st.st_uid != 0 && !(allow_own_uid && st.st_uid == geteuid())) {
        snprintf(why, whylen, "%s is owned by uid %lu, not by root", path,
                 (unsigned long)st.st_uid);
        return -1;
    }
    /* A sticky directory such as /tmp may be writable by all: others cannot
     * rename or remove the entries they do not own, so the path stays ours. */
    bool sticky_dir = S_ISDIR(st.st_mode) && (st.st_mode & S_ISVTX);
    if ((st.st_mode & (S_IWGRP | S_IWOTH)) && !sticky_dir) {
        snprintf(why, whylen, "%s is writable by group or others", path);
        return -1;
    }
    return 0;
}

/* Check every directory above the absolute path in buf (clobbered), up to /. */
static int check_parents(char *buf, bool allow_own_uid, char *why, size_t whylen)
{
    for (;;) {
        char *slash = strrchr(buf, '/');
        if (!slash)
            return 0;
        if (slash == buf) {
            buf[1] = '\0';
            return check_one(buf, allow_own_uid, why, whylen);
        }
        *slash = '\0';
        if (check_one(buf, allow_own_uid, why, whylen) < 0)
            return -1;
    }
}

int cfg_check_path_secure(const char *path, bool allow_own_uid, char *why, size_t whylen)
{
    char buf[PATH_MAX];

    if (check_one(path, allow_own_uid, why, whylen) < 0)
        return -1;
    /* The directories named in the path: whoever may write one of them may
     * replace the file or a symbolic link on the way to it. */
    if (path[0] == '/') {
        if (strlen(path) >= sizeof buf) {
            snprintf(why, whylen, "%s: path too long", path);
            return -1;
        }
        strcpy(buf, path);
    } else {
        if (!getcwd(buf, sizeof buf)) {
            snprintf(why, whylen, "cannot resolve %s: %s", path, strerror(errno));
            return -1;
        }
        if (strlen(buf) + 1 + strlen(path) >= sizeof buf) {
            snprintf(why, whylen, "%s: path too long", path);
            return -1;
        }
        strcat(buf, "/");
        strcat(buf, path);
    }
    if (check_parents(buf, allow_own_uid, why, whylen) < 0)
        return -1;
    /* And the directories the kernel really walks, past any symbolic link. */
    if (!realpath(path, buf)) {
        snprintf(why, whylen, "cannot resolve %s: %s", path, strerror(errno));
        return -1;
    }
    return check_parents(buf, allow_own_uid, why, whylen);
}

int cfg_file_readable_by_others(const char *path)
{
    struct stat st;

    if (stat(path, &st) < 0)
        return -1;
    return (st.st_mode & (S_IRGRP | S_IROTH)) ? 1 : 0;
}
