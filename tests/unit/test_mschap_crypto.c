/* cmocka tests for pppd-lite/proto/mschap_crypto: the published vectors of
 * RFC 2759 9.2, RFC 2433 appendix B and RFC 3079 3.5.3 through our own
 * functions, the UTF-8 to UTF-16LE conversion, the DOMAIN\ strip and DES
 * with a weak key. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "pppd-lite/proto/mschap_crypto.h"

static void unhex(const char *h, uint8_t *out)
{
    for (size_t i = 0; h[2 * i]; i++) {
        unsigned v;
        char b[3] = { h[2 * i], h[2 * i + 1], 0 };
        v = (unsigned)strtoul(b, NULL, 16);
        out[i] = (uint8_t)v;
    }
}

#define HEXEQ(buf, hex)                                           \
    do {                                                          \
        uint8_t want_[64];                                        \
        unhex(hex, want_);                                        \
        assert_memory_equal(buf, want_, strlen(hex) / 2);         \
    } while (0)

/* RFC 2759 9.2 */
static uint8_t auth_chal[16], peer_chal[16];
static int setup(void **state)
{
    (void)state;
    unhex("5B5D7C7D7B3F2F3E3C2C602132262628", auth_chal);
    unhex("21402324255E262A28295F2B3A337C7E", peer_chal);
    return 0;
}

static void rfc2759_vectors(void **state)
{
    (void)state;
    uint8_t ch[8], hash[16], hh[16], nt[24], resp[49];
    char s[41];

    mschap_challenge_hash(peer_chal, auth_chal, "User", ch);
    HEXEQ(ch, "D02E4386BCE91226");
    mschap_nt_hash("clientPass", 10, hash);
    HEXEQ(hash, "44EBBA8D5312B8D611474411F56989AE");
    mschap_hash_hash(hash, hh);
    HEXEQ(hh, "41C00C584BD2D91C4017A2A12FA59F3F");
    mschap_v2_nt_response(auth_chal, peer_chal, "User", "clientPass", 10, nt);
    HEXEQ(nt, "82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF");
    mschap_v2_auth_response("clientPass", 10, nt, peer_chal, auth_chal, "User", s);
    assert_string_equal(s, "407A5589115FD0D6209F510FE9C04566932CDA56");

    mschap_v2_response(auth_chal, peer_chal, "User", "clientPass", 10, resp);
    assert_memory_equal(resp + MSCHAP_V2_PEER_OFF, peer_chal, 16);
    static const uint8_t zero[8];
    assert_memory_equal(resp + 16, zero, 8);
    assert_memory_equal(resp + MSCHAP_V2_NT_OFF, nt, 24);
    assert_int_equal(resp[MSCHAP_V2_FLAGS_OFF], 0);
}

static void domain_is_left_out_of_the_hash(void **state)
{
    (void)state;
    uint8_t a[8], b[8], c[8];
    char s1[41], s2[41];
    uint8_t nt[24];

    assert_string_equal(mschap_hash_user("CORP\\User"), "User");
    assert_string_equal(mschap_hash_user("A\\B\\User"), "User");
    assert_string_equal(mschap_hash_user("User"), "User");
    mschap_challenge_hash(peer_chal, auth_chal, "User", a);
    mschap_challenge_hash(peer_chal, auth_chal, "CORP\\User", b);
    mschap_challenge_hash(peer_chal, auth_chal, "user", c);
    assert_memory_equal(a, b, 8);
    assert_memory_not_equal(a, c, 8);
    mschap_v2_nt_response(auth_chal, peer_chal, "CORP\\User", "clientPass", 10, nt);
    HEXEQ(nt, "82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF");
    mschap_v2_auth_response("clientPass", 10, nt, peer_chal, auth_chal, "CORP\\User", s1);
    mschap_v2_auth_response("clientPass", 10, nt, peer_chal, auth_chal, "User", s2);
    assert_string_equal(s1, s2);
}

static void rfc2433_vectors(void **state)
{
    (void)state;
    uint8_t chal[8], hash[16], nt[24], resp[49];
    static const uint8_t zero[24];

    unhex("102DB5DF085D3041", chal);
    mschap_nt_hash("MyPw", 4, hash);
    HEXEQ(hash, "FC156AF7EDCD6C0EDDE3337D427F4EAC");
    mschap_challenge_response(chal, hash, nt);
    HEXEQ(nt, "4E9D3C8F9CFD385D5BF4D3246791956CA4C351AB409A3D61");
    mschap_v1_response(chal, "MyPw", 4, resp);
    assert_memory_equal(resp + MSCHAP_V1_LM_OFF, zero, 24);   /* pppd: no LAN Manager */
    assert_memory_equal(resp + MSCHAP_V1_NT_OFF, nt, 24);
    assert_int_equal(resp[MSCHAP_V1_USENT_OFF], 1);
}

