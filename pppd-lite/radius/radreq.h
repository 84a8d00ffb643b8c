/* radreq: what pppd-lite asks a RADIUS server and what it makes of the
 * answers, as radmsg messages (pure: no I/O, no clock, no radcli).
 * Attribute numbers and values as RFC 2865, 2866 and 2869 name them. */
#ifndef PPPD_LITE_RADREQ_H
#define PPPD_LITE_RADREQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/secrets.h"
#include "pppd-lite/radius/radmsg.h"

enum {
    RAD_USER_NAME = 1, RAD_USER_PASSWORD = 2, RAD_CHAP_PASSWORD = 3, RAD_NAS_IP_ADDRESS = 4,
    RAD_NAS_PORT = 5, RAD_SERVICE_TYPE = 6, RAD_FRAMED_PROTOCOL = 7,
    RAD_FRAMED_IP_ADDRESS = 8, RAD_FILTER_ID = 11, RAD_FRAMED_MTU = 12,
    RAD_REPLY_MESSAGE = 18, RAD_FRAMED_ROUTE = 22, RAD_CLASS = 25, RAD_SESSION_TIMEOUT = 27,
    RAD_IDLE_TIMEOUT = 28, RAD_CALLING_STATION_ID = 31, RAD_NAS_IDENTIFIER = 32,
    RAD_ACCT_STATUS_TYPE = 40, RAD_ACCT_DELAY_TIME = 41, RAD_ACCT_INPUT_OCTETS = 42,
    RAD_ACCT_OUTPUT_OCTETS = 43, RAD_ACCT_SESSION_ID = 44, RAD_ACCT_AUTHENTIC = 45,
    RAD_ACCT_SESSION_TIME = 46, RAD_ACCT_INPUT_PACKETS = 47, RAD_ACCT_OUTPUT_PACKETS = 48,
    RAD_ACCT_TERMINATE_CAUSE = 49, RAD_ACCT_INPUT_GIGAWORDS = 52,
    RAD_ACCT_OUTPUT_GIGAWORDS = 53, RAD_CHAP_CHALLENGE = 60, RAD_NAS_PORT_TYPE = 61,
    RAD_CONNECT_INFO = 77, RAD_ACCT_INTERIM_INTERVAL = 85,
};
#define RAD_VENDOR_MICROSOFT 311
enum { RAD_MS_PRIMARY_DNS = 28, RAD_MS_SECONDARY_DNS = 29 };

enum { RAD_STATUS_START = 1, RAD_STATUS_STOP = 2, RAD_STATUS_INTERIM = 3 };
/* RFC 2866 5.10 Acct-Terminate-Cause */
enum rad_cause {
    RAD_CAUSE_USER_REQUEST = 1, RAD_CAUSE_LOST_CARRIER = 2, RAD_CAUSE_LOST_SERVICE = 3,
    RAD_CAUSE_IDLE_TIMEOUT = 4, RAD_CAUSE_SESSION_TIMEOUT = 5, RAD_CAUSE_ADMIN_RESET = 6,
    RAD_CAUSE_ADMIN_REBOOT = 7, RAD_CAUSE_PORT_ERROR = 8, RAD_CAUSE_NAS_ERROR = 9,
    RAD_CAUSE_NAS_REQUEST = 10, RAD_CAUSE_SERVICE_UNAVAILABLE = 15, RAD_CAUSE_CALLBACK = 16,
};

/* Who is asking, for every request (RFC 2865 5.4-5.6, 5.31, 5.32, 2869 5.11). */
struct radreq_nas {
    unsigned port;                   /* NAS-Port: the unit */
    const char *calling;             /* Calling-Station-Id, "" none */
    const char *connect_info;        /* Connect-Info, "" none */
    const char *const *avpairs;      /* `avpair` texts */
    size_t n_avpairs;
};

/* The attributes every request starts with: User-Name, Service-Type
 * Framed, Framed-Protocol PPP, NAS-Port, NAS-Port-Type Async, then the
 * NAS's (Calling-Station-Id, Connect-Info, avpairs). false if too long. */
bool radreq_nas_attrs(struct radmsg *m, const struct radreq_nas *nas, const char *user);

/* Access-Request for PAP (User-Password) or CHAP-MD5 (CHAP-Password is the
 * ident then the 16-byte response, CHAP-Challenge ours). false if too long. */
bool radreq_auth_pap(struct radmsg *m, uint32_t seq, const struct radreq_nas *nas,
                     const char *user, const char *password, size_t plen);
bool radreq_auth_chap(struct radmsg *m, uint32_t seq, const struct radreq_nas *nas,
                      const char *user, uint8_t ident, const uint8_t *challenge, size_t clen,
                      const uint8_t *response, size_t rlen);

/* What an Access-Accept grants. */
struct radreq_grant {
    bool has_ip;                     /* Framed-IP-Address given */
    uint32_t ip;                     /* host order; 0xfffffffe: we choose, 0xffffffff: the peer */
    uint32_t mtu, session_timeout, idle_timeout, interim;   /* 0: not given */
    uint32_t dns[2];
    uint8_t class_[253];
    size_t class_len;                /* 0: no Class */
    char filter_id[254];
    char framed_route[254];
    char message[256];               /* Reply-Message (raw; escape before logging) */
    char peer_text[254];             /* MS-CHAP: the Success/Failure text for the peer from
                                        MS-CHAP2-Success / MS-CHAP-Error (radms), "" none */
};
void radreq_grant(const struct radmsg *reply, struct radreq_grant *g);
/* The secrets entry the engine applies: the granted address alone, else any. */
void radreq_grant_match(const struct radreq_grant *g, const char *user, struct secret_match *m);

/* The figures of one session, for Accounting-Requests. */
struct radreq_session {
    char id[40];                     /* Acct-Session-Id */
    const char *user;
    uint32_t ip;                     /* host order, 0: none yet */
    uint32_t seconds;
    uint64_t in_octets, out_octets;  /* from the peer, to the peer */
    uint64_t in_packets, out_packets;
    const uint8_t *class_;
    size_t class_len;
};
bool radreq_acct(struct radmsg *m, uint32_t seq, const struct radreq_nas *nas,
                 const struct radreq_session *s, int status_type, int cause);
/* pppd's exit status (pppd.8) to the Acct-Terminate-Cause pppd's radius plugin sends. */
int radreq_cause(int exit_status);
/* Acct-Session-Id, unique on this host across restarts: the boot-independent
 * wall-clock seconds, the process id and a per-process counter, in hex. */
void radreq_session_id(char *out, size_t cap, uint64_t wall_s, unsigned pid, unsigned counter);

#endif
