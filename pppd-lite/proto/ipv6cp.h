/* ipv6cp: the IPv6 Control Protocol (RFC 5072): the 64-bit Interface-
 * Identifier option as options and callbacks on the fsm, with pppd's rules. */
#ifndef PPPD_LITE_IPV6CP_H
#define PPPD_LITE_IPV6CP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pppd-lite/proto/fsm.h"
#include "pppd-lite/proto/protocol.h"

enum {
    IPV6CP_CI_IFACEID = 1,       /* RFC 5072 4.1 Interface-Identifier */
    IPV6CP_CI_COMPRESSTYPE = 2,  /* RFC 5072 4.2: rejected (not implemented) */
};

struct ipv6cp_options {
    bool neg_ifaceid;
    uint64_t ourid;              /* interface identifiers, 0 = unknown */
    uint64_t hisid;
    bool opt_local;              /* ourid was given (ipv6 LOCAL,... or use-ipaddr) */
    bool accept_local;           /* take the peer's idea of our identifier */
};

struct ipv6cp {
    struct fsm fsm;              /* first: the table's shared fsm operations */
    const struct proto_env *env;
    struct ipv6cp_options want;
    struct ipv6cp_options go;
    struct ipv6cp_options ho;
    bool up;
    uint64_t up_local, up_remote;
};

extern const struct protocol ipv6cp_protocol;
/* "fe80::xxxx:xxxx:xxxx:xxxx", pppd's llv6_ntoa (buf of 26 bytes at least). */
#define IPV6CP_LLSTR_MAX 26
const char *ipv6cp_llstr(uint64_t ifid, char *buf, size_t size);

#endif
