/* memzero: zero memory without touching the pages that are zero already.
 *
 * memset on a large struct writes every page of it, and a page written is
 * a page of private memory from then on, even when it only ever holds
 * zeros. A static struct (in .bss) or a fresh anonymous mapping starts as
 * the kernel's shared zero page: reading it costs nothing, so a page here
 * is only written when it holds something other than zero. */
#ifndef COMMON_MEMZERO_H
#define COMMON_MEMZERO_H

#include <stddef.h>

/* The same result as memset(p, 0, n). */
void memzero_lazy(void *p, size_t n);

#endif
