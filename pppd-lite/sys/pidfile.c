/* pidfile: pid files the seed's ppp-off reads (kill -INT `cat /var/run/ppp0.pid`). */
#include "pidfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pppd-lite/sys/privilege.h"

const char *pidfile_run_dir(void)
{
    const char *e = priv_trusted_getenv("PPPD_LITE_RUNDIR");
    return e ? e : PPPD_LITE_RUN_DIR;
}

int pidfile_write(char *out, size_t outlen, const char *name, pid_t pid, const char *line2)
{
    int n = snprintf(out, outlen, "%s/%s.pid", pidfile_run_dir(), name);
    if (n < 0 || (size_t)n >= outlen) {
        out[0] = '\0';
        errno = ENAMETOOLONG;
        return -1;
    }
    /* write beside, then rename: a reader never sees a half-written file */
    char tmp[4200];
    snprintf(tmp, sizeof(tmp), "%s.tmp%d", out, (int)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) {
        out[0] = '\0';
        return -1;
    }
    char buf[128];
    int len = line2 ? snprintf(buf, sizeof(buf), "%d\n%s\n", (int)pid, line2)
                    : snprintf(buf, sizeof(buf), "%d\n", (int)pid);
    ssize_t w = len > 0 && (size_t)len < sizeof(buf) ? write(fd, buf, (size_t)len) : -1;
    int c = close(fd);
    if (w != len || c < 0 || rename(tmp, out) < 0) {
        int e = errno;
        unlink(tmp);
        out[0] = '\0';
        errno = e;
        return -1;
    }
    return 0;
}

void pidfile_remove(char *path)
{
    if (path[0])
        unlink(path);
    path[0] = '\0';
}
