/* radworker: the RADIUS helper process (see radworker.h). Failover: every
 * server of the list is tried in turn, each with radcli's timeout and
 * retries; the one that answered is tried first next time, and after a round
 * with no answer the next server in the list leads. */
#include "pppd-lite/radius/radworker.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <radcli/radcli.h>
#include <radcli/version.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "pppd-lite/radius/radmsg.h"
#include "pppd-lite/sys/dynload.h"

#define DEFAULT_CONF "/etc/radcli/radiusclient.conf"
#define FALLBACK_CONF "/etc/radiusclient/radiusclient.conf"

/* radcli, loaded by radworker_load_config (every handle comes from there;
 * the helper process inherits it). */
static const struct dynload_radcli *radcli;

/* Debian's radcli dictionary leaves Microsoft's attributes out (its
 * $INCLUDE is commented): MS-CHAP and the MS DNS servers need them, so the
 * dictionary.microsoft beside it is read too. */
static void ms_dictionary(rc_handle *rh, const char *dict)
{
    enum { MS_CHAP2_RESPONSE = 25, MICROSOFT = 311 };
    char path[PATH_MAX];
    if (radcli->dict_getattr(rh, MS_CHAP2_RESPONSE | MICROSOFT << 16))
        return;
    const char *slash = strrchr(dict, '/');
    int dir = slash ? (int)(slash - dict + 1) : 0;
    if (snprintf(path, sizeof(path), "%.*sdictionary.microsoft", dir, dict) < (int)sizeof(path) &&
        access(path, R_OK) == 0 && radcli->read_dictionary(rh, path) == 0 &&
        radcli->dict_getattr(rh, MS_CHAP2_RESPONSE | MICROSOFT << 16)) {
        log_info("RADIUS: the dictionary %s lacks Microsoft's attributes; read %s too", dict,
                 path);
        return;
    }
    log_warn("RADIUS: the dictionary %s has no Microsoft attributes and %s cannot be read: "
             "MS-CHAP peers cannot be checked by the server, MS DNS servers are not seen",
             dict, path);
}

void *radworker_load_config(const char *file, char *err, size_t errlen)
{
    const char *path = file;
    if (!path || !path[0])
        path = access(DEFAULT_CONF, F_OK) == 0 ? DEFAULT_CONF : FALLBACK_CONF;
    if (access(path, R_OK) != 0) {
        snprintf(err, errlen, "RADIUS: cannot read radius-config-file %s: %s", path,
                 strerror(errno));
        return NULL;
    }
    char why[300];
    if (!radcli && !(radcli = dynload_radcli(why, sizeof(why)))) {
        snprintf(err, errlen, "RADIUS: %s", why);
        return NULL;
    }
    rc_handle *rh = radcli->read_config(path);
    if (!rh) {
        snprintf(err, errlen, "RADIUS: %s is not a usable radcli configuration "
                 "(radcli's reason is in the system log)", path);
        return NULL;
    }
    const char *dict = radcli->conf_str(rh, "dictionary");
    if (!dict || radcli->read_dictionary(rh, dict) != 0) {
        snprintf(err, errlen, "RADIUS: cannot read the dictionary %s named in %s",
                 dict ? dict : "(none)", path);
        radcli->destroy(rh);
        return NULL;
    }
    ms_dictionary(rh, dict);
    SERVER *a = radcli->conf_srv(rh, "authserver");
    if (!a || a->max == 0) {
        snprintf(err, errlen, "RADIUS: %s names no authserver", path);
        radcli->destroy(rh);
        return NULL;
    }
    return rh;
}

void radworker_free_config(void *handle)
{
    if (handle)
        radcli->destroy(handle);
}

int radworker_wait_ms(void *handle)
{
    rc_handle *rh = handle;
    SERVER *a = radcli->conf_srv(rh, "authserver"), *b = radcli->conf_srv(rh, "acctserver");
    int n = a && b ? (a->max > b->max ? a->max : b->max) : 1;
    int t = radcli->conf_int(rh, "radius_timeout"), k = radcli->conf_int(rh, "radius_retries");
    /* radcli sends radius_retries + 1 times; an Interim may be ahead of the Stop */
    return 2 * (t > 0 ? t : 3) * ((k > 0 ? k : 1) + 1) * (n > 0 ? n : 1) * 1000 + 1000;
}

