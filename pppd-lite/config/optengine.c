/* optengine: the numeric protocol options whose value the engine reads.
 * One row per option says where the engine keeps it and in which unit, so
 * the copy into struct engine_settings is one loop, and the default shown by
 * --help is the one engine_settings_init() sets (pppd's own man page states
 * some of them wrong; this way ours cannot). */
#include "options.h"

#include <string.h>

#include "pppd-lite/proto/settings.h"

enum optengine_kind {
    OE_COUNT,                    /* unsigned count */
    OE_MS,                       /* the option says seconds, the engine keeps ms (uint32_t) */
    OE_U16,                      /* uint16_t as given */
};

struct optengine {
    const char *name;
    size_t opt;                  /* int in struct ppp_options */
    size_t set;                  /* field in struct engine_settings */
    enum optengine_kind kind;
};

#define O(f) offsetof(struct ppp_options, f)
#define S(f) offsetof(struct engine_settings, f)
#define FSM(p, P)                                                                        \
    { #p "-restart", O(p##_restart), S(P.fsm.restart_ms), OE_MS },                       \
    { #p "-max-configure", O(p##_max_configure), S(P.fsm.max_configure), OE_COUNT },     \
    { #p "-max-terminate", O(p##_max_terminate), S(P.fsm.max_terminate), OE_COUNT },     \
    { #p "-max-failure", O(p##_max_failure), S(P.fsm.max_failure), OE_COUNT }

static const struct optengine optengine_map[] = {
    FSM(lcp, lcp),
    FSM(ipcp, ipcp),
    FSM(ipv6cp, ipv6cp),
    { "mru", O(mru), S(lcp.mru), OE_U16 },
    { "mtu", O(mtu), S(lcp.mtu), OE_U16 },
    { "lcp-echo-interval", O(lcp_echo_interval), S(lcp.echo_interval_ms), OE_MS },
    { "lcp-echo-failure", O(lcp_echo_failure), S(lcp.echo_failure), OE_COUNT },
    { "pap-restart", O(pap_restart), S(auth.pap_restart_ms), OE_MS },
    { "pap-max-authreq", O(pap_max_authreq), S(auth.pap_max_authreq), OE_COUNT },
    { "pap-timeout", O(pap_timeout), S(auth.pap_timeout_ms), OE_MS },
    { "chap-restart", O(chap_restart), S(auth.chap_restart_ms), OE_MS },
    { "chap-max-challenge", O(chap_max_challenge), S(auth.chap_max_challenge), OE_COUNT },
    { "chap-interval", O(chap_interval), S(auth.chap_interval_ms), OE_MS },
};

static const struct optengine *optengine_find(const char *name)
{
    for (size_t i = 0; i < sizeof(optengine_map) / sizeof(optengine_map[0]); i++)
        if (strcmp(optengine_map[i].name, name) == 0)
            return &optengine_map[i];
    return NULL;
}

/* The engine's field in the option's unit. */
static unsigned optengine_get(const struct optengine *m, const struct engine_settings *s)
{
    const char *f = (const char *)s + m->set;

    switch (m->kind) {
    case OE_MS:
        return *(const uint32_t *)(const void *)f / 1000u;
    case OE_U16:
        return *(const uint16_t *)(const void *)f;
    default:
        return *(const unsigned *)(const void *)f;
    }
}

bool options_engine_default(const char *name, unsigned *value)
{
    const struct optengine *m = optengine_find(name);
    struct engine_settings s;

    if (m == NULL)
        return false;
    engine_settings_init(&s);
    *value = optengine_get(m, &s);
    return true;
}

void options_engine_apply(const struct ppp_options *o, struct engine_settings *s)
{
    for (size_t i = 0; i < sizeof(optengine_map) / sizeof(optengine_map[0]); i++) {
        const struct optengine *m = &optengine_map[i];
        const struct opt_desc *d = options_find(m->name);
        int v = *(const int *)(const void *)((const char *)o + m->opt);
        char *f = (char *)s + m->set;

        /* An option not given keeps the engine's default; options.c
         * checked the range, so the value fits. */
        if (d == NULL || !o->seen[options_index(d)].set)
            continue;
        switch (m->kind) {
        case OE_MS:
            *(uint32_t *)(void *)f = (uint32_t)v * 1000u;
            break;
        case OE_U16:
            *(uint16_t *)(void *)f = (uint16_t)v;
            break;
        default:
            *(unsigned *)(void *)f = (unsigned)v;
            break;
        }
    }
}
