/* lineio: small I/O helpers shared by getty's line code (the line is
 * non-blocking while getty owns it). */
#ifndef GETTY_LINEIO_H
#define GETTY_LINEIO_H

#include <stddef.h>

/* Write all n bytes, waiting (up to 2 s per stall) when the line is full.
 * 0, or -1 with errno. */
int gline_write_all(int fd, const void *p, size_t n);
/* Monotonic clock in milliseconds, for deadlines. */
long gline_now_ms(void);

#endif