const char *radworker_security_gap(void)
{
#if RADCLI_VERSION_NUMBER < 0x010400
    /* radcli before 1.4 builds Access-Requests without Message-Authenticator
     * and does not look for it in replies (checked with Debian 12's 1.2.11) */
    return "radcli " RADCLI_VERSION " neither sends nor checks Message-Authenticator, and "
           "takes an Access-Accept whose Response Authenticator does not verify: "
           "Access-Requests are open to BlastRADIUS (CVE-2024-3596) and to forged answers; "
           "build with radcli 1.4 or later, and keep RADIUS traffic on a trusted network "
           "meanwhile";
#else
    return NULL;
#endif
}

/* One attribute of a request into radcli's list, typed by the dictionary. */
static void add_item(rc_handle *rh, VALUE_PAIR **list, const struct radmsg_item *it)
{
    char shown[300];
    if (it->type == RADMSG_ITEM_AVPAIR) {
        char text[RADMSG_VAL_MAX + 1];
        memcpy(text, it->val, it->len);
        text[it->len] = '\0';
        if (radcli->avpair_parse(rh, text, list) != 0)
            log_warn("RADIUS: avpair %s not understood (not in the dictionary?)",
                     log_printable(shown, sizeof(shown), it->val, it->len));
        return;
    }
    if (it->type != RADMSG_ITEM_ATTR)
        return;
    DICT_ATTR *da = radcli->dict_getattr(rh, (int)(it->attr | it->vendor << 16));
    VALUE_PAIR *vp;
    if (da && (da->type == PW_TYPE_INTEGER || da->type == PW_TYPE_IPADDR ||
               da->type == PW_TYPE_DATE)) {
        if (it->len != 4)
            return;
        uint32_t v = (uint32_t)it->val[0] << 24 | (uint32_t)it->val[1] << 16 |
                     (uint32_t)it->val[2] << 8 | it->val[3];
        vp = radcli->avpair_add(rh, list, it->attr, &v, 4, it->vendor);
    } else {
        vp = radcli->avpair_add(rh, list, it->attr, it->val, it->len, it->vendor);
    }
    /* a request without its credentials would only be rejected: say why */
    if (!vp)
        log_warn("RADIUS helper: attribute %u (vendor %u) left out of the request: %s",
                 (unsigned)it->attr, (unsigned)it->vendor,
                 da ? "radcli refused its value" : "it is not in the dictionary");
}

