/* lineio: small I/O helpers shared by getty's line code (the line is
 * non-blocking while getty owns it). */
#ifndef GETTY_LINEIO_H
#define GETTY_LINEIO_H

#include <stdbool.h>
#include <stddef.h>

#include "common/serial.h"

/* Write all n bytes, waiting (up to 2 s per stall) when the line is full.
 * 0, or -1 with errno. */
int gline_write_all(int fd, const void *p, size_t n);
/* Open the line: as serial_open (non-blocking), or with blocking true
 * without O_NONBLOCK (mgetty -b): on a real tty the open then waits for
 * carrier unless CLOCAL is set, and the fd stays blocking (getty's reads
 * all poll first). 0, or -1 with errno (ENOTTY: not a terminal). */
int gline_open(struct serial_line *line, const char *path, bool blocking);
/* Monotonic clock in milliseconds, for deadlines. */
long gline_now_ms(void);

#endif
