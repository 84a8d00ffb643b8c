/* cmocka tests for pppd-lite/engineglue: options become engine settings
 * with pppd's meaning, and unset options keep the engine's defaults. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "pppd-lite/daemon.h"
#include "pppd-lite/options.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_kept),
        cmocka_unit_test(test_seed_and_more),
        cmocka_unit_test(test_usehostname_overrides_name),
    };
    return cmocka_run_group_tests_name("engineglue", tests, NULL, NULL);
}
