/* ptylink: a null-modem cable made of pseudo-terminals, for pppd-lite tests.
 *
 *   ptylink [-7] [-x MS] LINK_A LINK_B   two ptys; bytes relayed between them
 *   ptylink -e LINK_A                    one pty that echoes everything back
 *   ptylink -s LINK_A                    one pty that swallows everything
 *   ptylink -t TEXT LINK_A               one pty that swallows input and sends
 *                                        TEXT every 200 ms (a login prompt)
 *
 * LINK_x become symlinks to the slave devices (/dev/pts/N). Both slaves are
 * set raw and held open by ptylink itself, so a program may open and close
 * its end at any time. -7 clears bit 7 of every byte going towards A (a
 * 7-bit line). -x MS closes both ends after MS milliseconds and exits (the
 * programs on the slaves see a modem hangup). Runs until SIGTERM/SIGINT;
 * removes the links on exit. Prints "ready" on stdout once the links exist. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

struct end {
    int master, slave;
    const char *link;
};

static volatile sig_atomic_t stop;

static void on_signal(int s)
{
    (void)s;
    stop = 1;
}

static int make_end(struct end *e, const char *link)
{
    e->link = link;
    e->master = posix_openpt(O_RDWR | O_NOCTTY);
    if (e->master < 0 || grantpt(e->master) < 0 || unlockpt(e->master) < 0)
        return -1;
    const char *name = ptsname(e->master);
    if (!name)
        return -1;
    e->slave = open(name, O_RDWR | O_NOCTTY);
    if (e->slave < 0)
        return -1;
    struct termios t;
    if (tcgetattr(e->slave, &t) == 0) {
        cfmakeraw(&t);
        tcsetattr(e->slave, TCSANOW, &t);
    }
    fcntl(e->master, F_SETFL, O_NONBLOCK);
    unlink(link);
    return symlink(name, link);
}

/* Write all of buf to fd (non-blocking master: wait for room). */
static void put(int fd, const unsigned char *buf, size_t len)
{
    while (len > 0 && !stop) {
        ssize_t n = write(fd, buf, len);
        if (n < 0) {
            if (errno == EAGAIN) {
                struct pollfd p = { .fd = fd, .events = POLLOUT };
                poll(&p, 1, 100);
                continue;
            }
            if (errno == EINTR)
                continue;
            return;
        }
        buf += n;
        len -= (size_t)n;
    }
}

/* Bytes read from one end, waiting for room on the other. */
struct pending {
    unsigned char buf[65536];
    size_t off, len;
};
static struct pending pend[2];

/* Where bytes read from end i go: the other end, the same end (echo), or
 * nowhere (-1). */
static int dest(char mode, int i)
{
    return mode == 'r' ? 1 - i : mode == 'e' ? 0 : -1;
}

static void drain(int fd, struct pending *q)
{
    while (q->len > 0) {
        ssize_t n = write(fd, q->buf + q->off, q->len);
        if (n <= 0)
            return;   /* EAGAIN: poll says when there is room */
        q->off += (size_t)n;
        q->len -= (size_t)n;
    }
}

int main(int argc, char **argv)
{
    int opt;
    char mode = 'r';
    bool seven = false;
    int hangup_ms = -1;   /* -x MS: close everything after MS ms (a hangup) */
    const char *text = NULL;
    while ((opt = getopt(argc, argv, "7est:x:")) != -1) {
        switch (opt) {
        case '7':
            seven = true;
            break;
        case 'x':
            hangup_ms = atoi(optarg);
            break;
        case 'e':
        case 's':
            mode = (char)opt;
            break;
        case 't':
            mode = 't';
            text = optarg;
            break;
        default:
            return 2;
        }
    }
    int need = mode == 'r' ? 2 : 1;
    if (argc - optind != need) {
        fprintf(stderr, "usage: ptylink [-7] LINK_A LINK_B | -e|-s|-t TEXT LINK_A\n");
        return 2;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct end ends[2];
    for (int i = 0; i < need; i++)
        if (make_end(&ends[i], argv[optind + i]) < 0) {
            perror("ptylink");
            return 1;
        }
    printf("ready\n");
    fflush(stdout);

    static unsigned char buf[65536];
    struct timespec t0, tn;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (!stop) {
        clock_gettime(CLOCK_MONOTONIC, &tn);
        if (hangup_ms >= 0 &&
            (tn.tv_sec - t0.tv_sec) * 1000 + (tn.tv_nsec - t0.tv_nsec) / 1000000 >= hangup_ms) {
            /* drop the line: the programs on the slaves see a hangup */
            for (int i = 0; i < need; i++) {
                close(ends[i].slave);
                close(ends[i].master);
                unlink(ends[i].link);
            }
            return 0;
        }
        /* Each direction has its own buffer, so a full pty one way never
         * holds up the other (TCP's ACKs ride the way back). */
        struct pollfd p[2];
        for (int i = 0; i < need; i++) {
            int to = dest(mode, i);
            short ev = 0;
            if (to < 0 || pend[to].len == 0)
                ev |= POLLIN;
            if (pend[i].len)
                ev |= POLLOUT;
            p[i] = (struct pollfd){ .fd = ends[i].master, .events = ev };
        }
        int r = poll(p, (nfds_t)need, 200);
        if (r < 0 && errno != EINTR)
            break;
        if (mode == 't' && r == 0)
            put(ends[0].master, (const unsigned char *)text, strlen(text));
        for (int i = 0; i < need && r > 0; i++) {
            if (p[i].revents & POLLOUT)
                drain(ends[i].master, &pend[i]);
            if (!(p[i].revents & POLLIN))
                continue;
            int to = dest(mode, i);
            unsigned char *b = to < 0 ? buf : pend[to].buf;
            ssize_t n = read(ends[i].master, b, sizeof(buf));
            if (n <= 0 || to < 0)
                continue;
            if (seven && i == 1)
                for (ssize_t k = 0; k < n; k++)
                    b[k] &= 0x7f;
            pend[to].off = 0;
            pend[to].len = (size_t)n;
            drain(ends[to].master, &pend[to]);
        }
    }
    /* remove a link only while it is still ours (a new ptylink may own it) */
    for (int i = 0; i < need; i++) {
        char target[256];
        ssize_t n = readlink(ends[i].link, target, sizeof(target) - 1);
        const char *mine = ptsname(ends[i].master);
        if (n > 0 && mine) {
            target[n] = '\0';
            if (strcmp(target, mine) == 0)
                unlink(ends[i].link);
        }
    }
    return 0;
}
