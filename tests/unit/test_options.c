/* cmocka tests for pppd-lite/options and optfiles: the seed HOWTO's files
 * and command lines, every table entry, errors with file:line, privilege
 * rules, pppd's source order, --help and the man page. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/config.h"
#include "pppd-lite/daemon.h"
#include "pppd-lite/config/optfiles.h"
#include "pppd-lite/config/options.h"

#define IP4(a, b, c, d) (((uint32_t)(a) << 24) | ((b) << 16) | ((c) << 8) | (d))

static char tmpdir[PATH_MAX / 2];

static void write_file(const char *name, const char *text)
{
    char path[PATH_MAX];
    snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void rm_rf(const char *dir)
{
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* A scratch ETC directory beside the test binary (inside the build tree,
 * which is root-owned and not world-writable when the tests run as root). */
static int setup(void **state)
{
    (void)state;
    char exe[PATH_MAX / 4];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n <= 0)
        return -1;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    *slash = '\0';
    snprintf(tmpdir, sizeof(tmpdir), "%s/options-etc.XXXXXX", exe);
    if (!mkdtemp(tmpdir))
        return -1;
    chmod(tmpdir, 0755);
    char peers[PATH_MAX + 8];
    snprintf(peers, sizeof(peers), "%s/peers", tmpdir);
    mkdir(peers, 0755);
    setenv("PPPD_LITE_ETC", tmpdir, 1);
    setenv("HOME", tmpdir, 1);    /* ~/.ppprc is ETC/.ppprc here */
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    rm_rf(tmpdir);
    return 0;
}

static int reset_files(void **state)
{
    (void)state;
    const char *names[] = { "options", ".ppprc", "options.null", "peers/isp", "extra" };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        char path[PATH_MAX + 16];
        snprintf(path, sizeof(path), "%s/%s", tmpdir, names[i]);
        unlink(path);
    }
    return 0;
}

static bool dir_secure(void)
{
    char path[PATH_MAX + 16], why[256];
    snprintf(path, sizeof(path), "%s/options", tmpdir);
    return cfg_check_path_secure(path, false, why, sizeof(why)) == 0;
}

static int load(struct ppp_options *o, struct opt_ctx *ctx, bool priv, int argc,
                const char **argv)
{
    options_init(o, priv);
    memset(ctx, 0, sizeof(*ctx));
    ctx->o = o;
    ctx->privileged_invoker = priv;
    return optfiles_load(ctx, argc, (char **)argv, NULL);
}

#include "seed_files.h"

static void test_seed_server_files(void **state)
{
    (void)state;
    write_file("options", seed_options);
    write_file("options.null", seed_options_ttyS0);   /* /dev/null stands in for ttyS0 */
    static struct ppp_options o;
    struct opt_ctx ctx;
    const char *argv[] = { "pppd-lite", "/dev/null", "auth", "-chap", "+pap", "login" };
    assert_int_equal(load(&o, &ctx, true, 6, argv), 0);
    assert_true(o.nodetach);
    assert_int_equal(o.asyncmap, 0);
    assert_int_equal(o.netmask, IP4(255, 255, 254, 0));
    assert_true(o.proxyarp);
    assert_true(o.lock);
    assert_int_equal(o.crtscts, 1);
    assert_true(o.usehostname);
    assert_true(o.modem);
    assert_string_equal(o.disconnect, "/etc/ppp-off");
    assert_false(o.defaultroute);
    assert_true(o.debug);
    assert_true(o.silent);
    assert_int_equal(o.local_ip, IP4(128, 231, 54, 227));
    assert_int_equal(o.remote_ip, IP4(192, 168, 100, 4));
    /* the login.config command line overrides noauth */
    assert_true(o.auth);
    assert_true(o.refuse_chap);
    assert_true(o.require_pap);
    assert_true(o.login);
    assert_string_equal(o.device, "/dev/null");
}

static void test_seed_client_command_line(void **state)
{
    (void)state;
    const char *argv[] = { "pppd-lite", "connect", "/usr/sbin/chat -f ppp.script", "/dev/null",
                           "57600", "-detach", "crtscts", "modem", "defaultroute", "idle",
                           "1800" };
    static struct ppp_options o;
    struct opt_ctx ctx;
    assert_int_equal(load(&o, &ctx, true, 11, argv), 0);
    assert_string_equal(o.connect, "/usr/sbin/chat -f ppp.script");
    assert_string_equal(o.device, "/dev/null");
    assert_int_equal(o.speed, 57600);
    assert_true(o.nodetach);
    assert_int_equal(o.crtscts, 1);
    assert_true(o.defaultroute);
    assert_int_equal(o.idle, 1800);
}

