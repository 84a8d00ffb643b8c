/* dae: `pppctl dae [ADDR:]PORT radius-config-file FILE`, the host's one
 * RFC 5176 Dynamic Authorization listener. In the foreground it answers
 * Disconnect-Requests (the matching links end with Acct-Terminate-Cause
 * Admin-Reset) and CoA-Requests carrying Session-Timeout (the links' new
 * connect-time limit), finding the links through their control sockets. */
#ifndef PPPCTL_DAE_H
#define PPPCTL_DAE_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#define DAE_DEFAULT_PORT 3799    /* RFC 5176 section 3.1 */

/* ADDR:PORT, [V6]:PORT or PORT (every IPv4 address) into sa. */
bool dae_parse_listen(const char *spec, struct sockaddr_storage *sa, socklen_t *len);
/* The subcommand: args after "dae". Returns the exit status; ends when
 * *stop is set (SIGINT/SIGTERM). */
int dae_main(int argc, char **argv, volatile sig_atomic_t *stop);

#endif
