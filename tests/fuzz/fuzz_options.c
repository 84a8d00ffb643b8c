/* libFuzzer target: pppd-lite's options parser fed an options file (lexer,
 * descriptor table, positional words). `file`/`call` are refused (no
 * include callback). Runs in a private network namespace when it can, so a
 * host name in the input never reaches a real resolver. */
#include <sched.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/config.h"
#include "pppd-lite/config/options.h"

#define MAX_WORDS 256

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool init;
    static struct ppp_options o;
    static struct cfg_word w;
    static char store[MAX_WORDS][CFG_WORD_MAX];
    if (!init) {
        init = true;
        if (unshare(CLONE_NEWNET) != 0)
            unshare(CLONE_NEWUSER | CLONE_NEWNET);
    }
    char *words[MAX_WORDS];
    unsigned lines[MAX_WORDS];
    size_t n = 0;
    struct cfg_lexer lx;
    cfg_lexer_init(&lx, "fuzz", (const char *)data, size);
    while (n < MAX_WORDS && cfg_next_word(&lx, &w) == 1) {
        memcpy(store[n], w.text, sizeof(w.text));
        words[n] = store[n];
        lines[n] = w.line;
        n++;
    }
    options_init(&o, (size & 1) != 0);
    struct opt_ctx ctx = { .o = &o, .privileged_invoker = (size & 2) != 0 };
    struct opt_source src = { .file = "fuzz", .priv = (size & 4) != 0 };
    if (options_apply_all(&ctx, &src, words, lines, n) < 0 && ctx.err[0] == '\0')
        abort();   /* every error carries a message */
    return 0;
}
