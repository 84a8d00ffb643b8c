/* daelinks: the links behind the control sockets (see daelinks.h). */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pppctl/client.h"
#include "pppctl/daelinks.h"

static bool copy_text(char *out, size_t cap, const char *v)
{
    size_t n = v ? strlen(v) : 0;
    if (n >= cap)
        return false;
    memcpy(out, v ? v : "", n + 1);
    return true;
}

bool dae_session_from_reply(const struct reply *r, struct dae_session *s)
{
    memset(s, 0, sizeof(*s));
    const char *ifname = reply_get(r, "interface");
    if (!ifname || !ifname[0] || !copy_text(s->ifname, sizeof(s->ifname), ifname))
        return false;
    /* values are printable ASCII with outside bytes as \xNN: a user name
     * with such bytes never equals the one in a request, which is safe */
    if (!copy_text(s->user, sizeof(s->user), reply_get(r, "user")))
        s->user[0] = '\0';
    if (!copy_text(s->session_id, sizeof(s->session_id), reply_get(r, "radius_session")))
        s->session_id[0] = '\0';
    struct in_addr a;
    const char *ip = reply_get(r, "remote_ip");
    if (ip && inet_pton(AF_INET, ip, &a) == 1) {
        s->has_ip = true;
        s->ip = ntohl(a.s_addr);
    }
    const char *port = reply_get(r, "nas_port");
    if (port && port[0] && strspn(port, "0123456789") == strlen(port) && strlen(port) <= 9) {
        s->has_port = true;
        s->port = (uint32_t)strtoul(port, NULL, 10);
    }
    return true;
}

size_t dae_links_collect(struct dae_session *out, size_t max)
{
    static char names[DAE_LINKS_MAX][64];
    static struct reply r;
    size_t n = client_list(names, max < DAE_LINKS_MAX ? max : DAE_LINKS_MAX), k = 0;
    for (size_t i = 0; i < n; i++) {
        char path[4200], why[256];
        if (client_sock_path(path, sizeof(path), names[i]) < 0)
            continue;
        if (client_query(path, "status", &r, DAE_CTL_TIMEOUT_MS, why, sizeof(why)) != CLIENT_OK ||
            r.error)
            continue;
        if (dae_session_from_reply(&r, &out[k]))
            k++;
    }
    return k;
}

bool dae_link_order(const char *ifname, const char *request, char *why, size_t cap)
{
    static struct reply r;
    char path[4200];
    if (client_sock_path(path, sizeof(path), ifname) < 0) {
        snprintf(why, cap, "not an interface name");
        return false;
    }
    switch (client_query(path, request, &r, DAE_CTL_TIMEOUT_MS, why, cap)) {
    case CLIENT_OK:
        if (r.error)
            snprintf(why, cap, "refused: %s", r.text);
        return !r.error;
    case CLIENT_NO_LINK:
        snprintf(why, cap, "gone");
        return false;
    case CLIENT_FAILED:
        break;
    }
    return false;
}
