/* libFuzzer target for pppd-lite/ctlproto: a control socket request line,
 * bytes from any local client. A request is accepted only as one of the
 * five exact commands (an optional trailing CR aside); anything else gets
 * a reason. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pppd-lite/sys/ctlproto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const words[] = { "status", "terminate", "hangup", "debug on",
                                         "debug off" };
    enum ctl_command cmd;
    const char *err = NULL;
    if (!ctl_parse_request((const char *)data, size, &cmd, &err)) {
        if (!err || !*err)
            abort();
        return 0;
    }
    if ((unsigned)cmd >= sizeof(words) / sizeof(words[0]))
        abort();
    size_t n = size && data[size - 1] == '\r' ? size - 1 : size;
    if (strlen(words[cmd]) != n || memcmp(words[cmd], data, n) != 0)
        abort();
    return 0;
}
