/* pap: Password Authentication Protocol (RFC 1334 2), both roles. */
#ifndef PPPD_LITE_PAP_H
#define PPPD_LITE_PAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pppd-lite/proto/protocol.h"
#include "pppd-lite/proto/settings.h"

enum { PAP_AUTHREQ = 1, PAP_AUTHACK = 2, PAP_AUTHNAK = 3 };

enum pap_client_state { PAP_CS_IDLE, PAP_CS_REQSENT, PAP_CS_OPEN, PAP_CS_BADAUTH };
enum pap_server_state { PAP_SS_IDLE, PAP_SS_LISTEN, PAP_SS_VERIFYING, PAP_SS_OPEN,
                        PAP_SS_BADAUTH };

struct engine;

/* With auth.c one unit (as in pppd): it knows the engine. */
struct pap {
    const struct proto_env *env;
    struct engine *e;
    enum pap_client_state cstate;
    enum pap_server_state sstate;
    uint8_t id;
    unsigned transmits;
    uint64_t client_deadline;
    uint64_t server_deadline;
    char user[ENGINE_NAME_MAX];
    char password[ENGINE_NAME_MAX];
    char peer[ENGINE_NAME_MAX];  /* name the peer authenticated with */
    /* PAP_SS_VERIFYING: the owner's verdict on this request is awaited */
    unsigned verify_id;
    uint8_t verify_pkt_id;       /* the Authenticate-Request to answer */
    char verify_user[256];
};

extern const struct protocol pap_protocol;

void pap_start_client(struct pap *p);      /* authenticate ourselves */
void pap_start_server(struct pap *p);      /* wait for the peer's request */
void pap_stop(struct pap *p);              /* link down: forget everything */
/* The owner's verdict on check verify_id; false if it is not ours. */
bool pap_verify_done(struct pap *p, unsigned verify_id, bool ok, const struct secret_match *m);

#endif
