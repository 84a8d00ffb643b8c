/* retry: back-off and repeat counting for the persist loop (see retry.h). */
#include "retry.h"

#include <string.h>

#include "common/log.h"

void retry_init(struct retry *r)
{
    memset(r, 0, sizeof(*r));
    log_hold_init(&r->hold);
}

static void retry_report_repeats(struct retry *r)
{
    if (r->repeats > 0)
        log_notice("The previous failure repeated %u more time%s", r->repeats,
                   r->repeats == 1 ? "" : "s");
    r->repeats = 0;
}

void retry_begin(struct retry *r)
{
    log_hold_begin(&r->hold);
}

void retry_opened(struct retry *r)
{
    log_hold_end(&r->hold);
    retry_report_repeats(r);
    log_hold_release(&r->hold);
    log_hold_forget(&r->hold);
    r->backoff_s = 0;
}

void retry_failed(struct retry *r)
{
    if (log_hold_end(&r->hold)) {
        r->repeats++;
        return;
    }
    retry_report_repeats(r);
    log_hold_release(&r->hold);
}

unsigned retry_wait_s(struct retry *r, unsigned holdoff_s)
{
    unsigned wait = r->backoff_s ? r->backoff_s : RETRY_BACKOFF_MIN_S;

    r->backoff_s = wait * 2 > RETRY_BACKOFF_MAX_S ? RETRY_BACKOFF_MAX_S : wait * 2;
    return holdoff_s > wait ? holdoff_s : wait;
}

void retry_finish(struct retry *r)
{
    if (r->hold.active) {
        log_hold_end(&r->hold);
        log_hold_release(&r->hold);
    }
    retry_report_repeats(r);
}
