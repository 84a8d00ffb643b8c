/* cmocka tests for common/bigbuf and common/memzero: zeroed buffers, the
 * same result as memset, and (outside AddressSanitizer, where bigbuf is
 * calloc) memory spent only on the pages written, measured in smaps. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/bigbuf.h"
#include "common/memzero.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

#define PAGE 4096u

#ifndef UNDER_ASAN
/* Private_Dirty in KiB of the mapping that holds p; -1 if not found. */
static long private_dirty_kib(const void *p)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    if (!f)
        return -1;
    char line[512];
    bool in = false;
    long kib = -1;
    uintptr_t a = (uintptr_t)p;
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2) {
            in = a >= lo && a < hi;
            continue;
        }
        if (in && sscanf(line, "Private_Dirty: %ld kB", &kib) == 1)
            break;
    }
    fclose(f);
    return kib;
}
#endif

static void bigbuf_is_zeroed_and_writable(void **state)
{
    (void)state;
    size_t n = 300 * 1024 + 5;
    unsigned char *b = bigbuf_alloc(n);
    assert_non_null(b);
    for (size_t i = 0; i < n; i += 997)
        assert_int_equal(b[i], 0);
    assert_int_equal(b[n - 1], 0);
    b[0] = 1;
    b[n - 1] = 2;
    assert_int_equal(b[n - 1], 2);
    bigbuf_free(b, n);
    bigbuf_free(NULL, 10);             /* NULL is ignored */
}

static void memzero_lazy_equals_memset(void **state)
{
    (void)state;
    size_t n = 5 * PAGE + 123;
    unsigned char *a = malloc(n + 16), *b = malloc(n + 16);
    assert_non_null(a);
    assert_non_null(b);
    for (size_t i = 0; i < n + 16; i++)
        a[i] = b[i] = (unsigned char)(i * 7 + 1);
    for (size_t i = 0; i < n + 16; i += PAGE + 1)   /* some zero runs already */
        memset(a + i, 0, 100), memset(b + i, 0, 100);
    /* an unaligned start and length: only [3, 3 + n) changes */
    memzero_lazy(a + 3, n);
    memset(b + 3, 0, n);
    assert_memory_equal(a, b, n + 16);
    memzero_lazy(a, 0);                /* nothing */
    assert_memory_equal(a, b, n + 16);
    free(a);
    free(b);
}

static void pages_cost_only_when_written(void **state)
{
    (void)state;
#ifdef UNDER_ASAN
    skip();
#else
    size_t n = 64 * PAGE;
    unsigned char *b = bigbuf_alloc(n);
    assert_non_null(b);
    long before = private_dirty_kib(b);
    assert_true(before >= 0);
    b[5 * PAGE] = 1;                   /* one page written */
    long one = private_dirty_kib(b);
    assert_int_equal(one - before, 4);
    memzero_lazy(b, n);                /* zeroes that page, reads the others */
    assert_int_equal(b[5 * PAGE], 0);
    assert_int_equal(private_dirty_kib(b) - before, 4);
    memset(b, 0, n);                   /* what memzero_lazy avoids */
    assert_int_equal(private_dirty_kib(b) - before, 64 * 4);
    bigbuf_free(b, n);
#endif
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bigbuf_is_zeroed_and_writable),
        cmocka_unit_test(memzero_lazy_equals_memset),
        cmocka_unit_test(pages_cost_only_when_written),
    };
    return cmocka_run_group_tests_name("bigbuf", tests, NULL, NULL);
}
