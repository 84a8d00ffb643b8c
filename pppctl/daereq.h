/* daereq: one RFC 5176 Disconnect-Request or CoA-Request as pppctl dae acts
 * on it, taken out of the RADIUS library's attribute list (daewire.c): the
 * session it names and what it asks; or the Error-Cause its NAK gives.
 * Pure: no I/O, no RADIUS library. */
#ifndef PPPCTL_DAEREQ_H
#define PPPCTL_DAEREQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* RFC 5176 section 2.3 codes */
enum dae_code {
    DAE_DISCONNECT_REQUEST = 40, DAE_DISCONNECT_ACK = 41, DAE_DISCONNECT_NAK = 42,
    DAE_COA_REQUEST = 43, DAE_COA_ACK = 44, DAE_COA_NAK = 45,
};

/* RFC 5176 section 3.5 Error-Cause values we send */
enum dae_error_cause {
    DAE_ERR_NONE = 0,
    DAE_ERR_UNSUPPORTED_ATTRIBUTE = 401,
    DAE_ERR_MISSING_ATTRIBUTE = 402,
    DAE_ERR_INVALID_REQUEST = 404,
    DAE_ERR_UNSUPPORTED_SERVICE = 405,
    DAE_ERR_INVALID_ATTRIBUTE_VALUE = 407,
    DAE_ERR_SESSION_NOT_FOUND = 503,
    DAE_ERR_RESOURCES_UNAVAILABLE = 506,
};

/* RADIUS attribute numbers (RFC 2865, 2866, 2869, 3162, 5176) */
enum dae_attr {
    DAE_A_USER_NAME = 1, DAE_A_NAS_IP_ADDRESS = 4, DAE_A_NAS_PORT = 5, DAE_A_SERVICE_TYPE = 6,
    DAE_A_FRAMED_IP_ADDRESS = 8, DAE_A_SESSION_TIMEOUT = 27, DAE_A_NAS_IDENTIFIER = 32,
    DAE_A_PROXY_STATE = 33, DAE_A_ACCT_SESSION_ID = 44, DAE_A_EVENT_TIMESTAMP = 55,
    DAE_A_VENDOR_SPECIFIC = 26, DAE_A_TUNNEL_PASSWORD = 69, DAE_A_MESSAGE_AUTHENTICATOR = 80, DAE_A_NAS_IPV6_ADDRESS = 95, DAE_A_ERROR_CAUSE = 101,
};

#define DAE_TEXT_MAX 254          /* a RADIUS text value is at most 253 bytes */
#define DAE_PROXY_STATE_MAX 8     /* Proxy-States echoed in the reply */

struct dae_proxy_state {
    uint8_t len;
    uint8_t val[253];
};

struct dae_request {
    int code;                     /* DAE_DISCONNECT_REQUEST or DAE_COA_REQUEST */
    uint8_t id;                   /* Identifier and Request Authenticator: the */
    uint8_t vector[16];           /* reply's Response Authenticator covers them */
    /* session identification (RFC 5176 section 3): every one given must match */
    bool has_user, has_session_id, has_ip, has_port;
    char user[DAE_TEXT_MAX];
    char session_id[DAE_TEXT_MAX];
    uint32_t ip;                  /* Framed-IP-Address, host order */
    uint32_t port;                /* NAS-Port */
    /* CoA: what changes */
    bool has_session_timeout;
    uint32_t session_timeout;
    /* echoed in the reply (RFC 5176 section 3.1) */
    size_t n_proxy_state;
    struct dae_proxy_state proxy_state[DAE_PROXY_STATE_MAX];
    /* DAE_ERR_NONE, or why it is refused: why names the attribute */
    int error_cause;
    char why[128];
};

/* Start a request of code (40 or 43); anything else is refused (404). */
void dae_req_init(struct dae_request *r, int code);
/* One attribute as the library decoded it: vendor 0 for the standard ones;
 * val/len its raw value (text, or a 4-byte big-endian number or address).
 * The first problem sets error_cause and why; later ones are ignored. */
void dae_req_add(struct dae_request *r, uint32_t vendor, uint32_t attr, const uint8_t *val,
                 size_t len);
/* Before the RADIUS library decodes the attributes (the bytes after the
 * 20-byte header, already checked to be well formed): true when they hold
 * one it must not be given, *attr saying which: Vendor-Specific (we apply
 * none) and Tunnel-Password, whose decryption leaks memory in
 * libfreeradius 3.2.1 (about 330 bytes a packet, measured under ASan).
 * Then the request is refused (401) undecoded, with its Proxy-States taken
 * here into r for the NAK. */
bool dae_req_undecodable(struct dae_request *r, const uint8_t *attrs, size_t len,
                         uint32_t *attr);
/* After the last attribute: a request that names no session (402), or a CoA
 * that changes nothing (402). */
void dae_req_finish(struct dae_request *r);
/* The reply code: ACK or NAK of the request's kind. */
int dae_reply_code(int request_code, bool ack);
/* "Unsupported-Attribute" ... for the log. */
const char *dae_error_name(int cause);

/* A running link as its control socket's status tells it. */
struct dae_session {
    char ifname[64];
    char user[DAE_TEXT_MAX];
    char session_id[DAE_TEXT_MAX];   /* radius_session; "" when RADIUS did not start one */
    bool has_ip, has_port;
    uint32_t ip, port;
};

/* Does s match every identification attribute r carries? */
bool dae_session_matches(const struct dae_request *r, const struct dae_session *s);

#endif
