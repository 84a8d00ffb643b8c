/* client: one request to a pppd-lite control socket, and where they are. */
#ifndef PPPCTL_CLIENT_H
#define PPPCTL_CLIENT_H

#include <stddef.h>

#include "pppctl/reply.h"

#define CLIENT_TIMEOUT_MS 3000

enum client_result {
    CLIENT_OK,          /* a whole reply (ok or error) is in r */
    CLIENT_NO_LINK,     /* no such socket, or nobody listens on it */
    CLIENT_FAILED,      /* timed out, cut short or malformed: why says it */
};

/* The run directory: PPPD_LITE_RUNDIR or /var/run, plus "/pppd-lite". */
void client_sock_dir(char *out, size_t cap);
/* The socket of interface ifname. -1 when the name cannot be one. */
int client_sock_path(char *out, size_t cap, const char *ifname);
/* Send request (one line, no newline) and read the reply within timeout_ms. */
enum client_result client_query(const char *path, const char *request, struct reply *r,
                                int timeout_ms, char *why, size_t why_cap);
/* Interface names with a socket in the run directory, in version order
 * (ppp2 before ppp10). Returns how many (at most max); names[i] holds up to
 * 64 bytes. */
size_t client_list(char names[][64], size_t max);

#endif
