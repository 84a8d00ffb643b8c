/* detach: go to the background as pppd does. Without nodetach/updetach we
 * detach at once; with updetach the parent waits until the first network
 * protocol is up (or the child exits) and then exits with 0 (or the child's
 * failure status). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/lock.h"
#include "common/log.h"
#include "pppd-lite/daemon.h"
#include "pppd-lite/status.h"

/* stdin/stdout (when they are not the line) and stderr to /dev/null; no
 * more log lines on stderr. */
static void leave_terminal(bool stdin_stdout)
{
    int fd = open("/dev/null", O_RDWR);
    if (fd >= 0) {
        if (stdin_stdout) {
            dup2(fd, 0);
            dup2(fd, 1);
        }
        dup2(fd, 2);
        if (fd > 2)
            close(fd);
    }
    log_set_targets(log_get_targets() & ~(unsigned)LOG_TO_STDERR);
}

void session_detach(struct daemon *d)
{
    int p[2] = { -1, -1 };
    if (d->o->updetach && pipe2(p, O_CLOEXEC) < 0) {
        log_error("pipe: %m");
        return;
    }
    pid_t pid = fork();
    if (pid < 0) {
        log_error("Couldn't detach (fork failed: %m)");
        return;
    }
    if (pid > 0) {
        /* parent */
        if (!d->o->updetach)
            _exit(0);
        close(p[1]);
        char c;
        ssize_t n;
        do
            n = read(p[0], &c, 1);
        while (n < 0 && errno == EINTR);
        if (n == 1)
            _exit(0);
        int st = 0;
        waitpid(pid, &st, 0);
        _exit(WIFEXITED(st) ? WEXITSTATUS(st) : 1);
    }
    if (p[0] >= 0)
        close(p[0]);
    d->updetach_fd = p[1];
    setsid();
    if (chdir("/") < 0) {
        /* stay where we are */
    }
    d->detached = true;
    if (!d->o->updetach)
        leave_terminal(true);
    if (d->lock.held)
        lock_relock(&d->lock, getpid());
}

void session_updetach_done(struct daemon *d)
{
    status_link_up(d);
    if (d->updetach_fd < 0)
        return;
    /* the first NCP is up: let the parent exit, leave the terminal */
    if (write(d->updetach_fd, "u", 1) < 0) {
        /* the parent is gone already */
    }
    close(d->updetach_fd);
    d->updetach_fd = -1;
    leave_terminal(d->o->device[0] != '\0');   /* stdin may be the line itself */
}
