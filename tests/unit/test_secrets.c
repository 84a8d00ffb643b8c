/* cmocka tests for common/secrets: pap-secrets lookup, address rules,
 * indirect secrets and the constant-time compare. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/log.h"
#include "common/secrets.h"
#include "scratch_dir.h"

static struct secret_match m;
static char err[512];
static char warned[512];
static int nwarned;

static void sink(void *ctx, enum log_level level, const char *msg)
{
    (void)ctx;
    if (level == LOG_LVL_WARN) {
        nwarned++;
        snprintf(warned, sizeof warned, "%s", msg);
    }
}

static int look(const char *text, const char *client, const char *server)
{
    err[0] = '\0';
    return secrets_lookup_text("pap-secrets", text, strlen(text), client, server, &m, err,
                               sizeof err);
}

static uint32_t ip(const char *s)
{
    struct in_addr a;
    assert_int_equal(inet_pton(AF_INET, s, &a), 1);
    return ntohl(a.s_addr);
}

/* Entry with the given address words (as if read from a file). */
static const struct secret_match *addrs(const char *words)
{
    static char text[512];
    snprintf(text, sizeof text, "joe * pw %s\n", words);
    assert_int_equal(look(text, "joe", "srv"), 1);
    return &m;
}

/* The seed HOWTO's /etc/ppp/pap-secrets, as typed there. */
static const char seed_pap[] =
    "# Secrets for authentication using PAP\n"
    "# client server secret IP addresses\n"
    "* * \"\" *\n";

static void seed_pap_secrets(void **state)
{
    (void)state;
    assert_int_equal(look(seed_pap, "ppp", "dalek"), 1);
    assert_string_equal(m.client, "*");
    assert_string_equal(m.server, "*");
    assert_string_equal(m.secret, "");
    assert_int_equal(m.secret_len, 0);
    assert_int_equal(m.n_addrs, 1);
    assert_string_equal(m.addrs[0], "*");
    assert_int_equal(m.line, 3);
    assert_true(secrets_addr_allowed(&m, ip("192.168.100.4"), 0));
    assert_true(secrets_addr_allowed(&m, ip("203.0.113.9"), 3));
    uint32_t a;
    assert_false(secrets_suggested_addr(&m, 0, &a));
    /* any client and server, the empty names too */
    assert_int_equal(look(seed_pap, "", ""), 1);
    assert_int_equal(look(seed_pap, NULL, NULL), 1);
}

static const char ranked[] =
    "*   *    any\n"
    "*   srv  server_only\n"
    "joe *    client_only\n"
    "joe srv  both\n";

static void best_match_both_exact(void **state)
{
    (void)state;
    assert_int_equal(look(ranked, "joe", "srv"), 1);
    assert_string_equal(m.secret, "both");
    assert_int_equal(m.line, 4);
}

static void best_match_client_exact(void **state)
{
    (void)state;
    assert_int_equal(look(ranked, "joe", "other"), 1);
    assert_string_equal(m.secret, "client_only");
}

static void best_match_server_exact(void **state)
{
    (void)state;
    assert_int_equal(look(ranked, "bob", "srv"), 1);
    assert_string_equal(m.secret, "server_only");
}

static void best_match_wildcards_only(void **state)
{
    (void)state;
    assert_int_equal(look(ranked, "bob", "other"), 1);
    assert_string_equal(m.secret, "any");
}

static void client_beats_server(void **state)
{
    (void)state;
    /* an exact client beats an exact server, whatever the order */
    assert_int_equal(look("* srv S\njoe * C\n", "joe", "srv"), 1);
    assert_string_equal(m.secret, "C");
    assert_int_equal(look("joe * C\n* srv S\n", "joe", "srv"), 1);
    assert_string_equal(m.secret, "C");
}

static void first_wins_among_equals(void **state)
{
    (void)state;
    assert_int_equal(look("joe * first\njoe * second\n", "joe", "x"), 1);
    assert_string_equal(m.secret, "first");
    assert_int_equal(m.line, 1);
}

