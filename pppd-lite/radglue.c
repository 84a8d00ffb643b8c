/* radglue: the daemon's use of the RADIUS client (see radglue.h). */
#include "pppd-lite/radglue.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "pppd-lite/daemon.h"
#include "pppd-lite/proto/chap_ms.h"
#include "pppd-lite/sys/pidfile.h"
#include "pppd-lite/sys/privilege.h"
#include "pppd-lite/radius/radius.h"

static void counts(const struct daemon *d, struct radius_counts *c)
{
    const struct engine_counters *k = engine_counters(d->e);
    c->in_octets = d->bytes_rcvd;    /* NAS's view: input is what the peer sent */
    c->out_octets = d->bytes_sent;
    c->in_packets = k->rx_packets;
    c->out_packets = d->packets_sent;     /* the engine's tx count misses the tun's datagrams */
}

/* The server's answer: the engine learns it, the link gets what it grants. */
static void verdict(void *ctx, int result, const struct radreq_grant *g, const char *text)
{
    struct daemon *d = ctx;
    struct radius *r = &d->radius;
    struct secret_match m;
    char shown[600], who[LOG_PRINTABLE_MAX];
    bool ok = result == RADMSG_OK;
    log_printable_str(who, sizeof(who), r->user);      /* the peer chose it */
    if (g->message[0])
        log_printable_str(shown, sizeof(shown), g->message);
    if (result == RADMSG_REJECT)
        log_notice("RADIUS: Access-Reject for %s%s%s", who, g->message[0] ? ": " : "",
                   g->message[0] ? shown : "");
    if (ok) {
        if (g->session_timeout)
            d->o->maxconnect = (int)g->session_timeout;      /* as pppd's plugin */
        if (g->idle_timeout)
            d->o->idle = (int)g->idle_timeout;
        if (g->filter_id[0])
            script_env_set(&d->env, "RADIUS_FILTER_ID", g->filter_id);
        if (g->framed_route[0])
            script_env_set(&d->env, "RADIUS_FRAMED_ROUTE", g->framed_route);
        if (g->has_ip && g->ip != 0xfffffffeu && g->ip != 0xffffffffu)
            log_info("RADIUS: Framed-IP-Address %u.%u.%u.%u for %s", g->ip >> 24,
                     (g->ip >> 16) & 255, (g->ip >> 8) & 255, g->ip & 255, who);
    }
    (void)text;
    radreq_grant_match(g, r->user, &m);
    /* MS-CHAP: the server's Success (S=) or Failure (E=) text; else the
     * Reply-Message */
    engine_verify_done_text(d->e, d->now, d->radius_verify_id, ok, ok ? &m : NULL,
                            g->peer_text[0] ? g->peer_text : g->message);
    secrets_wipe(&m, sizeof(m));
}

int radglue_verify(void *ctx, const struct engine_verify_request *req, struct secret_match *m)
{
    struct daemon *d = ctx;
    struct radius *r = &d->radius;
    char user[ENGINE_NAME_MAX];
    (void)m;
    snprintf(user, sizeof(user), "%s", req->peer ? req->peer : "");
    r->port = d->tun.unit >= 0 ? (unsigned)d->tun.unit : 0;
    int rc;
    if (req->proto == ENGINE_AUTH_PAP)
        rc = radius_check_pap(r, user, (const char *)req->password, req->password_len);
    else if (req->chap_digest == CHAP_DIGEST_MS || req->chap_digest == CHAP_DIGEST_MSV2)
        rc = radius_check_mschap(r, user, req->chap_digest == CHAP_DIGEST_MSV2 ? 2 : 1,
                                 req->chap_id, req->challenge, req->challenge_len,
                                 req->response, req->response_len);
    else
        rc = radius_check_chap(r, user, req->chap_id, req->challenge, req->challenge_len,
                               req->response, req->response_len);
    if (rc < 0) {
        char who[LOG_PRINTABLE_MAX];
        log_error("RADIUS: cannot ask the server about %s: the peer is refused",
                  log_printable_str(who, sizeof(who), user));
        return 0;
    }
    d->radius_verify_id = req->id;
    return ENGINE_VERIFY_PENDING;
}

