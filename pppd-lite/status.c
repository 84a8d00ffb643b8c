/* status: the control socket's answers (see status.h). Every value from
 * outside (peer name, device name, option strings) is escaped. */
#include <arpa/inet.h>
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "pppd-lite/daemon.h"
#include "pppd-lite/radglue.h"
#include "pppd-lite/sys/pidfile.h"
#include "pppd-lite/sys/privilege.h"
#include "pppd-lite/sys/sdnotify.h"
#include "pppd-lite/status.h"

static void put_str(struct ctl_out *o, const char *key, const char *value)
{
    char shown[LOG_PRINTABLE_MAX];
    ctl_out_printf(o, "%s %s\n", key, log_printable_str(shown, sizeof(shown), value));
}

static void put_u64(struct ctl_out *o, const char *key, uint64_t v)
{
    ctl_out_printf(o, "%s %" PRIu64 "\n", key, v);
}

static void put_ip4(struct ctl_out *o, const char *key, bool up, uint32_t a)
{
    struct in_addr in = { .s_addr = htonl(a) };
    char s[INET_ADDRSTRLEN] = "";
    if (up)
        inet_ntop(AF_INET, &in, s, sizeof(s));
    ctl_out_printf(o, "%s %s\n", key, s);
}

static void put_ip6(struct ctl_out *o, const char *key, bool up, uint64_t ifid)
{
    struct in6_addr a = { .s6_addr = { 0xfe, 0x80 } };
    char s[INET6_ADDRSTRLEN] = "";
    for (int i = 0; i < 8; i++)
        a.s6_addr[8 + i] = (uint8_t)(ifid >> (56 - 8 * i));
    if (up)
        inet_ntop(AF_INET6, &a, s, sizeof(s));
    ctl_out_printf(o, "%s %s\n", key, s);
}

static uint64_t since_s(const struct daemon *d, uint64_t t)
{
    return t && d->now > t ? (d->now - t) / 1000u : 0;
}

static void write_status(struct daemon *d, struct ctl_out *o)
{
    const struct ppp_options *opt = d->o;
    bool linked = d->line_open && d->link_start;
    bool ip_up = engine_ip_ready(d->e), ip6_up = engine_ipv6_ready(d->e);

    put_str(o, "interface", d->tun.name);
    put_u64(o, "pid", (uint64_t)getpid());
    put_str(o, "linkname", opt->linkname);
    put_str(o, "ipparam", opt->ipparam);
    put_str(o, "tty", d->line_open ? d->devname : "");
    put_u64(o, "speed", d->line_open ? serial_get_speed(&d->line) : 0);
    put_str(o, "phase", engine_phase_name(engine_phase(d->e)));
    struct engine_proto_state ps[ENGINE_PROTO_STATES_MAX];
    size_t n = engine_protocol_states(d->e, ps, ENGINE_PROTO_STATES_MAX);
    for (size_t i = 0; i < n; i++) {
        char key[16];
        size_t k = 0;
        for (; ps[i].name[k] && k < sizeof(key) - 1; k++)   /* "IPCP" -> key "ipcp" */
            key[k] = (char)tolower((unsigned char)ps[i].name[k]);
        key[k] = '\0';
        put_str(o, key, ps[i].state);
    }
    put_str(o, "peer_name", d->peer_name);
    put_str(o, "auth_peer", engine_auth_method(d->e, d->peer_auth, true));
    put_str(o, "auth_self", engine_auth_method(d->e, d->self_auth, false));
    put_str(o, "user", d->peer_name[0] ? d->peer_name : opt->user);
    put_ip4(o, "local_ip", ip_up, d->ip.local);
    put_ip4(o, "remote_ip", ip_up, d->ip.remote);
    put_ip6(o, "local_ip6", ip6_up, d->ipv6.local);
    put_ip6(o, "remote_ip6", ip6_up, d->ipv6.remote);
    uint64_t up = linked ? since_s(d, d->link_start) : 0;
    put_u64(o, "connect_time", up);
    put_u64(o, "connected_since", linked ? (uint64_t)time(NULL) - up : 0);
    put_u64(o, "idle_time", ip_up || ip6_up ? since_s(d, d->last_activity) : 0);
    const struct engine_counters *c = engine_counters(d->e);
    put_u64(o, "bytes_in", d->bytes_rcvd);
    put_u64(o, "bytes_out", d->bytes_sent);
    put_u64(o, "packets_in", c->rx_packets);
    put_u64(o, "packets_out", d->packets_sent);
    put_u64(o, "bad_fcs", d->dec.stats.fcs_errors);
    put_u64(o, "too_long", d->dec.stats.too_long);
    put_u64(o, "too_short", d->dec.stats.runts);
    struct engine_comp_counters vj;
    engine_comp_counters(d->e, &vj);
    put_u64(o, "vj_comp_in", vj.comp_in);
    put_u64(o, "vj_unc_in", vj.unc_in);
    put_u64(o, "vj_err_in", vj.err_in);
    put_u64(o, "vj_tossed_in", vj.tossed_in);
    put_u64(o, "vj_comp_out", vj.comp_out);
    put_u64(o, "vj_packets_out", vj.packets_out);
    put_u64(o, "vj_searches", vj.searches);
    put_u64(o, "vj_misses", vj.misses);
    struct engine_echo_state es;
    engine_echo_state(d->e, &es);
    put_u64(o, "echo_interval", es.interval_ms / 1000u);
    put_u64(o, "echo_failure", es.failure);
    put_u64(o, "echos_pending", es.pending);
    put_str(o, "radius_session", d->radius_session);
    /* what RADIUS calls NAS-Port (the unit) and the connect-time limit
     * (maxconnect or Session-Timeout), for pppctl dae's matching */
    if (d->tun.unit >= 0)
        put_u64(o, "nas_port", (uint64_t)d->tun.unit);
    else
        put_str(o, "nas_port", "");
    put_u64(o, "session_timeout", d->o->maxconnect > 0 ? (uint64_t)d->o->maxconnect : 0);
    put_str(o, "debug", log_debug_enabled() ? "on" : "off");
    ctl_out_printf(o, "ok\n");
}

