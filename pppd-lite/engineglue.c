/* engineglue: options -> engine settings, and the engine's environment
 * (send, events, IP delivery, randomness, secrets, login check). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "common/bigbuf.h"
#include "common/config.h"
#include "common/log.h"
#include "common/secrets.h"
#include "pppd-lite/daemon.h"
#include "pppd-lite/proto/hints.h"
#include "pppd-lite/config/optfiles.h"
#include "pppd-lite/radglue.h"
#include "pppd-lite/sys/pam_verify.h"


static bool bad_local_addr(uint32_t a)
{
    return a == 0 || (a >> 24) == 127 || (a >> 28) >= 0xe;
}

void engine_glue_escapes(const struct ppp_options *o, struct hdlc_encoder *e, bool negotiating)
{
    memset(e->extra, 0, sizeof(e->extra));
    for (unsigned b = 0; b < 256; b++)
        if (o->escape[b >> 3] & (1u << (b & 7)))
            (void)hdlc_encoder_escape_byte(e, (uint8_t)b);  /* options.c refused the rest */
    /* Until LCP is open DEL goes escaped too: a remote login that still
     * echoes in cooked mode takes 0x7f as erase, so a request whose FCS holds
     * that byte would never come back and a looped line would stay hidden
     * (retransmissions are identical). Every receiver takes an escaped byte
     * (RFC 1662 4.2). */
    if (negotiating)
        (void)hdlc_encoder_escape_byte(e, 0x7f);
}

void engine_glue_settings(const struct ppp_options *o, struct engine_settings *s)
{
    engine_settings_init(s);
    /* timers, counters, mru/mtu: the options given, by optengine's table */
    options_engine_apply(o, s);
    struct engine_lcp_settings *l = &s->lcp;
    l->asyncmap = o->asyncmap;
    l->neg_asyncmap = !o->default_asyncmap && !o->sync;   /* pppd: no ACCM on a sync line */
    l->neg_magic = !o->nomagic;
    l->neg_pfc = !o->nopcomp;
    l->neg_acfc = !o->noaccomp;
    l->passive = o->passive;
    l->silent = o->silent;
    /* pppd tty.c: listen_time = connect_delay only when we dialled out with
     * a connect script; a server on its line (ppplogin, /AutoPPP/) starts at once */
    l->listen_time_ms = o->connect[0] ? (uint32_t)o->connect_delay : 0;

    struct engine_auth_settings *a = &s->auth;
    a->require_pap = o->require_pap;
    a->require_chap = o->require_chap;
    a->require_mschap = o->require_mschap;
    a->require_mschap_v2 = o->require_mschap_v2;
    a->refuse_mschap = o->refuse_mschap;
    a->refuse_mschap_v2 = o->refuse_mschap_v2;
    a->auth = o->auth || o->require_pap || o->require_chap || o->require_mschap ||
              o->require_mschap_v2;
    a->refuse_pap = o->refuse_pap;
    a->refuse_chap = o->refuse_chap;
    a->login = o->login;
    char host[ENGINE_NAME_MAX] = "";
    gethostname(host, sizeof(host) - 1);
    snprintf(a->name, sizeof(a->name), "%s", o->name[0] && !o->usehostname ? o->name : host);
    snprintf(a->user, sizeof(a->user), "%s", o->user);
    size_t pw = options_index(options_find("password"));
    a->have_password = o->seen[pw].set;
    snprintf(a->password, sizeof(a->password), "%s", o->password);
    snprintf(a->remotename, sizeof(a->remotename), "%s", o->remotename);

    struct engine_ipcp_settings *ip = &s->ipcp;
    ip->local_addr = o->local_ip;
    ip->remote_addr = o->remote_ip;
    /* pppd: without noipdefault, our address comes from the host name */
    uint32_t h;
    if (!ip->local_addr && !o->noipdefault && host[0] && options_parse_ip(host, &h) == 0 &&
        !bad_local_addr(h))
        ip->local_addr = h;
    ip->accept_local = o->accept_local;
    ip->accept_remote = o->accept_remote;
    ip->ms_dns[0] = o->ms_dns[0];
    ip->ms_dns[1] = o->ms_dns[1];
    ip->usepeerdns = o->usepeerdns;
    /* on a sync pty frames are told apart by their own length fields
     * (common/syncframe.h), which compressed TCP (0x2d) does not have */
    ip->neg_vj = !o->novj && !o->sync;
    ip->vj_cflag = !o->novjccomp;
    ip->unit = o->unit > 0 ? (unsigned)o->unit : 0;

    struct engine_ipv6cp_settings *v6 = &s->ipv6cp;
    v6->enable = o->ipv6;
    v6->local_ifid = o->ipv6_local;
    v6->remote_ifid = o->ipv6_remote;
    /* pppd ipv6cp-use-ipaddr: identifiers not given come from the IPv4 addresses */
    if (o->ipv6cp_use_ipaddr && !v6->local_ifid)
        v6->local_ifid = ip->local_addr;
    if (o->ipv6cp_use_ipaddr && !v6->remote_ifid)
        v6->remote_ifid = ip->remote_addr;
    v6->accept_local = o->ipv6cp_accept_local;
    s->debug = o->debug;
}

static void env_send(void *ctx, uint16_t protocol, const uint8_t *payload, size_t len)
{
    struct daemon *d = ctx;
    if (!loop_send(d, protocol, payload, len))
        log_debug("line output queue full: dropped a %zu-byte packet (0x%04x)", len, protocol);
}

