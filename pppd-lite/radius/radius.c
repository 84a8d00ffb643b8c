/* radius: the loop's side of the RADIUS client (see radius.h). */
#include "pppd-lite/radius/radius.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "pppd-lite/radius/radms.h"
#include "pppd-lite/radius/radspool.h"
#include "pppd-lite/radius/radworker.h"

enum radius_what { W_FREE, W_AUTH, W_START, W_INTERIM, W_STOP, W_SPOOLED };

static struct radius_pending *pend_new(struct radius *r, uint8_t what, const char *spool)
{
    for (int i = 0; i < RADIUS_PENDING_MAX; i++) {
        struct radius_pending *p = &r->pend[i];
        if (p->what == W_FREE) {
            p->what = what;
            p->seq = ++r->seq ? r->seq : ++r->seq;
            snprintf(p->spool, sizeof(p->spool), "%s", spool ? spool : "");
            return p;
        }
    }
    return NULL;
}

static int send_msg(struct radius *r, const struct radmsg *m)
{
    static uint8_t buf[RADMSG_WIRE_MAX];
    size_t n = radmsg_encode(m, buf, sizeof(buf));
    int rc = n && send(r->fd, buf, n, MSG_NOSIGNAL) == (ssize_t)n ? 0 : -1;
    memset(buf, 0, n);               /* it may hold a password */
    if (rc < 0)
        log_error("RADIUS: cannot hand a request to the helper process: %m");
    return rc;
}

static uint64_t wall_now(void)
{
    return (uint64_t)time(NULL);
}

/* Write a Stop to the spool before it is sent: a crash or an outage
 * between here and the acknowledgement loses nothing. */
static int spool_write(struct radius *r, const struct radmsg *m, char *path, size_t cap)
{
    static uint8_t buf[RADSPOOL_MAX];
    char id[64] = "x", tmp[PATH_MAX + 8];
    radmsg_get_str(m, 0, RAD_ACCT_SESSION_ID, id, sizeof(id));
    if (snprintf(path, cap, "%s/%s.stop", r->spool_dir, id) >= (int)cap ||
        snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp)) {
        log_error("RADIUS: spool folder name too long: %s", r->spool_dir);
        path[0] = '\0';
        return -1;
    }
    size_t n = radspool_encode(m, wall_now(), buf, sizeof(buf));
    mkdir(r->spool_dir, 0700);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0 || n == 0 || write(fd, buf, n) != (ssize_t)n || fsync(fd) < 0 ||
        close(fd) < 0 || rename(tmp, path) < 0) {
        log_error("RADIUS: cannot spool the accounting Stop in %s: %m", r->spool_dir);
        if (fd >= 0)
            close(fd);
        unlink(tmp);
        path[0] = '\0';
        return -1;
    }
    return 0;
}

static void spool_resend(struct radius *r)
{
    static uint8_t buf[RADSPOOL_MAX + 1];
    static struct radmsg m;
    char path[PATH_MAX];
    DIR *dir = opendir(r->spool_dir);
    if (!dir)
        return;
    struct dirent *de;
    while ((de = readdir(dir)) != NULL) {
        size_t len = strlen(de->d_name);
        if (len < 6 || strcmp(de->d_name + len - 5, ".stop") != 0)
            continue;
        if (snprintf(path, sizeof(path), "%s/%s", r->spool_dir, de->d_name) >= (int)sizeof(path))
            continue;
        int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0)
            continue;
        ssize_t n = read(fd, buf, sizeof(buf));
        close(fd);
        uint64_t first;
        char shown[300];
        if (n <= 0 || !radspool_parse(buf, (size_t)n, &m, &first)) {
            log_warn("RADIUS: spool file %s is not a spooled accounting request; left alone",
                     log_printable_str(shown, sizeof(shown), path));
            continue;
        }
        struct radius_pending *p = pend_new(r, W_SPOOLED, path);
        if (!p)
            break;                   /* the rest goes next time */
        m.seq = p->seq;
        radspool_delay(&m, first, wall_now());
        log_info("RADIUS: resending a spooled accounting Stop (%s)",
                 log_printable_str(shown, sizeof(shown), de->d_name));
        if (send_msg(r, &m) < 0)
            p->what = W_FREE;
    }
    closedir(dir);
}

