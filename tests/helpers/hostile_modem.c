/* hostile_modem: a modem that floods its DTE, for tests/e2e/hostile_chat.sh.
 *
 *   hostile_modem [-e TEXT] [-b BYTES] [-s TEXT] [-t SECONDS] -- COMMAND [ARGS...]
 *
 * COMMAND runs in a new session with a pty slave (raw) as its stdin, stdout
 * and controlling terminal. We wait until it has written TEXT (-e, default
 * nothing), then write a flood of junk lines (never containing "CONNECT" or
 * "OK") as fast as the DTE reads them: BYTES in all (-b, default: until the
 * child exits), followed by the text of -s (\r, \n and \s understood). Whatever
 * the child writes is read and thrown away; the flood stops as soon as the
 * child exits, so an early exit cannot leave us blocked on a full pty.
 * After -t SECONDS (default 30) the child is killed.
 * Prints "exit=N ms=M" (N: exit status, or 128+signal) and exits 0; 2 on a
 * usage or pty error. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* \r, \n and \s (space) escapes, in place. */
static size_t unescape(char *s)
{
    size_t o = 0;
    for (size_t i = 0; s[i]; i++) {
        const char *e = s[i] == '\\' && s[i + 1] ? strchr("rns", s[i + 1]) : NULL;
        if (e != NULL) {
            s[o++] = "\r\n "[e - "rns"];
            i++;
        } else {
            s[o++] = s[i];
        }
    }
    s[o] = '\0';
    return o;
}

int main(int argc, char **argv)
{
    const char *expect = "";
    char *final = NULL;
    unsigned long long limit = 0, sent = 0;
    long secs = 30;
    int opt, master, slave;

    while ((opt = getopt(argc, argv, "e:b:s:t:")) != -1) {
        switch (opt) {
        case 'e': expect = optarg; break;
        case 'b': limit = strtoull(optarg, NULL, 10); break;
        case 's': final = optarg; break;
        case 't': secs = strtol(optarg, NULL, 10); break;
        default: goto usage;
        }
    }
    if (optind >= argc)
        goto usage;
    char *exp = strdup(expect);
    if (exp == NULL)
        return 2;
    size_t explen = unescape(exp);
    size_t finallen = final ? unescape(final) : 0;

    struct termios t;
    if (openpty(&master, &slave, NULL, NULL, NULL) < 0) {
        perror("hostile_modem: openpty");
        return 2;
    }
    if (tcgetattr(slave, &t) == 0) {
        cfmakeraw(&t);
        tcsetattr(slave, TCSANOW, &t);
    }
    long long start = now_ms();
    pid_t pid = fork();
    if (pid < 0) {
        perror("hostile_modem: fork");
        return 2;
    }
    if (pid == 0) {
        setsid();
        ioctl(slave, TIOCSCTTY, 0);
        dup2(slave, 0);
        dup2(slave, 1);
        close(slave);
        close(master);
        execvp(argv[optind], argv + optind);
        perror("hostile_modem: exec");
        _exit(127);
    }
    close(slave);   /* the child's exit then shows as EIO on the master */
    fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);

    static const char junk[] = "NO CARRIER?\x01\xff ring RING noise 0123456789 abcdefghijklmn\r\n";
    char seen[4096];
    size_t nseen = 0, pos = 0;
    bool flooding = explen == 0, final_sent = false;
    int status = -1;
    while (status < 0) {
        int st;
        if (waitpid(pid, &st, WNOHANG) == pid) {
            status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
            break;
        }
        if (now_ms() - start > secs * 1000LL) {
            kill(pid, SIGKILL);
            continue;
        }
        struct pollfd p = { master, POLLIN, 0 };
        if (flooding && !final_sent)
            p.events |= POLLOUT;
        if (poll(&p, 1, 50) <= 0)
            continue;
        if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
            char buf[4096];
            ssize_t n = read(master, buf, sizeof buf);
            for (ssize_t i = 0; i < n && !flooding; i++) {
                if (nseen == sizeof seen)
                    nseen = 0;
                seen[nseen++] = buf[i];
                if (nseen >= explen && memcmp(seen + nseen - explen, exp, explen) == 0)
                    flooding = true;
            }
        }
        if (!(p.revents & POLLOUT))
            continue;
        if (limit && sent >= limit) {
            /* the pty has room now; a short final text fits */
            if (finallen && write(master, final, finallen) < 0)
                perror("hostile_modem: write");
            final_sent = true;
            continue;
        }
        ssize_t w = write(master, junk + pos, sizeof junk - 1 - pos);
        if (w > 0) {
            sent += (unsigned long long)w;
            pos = (pos + (size_t)w) % (sizeof junk - 1);
        }
    }
    printf("exit=%d ms=%lld sent=%llu\n", status, now_ms() - start, sent);
    free(exp);
    return 0;
usage:
    fprintf(stderr, "usage: hostile_modem [-e TEXT] [-b BYTES] [-s TEXT] [-t SECONDS] -- COMMAND...\n");
    return 2;
}
