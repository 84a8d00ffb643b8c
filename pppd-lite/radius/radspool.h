/* radspool: the file form of an Accounting-Request no server has
 * acknowledged yet (a Stop kept through a RADIUS outage or a restart).
 * One file per request: a text header line, the time it was first sent
 * (wall-clock seconds, for Acct-Delay-Time) and the radmsg request. Pure
 * encoding and parsing; radius.c does the files. */
#ifndef PPPD_LITE_RADSPOOL_H
#define PPPD_LITE_RADSPOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pppd-lite/radius/radmsg.h"

#define RADSPOOL_MAGIC "pppd-lite radius spool 1\n"
#define RADSPOOL_MAX (sizeof(RADSPOOL_MAGIC) + 8 + RADMSG_WIRE_MAX)

size_t radspool_encode(const struct radmsg *m, uint64_t first_sent, uint8_t *out, size_t cap);
/* false for anything that is not a spooled Accounting-Request. */
bool radspool_parse(const uint8_t *in, size_t len, struct radmsg *m, uint64_t *first_sent);
/* The request to send now: m with Acct-Delay-Time set to now - first_sent. */
void radspool_delay(struct radmsg *m, uint64_t first_sent, uint64_t now);

#endif
