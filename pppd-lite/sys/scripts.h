/* scripts: /etc/ppp/ip-up and ip-down with pppd's argv and environment.
 *
 * Run through execve with an argv array and an environment built here
 * (never a shell string), stdin/stdout/stderr on /dev/null, in their own
 * process group. A script runs only when it and every directory above it
 * are root-owned and not writable by others (pppd 2.5.3's path check). */
#ifndef PPPD_LITE_SCRIPTS_H
#define PPPD_LITE_SCRIPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define SCRIPT_ENV_MAX 48
#define SCRIPT_ENV_STORE 8192

struct script_env {
    char *vars[SCRIPT_ENV_MAX + 1];   /* NULL-terminated */
    int n;
    char store[SCRIPT_ENV_STORE];
    size_t used;
};

void script_env_init(struct script_env *e);
/* NAME=value, replacing an earlier NAME. -1 when out of room. */
int script_env_set(struct script_env *e, const char *name, const char *value);
const char *script_env_get(const struct script_env *e, const char *name);

/* Start path with argv (argv[0] = path). >0 the child's pid; 0 not run
 * (missing, or unsafe: the reason is logged); -1 fork failed. */
pid_t script_start(const char *path, char *const argv[], const struct script_env *env,
                   bool allow_own_uid);
/* Wait for pid at most timeout_ms (negative: forever). 1 exited (status in
 * *status), 0 still running, -1 error. */
int script_wait(pid_t pid, int timeout_ms, int *status);

#endif
