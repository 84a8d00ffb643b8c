/* dae: pppctl's RFC 5176 listener (see dae.h): the socket and its loop,
 * wiring daeclients (who may ask, with which secret), daewire (the packets),
 * daereq (what is asked) and daelinks (the links). */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "pppctl/dae.h"
#include "pppctl/daecache.h"
#include "pppctl/daeclients.h"
#include "pppctl/daelinks.h"
#include "pppctl/daewire.h"

#define EXIT_FAIL 1
#define EXIT_USAGE 2

static bool parse_port(const char *s, uint16_t *port)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (!*s || *end || errno || s[0] == '-' || s[0] == '+' || v == 0 || v > 65535)
        return false;
    *port = (uint16_t)v;
    return true;
}

bool dae_parse_listen(const char *spec, struct sockaddr_storage *sa, socklen_t *len)
{
    char host[64];
    const char *port;
    uint16_t p;
    memset(sa, 0, sizeof(*sa));
    if (spec[0] == '[') {
        const char *end = strchr(spec, ']');
        if (!end || end[1] != ':' || (size_t)(end - spec - 1) >= sizeof(host))
            return false;
        memcpy(host, spec + 1, (size_t)(end - spec - 1));
        host[end - spec - 1] = '\0';
        port = end + 2;
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)sa;
        if (!parse_port(port, &p) || inet_pton(AF_INET6, host, &s6->sin6_addr) != 1)
            return false;
        s6->sin6_family = AF_INET6;
        s6->sin6_port = htons(p);
        *len = sizeof(*s6);
        return true;
    }
    struct sockaddr_in *s4 = (struct sockaddr_in *)sa;
    const char *colon = strrchr(spec, ':');
    if (colon) {
        if ((size_t)(colon - spec) >= sizeof(host))
            return false;
        memcpy(host, spec, (size_t)(colon - spec));
        host[colon - spec] = '\0';
        if (inet_pton(AF_INET, host, &s4->sin_addr) != 1)
            return false;
        port = colon + 1;
    } else {
        s4->sin_addr.s_addr = htonl(INADDR_ANY);
        port = spec;
    }
    if (!parse_port(port, &p))
        return false;
    s4->sin_family = AF_INET;
    s4->sin_port = htons(p);
    *len = sizeof(*s4);
    return true;
}

static void addr_text(const struct sockaddr *sa, char *out, size_t cap)
{
    char a[INET6_ADDRSTRLEN] = "?";
    unsigned port = 0;
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *s = (const struct sockaddr_in *)sa;
        inet_ntop(AF_INET, &s->sin_addr, a, sizeof(a));
        port = ntohs(s->sin_port);
        snprintf(out, cap, "%s:%u", a, port);
    } else if (sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *s = (const struct sockaddr_in6 *)sa;
        inet_ntop(AF_INET6, &s->sin6_addr, a, sizeof(a));
        port = ntohs(s->sin6_port);
        snprintf(out, cap, "[%s]:%u", a, port);
    } else {
        snprintf(out, cap, "?");
    }
}

/* "User-Name alice, Acct-Session-Id ..." for the log, outside text escaped. */
static void describe(const struct dae_request *r, char *out, size_t cap)
{
    char u[LOG_PRINTABLE_MAX], s[LOG_PRINTABLE_MAX];
    size_t n = 0;
    out[0] = '\0';
#define PUT(...)                                                                   \
    do {                                                                           \
        int w_ = snprintf(out + n, cap - n, "%s", n ? ", " : "");                  \
        if (w_ > 0 && (size_t)w_ < cap - n)                                        \
            n += (size_t)w_;                                                       \
        w_ = snprintf(out + n, cap - n, __VA_ARGS__);                              \
        if (w_ > 0 && (size_t)w_ < cap - n)                                        \
            n += (size_t)w_;                                                       \
    } while (0)
    if (r->has_session_id)
        PUT("Acct-Session-Id %s", log_printable_str(s, sizeof(s), r->session_id));
    if (r->has_user)
        PUT("User-Name %s", log_printable_str(u, sizeof(u), r->user));
    if (r->has_ip)
        PUT("Framed-IP-Address %u.%u.%u.%u", r->ip >> 24, (r->ip >> 16) & 255,
            (r->ip >> 8) & 255, r->ip & 255);
    if (r->has_port)
        PUT("NAS-Port %u", (unsigned)r->port);
    if (r->has_session_timeout)
        PUT("Session-Timeout %u", (unsigned)r->session_timeout);
#undef PUT
    if (!n)
        snprintf(out, cap, "no session named");
}

