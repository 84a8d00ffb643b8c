/* show: how pppctl prints replies: the list table, a status report, JSON,
 * and pppstats' columns. */
#ifndef PPPCTL_SHOW_H
#define PPPCTL_SHOW_H

#include <stdint.h>
#include <stdio.h>

#include "pppctl/reply.h"

void show_table_header(FILE *f);
/* One row; r NULL: the link did not answer (why says so). */
void show_table_row(FILE *f, const char *ifname, const struct reply *r, const char *why);
void show_status(FILE *f, const struct reply *r);
/* One JSON object of the reply's fields (numbers as numbers). */
void show_json(FILE *f, const struct reply *r);
/* A JSON string, escaped. */
void show_json_string(FILE *f, const char *s);

/* pppstats' counters, from a status reply (VJ ones are zero when the
 * reply carries none: no VJ compression in use). */
struct show_stats {
    uint64_t in_bytes, in_packets, vj_comp_in, vj_unc_in, vj_err_in;
    uint64_t out_bytes, out_packets, vj_comp_out, vj_packets_out;
};
void show_stats_from(struct show_stats *s, const struct reply *r);
void show_stats_header(FILE *f);
/* cur minus prev (prev all zero: totals), as pppstats prints a line. */
void show_stats_line(FILE *f, const struct show_stats *cur, const struct show_stats *prev);

#endif
