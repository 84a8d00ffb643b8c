/* connect: pppd's device scripts (connect, disconnect, init, welcome).
 *
 * These command strings come from the administrator's options, never from
 * the peer, so they run as pppd runs them: /bin/sh -c CMD with the serial
 * line as standard input and output (chat talks to the modem that way) and
 * our standard error. */
#ifndef PPPD_LITE_CONNECT_H
#define PPPD_LITE_CONNECT_H

#include <signal.h>

/* Run cmd and wait for it. While it runs, *stop (set by a signal handler)
 * makes us send SIGTERM to its process group, as pppd forwards SIGINT and
 * SIGTERM to the connector. Logs "Script CMD finished (pid N), status =
 * 0x.." (debug). Returns the exit code (0-255; 128+N when killed by signal
 * N), or -1 when it could not be started. */
int connect_run(const char *cmd, int line_fd, volatile sig_atomic_t *stop);

#endif