int radglue_open(struct daemon *d)
{
    struct radius *r = &d->radius;
    const struct ppp_options *o = d->o;
    if (!o->radius)
        return 0;
    const char *caller = priv_trusted_getenv("CALLER_ID");   /* getty's */
    const char *connect = priv_trusted_getenv("CONNECT");
    if (caller && caller[0] && strcmp(caller, "none") != 0)
        snprintf(r->calling, sizeof(r->calling), "%.127s", caller);
    else
        snprintf(r->calling, sizeof(r->calling), "%.127s", o->ipparam);
    snprintf(r->connect_info, sizeof(r->connect_info), "%.127s", connect ? connect : "");
    for (int i = 0; i < o->n_avpair && i < RADIUS_AVPAIRS_MAX; i++)
        r->avpairs[r->n_avpairs++] = o->avpair[i];
    r->verdict = verdict;
    r->verdict_ctx = d;
    if (radius_open(r, o->radius_config, o->radius_spool) < 0)
        return PPP_EXIT_FATAL;
    return 0;
}

int radglue_fd(const struct daemon *d)
{
    return radius_fd(&d->radius);
}

uint64_t radglue_deadline(const struct daemon *d)
{
    return radius_deadline(&d->radius);
}

void radglue_run(struct daemon *d, bool readable)
{
    struct radius *r = &d->radius;
    if (readable)
        radius_input(r, d->now);
    if (d->now >= radius_deadline(r)) {
        struct radius_counts c;
        counts(d, &c);
        radius_acct_interim(r, d->now, &c);
    }
}

/* radattr.so: the Accept's attributes for ip-up and friends. */
static void radattr_path(const struct daemon *d, char *out, size_t cap)
{
    snprintf(out, cap, "%s/radattr.%s", pidfile_run_dir(), d->tun.name);
}

static void radattr_write(struct daemon *d)
{
    char path[PATH_MAX], tmp[PATH_MAX + 8];
    const char *text = d->radius.attrlines;
    if (!d->o->radattr || !d->radius.authenticated)
        return;
    radattr_path(d, path, sizeof(path));
    snprintf(tmp, sizeof(tmp), "%.*s.tmp", (int)sizeof(path) - 1, path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    size_t len = strlen(text);
    if (fd < 0 || write(fd, text, len) != (ssize_t)len || close(fd) < 0 ||
        rename(tmp, path) < 0) {
        log_warn("radattr: cannot write %s: %m", path);
        if (fd >= 0)
            close(fd);
        unlink(tmp);
    }
}

void radglue_ip_up(struct daemon *d)
{
    radattr_write(d);
    d->radius.port = d->tun.unit >= 0 ? (unsigned)d->tun.unit : 0;
    radius_acct_start(&d->radius, d->now, (uint64_t)time(NULL), d->ip.remote);
    /* The control socket shows the id so an operator can match the
     * accounting records to this link. */
    if (d->radius.started)
        snprintf(d->radius_session, sizeof(d->radius_session), "%s", d->radius.sess.id);
}

void radglue_link_finished(struct daemon *d, int status)
{
    char path[PATH_MAX];
    if (d->o->radattr && d->tun.name[0]) {
        radattr_path(d, path, sizeof(path));
        unlink(path);
    }
    struct radius_counts c;
    counts(d, &c);
    radius_acct_stop(&d->radius, d->now, (uint64_t)time(NULL), &c, status);
    d->radius_session[0] = '\0';
}

void radglue_admin_reset(struct daemon *d)
{
    d->radius.stop_cause = RAD_CAUSE_ADMIN_RESET;
}

void radglue_close(struct daemon *d)
{
    if (d->radius.on || d->radius.pid > 0)
        radius_close(&d->radius);
}
