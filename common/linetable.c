/* linetable: one record per line, columns split on spaces and tabs.
 *
 * After an error (overlong line, NUL byte) the reader has moved past the bad
 * line, so a caller may log the message and call linetable_next again. */
#include "linetable.h"

#include <stdio.h>
#include <string.h>

void linetable_init(struct linetable *t, const char *file, const char *text, size_t len)
{
    t->file = file ? file : "(table)";
    t->text = text;
    t->len = text ? len : 0;
    t->pos = 0;
    t->line = 0;
}

#define LT_STR(x) #x
#define LT_XSTR(x) LT_STR(x)

static int is_blank(char c) { return c == ' ' || c == '\t'; }

/* White space that ends a word for linetable_split_words. */
static int is_white(char c)
{
    return is_blank(c) || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static int row_error(const struct linetable *t, const char *msg, char *err, size_t errlen)
{
    if (err && errlen)
        snprintf(err, errlen, "%s:%u: %s", t->file, t->line, msg);
    return -1;
}

/* Split the NUL-terminated line in row->storage into at most maxcols columns,
 * the last one the rest of the line. Trailing white space is already gone. */
static void split_columns(struct linetable_row *row, size_t maxcols)
{
    char *p = row->storage;

    row->ncols = 0;
    while (*p) {
        while (is_blank(*p))
            p++;
        if (!*p)
            break;
        row->cols[row->ncols++] = p;
        if (row->ncols == maxcols)
            break;              /* the last column keeps its inner blanks */
        while (*p && !is_blank(*p))
            p++;
        if (*p)
            *p++ = '\0';
    }
}

int linetable_next(struct linetable *t, size_t maxcols, struct linetable_row *row,
                   char *err, size_t errlen)
{
    if (maxcols < 2 || maxcols > LINETABLE_COLS_MAX)
        return row_error(t, "internal error: column count out of range", err, errlen);

    while (t->pos < t->len) {
        const char *start = t->text + t->pos;
        const char *nl = memchr(start, '\n', t->len - t->pos);
        size_t n = nl ? (size_t)(nl - start) : t->len - t->pos;

        t->pos += n + (nl ? 1 : 0);
        t->line++;
        if (n > LINETABLE_LINE_MAX)
            return row_error(t, "line too long (more than " LT_XSTR(LINETABLE_LINE_MAX) " characters)", err, errlen);
        if (memchr(start, '\0', n))
            return row_error(t, "NUL byte in line", err, errlen);

        while (n > 0 && (is_blank(start[n - 1]) || start[n - 1] == '\r'))
            n--;
        size_t lead = 0;
        while (lead < n && is_blank(start[lead]))
            lead++;
        if (lead == n || start[lead] == '#')
            continue;           /* blank line or comment */

        memcpy(row->storage, start, n);
        row->storage[n] = '\0';
        row->line = t->line;
        split_columns(row, maxcols);
        return 1;
    }
    return 0;
}

size_t linetable_split_words(char *s, char **words, size_t max, size_t *dropped)
{
    size_t n = 0, extra = 0;

    while (s && *s) {
        while (is_white(*s))
            s++;
        if (!*s)
            break;
        if (n < max)
            words[n++] = s;
        else
            extra++;
        while (*s && !is_white(*s))
            s++;
        if (*s)
            *s++ = '\0';
    }
    if (dropped)
        *dropped = extra;
    return n;
}