static void null_name_matches_every_column(void **state)
{
    (void)state;
    /* NULL server: exact server columns still rank higher, as in pppd */
    assert_int_equal(look("joe * a\njoe srv b\nann srv c\n", "joe", NULL), 1);
    assert_string_equal(m.secret, "b");
    assert_int_equal(look("joe * a\nann * c\n", NULL, "x"), 1);
    assert_string_equal(m.secret, "a");
}

static void empty_name_matches_only_empty(void **state)
{
    (void)state;
    const char *t = "\"\" * E 10.0.0.5\n* * W\n";
    assert_int_equal(look(t, "", "srv"), 1);
    assert_string_equal(m.secret, "E");
    assert_int_equal(look(t, "x", "srv"), 1);
    assert_string_equal(m.secret, "W");
    assert_int_equal(look("\"\" * E\n", "x", "srv"), 0);
}

static void names_are_case_sensitive(void **state)
{
    (void)state;
    assert_int_equal(look("Joe * pw\n", "joe", "s"), 0);
    assert_int_equal(look("joe * pw\n", "joe", "s"), 1);
}

static void no_match(void **state)
{
    (void)state;
    assert_int_equal(look("joe srv pw\n", "ann", "srv"), 0);
    assert_int_equal(look("joe srv pw\n", "joe", "other"), 0);
    assert_int_equal(look("", "joe", "srv"), 0);
    assert_int_equal(look("# nothing\n\n", "joe", "srv"), 0);
    /* nothing leaks into the result */
    assert_int_equal(m.secret_len, 0);
    assert_string_equal(m.secret, "");
}

static void quoted_secret_spans_lines(void **state)
{
    (void)state;
    /* the address after a multi-line secret still belongs to the entry */
    assert_int_equal(look("joe * \"two\nlines\" 192.0.2.1\nann * x\n", "joe", "s"), 1);
    assert_string_equal(m.secret, "two\nlines");
    assert_int_equal(m.n_addrs, 1);
    assert_string_equal(m.addrs[0], "192.0.2.1");
    assert_int_equal(look("joe * \"two\nlines\" 192.0.2.1\nann * x\n", "ann", "s"), 1);
    assert_string_equal(m.secret, "x");
    assert_int_equal(m.line, 3);
}

static void continuation_line_adds_addresses(void **state)
{
    (void)state;
    assert_int_equal(look("joe * pw 192.0.2.1 \\\n  192.0.2.2\nann * x 192.0.2.3\n", "joe", "s"),
                     1);
    assert_int_equal(m.n_addrs, 2);
    assert_string_equal(m.addrs[1], "192.0.2.2");
}

static void escapes_in_secret(void **state)
{
    (void)state;
    assert_int_equal(look("joe * \"a b\\x41\\0z\" \n", "joe", "s"), 1);
    assert_int_equal(m.secret_len, 6);
    assert_memory_equal(m.secret, "a bA\0z", 6);
}

static void short_lines_skipped(void **state)
{
    (void)state;
    /* "joe srv" alone has no secret: skipped; the next line is a new entry */
    nwarned = 0;
    assert_int_equal(look("joe srv\njoe\nann * pw\n", "ann", "s"), 1);
    assert_int_equal(nwarned, 2);
    assert_string_equal(warned, "pap-secrets:2: entry without a secret ignored");
    assert_string_equal(m.secret, "pw");
    assert_int_equal(m.line, 3);
    assert_int_equal(look("joe srv\n", "joe", "srv"), 0);
    assert_int_equal(look("joe srv", "joe", "srv"), 0);
}

static void no_address_words_allow_nothing(void **state)
{
    (void)state;
    const struct secret_match *e = addrs("");
    assert_int_equal(e->n_addrs, 0);
    assert_false(secrets_addr_allowed(e, ip("192.0.2.1"), 0));
    e = addrs("- 192.0.2.1");
    assert_false(secrets_addr_allowed(e, ip("192.0.2.1"), 0));
    uint32_t a;
    assert_false(secrets_suggested_addr(e, 0, &a));
}

