/* phonebook: dialled numbers to lines, punctuation ignored (see phonebook.h). */
#include "phonebook.h"

#include <string.h>

int phonebook_normalize(const char *in, char *out, size_t cap)
{
    size_t n = 0;
    for (; *in; in++) {
        char c = *in;
        if ((c >= '0' && c <= '9') || c == '*' || c == '#') {
            if (n + 1 >= cap)
                return -1;
            out[n++] = c;
        }
    }
    if (cap > 0)
        out[n < cap ? n : cap - 1] = '\0';
    return n > 0 ? 0 : -1;
}

int phonebook_lookup(const struct phonebook *pb, const char *dialled)
{
    char d[PHONEBOOK_DIGITS];
    if (phonebook_normalize(dialled, d, sizeof d) < 0)
        return -1;
    for (size_t i = 0; i < pb->n; i++)
        if (strcmp(pb->e[i].digits, d) == 0)
            return pb->e[i].line;
    return -1;
}

int phonebook_add(struct phonebook *pb, const char *number, int line)
{
    if (pb->n >= PHONEBOOK_MAX || phonebook_lookup(pb, number) >= 0)
        return -1;
    if (phonebook_normalize(number, pb->e[pb->n].digits, sizeof pb->e[pb->n].digits) < 0)
        return -1;
    pb->e[pb->n].line = line;
    pb->n++;
    return 0;
}
