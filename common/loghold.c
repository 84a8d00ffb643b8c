/* loghold: keep, compare and release one attempt's log lines (loghold.h). */
#include "loghold.h"

#include <string.h>

#include "log.h"

void log_hold_init(struct log_hold *h)
{
    memset(h, 0, sizeof(*h));
}

/* Past this hold: to the hold outside it, or out. */
static void log_hold_pass_out(struct log_hold *h, enum log_level level, const char *msg)
{
    if (h->outer)
        h->outer(h->outer_ctx, level, msg);
    else
        log_emit(level, msg);
}

static void log_hold_keep(void *ctx, enum log_level level, const char *msg)
{
    struct log_hold *h = ctx;
    struct log_hold_text *t = &h->now;
    size_t n = strlen(msg) + 2;

    if (t->len + n > sizeof(t->text)) {
        t->overflow = true;          /* too much to compare: let it through */
        log_hold_pass_out(h, level, msg);
        return;
    }
    t->text[t->len] = (char)('0' + level);
    memcpy(t->text + t->len + 1, msg, n - 1);
    t->len += n;
}

void log_hold_begin(struct log_hold *h)
{
    h->now.len = 0;
    h->now.overflow = false;
    h->active = true;
    log_get_divert(&h->outer, &h->outer_ctx);
    log_set_divert(log_hold_keep, h);
}

bool log_hold_end(struct log_hold *h)
{
    if (h->active)
        log_set_divert(h->outer, h->outer_ctx);
    h->active = false;
    return !h->now.overflow && !h->last.overflow && h->last.len > 0 &&
           h->now.len == h->last.len && memcmp(h->now.text, h->last.text, h->now.len) == 0;
}

void log_hold_release(struct log_hold *h)
{
    for (size_t i = 0; i < h->now.len;) {
        const char *msg = h->now.text + i + 1;
        log_pass((enum log_level)(h->now.text[i] - '0'), msg);
        i += strlen(msg) + 2;
    }
    /* only what is used: the rest of the 4 KiB stays untouched */
    h->last.len = h->now.len;
    h->last.overflow = h->now.overflow;
    memcpy(h->last.text, h->now.text, h->now.len);
}

void log_hold_forget(struct log_hold *h)
{
    h->last.len = 0;
    h->last.overflow = false;
}
