/* libFuzzer target: IPCP packets (VJ offered by default, so the option's
 * request, Nak and Reject paths) and VJ compressed frames (0x2d) into the
 * pppd-lite engine in every state, with VJ state carried from frame to
 * frame; see fuzz_engine.h for the input format. */
#include "tests/fuzz/fuzz_engine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct fuzz_engine_target t = {
        .proto = PPP_PROTO_IPCP,
        .data_proto = PPP_PROTO_VJC,
    };
    return fuzz_engine_run_target(&t, data, size);
}
