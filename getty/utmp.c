/* utmp: utmp/wtmp records (utmpx, glibc's utmpxname and updwtmpx). */
#include "utmp.h"

#include <errno.h>
#include <paths.h>
#include <string.h>
#include <sys/time.h>
#include <utmp.h>
#include <utmpx.h>

#include "common/log.h"

void gutmp_make_id(const char *line, char id[4])
{
    const char *p = line;
    size_t n;

    if (strncmp(p, "tty", 3) == 0)
        p += 3;
    n = strlen(p);
    if (n > 4)
        p += n - 4;
    memset(id, 0, 4);
    memcpy(id, p, strlen(p) < 4 ? strlen(p) : 4);
}

static void fill(char *dst, size_t cap, const char *src)
{
    memset(dst, 0, cap);
    if (src)
        strncpy(dst, src, cap);   /* utmp fields need not be NUL-ended */
}

static const char *utmp_path(const struct gutmp_files *files)
{
    return files && files->utmp && *files->utmp ? files->utmp : _PATH_UTMP;
}

int gutmp_write(const struct gutmp_files *files, short type, const char *line,
                const char *user, const char *host, pid_t pid)
{
    struct utmpx ut, *found = NULL;
    struct timeval tv;
    const char *ufile = utmp_path(files);
    const char *wfile = files && files->wtmp && *files->wtmp ? files->wtmp : _PATH_WTMP;
    int rc = 0;

    memset(&ut, 0, sizeof ut);
    if (utmpxname(ufile) < 0)
        return -1;
    setutxent();
    /* As mgetty's make_utmp_wtmp: only the entry init made for our pid is
     * updated (its ut_id kept); without one nothing is written at all. */
    while ((found = getutxent()) != NULL) {
        if (found->ut_pid == pid) {
            memcpy(ut.ut_id, found->ut_id, sizeof ut.ut_id);
            break;
        }
    }
    if (!found) {
        endutxent();
        utmpxname(_PATH_UTMP);
        log_warn("no utmp/wtmp entry, expect issues");
        return 0;
    }
    ut.ut_type = type;
    ut.ut_pid = pid;
    fill(ut.ut_line, sizeof ut.ut_line, line);
    fill(ut.ut_user, sizeof ut.ut_user, user);
    fill(ut.ut_host, sizeof ut.ut_host, host);
    gettimeofday(&tv, NULL);
    ut.ut_tv.tv_sec = (int32_t)tv.tv_sec;
    ut.ut_tv.tv_usec = (int32_t)tv.tv_usec;
    setutxent();
    errno = 0;
    if (!pututxline(&ut))
        rc = -1;
    endutxent();
    updwtmpx(wfile, &ut);
    utmpxname(_PATH_UTMP);
    return rc;
}

unsigned gutmp_count_users(const struct gutmp_files *files)
{
    const char *ufile = utmp_path(files);
    struct utmpx *u;
    unsigned n = 0;

    if (utmpxname(ufile) < 0)
        return 0;
    setutxent();
    while ((u = getutxent()) != NULL)
        if (u->ut_type == USER_PROCESS)
            n++;
    endutxent();
    utmpxname(_PATH_UTMP);
    return n;
}