static void dash_ends_address_list(void **state)
{
    (void)state;
    const struct secret_match *e = addrs("192.0.2.1 - 192.0.2.2");
    assert_true(secrets_addr_allowed(e, ip("192.0.2.1"), 0));
    assert_false(secrets_addr_allowed(e, ip("192.0.2.2"), 0));
}

static void star_allows_any(void **state)
{
    (void)state;
    const struct secret_match *e = addrs("*");
    assert_true(secrets_addr_allowed(e, ip("198.51.100.7"), 0));
    assert_true(secrets_addr_allowed(e, 0, 0));
    /* words before "*" still decide first */
    e = addrs("!192.0.2.5 *");
    assert_false(secrets_addr_allowed(e, ip("192.0.2.5"), 0));
    assert_true(secrets_addr_allowed(e, ip("192.0.2.6"), 0));
}

static void single_address(void **state)
{
    (void)state;
    const struct secret_match *e = addrs("192.0.2.10");
    assert_true(secrets_addr_allowed(e, ip("192.0.2.10"), 0));
    assert_false(secrets_addr_allowed(e, ip("192.0.2.11"), 0));
    uint32_t a = 0;
    assert_true(secrets_suggested_addr(e, 0, &a));
    assert_int_equal(a, ip("192.0.2.10"));
    e = addrs("192.0.2.10/32");
    assert_true(secrets_suggested_addr(e, 0, &a));
    assert_int_equal(a, ip("192.0.2.10"));
}

static void subnet_allowed(void **state)
{
    (void)state;
    const struct secret_match *e = addrs("192.0.2.77/24 198.51.100.0/25");
    assert_true(secrets_addr_allowed(e, ip("192.0.2.1"), 0));
    assert_true(secrets_addr_allowed(e, ip("192.0.2.254"), 0));
    assert_false(secrets_addr_allowed(e, ip("192.0.3.1"), 0));
    assert_true(secrets_addr_allowed(e, ip("198.51.100.127"), 0));
    assert_false(secrets_addr_allowed(e, ip("198.51.100.128"), 0));
    uint32_t a;
    assert_false(secrets_suggested_addr(e, 0, &a));
}

static void exclusions_in_order(void **state)
{
    (void)state;
    const struct secret_match *e = addrs("!192.0.2.5 !192.0.2.128/25 192.0.2.0/24");
    assert_false(secrets_addr_allowed(e, ip("192.0.2.5"), 0));
    assert_false(secrets_addr_allowed(e, ip("192.0.2.200"), 0));
    assert_true(secrets_addr_allowed(e, ip("192.0.2.6"), 0));
    assert_false(secrets_addr_allowed(e, ip("203.0.113.1"), 0));
    /* the first matching word decides: an exclusion after the subnet is moot */
    e = addrs("192.0.2.0/24 !192.0.2.5");
    assert_true(secrets_addr_allowed(e, ip("192.0.2.5"), 0));
}

static void unit_offset_address(void **state)
{
    (void)state;
    const struct secret_match *e = addrs("192.0.2.0/24+");
    uint32_t a;
    assert_true(secrets_addr_allowed(e, ip("192.0.2.1"), 0));
    assert_false(secrets_addr_allowed(e, ip("192.0.2.2"), 0));
    assert_true(secrets_suggested_addr(e, 0, &a));
    assert_int_equal(a, ip("192.0.2.1"));
    assert_true(secrets_addr_allowed(e, ip("192.0.2.5"), 4));
    assert_true(secrets_suggested_addr(e, 4, &a));
    assert_int_equal(a, ip("192.0.2.5"));
    /* the host part comes from the unit, whatever the word's host bits */
    e = addrs("192.0.2.99/30+");
    assert_true(secrets_suggested_addr(e, 1, &a));
    assert_int_equal(a, ip("192.0.2.98"));
    /* unit 2 leaves no room in a /30 (pppd: unit too large): ignored */
    assert_false(secrets_suggested_addr(e, 2, &a));
    assert_false(secrets_addr_allowed(e, ip("192.0.2.99"), 2));
    e = addrs("192.0.2.1/32+");
    assert_false(secrets_addr_allowed(e, ip("192.0.2.1"), 0));
    e = addrs("10.0.0.0/8+");
    assert_true(secrets_addr_allowed(e, ip("10.0.0.1"), 0));
    assert_false(secrets_addr_allowed(e, ip("10.0.0.1"), 0xffffffffu));
}

