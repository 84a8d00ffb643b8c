/* loghold: hold back the log lines of one attempt, to drop them when they
 * repeat the previous attempt's word for word.
 *
 * A daemon that retries (a redial on a device that is gone) or re-reads a
 * file on every link (a secrets file with a bad line) would otherwise say
 * the same thing again and again. Between log_hold_begin and log_hold_end
 * every message is kept (common/log's divert); then the caller either
 * releases them (they go out with their levels, and become the text to
 * compare with) or drops them. */
#ifndef COMMON_LOGHOLD_H
#define COMMON_LOGHOLD_H

#include <stdbool.h>
#include <stddef.h>

#include "common/log.h"

#define LOG_HOLD_TEXT_MAX 4096

struct log_hold_text {
    size_t len;
    bool overflow;                   /* more than fits: went out at once, never "the same" */
    char text[LOG_HOLD_TEXT_MAX];    /* level digit, message, NUL; one after another */
};

struct log_hold {
    bool active;
    log_sink_fn outer;               /* the divert in force before (holds nest) */
    void *outer_ctx;
    struct log_hold_text now, last;
};

void log_hold_init(struct log_hold *h);
void log_hold_begin(struct log_hold *h);
/* Stop holding. true when what was held is exactly what was last released
 * (and something had been released before). */
bool log_hold_end(struct log_hold *h);
/* Send the held lines on; they become the text later attempts compare with. */
void log_hold_release(struct log_hold *h);
/* Forget the last released text (the next attempt counts as new). */
void log_hold_forget(struct log_hold *h);

#endif
