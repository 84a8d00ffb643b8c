/* libFuzzer target: the options-file lexer over arbitrary bytes. Checks the
 * lexer's own promises on every word, not just "no crash". */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct cfg_word w;
    struct cfg_lexer lx;
    unsigned lines = 1, prev_line = 0;
    size_t words = 0, prev_pos = 0;
    int rc;

    for (size_t i = 0; i < size; i++)
        lines += data[i] == '\n';
    cfg_lexer_init(&lx, "fuzz.conf", (const char *)data, size);
    while ((rc = cfg_next_word(&lx, &w)) == 1) {
        /* every word consumes input, so there are at most size words */
        if (++words > size || lx.pos <= prev_pos)
            abort();
        if (w.len >= CFG_WORD_MAX || w.text[w.len] != '\0')
            abort();
        if (w.line < prev_line || w.line > lines || lx.line > lines)
            abort();
        if (words == 1 && !w.newline_before)
            abort();
        prev_line = w.line;
        prev_pos = lx.pos;
    }
    if (rc == -1) {
        /* "fuzz.conf:LINE: message", and the error stays */
        if (strncmp(lx.err, "fuzz.conf:", 10) != 0 || cfg_next_word(&lx, &w) != -1)
            abort();
    } else if (rc != 0 || lx.pos != size) {
        abort();
    }
    return 0;
}