static void reply_items(rc_handle *rh, struct radmsg *out, VALUE_PAIR *vp)
{
    for (; vp; vp = vp->next) {
        char name[NAME_LENGTH + 1], value[AUTH_STRING_LEN * 4 + 1], line[RADMSG_VAL_MAX];
        /* "Name Value" for radattr.so, as the dictionary names them */
        if (radcli->avpair_tostr(rh, vp, name, sizeof(name), value, sizeof(value)) == 0) {
            int n = snprintf(line, sizeof(line), "%s %s", name, value);
            if (n > 0)
                radmsg_add(out, RADMSG_ITEM_TEXT, 0, RADMSG_TEXT_ATTRLINE, line,
                           (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
        }
        uint32_t vendor = vp->attribute >> 16;
        uint16_t attr = (uint16_t)(vp->attribute & 0xffff);
        if (vp->type == PW_TYPE_INTEGER || vp->type == PW_TYPE_IPADDR || vp->type == PW_TYPE_DATE) {
            uint8_t b[4] = { (uint8_t)(vp->lvalue >> 24), (uint8_t)(vp->lvalue >> 16),
                             (uint8_t)(vp->lvalue >> 8), (uint8_t)vp->lvalue };
            radmsg_add(out, RADMSG_ITEM_ATTR, vendor, attr, b, 4);
        } else {
            size_t n = vp->lvalue <= AUTH_STRING_LEN ? vp->lvalue : AUTH_STRING_LEN;
            radmsg_add(out, RADMSG_ITEM_ATTR, vendor, attr, vp->strvalue, n);
        }
    }
}

struct failover {
    unsigned first;                  /* index of the server tried first */
};

static double mono_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One request through the server list; the reply in out. */
static void exchange(rc_handle *rh, struct failover *fo, const struct radmsg *req,
                     struct radmsg *out)
{
    bool acct = req->kind == RADMSG_ACCT;
    SERVER *srv = radcli->conf_srv(rh, acct ? "acctserver" : "authserver");
    VALUE_PAIR *send = NULL, *received = NULL;
    char msg[4096] = "";
    char silent[512] = "";
    int rc = ERROR_RC;
    uint32_t port = 0;

    radmsg_init(out, RADMSG_REPLY, req->seq);
    for (unsigned i = 0; i < req->n; i++)
        add_item(rh, &send, &req->item[i]);
    for (VALUE_PAIR *vp = send; vp; vp = vp->next)
        if (vp->attribute == PW_NAS_PORT)
            port = vp->lvalue;
    if (!srv || srv->max == 0) {
        out->result = RADMSG_ERROR;
        snprintf(msg, sizeof(msg), "no %s named in the radcli configuration",
                 acct ? "acctserver" : "authserver");
        goto done;
    }
    int timeout = radcli->conf_int(rh, "radius_timeout");
    int tries = radcli->conf_int(rh, "radius_retries");
    unsigned n = (unsigned)srv->max, first = fo->first % n;
    for (unsigned k = 0; k < n; k++) {
        unsigned i = (first + k) % n;
        SERVER one;
        memset(&one, 0, sizeof(one));
        one.max = 1;
        one.name[0] = srv->name[i];
        one.port[0] = srv->port[i];
        one.secret[0] = srv->secret[i];
        double t0 = mono_s();
        msg[0] = '\0';
        rc = radcli->aaa_ctx_server(rh, NULL, &one, acct ? ACCT : AUTH, port, send,
                               acct ? NULL : &received, msg, 0,
                               acct ? PW_ACCOUNTING_REQUEST : PW_ACCESS_REQUEST);
        if (rc == OK_RC || rc == REJECT_RC) {
            fo->first = i;           /* it answers: ask it first next time */
            break;
        }
        size_t used = strlen(silent);
        snprintf(silent + used, sizeof(silent) - used, "%s%s:%u (%s after %.0f s)",
                 used ? ", " : "", srv->name[i], (unsigned)srv->port[i],
                 rc == TIMEOUT_RC ? "no answer" : "a bad or unverifiable reply",
                 mono_s() - t0);
        if (k + 1 == n)
            fo->first = (first + 1) % n;   /* nobody answered: the next one leads */
    }
    if (rc == OK_RC || rc == REJECT_RC) {
        out->result = rc == OK_RC ? RADMSG_OK : RADMSG_REJECT;
        if (silent[0]) {
            size_t used = strlen(msg);
            snprintf(msg + used, sizeof(msg) - used, "%sfailed over past %s", used ? "; " : "",
                     silent);
        }
    } else {
        out->result = rc == TIMEOUT_RC ? RADMSG_TIMEOUT : RADMSG_ERROR;
        snprintf(msg, sizeof(msg), "no RADIUS %s server answered: %s (radius_timeout %d s, "
                 "radius_retries %d)", acct ? "accounting" : "authentication", silent, timeout,
                 tries);
    }
    reply_items(rh, out, received);
done:
    radmsg_add(out, RADMSG_ITEM_TEXT, 0, 0, msg, strlen(msg) < 255 ? strlen(msg) : 255);
    radcli->avpair_free(send);
    radcli->avpair_free(received);
}

int radworker_serve(void *handle, int fd)
{
    rc_handle *rh = handle;
    struct failover fo_auth = { 0 }, fo_acct = { 0 };
    static uint8_t buf[RADMSG_WIRE_MAX];
    static struct radmsg req, rep;

    for (;;) {
        ssize_t n = recv(fd, buf, sizeof(buf), 0);
        if (n == 0)
            return 0;                /* the daemon is gone */
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return 1;
        }
        if (!radmsg_decode(buf, (size_t)n, &req) || req.kind == RADMSG_REPLY) {
            log_error("RADIUS helper: malformed request from the daemon dropped");
            continue;
        }
        exchange(rh, req.kind == RADMSG_ACCT ? &fo_acct : &fo_auth, &req, &rep);
        memset(&req, 0, sizeof(req));   /* it held a password */
        size_t len = radmsg_encode(&rep, buf, sizeof(buf));
        if (len && send(fd, buf, len, MSG_NOSIGNAL) < 0 && errno == EPIPE)
            return 0;
    }
}

pid_t radworker_start(void *rh, int *fd)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0) {
        close(sv[0]);
        close(sv[1]);
        return -1;
    }
    if (pid == 0) {
        /* the daemon's handlers and descriptors are not ours */
        static const int sigs[] = { SIGTERM, SIGCHLD, SIGUSR1, SIGUSR2, SIGALRM, SIGPIPE };
        for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
            signal(sigs[i], SIG_DFL);
        signal(SIGINT, SIG_IGN);     /* the daemon decides; it closes our socket */
        signal(SIGHUP, SIG_IGN);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        close(sv[0]);
        _exit(radworker_serve(rh, sv[1]));
    }
    close(sv[1]);
    fcntl(sv[0], F_SETFL, fcntl(sv[0], F_GETFL) | O_NONBLOCK);
    *fd = sv[0];
    return pid;
}
