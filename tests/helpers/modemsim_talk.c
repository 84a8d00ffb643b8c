/* modemsim_talk: play a DTE on a serial line for tests, step by step.
 * usage: modemsim_talk [-t SECONDS] [-q] PATH STEP...
 *   send:TEXT     write TEXT (\r \n \\ \xHH escapes)
 *   expect:TEXT   read until TEXT has been seen (since the last expect)
 *   absent:MS:TEXT  read for MS ms; fail if TEXT shows up
 *   sleep:MS      pause
 *   blob:N        write N bytes of a counting pattern (no CR/LF/'+')
 *   recvblob:N    read until N pattern bytes arrived in order; prints the ms taken
 *   hangup        read until the line hangs up (read returns 0 or EIO)
 *   close / open  close the line and open it again
 * Everything read is echoed to stderr (escaped) for the test's log. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static int fd = -1;
static const char *path;
static char seen[65536];
static size_t nseen;
static int timeout_s = 10;
static int quiet;

static long long ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static int open_line(void)
{
    fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        fprintf(stderr, "talk: open %s: %s\n", path, strerror(errno));
        return -1;
    }
    struct termios t;
    if (tcgetattr(fd, &t) == 0) {
        cfmakeraw(&t);
        tcsetattr(fd, TCSANOW, &t);
    }
    return 0;
}

#define STEP_MAX 1024
/* Unescape into out (STEP_MAX bytes); SIZE_MAX when the text does not fit. */
static size_t unescape(const char *in, char *out)
{
    size_t n = 0;
    if (strlen(in) >= STEP_MAX) {
        fprintf(stderr, "talk: step longer than %d bytes: %.40s...\n", STEP_MAX - 1, in);
        return SIZE_MAX;
    }
    for (; *in; in++) {
        if (*in != '\\' || !in[1]) {
            out[n++] = *in;
            continue;
        }
        in++;
        if (*in == 'r') out[n++] = '\r';
        else if (*in == 'n') out[n++] = '\n';
        else if (*in == 'x' && in[1] && in[2]) {
            char h[3] = { in[1], in[2], 0 };
            out[n++] = (char)strtol(h, NULL, 16);
            in += 2;
        } else out[n++] = *in;
    }
    return n;
}

static void show(const char *buf, size_t n)
{
    if (quiet)
        return;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (c == '\r') fputs("\\r", stderr);
        else if (c == '\n') fputs("\\n\n", stderr);
        else if (c < 32 || c > 126) fprintf(stderr, "\\x%02x", c);
        else fputc(c, stderr);
    }
}

/* Read what is there within wait_ms; -1 on hangup. */
static int pump(int wait_ms)
{
    struct pollfd p = { .fd = fd, .events = POLLIN };
    if (poll(&p, 1, wait_ms) <= 0)
        return 0;
    char buf[4096];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n == 0 || (n < 0 && errno == EIO))
        return -1;
    if (n < 0)
        return 0;
    show(buf, (size_t)n);
    if (nseen + (size_t)n >= sizeof seen) {   /* keep the tail */
        size_t keep = sizeof seen / 2;
        memmove(seen, seen + nseen - keep, keep);
        nseen = keep;
    }
    memcpy(seen + nseen, buf, (size_t)n);
    nseen += (size_t)n;
    return (int)n;
}

static int write_all(const char *b, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, b, n);
        if (w < 0 && errno == EAGAIN) {
            struct pollfd p = { .fd = fd, .events = POLLOUT };
            poll(&p, 1, 100);
            pump(0);
            continue;
        }
        if (w < 0) {
            fprintf(stderr, "talk: write: %s\n", strerror(errno));
            return -1;
        }
        b += w;
        n -= (size_t)w;
    }
    return 0;
}

static char *find(const char *needle, size_t len)
{
    if (len == 0)
        return seen;
    for (size_t i = 0; i + len <= nseen; i++)
        if (memcmp(seen + i, needle, len) == 0)
            return seen + i;
    return NULL;
}

