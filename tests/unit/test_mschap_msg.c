/* cmocka tests for pppd-lite/proto/mschap_msg: Failure and Success text
 * both ways, hostile input, error codes in words, Response layout. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "pppd-lite/proto/mschap_msg.h"

#define P(s) (const uint8_t *)(s), (sizeof(s) - 1)

static void failure_round_trip(void **state)
{
    (void)state;
    static const uint8_t chal[16] = { 0x5b, 0x5d, 0x7c, 0x7d, 0x7b, 0x3f, 0x2f, 0x3e,
                                      0x3c, 0x2c, 0x60, 0x21, 0x32, 0x26, 0x26, 0x28 };
    char out[200];
    struct mschap_failure f;
    size_t n = mschap_format_failure(out, sizeof(out), 691, 1, chal, 16, 3, "Access denied");

    assert_string_equal(out, "E=691 R=1 C=5B5D7C7D7B3F2F3E3C2C602132262628 V=3 M=Access denied");
    assert_int_equal(n, strlen(out));
    assert_null(mschap_parse_failure((const uint8_t *)out, n, &f));
    assert_int_equal(f.error, 691);
    assert_true(f.has_retry);
    assert_int_equal(f.retry, 1);
    assert_true(f.has_challenge);
    assert_int_equal(f.challenge_len, 16);
    assert_memory_equal(f.challenge, chal, 16);
    assert_int_equal(f.version, 3);
    assert_true(f.has_text);
    assert_string_equal(f.text, "Access denied");

    /* v1: 8-byte challenge, no M= */
    n = mschap_format_failure(out, sizeof(out), 691, 1, chal, 8, 2, NULL);
    assert_string_equal(out, "E=691 R=1 C=5B5D7C7D7B3F2F3E V=2");
    assert_null(mschap_parse_failure((const uint8_t *)out, n, &f));
    assert_false(f.has_text);
    assert_int_equal(f.challenge_len, 8);
    /* too small a buffer */
    assert_int_equal(mschap_format_failure(out, 10, 691, 1, chal, 8, 2, NULL), 0);
}

static void failure_variants(void **state)
{
    (void)state;
    struct mschap_failure f;

    assert_null(mschap_parse_failure(P("E=648"), &f));
    assert_int_equal(f.error, 648);
    assert_false(f.has_retry);
    assert_null(mschap_parse_failure(P("E=647 R=0 X=zz V=3"), &f));   /* unknown field skipped */
    assert_int_equal(f.error, 647);
    assert_null(mschap_parse_failure(P("E=691 M=a b  c"), &f));
    assert_string_equal(f.text, "a b  c");
    assert_null(mschap_parse_failure(P("E=691 M=x\0hidden"), &f));
    assert_string_equal(f.text, "x");
    assert_null(mschap_parse_failure(P("E=691\0R=zz"), &f));            /* NUL ends it */
}

static void failure_hostile(void **state)
{
    (void)state;
    struct mschap_failure f;

    assert_string_equal(mschap_parse_failure(P(""), &f), "no E= field");
    assert_string_equal(mschap_parse_failure(P("Access denied"), &f), "a field is not KEY=VALUE");
    assert_string_equal(mschap_parse_failure(P("R=1 C=00"), &f), "no E= field");
    assert_string_equal(mschap_parse_failure(P("E="), &f), "E= is not a number");
    assert_string_equal(mschap_parse_failure(P("E=69x1"), &f), "E= is not a number");
    assert_string_equal(mschap_parse_failure(P("E=99999999999999999999"), &f),
                        "E= is not a number");
    assert_string_equal(mschap_parse_failure(P("E=691 C=abc"), &f), "C= is not a challenge in hex");
    assert_string_equal(mschap_parse_failure(P("E=691 C=zz"), &f), "C= is not a challenge in hex");
    assert_string_equal(mschap_parse_failure(P("E=691 C=000000000000000000000000000000000000"), &f),
                        "C= is not a challenge in hex");
    assert_string_equal(mschap_parse_failure(P("E=691 R"), &f), "a field is not KEY=VALUE");
    /* A long M= is cut to the buffer. */
    char big[600];
    memcpy(big, "E=691 M=", 8);
    memset(big + 8, 'x', sizeof(big) - 8);
    assert_null(mschap_parse_failure((const uint8_t *)big, sizeof(big), &f));
    assert_int_equal(f.text_len, MSCHAP_MSG_TEXT_MAX - 1);
    assert_int_equal(strlen(f.text), MSCHAP_MSG_TEXT_MAX - 1);
}

