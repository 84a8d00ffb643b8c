/* tcp: calls over TCP, as modem emulators for retrocomputing do: a
 * listening socket whose connections ring a line, and dial strings of the
 * form A.B.C.D:PORT that connect out. */
#ifndef MODEMSIM_TCP_H
#define MODEMSIM_TCP_H

#include <netinet/in.h>

/* "A.B.C.D:PORT" (numeric IPv4, port 1-65535); -1 when it is not one. */
int tcp_parse(const char *s, struct sockaddr_in *sa);
/* Listening socket (non-blocking, SO_REUSEADDR); -1 with a logged error. */
int tcp_listen(const struct sockaddr_in *sa);
/* Start a non-blocking connect; the fd becomes writable when it finishes. */
int tcp_connect_start(const struct sockaddr_in *sa);
/* After POLLOUT: 0 when connected, else the errno of the failure. */
int tcp_connect_result(int fd);
/* Accept one connection (non-blocking); -1 when none. */
int tcp_accept(int lfd);

#endif
