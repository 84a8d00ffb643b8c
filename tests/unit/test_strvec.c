/* cmocka tests for common/strvec: copies, lines, growth, reuse after free. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "common/strvec.h"

static void copies_with_lines_and_growth(void **state)
{
    (void)state;
    struct strvec sv = { 0 };
    char word[16];

    for (unsigned i = 0; i < 100; i++) {
        snprintf(word, sizeof word, "w%u", i);
        assert_int_equal(strvec_add(&sv, word, i + 1), 0);
    }
    word[0] = 'X';                     /* the vector holds copies */
    assert_int_equal(sv.n, 100);
    assert_true(sv.cap >= 100);
    assert_string_equal(sv.v[0], "w0");
    assert_string_equal(sv.v[99], "w99");
    assert_int_equal(sv.lines[0], 1);
    assert_int_equal(sv.lines[99], 100);
    strvec_free(&sv);
    assert_int_equal(sv.n, 0);
    assert_null(sv.v);
    assert_int_equal(strvec_add(&sv, "", 0), 0);   /* reusable; empty words kept */
    assert_int_equal(sv.n, 1);
    assert_string_equal(sv.v[0], "");
    strvec_free(&sv);
    strvec_free(&sv);                  /* twice is harmless */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(copies_with_lines_and_growth),
    };
    return cmocka_run_group_tests_name("strvec", tests, NULL, NULL);
}
