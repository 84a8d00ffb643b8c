/* ptyline: pppd's `pty SCRIPT`. SCRIPT runs as /bin/sh -c SCRIPT (it comes
 * from the administrator's options, like connect) with the slave side of a
 * new pseudo-terminal as its controlling terminal, standard input and
 * output, in a session of its own; pppd-lite uses the master side as its
 * line. The classic uses: PPP over ssh, or a program that speaks PPP on its
 * stdin/stdout (another pppd-lite with no device). */
#ifndef PPPD_LITE_PTYLINE_H
#define PPPD_LITE_PTYLINE_H

#include <stddef.h>
#include <sys/types.h>

/* Start cmd on a new pty. Returns the master fd (raw, non-blocking) and
 * puts the child's pid in *pid and the slave's path in slave (for messages:
 * "Connect: ppp0 <--> /dev/pts/3"); -1 with errno on failure. */
int ptyline_start(const char *cmd, pid_t *pid, char *slave, size_t slave_len);

/* End the script: SIGTERM to its process group, SIGKILL when it is still
 * there after wait_ms. Logs how it ended (debug). */
void ptyline_stop(pid_t pid, int wait_ms);

#endif
