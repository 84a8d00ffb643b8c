/* line: pty per simulated modem with a stable symlink (see line.h). */
#include "line.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "common/log.h"

int line_parse(struct line *l, const char *spec)
{
    const char *eq = strchr(spec, '=');
    memset(l, 0, sizeof *l);
    l->master = -1;
    if (!eq || eq == spec || (size_t)(eq - spec) >= sizeof l->name || eq[1] == '\0'
        || strlen(eq + 1) >= sizeof l->path)
        return -1;
    memcpy(l->name, spec, (size_t)(eq - spec));
    l->name[eq - spec] = '\0';
    snprintf(l->path, sizeof l->path, "%s", eq + 1);
    return 0;
}

/* Point path at target atomically: a temporary link renamed over it, so a
 * getty reopening the path never finds it missing. */
static int repoint(const char *path, const char *target)
{
    char tmp[PATH_MAX + 16];
    struct stat st;
    if (lstat(path, &st) == 0 && !S_ISLNK(st.st_mode)) {
        log_error("modemsim: %s exists and is not a symlink; not replacing it", path);
        errno = EEXIST;
        return -1;
    }
    snprintf(tmp, sizeof tmp, "%s.%ld~", path, (long)getpid());
    unlink(tmp);
    if (symlink(target, tmp) < 0 || rename(tmp, path) < 0) {
        int e = errno;
        log_error("modemsim: cannot link %s -> %s: %s", path, target, strerror(e));
        unlink(tmp);
        errno = e;
        return -1;
    }
    return 0;
}

/* Open the slave once and set raw mode, so nothing we write is echoed back
 * before the DTE sets its own modes, and so the master reports POLLHUP until
 * a DTE opens the line (a never-opened pty reports nothing). */
static int setup_slave(const struct line *l)
{
    int s = open(l->slave, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (s < 0) {
        log_error("modemsim: cannot open %s: %s", l->slave, strerror(errno));
        return -1;
    }
    struct termios t;
    if (tcgetattr(s, &t) == 0) {
        cfmakeraw(&t);
        cfsetispeed(&t, B57600);
        cfsetospeed(&t, B57600);
        tcsetattr(s, TCSANOW, &t);
    }
    fchmod(s, 0660);
    close(s);
    return 0;
}

int line_create(struct line *l)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (m < 0 || grantpt(m) < 0 || unlockpt(m) < 0) {
        log_error("modemsim: cannot create a pty for %s: %s", l->name, strerror(errno));
        if (m >= 0)
            close(m);
        return -1;
    }
    const char *sn = ptsname(m);
    if (!sn || strlen(sn) >= sizeof l->slave) {
        close(m);
        return -1;
    }
    snprintf(l->slave, sizeof l->slave, "%s", sn);
    if (setup_slave(l) < 0 || repoint(l->path, l->slave) < 0) {
        close(m);
        return -1;
    }
    l->master = m;
    l->dte_open = false;
    log_debug("modemsim: line %s: %s -> %s", l->name, l->path, l->slave);
    return 0;
}

int line_hangup(struct line *l)
{
    /* With CAP_SYS_ADMIN, hang up the slave in place (every open fd gets
     * EOF/EIO, the session SIGHUP) and keep the same pty, so the device
     * name stays stable (a bind mount on /dev/ttyS0 keeps working). The
     * hangup resets the slave's termios: set raw mode again. */
    int s = l->master >= 0 ? open(l->slave, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC) : -1;
    if (s >= 0) {
        int rc = ioctl(s, TIOCVHANGUP);
        close(s);
        if (rc == 0 && setup_slave(l) == 0) {
            l->dte_open = false;
            return 0;
        }
    }
    /* Otherwise close the master (which hangs up the slave the same way)
     * and move the symlink to a fresh pty. */
    if (l->master >= 0)
        close(l->master);
    l->master = -1;
    l->dte_open = false;
    return line_create(l);
}

void line_destroy(struct line *l)
{
    char target[sizeof l->slave];
    ssize_t n = readlink(l->path, target, sizeof target - 1);
    if (n > 0) {
        target[n] = '\0';
        if (strcmp(target, l->slave) == 0)
            unlink(l->path);
    }
    if (l->master >= 0)
        close(l->master);
    l->master = -1;
}

bool line_dte_present(const struct line *l)
{
    struct pollfd p = { .fd = l->master, .events = POLLIN };
    if (l->master < 0 || poll(&p, 1, 0) < 0)
        return false;
    return !(p.revents & POLLHUP) || (p.revents & POLLIN);
}
