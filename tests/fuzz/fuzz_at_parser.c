/* libFuzzer target for contrib/modemsim/at: bytes from the DTE interleaved
 * with exchange events and clock steps. Each input is a series of records:
 * one control byte (low 3 bits: what happens, the rest: a time step) then,
 * for DTE input, a length byte and that many bytes. Checks that the output
 * stays bounded and the state stays valid. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "contrib/modemsim/at.h"

static size_t outlen;
static struct at_modem m;

static void to_dte(void *ctx, const uint8_t *d, size_t n)
{
    (void)ctx;
    (void)d;
    outlen += n;
}
static void dial(void *ctx, const char *number)
{
    (void)ctx;
    if (strlen(number) >= AT_NUMBER_MAX)
        abort();
}
static void nop(void *ctx) { (void)ctx; }
static void data(void *ctx, const uint8_t *d, size_t n) { (void)ctx; (void)d; (void)n; }

static const struct at_ops ops = { to_dte, dial, nop, nop, data, NULL, NULL };

int LLVMFuzzerTestOneInput(const uint8_t *buf, size_t len)
{
    uint64_t now = 1;
    size_t i = 0;
    at_init(&m, &ops, NULL, "fuzz");
    outlen = 0;
    while (i < len) {
        uint8_t c = buf[i++];
        now += (uint64_t)(c >> 3) * 97;
        switch (c & 7) {
        case 0: case 1: case 2: {
            size_t n = i < len ? buf[i++] : 0;
            if (n > len - i)
                n = len - i;
            size_t before = outlen;
            at_input(&m, now, buf + i, n);
            /* per byte at most one line runs (A/ repeats one): bounded output */
            if (outlen - before > n * (AT_LINE_MAX + 2) * 32 + 64)
                abort();
            i += n;
            break;
        }
        case 3: at_ring(&m, now); break;
        case 4: at_connected(&m, now, 57600); break;
        case 5: at_carrier_lost(&m); break;
        case 6: at_dial_failed(&m, AT_BUSY); break;
        default: at_dte_closed(&m); break;
        }
        at_tick(&m, now);
        if (m.state > AT_ST_ONLINE_CMD || m.len > AT_LINE_MAX)
            abort();
        uint64_t d = at_next_deadline(&m);
        if (d)
            at_tick(&m, d);
    }
    return 0;
}
