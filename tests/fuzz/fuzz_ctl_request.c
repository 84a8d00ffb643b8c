/* libFuzzer target for pppd-lite/ctlproto: a control socket request line,
 * bytes from any local client. A request is accepted only as one of the
 * exact commands (an optional trailing CR aside), or as "session-timeout "
 * and a number in range written the one plain way; anything else gets a
 * reason. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pppd-lite/sys/ctlproto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const words[] = { "status", "terminate", "hangup", "debug on",
                                         "debug off", "terminate admin-reset" };
    struct ctl_request req;
    const char *err = NULL;
    if (!ctl_parse_request((const char *)data, size, &req, &err)) {
        if (!err || !*err)
            abort();
        return 0;
    }
    size_t n = size && data[size - 1] == '\r' ? size - 1 : size;
    if (req.cmd == CTL_CMD_SESSION_TIMEOUT) {
        /* printing the number back gives the request exactly */
        char again[64];
        int k = snprintf(again, sizeof(again), "session-timeout %u", (unsigned)req.arg);
        if (req.arg > CTL_SESSION_TIMEOUT_MAX || k < 0 || (size_t)k != n ||
            memcmp(again, data, n) != 0)
            abort();
        return 0;
    }
    if ((unsigned)req.cmd >= sizeof(words) / sizeof(words[0]))
        abort();
    if (strlen(words[req.cmd]) != n || memcmp(words[req.cmd], data, n) != 0)
        abort();
    return 0;
}
