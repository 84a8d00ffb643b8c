/* session: tty ownership, controlling tty, utmp, environment, userid, execve. */
#include "session.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#include <utmp.h>
#include <utmpx.h>

#include "common/log.h"

static void add_env(struct gsess_env *env, const char *name, const char *value)
{
    if (env->n >= (int)(sizeof env->entries / sizeof env->entries[0]))
        return;
    snprintf(env->entries[env->n++], sizeof env->entries[0], "%s=%s", name, value);
}

void gsess_build_env(const struct gsess *s, struct gsess_env *env)
{
    const struct gcall_info *c = s->call;

    env->n = 0;
    add_env(env, "CALLER_ID", c->caller_id[0] ? c->caller_id : "none");
    if (c->caller_name[0])
        add_env(env, "CALLER_NAME", c->caller_name);
    if (c->called_id[0])
        add_env(env, "CALLED_ID", c->called_id);
    if (c->call_date[0])
        add_env(env, "CALL_DATE", c->call_date);
    if (c->call_time[0])
        add_env(env, "CALL_TIME", c->call_time);
    add_env(env, "CONNECT", c->connect);
    add_env(env, "DEVICE", s->line_name);
}

int gsess_set_termios(int fd, bool autoppp, bool crnl)
{
    struct termios t;

    if (tcgetattr(fd, &t) < 0)
        return -1;
    if (autoppp) {
        /* raw, so echoed frames do not look like a loop to the peer, and
         * the frame handed back goes in unchanged (gsess_autoppp_modes then
         * sets what mgetty leaves) */
        t.c_iflag = 0;
        t.c_oflag = 0;
        t.c_lflag = 0;
        t.c_cflag = (t.c_cflag & ~(CSIZE | PARENB | CSTOPB)) | CS8 | CREAD | HUPCL;
        t.c_cc[VMIN] = 1;
        t.c_cc[VTIME] = 0;
    } else {
        /* mgetty's modes (stty -a of Debian's 1.2.1): no XON/XOFF, no
         * IEXTEN, ECHOCTL or ECHOKE; tab3; CR-NL mapping only after a name
         * ended with CR. */
        t.c_iflag = BRKINT | IGNPAR | (crnl ? ICRNL : 0);
        t.c_oflag = OPOST | TAB3 | (crnl ? ONLCR : 0);
        t.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK;
        t.c_cflag = (t.c_cflag & ~(CSIZE | PARENB | CSTOPB)) | CS8 | CREAD | HUPCL;
        t.c_cc[VINTR] = 3;
        t.c_cc[VQUIT] = 28;
        t.c_cc[VERASE] = 127;
        t.c_cc[VKILL] = 21;
        t.c_cc[VEOF] = 4;
        t.c_cc[VMIN] = 1;
        t.c_cc[VTIME] = 0;
        t.c_cc[VSTART] = 17;
        t.c_cc[VSTOP] = 19;
        t.c_cc[VSUSP] = 26;
    }
    /* As mgetty, on modem and direct lines alike: a hangup (DCD drop) must
     * end the session, or a null-modem caller who hangs up leaves it running
     * for the next one. A pty has no DCD: the flag is stored, nothing else. */
    t.c_cflag &= ~(tcflag_t)CLOCAL;
    return tcsetattr(fd, TCSANOW, &t);
}

int gsess_autoppp_modes(int fd)
{
    struct termios t;

    if (tcgetattr(fd, &t) < 0)
        return -1;
    t.c_iflag |= ICRNL;
    t.c_oflag |= ONLCR;
    return tcsetattr(fd, TCSANOW, &t);
}

ssize_t gsess_push_input(int fd, uint8_t *buf, size_t len, size_t cap)
{
    struct pollfd pfd = { .fd = fd, .events = POLLIN };

    while (len < cap && poll(&pfd, 1, 0) > 0 && (pfd.revents & POLLIN)) {
        ssize_t r = read(fd, buf + len, cap - len);
        if (r <= 0)
            break;
        len += (size_t)r;
    }
    if (len >= cap && poll(&pfd, 1, 0) > 0) {
        errno = ENOBUFS;                   /* a flood: in order it cannot be */
        return -1;
    }
    for (size_t i = 0; i < len; i++) {
        char c = (char)buf[i];
        if (ioctl(fd, TIOCSTI, &c) < 0)
            return -1;
    }
    return (ssize_t)len;
}

extern char **environ;

int gsess_exec(const struct gsess *s)
{
    struct gsess_env env;
    struct passwd *pw = NULL;
    int fd = s->fd;

    if (!s->cmd->keep_root) {
        pw = getpwnam(s->cmd->userid);
        if (!pw) {
            log_error("login.config: unknown user '%s'", s->cmd->userid);
            return -1;
        }
    }
    /* mgetty hands every program the line with mode 0600 and leaves its
     * owner (port-owner) as it is, also for a login.config userid */
    if (fchmod(fd, 0600) < 0)
        log_warn("cannot set the mode of %s: %s", s->line_name, strerror(errno));
    /* the line must not be closed when login_tty replaces fds 0-2 */
    if (fd <= 2) {
        int nfd = fcntl(fd, F_DUPFD, 3);
        if (nfd < 0) {
            log_error("dup: %s", strerror(errno));
            return -1;
        }
        fd = nfd;
    }
    if (gsess_set_termios(fd, s->autoppp, s->ended_with_cr) < 0)
        log_warn("cannot set terminal modes on %s: %s", s->line_name, strerror(errno));
    /* blocking I/O for the program */
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    if (login_tty(fd) < 0) {
        log_error("login_tty(%s): %s", s->line_name, strerror(errno));
        return -1;
    }
    /* fd 0 is the line now. The head of the peer's first frame was read while
     * looking for a name: without it pppd would drop that Configure-Request
     * and the link would wait for the peer's restart timer (3 s). mgetty
     * loses it; we hand it back. */
    if (s->pushback_len) {
        ssize_t n = gsess_push_input(0, s->pushback, s->pushback_len, s->pushback_cap);
        if (n < 0)
            log_warn("cannot hand the first PPP frame back to %s: %s; the peer will resend it",
                     s->cmd->program, errno == ENOBUFS ? "more input than fits" : strerror(errno));
        else
            log_debug("AutoPPP: %zd bytes handed back (the peer's first frame and what "
                      "followed it)", n);
    }
    if (s->autoppp && gsess_autoppp_modes(0) < 0)
        log_warn("cannot set terminal modes on %s: %s", s->line_name, strerror(errno));
    if (s->cmd->utmp[0] &&
        gutmp_write(&s->utmp_files, USER_PROCESS, s->line_name, s->cmd->utmp,
                    s->call->connect, getpid()) < 0)
        log_warn("cannot write utmp entry: %s", strerror(errno));
    gsess_build_env(s, &env);
    for (int i = 0; i < env.n; i++) {
        char *eq = strchr(env.entries[i], '=');
        *eq = '\0';
        setenv(env.entries[i], eq + 1, 1);
        *eq = '=';
    }
    if (pw) {
        if (setgid(pw->pw_gid) < 0 || initgroups(pw->pw_name, pw->pw_gid) < 0 ||
            setuid(pw->pw_uid) < 0) {
            log_error("cannot become user '%s': %s", pw->pw_name, strerror(errno));
            return -1;
        }
        if (pw->pw_uid != 0 && setuid(0) == 0) {
            log_error("could give up root for '%s' only partly", pw->pw_name);
            return -1;
        }
    }
    execve(s->cmd->program, s->cmd->argv, environ);
    log_error("cannot execute %s: %s", s->cmd->program, strerror(errno));
    return -1;
}
