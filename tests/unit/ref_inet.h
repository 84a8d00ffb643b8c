/* Reference IP/TCP helpers for the tests: the Internet checksum done the
 * slow, obvious way (16-bit words one at a time, RFC 1071), independent of
 * pppd-lite/datapath/gso.c, and big-endian field access. */
#ifndef TESTS_REF_INET_H
#define TESTS_REF_INET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

static inline uint32_t ref_sum(uint32_t s, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i + 1 < n; i += 2)
        s += (uint32_t)(p[i] << 8 | p[i + 1]);
    if (n & 1)
        s += (uint32_t)p[n - 1] << 8;
    return s;
}

static inline uint16_t ref_fold(uint32_t s)
{
    while (s > 0xffff)
        s = (s & 0xffff) + (s >> 16);
    return (uint16_t)s;
}

static inline uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static inline uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static inline void set16(uint8_t *p, uint32_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static inline void set32(uint8_t *p, uint32_t v) { set16(p, v >> 16); set16(p + 2, v); }

static inline bool is_v6(const uint8_t *ip) { return (ip[0] >> 4) == 6; }
static inline size_t l3len(const uint8_t *ip)
{
    return is_v6(ip) ? 40 : (size_t)(ip[0] & 15) * 4;
}

/* Pseudo-header (RFC 9293 3.1, RFC 8200 8.1) plus a transport length. */
static inline uint32_t ref_pseudo(const uint8_t *ip, uint8_t proto, size_t l4len)
{
    uint32_t s = is_v6(ip) ? ref_sum(0, ip + 8, 32) : ref_sum(0, ip + 12, 8);
    return s + proto + (uint32_t)(l4len >> 16) + (uint32_t)(l4len & 0xffff);
}

static inline bool ip4_csum_ok(const uint8_t *ip)
{
    return ref_fold(ref_sum(0, ip, l3len(ip))) == 0xffff;
}

static inline bool l4_csum_ok(const uint8_t *ip, size_t len, uint8_t proto)
{
    size_t h = l3len(ip);
    return ref_fold(ref_pseudo(ip, proto, len - h) + ref_sum(0, ip + h, len - h)) == 0xffff;
}

/* Fill in a correct TCP (and IPv4 header) checksum. */
static inline void fix_csums(uint8_t *ip, size_t len)
{
    size_t h = l3len(ip);
    if (!is_v6(ip)) {
        set16(ip + 10, 0);
        set16(ip + 10, (uint16_t)~ref_fold(ref_sum(0, ip, h)));
    }
    set16(ip + h + 16, 0);
    set16(ip + h + 16,
          (uint16_t)~ref_fold(ref_pseudo(ip, 6, len - h) + ref_sum(0, ip + h, len - h)));
}

#endif
