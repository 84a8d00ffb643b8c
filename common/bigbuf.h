/* bigbuf: large buffers that cost memory only for the pages used.
 *
 * A buffer sized for the worst case (a 64 KiB tty read, a 256 KiB output
 * queue, a 16 KiB MRU) is mostly never touched on a 57600 bps line. From
 * malloc it may land on heap pages that earlier, freed data already made
 * private, and once freed it stays in the heap; an anonymous mapping of its
 * own starts as zero pages that become private only when written, and goes
 * back to the kernel when freed. Under AddressSanitizer it is plain calloc,
 * so overflows are still caught. */
#ifndef COMMON_BIGBUF_H
#define COMMON_BIGBUF_H

#include <stddef.h>

/* n zeroed bytes, or NULL with errno set. */
void *bigbuf_alloc(size_t n);
/* Release a buffer from bigbuf_alloc of the same n (NULL is ignored). */
void bigbuf_free(void *p, size_t n);

#endif