static void rfc3079_keys(void **state)
{
    (void)state;
    uint8_t hash[16], hh[16], nt[24], master[16], key[16];
    struct mschap_keys srv, cli;

    mschap_nt_hash("clientPass", 10, hash);
    mschap_hash_hash(hash, hh);
    unhex("82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF", nt);
    mschap_v2_master_key(hh, nt, master);
    HEXEQ(master, "FDECE3717A8C838CB388E527AE3CDD31");
    /* The RFC's SendStartKey128 is the server's send key (Magic3). */
    mschap_v2_start_key(master, true, true, key);
    HEXEQ(key, "8B7CDC149B993A1BA118CB153F56DCCB");
    mschap_v2_keys("clientPass", 10, nt, true, &srv);
    mschap_v2_keys("clientPass", 10, nt, false, &cli);
    HEXEQ(srv.send, "8B7CDC149B993A1BA118CB153F56DCCB");
    assert_memory_equal(srv.send, cli.recv, 16);
    assert_memory_equal(srv.recv, cli.send, 16);
    assert_memory_not_equal(srv.send, srv.recv, 16);
}

static void v1_keys_same_both_ways_and_depend_on_inputs(void **state)
{
    (void)state;
    uint8_t chal[8], chal2[8];
    struct mschap_keys a, b, c;

    unhex("102DB5DF085D3041", chal);
    memcpy(chal2, chal, 8);
    chal2[7] ^= 1;
    mschap_v1_keys("MyPw", 4, chal, &a);
    mschap_v1_keys("MyPw", 4, chal2, &b);
    mschap_v1_keys("MyPx", 4, chal, &c);
    assert_memory_equal(a.send, a.recv, 16);
    assert_memory_not_equal(a.send, b.send, 16);
    assert_memory_not_equal(a.send, c.send, 16);
}

static void utf8_secrets_become_utf16le(void **state)
{
    (void)state;
    uint8_t out[2 * MSCHAP_PASSWORD_MAX], hash[16];
    bool latin1;
    size_t n;

    /* "password": the well-known NT hash. */
    mschap_nt_hash("password", 8, hash);
    HEXEQ(hash, "8846F7EAEE8FB117AD06BDD830B7586C");
    /* "€" U+20AC and "é" U+00E9 */
    n = mschap_utf16le("\xe2\x82\xac\xc3\xa9", 5, out, &latin1);
    assert_false(latin1);
    assert_int_equal(n, 2);
    HEXEQ(out, "AC20E900");
    /* U+1F600 goes as a surrogate pair */
    n = mschap_utf16le("\xf0\x9f\x98\x80", 4, out, &latin1);
    assert_false(latin1);
    assert_int_equal(n, 2);
    HEXEQ(out, "3DD800DE");
    /* Not UTF-8 (a Latin-1 "é" alone): bytes zero-extended, as pppd. */
    n = mschap_utf16le("caf\xe9", 4, out, &latin1);
    assert_true(latin1);
    assert_int_equal(n, 4);
    HEXEQ(out, "630061006600E900");
    /* Overlong, surrogate and out-of-range forms are not UTF-8. */
    mschap_utf16le("\xc0\xaf", 2, out, &latin1);
    assert_true(latin1);
    mschap_utf16le("\xed\xa0\x80", 3, out, &latin1);
    assert_true(latin1);
    mschap_utf16le("\xf4\x90\x80\x80", 4, out, &latin1);
    assert_true(latin1);
    mschap_utf16le("\xe2\x82", 2, out, &latin1);
    assert_true(latin1);
    /* The UTF-8 "é" hashes as U+00E9, the same as pppd's Latin-1 byte. */
    uint8_t h1[16], h2[16];
    mschap_nt_hash("caf\xc3\xa9", 5, h1);
    mschap_nt_hash("caf\xe9", 4, h2);
    assert_memory_equal(h1, h2, 16);
}

static void long_secret_is_cut_at_256_units(void **state)
{
    (void)state;
    char s[300];
    uint8_t out[2 * MSCHAP_PASSWORD_MAX];
    bool latin1;

    memset(s, 'a', sizeof(s));
    assert_int_equal(mschap_utf16le(s, sizeof(s), out, &latin1), MSCHAP_PASSWORD_MAX);
    /* 255 'a' then a 4-byte character: the pair does not fit, nothing of it goes. */
    memcpy(s + 255, "\xf0\x9f\x98\x80", 4);
    assert_int_equal(mschap_utf16le(s, 259, out, &latin1), 255);
    assert_false(latin1);
}

static void weak_des_keys_are_used(void **state)
{
    (void)state;
    static const uint8_t zero[16], chal[8];
    uint8_t out[24];

    /* DES, key 0, plaintext 0 = 8CA64DE9C1B123A7: a weak key still works. */
    mschap_challenge_response(chal, zero, out);
    HEXEQ(out, "8CA64DE9C1B123A78CA64DE9C1B123A78CA64DE9C1B123A7");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rfc2759_vectors),
        cmocka_unit_test(domain_is_left_out_of_the_hash),
        cmocka_unit_test(rfc2433_vectors),
        cmocka_unit_test(rfc3079_keys),
        cmocka_unit_test(v1_keys_same_both_ways_and_depend_on_inputs),
        cmocka_unit_test(utf8_secrets_become_utf16le),
        cmocka_unit_test(long_secret_is_cut_at_256_units),
        cmocka_unit_test(weak_des_keys_are_used),
    };
    return cmocka_run_group_tests_name("mschap_crypto", tests, setup, NULL);
}
