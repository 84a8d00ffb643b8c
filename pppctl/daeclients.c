/* daeclients: the servers allowed to send requests (see daeclients.h). */
#include <netdb.h>
#include <netinet/in.h>
#include <radcli/radcli.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/config.h"
#include "pppctl/daeclients.h"

bool dae_host_part(const char *spec, char *host, size_t cap)
{
    size_t n;
    if (spec[0] == '[') {
        const char *end = strchr(spec, ']');
        if (!end || (end[1] && end[1] != ':'))
            return false;
        spec++;
        n = (size_t)(end - spec);
    } else {
        const char *colon = strchr(spec, ':');
        n = colon ? (size_t)(colon - spec) : strlen(spec);
        if (colon && strchr(colon + 1, ':') && !strchr(colon + 1, '['))
            n = strlen(spec);   /* a bare IPv6 address: no port in it */
    }
    if (n == 0 || n >= cap)
        return false;
    memcpy(host, spec, n);
    host[n] = '\0';
    return true;
}

int dae_servers_parse(const char *file, const char *text, size_t len,
                      struct dae_server_entry *out, size_t max, char *why, size_t cap)
{
    struct cfg_lexer lx;
    struct cfg_word w;
    size_t n = 0;
    int words = 0;   /* on this line */
    int rc;
    cfg_lexer_init(&lx, file, text, len);
    while ((rc = cfg_next_word(&lx, &w)) == 1) {
        if (w.newline_before) {
            if (words == 1) {
                snprintf(why, cap, "%s:%u: a server without a secret", file, w.line - 1);
                return -1;
            }
            words = 0;
        }
        if (strlen(w.text) != w.len) {
            snprintf(why, cap, "%s:%u: a NUL byte in a word", file, w.line);
            return -1;
        }
        if (words == 0) {
            if (n >= max) {
                snprintf(why, cap, "%s:%u: more than %zu servers", file, w.line, max);
                return -1;
            }
            if (!dae_host_part(w.text, out[n].host, sizeof(out[n].host))) {
                snprintf(why, cap, "%s:%u: not a server name", file, w.line);
                return -1;
            }
        } else if (words == 1) {
            if (w.len == 0 || w.len >= sizeof(out[n].secret)) {
                snprintf(why, cap, "%s:%u: the secret is empty or too long", file, w.line);
                return -1;
            }
            memcpy(out[n].secret, w.text, w.len + 1);
            n++;
        }
        /* radcli ignores words after the secret: so do we */
        words++;
    }
    if (rc < 0) {
        snprintf(why, cap, "%s", lx.err);
        return -1;
    }
    if (words == 1) {
        snprintf(why, cap, "%s: the last server has no secret", file);
        return -1;
    }
    return (int)n;
}

/* Every address host resolves to, with secret. */
static int add_host(struct dae_clients *c, const char *host, const char *secret, char *why,
                    size_t cap)
{
    struct addrinfo hints = { .ai_socktype = SOCK_DGRAM }, *res, *ai;
    int e = getaddrinfo(host, NULL, &hints, &res);
    if (e) {
        snprintf(why, cap, "cannot resolve RADIUS server %s: %s", host, gai_strerror(e));
        return -1;
    }
    for (ai = res; ai; ai = ai->ai_next) {
        if (c->n >= DAE_CLIENTS_MAX || ai->ai_addrlen > sizeof(c->c[0].addr))
            break;
        struct dae_client *k = &c->c[c->n++];
        memset(k, 0, sizeof(*k));
        memcpy(&k->addr, ai->ai_addr, ai->ai_addrlen);
        snprintf(k->host, sizeof(k->host), "%s", host);
        snprintf(k->secret, sizeof(k->secret), "%s", secret);
    }
    freeaddrinfo(res);
    return 0;
}

/* authserver/acctserver entries that carry their secret inline */
static int add_inline(struct dae_clients *c, rc_handle *rh, const char *opt, char *why,
                      size_t cap)
{
    SERVER *s = rc_conf_srv(rh, opt);
    for (int i = 0; s && i < s->max && i < SERVER_MAX; i++) {
        char host[DAE_HOST_MAX];
        if (!s->name[i] || !s->secret[i] || !s->secret[i][0] ||
            !dae_host_part(s->name[i], host, sizeof(host)))
            continue;
        if (add_host(c, host, s->secret[i], why, cap) < 0)
            return -1;
    }
    return 0;
}

int dae_clients_load(struct dae_clients *c, const char *radius_config, char *why, size_t cap)
{
    static struct dae_server_entry ents[DAE_CLIENTS_MAX];
    memset(c, 0, sizeof(*c));
    rc_handle *rh = rc_read_config(radius_config);
    if (!rh) {
        snprintf(why, cap, "cannot read radius-config-file %s", radius_config);
        return -1;
    }
    int rc = add_inline(c, rh, "authserver", why, cap);
    if (rc == 0)
        rc = add_inline(c, rh, "acctserver", why, cap);
    const char *servers = rc_conf_str(rh, "servers");
    if (rc == 0 && servers && servers[0]) {
        char *text = NULL, err[CFG_ERR_MAX];
        size_t len = 0;
        if (cfg_read_file(servers, &text, &len, err, sizeof(err)) < 0) {
            snprintf(why, cap, "%s", err);
            rc = -1;
        } else {
            int n = dae_servers_parse(servers, text, len, ents, DAE_CLIENTS_MAX, why, cap);
            for (int i = 0; i < n && rc == 0; i++)
                rc = add_host(c, ents[i].host, ents[i].secret, why, cap);
            if (n < 0)
                rc = -1;
            memset(text, 0, len);
            free(text);
            memset(ents, 0, sizeof(ents));
        }
    }
    rc_destroy(rh);
    if (rc == 0 && c->n == 0) {
        snprintf(why, cap, "%s names no RADIUS server with a secret", radius_config);
        rc = -1;
    }
    return rc;
}

const char *dae_clients_secret(const struct dae_clients *c, const struct sockaddr *sa)
{
    for (size_t i = 0; i < c->n; i++) {
        const struct sockaddr *k = (const struct sockaddr *)&c->c[i].addr;
        if (k->sa_family != sa->sa_family)
            continue;
        if (sa->sa_family == AF_INET &&
            ((const struct sockaddr_in *)k)->sin_addr.s_addr ==
                ((const struct sockaddr_in *)sa)->sin_addr.s_addr)
            return c->c[i].secret;
        if (sa->sa_family == AF_INET6 &&
            memcmp(&((const struct sockaddr_in6 *)k)->sin6_addr,
                   &((const struct sockaddr_in6 *)sa)->sin6_addr, sizeof(struct in6_addr)) == 0)
            return c->c[i].secret;
    }
    return NULL;
}

void dae_clients_wipe(struct dae_clients *c)
{
    memset(c, 0, sizeof(*c));
}
