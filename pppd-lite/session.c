/* session: one call's life outside the protocol engine, in pppd's order:
 * lock and open the line, init/connect/welcome scripts, the ppp interface
 * and pid file, addresses/routes/proxy ARP and ip-up when IPCP opens, the
 * reverse when it closes, statistics and the 8-bit check at the end, the
 * disconnect script, and clean-up on every exit path. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/log.h"
#include "pppd-lite/sys/connect.h"
#include "pppd-lite/daemon.h"
#include "pppd-lite/demand.h"
#include "pppd-lite/proto/hints.h"
#include "pppd-lite/proto/ipcp.h"
#include "pppd-lite/proto/ipv6cp.h"
#include "pppd-lite/sys/netif.h"
#include "pppd-lite/config/optfiles.h"
#include "pppd-lite/sys/pidfile.h"
#include "pppd-lite/sys/ptyline.h"
#include "pppd-lite/sys/route.h"
#include "pppd-lite/status.h"
#include "pppd-lite/radglue.h"

/* child-timeout in ms for script_wait (0 = forever: negative) */
static int child_wait_ms(const struct daemon *d)
{
    return d->o->child_timeout > 0 ? d->o->child_timeout * 1000 : -1;
}

static const char *ipstr(uint32_t a, char *buf)
{
    snprintf(buf, 16, "%u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
    return buf;
}

int session_open_line(struct daemon *d)
{
    struct ppp_options *o = d->o;
    d->hungup = false;
    if (o->notty) {
        if (o->device[0] || o->pty[0]) {
            log_error("notty option precludes specifying device name");
            return PPP_EXIT_OPTION;
        }
        /* pipes (ssh without a tty, inetd): read stdin, write stdout */
        snprintf(d->devname, sizeof(d->devname), "notty");
        int fl = fcntl(1, F_GETFL);
        if (serial_adopt(&d->line, 0, d->devname) < 0 || fl < 0 ||
            fcntl(1, F_SETFL, fl | O_NONBLOCK) < 0) {
            log_error("Failed to use standard input and output: %m");
            return PPP_EXIT_OPEN;
        }
    } else if (o->pty[0]) {
        if (o->device[0]) {
            log_error("pty option precludes specifying device name");
            return PPP_EXIT_OPTION;
        }
        int fd = ptyline_start(o->pty, &d->pty_pid, d->devname, sizeof(d->devname));
        if (fd < 0 || serial_adopt(&d->line, fd, d->devname) < 0) {
            log_error("Failed to start pty script %s: %m", o->pty);
            return PPP_EXIT_OPEN;
        }
    } else if (o->device[0]) {
        snprintf(d->devname, sizeof(d->devname), "%s", o->device);
        if (o->lock) {
            struct lock_info info = { 0 };
            enum lock_status ls = lock_acquire(&d->lock, d->lock_dir, o->device, &info);
            if (info.stale_pid)
                log_notice("Removed stale lock on %s (pid %d)", o->device, (int)info.stale_pid);
            if (ls == LOCK_BUSY) {
                log_error("Device %s is locked by pid %d", o->device, (int)info.holder);
                return PPP_EXIT_LOCK;
            }
            if (ls == LOCK_ERROR) {
                log_error("Can't create lock file for %s: %m", o->device);
                return PPP_EXIT_LOCK;
            }
        }
        if (serial_open(&d->line, o->device) < 0) {
            log_error("Failed to open %s: %m", o->device);
            return PPP_EXIT_OPEN;
        }
    } else {
        /* server side: the line is our standard input (ppplogin, /AutoPPP/) */
        const char *name = ttyname(0);
        snprintf(d->devname, sizeof(d->devname), "%s", name ? name : "stdin");
        /* pppd opens the terminal on stdin by name: stdin itself may be
         * open for reading only */
        int acc = fcntl(0, F_GETFL);
        if (name && (acc < 0 || (acc & O_ACCMODE) != O_RDWR)) {
            if (serial_open(&d->line, name) < 0) {
                log_error("Failed to open %s: %m", name);
                return PPP_EXIT_OPEN;
            }
        } else if (serial_adopt(&d->line, 0, d->devname) < 0) {
            log_error("Failed to open %s: %m", d->devname);
            return PPP_EXIT_OPEN;
        }
    }
    d->line_open = true;
    d->line_out = o->notty ? 1 : d->line.fd;
    /* pppd: carrier is ignored while the init/connect scripts dial */
    bool dialing = o->init[0] || o->connect[0];
    bool modem = o->modem && !o->pty[0];     /* a pty has no modem lines */
    struct serial_params sp = { .speed = o->speed, .crtscts = o->pty[0] ? -1 : o->crtscts,
                                .local = !modem || dialing, .hupcl = modem };
    if (isatty(d->line.fd) && serial_set_raw(&d->line, &sp) < 0) {
        log_error("Couldn't set tty attributes on %s: %m", d->devname);
        return PPP_EXIT_OPEN;
    }
    return 0;
}

int session_run_device_scripts(struct daemon *d)
{
    struct ppp_options *o = d->o;
    int rc = 0;
    bool stopped = false;
    serial_set_nonblocking(&d->line, false);   /* chat reads and writes it blocking */
    if (o->init[0] && connect_run(o->init, d->line.fd, &d->sig->term) != 0) {
        log_error("Init script failed");
        rc = PPP_EXIT_INIT;
    }
    if (!rc && o->connect[0]) {
        if (connect_run(o->connect, d->line.fd, &d->sig->term) != 0) {
            stopped = d->sig->term != 0;   /* we killed it: a signal, not a failure */
            if (!stopped) {
                log_error("Connect script failed");
                hint_log(HINT_CONNECT_FAILED);
            }
            rc = PPP_EXIT_CONNECT;
        } else {
            log_info("Serial connection established.");
        }
    }
    if (!rc && o->welcome[0] && connect_run(o->welcome, d->line.fd, &d->sig->term) != 0)
        log_warn("Welcome script failed");
    serial_set_nonblocking(&d->line, true);
    if (!rc && o->modem && (o->init[0] || o->connect[0]) && isatty(d->line.fd)) {
        struct serial_params sp = { .speed = 0, .crtscts = o->crtscts, .local = false,
                                    .hupcl = true };
        if (serial_set_raw(&d->line, &sp) < 0)
            log_warn("Couldn't set tty attributes on %s: %m", d->devname);
    }
    if ((!rc || stopped) && loop_take_stop(d))
        rc = d->status;
    return rc;
}

static void env_base(struct daemon *d)
{
    struct ppp_options *o = d->o;
    char buf[64];
    script_env_init(&d->env);
    script_env_set(&d->env, "PATH", "/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin");
    script_env_set(&d->env, "IFNAME", d->tun.name);
    script_env_set(&d->env, "DEVICE", d->devname);
    snprintf(buf, sizeof(buf), "%u", o->speed ? o->speed : serial_get_speed(&d->line));
    script_env_set(&d->env, "SPEED", buf);
    snprintf(buf, sizeof(buf), "%d", (int)getuid());
    script_env_set(&d->env, "ORIG_UID", buf);
    const char *login = getenv("LOGNAME");
    script_env_set(&d->env, "PPPLOGNAME", login ? login : "");
    if (o->linkname[0])
        script_env_set(&d->env, "LINKNAME", o->linkname);
    if (o->call_file[0])
        script_env_set(&d->env, "CALL_FILE", o->call_file);
}

int session_create_interface(struct daemon *d)
{
    struct ppp_options *o = d->o;
    if (d->tun.fd < 0) {
        if (tun_create(&d->tun, o->unit, o->ifname) < 0) {
            int e = errno;
            if (o->ifname[0])
                log_error("Couldn't set interface name %s: %m", o->ifname);
            else
                log_error("Couldn't create the ppp interface (/dev/net/tun): %m");
            return e == EPERM || e == EACCES ? PPP_EXIT_NOT_ROOT : PPP_EXIT_FATAL;
        }
        log_info("Using interface %s", d->tun.name);
        if (netif_no_auto_ll6(d->tun.name) < 0 && errno != ENOENT)
            log_debug("Couldn't stop the kernel's IPv6 link-local address on %s: %m",
                      d->tun.name);   /* harmless: only idle wakeups */
        status_socket_open(d);
        if (pidfile_write(d->pidfile, sizeof(d->pidfile), d->tun.name, getpid(), NULL) < 0)
            log_error("Failed to create pid file for %s: %m", d->tun.name);
        if (o->linkname[0]) {
            char name[300];
            snprintf(name, sizeof(name), "ppp-%s", o->linkname);
            if (pidfile_write(d->linkpidfile, sizeof(d->linkpidfile), name, getpid(),
                              d->tun.name) < 0)
                log_error("Failed to create pid file for %s: %m", name);
        }
    }
    env_base(d);
    return 0;
}

/* ip-up, ipv6-up and friends: interface, tty, speed, local address,
 * remote address, ipparam (pppd's argument order). */
static void run_net_script(struct daemon *d, const char *opt, const char *dflt, const char *local,
                           const char *remote, pid_t *pid)
{
    char path[4096], speed[16];
    if (opt[0])
        snprintf(path, sizeof(path), "%s", opt);
    else if (optfiles_etc_path(path, sizeof(path), dflt) < 0)
        return;
    snprintf(speed, sizeof(speed), "%s", script_env_get(&d->env, "SPEED"));
    char *argv[] = { path, d->tun.name, d->devname, speed, (char *)local, (char *)remote,
                     d->o->ipparam, NULL };
    pid_t p = script_start(path, argv, &d->env, !d->privileged);
    *pid = p > 0 ? p : 0;
}

static void run_ip_script(struct daemon *d, const char *opt, const char *dflt, pid_t *pid)
{
    char local[16], remote[16];
    run_net_script(d, opt, dflt, ipstr(d->ip.local, local), ipstr(d->ip.remote, remote), pid);
}

/* pppd auth.c auth_script(): /etc/ppp/auth-up and auth-down get the
 * interface, the name the peer authenticated as, the user we run as, the
 * device, the speed and ipparam. */
static void run_auth_script(struct daemon *d, const char *name)
{
    char path[4096], speed[16], user[64];
    if (optfiles_etc_path(path, sizeof(path), name) < 0)
        return;
    struct passwd *pw = getpwuid(getuid());
    if (pw && pw->pw_name)
        snprintf(user, sizeof(user), "%s", pw->pw_name);
    else
        snprintf(user, sizeof(user), "%d", (int)getuid());
    snprintf(speed, sizeof(speed), "%s", script_env_get(&d->env, "SPEED"));
    script_env_set(&d->env, "PEERNAME", d->peer_name);
    char *argv[] = { path, d->tun.name, d->peer_name, user, d->devname, speed, d->o->ipparam,
                     NULL };
    pid_t p = script_start(path, argv, &d->env, !d->privileged);
    d->auth_pid = p > 0 ? p : 0;
}

void session_auth_up(struct daemon *d)
{
    if (d->auth_up_ran)
        return;                /* a rechallenge, not a new authentication */
    d->auth_up_ran = true;
    run_auth_script(d, "auth-up");
}

/* After auth-up has finished, as pppd does. */
static void auth_down(struct daemon *d)
{
    int st;
    if (!d->auth_up_ran)
        return;
    d->auth_up_ran = false;
    if (d->auth_pid > 0)
        script_wait(d->auth_pid, child_wait_ms(d), &st);
    run_auth_script(d, "auth-down");
}

static void write_resolv_conf(struct daemon *d)
{
    char path[4096], tmp[4200], a[16];
    if (optfiles_etc_path(path, sizeof(path), "resolv.conf") < 0)
        return;
    snprintf(tmp, sizeof(tmp), "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        log_error("Failed to create %s: %m", tmp);
        return;
    }
    for (int i = 0; i < 2; i++)
        if (d->ip.dns[i])
            fprintf(f, "nameserver %s\n", ipstr(d->ip.dns[i], a));
    if (fclose(f) != 0 || rename(tmp, path) < 0)
        log_error("Failed to write %s: %m", path);
}

/* replacedefaultroute (pppd 2.5, Debian): the default route in the way is
 * taken away for the life of the link and put back after. */
bool session_replace_default(struct daemon *d)
{
    struct route_saved *r = &d->saved_route;
    char g[INET_ADDRSTRLEN];
    if (route_get_default(d->o->defaultroute_metric, r) < 0)
        return false;
    if (route_saved_del(r) < 0) {
        log_error("default route ioctl(SIOCDELRT): %m");
        r->set = false;
        return false;
    }
    log_info("replacing old default route to %s [%s]", r->dev, ipstr(r->gateway, g));
    return true;
}

/* The default route through the link (or the dormant demand interface).
 * pppd: only a default route with the same metric stands in the way, and
 * replacedefaultroute moves it aside once (a route already saved stays the
 * one restored at exit). True when ours is in. */
bool session_add_default(struct daemon *d, uint32_t gateway)
{
    const struct ppp_options *o = d->o;
    char dev[32];
    bool in_way = route_have_default(o->defaultroute_metric, dev, sizeof(dev));
    if (in_way && o->replacedefaultroute && !d->saved_route.set && session_replace_default(d))
        in_way = false;
    if (in_way) {
        log_warn("not replacing existing default route via %s", dev);
        return false;
    }
    if (route_add_default(d->tun.name, gateway, o->defaultroute_metric) < 0) {
        log_error("default route ioctl(SIOCADDRT): %m");
        return false;
    }
    return true;
}

void session_restore_default(struct daemon *d)
{
    struct route_saved *r = &d->saved_route;
    char g[INET_ADDRSTRLEN];
    if (!r->set)
        return;
    r->set = false;
    if (route_saved_add(r) < 0)
        log_warn("restoring old default route to %s [%s]: %m", r->dev, ipstr(r->gateway, g));
    else
        log_info("restoring old default route to %s [%s]", r->dev, ipstr(r->gateway, g));
}

void session_ip_pre_up(struct daemon *d, uint32_t local, uint32_t remote)
{
    char a[16], b[16];
    pid_t pre = 0;
    int st;
    script_env_set(&d->env, "IPLOCAL", ipstr(local, a));
    script_env_set(&d->env, "IPREMOTE", ipstr(remote, b));
    run_net_script(d, "", "ip-pre-up", a, b, &pre);
    if (pre > 0 && script_wait(pre, child_wait_ms(d), &st) == 0)
        log_warn("ip-pre-up script (pid %d) still running", (int)pre);
}

/* Not demand: the link's addresses, ip-pre-up, up, routes. */
static int link_addrs_up(struct daemon *d, const struct engine_ip_params *ip)
{
    struct ppp_options *o = d->o;
    char a[16], b[16];
    const char *what = "";
    if (netif_set_addrs(d->tun.name, ip->local, ip->remote, o->netmask, &what) < 0) {
        log_error("Couldn't set interface address %s (%s): %m", ipstr(ip->local, a), what);
        return -1;
    }
    /* pppd's ip-pre-up: addresses set, interface still down (firewall rules
     * go in before any packet can pass); it is waited for */
    session_ip_pre_up(d, ip->local, ip->remote);
    if (netif_set_up(d->tun.name, true) < 0) {
        log_error("Couldn't bring %s up: %m", d->tun.name);
        return -1;
    }
    if (o->netmask && o->netmask != 0xffffffffu && route_add_host(d->tun.name, ip->remote) < 0)
        log_warn("Couldn't add a host route to %s: %m", ipstr(ip->remote, b));

    if (o->defaultroute && session_add_default(d, ip->remote))
        d->default_route = true;
    return 0;
}

void session_ip_up(struct daemon *d, const struct engine_ip_params *ip)
{
    struct ppp_options *o = d->o;
    char a[16], b[16];
    d->ip = *ip;
    d->ip_was_up = true;
    d->ip_up_time = d->now;
    d->last_activity = d->now;

    int mtu = d->tx_mru ? d->tx_mru : HDLC_DEFAULT_MRU;
    if (netif_set_mtu(d->tun.name, mtu) < 0)
        log_warn("Couldn't set MTU %d on %s: %m", mtu, d->tun.name);
    /* demand: the interface is up and routed already; it changes only when
     * IPCP agreed other addresses */
    if (o->demand ? demand_ip_up(d, ip) < 0 : link_addrs_up(d, ip) < 0) {
        d->pending_close = PPP_EXIT_FATAL;
        return;
    }
    d->addrs_set = true;
    if (o->proxyarp) {
        if (route_add_proxyarp(ip->remote, d->arp_if, sizeof(d->arp_if)) == 0)
            d->proxyarp = true;
        else if (errno == ENODEV)
            log_warn("Cannot determine ethernet address for proxy ARP");
        else
            log_error("ioctl(SIOCSARP): %m");
        if (route_ip_forwarding() == 0) {
            /* the detail the seed HOWTO says both books omitted */
            log_warn("IP forwarding is off: proxy ARP makes %s look local, "
                     "but this host will not route its packets.", ipstr(ip->remote, b));
            log_warn("Turn it on with: sysctl -w net.ipv4.ip_forward=1 "
                     "(and net.ipv4.ip_forward=1 in /etc/sysctl.conf to keep it)");
        }
    }

    ipcp_log_up(ip);
    if (o->demand)
        demand_flush(d);   /* what waited for the link, before anything newer */
    script_env_set(&d->env, "IPLOCAL", ipstr(ip->local, a));
    script_env_set(&d->env, "IPREMOTE", ipstr(ip->remote, b));
    script_env_set(&d->env, "PEERNAME", d->peer_name);
    if (ip->dns[0])
        script_env_set(&d->env, "DNS1", ipstr(ip->dns[0], a));
    if (ip->dns[1])
        script_env_set(&d->env, "DNS2", ipstr(ip->dns[1], a));
    if (o->usepeerdns && ip->dns[0]) {
        script_env_set(&d->env, "USEPEERDNS", "1");
        write_resolv_conf(d);
    }
    radglue_ip_up(d);   /* before ip-up: its environment gets the RADIUS values */
    run_ip_script(d, o->ip_up_script, "ip-up", &d->ip_up_pid);
    session_updetach_done(d);
}

static void remove_routes(struct daemon *d)
{
    if (d->default_route && route_del_default(d->tun.name, d->ip.remote, d->o->defaultroute_metric) < 0)
        log_warn("default route ioctl(SIOCDELRT): %m");
    d->default_route = false;
    if (!d->o->demand)
        session_restore_default(d);   /* demand: only at exit (demand_cleanup) */
    if (d->proxyarp && route_del_proxyarp(d->ip.remote, d->arp_if) < 0)
        log_warn("ioctl(SIOCDARP): %m");
    d->proxyarp = false;
    /* demand: addresses and routes stay for the next call, as pppd's */
    if (d->addrs_set && !d->o->demand) {
        if (!d->addrs6_set)
            netif_set_up(d->tun.name, false);   /* IPv6 may still use it */
        netif_clear_addrs(d->tun.name);
    }
    d->addrs_set = false;
}

static void set_down_env(struct daemon *d, uint64_t since);

void session_ip_down(struct daemon *d)
{
    int st;
    remove_routes(d);
    /* pppd runs ip-down only after ip-up has finished */
    if (d->ip_up_pid > 0 && script_wait(d->ip_up_pid, child_wait_ms(d), &st) != 0)
        d->ip_up_pid = 0;
    set_down_env(d, d->ip_up_time);
    run_ip_script(d, d->o->ip_down_script, "ip-down", &d->ip_down_pid);
}

/* The link time and byte counts for ip-down and ipv6-down. */
static void set_down_env(struct daemon *d, uint64_t since)
{
    char buf[32];
    snprintf(buf, sizeof(buf), "%" PRIu64, (d->now - since) / 1000u);
    script_env_set(&d->env, "CONNECT_TIME", buf);
    snprintf(buf, sizeof(buf), "%" PRIu64, d->bytes_sent);
    script_env_set(&d->env, "BYTES_SENT", buf);
    snprintf(buf, sizeof(buf), "%" PRIu64, d->bytes_rcvd);
    script_env_set(&d->env, "BYTES_RCVD", buf);
}

/* pppd ipv6cp_up: the interface up with fe80::LOCAL/64 (no peer route is
 * needed for link-local), then ipv6-up with LLLOCAL and LLREMOTE. */
void session_ipv6_up(struct daemon *d, const struct engine_ipv6_params *v6)
{
    char local[IPV6CP_LLSTR_MAX], remote[IPV6CP_LLSTR_MAX];
    d->ipv6 = *v6;
    d->ipv6_up_time = d->now;
    d->ip_was_up = true;
    d->last_activity = d->now;
    ipv6cp_llstr(v6->local, local, sizeof(local));
    ipv6cp_llstr(v6->remote, remote, sizeof(remote));
    if (!d->addrs_set) {
        int mtu = d->tx_mru ? d->tx_mru : HDLC_DEFAULT_MRU;
        if (netif_set_mtu(d->tun.name, mtu) < 0)
            log_warn("Couldn't set MTU %d on %s: %m", mtu, d->tun.name);
    }
    /* up first: the kernel drops IPv6 addresses of an interface that is down */
    if (netif_set_up(d->tun.name, true) < 0) {
        log_error("Couldn't bring %s up: %m", d->tun.name);
        d->pending_close = PPP_EXIT_FATAL;
        return;
    }
    if (netif_set_ll6(d->tun.name, v6->local, true) < 0) {
        log_error("sif6addr: ioctl(SIOCSIFADDR): %m");
        d->pending_close = PPP_EXIT_FATAL;
        return;
    }
    d->addrs6_set = true;
    script_env_set(&d->env, "LLLOCAL", local);
    script_env_set(&d->env, "LLREMOTE", remote);
    script_env_set(&d->env, "PEERNAME", d->peer_name);
    run_net_script(d, d->o->ipv6_up_script, "ipv6-up", local, remote, &d->ipv6_up_pid);
    session_updetach_done(d);
}

void session_ipv6_down(struct daemon *d)
{
    char local[IPV6CP_LLSTR_MAX], remote[IPV6CP_LLSTR_MAX];
    int st;
    if (!d->addrs6_set)
        return;
    if (netif_set_ll6(d->tun.name, d->ipv6.local, false) < 0 && errno != ENODEV)
        log_warn("cif6addr: ioctl(SIOCDIFADDR): %m");
    if (!d->addrs_set && !d->o->demand)
        netif_set_up(d->tun.name, false);   /* demand: it waits for the next call */
    d->addrs6_set = false;
    /* ipv6-down only after ipv6-up has finished, as ip-down */
    if (d->ipv6_up_pid > 0 && script_wait(d->ipv6_up_pid, child_wait_ms(d), &st) != 0)
        d->ipv6_up_pid = 0;
    set_down_env(d, d->ipv6_up_time);
    run_net_script(d, d->o->ipv6_down_script, "ipv6-down", ipv6cp_llstr(d->ipv6.local, local, sizeof(local)),
                   ipv6cp_llstr(d->ipv6.remote, remote, sizeof(remote)), &d->ipv6_down_pid);
}

/* pppd sys-linux.c: which of bit 7 / parity never showed up on receive. */
void session_eightbit_check(unsigned rx_bits)
{
    const unsigned all = HDLC_RX_B7_1 | HDLC_RX_B7_0 | HDLC_RX_ODDP | HDLC_RX_EVNP;
    const char *s = NULL;
    switch (~rx_bits & all) {
    case HDLC_RX_B7_0:
        s = "all had bit 7 set to 1";
        break;
    case HDLC_RX_B7_1:
        s = "all had bit 7 set to 0";
        break;
    case HDLC_RX_EVNP:
        s = "all had odd parity";
        break;
    case HDLC_RX_ODDP:
        s = "all had even parity";
        break;
    default:
        return;   /* nothing received, or clean */
    }
    log_warn("Receive serial link is not 8-bit clean:");
    log_warn("Problem: %s", s);
    hint_log(HINT_NOT_8BIT_CLEAN);
}

void session_link_finished(struct daemon *d)
{
    struct ppp_options *o = d->o;
    log_notice("Connection terminated.");
    if (d->ip_was_up) {
        uint64_t tenths = (d->now - d->link_start) / 6000u;
        log_info("Connect time %d.%d minutes.", (int)(tenths / 10), (int)(tenths % 10));
        log_info("Sent %" PRIu64 " bytes, received %" PRIu64 " bytes.", d->bytes_sent,
                 d->bytes_rcvd);
        char sum[512];
        engine_data_summary(d->e, sum, sizeof sum);
        for (char *line = sum, *nl; *line; line = nl ? nl + 1 : line + strlen(line)) {
            nl = strchr(line, '\n');
            if (nl)
                *nl = '\0';
            log_info("%s", line);   /* VJ's counters */
        }
    }
    const struct hdlc_stats *st = &d->dec.stats;
    if (st->fcs_errors || st->too_long || st->runts || st->aborts)
        log_info("Line errors: %" PRIu64 " frames with a bad FCS, %" PRIu64 " too long, %" PRIu64
                 " too short, %" PRIu64 " aborted", st->fcs_errors, st->too_long, st->runts,
                 st->aborts);
    session_eightbit_check(d->dec.rx_bits);
    auth_down(d);
    if (o->disconnect[0] && !d->hungup && d->line_open) {
        serial_set_nonblocking(&d->line, false);
        if (connect_run(o->disconnect, d->line.fd, NULL) != 0)
            log_warn("Disconnect script failed");
        serial_set_nonblocking(&d->line, true);
    }
}

void session_close_line(struct daemon *d)
{
    if (d->line_open) {
        if (d->o->device[0] && d->o->modem && d->line.has_modem_lines && !d->hungup)
            serial_hangup(&d->line, 500);   /* drop DTR: the modem hangs up */
        serial_restore(&d->line);
        serial_close(&d->line);
        d->line_open = false;
    }
    if (d->pty_pid > 0) {
        ptyline_stop(d->pty_pid, child_wait_ms(d));   /* it saw the hangup first */
        d->pty_pid = 0;
    }
    if (d->lock.held)
        lock_release(&d->lock);
}

void session_cleanup(struct daemon *d)
{
    int st;
    if (d->addrs_set)
        session_ip_down(d);
    session_ipv6_down(d);
    session_close_line(d);
    if (d->ip_up_pid > 0)
        script_wait(d->ip_up_pid, child_wait_ms(d), &st);
    if (d->ipv6_up_pid > 0)
        script_wait(d->ipv6_up_pid, child_wait_ms(d), &st);
    if (d->ip_down_pid > 0 && script_wait(d->ip_down_pid, child_wait_ms(d), &st) == 0)
        log_warn("ip-down script (pid %d) still running", (int)d->ip_down_pid);
    if (d->ipv6_down_pid > 0 && script_wait(d->ipv6_down_pid, child_wait_ms(d), &st) == 0)
        log_warn("ipv6-down script (pid %d) still running", (int)d->ipv6_down_pid);
    d->ipv6_up_pid = d->ipv6_down_pid = 0;
    if (d->auth_pid > 0 && script_wait(d->auth_pid, child_wait_ms(d), &st) == 0)
        log_warn("auth script (pid %d) still running", (int)d->auth_pid);
    d->ip_up_pid = d->ip_down_pid = d->auth_pid = 0;
    if (d->o->demand && d->tun.fd >= 0)
        demand_cleanup(d);
    tun_close(&d->tun);
    ctlsock_close(&d->ctl);
    pidfile_remove(d->pidfile);
    pidfile_remove(d->linkpidfile);
}