static void test_quoted_connect_in_file(void **state)
{
    (void)state;
    write_file("peers/isp", "connect '/usr/sbin/chat -v -f ppp.script2' # comment\n"
                            "null 19200\nuser \"joe smith\"\n");
    const char *argv[] = { "pppd-lite", "call", "isp" };
    static struct ppp_options o;
    struct opt_ctx ctx;
    assert_int_equal(load(&o, &ctx, true, 3, argv), 0);
    assert_string_equal(o.connect, "/usr/sbin/chat -v -f ppp.script2");
    assert_string_equal(o.device, "/dev/null");
    assert_int_equal(o.speed, 19200);
    assert_string_equal(o.user, "joe smith");
    assert_string_equal(o.call_file, "isp");
}

/* A plausible argument for each table entry. */
static const char *sample_arg(const struct opt_desc *d)
{
    static char num[32];
    switch (d->type) {
    case OPT_INT:
        snprintf(num, sizeof(num), "%d", d->min);
        return num;
    case OPT_STRING:
        return "x";
    case OPT_HEX32:
        return "a0000";
    case OPT_IPADDR:
        return "192.0.2.1";
    default:
        if (strcmp(d->name, "escape") == 0)
            return "7f,ff";
        if (strcmp(d->name, "ipv6") == 0)
            return "::1,::2";
        if (strstr(d->name, "-filter"))
            return "not icmp";
        if (strcmp(d->name, "plugin") == 0)
            return "/usr/lib/pppd/2.4.9/radius.so";
        if (strcmp(d->name, "avpair") == 0)
            return "Filter-Id=std";
        return "192.0.2.53";   /* ms-dns */
    }
}

