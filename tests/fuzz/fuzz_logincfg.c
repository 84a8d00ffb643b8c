/* libFuzzer target for getty/logincfg: the first line of the input is the
 * login name, the rest the text of login.config. Checks that a result is
 * always a usable argv (NULL-ended, at most 1+9 words, argv[0] non-empty). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "getty/logincfg.h"

static struct lcfg_result res;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char name[128];
    const uint8_t *nl = memchr(data, '\n', size < sizeof name ? size : sizeof name - 1);
    size_t nlen = nl ? (size_t)(nl - data) : 0;
    struct lcfg_ctx ctx = { .name = name, .connect = "57600", .caller_id = "" };

    log_open("fuzz", 0, 0);
    memcpy(name, data, nlen);
    name[nlen] = '\0';
    data += nl ? nlen + 1 : 0;
    size -= nl ? nlen + 1 : 0;
    lcfg_lookup("login.config", (const char *)data, size, &ctx, NULL, &res);
    if (res.argc < 1 || res.argc > LCFG_MAX_ARGS + 1 || res.argv[res.argc] != NULL)
        abort();
    for (size_t i = 0; i < res.argc; i++)
        if (!res.argv[i] || strlen(res.argv[i]) >= LCFG_STR_MAX)
            abort();
    if (!res.program[0] && res.matched)
        abort();
    return 0;
}
