/* radmsg: the messages between pppd-lite's event loop and its RADIUS helper
 * process (radworker). A request carries attributes by number (and avpair
 * option text); a reply carries the verdict, the reply attributes and a text
 * for the log. Pure encoding and decoding, bounds-checked: the reader treats
 * every byte as untrusted, so a fuzz target can feed it anything. */
#ifndef PPPD_LITE_RADMSG_H
#define PPPD_LITE_RADMSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RADMSG_MAX_ITEMS 48
#define RADMSG_VAL_MAX 256           /* a RADIUS value is at most 253 bytes */
#define RADMSG_WIRE_MAX (16 + RADMSG_MAX_ITEMS * (9 + RADMSG_VAL_MAX))

enum radmsg_kind {
    RADMSG_AUTH = 1,                 /* loop -> helper: Access-Request */
    RADMSG_ACCT = 2,                 /* loop -> helper: Accounting-Request */
    RADMSG_REPLY = 3,                /* helper -> loop */
};

/* The verdict of a reply (radcli's return codes, named). */
enum radmsg_result {
    RADMSG_OK = 0,                   /* Access-Accept / Accounting-Response */
    RADMSG_REJECT = 1,               /* Access-Reject */
    RADMSG_TIMEOUT = 2,              /* no server answered */
    RADMSG_ERROR = 3,                /* bad reply, configuration, ... */
};

enum radmsg_item_type {
    RADMSG_ITEM_ATTR = 1,            /* an attribute: vendor, number, value */
    RADMSG_ITEM_AVPAIR = 2,          /* `avpair ATTR=VALUE` text for radcli to parse */
    RADMSG_ITEM_TEXT = 3,            /* reply: what happened, in words (attr 0), or
                                        RADMSG_TEXT_ATTRLINE */
};
#define RADMSG_TEXT_ATTRLINE 1       /* a reply attribute as "Name Value" (radattr.so) */

struct radmsg_item {
    uint8_t type;
    uint32_t vendor;                 /* 0: standard attribute */
    uint16_t attr;
    uint16_t len;
    uint8_t val[RADMSG_VAL_MAX];
};

struct radmsg {
    uint8_t kind;
    uint8_t result;                  /* replies */
    uint32_t seq;                    /* a reply carries its request's */
    uint16_t n;
    struct radmsg_item item[RADMSG_MAX_ITEMS];
};

void radmsg_init(struct radmsg *m, enum radmsg_kind kind, uint32_t seq);
/* Add an item; false when the message is full or the value too long. */
bool radmsg_add(struct radmsg *m, uint8_t type, uint32_t vendor, uint16_t attr,
                const void *val, size_t len);
bool radmsg_add_str(struct radmsg *m, uint16_t attr, const char *s);
bool radmsg_add_u32(struct radmsg *m, uint16_t attr, uint32_t v);   /* big-endian */
/* The first attribute (vendor, attr) or NULL. */
const struct radmsg_item *radmsg_find(const struct radmsg *m, uint32_t vendor, uint16_t attr);
/* A 4-byte attribute's value (integer, address: host order); false if absent. */
bool radmsg_get_u32(const struct radmsg *m, uint16_t attr, uint32_t *v);
/* A string attribute into out (NUL-terminated, raw bytes; escape before logging). */
bool radmsg_get_str(const struct radmsg *m, uint32_t vendor, uint16_t attr, char *out,
                    size_t cap);

/* Encode into out; the length, or 0 when cap is too small. */
size_t radmsg_encode(const struct radmsg *m, uint8_t *out, size_t cap);
/* Decode; false (m unusable) for anything malformed. */
bool radmsg_decode(const uint8_t *in, size_t len, struct radmsg *m);

#endif
