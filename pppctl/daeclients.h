/* daeclients: who may send pppctl dae requests, and with which shared
 * secret: the RADIUS servers of a radcli configuration (radiusclient.conf's
 * authserver and acctserver, HOST[:PORT[:SECRET]], and its `servers` file,
 * "HOST[:PORT] SECRET" a line). Names are resolved once at start, so a
 * request never waits for DNS. */
#ifndef PPPCTL_DAECLIENTS_H
#define PPPCTL_DAECLIENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#define DAE_CLIENTS_MAX 64
#define DAE_SECRET_MAX 256
#define DAE_HOST_MAX 256

struct dae_server_entry {
    char host[DAE_HOST_MAX];        /* without its port */
    char secret[DAE_SECRET_MAX];
};

struct dae_client {
    struct sockaddr_storage addr;   /* the port is not compared */
    char host[DAE_HOST_MAX];
    char secret[DAE_SECRET_MAX];
};

struct dae_clients {
    size_t n;
    struct dae_client c[DAE_CLIENTS_MAX];
};

/* Parse a servers file's text (file names it in messages): at most max
 * entries. The count, or -1 with why (the file and line). */
int dae_servers_parse(const char *file, const char *text, size_t len,
                      struct dae_server_entry *out, size_t max, char *why, size_t cap);
/* HOST out of HOST, HOST:PORT, [V6] or [V6]:PORT; false when it is none. */
bool dae_host_part(const char *spec, char *host, size_t cap);
/* Read the radcli configuration and resolve its servers. 0, or -1 with why. */
int dae_clients_load(struct dae_clients *c, const char *radius_config, char *why, size_t cap);
/* The secret for a request from sa, NULL when it is no server of ours. */
const char *dae_clients_secret(const struct dae_clients *c, const struct sockaddr *sa);
/* Forget the secrets. */
void dae_clients_wipe(struct dae_clients *c);

#endif
