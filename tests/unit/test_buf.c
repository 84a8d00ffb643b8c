/* cmocka tests for common/buf: bounds, sticky errors, big-endian order. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "common/buf.h"

static void reads_big_endian(void **state)
{
    (void)state;
    const uint8_t d[] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07 };
    struct buf_reader r;
    buf_reader_init(&r, d, sizeof d);
    assert_int_equal(buf_get_u8(&r), 0x01);
    assert_int_equal(buf_get_u16(&r), 0x0203);
    assert_int_equal(buf_get_u32(&r), 0x04050607);
    assert_true(buf_reader_ok(&r));
    assert_int_equal(buf_remaining(&r), 0);
}

static void short_read_sets_sticky_error(void **state)
{
    (void)state;
    const uint8_t d[] = { 0xaa, 0xbb, 0xcc };
    struct buf_reader r;
    buf_reader_init(&r, d, sizeof d);
    assert_int_equal(buf_get_u16(&r), 0xaabb);
    assert_int_equal(buf_get_u16(&r), 0);      /* only one byte left */
    assert_false(buf_reader_ok(&r));
    assert_int_equal(buf_get_u8(&r), 0);       /* stays failed even though a byte exists */
    assert_int_equal(buf_remaining(&r), 0);
}

static void sub_reader_limits_and_advances(void **state)
{
    (void)state;
    const uint8_t d[] = { 1, 2, 3, 4, 5 };
    struct buf_reader r;
    buf_reader_init(&r, d, sizeof d);
    struct buf_reader s = buf_get_sub(&r, 2);
    assert_int_equal(buf_get_u16(&s), 0x0102);
    assert_int_equal(buf_get_u8(&s), 0);
    assert_false(buf_reader_ok(&s));
    assert_true(buf_reader_ok(&r));
    assert_int_equal(buf_get_u8(&r), 3);
    struct buf_reader big = buf_get_sub(&r, 10);
    assert_false(buf_reader_ok(&big));
    assert_false(buf_reader_ok(&r));
}

static void lying_length_cannot_overflow(void **state)
{
    (void)state;
    const uint8_t d[] = { 9, 9 };
    struct buf_reader r;
    buf_reader_init(&r, d, sizeof d);
    assert_null(buf_get_ptr(&r, SIZE_MAX));
    assert_false(buf_reader_ok(&r));
    buf_reader_init(&r, d, sizeof d);
    assert_true(buf_skip(&r, 1));
    assert_false(buf_skip(&r, SIZE_MAX));
}

static void peek_does_not_consume(void **state)
{
    (void)state;
    const uint8_t d[] = { 7, 8 };
    struct buf_reader r;
    buf_reader_init(&r, d, sizeof d);
    assert_int_equal(buf_peek_u8(&r, 1), 8);
    assert_int_equal(buf_peek_u8(&r, 2), -1);
    assert_int_equal(buf_get_u8(&r), 7);
}

static void writer_fills_and_refuses_overflow(void **state)
{
    (void)state;
    uint8_t out[7];
    struct buf_writer w;
    buf_writer_init(&w, out, sizeof out);
    assert_true(buf_put_u8(&w, 0x11));
    assert_true(buf_put_u16(&w, 0x2233));
    assert_true(buf_put_u32(&w, 0x44556677));
    assert_int_equal(buf_writer_len(&w), 7);
    assert_false(buf_put_u8(&w, 0x88));
    assert_false(buf_writer_ok(&w));
    const uint8_t want[] = { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77 };
    assert_memory_equal(out, want, sizeof want);
}

static void writer_patch_length(void **state)
{
    (void)state;
    uint8_t out[8];
    struct buf_writer w;
    buf_writer_init(&w, out, sizeof out);
    buf_put_u8(&w, 1);
    size_t at = buf_writer_len(&w);
    assert_non_null(buf_put_reserve(&w, 2));
    buf_put_bytes(&w, "abc", 3);
    assert_true(buf_patch_u16(&w, at, (uint16_t)buf_writer_len(&w)));
    assert_int_equal(out[1], 0);
    assert_int_equal(out[2], 6);
    assert_false(buf_patch_u16(&w, 5, 1)); /* would run past what was written */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_big_endian),
        cmocka_unit_test(short_read_sets_sticky_error),
        cmocka_unit_test(sub_reader_limits_and_advances),
        cmocka_unit_test(lying_length_cannot_overflow),
        cmocka_unit_test(peek_does_not_consume),
        cmocka_unit_test(writer_fills_and_refuses_overflow),
        cmocka_unit_test(writer_patch_length),
    };
    return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