static void bad_address_words_match_nothing(void **state)
{
    (void)state;
    const struct secret_match *e =
        addrs("dialin.example.org 192.0.2.0/0 192.0.2.0/33 192.0.2.0/x 192.0.2.0/24- ! !/8 / 192.0.2.9");
    assert_false(secrets_addr_allowed(e, ip("192.0.2.1"), 0));
    assert_true(secrets_addr_allowed(e, ip("192.0.2.9"), 0));
    uint32_t a;
    assert_true(secrets_suggested_addr(e, 0, &a));
    assert_int_equal(a, ip("192.0.2.9"));
}

static void suggested_skips_excluded(void **state)
{
    (void)state;
    uint32_t a;
    const struct secret_match *e = addrs("!192.0.2.10 192.0.2.10 192.0.2.11");
    assert_true(secrets_suggested_addr(e, 0, &a));
    assert_int_equal(a, ip("192.0.2.11"));
    e = addrs("* 192.0.2.10");
    assert_false(secrets_suggested_addr(e, 0, &a));
}

static void options_after_double_dash_ignored(void **state)
{
    (void)state;
    const struct secret_match *e = addrs("192.0.2.1 -- 192.0.2.2 ms-dns 192.0.2.53");
    assert_int_equal(e->n_addrs, 1);
    assert_false(secrets_addr_allowed(e, ip("192.0.2.2"), 0));
    assert_int_equal(look("joe * pw -- debug\n", "joe", "s"), 1);
    assert_int_equal(m.n_addrs, 0);
}

/* A bad line is warned about (file and line) and skipped; the rest of the
 * file still serves: one typo must not lock every user out. */
static void expect_skipped(const char *text, const char *client, int want_rc,
                           const char *want_warning)
{
    nwarned = 0;
    warned[0] = '\0';
    assert_int_equal(look(text, client, "s"), want_rc);
    assert_true(nwarned >= 1);
    assert_non_null(strstr(warned, want_warning));
    assert_non_null(strstr(warned, "line ignored"));
}

static void lexer_errors_skip_the_line(void **state)
{
    (void)state;
    /* the open quote on line 2 costs line 2; joe (line 1) and bob (line 4) stay */
    expect_skipped("joe * pw\nann * \"open\n\nbob * pw2\n", "joe", 1,
                   "pap-secrets:2: unterminated quoted string");
    assert_string_equal(m.secret, "pw");
    expect_skipped("joe * pw\nann * \"open\n\nbob * pw2\n", "bob", 1,
                   "pap-secrets:2: unterminated quoted string");
    assert_string_equal(m.secret, "pw2");
    expect_skipped("joe * pw\nann * \"open\n\nbob * pw2\n", "ann", 0,
                   "pap-secrets:2: unterminated quoted string");
    assert_int_equal(m.secret_len, 0);
    assert_string_equal(m.secret, "");
}

