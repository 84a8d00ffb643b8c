/* libFuzzer target: IPv6CP (and IPv6, and interleaved LCP) packets into two
 * pppd-lite engines that both run IPv6CP (+ipv6), in every state. Input:
 * [config][len][flags][bytes]...: config bit 0-1 the state (Dead, Req-Sent,
 * Network, Terminate), bit 2 given identifiers, bit 3 accept-local, bit 7
 * debug (packet logging); flags bit 0 LCP, bit 1 IPv6 data, bit 2 to the
 * other engine, the rest the time to run afterwards (x100 ms). */
#define H_QLEN 16
#include "tests/unit/engine_harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_v6_setup(struct h_link *L, uint8_t sel)
{
    h_link_init(L);
    log_set_sink(NULL, NULL);
    log_set_targets(0);
    log_set_debug(false);
    L->a.s.debug = L->b.s.debug = (sel & 0x80) != 0;
    L->a.s.ipv6cp.enable = L->b.s.ipv6cp.enable = true;
    if (sel & 4) {
        L->a.s.ipv6cp.local_ifid = 1;
        L->a.s.ipv6cp.remote_ifid = 2;
        L->b.s.ipv6cp.local_ifid = 1;     /* a collision */
    }
    L->b.s.ipv6cp.accept_local = (sel & 8) != 0;
    h_start_engines(L);
    switch (sel & 3) {
    case 0:
        break;
    case 1:
        L->b.mute = true;
        h_connect(L, 10);
        break;
    case 2:
        h_connect(L, 5000);
        break;
    default:
        h_connect(L, 5000);
        L->b.mute = true;
        engine_close(L->a.e, L->now, ENGINE_EXIT_USER_REQUEST, "User request");
        break;
    }
    L->b.mute = false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct h_link L;
    char line[1024];

    if (size < 1)
        return 0;
    fuzz_v6_setup(&L, data[0]);
    size_t pos = 1;
    while (pos + 2 <= size) {
        size_t n = data[pos];
        uint8_t flags = data[pos + 1];
        pos += 2;
        if (n > size - pos)
            n = size - pos;
        uint16_t p = (flags & 1) ? PPP_PROTO_LCP : (flags & 2) ? PPP_PROTO_IPV6 : PPP_PROTO_IPV6CP;
        struct h_peer *to = (flags & 4) ? &L.b : &L.a;
        pktlog_format(line, sizeof line, "rcvd", p, data + pos, n);
        engine_input(to->e, L.now, p, data + pos, n);
        (void)engine_data_protocol(to->e, data + pos, n);
        pos += n;
        h_run_for(&L, (uint64_t)(flags >> 3) * 100);
    }
    h_link_free(&L);
    return 0;
}