int radius_open(struct radius *r, const char *config, const char *spool_dir)
{
    char err[PATH_MAX + 200];
    r->fd = -1;
    r->pid = -1;
    snprintf(r->spool_dir, sizeof(r->spool_dir), "%s",
             spool_dir && spool_dir[0] ? spool_dir : RADIUS_DEFAULT_SPOOL);
    void *rh = radworker_load_config(config, err, sizeof(err));
    if (!rh) {
        log_error("%s", err);
        return -1;
    }
    r->wait_ms = radworker_wait_ms(rh);
    r->pid = radworker_start(rh, &r->fd);
    radworker_free_config(rh);       /* only the helper uses it from here on */
    if (r->pid < 0) {
        log_error("RADIUS: cannot start the helper process: %m");
        return -1;
    }
    r->on = true;
    const char *gap = radworker_security_gap();
    if (gap)
        log_warn("RADIUS: %s", gap);
    spool_resend(r);
    return 0;
}

int radius_fd(const struct radius *r)
{
    return r->on ? r->fd : -1;
}

static void reply(struct radius *r, const struct radmsg *m)
{
    char text[256] = "", shown[600];
    for (unsigned i = 0; i < m->n; i++)
        if (m->item[i].type == RADMSG_ITEM_TEXT && m->item[i].attr == 0) {
            memcpy(text, m->item[i].val, m->item[i].len < 255 ? m->item[i].len : 255);
            text[m->item[i].len < 255 ? m->item[i].len : 255] = '\0';
        }
    struct radius_pending *p = NULL;
    for (int i = 0; i < RADIUS_PENDING_MAX; i++)
        if (r->pend[i].what != W_FREE && r->pend[i].seq == m->seq)
            p = &r->pend[i];
    if (!p) {
        log_debug("RADIUS: an answer to a request no longer waited for");
        return;
    }
    uint8_t what = p->what;
    p->what = W_FREE;
    log_printable_str(shown, sizeof(shown), text);
    if (what == W_AUTH) {
        if (m->seq != r->auth_seq)
            return;
        r->auth_seq = 0;
        struct radreq_grant g;
        radreq_grant(m, &g);
        if (r->auth_ms && (m->result == RADMSG_OK || m->result == RADMSG_REJECT)) {
            const char *why;
            const char *attr = m->result == RADMSG_OK ? "MS-CHAP2-Success" : "MS-CHAP-Error";
            char ms[1024];
            radms_peer_text(m, m->result == RADMSG_OK, r->auth_ms, r->auth_ident, g.peer_text,
                            sizeof(g.peer_text), &why);
            if (why)
                log_warn("RADIUS: %s in the answer not used: %s", attr, why);
            else if (g.peer_text[0])
                log_debug("RADIUS: %s %s", attr, log_printable_str(ms, sizeof(ms), g.peer_text));
        }
        if (m->result == RADMSG_TIMEOUT || m->result == RADMSG_ERROR)
            log_error("RADIUS: %s", shown);
        else if (text[0] && m->result == RADMSG_OK)
            log_info("RADIUS: %s", shown);
        if (m->result == RADMSG_OK) {
            size_t used = 0;
            r->attrlines[0] = '\0';
            for (unsigned i = 0; i < m->n; i++) {
                const struct radmsg_item *it = &m->item[i];
                if (it->type != RADMSG_ITEM_TEXT || it->attr != RADMSG_TEXT_ATTRLINE ||
                    used + it->len + 2 > sizeof(r->attrlines))
                    continue;
                memcpy(r->attrlines + used, it->val, it->len);
                used += it->len;
                r->attrlines[used++] = '\n';
                r->attrlines[used] = '\0';
            }
            r->grant = g;
            r->authenticated = true;
            r->interim_ms = (uint64_t)g.interim * 1000u;
        }
        if (r->verdict)
            r->verdict(r->verdict_ctx, m->result, &g, text);
        return;
    }
    const char *name = what == W_START ? "Start" : what == W_INTERIM ? "Interim-Update" : "Stop";
    if (m->result == RADMSG_OK) {
        if (p->spool[0]) {
            unlink(p->spool);
            if (what == W_SPOOLED)
                log_info("RADIUS: spooled accounting Stop delivered");
        }
        log_debug("RADIUS: accounting %s acknowledged", name);
    } else if (what == W_STOP || what == W_SPOOLED) {
        log_error("RADIUS: accounting Stop not acknowledged (%s); kept in %s for a later "
                  "start", shown, r->spool_dir);
    } else {
        log_warn("RADIUS: accounting %s not acknowledged: %s", name, shown);
    }
}

