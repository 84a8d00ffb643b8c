/* scripts: pppd.8 "SCRIPTS" (ip-up/ip-down), run safely. */
#include "scripts.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/config.h"
#include "common/log.h"
#include "pppd-lite/sys/child.h"

void script_env_init(struct script_env *e)
{
    /* the 8 KiB store is not cleared: each string is written whole, and a
     * page of it costs memory only once used */
    e->n = 0;
    e->used = 0;
    e->vars[0] = NULL;
}

int script_env_set(struct script_env *e, const char *name, const char *value)
{
    size_t nl = strlen(name), need = nl + 1 + strlen(value) + 1;
    int slot = e->n;
    for (int i = 0; i < e->n; i++)
        if (strncmp(e->vars[i], name, nl) == 0 && e->vars[i][nl] == '=')
            slot = i;   /* replaced: the old text stays in the store, unused */
    if (slot == SCRIPT_ENV_MAX || e->used + need > sizeof(e->store))
        return -1;
    char *p = e->store + e->used;
    snprintf(p, need, "%s=%s", name, value);
    e->used += need;
    e->vars[slot] = p;
    if (slot == e->n)
        e->n++;
    e->vars[e->n] = NULL;
    return 0;
}

const char *script_env_get(const struct script_env *e, const char *name)
{
    size_t nl = strlen(name);
    for (int i = 0; i < e->n; i++)
        if (strncmp(e->vars[i], name, nl) == 0 && e->vars[i][nl] == '=')
            return e->vars[i] + nl + 1;
    return NULL;
}

pid_t script_start(const char *path, char *const argv[], const struct script_env *env,
                   bool allow_own_uid)
{
    if (access(path, X_OK) < 0)
        return 0;   /* pppd: no script, nothing to do */
    char why[CFG_ERR_MAX];
    if (cfg_check_path_secure(path, allow_own_uid, why, sizeof(why)) < 0) {
        log_warn("Not running %s: %s", path, why);
        return 0;
    }
    pid_t pid = fork();
    if (pid < 0) {
        log_error("Failed to create child process for %s: %m", path);
        return -1;
    }
    if (pid == 0) {
        child_prepare();
        int fd = open("/dev/null", O_RDWR);
        if (fd >= 0) {
            dup2(fd, 0);
            dup2(fd, 1);
            dup2(fd, 2);
        }
        closefrom(3);
        execve(path, argv, env->vars);
        _exit(127);
    }
    log_debug("Script %s started (pid %d)", path, (int)pid);
    return pid;
}

int script_wait(pid_t pid, int timeout_ms, int *status)
{
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        pid_t r = waitpid(pid, status, WNOHANG);
        if (r == pid)
            return 1;
        if (r < 0 && errno != EINTR)
            return -1;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long ms = (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
        if (timeout_ms >= 0 && ms >= timeout_ms)
            return 0;
        struct timespec ts = { 0, 10 * 1000 * 1000 };
        nanosleep(&ts, NULL);
    }
}