static void overlong_fields_skip_the_line(void **state)
{
    (void)state;
    static char text[2048];
    memset(text, 0, sizeof text);
    strcpy(text, "joe * pw\n");
    memset(text + strlen(text), 'c', 300);
    strcat(text, " * pw2\nann * pw3\n");
    expect_skipped(text, "joe", 1, "pap-secrets:2: client name too long (more than 255 characters)");
    assert_string_equal(m.secret, "pw");
    expect_skipped(text, "ann", 1, "pap-secrets:2: client name too long");
    assert_string_equal(m.secret, "pw3");

    memset(text, 0, sizeof text);
    strcpy(text, "\njoe * ");
    memset(text + strlen(text), 's', 256);
    strcat(text, " 192.0.2.1\njoe * short *\n");
    expect_skipped(text, "joe", 1, "pap-secrets:2: secret too long (more than 255 characters)");
    assert_string_equal(m.secret, "short");

    memset(text, 0, sizeof text);
    strcpy(text, "joe * pw ");
    memset(text + strlen(text), '1', 64);
    expect_skipped(text, "joe", 0, "pap-secrets:1: bad address word");

    /* a word over the lexer's limit (1023 bytes) */
    static char big[4096];
    strcpy(big, "ann * pw\n");
    memset(big + strlen(big), 'w', 2000);
    strcat(big, " * x\njoe * pw4\n");
    expect_skipped(big, "joe", 1, "pap-secrets:2:");
    assert_string_equal(m.secret, "pw4");
}

static void too_many_addresses(void **state)
{
    (void)state;
    static char text[2048];
    strcpy(text, "joe * pw");
    for (int i = 0; i < SECRETS_ADDRS_MAX; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text), " 192.0.2.%d", i + 1);
    assert_int_equal(look(text, "joe", "s"), 1);
    assert_int_equal(m.n_addrs, SECRETS_ADDRS_MAX);
    strcat(text, " 192.0.2.200\n* * other *\n");
    expect_skipped(text, "joe", 1, "pap-secrets:1: too many addresses (more than 32)");
    assert_string_equal(m.secret, "other");
}

static void nul_in_name_skips_the_line(void **state)
{
    (void)state;
    const char t[] = "jo\\0e * pw\n";
    expect_skipped(t, "jo", 0, "pap-secrets:1: NUL byte in client name");
    nwarned = 0;
    assert_int_equal(secrets_lookup_text("f", "a * b\njoe x\0y pw\njoe * z\n", 25, "joe", NULL,
                                         &m, err, sizeof err), 1);
    assert_string_equal(m.secret, "z");
    assert_true(nwarned >= 1);
    assert_non_null(strstr(warned, "f:2: NUL byte in server name"));
}

/* pppd's some_ip_ok: an entry lets its peer use some address. */
static void some_addr_ok(void **state)
{
    (void)state;
    assert_true(secrets_some_addr_ok(addrs("*")));
    assert_true(secrets_some_addr_ok(addrs("192.0.2.1")));
    assert_true(secrets_some_addr_ok(addrs("!192.0.2.1 192.0.2.0/24")));
    assert_false(secrets_some_addr_ok(addrs("-")));
    assert_false(secrets_some_addr_ok(addrs("!192.0.2.1")));
    assert_false(secrets_some_addr_ok(addrs("- 192.0.2.1")));
    assert_false(secrets_some_addr_ok(addrs("")));      /* no column: none (pppd 2.3+) */
}

static void binary_junk_is_handled(void **state)
{
    (void)state;
    unsigned char junk[4096];
    unsigned seed = 12345;
    for (int round = 0; round < 200; round++) {
        for (size_t i = 0; i < sizeof junk; i++) {
            seed = seed * 1103515245u + 12345u;
            junk[i] = (unsigned char)(seed >> 16);
        }
        int rc = secrets_lookup_text("junk", (const char *)junk, sizeof junk, "joe", "srv", &m,
                                     err, sizeof err);
        assert_true(rc >= -1 && rc <= 1);
        if (rc < 0)
            assert_non_null(strstr(err, "junk:"));
    }
}

/* ---- @file secrets and files ---- */

static char tmpdir[2048];

static int files_setup(void **state)
{
    (void)state;
    log_open("test_secrets", 0, 0);     /* warnings about skipped lines: to the sink only */
    log_set_sink(sink, NULL);
    return scratch_dir_make(tmpdir, sizeof tmpdir, "sectest");
}

static int files_teardown(void **state)
{
    (void)state;
    return scratch_dir_remove(tmpdir);
}