/* plugin is an option error; rp-pppoe's plugin gets the way to do it. */
static void test_plugin_refused(void **state)
{
    (void)state;
    static struct ppp_options o;
    const char *cases[][2] = {
        { "/usr/lib/pppd/2.4.9/rp-pppoe.so", "pty 'pppoe -I IFACE'" },
        { "pppoe.so", "pty 'pppoe -I IFACE'" },
        { "minconn.so", "loads no plugins" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct opt_ctx ctx = { .o = &o, .privileged_invoker = true };
        struct opt_source src = { .file = "t", .priv = true };
        options_init(&o, true);
        char *words[2] = { "plugin", (char *)cases[i][0] };
        size_t used = 0;
        assert_int_equal(options_apply(&ctx, &src, words, NULL, 2, &used), -1);
        assert_non_null(strstr(ctx.err, "plugin"));
        assert_non_null(strstr(ctx.err, cases[i][1]));
    }
}

static void test_every_option_parses(void **state)
{
    (void)state;
    static struct ppp_options o;
    size_t count = 0;
    assert_true(options_table_len <= OPT_MAX_DESCS);
    for (size_t i = 0; i < options_table_len; i++) {
        const struct opt_desc *d = &options_table[i];
        if (strcmp(d->name, "file") == 0 || strcmp(d->name, "call") == 0)
            continue;
        struct opt_ctx ctx = { .o = &o, .privileged_invoker = true };
        struct opt_source src = { .file = "t", .priv = true };
        options_init(&o, true);
        char *words[2] = { (char *)d->name, (char *)sample_arg(d) };
        size_t used = 0;
        int rc = options_apply(&ctx, &src, words, NULL, 2, &used);
        if (rc != 0)
            fail_msg("option %s: %s", d->name, ctx.err);
        const struct opt_desc *canon = (d->flags & OPTF_ALIAS) ? options_find(d->help) : d;
        assert_non_null(canon);
        assert_int_equal(used, (canon->flags & OPTF_ARG) ? 2 : 1);
        /* and without its argument, an option that needs one is an error */
        if (canon->flags & OPTF_ARG) {
            assert_int_equal(options_apply(&ctx, &src, words, NULL, 1, &used), -1);
            assert_non_null(strstr(ctx.err, "requires an argument"));
        }
        count++;
    }
    assert_true(count > 90);
}

/* pppd's radius.so/radattr.so by name, any other plugin refused in words;
 * avpair wants ATTR=VALUE and collects. */
static void test_radius_options(void **state)
{
    (void)state;
    static struct ppp_options o;
    struct opt_ctx ctx = { .o = &o, .privileged_invoker = true };
    struct opt_source src = { .file = "t", .priv = true, .show_words = true };
    size_t used;
    options_init(&o, true);
    char *w1[] = { "plugin", "radius.so" }, *w2[] = { "plugin", "radattr.so" },
         *w3[] = { "plugin", "/usr/lib/pppd/2.4.9/minconn.so" },   /* rp-pppoe: test_plugin_refused */
         *w4[] = { "avpair", "Filter-Id=std" }, *w5[] = { "avpair", "nonsense" },
         *w6[] = { "radius-config-file", "/etc/radcli/test.conf" };
    assert_int_equal(options_apply(&ctx, &src, w1, NULL, 2, &used), 0);
    assert_true(o.radius);
    assert_int_equal(options_apply(&ctx, &src, w2, NULL, 2, &used), 0);
    assert_true(o.radattr);
    assert_int_equal(options_apply(&ctx, &src, w3, NULL, 2, &used), -1);
    assert_non_null(strstr(ctx.err, "radius.so and radattr.so are built in"));
    assert_int_equal(options_apply(&ctx, &src, w4, NULL, 2, &used), 0);
    assert_int_equal(options_apply(&ctx, &src, w4, NULL, 2, &used), 0);
    assert_int_equal(o.n_avpair, 2);
    assert_string_equal(o.avpair[1], "Filter-Id=std");
    assert_int_equal(options_apply(&ctx, &src, w5, NULL, 2, &used), -1);
    assert_non_null(strstr(ctx.err, "ATTRIBUTE=VALUE"));
    assert_int_equal(options_apply(&ctx, &src, w6, NULL, 2, &used), 0);
    assert_string_equal(o.radius_config, "/etc/radcli/test.conf");
    /* from an unprivileged source: refused, as pppd refuses plugins there */
    struct opt_ctx uctx = { .o = &o, .privileged_invoker = false };
    struct opt_source usrc = { .file = "u", .priv = false };
    assert_int_equal(options_apply(&uctx, &usrc, w1, NULL, 2, &used), -1);
}

static void test_option_values(void **state)
{
    (void)state;
    static struct ppp_options o;
    const char *argv[] = { "pppd-lite", "asyncmap", "a0000", "asyncmap", "1", "mru", "296",
                           "mtu", "576", "lcp-echo-interval", "30", "lcp-echo-failure", "4",
                           "ms-dns", "192.0.2.53", "ms-dns", "192.0.2.54", "unit", "3",
                           "-crtscts", "local", "+chap", "-pap", "ipparam", "office",
                           "lcp-restart", "0x2", ":10.0.2.2", "nodetach", "persist",
                           "maxfail", "0", "holdoff", "5" };
    struct opt_ctx ctx;
    assert_int_equal(load(&o, &ctx, true, (int)(sizeof(argv) / sizeof(argv[0])), argv), 0);
    assert_int_equal(o.asyncmap, 0xa0001);
    assert_int_equal(o.mru, 296);
    assert_int_equal(o.mtu, 576);
    assert_int_equal(o.lcp_echo_interval, 30);
    assert_int_equal(o.lcp_echo_failure, 4);
    assert_int_equal(o.n_ms_dns, 2);
    assert_int_equal(o.ms_dns[1], IP4(192, 0, 2, 54));
    assert_int_equal(o.unit, 3);
    assert_int_equal(o.crtscts, 0);
    assert_false(o.modem);
    assert_true(o.require_chap);
    assert_true(o.refuse_pap);
    assert_string_equal(o.ipparam, "office");
    assert_int_equal(o.lcp_restart, 2);
    assert_int_equal(o.local_ip, 0);
    assert_int_equal(o.remote_ip, IP4(10, 0, 2, 2));
    assert_true(o.persist);
    assert_int_equal(o.maxfail, 0);
    assert_int_equal(o.holdoff, 5);
}

/* escape: hex lists, commas or spaces, several options add up; dump shows
 * them; the encoder escapes them whatever ACCM is negotiated later. */
static void test_escape(void **state)
{
    (void)state;
    static struct ppp_options o;
    struct opt_ctx ctx;
    const char *argv[] = { "pppd-lite", "escape", "7f,ff", "escape", "11 13" };
    assert_int_equal(load(&o, &ctx, true, 5, argv), 0);
    for (unsigned b = 0; b < 256; b++) {
        bool want = b == 0x7f || b == 0xff || b == 0x11 || b == 0x13;
        assert_int_equal((o.escape[b >> 3] >> (b & 7)) & 1, want);
    }
    char *text = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&text, &len);
    options_dump(&o, fp);
    fclose(fp);
    assert_non_null(strstr(text, "escape 11,13,7f,ff\n"));
    free(text);

    struct hdlc_encoder e;
    hdlc_encoder_init(&e);
    engine_glue_escapes(&o, &e, false);
    e.tx_accm = 0;          /* the peer asked for nothing to be escaped */
    static const uint8_t payload[] = { 0x41, 0x7f, 0x11, 0xff, 0x12 };
    uint8_t wire[64];
    size_t n = hdlc_encode(&e, 0x0021, payload, sizeof payload, true, true, wire, sizeof wire);
    assert_true(n > 0);
    static const uint8_t want[] = { 0x41, 0x7d, 0x5f, 0x7d, 0x31, 0x7d, 0xdf, 0x12 };
    assert_non_null(memmem(wire, n, want, sizeof want));
}

