/* libFuzzer target: everything pppd-lite parses of RADIUS data itself: the
 * helper's answers (radmsg), what it makes of an Access-Accept (radreq) and
 * spool files (radspool). The first byte picks the parser. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "pppd-lite/radius/radmsg.h"
#include "pppd-lite/radius/radreq.h"
#include "pppd-lite/radius/radspool.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct radmsg m;
    static uint8_t out[RADSPOOL_MAX];
    if (size == 0)
        return 0;
    uint8_t pick = data[0];
    data++;
    size--;
    if (pick & 1) {
        uint64_t t;
        if (radspool_parse(data, size, &m, &t)) {
            radspool_delay(&m, t, t + 5);
            radspool_encode(&m, t, out, sizeof(out));
        }
        return 0;
    }
    if (radmsg_decode(data, size, &m)) {
        struct radreq_grant g;
        struct secret_match sm;
        radreq_grant(&m, &g);
        radreq_grant_match(&g, "fuzz", &sm);
        size_t n = radmsg_encode(&m, out, sizeof(out));
        /* what decodes re-encodes to the same bytes */
        if (n != size || memcmp(out, data, n) != 0)
            __builtin_trap();
    }
    return 0;
}
