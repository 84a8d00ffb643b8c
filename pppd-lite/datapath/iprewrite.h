/* iprewrite: a queued IPv4 datagram gets the link's new source address.
 * A demand link's interface carries placeholder (or last call's) addresses
 * until IPCP agrees the real ones; what the host sent meanwhile has the old
 * source, and replies to it would go nowhere. pppd's demand_rexmit rewrites
 * the source of the queued packets before sending them; so do we, for the
 * packets that carry the old local address (a LAN host's packets routed
 * through us keep theirs). The IP header checksum and the TCP/UDP checksum,
 * whose pseudo-header holds the source, are patched incrementally
 * (RFC 1624), so a checksum that was right stays right. */
#ifndef PPPD_LITE_IPREWRITE_H
#define PPPD_LITE_IPREWRITE_H

#include <stddef.h>
#include <stdint.h>

enum iprewrite_result {
    IPREWRITE_DONE,         /* the source was old_src: now new_src */
    IPREWRITE_OTHER,        /* IPv6, or another source: untouched */
    IPREWRITE_MALFORMED,    /* short, or a header that lies about its length: untouched */
};

/* Addresses in host byte order; pkt is an IP datagram of len bytes. */
enum iprewrite_result iprewrite_source(uint8_t *pkt, size_t len, uint32_t old_src,
                                       uint32_t new_src);

/* pppd's words for a packet it sends again: "ICMP 192.0.2.2 -> 192.0.2.1",
 * "TCP 192.0.2.2:40000 -> 192.0.2.1:80" (UDP alike), "proto 47 A -> B" for
 * the rest. Always NUL-terminated; "" for what is not a whole IPv4 header. */
void iprewrite_describe(const uint8_t *pkt, size_t len, char *out, size_t outlen);

#endif
