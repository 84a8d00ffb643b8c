/* memzero: zero what is not zero yet, page by page (memzero.h). */
#include "common/memzero.h"

#include <stdint.h>
#include <string.h>

#define MEMZERO_PAGE 4096u

/* Is p[0..n) all zero? Reads only. */
static int all_zero(const unsigned char *p, size_t n)
{
    unsigned char acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= p[i];
    return acc == 0;
}

void memzero_lazy(void *p, size_t n)
{
    unsigned char *c = p;
    while (n > 0) {
        /* up to the next page boundary, so each write stays in one page */
        size_t room = MEMZERO_PAGE - (size_t)((uintptr_t)c % MEMZERO_PAGE);
        size_t k = n < room ? n : room;
        if (!all_zero(c, k))
            memset(c, 0, k);
        c += k;
        n -= k;
    }
}