static void success_round_trip_and_forms(void **state)
{
    (void)state;
    char out[200];
    struct mschap_success s;
    size_t n = mschap_format_success(out, sizeof(out), "407A5589115FD0D6209F510FE9C04566932CDA56",
                                     "Access granted");

    assert_string_equal(out, "S=407A5589115FD0D6209F510FE9C04566932CDA56 M=Access granted");
    assert_null(mschap_parse_success((const uint8_t *)out, n, &s));
    assert_string_equal(s.auth_response, "407A5589115FD0D6209F510FE9C04566932CDA56");
    assert_string_equal(s.text, "Access granted");
    /* win98 form: no M=; pppd also takes "M=" without the space. Lower case is upper-cased. */
    assert_null(mschap_parse_success(P("S=407a5589115fd0d6209f510fe9c04566932cda56"), &s));
    assert_false(s.has_text);
    assert_string_equal(s.auth_response, "407A5589115FD0D6209F510FE9C04566932CDA56");
    assert_null(mschap_parse_success(P("S=407A5589115FD0D6209F510FE9C04566932CDA56M=ok"), &s));
    assert_string_equal(s.text, "ok");
    assert_int_equal(mschap_format_success(out, 20, "407A5589115FD0D6209F510FE9C04566932CDA56", NULL), 0);
}

static void success_hostile(void **state)
{
    (void)state;
    struct mschap_success s;

    assert_non_null(mschap_parse_success(P(""), &s));
    assert_non_null(mschap_parse_success(P("Access granted"), &s));     /* missing S= */
    assert_non_null(mschap_parse_success(P("S=407A5589115FD0D6209F510FE9C04566932CDA5"), &s));
    assert_string_equal(mschap_parse_success(P("S=407A5589115FD0D6209F510FE9C04566932CDAZZ"), &s),
                        "S= is not 40 hex digits");
    assert_string_equal(mschap_parse_success(P("S=407A5589115FD0D6209F510FE9C04566932CDA56 X"), &s),
                        "text after S= does not begin M=");
    assert_string_equal(mschap_parse_success(P("S=407A5589115FD0D6209F510FE9C04566932CDA56\0"), &s),
                        "text after S= does not begin M=");
}

static void error_codes_in_words(void **state)
{
    (void)state;
    assert_string_equal(mschap_error_text(646), "Restricted logon hours");
    assert_string_equal(mschap_error_text(647), "Account disabled");
    assert_string_equal(mschap_error_text(648), "Password expired");
    assert_string_equal(mschap_error_text(649), "No dialin permission");
    assert_string_equal(mschap_error_text(691), "Authentication failure");
    assert_string_equal(mschap_error_text(709), "Error changing password");
    assert_null(mschap_error_text(0));
    assert_null(mschap_error_text(692));
}

static void response_layout(void **state)
{
    (void)state;
    uint8_t v[50] = { 0 };

    v[48] = 1;
    assert_null(mschap_check_response(1, v, 49));
    assert_null(mschap_check_response(2, v, 49));
    assert_non_null(mschap_check_response(2, v, 48));
    assert_non_null(mschap_check_response(2, v, 50));
    assert_non_null(mschap_check_response(1, v, 0));
    v[48] = 0;
    assert_non_null(mschap_check_response(1, v, 49));   /* LAN Manager only */
    assert_null(mschap_check_response(2, v, 49));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(failure_round_trip),
        cmocka_unit_test(failure_variants),
        cmocka_unit_test(failure_hostile),
        cmocka_unit_test(success_round_trip_and_forms),
        cmocka_unit_test(success_hostile),
        cmocka_unit_test(error_codes_in_words),
        cmocka_unit_test(response_layout),
    };
    return cmocka_run_group_tests_name("mschap_msg", tests, NULL, NULL);
}
