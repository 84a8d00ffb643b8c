/* strvec: a growable vector of string copies, each with the line it came
 * from (0 if none): the word lists of chat scripts and option files. */
#ifndef COMMON_STRVEC_H
#define COMMON_STRVEC_H

#include <stddef.h>

struct strvec {
    char **v;                    /* v[0..n-1]: NUL-terminated copies */
    unsigned *lines;             /* lines[i]: where v[i] came from */
    size_t n, cap;
};

/* Append a copy of s; -1 (vector unchanged) when memory runs out. */
int strvec_add(struct strvec *sv, const char *s, unsigned line);
/* Free every copy; the vector is empty and reusable afterwards. */
void strvec_free(struct strvec *sv);

#endif
