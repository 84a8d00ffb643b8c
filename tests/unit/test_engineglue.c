/* cmocka tests for pppd-lite/engineglue: options become engine settings
 * with pppd's meaning, and unset options keep the engine's defaults. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "pppd-lite/daemon.h"
#include "pppd-lite/config/options.h"

#define IP4(a, b, c, d) (((uint32_t)(a) << 24) | ((b) << 16) | ((c) << 8) | (d))

static int apply(struct ppp_options *o, const char **words, size_t n)
{
    struct opt_ctx ctx = { .o = o, .privileged_invoker = true };
    struct opt_source src = { .file = NULL, .priv = true };
    options_init(o, true);
    return options_apply_all(&ctx, &src, (char **)words, NULL, n);
}

static void test_defaults_kept(void **state)
{
    (void)state;
    static struct ppp_options o;
    struct engine_settings s, def;
    const char *w[] = { "noipdefault" };
    assert_int_equal(apply(&o, w, 1), 0);
    engine_glue_settings(&o, &s);
    engine_settings_init(&def);
    assert_int_equal(s.lcp.fsm.restart_ms, def.lcp.fsm.restart_ms);
    assert_int_equal(s.lcp.fsm.max_configure, def.lcp.fsm.max_configure);
    assert_int_equal(s.lcp.fsm.max_terminate, def.lcp.fsm.max_terminate);
    assert_int_equal(s.lcp.mru, def.lcp.mru);
    assert_true(s.lcp.neg_asyncmap);
    assert_true(s.lcp.neg_magic);
    assert_false(s.auth.auth);
    assert_false(s.auth.have_password);
    assert_int_equal(s.ipcp.local_addr, 0);
}

static void test_seed_and_more(void **state)
{
    (void)state;
    static struct ppp_options o;
    struct engine_settings s;
    const char *w[] = { "asyncmap", "a0000", "mru", "296", "mtu", "576", "silent", "passive",
                        "-pc", "-ac", "nomagic", "lcp-restart", "1", "lcp-max-configure", "2",
                        "lcp-echo-interval", "30", "lcp-echo-failure", "4", "+pap", "-chap",
                        "login", "user", "joe", "password", "", "remotename", "isp",
                        "128.231.54.227:192.168.100.4", "ipcp-accept-remote", "ms-dns",
                        "192.0.2.53", "usepeerdns", "name", "dalek", "debug", "default-asyncmap" };
    assert_int_equal(apply(&o, w, sizeof(w) / sizeof(w[0])), 0);
    engine_glue_settings(&o, &s);
    assert_int_equal(s.lcp.asyncmap, 0xa0000);
    assert_false(s.lcp.neg_asyncmap);
    assert_int_equal(s.lcp.mru, 296);
    assert_int_equal(s.lcp.mtu, 576);
    assert_true(s.lcp.silent);
    assert_true(s.lcp.passive);
    assert_false(s.lcp.neg_pfc);
    assert_false(s.lcp.neg_acfc);
    assert_false(s.lcp.neg_magic);
    assert_int_equal(s.lcp.fsm.restart_ms, 1000);
    assert_int_equal(s.lcp.fsm.max_configure, 2);
    assert_int_equal(s.lcp.echo_interval_ms, 30000);
    assert_int_equal(s.lcp.echo_failure, 4);
    assert_true(s.auth.auth);            /* +pap implies auth */
    assert_true(s.auth.require_pap);
    assert_true(s.auth.refuse_chap);
    assert_true(s.auth.login);
    assert_string_equal(s.auth.user, "joe");
    assert_true(s.auth.have_password);   /* an empty password is still given */
    assert_string_equal(s.auth.password, "");
    assert_string_equal(s.auth.remotename, "isp");
    assert_string_equal(s.auth.name, "dalek");
    assert_int_equal(s.ipcp.local_addr, IP4(128, 231, 54, 227));
    assert_int_equal(s.ipcp.remote_addr, IP4(192, 168, 100, 4));
    assert_true(s.ipcp.accept_remote);
    assert_int_equal(s.ipcp.ms_dns[0], IP4(192, 0, 2, 53));
    assert_true(s.ipcp.usepeerdns);
    assert_true(s.debug);
}

static void test_mschap_options(void **state)
{
    (void)state;
    static struct ppp_options o;
    struct engine_settings s;
    const char *w[] = { "+mschap-v2", "require-mschap", "-mschap" };
    assert_int_equal(apply(&o, w, 3), 0);
    engine_glue_settings(&o, &s);
    assert_true(s.auth.auth);            /* +mschap-v2 implies auth */
    assert_true(s.auth.require_mschap_v2);
    assert_true(s.auth.require_mschap);
    assert_true(s.auth.refuse_mschap);
    assert_false(s.auth.refuse_mschap_v2);
    assert_false(s.auth.require_chap);
    const char *w2[] = { "refuse-mschap-v2", "+mschap" };
    assert_int_equal(apply(&o, w2, 2), 0);
    engine_glue_settings(&o, &s);
    assert_true(s.auth.auth);
    assert_true(s.auth.require_mschap);
    assert_false(s.auth.require_mschap_v2);
    assert_true(s.auth.refuse_mschap_v2);
    assert_false(s.auth.refuse_mschap);
}

static void test_usehostname_overrides_name(void **state)
{
    (void)state;
    static struct ppp_options o;
    struct engine_settings s;
    const char *w[] = { "name", "dalek", "usehostname" };
    assert_int_equal(apply(&o, w, 3), 0);
    engine_glue_settings(&o, &s);
    assert_string_not_equal(s.auth.name, "dalek");
}

/* While LCP negotiates, no raw 0x7f leaves us, not even in an FCS (a remote
 * login in cooked mode would erase it); once LCP is open only the `escape`
 * option and the ACCM count. Payloads without 0x7f: any 0x7f on the wire in
 * the open state comes from the FCS, and some must, or this test proves
 * nothing. */
static void test_del_escaped_while_negotiating(void **state)
{
    (void)state;
    static struct ppp_options o;
    const char *w[] = { "noauth" };
    assert_int_equal(apply(&o, w, 1), 0);
    uint8_t payload[20], wire[HDLC_ENCODED_MAX(32)];
    uint32_t x = 0x2545f491u;
    unsigned fcs_del = 0;
    for (int i = 0; i < 2000; i++) {
        for (size_t k = 0; k < sizeof payload; k++) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            payload[k] = (uint8_t)(x >> 24) == 0x7f ? 0x7e : (uint8_t)(x >> 24);
        }
        for (int negotiating = 0; negotiating < 2; negotiating++) {
            struct hdlc_encoder e;
            hdlc_encoder_init(&e);
            e.tx_accm = 0;
            engine_glue_escapes(&o, &e, negotiating);
            size_t n = hdlc_encode(&e, 0xc021, payload, sizeof payload, true, false, wire,
                                   sizeof wire);
            assert_true(n > 0);
            bool del = memchr(wire, 0x7f, n) != NULL;
            if (negotiating)
                assert_false(del);
            else
                fcs_del += del;
        }
    }
    assert_true(fcs_del > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_kept),
        cmocka_unit_test(test_seed_and_more),
        cmocka_unit_test(test_mschap_options),
        cmocka_unit_test(test_usehostname_overrides_name),
        cmocka_unit_test(test_del_escaped_while_negotiating),
    };
    return cmocka_run_group_tests_name("engineglue", tests, NULL, NULL);
}
