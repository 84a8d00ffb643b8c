/* libFuzzer target: IPv6CP (and IPv6 data, and interleaved LCP) packets
 * into two pppd-lite engines that both run IPv6CP (+ipv6), in every state;
 * see fuzz_engine.h for the input format. Config bit 6 gives both sides
 * interface identifiers that collide, bit 5 lets the peer accept ours. */
#include "tests/fuzz/fuzz_engine.h"

static void configure_ipv6cp(struct h_link *L, uint8_t sel)
{
    L->a.s.ipv6cp.enable = L->b.s.ipv6cp.enable = true;
    if (sel & 0x40) {
        L->a.s.ipv6cp.local_ifid = 1;
        L->a.s.ipv6cp.remote_ifid = 2;
        L->b.s.ipv6cp.local_ifid = 1;     /* a collision */
    }
    L->b.s.ipv6cp.accept_local = (sel & 0x20) != 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct fuzz_engine_target t = {
        .proto = PPP_PROTO_IPV6CP,
        .data_proto = PPP_PROTO_IPV6,
        .configure = configure_ipv6cp,
    };
    return fuzz_engine_run_target(&t, data, size);
}
