/* libFuzzer target: a chat script file (-f) through the tokeniser, every word
 * through both escape modes and the sub-expect splitter, then the received
 * text (the input again) through the matcher with the script's first
 * expect and its other words as ABORT and REPORT strings. Checks the
 * invariants the code relies on: lengths within bounds, NUL termination. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chat/escape.h"
#include "chat/match.h"
#include "chat/script.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *fake_env(const char *name)
{
    return strcmp(name, "PHONE") == 0 ? "5551212" : NULL;
}

static void sink_log(void *ctx, const char *msg)
{
    (void)ctx;
    if (strlen(msg) >= CHAT_STR_LEN)
        abort();
}

static void sink_report(void *ctx, const char *text)
{
    (void)ctx;
    if (strlen(text) >= 128)
        abort();
}

static time_t zero_now(void *ctx)
{
    (void)ctx;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct chat_match m;
    struct strvec w = { 0 };
    char err[128];
    struct chat_subst sub = { .phone = "555", .phone2 = NULL, .use_env = size & 1,
                              .getenv_fn = fake_env };

    chat_words_parse_text(&w, (const char *)data, size, err, sizeof err);

    struct chat_match_ops ops = { .log = sink_log, .report = sink_report, .now = zero_now };
    chat_match_init(&m, &ops);
    m.verbose = true;
    char expect[2 * CHAT_STR_LEN];
    int expect_len = -1;
    for (size_t i = 0; i < w.n; i++) {
        char out[2 * CHAT_STR_LEN];
        bool quiet = false;
        int n = chat_clean(w.v[i], true, &sub, out, sizeof out, &quiet);
        if (n >= (int)sizeof out || (n >= 0 && out[n] != '\0'))
            abort();
        n = chat_clean(w.v[i], false, &sub, out, sizeof out, NULL);
        if (n >= 0 && (size_t)n != strlen(out))
            abort(); /* an expect string never holds a NUL */
        if (i == 0 && n > 0 && n <= CHAT_STR_LEN) {
            memcpy(expect, out, (size_t)n);
            expect_len = n;
        } else if (n >= 0 && n < CHAT_FAIL_LEN) {
            if (i % 2)
                chat_match_abort_add(&m, out);
            else
                chat_match_report_add(&m, out);
        }
        char vis[CHAT_STR_LEN];
        chat_visible(w.v[i], strlen(w.v[i]), vis, sizeof vis);
        char *copy = strdup(w.v[i]), *cur = copy, *part;
        while ((part = chat_subexpect_next(&cur)) != NULL)
            if (part < copy || part > copy + strlen(w.v[i]))
                abort();
        free(copy);
        chat_keyword(w.v[i]);
    }
    if (expect_len > 0) {
        chat_match_begin(&m, expect, (size_t)expect_len);
        for (size_t i = 0; i < size; i++) {
            if (chat_match_byte(&m, data[i] & 0x7F) != CHAT_MATCH_MORE)
                chat_match_begin(&m, expect, (size_t)expect_len);
            if (m.fill > CHAT_STR_LEN || m.logged > m.fill + 1)
                abort();
        }
        chat_match_report_flush(&m);
    }
    strvec_free(&w);
    return 0;
}
