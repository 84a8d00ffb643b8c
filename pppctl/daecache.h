/* daecache: the replies pppctl dae sent lately, so a retransmitted request
 * (same client address and port, Identifier and Request Authenticator)
 * gets the same answer again instead of being acted on twice: a
 * Disconnect resent because its ACK was lost must not turn into a NAK 503
 * (RFC 5176 section 2.3, RFC 5080 section 2.2.2). Pure: the clock comes in. */
#ifndef PPPCTL_DAECACHE_H
#define PPPCTL_DAECACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#define DAE_CACHE_SLOTS 32
#define DAE_CACHE_MS 30000          /* longer than a DAC's whole retry round */
#define DAE_CACHE_REPLY_MAX 1024    /* our replies: an Error-Cause and Proxy-States */

struct dae_cache_entry {
    bool used;
    uint64_t at;                    /* monotonic ms */
    struct sockaddr_storage from;
    socklen_t from_len;
    uint8_t id;
    uint8_t vector[16];
    size_t len;
    uint8_t reply[DAE_CACHE_REPLY_MAX];
};

struct dae_cache {
    struct dae_cache_entry e[DAE_CACHE_SLOTS];
};

/* The reply sent to this request within DAE_CACHE_MS, or NULL. */
const struct dae_cache_entry *dae_cache_find(const struct dae_cache *c, uint64_t now,
                                             const struct sockaddr *from, socklen_t from_len,
                                             uint8_t id, const uint8_t vector[16]);
/* Remember a reply (the oldest entry makes room); one too long is not kept. */
void dae_cache_put(struct dae_cache *c, uint64_t now, const struct sockaddr *from,
                   socklen_t from_len, uint8_t id, const uint8_t vector[16],
                   const uint8_t *reply, size_t len);

#endif
