/* tcpmeter: TCP goodput and round-trip measurements for the line benchmark.
 *
 *   tcpmeter sink ADDR PORT BYTES     accept one connection, read BYTES;
 *                                     prints "bytes N us T" (T from accept
 *                                     to the last byte), exit 1 if short
 *   tcpmeter source ADDR PORT BYTES   connect, send BYTES of a pattern
 *   tcpmeter echod ADDR PORT          accept one connection, echo every byte
 *   tcpmeter ping ADDR PORT COUNT GAP_MS
 *                                     connect, COUNT times send one byte and
 *                                     wait for its echo, GAP_MS apart; prints
 *                                     "pings N median_us M min_us A max_us B",
 *                                     exit 1 on a wrong or missing echo
 * The sink checks the pattern, so a corrupted byte fails the run. Sockets
 * use TCP_NODELAY (a keystroke goes out alone, as from a terminal). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static uint64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* Bytes of the stream: not all alike, and no run a compressor could use. */
static uint8_t pattern(uint64_t i)
{
    uint64_t x = i * 0x9e3779b97f4a7c15u;
    return (uint8_t)(x >> 56 ^ x >> 29);
}

static int addr_of(const char *a, const char *p, struct sockaddr_in *sa)
{
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    sa->sin_port = htons((uint16_t)atoi(p));
    return inet_pton(AF_INET, a, &sa->sin_addr) == 1 ? 0 : -1;
}

static void nodelay(int fd)
{
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

static int accept_one(const struct sockaddr_in *sa)
{
    int l = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    if (l < 0 || setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
        bind(l, (const struct sockaddr *)sa, sizeof *sa) < 0 || listen(l, 1) < 0) {
        perror("tcpmeter: listen");
        return -1;
    }
    printf("listening\n");
    fflush(stdout);
    int fd = accept(l, NULL, NULL);
    close(l);
    if (fd < 0)
        perror("tcpmeter: accept");
    else
        nodelay(fd);
    return fd;
}

static int connect_to(const struct sockaddr_in *sa)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, (const struct sockaddr *)sa, sizeof *sa) < 0) {
        perror("tcpmeter: connect");
        return -1;
    }
    nodelay(fd);
    return fd;
}

static int sink(int fd, uint64_t want)
{
    uint64_t t0 = now_us(), got = 0, t1 = t0;
    uint8_t buf[65536];
    ssize_t n;
    while (got < want && (n = read(fd, buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++) {
            if (buf[i] != pattern(got + (uint64_t)i)) {
                fprintf(stderr, "tcpmeter: byte %llu corrupted\n",
                        (unsigned long long)(got + (uint64_t)i));
                return 1;
            }
        }
        got += (uint64_t)n;
        t1 = now_us();
    }
    printf("bytes %llu us %llu\n", (unsigned long long)got, (unsigned long long)(t1 - t0));
    return got == want ? 0 : 1;
}

static int source(int fd, uint64_t want)
{
    uint8_t buf[16384];
    uint64_t sent = 0;
    while (sent < want) {
        size_t n = want - sent < sizeof buf ? (size_t)(want - sent) : sizeof buf;
        for (size_t i = 0; i < n; i++)
            buf[i] = pattern(sent + i);
        ssize_t w = write(fd, buf, n);
        if (w <= 0) {
            perror("tcpmeter: write");
            return 1;
        }
        sent += (uint64_t)w;
    }
    shutdown(fd, SHUT_WR);
    char c;
    while (read(fd, &c, 1) > 0)
        ;
    return 0;
}

static int echod(int fd)
{
    uint8_t buf[4096];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        if (write(fd, buf, (size_t)n) != n)
            return 1;
    return 0;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static int ping(int fd, int count, int gap_ms)
{
    uint64_t *rtt = calloc((size_t)count, sizeof *rtt);
    if (!rtt)
        return 1;
    for (int i = 0; i < count; i++) {
        uint8_t c = (uint8_t)('a' + i % 26), r = 0;
        uint64_t t0 = now_us();
        if (write(fd, &c, 1) != 1 || read(fd, &r, 1) != 1 || r != c) {
            fprintf(stderr, "tcpmeter: ping %d: no or wrong echo\n", i);
            return 1;
        }
        rtt[i] = now_us() - t0;
        struct timespec gap = { gap_ms / 1000, (long)(gap_ms % 1000) * 1000000L };
        nanosleep(&gap, NULL);
    }
    qsort(rtt, (size_t)count, sizeof *rtt, cmp_u64);
    printf("pings %d median_us %llu min_us %llu max_us %llu\n", count,
           (unsigned long long)rtt[count / 2], (unsigned long long)rtt[0],
           (unsigned long long)rtt[count - 1]);
    free(rtt);
    return 0;
}

int main(int argc, char **argv)
{
    struct sockaddr_in sa;
    if (argc < 4 || addr_of(argv[2], argv[3], &sa) < 0) {
        fprintf(stderr, "usage: tcpmeter sink|source|echod|ping ADDR PORT [BYTES|COUNT GAP_MS]\n");
        return 2;
    }
    const char *mode = argv[1];
    int fd;
    if (!strcmp(mode, "sink") && argc == 5) {
        if ((fd = accept_one(&sa)) < 0)
            return 1;
        return sink(fd, strtoull(argv[4], NULL, 10));
    }
    if (!strcmp(mode, "echod") && argc == 4) {
        if ((fd = accept_one(&sa)) < 0)
            return 1;
        return echod(fd);
    }
    if (!strcmp(mode, "source") && argc == 5) {
        if ((fd = connect_to(&sa)) < 0)
            return 1;
        return source(fd, strtoull(argv[4], NULL, 10));
    }
    if (!strcmp(mode, "ping") && argc == 6) {
        int count = atoi(argv[4]);
        if (count < 1 || (fd = connect_to(&sa)) < 0)
            return 1;
        return ping(fd, count, atoi(argv[5]));
    }
    fprintf(stderr, "tcpmeter: bad arguments\n");
    return 2;
}
