/* pidfile: /var/run/<ifname>.pid ("%d\n") and ppp-<linkname>.pid (pid line
 * and ifname line), as pppd 2.4's create_pidfile/create_linkpidfile. The
 * directory is PPPD_LITE_RUN_DIR ("/var/run") or the environment variable
 * PPPD_LITE_RUNDIR (tests; ignored when set-uid). */
#ifndef PPPD_LITE_PIDFILE_H
#define PPPD_LITE_PIDFILE_H

#include <stddef.h>
#include <sys/types.h>

#ifndef PPPD_LITE_RUN_DIR
#define PPPD_LITE_RUN_DIR "/var/run"
#endif

const char *pidfile_run_dir(void);
/* Write RUNDIR/<name>.pid with pid (and a second line when line2 != NULL);
 * the path goes to out. 0 ok, -1 with errno. */
int pidfile_write(char *out, size_t outlen, const char *name, pid_t pid, const char *line2);
/* Remove a pid file written by pidfile_write (no-op for ""); clears out. */
void pidfile_remove(char *path);

#endif