void status_handle(void *ctx, const struct ctl_request *req, struct ctl_out *o)
{
    struct daemon *d = ctx;
    enum ctl_command cmd = req->cmd;
    switch (cmd) {
    case CTL_CMD_STATUS:
        write_status(d, o);
        break;
    case CTL_CMD_TERMINATE:
        log_notice("Terminating on request from the control socket");
        d->quit = true;   /* as SIGTERM: no redial */
        loop_close(d, PPP_EXIT_USER_REQUEST, "User request");
        ctl_out_printf(o, "ok terminating\n");
        break;
    case CTL_CMD_TERMINATE_ADMIN_RESET:
        /* RFC 5176 Disconnect (pppctl dae): the Stop says Admin-Reset */
        log_notice("Terminating on request from the control socket (Admin-Reset)");
        radglue_admin_reset(d);
        d->quit = true;
        loop_close(d, PPP_EXIT_USER_REQUEST, "Administrative reset");
        ctl_out_printf(o, "ok terminating\n");
        break;
    case CTL_CMD_SESSION_TIMEOUT:
        /* as maxconnect: counted from IP up; a limit already passed ends
         * the link at once (Session-Timeout in the Stop) */
        d->o->maxconnect = (int)req->arg;
        if (req->arg)
            log_info("Session timeout set to %u seconds (control socket)", (unsigned)req->arg);
        else
            log_info("Session timeout removed (control socket)");
        ctl_out_printf(o, "ok session-timeout %u\n", (unsigned)req->arg);
        break;
    case CTL_CMD_HANGUP:
        d->sig->hup = 1;  /* as SIGHUP: the loop ends the link; persist redials */
        ctl_out_printf(o, "ok hanging up\n");
        break;
    case CTL_CMD_DEBUG_ON:
    case CTL_CMD_DEBUG_OFF: {
        bool on = cmd == CTL_CMD_DEBUG_ON;
        log_set_debug(on);
        engine_set_debug(d->e, on);
        log_info("Debug turned %s (control socket)", on ? "on" : "off");
        ctl_out_printf(o, "ok debug %s\n", on ? "on" : "off");
        break;
    }
    }
}

void status_socket_open(struct daemon *d)
{
    if (ctlsock_open(&d->ctl, pidfile_run_dir(), d->tun.name) < 0)
        log_warn("Couldn't create the control socket for %s in %s/%s: %m", d->tun.name,
                 pidfile_run_dir(), CTL_SOCK_SUBDIR);
}

void status_link_up(struct daemon *d)
{
    if (!d->o->up_sdnotify)
        return;
    const char *sock = priv_trusted_getenv("NOTIFY_SOCKET");
    char msg[128];
    snprintf(msg, sizeof(msg), "READY=1\nSTATUS=%s is up\n", d->tun.name);
    if (!sock)
        log_warn("up_sdnotify: NOTIFY_SOCKET is not set (not started by systemd?)");
    else if (sdnotify_send(sock, msg) < 0)
        log_warn("up_sdnotify: cannot notify systemd: %m");
    else
        log_debug("up_sdnotify: told systemd the link is up");
}
