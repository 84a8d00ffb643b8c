/* libFuzzer target for getty/options: mgetty.config text. Checks that every
 * value stays in range and every string stays NUL-terminated. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "getty/options.h"

static struct getty_opts o;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    log_open("fuzz", 0, 0);
    gopt_defaults(&o);
    gopt_apply_config(&o, "mgetty.config", (const char *)data, size, "ttyS0");
    if (o.debug < 0 || o.debug > 9 || o.rings < 1 || o.port_mode < 0 || o.port_mode > 07777 ||
        o.speed < 50 || o.login_time < 0)
        abort();
    if (memchr(o.login_prompt, '\0', sizeof o.login_prompt) == NULL ||
        memchr(o.init_chat, '\0', sizeof o.init_chat) == NULL ||
        memchr(o.port_owner, '\0', sizeof o.port_owner) == NULL)
        abort();
    return 0;
}