static const char *write_file(const char *name, const char *text)
{
    static char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

static void indirect_secret(void **state)
{
    (void)state;
    char text[PATH_MAX + 64];
    const char *p = write_file("joe.secret", "top secret\nsecond line\n");
    snprintf(text, sizeof text, "joe * @%s 192.0.2.1\n", p);
    assert_int_equal(look(text, "joe", "s"), 1);
    assert_string_equal(m.secret, "top secret");
    assert_int_equal(m.secret_len, 10);
    assert_string_equal(m.addrs[0], "192.0.2.1");

    p = write_file("crlf.secret", "pw\r\n");
    snprintf(text, sizeof text, "joe * @%s\n", p);
    assert_int_equal(look(text, "joe", "s"), 1);
    assert_string_equal(m.secret, "pw");

    p = write_file("nonl.secret", "last");
    snprintf(text, sizeof text, "joe * @%s\n", p);
    assert_int_equal(look(text, "joe", "s"), 1);
    assert_string_equal(m.secret, "last");
}

static void indirect_secret_missing(void **state)
{
    (void)state;
    assert_int_equal(look("# x\njoe * @/nonexistent/joe.pw\n", "joe", "s"), -1);
    assert_string_equal(err,
        "pap-secrets:2: cannot open /nonexistent/joe.pw: No such file or directory");
    /* only the winning entry's file is read */
    assert_int_equal(look("* * @/nonexistent/any.pw\njoe * pw\n", "joe", "s"), 1);
    assert_string_equal(m.secret, "pw");
}

static void indirect_secret_empty_or_long(void **state)
{
    (void)state;
    char text[PATH_MAX + 64], want[PATH_MAX + 128];
    const char *p = write_file("empty.secret", "\nsecond\n");
    snprintf(text, sizeof text, "joe * @%s\n", p);
    assert_int_equal(look(text, "joe", "s"), -1);
    snprintf(want, sizeof want, "pap-secrets:1: secret file %s is empty", p);
    assert_string_equal(err, want);

    char big[400];
    memset(big, 'x', sizeof big - 2);
    big[sizeof big - 2] = '\n';
    big[sizeof big - 1] = '\0';
    p = write_file("big.secret", big);
    snprintf(text, sizeof text, "joe * @%s\n", p);
    assert_int_equal(look(text, "joe", "s"), -1);
    assert_non_null(strstr(err, "too long"));
}

static void at_without_slash_is_literal(void **state)
{
    (void)state;
    assert_int_equal(look("joe * @home\n", "joe", "s"), 1);
    assert_string_equal(m.secret, "@home");
}

static void lookup_file(void **state)
{
    (void)state;
    const char *p = write_file("pap-secrets", "joe * \"s3cret\" 192.0.2.10\n* * \"\" *\n");
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s", p);
    assert_int_equal(secrets_lookup_file(path, "joe", "srv", &m, err, sizeof err), 1);
    assert_string_equal(m.secret, "s3cret");
    assert_int_equal(secrets_lookup_file(path, "ann", "srv", &m, err, sizeof err), 1);
    assert_string_equal(m.secret, "");
    assert_int_equal(secrets_lookup_file("/nonexistent/pap-secrets", "a", "b", &m, err, sizeof err),
                     -1);
    assert_string_equal(err, "cannot open /nonexistent/pap-secrets: No such file or directory");
    write_file("bad-secrets", "joe * 'x\nann * ok\n");
    snprintf(path, sizeof path, "%s/bad-secrets", tmpdir);
    nwarned = 0;
    assert_int_equal(secrets_lookup_file(path, "joe", "srv", &m, err, sizeof err), 0);
    char want[PATH_MAX + 64];
    snprintf(want, sizeof want, "%s:1: unterminated quoted string; line ignored", path);
    assert_string_equal(warned, want);
    assert_int_equal(secrets_lookup_file(path, "ann", "srv", &m, err, sizeof err), 1);
    assert_string_equal(m.secret, "ok");
}

/* ---- compare and wipe ---- */

static void equal_compare(void **state)
{
    (void)state;
    assert_true(secrets_equal("s3cret", 6, "s3cret", 6));
    assert_false(secrets_equal("s3cret", 6, "s3creT", 6));
    assert_false(secrets_equal("s3cret", 6, "S3cret", 6));
    assert_false(secrets_equal("s3cret", 6, "s3cre", 5));
    assert_false(secrets_equal("s3cre", 5, "s3cret", 6));
    assert_false(secrets_equal("ab", 2, "abab", 4));     /* wraps over a: still unequal */
    assert_true(secrets_equal("", 0, "", 0));
    assert_true(secrets_equal(NULL, 0, NULL, 0));
    assert_false(secrets_equal("", 0, "x", 1));
    assert_false(secrets_equal("x", 1, "", 0));
    assert_true(secrets_equal("a\0b", 3, "a\0b", 3));
    assert_false(secrets_equal("a\0b", 3, "a\0c", 3));
}

static void equal_every_position(void **state)
{
    (void)state;
    unsigned char a[64], b[64];
    for (size_t i = 0; i < sizeof a; i++)
        a[i] = (unsigned char)(i * 7 + 1);
    for (size_t pos = 0; pos < sizeof a; pos++) {
        for (int bit = 0; bit < 8; bit++) {
            memcpy(b, a, sizeof a);
            b[pos] ^= (unsigned char)(1u << bit);
            assert_false(secrets_equal(a, sizeof a, b, sizeof b));
        }
    }
    memcpy(b, a, sizeof a);
    assert_true(secrets_equal(a, sizeof a, b, sizeof b));
}

static void wipe_clears(void **state)
{
    (void)state;
    char buf[32];
    memset(buf, 'S', sizeof buf);
    secrets_wipe(buf, sizeof buf);
    for (size_t i = 0; i < sizeof buf; i++)
        assert_int_equal(buf[i], 0);
    secrets_wipe(NULL, 5);     /* harmless */
    secrets_wipe(buf, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seed_pap_secrets),
        cmocka_unit_test(best_match_both_exact),
        cmocka_unit_test(best_match_client_exact),
        cmocka_unit_test(best_match_server_exact),
        cmocka_unit_test(best_match_wildcards_only),
        cmocka_unit_test(client_beats_server),
        cmocka_unit_test(first_wins_among_equals),
        cmocka_unit_test(null_name_matches_every_column),
        cmocka_unit_test(empty_name_matches_only_empty),
        cmocka_unit_test(names_are_case_sensitive),
        cmocka_unit_test(no_match),
        cmocka_unit_test(quoted_secret_spans_lines),
        cmocka_unit_test(continuation_line_adds_addresses),
        cmocka_unit_test(escapes_in_secret),
        cmocka_unit_test(short_lines_skipped),
        cmocka_unit_test(no_address_words_allow_nothing),
        cmocka_unit_test(dash_ends_address_list),
        cmocka_unit_test(star_allows_any),
        cmocka_unit_test(single_address),
        cmocka_unit_test(subnet_allowed),
        cmocka_unit_test(exclusions_in_order),
        cmocka_unit_test(unit_offset_address),
        cmocka_unit_test(bad_address_words_match_nothing),
        cmocka_unit_test(suggested_skips_excluded),
        cmocka_unit_test(options_after_double_dash_ignored),
        cmocka_unit_test(lexer_errors_skip_the_line),
        cmocka_unit_test(overlong_fields_skip_the_line),
        cmocka_unit_test(too_many_addresses),
        cmocka_unit_test(nul_in_name_skips_the_line),
        cmocka_unit_test(some_addr_ok),
        cmocka_unit_test(binary_junk_is_handled),
        cmocka_unit_test(indirect_secret),
        cmocka_unit_test(indirect_secret_missing),
        cmocka_unit_test(indirect_secret_empty_or_long),
        cmocka_unit_test(at_without_slash_is_literal),
        cmocka_unit_test(lookup_file),
        cmocka_unit_test(equal_compare),
        cmocka_unit_test(equal_every_position),
        cmocka_unit_test(wipe_clears),
    };
    return cmocka_run_group_tests_name("secrets", tests, files_setup, files_teardown);
}