/* connect-delay: pppd's default 1000 ms, 0 allowed; it reaches the engine as
 * the LCP listen time only when a connect script runs (pppd tty.c sets
 * listen_time only then): a server on its line starts at once. */
static void test_connect_delay(void **state)
{
    (void)state;
    static struct ppp_options o;
    struct opt_ctx ctx;
    struct engine_settings s;
    struct {
        const char *words[5];
        int n;
        int want_delay;
        uint32_t want_listen;
    } cases[] = {
        { { "pppd-lite" }, 1, 1000, 0 },
        { { "pppd-lite", "connect", "chat -f ppp.script" }, 3, 1000, 1000 },
        { { "pppd-lite", "connect-delay", "250", "connect", "chat -f ppp.script" }, 5, 250, 250 },
        { { "pppd-lite", "connect", "chat", "connect-delay", "0" }, 5, 0, 0 },
        { { "pppd-lite", "connect-delay", "5000" }, 3, 5000, 0 },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(load(&o, &ctx, true, cases[i].n, cases[i].words), 0);
        engine_glue_settings(&o, &s);
        if (o.connect_delay != cases[i].want_delay || s.lcp.listen_time_ms != cases[i].want_listen)
            fail_msg("case %zu: connect_delay %d listen_time_ms %u", i, o.connect_delay,
                     (unsigned)s.lcp.listen_time_ms);
    }
    /* from an options file too, with pppd's spelling */
    write_file("options", "connect-delay 1500\n");
    const char *argv[] = { "pppd-lite", "connect", "chat" };
    assert_int_equal(load(&o, &ctx, false, 3, argv), 0);
    engine_glue_settings(&o, &s);
    assert_int_equal(s.lcp.listen_time_ms, 1500);
}

static void test_unknown_option_in_file_names_file_and_line(void **state)
{
    (void)state;
    write_file("options", "lock\n# comment\n\ncrtscts bogus-option\n");
    static struct ppp_options o;
    struct opt_ctx ctx;
    const char *argv[] = { "pppd-lite" };
    assert_int_equal(load(&o, &ctx, true, 1, argv), -1);
    char want[PATH_MAX + 64];
    snprintf(want, sizeof(want), "%s/options:4: unrecognized option 'bogus-option'", tmpdir);
    assert_string_equal(ctx.err, want);
}

/* A junk options file: the word in the message comes escaped, so no control
 * byte reaches the operator's terminal. */