void radius_input(struct radius *r, uint64_t now_ms)
{
    static uint8_t buf[RADMSG_WIRE_MAX];
    static struct radmsg m;
    (void)now_ms;
    for (;;) {
        ssize_t n = recv(r->fd, buf, sizeof(buf), MSG_DONTWAIT);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return;
        if (n == 0) {
            log_error("RADIUS: the helper process ended; RADIUS is off from now on");
            close(r->fd);
            r->fd = -1;
            r->on = false;
            if (r->auth_seq && r->verdict) {
                struct radreq_grant g;
                memset(&g, 0, sizeof(g));
                r->auth_seq = 0;
                r->verdict(r->verdict_ctx, RADMSG_ERROR, &g, "RADIUS helper process ended");
            }
            return;
        }
        if (!radmsg_decode(buf, (size_t)n, &m) || m.kind != RADMSG_REPLY) {
            log_error("RADIUS: malformed answer from the helper process dropped");
            continue;
        }
        reply(r, &m);
    }
}

static struct radreq_nas nas_of(const struct radius *r)
{
    return (struct radreq_nas){ .port = r->port, .calling = r->calling,
                                .connect_info = r->connect_info, .avpairs = r->avpairs,
                                .n_avpairs = r->n_avpairs };
}

static int check_send(struct radius *r, struct radmsg *m, struct radius_pending *p, bool ok)
{
    if (!ok || send_msg(r, m) < 0) {
        p->what = W_FREE;
        memset(m, 0, sizeof(*m));
        return -1;
    }
    memset(m, 0, sizeof(*m));
    r->auth_seq = p->seq;
    return 0;
}

int radius_check_pap(struct radius *r, const char *user, const char *password, size_t plen)
{
    static struct radmsg m;
    struct radreq_nas nas = nas_of(r);
    struct radius_pending *p = r->on ? pend_new(r, W_AUTH, NULL) : NULL;
    if (!p)
        return -1;
    snprintf(r->user, sizeof(r->user), "%s", user);
    r->auth_ms = 0;
    return check_send(r, &m, p, radreq_auth_pap(&m, p->seq, &nas, user, password, plen));
}

int radius_check_chap(struct radius *r, const char *user, uint8_t ident,
                      const uint8_t *challenge, size_t clen, const uint8_t *response,
                      size_t rlen)
{
    static struct radmsg m;
    struct radreq_nas nas = nas_of(r);
    struct radius_pending *p = r->on ? pend_new(r, W_AUTH, NULL) : NULL;
    if (!p)
        return -1;
    snprintf(r->user, sizeof(r->user), "%s", user);
    r->auth_ms = 0;
    return check_send(r, &m, p, radreq_auth_chap(&m, p->seq, &nas, user, ident, challenge,
                                                 clen, response, rlen));
}

int radius_check_mschap(struct radius *r, const char *user, int version, uint8_t ident,
                        const uint8_t *challenge, size_t clen, const uint8_t *response,
                        size_t rlen)
{
    static struct radmsg m;
    struct radreq_nas nas = nas_of(r);
    struct radius_pending *p = r->on ? pend_new(r, W_AUTH, NULL) : NULL;
    if (!p)
        return -1;
    snprintf(r->user, sizeof(r->user), "%s", user);
    r->auth_ms = (uint8_t)version;   /* how to read the answer */
    r->auth_ident = ident;
    return check_send(r, &m, p, radms_auth(&m, p->seq, &nas, user, version, ident, challenge,
                                           clen, response, rlen));
}

void radius_cancel_check(struct radius *r)
{
    r->auth_seq = 0;
}

uint64_t radius_deadline(const struct radius *r)
{
    return r->on && r->started && r->interim_ms ? r->next_interim : UINT64_MAX;
}

