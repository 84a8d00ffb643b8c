/* libFuzzer target for pppctl/reply: a control socket reply as pppctl reads
 * it, bytes from another process. Checks that fields stay within bounds,
 * keys are [a-z0-9_], values printable, that a prefix of a complete reply
 * never reads as complete, and that every output format copes. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pppctl/reply.h"
#include "pppctl/show.h"

static void check_fields(const struct reply *r)
{
    if (r->n > REPLY_FIELDS_MAX)
        abort();
    for (size_t i = 0; i < r->n; i++) {
        size_t k = strnlen(r->f[i].key, REPLY_KEY_MAX), v = strnlen(r->f[i].value, REPLY_VALUE_MAX);
        if (k == 0 || k >= REPLY_KEY_MAX || v >= REPLY_VALUE_MAX)
            abort();
        if (strspn(r->f[i].key, "abcdefghijklmnopqrstuvwxyz0123456789_") != k)
            abort();
        for (size_t j = 0; j < v; j++)
            if ((unsigned char)r->f[i].value[j] < 0x20 || (unsigned char)r->f[i].value[j] > 0x7e)
                abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct reply r, part;
    enum reply_result res = reply_parse(&r, data, size);
    if (strnlen(r.text, sizeof(r.text)) >= sizeof(r.text))
        abort();
    if (res != REPLY_OK && res != REPLY_ERROR)
        return 0;
    check_fields(&r);
    if (r.error != (res == REPLY_ERROR))
        abort();
    /* the reply ends with its last newline: any shorter read is incomplete */
    enum reply_result pr = reply_parse(&part, data, size - 1);
    if (pr == REPLY_OK || pr == REPLY_ERROR)
        abort();
    static char out[65536];
    FILE *f = fmemopen(out, sizeof(out), "w");
    if (!f)
        return 0;
    show_json(f, &r);
    show_status(f, &r);
    show_table_row(f, "ppp0", &r, "");
    struct show_stats s, zero = { 0 };
    show_stats_from(&s, &r);
    show_stats_line(f, &s, &zero);
    fclose(f);
    return 0;
}
