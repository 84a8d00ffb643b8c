/* ppplogin: the ppp user's login shell (the seed's /etc/ppp/ppplogin script
 * in C): "mesg n", "stty -echo", then exec pppd-lite on the same line.
 *
 * Usage as a login shell: no arguments (a "-c command" is refused, so the
 * account cannot run commands). For tests, and only when run by root:
 *   ppplogin [--conf FILE] [--pppd PATH] */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "common/config.h"
#include "ppplogin/pplconf.h"

extern char **environ;

static int fail(const char *fmt, const char *a, const char *b)
{
    fprintf(stderr, "ppplogin: ");
    fprintf(stderr, fmt, a, b);
    fputc('\n', stderr);
    sleep(1);                     /* no tight loop when a caller keeps retrying */
    return 1;
}

int main(int argc, char **argv)
{
    const char *conf = PPLCONF_DEFAULT_FILE;
    const char *pppd = PPLCONF_DEFAULT_PPPD;
    struct pplconf pc;
    struct termios t;
    struct stat st;
    char err[PPLCONF_ERR_MAX];
    char *text;
    size_t len;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--version") == 0) {
            printf("ppplogin (pppsuite) %s\n", SUITE_VERSION);
            return 0;
        }
        if (strcmp(argv[i], "--help") == 0) {
            printf("Usage: ppplogin   (as the ppp user's login shell)\n"
                   "Turns off messages and echo on the line and runs %s\n"
                   "with the arguments from %s (default: -detach silent modem crtscts).\n"
                   "Root only, for tests: --conf FILE, --pppd PATH.\n",
                   PPLCONF_DEFAULT_PPPD, PPLCONF_DEFAULT_FILE);
            return 0;
        }
        if (getuid() != 0 || i + 1 >= argc ||
            (strcmp(argv[i], "--conf") != 0 && strcmp(argv[i], "--pppd") != 0))
            return fail("%s%s", strcmp(argv[i], "-c") == 0
                        ? "this account runs PPP only; no commands allowed"
                        : "unexpected argument: ", strcmp(argv[i], "-c") == 0 ? "" : argv[i]);
        if (strcmp(argv[i], "--conf") == 0)
            conf = argv[++i];
        else
            pppd = argv[++i];
    }

    if (!isatty(0))
        return fail("%s%s", "standard input is not a terminal", "");
    /* mesg n: nobody else may write to this terminal */
    if (fstat(0, &st) == 0 && (st.st_mode & (S_IWGRP | S_IWOTH)) &&
        fchmod(0, st.st_mode & 07777 & ~(mode_t)(S_IWGRP | S_IWOTH)) < 0)
        return fail("cannot change the terminal's mode: %s%s", strerror(errno), "");
    /* stty -echo: frames must not come back to the peer */
    if (tcgetattr(0, &t) == 0) {
        t.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK | ECHONL);
        if (tcsetattr(0, TCSANOW, &t) < 0)
            return fail("cannot turn echo off: %s%s", strerror(errno), "");
    }

    /* The file picks pppd-lite's arguments for every caller: like pppd's
     * privileged files it must be root-owned and not writable by others. */
    char why[PPLCONF_ERR_MAX];
    if (access(conf, F_OK) == 0 && cfg_check_path_secure(conf, false, why, sizeof why) < 0)
        return fail("not using %s: %s", conf, why);
    if (cfg_read_file(conf, &text, &len, err, sizeof err) == 0) {
        int r = pplconf_parse(&pc, pppd, conf, text, len, err, sizeof err);
        free(text);
        if (r < 0)
            return fail("%s%s", err, "");
    } else if (errno == ENOENT) {
        if (pplconf_defaults(&pc, pppd) < 0)
            return fail("%s%s", "out of memory", "");
    } else {
        return fail("%s%s", err, "");
    }
    if (access(pppd, X_OK) == 0)
        execve(pppd, pc.argv, environ);
    int saved = errno;            /* access() or execve() failed */
    pplconf_free(&pc);
    return fail("cannot run %s: %s", pppd, strerror(saved));
}
