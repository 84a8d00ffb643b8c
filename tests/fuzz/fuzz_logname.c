/* libFuzzer target for getty/logname: bytes from the line. Checks that the
 * name stays bounded and never starts with '-' or a space, that the echo
 * fits, and that "/AutoPPP/" is only reported with the LCP start seen. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "getty/logname.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct lname ln;
    uint8_t echo_mem[LNAME_ECHO_MAX];

    lname_init(&ln);
    for (size_t i = 0; i < size; i++) {
        struct buf_writer echo;
        buf_writer_init(&echo, echo_mem, sizeof echo_mem);
        enum lname_status st = lname_feed(&ln, data[i], &echo);
        if (!buf_writer_ok(&echo) || ln.len > LNAME_MAX || strlen(ln.name) != ln.len)
            abort();
        if (st == LNAME_DONE && (ln.len == 0 || ln.name[0] == '-' || ln.name[0] == ' '))
            abort();
        if (st == LNAME_PPP) {
            if (strcmp(ln.name, "/AutoPPP/") != 0 || i < 4)
                abort();
        }
        if (st != LNAME_MORE)
            lname_init(&ln);
    }
    return 0;
}
