/* reply: parse a pppd-lite control socket reply (pppd-lite/ctlproto.h):
 * "key value" lines, then "ok [text]" or "error text". Bytes from another
 * process: read through a bounds-checked reader; keys must be [a-z0-9_],
 * values printable ASCII (the daemon escapes outside text as \xNN). */
#ifndef PPPCTL_REPLY_H
#define PPPCTL_REPLY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define REPLY_KEY_MAX 32
#define REPLY_VALUE_MAX 256
#define REPLY_FIELDS_MAX 64

enum reply_result {
    REPLY_MORE,      /* no final line yet: read more */
    REPLY_OK,        /* ended with "ok" */
    REPLY_ERROR,     /* ended with "error": text holds the daemon's reason */
    REPLY_BAD,       /* malformed: text says what */
};

struct reply_field {
    char key[REPLY_KEY_MAX];
    char value[REPLY_VALUE_MAX];
};

struct reply {
    size_t n;
    struct reply_field f[REPLY_FIELDS_MAX];
    char text[REPLY_VALUE_MAX];   /* after ok/error, or the parse error */
    bool error;                   /* the final line was "error" */
};

/* Parse len bytes: everything up to and including the final line. */
enum reply_result reply_parse(struct reply *r, const void *data, size_t len);
/* Value of key, or NULL. */
const char *reply_get(const struct reply *r, const char *key);
/* Value of key as a number; 0 when absent or not a number. */
uint64_t reply_u64(const struct reply *r, const char *key);

#endif
