/* strvec: see strvec.h. */
#include "strvec.h"

#include <stdlib.h>
#include <string.h>

int strvec_add(struct strvec *sv, const char *s, unsigned line)
{
    if (sv->n == sv->cap) {
        size_t cap = sv->cap ? sv->cap * 2 : 16;
        char **v = realloc(sv->v, cap * sizeof(*v));
        if (v == NULL)
            return -1;
        sv->v = v;
        unsigned *l = realloc(sv->lines, cap * sizeof(*l));
        if (l == NULL)
            return -1;
        sv->lines = l;
        sv->cap = cap;
    }
    char *copy = strdup(s);
    if (copy == NULL)
        return -1;
    sv->v[sv->n] = copy;
    sv->lines[sv->n++] = line;
    return 0;
}

void strvec_free(struct strvec *sv)
{
    for (size_t i = 0; i < sv->n; i++)
        free(sv->v[i]);
    free(sv->v);
    free(sv->lines);
    sv->v = NULL;
    sv->lines = NULL;
    sv->n = sv->cap = 0;
}
