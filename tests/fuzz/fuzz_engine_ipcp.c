/* libFuzzer target: IPCP packets (and interleaved LCP) into the pppd-lite
 * engine in every state; see fuzz_engine.h for the input format. */
#include "tests/fuzz/fuzz_engine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_engine_run(PPP_PROTO_IPCP, data, size);
}
