/* libFuzzer target for common/lock's content parser: any bytes a lock file
 * may hold give a PID or 0, never a crash, and the answer depends only on
 * the bytes given (checked by parsing a copy with trailing slack). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/lock.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pid_t pid = lock_parse_pid(data, size);
    if (pid < 0)
        abort();
    if (size == 4 && pid > (1 << 22))
        abort();
    uint8_t *copy = malloc(size + 8);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    memset(copy + size, '7', 8);   /* digits past the end must not be read */
    if (lock_parse_pid(copy, size) != pid)
        abort();
    free(copy);
    return 0;
}
