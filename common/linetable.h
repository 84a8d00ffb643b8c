/* linetable: line-oriented tables such as mgetty's login.config and
 * mgetty.config: one record per line, columns separated by spaces or tabs,
 * the last column holding the rest of the line. Blank lines and lines whose
 * first non-blank character is '#' are skipped. Lines longer than
 * LINETABLE_LINE_MAX or holding NUL bytes are errors naming file and line. */
#ifndef COMMON_LINETABLE_H
#define COMMON_LINETABLE_H

#include <stddef.h>

#define LINETABLE_LINE_MAX 1024
#define LINETABLE_COLS_MAX 16
#define LINETABLE_ERR_MAX 320

struct linetable {
    const char *file;
    const char *text;
    size_t len;
    size_t pos;
    unsigned line;          /* number of the last line read */
};

struct linetable_row {
    unsigned line;
    size_t ncols;           /* columns found (fewer than asked when the line is short) */
    char *cols[LINETABLE_COLS_MAX];
    char storage[LINETABLE_LINE_MAX + 1];
};

void linetable_init(struct linetable *t, const char *file, const char *text, size_t len);
/* Next record split into at most maxcols columns (2..LINETABLE_COLS_MAX).
 * 1 a row; 0 end of text; -1 error with "FILE:LINE: message" in err. */
int linetable_next(struct linetable *t, size_t maxcols, struct linetable_row *row,
                   char *err, size_t errlen);
/* Split s in place into white-space separated words; returns how many were
 * stored (at most max); *dropped counts words beyond max. */
size_t linetable_split_words(char *s, char **words, size_t max, size_t *dropped);

#endif