static void acct_send(struct radius *r, int status, const struct radius_counts *c,
                      uint64_t now_ms, int cause)
{
    static struct radmsg m;
    char spool[PATH_MAX] = "";
    uint8_t what = status == RAD_STATUS_START ? W_START
                   : status == RAD_STATUS_STOP ? W_STOP : W_INTERIM;
    struct radreq_nas nas = nas_of(r);
    r->sess.user = r->user;
    r->sess.class_ = r->grant.class_;
    r->sess.class_len = r->grant.class_len;
    r->sess.seconds = (uint32_t)((now_ms - r->start_ms) / 1000u);
    if (c) {
        r->sess.in_octets = c->in_octets;
        r->sess.out_octets = c->out_octets;
        r->sess.in_packets = c->in_packets;
        r->sess.out_packets = c->out_packets;
    }
    if (!radreq_acct(&m, 0, &nas, &r->sess, status, cause)) {
        log_error("RADIUS: accounting request too large");
        return;
    }
    if (what == W_STOP)
        spool_write(r, &m, spool, sizeof(spool));
    struct radius_pending *p = pend_new(r, what, spool);
    if (!p) {
        log_error("RADIUS: too many accounting requests waiting; this one %s",
                  spool[0] ? "stays in the spool" : "is dropped");
        return;
    }
    m.seq = p->seq;
    if (send_msg(r, &m) < 0)
        p->what = W_FREE;
}

void radius_acct_start(struct radius *r, uint64_t now_ms, uint64_t wall_s, uint32_t ip)
{
    if (!r->on || !r->authenticated || r->started)
        return;
    radreq_session_id(r->sess.id, sizeof(r->sess.id), wall_s, (unsigned)getpid(), r->counter++);
    r->sess.ip = ip;
    r->start_ms = now_ms;
    r->started = true;
    r->next_interim = now_ms + r->interim_ms;
    acct_send(r, RAD_STATUS_START, NULL, now_ms, 0);
}

void radius_acct_interim(struct radius *r, uint64_t now_ms, const struct radius_counts *c)
{
    if (!r->on || !r->started)
        return;
    r->next_interim = now_ms + (r->interim_ms ? r->interim_ms : 60000u);
    acct_send(r, RAD_STATUS_INTERIM, c, now_ms, 0);
}

void radius_acct_stop(struct radius *r, uint64_t now_ms, uint64_t wall_s,
                      const struct radius_counts *c, int exit_status)
{
    (void)wall_s;
    int cause = r->stop_cause ? r->stop_cause : radreq_cause(exit_status);
    if (r->on && r->started)
        acct_send(r, RAD_STATUS_STOP, c, now_ms, cause);
    r->stop_cause = 0;
    r->started = false;
    r->authenticated = false;
    r->auth_seq = 0;
    memset(&r->grant, 0, sizeof(r->grant));
}

static bool accounting_pending(const struct radius *r)
{
    for (int i = 0; i < RADIUS_PENDING_MAX; i++)
        if (r->pend[i].what == W_STOP || r->pend[i].what == W_SPOOLED)
            return true;
    return false;
}

void radius_close(struct radius *r)
{
    int timeout_ms = r->wait_ms;
    if (r->fd >= 0) {
        struct timespec t0, t;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        while (r->on && accounting_pending(r)) {
            clock_gettime(CLOCK_MONOTONIC, &t);
            long spent = (t.tv_sec - t0.tv_sec) * 1000L + (t.tv_nsec - t0.tv_nsec) / 1000000L;
            if (spent >= timeout_ms)
                break;
            struct pollfd pfd = { .fd = r->fd, .events = POLLIN };
            if (poll(&pfd, 1, (int)(timeout_ms - spent)) > 0)
                radius_input(r, 0);
        }
        if (r->on && accounting_pending(r))
            log_warn("RADIUS: no accounting server acknowledged the Stop in time; kept in %s "
                     "for a later start", r->spool_dir);
        if (r->fd >= 0)
            close(r->fd);
        r->fd = -1;
    }
    if (r->pid > 0) {
        kill(r->pid, SIGTERM);
        waitpid(r->pid, NULL, 0);
        r->pid = -1;
    }
    r->on = false;
}
