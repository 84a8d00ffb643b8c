/* phonebook: dialled numbers to simulated lines. Numbers are compared by
 * their digits (and * #) only, so 301-555-1212, (301) 555 1212 and
 * 3015551212 are the same number. */
#ifndef MODEMSIM_PHONEBOOK_H
#define MODEMSIM_PHONEBOOK_H

#include <stddef.h>

#define PHONEBOOK_MAX 32
#define PHONEBOOK_DIGITS 32

struct phonebook {
    struct {
        char digits[PHONEBOOK_DIGITS];
        int line;
    } e[PHONEBOOK_MAX];
    size_t n;
};

/* Keep the dialable characters (0-9 * #); -1 when none or too many. */
int phonebook_normalize(const char *in, char *out, size_t cap);
/* Add NUMBER for line index; -1 when the number is empty, too long, a duplicate or the book full. */
int phonebook_add(struct phonebook *pb, const char *number, int line);
/* Line index for a dialled string, or -1. */
int phonebook_lookup(const struct phonebook *pb, const char *dialled);

#endif
