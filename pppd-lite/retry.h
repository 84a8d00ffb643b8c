/* retry: the persist loop's between-calls policy when the device is gone.
 *
 * A USB modem unplugged or a pty closed makes every redial fail at once;
 * with `persist` and `holdoff 0` pppd then logs "Starting link" / "Failed
 * to open" as fast as it can. Here each failed attempt to open the line or
 * run the connect script doubles a back-off (1 s up to a minute, whatever
 * holdoff says), and the attempt's log lines are held back while they are
 * word for word those of the previous failed attempt: the first failure is
 * logged, the repeats are counted, and one line with the count follows when
 * something else happens (another failure, a link, the end). A link that
 * comes up resets both. */
#ifndef PPPD_LITE_RETRY_H
#define PPPD_LITE_RETRY_H

#include "common/loghold.h"

#define RETRY_BACKOFF_MIN_S 1
#define RETRY_BACKOFF_MAX_S 60

struct retry {
    unsigned backoff_s;              /* wait after the next open/connect failure; 0: none yet */
    unsigned repeats;                /* failed attempts like the last logged one, not logged */
    struct log_hold hold;
};

void retry_init(struct retry *r);
/* An attempt starts: its log lines are held until retry_opened/retry_failed. */
void retry_begin(struct retry *r);
/* The line is open (and the connect script succeeded): the held lines go
 * out, with the count of hidden repeats first, and the back-off resets. */
void retry_opened(struct retry *r);
/* The attempt failed before the link: its lines go out unless they repeat
 * the previous failure's. */
void retry_failed(struct retry *r);
/* Seconds to wait before the next attempt after a failure (holdoff_s is the
 * holdoff that applies, 0 for none); doubles the back-off for next time. */
unsigned retry_wait_s(struct retry *r, unsigned holdoff_s);
/* Leaving the loop: say how often the last failure repeated, if it did. */
void retry_finish(struct retry *r);

#endif
