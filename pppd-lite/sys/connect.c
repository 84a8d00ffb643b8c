/* connect: run a device script with the tty on stdin/stdout (pppd main.c
 * device_script()). */
#include "connect.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "pppd-lite/sys/child.h"
#include "pppd-lite/sys/privilege.h"

int connect_run(const char *cmd, int line_fd, volatile sig_atomic_t *stop)
{
    pid_t pid = fork();
    if (pid < 0) {
        log_error("Failed to create child process: %m");
        return -1;
    }
    if (pid == 0) {
        child_prepare();
        /* pppd device_script(): the script runs as the invoking user */
        if (priv_child_become_user() < 0) {
            log_error("Couldn't drop privileges for %s", cmd);
            _exit(127);
        }
        if (dup2(line_fd, 0) < 0 || dup2(line_fd, 1) < 0)
            _exit(127);
        closefrom(3);
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    setpgid(pid, pid);
    int status = 0;
    bool killed = false;
    for (;;) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid)
            break;
        if (r < 0 && errno != EINTR) {
            log_error("waitpid: %m");
            return -1;
        }
        if (stop && *stop && !killed) {
            kill(-pid, SIGTERM);
            killed = true;
        }
        struct timespec ts = { 0, 10 * 1000 * 1000 };
        nanosleep(&ts, NULL);
    }
    log_debug("Script %s finished (pid %d), status = 0x%x", cmd, (int)pid, status);
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return 128 + WTERMSIG(status);
}
