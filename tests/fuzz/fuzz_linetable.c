/* libFuzzer target: the line-table reader (login.config, mgetty.config) and
 * word splitting over arbitrary bytes. The whole input is the file; the
 * input's length picks the column count. Reading goes on after errors, as
 * getty may. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/linetable.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct linetable_row row;
    struct linetable t;
    char err[LINETABLE_ERR_MAX];
    size_t maxcols = 2 + size % (LINETABLE_COLS_MAX - 1);
    const char *text = (const char *)data;
    size_t len = size;
    unsigned prev = 0;
    int rc;

    linetable_init(&t, "fuzz.config", text, len);
    while ((rc = linetable_next(&t, maxcols, &row, err, sizeof err)) != 0) {
        if (t.line <= prev || t.pos > len)
            abort();
        prev = t.line;
        if (rc < 0) {
            if (strncmp(err, "fuzz.config:", 12) != 0)
                abort();
            continue;
        }
        if (row.ncols < 1 || row.ncols > maxcols || row.line != t.line)
            abort();
        for (size_t i = 0; i < row.ncols; i++) {
            const char *c = row.cols[i];
            if (c < row.storage || c >= row.storage + sizeof row.storage || !*c)
                abort();
            if (strlen(c) > LINETABLE_LINE_MAX)
                abort();
        }
        char *words[10];
        size_t dropped;
        size_t n = linetable_split_words(row.cols[row.ncols - 1], words, 10, &dropped);
        if (n > 10)
            abort();
        for (size_t i = 0; i < n; i++)
            if (!*words[i] || strpbrk(words[i], " \t\r\n\v\f"))
                abort();
    }
    if (t.pos != len)
        abort();
    return 0;
}
