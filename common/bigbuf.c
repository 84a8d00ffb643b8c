/* bigbuf: one anonymous mapping per buffer (bigbuf.h). */
#include "common/bigbuf.h"

#include <stdlib.h>
#include <sys/mman.h>

#if defined(__SANITIZE_ADDRESS__)
#define BIGBUF_MALLOC 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BIGBUF_MALLOC 1
#endif
#endif

void *bigbuf_alloc(size_t n)
{
#ifdef BIGBUF_MALLOC
    return calloc(1, n ? n : 1);
#else
    void *p = mmap(NULL, n ? n : 1, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
#endif
}

void bigbuf_free(void *p, size_t n)
{
    if (!p)
        return;
#ifdef BIGBUF_MALLOC
    (void)n;
    free(p);
#else
    munmap(p, n ? n : 1);
#endif
}