static void test_junk_word_is_escaped(void **state)
{
    (void)state;
    write_file("options", "\x1b]0;owned\x07\xff\n");
    static struct ppp_options o;
    struct opt_ctx ctx;
    const char *argv[] = { "pppd-lite" };
    assert_int_equal(load(&o, &ctx, true, 1, argv), -1);
    assert_non_null(strstr(ctx.err, "unrecognized option '\\x1b]0;owned\\x07\\xff'"));
    for (const char *p = ctx.err; *p; p++)
        assert_true((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f);
}

static void test_errors(void **state)
{
    (void)state;
    static struct ppp_options o;
    struct opt_ctx ctx;
    struct { const char *a, *b; const char *want; } cases[] = {
        { "mru", "100", "mru: 100 is out of range (128 to 16384)" },
        { "mru", "12x", "invalid number '12x' for option 'mru'" },
        { "idle", "-1", "idle: -1 is out of range" },
        { "netmask", "255.255.0", "netmask: invalid address '255.255.0'" },
        { "asyncmap", "zz", "invalid asyncmap 'zz'" },
        { "999.1.1.1:1.2.3.4", NULL, "invalid IP address pair" },
        { "-nosuch", NULL, "unrecognized option '-nosuch'" },
        { "/dev/does-not-exist", NULL, "unrecognized option '/dev/does-not-exist'" },
        { "call", "../etc/passwd", "call: invalid peer name" },
        { "call", "nosuchpeer", "cannot open" },
        { "file", "/nonexistent/x", "cannot open /nonexistent/x" },
        { "ms-dns", "nope!", "ms-dns: invalid address" },
        { "mru", NULL, "option 'mru' requires an argument" },
        { "connect-delay", "-1", "connect-delay: -1 is out of range" },
        { "connect-delay", "1s", "invalid number '1s' for option 'connect-delay'" },
        { "escape", "7f,zz", "escape parameter contains invalid hex number 'zz'" },
        { "escape", "41,5e", "can't escape character 0x5e" },
        { "escape", "20", "can't escape character 0x20" },
        { "escape", "100", "can't escape character 0x100" },
        /* the kernel's rules for a name: refused while parsing, not at TUN time */
        { "ifname", "abcdefghijklmnop", "ifname: 'abcdefghijklmnop' is not a valid interface name" },
        { "ifname", "a/b", "is not a valid interface name" },
        { "ifname", "a b", "is not a valid interface name" },
        { "ifname", "a:1", "is not a valid interface name" },
        { "ifname", "..", "is not a valid interface name" },
        /* a word from outside reaches the message escaped */
        { "mru", "1\x1b[2J", "invalid number '1\\x1b[2J' for option 'mru'" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *argv[] = { "pppd-lite", cases[i].a, cases[i].b };
        int argc = cases[i].b ? 3 : 2;
        if (load(&o, &ctx, true, argc, argv) != -1)
            fail_msg("case %zu (%s) was accepted", i, cases[i].a);
        if (!strstr(ctx.err, cases[i].want))
            fail_msg("case %zu: got '%s', want '%s'", i, ctx.err, cases[i].want);
    }
}

static void test_nested_file_errors(void **state)
{
    (void)state;
    write_file("extra", "lock\n\n  nosuchthing\n");
    char inc[PATH_MAX + 32];
    snprintf(inc, sizeof(inc), "debug\nfile %s/extra\n", tmpdir);
    write_file("options", inc);
    static struct ppp_options o;
    struct opt_ctx ctx;
    const char *argv[] = { "pppd-lite" };
    assert_int_equal(load(&o, &ctx, true, 1, argv), -1);
    char want[PATH_MAX + 64];
    snprintf(want, sizeof(want), "%s/extra:3: unrecognized option 'nosuchthing'", tmpdir);
    assert_string_equal(ctx.err, want);

    /* a missing included file is reported at the including line */
    write_file("options", "debug\n\nfile /nonexistent/opts\n");
    assert_int_equal(load(&o, &ctx, true, 1, argv), -1);
    snprintf(want, sizeof(want), "%s/options:3: cannot open /nonexistent/opts", tmpdir);
    assert_non_null(strstr(ctx.err, want));

    /* a file that includes itself stops at the nesting limit */
    snprintf(inc, sizeof(inc), "file %s/extra\n", tmpdir);
    write_file("extra", inc);
    write_file("options", inc);
    assert_int_equal(load(&o, &ctx, true, 1, argv), -1);
    assert_non_null(strstr(ctx.err, "nested too deeply"));

    /* lexer errors carry file and line too */
    write_file("options", "lock\nconnect \"unterminated\n");
    assert_int_equal(load(&o, &ctx, true, 1, argv), -1);
    snprintf(want, sizeof(want), "%s/options:", tmpdir);
    assert_non_null(strstr(ctx.err, want));
}

static void test_privileged_options(void **state)
{
    (void)state;
    static struct ppp_options o;
    struct opt_ctx ctx;
    const char *argv_noauth[] = { "pppd-lite", "noauth" };
    /* not privileged: noauth, defaultroute, name, linkname refused on the command line */
    assert_int_equal(load(&o, &ctx, false, 2, argv_noauth), -1);
    assert_string_equal(ctx.err, "using the noauth option requires root privilege");
    const char *argv_dr[] = { "pppd-lite", "defaultroute" };
    assert_int_equal(load(&o, &ctx, false, 2, argv_dr), -1);
    /* non-privileged default: auth required */
    const char *argv0[] = { "pppd-lite" };
    assert_int_equal(load(&o, &ctx, false, 1, argv0), 0);
    assert_true(o.auth);
    assert_int_equal(load(&o, &ctx, true, 1, argv0), 0);
    assert_false(o.auth);

    /* ~/.ppprc is never privileged */
    write_file(".ppprc", "lock\nnoauth\n");
    assert_int_equal(load(&o, &ctx, false, 1, argv0), -1);
    assert_non_null(strstr(ctx.err, ".ppprc:2: using the noauth option requires root privilege"));
    reset_files(NULL);

    /* a root-owned ETC/options is privileged, and its connect cannot be overridden */
    write_file("options", "noauth\nconnect 'chat -f /etc/ppp/isp.chat'\n");
    if (!dir_secure()) {
        skip();
    }
    assert_int_equal(load(&o, &ctx, false, 1, argv0), 0);
    assert_false(o.auth);
    const char *argv_conn[] = { "pppd-lite", "connect", "/bin/evil" };
    assert_int_equal(load(&o, &ctx, false, 3, argv_conn), -1);
    assert_string_equal(ctx.err, "connect option cannot be overridden");
    /* root may override it */
    assert_int_equal(load(&o, &ctx, true, 3, argv_conn), 0);
    assert_string_equal(o.connect, "/bin/evil");

    /* the same file, writable by others, is not privileged */
    char path[PATH_MAX + 16];
    snprintf(path, sizeof(path), "%s/options", tmpdir);
    chmod(path, 0666);
    assert_int_equal(load(&o, &ctx, false, 1, argv0), -1);
    assert_non_null(strstr(ctx.err, "options:1: using the noauth option requires root privilege"));
}

static void test_source_order(void **state)
{
    (void)state;
    static struct ppp_options o;
    struct opt_ctx ctx;
    write_file("options", "mru 1000\nmtu 1000\nidle 10\nholdoff 1\n");
    write_file(".ppprc", "mtu 1100\nidle 11\n");
    write_file("options.null", "mru 1200\nidle 12\n");
    const char *argv[] = { "pppd-lite", "/dev/null", "idle", "13" };
    assert_int_equal(load(&o, &ctx, true, 4, argv), 0);
    assert_int_equal(o.holdoff, 1);     /* only in ETC/options */
    assert_int_equal(o.mtu, 1100);      /* ~/.ppprc after ETC/options */
    assert_int_equal(o.mru, 1200);      /* options.TTY after ~/.ppprc */
    assert_int_equal(o.idle, 13);       /* command line last */

    /* the tty options file may not name another device */
    write_file("options.null", "/dev/zero\n");
    assert_int_equal(load(&o, &ctx, true, 2, argv), -1);
    assert_non_null(strstr(ctx.err, "options.null:1: the device may not be changed"));

    /* with no device, standard input's tty names the file */
    write_file("options.null", "mru 1300\n");
    options_init(&o, true);
    memset(&ctx, 0, sizeof(ctx));
    ctx.o = &o;
    ctx.privileged_invoker = true;
    const char *argv0[] = { "pppd-lite" };
    assert_int_equal(optfiles_load(&ctx, 1, (char **)argv0, "/dev/null"), 0);
    assert_int_equal(o.mru, 1300);
    assert_string_equal(o.device, "");

    /* a device named inside a call file selects options.TTY too */
    write_file("peers/isp", "null\n");
    const char *argv_call[] = { "pppd-lite", "call", "isp" };
    assert_int_equal(load(&o, &ctx, true, 3, argv_call), 0);
    assert_int_equal(o.mru, 1300);
}

static void test_tty_name(void **state)
{
    (void)state;
    char out[64];
    optfiles_tty_name("/dev/ttyS0", out, sizeof(out));
    assert_string_equal(out, "ttyS0");
    optfiles_tty_name("/dev/pts/3", out, sizeof(out));
    assert_string_equal(out, "pts.3");
    optfiles_tty_name("ttyUSB1", out, sizeof(out));
    assert_string_equal(out, "ttyUSB1");
}

static void test_ip_parsing(void **state)
{
    (void)state;
    uint32_t l = 1, r = 1;
    assert_int_equal(options_parse_ip_pair("192.0.2.1:192.0.2.2", &l, &r), 0);
    assert_int_equal(l, IP4(192, 0, 2, 1));
    assert_int_equal(r, IP4(192, 0, 2, 2));
    assert_int_equal(options_parse_ip_pair("192.0.2.1:", &l, &r), 0);
    assert_int_equal(r, 0);
    assert_int_equal(options_parse_ip_pair(":", &l, &r), -1);
    assert_int_equal(options_parse_ip_pair("1.2.3.4:5.6.7.8:9", &l, &r), -1);
    assert_int_equal(options_parse_ip_pair("a b:1.2.3.4", &l, &r), -1);
    assert_int_equal(options_parse_ip("localhost", &l), 0);
    assert_int_equal(l, IP4(127, 0, 0, 1));
}

static void test_dump_and_help(void **state)
{
    (void)state;
    static struct ppp_options o;
    struct opt_ctx ctx;
    write_file("options", "lock\npassword s3cret\n");
    const char *argv[] = { "pppd-lite", "mru", "576", "192.0.2.1:192.0.2.2" };
    assert_int_equal(load(&o, &ctx, true, 4, argv), 0);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    options_dump(&o, f);
    fclose(f);
    char want[PATH_MAX + 64];
    snprintf(want, sizeof(want), "lock\t\t# (from %s/options)", tmpdir);
    assert_non_null(strstr(buf, want));
    assert_non_null(strstr(buf, "mru 576\t\t# (from command line)"));
    assert_non_null(strstr(buf, "192.0.2.1:192.0.2.2"));
    assert_null(strstr(buf, "s3cret"));
    free(buf);

    f = open_memstream(&buf, &len);
    options_print_help(f);
    fclose(f);
    for (size_t i = 0; i < options_table_len; i++)
        assert_non_null(strstr(buf, options_table[i].name));
    free(buf);
}

/* Every option of the table appears in doc/pppd-lite.8 as a word. */
static char *read_manpage(void)
{
    char path[PATH_MAX];
    const char *top = getenv("TOP");
    char *text = NULL;
    size_t len;
    char err[256];
    if (top) {
        snprintf(path, sizeof(path), "%s/doc/pppd-lite.8", top);
        if (cfg_read_file(path, &text, &len, err, sizeof(err)) == 0)
            return text;
    }
    char exe[PATH_MAX / 2];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n > 0) {
        exe[n] = '\0';
        for (int up = 0; up < 3; up++)
            *strrchr(exe, '/') = '\0';   /* .../BUILD/tests/test_options -> repo */
        snprintf(path, sizeof(path), "%s/doc/pppd-lite.8", exe);
        if (cfg_read_file(path, &text, &len, err, sizeof(err)) == 0)
            return text;
    }
    if (cfg_read_file("doc/pppd-lite.8", &text, &len, err, sizeof(err)) == 0)
        return text;
    return NULL;
}

static bool word_in(const char *text, const char *word)
{
    size_t wl = strlen(word);
    for (const char *p = text; (p = strstr(p, word)) != NULL; p++) {
        bool left = p == text || !(isalnum((unsigned char)p[-1]) || p[-1] == '-' || p[-1] == '+');
        char r = p[wl];
        bool right = !(isalnum((unsigned char)r) || r == '-');
        if (left && right)
            return true;
    }
    return false;
}

/* troff to text: "\-" -> "-", font changes and "\&" dropped. */
static char *strip_troff(const char *raw)
{
    char *t = malloc(strlen(raw) + 1), *q = t;
    for (const char *p = raw; *p; p++) {
        if (p[0] == '\\' && p[1] == '-') {
            *q++ = '-';
            p++;
        } else if (p[0] == '\\' && p[1] == 'f' && p[2]) {
            p += 2;
        } else if (p[0] == '\\' && p[1] == '&') {
            p++;
        } else {
            *q++ = *p;
        }
    }
    *q = '\0';
    return t;
}

/* The man page states the engine's defaults: for every numeric protocol
 * option, its paragraph (from ".TP\nNAME" to the next request) holds "(N"
 * with N as engine_settings_init() sets it. */
static void test_manpage_states_engine_defaults(void **state)
{
    (void)state;
    char *raw = read_manpage();
    assert_non_null(raw);
    char *t = strip_troff(raw);
    int checked = 0;
    for (size_t i = 0; i < options_table_len; i++) {
        unsigned def;
        if (!options_engine_default(options_table[i].name, &def) || def == 0)
            continue;
        char head[80], want[32];
        snprintf(head, sizeof(head), ".TP\n%s ", options_table[i].name);
        const char *p = strstr(t, head);
        if (p == NULL)
            fail_msg("doc/pppd-lite.8: no entry for '%s'", options_table[i].name);
        p += strlen(head);
        const char *end = strstr(p, "\n.");
        size_t n = end ? (size_t)(end - p) : strlen(p);
        snprintf(want, sizeof(want), "(%u", def);
        char *para = strndup(p, n);
        const char *hit = strstr(para, want);
        if (hit == NULL || isdigit((unsigned char)hit[strlen(want)]))
            fail_msg("doc/pppd-lite.8: '%s' should say the default (%u): %s",
                     options_table[i].name, def, para);
        free(para);
        checked++;
    }
    assert_true(checked >= 16);   /* lcp/ipcp/ipv6cp x4, pap, chap, mru */
    /* and --help says the same numbers */
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    options_print_help(f);
    fclose(f);
    assert_non_null(strstr(buf, "LCP Terminate-Requests before giving up (2)"));
    assert_non_null(strstr(buf, "IPCP Configure-Naks before rejecting (5)"));
    assert_non_null(strstr(buf, "Configure-Naks before rejecting (5)"));
    free(buf);
    free(t);
    free(raw);
}

static void test_manpage_mentions_every_option(void **state)
{
    (void)state;
    char *raw = read_manpage();
    assert_non_null(raw);
    /* strip troff: "\-" -> "-", "\fB" "\fI" "\fR" "\fP" -> nothing */
    char *t = malloc(strlen(raw) + 1), *q = t;
    for (const char *p = raw; *p; p++) {
        if (p[0] == '\\' && p[1] == '-') {
            *q++ = '-';
            p++;
        } else if (p[0] == '\\' && p[1] == 'f' && p[2]) {
            p += 2;
        } else if (p[0] == '\\' && p[1] == '&') {
            p++;
        } else {
            *q++ = *p;
        }
    }
    *q = '\0';
    for (size_t i = 0; i < options_table_len; i++)
        if (!word_in(t, options_table[i].name))
            fail_msg("doc/pppd-lite.8 does not mention option '%s'", options_table[i].name);
    const char *codes[] = { "EXIT STATUS", "17", "19" };
    for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
        assert_non_null(strstr(t, codes[i]));
    free(t);
    free(raw);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_seed_server_files, reset_files),
        cmocka_unit_test_setup(test_seed_client_command_line, reset_files),
        cmocka_unit_test_setup(test_quoted_connect_in_file, reset_files),
        cmocka_unit_test_setup(test_every_option_parses, reset_files),
        cmocka_unit_test_setup(test_plugin_refused, reset_files),
        cmocka_unit_test_setup(test_radius_options, reset_files),
        cmocka_unit_test_setup(test_option_values, reset_files),
        cmocka_unit_test_setup(test_connect_delay, reset_files),
        cmocka_unit_test_setup(test_escape, reset_files),
        cmocka_unit_test_setup(test_unknown_option_in_file_names_file_and_line, reset_files),
        cmocka_unit_test_setup(test_junk_word_is_escaped, reset_files),
        cmocka_unit_test_setup(test_errors, reset_files),
        cmocka_unit_test_setup(test_nested_file_errors, reset_files),
        cmocka_unit_test_setup(test_privileged_options, reset_files),
        cmocka_unit_test_setup(test_source_order, reset_files),
        cmocka_unit_test(test_tty_name),
        cmocka_unit_test(test_ip_parsing),
        cmocka_unit_test_setup(test_dump_and_help, reset_files),
        cmocka_unit_test(test_manpage_mentions_every_option),
        cmocka_unit_test(test_manpage_states_engine_defaults),
    };
    return cmocka_run_group_tests_name("options", tests, setup, teardown);
}
