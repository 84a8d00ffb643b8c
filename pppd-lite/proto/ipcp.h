/* ipcp: the IP Control Protocol (RFC 1332) with DNS options (RFC 1877) as
 * options and callbacks on the fsm, using pppd's address rules. */
#ifndef PPPD_LITE_IPCP_H
#define PPPD_LITE_IPCP_H

#include <stdbool.h>
#include <stdint.h>

#include "pppd-lite/proto/fsm.h"
#include "pppd-lite/proto/protocol.h"

enum {
    IPCP_CI_ADDRS = 1,           /* deprecated IP-Addresses: rejected */
    IPCP_CI_COMPRESSTYPE = 2,    /* VJ: rejected (not implemented) */
    IPCP_CI_ADDR = 3,
    IPCP_CI_MS_DNS1 = 129,
    IPCP_CI_MS_WINS1 = 130,
    IPCP_CI_MS_DNS2 = 131,
    IPCP_CI_MS_WINS2 = 132,
};

struct ipcp_options {
    bool neg_addr;
    uint32_t ouraddr;            /* host order */
    uint32_t hisaddr;
    bool req_dns[2];
    uint32_t dns[2];
    bool accept_local;
    bool accept_remote;
};

struct ipcp {
    struct fsm fsm;              /* first: the table's shared fsm operations */
    const struct proto_env *env;
    struct ipcp_options want;    /* from the settings (and the secrets' address) */
    struct ipcp_options go;      /* what we ask for now */
    struct ipcp_options ho;      /* what the peer asked and we acked */
    bool up;
    bool his_addr_refused;       /* we had to Reject the peer's address (Max-Failure) */
    bool nak_missing_addr;       /* Nak once with its address a peer that asks for none */
    uint32_t up_local, up_remote, up_dns[2];
};

extern const struct protocol ipcp_protocol;

/* pppd's address lines; the engine's owner says them after ENGINE_EV_IP_UP,
 * once the interface, routes and proxy ARP are set (as pppd's ipcp_up). */
struct engine_ip_params;
void ipcp_log_up(const struct engine_ip_params *p);

#endif
