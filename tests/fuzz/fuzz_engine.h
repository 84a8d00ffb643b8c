/* fuzz_engine: shared driver of the engine fuzz targets. The first input
 * byte picks a configuration and the state to reach with two engines joined
 * in memory (Dead, Req-Sent, Authenticate, Network, Terminate, Stopped...);
 * the rest is a list of packets [len][flags][bytes] fed to one engine as
 * the target's protocol (or, by flag, as LCP, as the target's data protocol,
 * or to the other engine), with the fake clock advanced between packets.
 * Config byte: bits 0-2 the state, bit 3 a new link at the end, bits 4-5
 * authentication, bit 6 unused here (a target's configure hook may read any
 * bit: the IPv6CP one reads 5 and 6), bit 7 debug (packet logging). Flags: bit 0 LCP, bit 1 to the other
 * engine, bit 2 the data protocol, bits 3-7 the time to run afterwards
 * (x100 ms). */
#ifndef TESTS_FUZZ_ENGINE_H
#define TESTS_FUZZ_ENGINE_H

/* The harness link is reset for every input: a short in-flight queue keeps
 * that reset cheap (packets beyond it are lost, like a congested line). */
#define H_QLEN 16
#include "tests/unit/engine_harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool fuzz_drop_auth(struct h_peer *from, uint16_t proto, uint8_t *d, size_t *len)
{
    (void)from;
    (void)d;
    (void)len;
    return proto != PPP_PROTO_PAP && proto != PPP_PROTO_CHAP;
}

/* What one target fuzzes: its control protocol, the data protocol that
 * flag bit 2 sends (0: none), and a hook that configures both engines before
 * they start (NULL: none). */
struct fuzz_engine_target {
    uint16_t proto;
    uint16_t data_proto;
    void (*configure)(struct h_link *L, uint8_t sel);
};

static void fuzz_engine_setup(struct h_link *L, const struct fuzz_engine_target *t, uint8_t sel)
{
    h_link_init(L);
    log_set_sink(NULL, NULL);
    log_set_targets(0);
    log_set_debug(false);
    L->a.s.debug = L->b.s.debug = (sel & 0x80) != 0;
    switch ((sel >> 4) & 3) {
    case 1:      /* PAP, bravo authenticates */
        L->a.s.auth.require_pap = true;
        L->a.pap_secrets = "bravo * pw *\n";
        snprintf(L->b.s.auth.password, sizeof L->b.s.auth.password, "pw");
        L->b.s.auth.have_password = true;
        break;
    case 2:      /* CHAP both ways */
        L->a.s.auth.require_chap = true;
        L->b.s.auth.require_chap = true;
        L->a.chap_secrets = L->b.chap_secrets = "bravo alpha s *\nalpha bravo t *\n";
        L->a.s.auth.chap_interval_ms = 2000;
        break;
    case 3:      /* login, DNS, echoes */
        L->a.s.auth.require_pap = true;
        L->a.s.auth.login = true;
        L->a.pap_secrets = "* * \"\" *\n";
        L->a.login_user = "bravo";
        L->a.login_pass = "pw";
        snprintf(L->b.s.auth.password, sizeof L->b.s.auth.password, "pw");
        L->b.s.auth.have_password = true;
        L->a.s.ipcp.ms_dns[0] = h_ip(198, 51, 100, 1);
        L->b.s.ipcp.usepeerdns = true;
        L->a.s.lcp.echo_interval_ms = 1000;
        L->a.s.lcp.echo_failure = 3;
        break;
    default:
        break;
    }
    if (t->configure)
        t->configure(L, sel);
    h_start_engines(L);
    switch (sel & 7) {
    case 0:                               /* Dead */
        break;
    case 1:                               /* Req-Sent, peer silent */
        L->b.mute = true;
        h_connect(L, 10);
        break;
    case 2:                               /* Authenticate (auth packets lost) */
        L->a.filter = L->b.filter = fuzz_drop_auth;
        h_connect(L, 100);
        break;
    case 3:                               /* Network */
    case 4:
        h_connect(L, 5000);
        break;
    case 5:                               /* Terminate */
        h_connect(L, 5000);
        L->b.mute = true;
        engine_close(L->a.e, L->now, ENGINE_EXIT_USER_REQUEST, "User request");
        break;
    case 6:                               /* Stopped after timeouts, passive */
        L->a.s.lcp.passive = true;
        h_start_engines(L);
        L->b.mute = true;
        h_connect(L, 40000);
        break;
    default:                              /* silent, waiting */
        L->a.s.lcp.silent = true;
        h_start_engines(L);
        engine_open(L->a.e, L->now);
        engine_lower_up(L->a.e, L->now);
        break;
    }
    L->b.mute = false;
    L->a.filter = L->b.filter = NULL;
}

static int fuzz_engine_run_target(const struct fuzz_engine_target *t, const uint8_t *data,
                                  size_t size)
{
    static struct h_link L;
    char line[1024];

    if (size < 1)
        return 0;
    fuzz_engine_setup(&L, t, data[0]);
    size_t pos = 1;
    while (pos + 2 <= size) {
        size_t n = data[pos];
        uint8_t flags = data[pos + 1];
        pos += 2;
        if (n > size - pos)
            n = size - pos;
        uint16_t p = (flags & 1) ? PPP_PROTO_LCP
                     : ((flags & 4) && t->data_proto) ? t->data_proto : t->proto;
        struct h_peer *to = (flags & 2) ? &L.b : &L.a;
        pktlog_format(line, sizeof line, "rcvd", p, data + pos, n);
        engine_input(to->e, L.now, p, data + pos, n);
        (void)engine_data_protocol(to->e, data + pos, n);
        pos += n;
        h_run_for(&L, (uint64_t)(flags >> 3) * 100);
    }
    if (data[0] & 8) {
        engine_lower_down(L.a.e, L.now);
        engine_open(L.a.e, L.now);
        engine_lower_up(L.a.e, L.now);
        h_run_for(&L, 1000);
    }
    h_link_free(&L);
    return 0;
}

/* A target with no data protocol and no configuration of its own. */
static int fuzz_engine_run(uint16_t proto, const uint8_t *data, size_t size)
{
    const struct fuzz_engine_target t = { .proto = proto };
    return fuzz_engine_run_target(&t, data, size);
}

#endif
