/* daewire: RFC 5176 packets on the wire, through FreeRADIUS's own library
 * (libfreeradius-radius): a datagram checked (structure, the Request
 * Authenticator with the client's shared secret, a Message-Authenticator
 * when present) and decoded into a struct dae_request; a reply encoded
 * and signed. Only this file sees the library; no socket here. */
#ifndef PPPCTL_DAEWIRE_H
#define PPPCTL_DAEWIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "pppctl/daereq.h"

#define DAE_DICT_DIR "/usr/share/freeradius"   /* Debian's freeradius-common */
#define DAE_PACKET_MAX 4096                    /* RFC 2865 section 3 */

/* Load the library's dictionaries once. 0, or -1 with why. */
int dae_wire_init(const char *dict_dir, char *why, size_t cap);
/* A datagram from a client whose secret is given. false: drop it (not a
 * Disconnect/CoA-Request, malformed, or the authenticator does not verify:
 * RFC 5176 section 3 and RFC 2866 say such requests are silently
 * discarded), why says which. true: req holds the request, perhaps with an
 * Error-Cause for the NAK. */
bool dae_wire_decode(const uint8_t *pkt, size_t len, const char *secret,
                     struct dae_request *req, char *why, size_t cap);
/* The ACK, or the NAK with error_cause, to req, signed with secret, with
 * req's Proxy-States. Bytes written to out, or -1 with why. */
ssize_t dae_wire_reply(const struct dae_request *req, bool ack, int error_cause,
                       const char *secret, uint8_t *out, size_t cap, char *why, size_t why_cap);

#endif