static int expect(const char *text, long long limit_ms, int want)
{
    char t[STEP_MAX];
    size_t n = unescape(text, t);
    if (n == SIZE_MAX)
        return 1;
    long long end = ms() + limit_ms;
    for (;;) {
        char *at = find(t, n);
        if (at && want) {
            size_t used = (size_t)(at - seen) + n;
            memmove(seen, seen + used, nseen - used);
            nseen -= used;
            return 0;
        }
        if (at && !want) {
            fprintf(stderr, "\ntalk: %s: unexpected '%s'\n", path, text);
            return 1;
        }
        long long left = end - ms();
        if (left <= 0)
            break;
        if (pump((int)left) < 0) {
            if (!want)
                return 0;
            fprintf(stderr, "\ntalk: %s: hangup while expecting '%s'\n", path, text);
            return 1;
        }
    }
    if (!want) {
        nseen = 0;
        return 0;
    }
    fprintf(stderr, "\ntalk: %s: timeout expecting '%s'\n", path, text);
    return 1;
}

static char pattern(size_t i)
{
    return (char)('a' + i % 26);
}

static int step(const char *s)
{
    char buf[STEP_MAX];
    if (!strncmp(s, "send:", 5)) {
        size_t n = unescape(s + 5, buf);
        return n == SIZE_MAX || write_all(buf, n) ? 1 : 0;
    }
    if (!strncmp(s, "expect:", 7))
        return expect(s + 7, timeout_s * 1000LL, 1);
    if (!strncmp(s, "absent:", 7)) {
        char *colon = strchr(s + 7, ':');
        return colon ? expect(colon + 1, atoi(s + 7), 0) : 1;
    }
    if (!strncmp(s, "sleep:", 6)) {
        long long end = ms() + atoi(s + 6);
        while (ms() < end)
            if (pump((int)(end - ms())) < 0)
                break;
        return 0;
    }
    if (!strncmp(s, "blob:", 5)) {
        size_t n = (size_t)atol(s + 5);
        for (size_t i = 0; i < n; i += sizeof buf) {
            size_t k = n - i < sizeof buf ? n - i : sizeof buf;
            for (size_t j = 0; j < k; j++)
                buf[j] = pattern(i + j);
            if (write_all(buf, k))
                return 1;
        }
        return 0;
    }
    if (!strncmp(s, "recvblob:", 9)) {
        size_t n = (size_t)atol(s + 9), got = 0;
        long long start = ms(), end = start + timeout_s * 1000LL;
        int was = quiet;
        quiet = 1;
        /* bytes already read past the last expect come first */
        while (got < n && ms() < end) {
            if (nseen == 0 && pump(100) < 0)
                break;
            for (size_t i = 0; i < nseen && got < n; i++) {
                if (seen[i] != pattern(got)) {
                    fprintf(stderr, "talk: blob byte %zu wrong\n", got);
                    return 1;
                }
                got++;
            }
            nseen = 0;
        }
        quiet = was;
        nseen = 0;
        printf("recvblob %zu bytes in %lld ms\n", got, ms() - start);
        fflush(stdout);
        return got == n ? 0 : 1;
    }
    if (!strcmp(s, "hangup")) {
        long long end = ms() + timeout_s * 1000LL;
        while (ms() < end)
            if (pump(100) < 0)
                return 0;
        fprintf(stderr, "talk: %s: no hangup\n", path);
        return 1;
    }
    if (!strcmp(s, "close")) {
        close(fd);
        fd = -1;
        return 0;
    }
    if (!strcmp(s, "open"))
        return open_line() ? 1 : 0;
    fprintf(stderr, "talk: unknown step '%s'\n", s);
    return 2;
}

int main(int argc, char **argv)
{
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "-t") && i + 1 < argc)
            timeout_s = atoi(argv[++i]);
        else if (!strcmp(argv[i], "-q"))
            quiet = 1;
    }
    if (i >= argc) {
        fprintf(stderr, "usage: modemsim_talk [-t SECONDS] [-q] PATH STEP...\n");
        return 2;
    }
    path = argv[i++];
    if (open_line())
        return 1;
    for (; i < argc; i++) {
        int r = step(argv[i]);
        if (r) {
            fprintf(stderr, "talk: %s: step %d '%s' failed\n", path, i, argv[i]);
            return r;
        }
    }
    if (fd >= 0)
        close(fd);
    return 0;
}