static void apply_link(struct daemon *d, const struct engine_link_params *p)
{
    d->enc.tx_accm = p->tx_accm;
    d->enc.pfc = p->tx_pfc;
    d->enc.acfc = p->tx_acfc;
    hdlc_decoder_set_accm(&d->dec, p->rx_accm);
    /* accept what the peer may send: our MRU, never less than the default */
    size_t mru = p->rx_mru > HDLC_DEFAULT_MRU ? p->rx_mru : HDLC_DEFAULT_MRU;
    hdlc_decoder_set_mru(&d->dec, mru);
    d->tx_mru = p->tx_mru ? p->tx_mru : HDLC_DEFAULT_MRU;
}

static void env_event(void *ctx, const struct engine_event *ev)
{
    struct daemon *d = ctx;
    switch (ev->type) {
    case ENGINE_EV_LINK_UP:
    case ENGINE_EV_LINK_DOWN:
        apply_link(d, &ev->link);
        engine_glue_escapes(d->o, &d->enc, ev->type == ENGINE_EV_LINK_DOWN);
        break;
    case ENGINE_EV_AUTH_PEER_OK:
        snprintf(d->peer_name, sizeof(d->peer_name), "%s", ev->auth.name ? ev->auth.name : "");
        d->peer_auth = ev->auth.proto;
        session_auth_up(d);
        break;
    case ENGINE_EV_AUTH_SELF_OK:
        d->self_auth = ev->auth.proto;
        break;
    case ENGINE_EV_IP_UP:
        session_ip_up(d, &ev->ip);
        break;
    case ENGINE_EV_IP_DOWN:
        session_ip_down(d);
        break;
    case ENGINE_EV_IPV6_UP:
        session_ipv6_up(d, &ev->ipv6);
        break;
    case ENGINE_EV_IPV6_DOWN:
        session_ipv6_down(d);
        break;
    case ENGINE_EV_DEAD:
        d->dead = true;
        d->dead_status = ev->dead.status;
        break;
    default:
        break;
    }
}

static void env_ip_input(void *ctx, const uint8_t *packet, size_t len)
{
    struct daemon *d = ctx;
    uint16_t proto = len && (packet[0] >> 4) == 6 ? PPP_PROTO_IPV6 : PPP_PROTO_IP;
    if (!filter_match(&d->pass_filter, false, proto, packet, len)) {
        d->filtered_in++;
        return;
    }
    if (filter_match(&d->active_filter, false, proto, packet, len))
        d->last_activity = d->now;
    tun_send(&d->tun, packet, len);   /* the loop calls tun_flush after each batch */
}

static void env_random(void *ctx, void *buf, size_t len)
{
    (void)ctx;
    uint8_t *p = buf;
    while (len > 0) {
        ssize_t n = getrandom(p, len, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            log_error("getrandom: %m");
            abort();   /* no randomness: CHAP and magic numbers would be predictable */
        }
        p += n;
        len -= (size_t)n;
    }
}

static int lookup_secret(struct daemon *d, enum engine_auth_proto proto, const char *client,
                         const char *server, struct secret_match *m);

static int env_get_secret(void *ctx, enum engine_auth_proto proto, const char *client,
                          const char *server, struct secret_match *m)
{
    struct daemon *d = ctx;
    /* every link looks secrets up several times: say what is wrong with a
     * file once, not at each look-up */
    struct log_hold *h = &d->secrets_log[proto == ENGINE_AUTH_CHAP];
    log_hold_begin(h);
    int r = lookup_secret(d, proto, client, server, m);
    if (!log_hold_end(h))
        log_hold_release(h);
    return r;
}

static int lookup_secret(struct daemon *d, enum engine_auth_proto proto, const char *client,
                         const char *server, struct secret_match *m)
{
    char path[4096];
    const char *opt = proto == ENGINE_AUTH_CHAP ? d->o->chap_secrets : d->o->pap_secrets;
    if (opt[0])
        snprintf(path, sizeof(path), "%s", opt);
    else if (optfiles_etc_path(path, sizeof(path),
                               proto == ENGINE_AUTH_CHAP ? "chap-secrets" : "pap-secrets") < 0)
        return -1;
    char why[CFG_ERR_MAX];
    if (access(path, F_OK) < 0)
        return 0;   /* no file: no secrets */
    if (cfg_check_path_secure(path, !d->privileged, why, sizeof(why)) < 0) {
        log_error("Not using secrets file %s: %s", path, why);
        return -1;
    }
    if (cfg_file_readable_by_others(path) == 1)
        log_warn("Warning - secret file %s has world and/or group access", path);
    char err[CFG_ERR_MAX];
    int r = secrets_lookup_file(path, client, server, m, err, sizeof(err));
    if (r < 0)
        log_error("%s", err);
    return r;
}

int engine_glue_init(struct daemon *d)
{
    static const struct engine_env proto = {
        .send = env_send,
        .event = env_event,
        .ip_input = env_ip_input,
        .ip6_input = env_ip_input,       /* the tun takes both: the version nibble tells */
        .random = env_random,
        .get_secret = env_get_secret,
        .verify_login = pam_verify_login,
    };
    struct engine_env env = proto;
    env.ctx = d;
    if (d->o->radius)
        env.verify = radglue_verify;     /* the server checks the peer, later */
    size_t need = engine_storage_size();
    d->engine_storage = bigbuf_alloc(need);   /* VJ's buffers: untouched until used */
    if (!d->engine_storage)
        return -1;
    d->e = engine_init(d->engine_storage, need, &d->settings, &env);
    return d->e ? 0 : -1;
}
