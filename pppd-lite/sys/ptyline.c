/* ptyline: run the `pty` script on a new pty (pppd tty.c start_charshunt's
 * simple case: the master is our line). */
#include "ptyline.h"

#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include <utmp.h>

#include "common/log.h"
#include "pppd-lite/sys/child.h"
#include "pppd-lite/sys/privilege.h"
#include "pppd-lite/sys/scripts.h"

int ptyline_start(const char *cmd, pid_t *pid, char *slave, size_t slave_len)
{
    int master, sfd;
    char name[256];
    struct termios raw;

    if (openpty(&master, &sfd, name, NULL, NULL) < 0)
        return -1;
    /* raw before the script starts: it speaks PPP, not lines of text */
    if (tcgetattr(sfd, &raw) == 0) {
        cfmakeraw(&raw);
        tcsetattr(sfd, TCSANOW, &raw);
    }
    pid_t p = fork();
    if (p < 0) {
        int e = errno;
        close(master);
        close(sfd);
        errno = e;
        return -1;
    }
    if (p == 0) {
        close(master);
        setsid();           /* first: a group leader could not start a session */
        child_prepare();    /* default signals (its setpgid is a no-op now) */
        if (priv_child_become_user() < 0)   /* pppd runs it as the invoking user */
            _exit(127);
        /* login_tty: the slave as controlling terminal and as fds 0, 1 and
         * 2; keep our stderr for its messages */
        int err = dup(2);
        if (login_tty(sfd) < 0)
            _exit(127);
        if (err >= 0)
            dup2(err, 2);
        closefrom(3);
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    close(sfd);
    fcntl(master, F_SETFD, FD_CLOEXEC);
    fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
    snprintf(slave, slave_len, "%s", name);
    *pid = p;
    log_debug("pty script %s started (pid %d) on %s", cmd, (int)p, name);
    return master;
}

#define PTYLINE_GROUP_GRACE_MS 1000

void ptyline_stop(pid_t pid, int wait_ms)
{
    int status = 0;
    if (pid <= 0)
        return;
    /* it has its own session, so its process group is its pid */
    kill(-pid, SIGTERM);
    kill(pid, SIGTERM);
    if (script_wait(pid, wait_ms, &status) != 1) {
        kill(-pid, SIGKILL);
        kill(pid, SIGKILL);
        script_wait(pid, -1, &status);
        log_warn("pty script (pid %d) did not end on SIGTERM: killed", (int)pid);
        return;
    }
    log_debug("pty script (pid %d) ended, status = 0x%x", (int)pid, status);
    /* What it started (sh -c runs pppoe as its child) got the SIGTERM too,
     * but may outlive it: rp-pppoe's pppoe, for one, was seen still there
     * after its PADT. A second at most, then the group goes. */
    for (int waited = 0; kill(-pid, 0) == 0 && waited < PTYLINE_GROUP_GRACE_MS; waited += 50)
        usleep(50 * 1000);
    if (kill(-pid, SIGKILL) == 0)
        log_debug("pty script's process group %d outlived it: killed", (int)pid);
}
