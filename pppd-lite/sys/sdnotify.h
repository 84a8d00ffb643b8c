/* sdnotify: pppd 2.5's up_sdnotify. systemd's notify protocol is one
 * datagram of "KEY=value" lines to the unix socket named by NOTIFY_SOCKET
 * (a path, or "@name" for the abstract namespace); written here by hand
 * rather than taking libsystemd. */
#ifndef PPPD_LITE_SYS_SDNOTIFY_H
#define PPPD_LITE_SYS_SDNOTIFY_H

/* Send state ("READY=1\nSTATUS=...") to socket_name: 0 sent, -1 with
 * errno (EINVAL: not a usable name). */
int sdnotify_send(const char *socket_name, const char *state);

#endif
