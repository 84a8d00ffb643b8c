/* buf: bounds-checked reader and writer for packets.
 *
 * Every parse of bytes from the wire or a file goes through a reader. A read
 * past the end sets a sticky error flag and returns zeros, so a parser may
 * read a whole header and check buf_ok() once. */
#ifndef COMMON_BUF_H
#define COMMON_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct buf_reader {
    const uint8_t *data;
    size_t len;
    size_t pos;
    bool err;
};

struct buf_writer {
    uint8_t *data;
    size_t cap;
    size_t len;
    bool err;
};

void buf_reader_init(struct buf_reader *r, const void *data, size_t len);
bool buf_reader_ok(const struct buf_reader *r);
size_t buf_remaining(const struct buf_reader *r);
uint8_t buf_get_u8(struct buf_reader *r);
uint16_t buf_get_u16(struct buf_reader *r);   /* big-endian */
uint32_t buf_get_u32(struct buf_reader *r);   /* big-endian */
bool buf_get_bytes(struct buf_reader *r, void *out, size_t n);
/* Pointer to the next n bytes (advancing past them), or NULL with the error set. */
const uint8_t *buf_get_ptr(struct buf_reader *r, size_t n);
bool buf_skip(struct buf_reader *r, size_t n);
/* A reader over the next n bytes; the parent advances past them. On a short
 * parent both get the error flag and the child is empty. */
struct buf_reader buf_get_sub(struct buf_reader *r, size_t n);
/* Look at the byte at offset off from the current position without consuming. */
int buf_peek_u8(const struct buf_reader *r, size_t off); /* -1 when past the end */

void buf_writer_init(struct buf_writer *w, void *data, size_t cap);
bool buf_writer_ok(const struct buf_writer *w);
size_t buf_writer_len(const struct buf_writer *w);
size_t buf_writer_room(const struct buf_writer *w);
bool buf_put_u8(struct buf_writer *w, uint8_t v);
bool buf_put_u16(struct buf_writer *w, uint16_t v);
bool buf_put_u32(struct buf_writer *w, uint32_t v);
bool buf_put_bytes(struct buf_writer *w, const void *p, size_t n);
/* Reserve n bytes to fill later (e.g. a length field); NULL with the error set if no room. */
uint8_t *buf_put_reserve(struct buf_writer *w, size_t n);
/* Overwrite a big-endian u16 at an absolute offset already written. */
bool buf_patch_u16(struct buf_writer *w, size_t at, uint16_t v);

#endif
