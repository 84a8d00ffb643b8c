/* answer: from a free line to a connected call (see answer.c). */
#ifndef GETTY_ANSWER_H
#define GETTY_ANSWER_H

#include "common/serial.h"
#include "getty/callinfo.h"
#include "getty/lockdance.h"
#include "getty/options.h"
#include "getty/utmp.h"

#define GETTY_ERROR_DELAY_S 2    /* before an error exit: no tight respawn loop */

/* Log msg, release the line's lock, pause (so init does not respawn us in
 * a tight loop) and exit with status. */
void gexit_fail(struct gdance *dance, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4), noreturn));

/* The lock dance until a call (or a key on a direct line) has come: fills
 * call (CONNECT string, speed, caller id). Exits when a dial-out takes the
 * line, the phone stops ringing, or the modem fails. */
void answer_wait_for_call(struct gdance *dance, struct serial_line *line,
                          const struct getty_opts *o, const struct gutmp_files *uf,
                          struct gcall_info *call);

/* Hang up the line and end this getty (init starts the next one). */
void answer_hangup_exit(struct gdance *dance, struct serial_line *line, const struct getty_opts *o,
                        int status) __attribute__((noreturn));

#endif
