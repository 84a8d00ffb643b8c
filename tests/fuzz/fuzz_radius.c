/* libFuzzer target: everything pppd-lite parses of RADIUS data itself: the
 * helper's answers (radmsg), what it makes of an Access-Accept (radreq), the
 * MS-CHAP texts for the peer (radms) and spool files (radspool). The first
 * byte picks the parser and, for radms, the verdict, version and ident. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "pppd-lite/radius/radmsg.h"
#include "pppd-lite/radius/radms.h"
#include "pppd-lite/radius/radreq.h"
#include "pppd-lite/radius/radspool.h"
#include "pppd-lite/proto/mschap_msg.h"

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
        /* the MS-CHAP text: NUL-terminated, within bounds, and what the
         * peer is sent parses as the message it must be */
        bool accepted = pick & 2;
        const char *why;
        radms_peer_text(&m, accepted, pick & 4 ? 2 : 1, (uint8_t)(pick >> 3), g.peer_text,
                        sizeof(g.peer_text), &why);
        size_t tl = strnlen(g.peer_text, sizeof(g.peer_text));
        if (tl == sizeof(g.peer_text) || (why && tl))
            __builtin_trap();
        if (tl) {
            struct mschap_success ok;
            struct mschap_failure bad;
            if (accepted ? mschap_parse_success((const uint8_t *)g.peer_text, tl, &ok) != NULL
                         : mschap_parse_failure((const uint8_t *)g.peer_text, tl, &bad) != NULL)
                __builtin_trap();
        }
        size_t n = radmsg_encode(&m, out, sizeof(out));
        /* what decodes re-encodes to the same bytes */
        if (n != size || memcmp(out, data, n) != 0)
            __builtin_trap();
    }
    return 0;
}
