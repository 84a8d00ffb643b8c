/* libFuzzer target: IPCP packets (and IPv4 data, and interleaved LCP) into
 * the pppd-lite engine in every state; see fuzz_engine.h for the input
 * format. */
#include "tests/fuzz/fuzz_engine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct fuzz_engine_target t = {
        .proto = PPP_PROTO_IPCP,
        .data_proto = PPP_PROTO_IP,
    };
    return fuzz_engine_run_target(&t, data, size);
}
