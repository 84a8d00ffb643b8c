/* libFuzzer target: CHAP packets (and interleaved LCP) into two pppd-lite
 * engines that require MS-CHAPv2 (config bit 6 clear) or MS-CHAP (set) of
 * each other, in every state; see fuzz_engine.h for the input format.
 * Hostile Response values, Success and Failure texts reach chap_ms. */
#include "tests/fuzz/fuzz_engine.h"

static void configure_mschap(struct h_link *L, uint8_t sel)
{
    struct h_peer *ps[2] = { &L->a, &L->b };
    for (int i = 0; i < 2; i++) {
        struct engine_auth_settings *a = &ps[i]->s.auth;
        a->require_pap = a->require_chap = false;
        a->require_mschap_v2 = (sel & 0x40) == 0;
        a->require_mschap = (sel & 0x40) != 0;
        ps[i]->chap_secrets = "bravo alpha s *\nalpha bravo t *\n\"D\\\\bravo\" alpha u *\n";
    }
    L->a.s.auth.chap_interval_ms = 2000;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct fuzz_engine_target t = {
        .proto = PPP_PROTO_CHAP,
        .configure = configure_mschap,
    };
    return fuzz_engine_run_target(&t, data, size);
}
