/* daecache: recent replies for retransmitted requests (see daecache.h). */
#include <netinet/in.h>
#include <string.h>

#include "pppctl/daecache.h"

/* Family, address and port; nothing else of the sockaddr counts. */
static bool same_peer(const struct sockaddr_storage *a, const struct sockaddr *b)
{
    if (a->ss_family != b->sa_family)
        return false;
    if (b->sa_family == AF_INET) {
        const struct sockaddr_in *x = (const struct sockaddr_in *)a;
        const struct sockaddr_in *y = (const struct sockaddr_in *)b;
        return x->sin_port == y->sin_port && x->sin_addr.s_addr == y->sin_addr.s_addr;
    }
    if (b->sa_family == AF_INET6) {
        const struct sockaddr_in6 *x = (const struct sockaddr_in6 *)a;
        const struct sockaddr_in6 *y = (const struct sockaddr_in6 *)b;
        return x->sin6_port == y->sin6_port &&
               memcmp(&x->sin6_addr, &y->sin6_addr, sizeof(x->sin6_addr)) == 0;
    }
    return false;
}

const struct dae_cache_entry *dae_cache_find(const struct dae_cache *c, uint64_t now,
                                             const struct sockaddr *from, socklen_t from_len,
                                             uint8_t id, const uint8_t vector[16])
{
    for (size_t i = 0; i < DAE_CACHE_SLOTS; i++) {
        const struct dae_cache_entry *e = &c->e[i];
        if (e->used && now - e->at < DAE_CACHE_MS && e->id == id &&
            e->from_len == from_len && same_peer(&e->from, from) &&
            memcmp(e->vector, vector, 16) == 0)
            return e;
    }
    return NULL;
}

void dae_cache_put(struct dae_cache *c, uint64_t now, const struct sockaddr *from,
                   socklen_t from_len, uint8_t id, const uint8_t vector[16],
                   const uint8_t *reply, size_t len)
{
    if (len > DAE_CACHE_REPLY_MAX || from_len > sizeof(c->e[0].from))
        return;
    struct dae_cache_entry *slot = &c->e[0];
    for (size_t i = 0; i < DAE_CACHE_SLOTS; i++) {
        struct dae_cache_entry *e = &c->e[i];
        if (!e->used || now - e->at >= DAE_CACHE_MS) {
            slot = e;
            break;
        }
        if (e->at < slot->at)
            slot = e;
    }
    memset(slot, 0, sizeof(*slot));
    slot->used = true;
    slot->at = now;
    memcpy(&slot->from, from, from_len);
    slot->from_len = from_len;
    slot->id = id;
    memcpy(slot->vector, vector, 16);
    slot->len = len;
    memcpy(slot->reply, reply, len);
}
