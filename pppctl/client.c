/* client: talk to pppd-lite control sockets (see client.h). */
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "pppctl/client.h"
#include "pppd-lite/sys/ctlproto.h"

void client_sock_dir(char *out, size_t cap)
{
    const char *run = getenv("PPPD_LITE_RUNDIR");
    snprintf(out, cap, "%s/%s", run && *run ? run : "/var/run", CTL_SOCK_SUBDIR);
}

int client_sock_path(char *out, size_t cap, const char *ifname)
{
    char dir[4096];
    size_t n = strlen(ifname);
    /* an interface name as the kernel takes it: no path tricks */
    if (n == 0 || n >= 16 || strchr(ifname, '/') || strcmp(ifname, ".") == 0 ||
        strcmp(ifname, "..") == 0)
        return -1;
    client_sock_dir(dir, sizeof(dir));
    int w = snprintf(out, cap, "%s/%s.sock", dir, ifname);
    return w < 0 || (size_t)w >= cap ? -1 : 0;
}

static long long ms_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static enum client_result failed(char *why, size_t cap, const char *msg)
{
    snprintf(why, cap, "%s", msg);
    return CLIENT_FAILED;
}

enum client_result client_query(const char *path, const char *request, struct reply *r,
                                int timeout_ms, char *why, size_t why_cap)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    if (strlen(path) >= sizeof(sa.sun_path))
        return failed(why, why_cap, "socket path too long");
    strcpy(sa.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return failed(why, why_cap, strerror(errno));
    if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
        int e = errno;
        close(fd);
        if (e == ENOENT || e == ECONNREFUSED)
            return CLIENT_NO_LINK;
        return failed(why, why_cap, strerror(e));
    }
    char req[CTL_REQUEST_MAX + 2];
    int rn = snprintf(req, sizeof(req), "%s\n", request);
    if (rn < 0 || (size_t)rn >= sizeof(req)) {
        close(fd);
        return failed(why, why_cap, "request too long");
    }
    /* a daemon that turns us away ("error too many clients") may close
     * before it reads: its line is still worth reading */
    bool sent = send(fd, req, (size_t)rn, MSG_NOSIGNAL) == rn;
    static char buf[CTL_REPLY_MAX + 1];
    size_t len = 0;
    long long end = ms_now() + timeout_ms;
    enum client_result res = CLIENT_FAILED;
    snprintf(why, why_cap, sent ? "no answer within %d ms" : "could not send the request",
             timeout_ms);
    for (;;) {
        long long left = end - ms_now();
        struct pollfd p = { .fd = fd, .events = POLLIN };
        if (left <= 0 || poll(&p, 1, (int)left) <= 0)
            break;
        ssize_t n = read(fd, buf + len, sizeof(buf) - len);
        if (n <= 0) {
            if (sent || len)
                snprintf(why, why_cap, "%s", n < 0 ? strerror(errno) : "reply cut short");
            break;
        }
        len += (size_t)n;
        enum reply_result pr = reply_parse(r, buf, len);
        if (pr == REPLY_OK || pr == REPLY_ERROR) {
            res = CLIENT_OK;
            break;
        }
        if (pr == REPLY_BAD) {
            snprintf(why, why_cap, "%s", r->text);
            break;
        }
        if (len == sizeof(buf)) {
            snprintf(why, why_cap, "reply too long");
            break;
        }
    }
    close(fd);
    return res;
}

static int is_sock(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return n > 5 && n - 5 < 64 && strcmp(e->d_name + n - 5, ".sock") == 0;
}

size_t client_list(char names[][64], size_t max)
{
    char dir[4096];
    struct dirent **ents;
    client_sock_dir(dir, sizeof(dir));
    int n = scandir(dir, &ents, is_sock, versionsort);
    if (n < 0)
        return 0;
    size_t k = 0;
    for (int i = 0; i < n; i++) {
        if (k < max) {
            size_t len = strlen(ents[i]->d_name) - 5;
            memcpy(names[k], ents[i]->d_name, len);
            names[k][len] = '\0';
            k++;
        }
        free(ents[i]);
    }
    free(ents);
    return k;
}
