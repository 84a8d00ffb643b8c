/* sdnotify: one datagram to systemd's NOTIFY_SOCKET (see sdnotify.h). */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "pppd-lite/sys/sdnotify.h"

int sdnotify_send(const char *socket_name, const char *state)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    size_t n = socket_name ? strlen(socket_name) : 0;
    /* a path or an abstract "@name"; sd_notify takes nothing else */
    if (n < 2 || n >= sizeof(sa.sun_path) || (socket_name[0] != '/' && socket_name[0] != '@')) {
        errno = EINVAL;
        return -1;
    }
    memcpy(sa.sun_path, socket_name, n);
    if (sa.sun_path[0] == '@')
        sa.sun_path[0] = '\0';
    socklen_t len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n +
                                (socket_name[0] == '/' ? 1 : 0));
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    ssize_t w = sendto(fd, state, strlen(state), MSG_NOSIGNAL, (struct sockaddr *)&sa, len);
    int e = errno;
    close(fd);
    if (w < 0) {
        errno = e;
        return -1;
    }
    return 0;
}