/* Act on every matching link; the Error-Cause of the NAK, or 0 for an ACK. */
static int act(const struct dae_request *r)
{
    static struct dae_session sessions[DAE_LINKS_MAX];
    size_t n = dae_links_collect(sessions, DAE_LINKS_MAX);
    size_t matched = 0, done = 0;
    char order[64];
    if (r->code == DAE_COA_REQUEST)
        snprintf(order, sizeof(order), "session-timeout %u", (unsigned)r->session_timeout);
    else
        snprintf(order, sizeof(order), "terminate admin-reset");
    for (size_t i = 0; i < n; i++) {
        if (!dae_session_matches(r, &sessions[i]))
            continue;
        matched++;
        char why[256];
        if (dae_link_order(sessions[i].ifname, order, why, sizeof(why))) {
            done++;
            log_info("dae: %s: %s", sessions[i].ifname, order);
        } else {
            log_warn("dae: %s: %s failed: %s", sessions[i].ifname, order, why);
        }
    }
    /* RFC 5176 section 3: a request applies to every session it matches */
    if (!matched)
        return DAE_ERR_SESSION_NOT_FOUND;
    return done ? 0 : DAE_ERR_RESOURCES_UNAVAILABLE;
}

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void serve(int fd, const struct dae_clients *clients, struct dae_cache *cache,
                  const uint8_t *pkt, size_t len, const struct sockaddr *from,
                  socklen_t from_len)
{
    static struct dae_request req;
    char who[80], why[256], shown[LOG_PRINTABLE_MAX], what[600];
    addr_text(from, who, sizeof(who));
    const char *secret = dae_clients_secret(clients, from);
    if (!secret) {
        log_warn("dae: request from %s, which is no RADIUS server of the configuration: "
                 "dropped", who);
        return;
    }
    if (!dae_wire_decode(pkt, len, secret, &req, why, sizeof(why))) {
        log_warn("dae: request from %s dropped: %s", who,
                 log_printable_str(shown, sizeof(shown), why));
        return;
    }
    const char *kind = req.code == DAE_COA_REQUEST ? "CoA-Request" : "Disconnect-Request";
    const struct dae_cache_entry *seen =
        dae_cache_find(cache, now_ms(), from, from_len, req.id, req.vector);
    if (seen) {
        log_info("dae: %s from %s id %u again: the same answer again", kind, who,
                 (unsigned)req.id);
        if (sendto(fd, seen->reply, seen->len, 0, from, from_len) < 0)
            log_warn("dae: cannot answer %s: %m", who);
        return;
    }
    describe(&req, what, sizeof(what));
    int cause = req.error_cause;
    if (cause)
        log_notice("dae: %s from %s (%s): %s", kind, who, what, req.why);
    else
        cause = act(&req);
    bool ack = cause == 0;
    uint8_t out[DAE_PACKET_MAX];
    ssize_t n = dae_wire_reply(&req, ack, cause, secret, out, sizeof(out), why, sizeof(why));
    if (n < 0) {
        log_error("dae: no reply to %s from %s: %s", kind, who,
                  log_printable_str(shown, sizeof(shown), why));
        return;
    }
    if (ack)
        log_notice("dae: %s from %s (%s): %s", kind, who, what,
                   req.code == DAE_COA_REQUEST ? "CoA-ACK" : "Disconnect-ACK");
    else
        log_notice("dae: %s from %s (%s): %s, Error-Cause %d %s", kind, who, what,
                   req.code == DAE_COA_REQUEST ? "CoA-NAK" : "Disconnect-NAK", cause,
                   dae_error_name(cause));
    dae_cache_put(cache, now_ms(), from, from_len, req.id, req.vector, out, (size_t)n);
    if (sendto(fd, out, (size_t)n, 0, from, from_len) < 0)
        log_warn("dae: cannot answer %s: %m", who);
}

static int usage_error(void)
{
    fprintf(stderr, "pppctl: usage: pppctl dae [[ADDR:]PORT] radius-config-file FILE\n");
    return EXIT_USAGE;
}

int dae_main(int argc, char **argv, volatile sig_atomic_t *stop)
{
    static struct dae_clients clients;
    static struct dae_cache cache;
    struct sockaddr_storage sa;
    socklen_t sa_len;
    const char *listen_spec = NULL;
    if (argc == 3)
        listen_spec = argv[0];
    else if (argc != 2)
        return usage_error();
    if (strcmp(argv[argc - 2], "radius-config-file") != 0)
        return usage_error();
    const char *config = argv[argc - 1];
    char dflt[16];
    snprintf(dflt, sizeof(dflt), "%d", DAE_DEFAULT_PORT);
    if (!dae_parse_listen(listen_spec ? listen_spec : dflt, &sa, &sa_len)) {
        fprintf(stderr, "pppctl: dae: %s is not [ADDR:]PORT\n", listen_spec);
        return EXIT_USAGE;
    }
    log_open("pppctl", LOG_TO_STDERR, 0);
    char why[512], here[80];
    if (dae_wire_init(DAE_DICT_DIR, why, sizeof(why)) < 0 ||
        dae_clients_load(&clients, config, why, sizeof(why)) < 0) {
        log_error("dae: %s", why);
        return EXIT_FAIL;
    }
    addr_text((struct sockaddr *)&sa, here, sizeof(here));
    int fd = socket(sa.ss_family, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sa_len) < 0) {
        log_error("dae: cannot listen on %s: %m", here);
        if (fd >= 0)
            close(fd);
        dae_clients_wipe(&clients);
        return EXIT_FAIL;
    }
    log_notice("dae: listening on %s for Disconnect and CoA requests from %zu address%s",
               here, clients.n, clients.n == 1 ? "" : "es");
    static uint8_t pkt[DAE_PACKET_MAX + 1];
    while (!*stop) {
        struct pollfd p = { .fd = fd, .events = POLLIN };
        int pr = poll(&p, 1, 1000);   /* a signal interrupts it; the timeout is a backstop */
        if (pr <= 0)
            continue;
        for (int i = 0; i < 64 && !*stop; i++) {
            struct sockaddr_storage from;
            socklen_t from_len = sizeof(from);
            ssize_t n = recvfrom(fd, pkt, sizeof(pkt), 0, (struct sockaddr *)&from, &from_len);
            if (n < 0)
                break;   /* EAGAIN: all read */
            serve(fd, &clients, &cache, pkt, (size_t)n, (struct sockaddr *)&from, from_len);
        }
    }
    log_notice("dae: stopped on signal");
    close(fd);
    dae_clients_wipe(&clients);
    return 0;
}
