/* libFuzzer target: pap-secrets / chap-secrets lookup and the address rules
 * over arbitrary file contents. The whole input is the file (so the seed
 * corpus holds real files); a hash of it picks the names looked up and the
 * unit. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/secrets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = { NULL, "", "*", "joe", "ppp", "dalek", "srv" };
#define NNAMES (sizeof names / sizeof names[0])

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct secret_match m;
    char err[256];
    uint32_t pick = 2166136261u;     /* FNV-1a */
    for (size_t i = 0; i < size; i++)
        pick = (pick ^ data[i]) * 16777619u;
    log_set_targets(0);     /* skipped-line warnings would flood stderr */
    const char *text = (const char *)data;
    size_t len = size;
    const char *client = names[pick % NNAMES];
    const char *server = names[(pick / NNAMES) % NNAMES];
    unsigned unit = (pick >> 8) % 300;

    int rc = secrets_lookup_text("fuzz-secrets", text, len, client, server, &m, err, sizeof err);
    if (rc < -1 || rc > 1)
        abort();
    if (rc == -1 && strncmp(err, "fuzz-secrets:", 13) != 0 && strncmp(err, "cannot", 6) != 0)
        abort();
    if (rc != 1)
        return 0;
    if (m.secret_len >= SECRETS_SECRET_MAX || m.n_addrs > SECRETS_ADDRS_MAX)
        abort();
    if (!secrets_equal(m.secret, m.secret_len, m.secret, m.secret_len))
        abort();
    if (m.secret_len && secrets_equal(m.secret, m.secret_len, m.secret, m.secret_len - 1))
        abort();

    /* A suggested address must itself be allowed. */
    uint32_t a = 0;
    if (secrets_suggested_addr(&m, unit, &a) && !secrets_addr_allowed(&m, a, unit))
        abort();
    static const uint32_t probes[] = {
        0, 0xc0000201u, 0xc000020au, 0xc0a86404u, 0x0a000005u, 0xffffffffu,
    };
    for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++)
        (void)secrets_addr_allowed(&m, probes[i], unit);
    secrets_wipe(&m, sizeof m);
    return 0;
}
