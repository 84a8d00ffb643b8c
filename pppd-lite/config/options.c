/* options: the descriptor table and the word parser (pppd options.c's
 * option_t idea, without its globals). */
#include "options.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <net/if.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/log.h"
#include "common/memzero.h"
#include "pppd-lite/datapath/filter.h"

#define F(field) offsetof(struct ppp_options, field)
#define FLAG(n, field, v, fl, h) { n, OPT_FLAG, (fl), F(field), 0, (v), 0, 0, NULL, h }
#define INT(n, field, lo, hi, fl, a, h) \
    { n, OPT_INT, (fl) | OPTF_ARG, F(field), 0, 0, (lo), (hi), a, h }
#define STR(n, field, fl, a, h) \
    { n, OPT_STRING, (fl) | OPTF_ARG, F(field), sizeof(((struct ppp_options *)0)->field), 0, 0, 0, a, h }
#define IP(n, field, fl, a, h) { n, OPT_IPADDR, (fl) | OPTF_ARG, F(field), 0, 0, 0, 0, a, h }
#define SPECIAL(n, fl, a, h) { n, OPT_SPECIAL, (fl), 0, 0, 0, 0, 0, a, h }
#define ALIAS(n, canon) { n, OPT_SPECIAL, OPTF_ALIAS, 0, 0, 0, 0, 0, NULL, canon }

const struct opt_desc options_table[] = {
    /* option files */
    SPECIAL("file", OPTF_ARG, "FILE", "read more options from FILE"),
    SPECIAL("call", OPTF_ARG, "NAME", "read options from /etc/ppp/peers/NAME"),

    /* line */
    FLAG("lock", lock, 1, 0, "take a UUCP lock on the serial device"),
    FLAG("nolock", lock, 0, 0, "do not lock the serial device"),
    FLAG("crtscts", crtscts, 1, 0, "use hardware (RTS/CTS) flow control"),
    FLAG("nocrtscts", crtscts, 0, 0, "turn hardware flow control off"),
    ALIAS("-crtscts", "nocrtscts"),
    FLAG("modem", modem, 1, 0, "use the modem control lines (carrier detect, DTR hangup)"),
    FLAG("local", modem, 0, 0, "ignore the modem control lines"),
    STR("connect", connect, OPTF_PRIVFIX, "CMD",
        "run CMD (via /bin/sh -c, line on stdin/stdout) to set up the line"),
    STR("disconnect", disconnect, OPTF_PRIVFIX, "CMD", "run CMD after the link has ended"),
    STR("init", init, OPTF_PRIVFIX, "CMD", "run CMD to initialise the modem before connect"),
    STR("welcome", welcome, OPTF_PRIVFIX, "CMD", "run CMD after connect, before PPP starts"),
    STR("pty", pty, OPTF_PRIVFIX, "CMD",
        "run CMD on a new pseudo-terminal and use it as the line (instead of a device)"),
    FLAG("sync", sync, 1, 0,
         "synchronous HDLC on the line: no async framing (N_HDLC, rp-pppoe's pppoe -s); implies novj"),
    FLAG("notty", notty, 1, 0, "no terminal: read the line from stdin, write it to stdout"),
    INT("connect-delay", connect_delay, 0, 100000000, 0, "MS",
        "after connect, wait up to MS for the peer's first LCP packet (1000)"),

    /* process */
    FLAG("nodetach", nodetach, 1, 0, "stay in the foreground"),
    ALIAS("-detach", "nodetach"),
    FLAG("updetach", updetach, 1, 0, "detach once the link is up"),
    FLAG("up_sdnotify", up_sdnotify, 1, 0,
         "tell systemd (NOTIFY_SOCKET) when the link is up; implies nodetach"),
    FLAG("debug", debug, 1, 0, "log every control packet (SIGUSR1 toggles)"),
    ALIAS("-d", "debug"),
    FLAG("dump", dump, 1, 0, "print the options in effect, with their sources"),
    FLAG("dryrun", dryrun, 1, 0, "print the options in effect and exit"),
    FLAG("persist", persist, 1, 0, "redial after the link ends"),
    FLAG("demand", demand, 1, 0,
         "make the interface at start, dial when traffic passes active-filter (implies persist)"),
    FLAG("nopersist", persist, 0, 0, "exit after the link ends"),
    INT("maxfail", maxfail, 0, 1000000, 0, "N", "give up after N failed attempts (0: never)"),
    INT("holdoff", holdoff, 0, 1000000, 0, "SECS", "wait SECS before redialling"),
    INT("idle", idle, 0, 100000000, 0, "SECS", "end the link after SECS without data packets"),
    SPECIAL("pass-filter", OPTF_ARG, "EXPR",
            "pass only data packets matching the tcpdump expression EXPR (both ways)"),
    SPECIAL("active-filter", OPTF_ARG, "EXPR",
            "only data packets matching EXPR count as activity for idle"),
    INT("maxconnect", maxconnect, 0, 100000000, 0, "SECS", "end the link after SECS connected"),
    INT("child-timeout", child_timeout, 0, 100000, OPTF_PRIV, "SECS",
        "at exit, wait SECS for scripts (ip-up, ip-down, pty) to end (default 5; 0 = forever)"),
    INT("unit", unit, 0, 65535, 0, "N", "use interface pppN"),
    STR("ifname", ifname, 0, "NAME", "use interface NAME"),
    STR("linkname", linkname, OPTF_PRIV, "NAME", "also write pid file ppp-NAME.pid"),
    STR("ipparam", ipparam, 0, "STRING", "sixth argument of ip-up and ip-down"),
    STR("logfile", logfile, 0, "FILE", "append log messages to FILE"),
    STR("ip-up-script", ip_up_script, OPTF_PRIV, "FILE", "run FILE instead of /etc/ppp/ip-up"),
    STR("ip-down-script", ip_down_script, OPTF_PRIV, "FILE",
        "run FILE instead of /etc/ppp/ip-down"),

    /* authentication */
    FLAG("auth", auth, 1, 0, "require the peer to authenticate itself"),
    FLAG("noauth", auth, 0, OPTF_PRIV, "do not require the peer to authenticate"),
    FLAG("require-pap", require_pap, 1, 0, "require the peer to authenticate with PAP"),
    ALIAS("+pap", "require-pap"),
    FLAG("require-chap", require_chap, 1, 0, "require the peer to authenticate with CHAP-MD5"),
    ALIAS("+chap", "require-chap"),
    FLAG("refuse-pap", refuse_pap, 1, 0, "never authenticate ourselves with PAP"),
    ALIAS("-pap", "refuse-pap"),
    FLAG("refuse-chap", refuse_chap, 1, 0, "never authenticate ourselves with CHAP-MD5"),
    ALIAS("-chap", "refuse-chap"),
    FLAG("require-mschap", require_mschap, 1, 0, "require the peer to authenticate with MS-CHAP"),
    ALIAS("+mschap", "require-mschap"),
    FLAG("require-mschap-v2", require_mschap_v2, 1, 0,
         "require the peer to authenticate with MS-CHAPv2"),
    ALIAS("+mschap-v2", "require-mschap-v2"),
    FLAG("refuse-mschap", refuse_mschap, 1, 0, "never authenticate ourselves with MS-CHAP"),
    ALIAS("-mschap", "refuse-mschap"),
    FLAG("refuse-mschap-v2", refuse_mschap_v2, 1, 0,
         "never authenticate ourselves with MS-CHAPv2"),
    ALIAS("-mschap-v2", "refuse-mschap-v2"),
    FLAG("login", login, 1, 0, "check PAP user names and passwords against the system"),
    FLAG("usehostname", usehostname, 1, 0, "use the host name as our local name"),
    STR("name", name, OPTF_PRIV, "NAME", "our name for authentication"),
    STR("user", user, 0, "NAME", "user name we send when authenticating"),
    STR("password", password, 0, "SECRET", "password we send (visible in ps: avoid)"),
    STR("remotename", remotename, 0, "NAME", "the peer's name for secret look-ups"),
    STR("pap-secrets", pap_secrets, OPTF_PRIV, "FILE", "PAP secrets file"),
    STR("chap-secrets", chap_secrets, OPTF_PRIV, "FILE", "CHAP secrets file"),
    INT("pap-restart", pap_restart, 1, 3600, 0, "SECS", "PAP request retransmit time"),
    INT("pap-max-authreq", pap_max_authreq, 1, 1000, 0, "N", "PAP requests before giving up"),
    INT("pap-timeout", pap_timeout, 0, 3600, 0, "SECS", "time to wait for the peer's PAP request"),
    INT("chap-restart", chap_restart, 1, 3600, 0, "SECS", "CHAP challenge retransmit time"),
    INT("chap-max-challenge", chap_max_challenge, 1, 1000, 0, "N",
        "CHAP challenges before giving up"),
    INT("chap-interval", chap_interval, 0, 100000, 0, "SECS", "rechallenge every SECS"),

    /* LCP */
    { "asyncmap", OPT_HEX32, OPTF_ARG, F(asyncmap), 0, 0, 0, 0, "HEX",
      "control characters the peer must escape (ORed)" },
    FLAG("default-asyncmap", default_asyncmap, 1, 0, "do not negotiate the async map"),
    SPECIAL("escape", OPTF_ARG, "XX,YY,...",
            "always escape these bytes (hex) when sending; not 20-3f or 5e"),
    INT("mru", mru, 128, 16384, 0, "N", "ask the peer to send packets of at most N bytes"),
    INT("mtu", mtu, 128, 16384, 0, "N", "send packets of at most N bytes"),
    FLAG("noaccomp", noaccomp, 1, 0, "no address/control field compression"),
    ALIAS("-ac", "noaccomp"),
    FLAG("nopcomp", nopcomp, 1, 0, "no protocol field compression"),
    ALIAS("-pc", "nopcomp"),
    FLAG("nomagic", nomagic, 1, 0, "no magic number negotiation"),
    FLAG("passive", passive, 1, 0, "after LCP timeout keep waiting for the peer"),
    ALIAS("-p", "passive"),
    FLAG("silent", silent, 1, 0, "send nothing until the peer's first LCP packet"),
    INT("lcp-echo-interval", lcp_echo_interval, 0, 100000, 0, "SECS",
        "send an LCP echo request every SECS"),
    INT("lcp-echo-failure", lcp_echo_failure, 0, 100000, 0, "N",
        "end the link after N unanswered echo requests"),
    INT("lcp-restart", lcp_restart, 1, 3600, 0, "SECS", "LCP retransmit time"),
    INT("lcp-max-configure", lcp_max_configure, 1, 1000, 0, "N",
        "LCP Configure-Requests before giving up"),
    INT("lcp-max-terminate", lcp_max_terminate, 1, 1000, 0, "N",
        "LCP Terminate-Requests before giving up"),
    INT("lcp-max-failure", lcp_max_failure, 1, 1000, 0, "N",
        "Configure-Naks before rejecting"),

    /* IPCP */
    IP("netmask", netmask, 0, "MASK", "netmask of the interface"),
    FLAG("noipdefault", noipdefault, 1, 0, "do not take our address from the host name"),
    FLAG("ipcp-accept-local", accept_local, 1, 0, "accept the peer's idea of our address"),
    FLAG("ipcp-accept-remote", accept_remote, 1, 0, "accept the peer's idea of its address"),
    FLAG("novj", novj, 1, 0, "no Van Jacobson TCP/IP header compression"),
    ALIAS("-vj", "novj"),
    FLAG("novjccomp", novjccomp, 1, 0, "VJ compression without leaving out slot ids"),
    ALIAS("-vjccomp", "novjccomp"),
    INT("vj-max-slots", vj_max_slots, 2, 16, 0, "N", "keep N VJ connection slots each way"),
    FLAG("noccp", noccp, 1, 0, "no compression control protocol"),
    FLAG("proxyarp", proxyarp, 1, 0, "publish the peer's address on the LAN (proxy ARP)"),
    FLAG("noproxyarp", proxyarp, 0, 0, "no proxy ARP entry"),
    ALIAS("-proxyarp", "noproxyarp"),
    FLAG("defaultroute", defaultroute, 1, OPTF_PRIV, "add a default route via the peer"),
    FLAG("nodefaultroute", defaultroute, 0, 0, "no default route"),
    INT("defaultroute-metric", defaultroute_metric, 0, 65534, OPTF_PRIV, "N",
        "metric of the default route (a default route with another metric is no obstacle)"),
    ALIAS("-defaultroute", "nodefaultroute"),
    FLAG("replacedefaultroute", replacedefaultroute, 1, OPTF_PRIV,
         "with defaultroute: replace an existing default route while the link is up"),
    FLAG("noreplacedefaultroute", replacedefaultroute, 0, 0,
         "leave an existing default route alone (the default)"),
    FLAG("usepeerdns", usepeerdns, 1, 0, "ask the peer for DNS addresses (DNS1, DNS2)"),
    SPECIAL("ms-dns", OPTF_ARG, "ADDR", "DNS address to give the peer (twice for two)"),
    INT("ipcp-restart", ipcp_restart, 1, 3600, 0, "SECS", "IPCP retransmit time"),
    INT("ipcp-max-configure", ipcp_max_configure, 1, 1000, 0, "N",
        "IPCP Configure-Requests before giving up"),
    INT("ipcp-max-terminate", ipcp_max_terminate, 1, 1000, 0, "N",
        "IPCP Terminate-Requests before giving up"),
    INT("ipcp-max-failure", ipcp_max_failure, 1, 1000, 0, "N",
        "IPCP Configure-Naks before rejecting"),

    /* IPv6CP */
    FLAG("+ipv6", ipv6, 1, 0, "negotiate IPv6CP (RFC 5072) and carry IPv6"),
    FLAG("noipv6", ipv6, 0, 0, "do not negotiate IPv6CP (the default)"),
    ALIAS("-ipv6", "noipv6"),
    SPECIAL("ipv6", OPTF_ARG, "LOCAL,REMOTE",
            "interface identifiers (e.g. ::1,::2) for fe80::LOCAL and fe80::REMOTE"),
    FLAG("ipv6cp-use-ipaddr", ipv6cp_use_ipaddr, 1, 0,
         "take the interface identifiers from the IPv4 addresses"),
    FLAG("ipv6cp-accept-local", ipv6cp_accept_local, 1, 0,
         "accept the peer's idea of our interface identifier"),
    INT("ipv6cp-restart", ipv6cp_restart, 1, 3600, 0, "SECS", "IPv6CP retransmit time"),
    INT("ipv6cp-max-configure", ipv6cp_max_configure, 1, 1000, 0, "N",
        "IPv6CP Configure-Requests before giving up"),
    INT("ipv6cp-max-terminate", ipv6cp_max_terminate, 1, 1000, 0, "N",
        "IPv6CP Terminate-Requests before giving up"),
    INT("ipv6cp-max-failure", ipv6cp_max_failure, 1, 1000, 0, "N",
        "IPv6CP Configure-Naks before rejecting"),
    STR("ipv6-up-script", ipv6_up_script, OPTF_PRIV, "FILE",
        "run FILE instead of /etc/ppp/ipv6-up"),
    STR("ipv6-down-script", ipv6_down_script, OPTF_PRIV, "FILE",
        "run FILE instead of /etc/ppp/ipv6-down"),

    /* RADIUS (pppd's plugins, built in) */
    SPECIAL("plugin", OPTF_PRIV | OPTF_ARG, "radius.so",
            "radius.so (or radattr.so): authenticate and account through RADIUS"),
    STR("radius-config-file", radius_config, OPTF_PRIV, "FILE",
        "radcli configuration (/etc/radcli/radiusclient.conf)"),
    SPECIAL("avpair", OPTF_PRIV | OPTF_ARG, "ATTR=VALUE",
            "add the attribute to every RADIUS request (as often as needed)"),
    STR("radius-spool", radius_spool, OPTF_PRIV, "DIR",
        "keep unacknowledged accounting Stops in DIR (/var/spool/pppd-lite/radius)"),

    /* refusals of features pppd-lite does not have: accepted, nothing to do */
    SPECIAL("hide-password", OPTF_NOOP, NULL, "do not log passwords (always so)"),
    SPECIAL("show-password", OPTF_NOOP, NULL, "accepted; passwords are never logged"),
    SPECIAL("noipx", OPTF_NOOP, NULL, "accepted; there is no IPX"),
    SPECIAL("nobsdcomp", OPTF_NOOP, NULL, "accepted; there is no CCP"),
    SPECIAL("nodeflate", OPTF_NOOP, NULL, "accepted; there is no CCP"),
    SPECIAL("nopredictor1", OPTF_NOOP, NULL, "accepted; there is no CCP"),

    /* information */
    SPECIAL("--help", 0, NULL, "print this list and exit"),
    ALIAS("-h", "--help"),
    ALIAS("-v", "--help"),          /* pppd 2.5: -v and show-options list the options */
    ALIAS("show-options", "--help"),
    SPECIAL("--version", 0, NULL, "print the version and exit"),
};
const size_t options_table_len = sizeof(options_table) / sizeof(options_table[0]);

/* Positional words (not in the table, documented in the man page):
 *   DEVICE        a serial device (/dev/ prepended without a leading '/')
 *   SPEED         a decimal number
 *   LOCAL:REMOTE  IPv4 addresses, either may be empty */

void options_init(struct ppp_options *o, bool privileged_invoker)
{
    memzero_lazy(o, sizeof(*o));   /* most of its 120 KiB of strings stay unused */
    o->crtscts = -1;
    o->modem = true;
    o->maxfail = 10;
    o->connect_delay = 1000;         /* pppd: connect_delay, in ms */
    o->defaultroute_metric = -1;     /* pppd: none given, route metric 0 */
    o->child_timeout = 5;            /* pppd: seconds to wait for scripts at exit */
    o->unit = -1;
    o->auth = !privileged_invoker;   /* pppd 2.5.3: non-privileged users need peer auth */
    /* protocol timers and counters: 0 leaves the engine's pppd defaults */
}

const struct opt_desc *options_find(const char *name)
{
    for (size_t i = 0; i < options_table_len; i++)
        if (strcmp(options_table[i].name, name) == 0)
            return &options_table[i];
    return NULL;
}

size_t options_index(const struct opt_desc *d)
{
    return (size_t)(d - options_table);
}

static int fail(struct opt_ctx *ctx, const struct opt_source *src, unsigned line,
                const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int fail(struct opt_ctx *ctx, const struct opt_source *src, unsigned line,
                const char *fmt, ...)
{
    char msg[OPT_STR_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (src->file)
        snprintf(ctx->err, sizeof(ctx->err), "%s:%u: %s", src->file, line, msg);
    else
        snprintf(ctx->err, sizeof(ctx->err), "%s", msg);
    return -1;
}

/* A word of the source for a message: escaped (log_printable), or withheld
 * when the invoking user may not read the file it comes from (the message
 * must not disclose what set-uid rights read). */
static const char *shown(const struct opt_source *src, const char *w, char buf[OPT_SHOWN_MAX])
{
    if (!src->show_words)
        return "(not shown)";
    return log_printable_str(buf, OPT_SHOWN_MAX, w);
}

int options_parse_ip(const char *s, uint32_t *addr)
{
    struct in_addr in;
    if (*s == '\0')
        return -1;
    if (inet_pton(AF_INET, s, &in) == 1) {
        *addr = ntohl(in.s_addr);
        return 0;
    }
    /* digits and dots only: it had to be a dotted quad (no inet_aton forms) */
    if (strspn(s, "0123456789.") == strlen(s))
        return -1;
    /* A host name: only letters, digits, '-', '.' are worth a lookup. */
    for (const char *p = s; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '-' && *p != '.')
            return -1;
    struct addrinfo hints = { .ai_family = AF_INET }, *res = NULL;
    if (getaddrinfo(s, NULL, &hints, &res) != 0 || !res)
        return -1;
    *addr = ntohl(((struct sockaddr_in *)res->ai_addr)->sin_addr.s_addr);
    freeaddrinfo(res);
    return 0;
}

int options_parse_ip_pair(const char *s, uint32_t *local, uint32_t *remote)
{
    const char *colon = strchr(s, ':');
    char left[OPT_NAME_MAX];
    if (!colon || strchr(colon + 1, ':') || (size_t)(colon - s) >= sizeof(left))
        return -1;
    memcpy(left, s, (size_t)(colon - s));
    left[colon - s] = '\0';
    uint32_t l = 0, r = 0;
    if (left[0] && options_parse_ip(left, &l) < 0)
        return -1;
    if (colon[1] && options_parse_ip(colon + 1, &r) < 0)
        return -1;
    if (!left[0] && !colon[1])
        return -1;
    *local = l;
    *remote = r;
    return 0;
}

static bool all_digits(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s))
            return false;
    return true;
}

static const char *src_name(struct ppp_options *o, const char *file)
{
    if (!file)
        return NULL;
    for (int i = 0; i < o->n_sources; i++)
        if (strcmp(o->sources[i], file) == 0)
            return o->sources[i];
    if (o->n_sources >= (int)(sizeof(o->sources) / sizeof(o->sources[0])))
        return o->sources[o->n_sources - 1];
    snprintf(o->sources[o->n_sources], sizeof(o->sources[0]), "%s", file);
    return o->sources[o->n_sources++];
}

/* Record that d was set; an option sharing d's storage is no longer "set". */
static void mark_seen(struct opt_ctx *ctx, const struct opt_desc *d,
                      const struct opt_source *src, unsigned line)
{
    struct ppp_options *o = ctx->o;
    size_t idx = options_index(d);
    if (d->type != OPT_SPECIAL)
        for (size_t i = 0; i < options_table_len; i++)
            if (i != idx && options_table[i].type != OPT_SPECIAL &&
                options_table[i].offset == d->offset)
                o->seen[i].set = false;
    o->seen[idx].set = true;
    o->seen[idx].file = src_name(o, src->file);
    o->seen[idx].line = line;
    o->seen[idx].priv = src->priv;
}

/* OPTF_PRIVFIX: a value set by a privileged source stays. */
static bool fixed_by_priv(const struct ppp_options *o, const struct opt_desc *d)
{
    for (size_t i = 0; i < options_table_len; i++)
        if (options_table[i].type == d->type && options_table[i].offset == d->offset &&
            o->seen[i].set && o->seen[i].priv)
            return true;
    return false;
}

/* The kernel's dev_valid_name(): what a TUN may be called. */
static bool valid_ifname(const char *s)
{
    size_t n = strlen(s);

    if (n == 0 || n >= IFNAMSIZ || strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
        return false;
    for (; *s; s++)
        if (*s == '/' || *s == ':' || isspace((unsigned char)*s))
            return false;
    return true;
}

static int parse_int(const char *s, long *v)
{
    char *end;
    errno = 0;
    long n = strtol(s, &end, 0);   /* base 0 as pppd: 0x.. hex, 0.. octal */
    if (errno || end == s || *end)
        return -1;
    *v = n;
    return 0;
}

static int apply_positional(struct opt_ctx *ctx, const struct opt_source *src,
                            const char *w, unsigned line)
{
    char sw[OPT_SHOWN_MAX];
    struct ppp_options *o = ctx->o;
    if (all_digits(w)) {
        long v;
        if (parse_int(w, &v) < 0 || v <= 0 || v > 4000000)
            return fail(ctx, src, line, "invalid speed '%s'", shown(src, w, sw));
        o->speed = (unsigned)v;
        return 0;
    }
    if (strchr(w, ':')) {
        if (options_parse_ip_pair(w, &o->local_ip, &o->remote_ip) < 0)
            return fail(ctx, src, line, "invalid IP address pair '%s'", shown(src, w, sw));
        return 0;
    }
    /* A device name: pppd prepends /dev/ and accepts it when it exists. */
    char path[PATH_MAX];
    struct stat st;
    if (w[0] == '/')
        snprintf(path, sizeof(path), "%s", w);
    else
        snprintf(path, sizeof(path), "/dev/%s", w);
    if (w[0] == '-' || w[0] == '+' || stat(path, &st) < 0)
        return fail(ctx, src, line, "unrecognized option '%s'", shown(src, w, sw));
    if (ctx->device_fixed && strcmp(path, o->device) != 0)
        return fail(ctx, src, line, "the device may not be changed here ('%s')",
                    shown(src, w, sw));
    snprintf(o->device, sizeof(o->device), "%s", path);
    return 0;
}

/* pppd's `escape xx,yy,...`: hex bytes separated by commas or spaces, each
 * always escaped on transmission. 0x20..0x3f and 0x5e cannot be (escaped
 * they would turn into control characters or the abort sequence). */
static int parse_escape(struct opt_ctx *ctx, const struct opt_source *src, unsigned line,
                        struct ppp_options *o, const char *arg)
{
    char sw[OPT_SHOWN_MAX];
    const char *p = arg;
    while (*p) {
        char *end;
        errno = 0;
        long n = strtol(p, &end, 16);
        if (end == p || errno != 0)
            return fail(ctx, src, line, "escape parameter contains invalid hex number '%s'",
                        shown(src, p, sw));
        if (n < 0 || n > 0xff || (n >= 0x20 && n <= 0x3f) || n == 0x5e)
            return fail(ctx, src, line, "can't escape character 0x%lx", n);
        o->escape[n >> 3] |= (uint8_t)(1u << (n & 7));
        p = end;
        while (*p == ',' || *p == ' ')
            p++;
    }
    return 0;
}

/* One interface identifier: "" (unset), or IPv6 notation with the upper 64
 * bits 0 as pppd's setifaceid (::1, ::a.b.c.d); 0 itself is refused. */
static int parse_ifid(const char *s, size_t n, uint64_t *id)
{
    char buf[INET6_ADDRSTRLEN];
    struct in6_addr a;

    if (n == 0)
        return 0;
    if (n >= sizeof(buf))
        return -1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    if (inet_pton(AF_INET6, buf, &a) != 1)
        return -1;
    uint64_t hi = 0, lo = 0;
    for (int i = 0; i < 8; i++) {
        hi = hi << 8 | a.s6_addr[i];
        lo = lo << 8 | a.s6_addr[8 + i];
    }
    if (hi != 0 || lo == 0)
        return -1;
    *id = lo;
    return 0;
}

int options_parse_ifid_pair(const char *s, uint64_t *local, uint64_t *remote)
{
    const char *comma = strchr(s, ',');
    size_t n = comma ? (size_t)(comma - s) : strlen(s);
    uint64_t l = *local, r = *remote;

    if (parse_ifid(s, n, &l) < 0 || (comma && parse_ifid(comma + 1, strlen(comma + 1), &r) < 0))
        return -1;
    *local = l;
    *remote = r;
    return 0;
}

static int apply_special(struct opt_ctx *ctx, const struct opt_source *src,
                         const struct opt_desc *d, const char *arg, unsigned line)
{
    char sw[OPT_SHOWN_MAX];
    struct ppp_options *o = ctx->o;
    if (d->flags & OPTF_NOOP)
        return 0;
    if (strcmp(d->name, "file") == 0 || strcmp(d->name, "call") == 0) {
        bool is_call = d->name[0] == 'c';
        if (is_call && (arg[0] == '/' || strstr(arg, "..")))
            return fail(ctx, src, line, "call: invalid peer name '%s'", shown(src, arg, sw));
        if (src->depth + 1 >= OPT_MAX_DEPTH)
            return fail(ctx, src, line, "%s: options files nested too deeply", d->name);
        if (!ctx->include)
            return fail(ctx, src, line, "%s: not allowed here", d->name);
        if (is_call)
            snprintf(o->call_file, sizeof(o->call_file), "%s", arg);
        struct opt_source from = *src;
        from.line = line;
        return ctx->include(ctx, arg, is_call, &from);
    }
    if (strcmp(d->name, "escape") == 0)
        return parse_escape(ctx, src, line, o, arg);
    if (strcmp(d->name, "ms-dns") == 0) {
        uint32_t a;
        if (options_parse_ip(arg, &a) < 0)
            return fail(ctx, src, line, "ms-dns: invalid address '%s'", shown(src, arg, sw));
        if (o->n_ms_dns == 2) {  /* pppd: a third replaces the second */
            o->ms_dns[1] = a;
        } else {
            o->ms_dns[o->n_ms_dns++] = a;
        }
        return 0;
    }
    if (strcmp(d->name, "ipv6") == 0) {
        if (options_parse_ifid_pair(arg, &o->ipv6_local, &o->ipv6_remote) < 0)
            return fail(ctx, src, line, "ipv6: invalid interface identifiers '%s'",
                        shown(src, arg, sw));
        return 0;
    }
    if (strcmp(d->name, "pass-filter") == 0 || strcmp(d->name, "active-filter") == 0) {
        /* compiled here only to refuse a bad expression as an option error */
        struct pkt_filter f;
        char perr[256];
        if (filter_compile(&f, arg, perr, sizeof(perr)) < 0) {
            char pe[sizeof(perr) * 4];   /* libpcap quotes parts of the expression */
            return fail(ctx, src, line, "%s: invalid filter expression '%s': %s", d->name,
                        shown(src, arg, sw), log_printable_str(pe, sizeof(pe), perr));
        }
        filter_free(&f);
        char *dst = d->name[0] == 'p' ? o->pass_filter : o->active_filter;
        if (strlen(arg) >= OPT_STR_MAX)
            return fail(ctx, src, line, "%s: expression too long", d->name);
        snprintf(dst, OPT_STR_MAX, "%s", arg);
        return 0;
    }
    if (strcmp(d->name, "plugin") == 0) {
        /* pppd names plugins by file, often with a path: the name decides */
        const char *base = strrchr(arg, '/');
        base = base ? base + 1 : arg;
        if (strcmp(base, "radius.so") == 0) {
            o->radius = true;
        } else if (strcmp(base, "radattr.so") == 0) {
            o->radattr = true;
        } else if (strncmp(base, "rp-pppoe", 8) == 0 || strncmp(base, "pppoe", 5) == 0) {
            /* pppd's rp-pppoe.so (pppoe-server -k, DSL set-ups) needs kernel
             * PPP; rp-pppoe's user-space client does the same job on a pty */
            return fail(ctx, src, line,
                        "plugin %s: pppd-lite has no plugins and no kernel PPPoE; use "
                        "rp-pppoe's client instead: pty 'pppoe -I IFACE' (add sync and "
                        "pppoe -s for synchronous framing; pppoe-server without -k)",
                        shown(src, arg, sw));
        } else {
            return fail(ctx, src, line,
                        "plugin %s: pppd-lite loads no plugins; radius.so and radattr.so "
                        "are built in", shown(src, arg, sw));
        }
        return 0;
    }
    if (strcmp(d->name, "avpair") == 0) {
        if (!strchr(arg, '=') || arg[0] == '=' || strlen(arg) >= sizeof(o->avpair[0]))
            return fail(ctx, src, line, "avpair: expected ATTRIBUTE=VALUE, got '%s'",
                        shown(src, arg, sw));
        if (o->n_avpair >= (int)(sizeof(o->avpair) / sizeof(o->avpair[0])))
            return fail(ctx, src, line, "avpair: at most %zu of them",
                        sizeof(o->avpair) / sizeof(o->avpair[0]));
        snprintf(o->avpair[o->n_avpair++], sizeof(o->avpair[0]), "%s", arg);
        return 0;
    }
    if (strcmp(d->name, "--help") == 0) {
        o->help = true;
        return 0;
    }
    if (strcmp(d->name, "--version") == 0) {
        o->version = true;
        return 0;
    }
    return fail(ctx, src, line, "internal: unhandled option '%s'", d->name);
}

int options_apply(struct opt_ctx *ctx, const struct opt_source *src,
                  char *const *words, const unsigned *lines, size_t n, size_t *used)
{
    char sw[OPT_SHOWN_MAX];
    struct ppp_options *o = ctx->o;
    unsigned line = lines ? lines[0] : 0;
    const struct opt_desc *d = options_find(words[0]);
    *used = 1;
    if (!d)
        return apply_positional(ctx, src, words[0], line);
    if (d->flags & OPTF_ALIAS)
        d = options_find(d->help);
    if (!d)
        return fail(ctx, src, line, "internal: bad alias '%s'", shown(src, words[0], sw));

    const char *arg = NULL;
    if (d->flags & OPTF_ARG) {
        if (n < 2)
            return fail(ctx, src, line, "option '%s' requires an argument", shown(src, words[0], sw));
        arg = words[1];
        *used = 2;
    }
    if ((d->flags & OPTF_PRIV) && !src->priv && !ctx->privileged_invoker)
        return fail(ctx, src, line, "using the %s option requires root privilege",
                    shown(src, words[0], sw));
    if ((d->flags & OPTF_PRIVFIX) && !src->priv && !ctx->privileged_invoker &&
        fixed_by_priv(o, d))
        return fail(ctx, src, line, "%s option cannot be overridden", shown(src, words[0], sw));

    char *field = (char *)o + d->offset;
    long v;
    uint32_t a;
    switch (d->type) {
    case OPT_FLAG:
        if (d->offset == offsetof(struct ppp_options, crtscts))
            *(int *)(void *)field = d->value;
        else
            *(bool *)(void *)field = d->value != 0;
        break;
    case OPT_INT:
        if (parse_int(arg, &v) < 0)
            return fail(ctx, src, line, "invalid number '%s' for option '%s'", shown(src, arg, sw),
                        d->name);
        if (v < d->min || v > d->max)
            return fail(ctx, src, line, "%s: %s is out of range (%d to %d)", d->name, shown(src, arg, sw),
                        d->min, d->max);
        *(int *)(void *)field = (int)v;
        break;
    case OPT_STRING:
        if (strlen(arg) >= d->size)
            return fail(ctx, src, line, "%s: argument too long", d->name);
        if (d->offset == offsetof(struct ppp_options, ifname) && !valid_ifname(arg))
            return fail(ctx, src, line,
                        "ifname: '%s' is not a valid interface name (1 to %d characters, "
                        "no '/', ':' or white space)",
                        shown(src, arg, sw), IFNAMSIZ - 1);
        memcpy(field, arg, strlen(arg) + 1);
        break;
    case OPT_HEX32: {
        char *end;
        errno = 0;
        unsigned long m = strtoul(arg, &end, 16);
        if (errno || end == arg || *end || m > 0xffffffffUL)
            return fail(ctx, src, line, "invalid asyncmap '%s'", shown(src, arg, sw));
        *(uint32_t *)(void *)field |= (uint32_t)m;
        break;
    }
    case OPT_IPADDR:
        if (options_parse_ip(arg, &a) < 0)
            return fail(ctx, src, line, "%s: invalid address '%s'", d->name, shown(src, arg, sw));
        *(uint32_t *)(void *)field = a;
        break;
    case OPT_SPECIAL:
        if (apply_special(ctx, src, d, arg, line) < 0)
            return -1;
        break;
    }
    mark_seen(ctx, d, src, line);
    return 0;
}

int options_apply_all(struct opt_ctx *ctx, const struct opt_source *src,
                      char *const *words, const unsigned *lines, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t used;
        if (options_apply(ctx, src, words + i, lines ? lines + i : NULL, n - i, &used) < 0)
            return -1;
        i += used;
    }
    return 0;
}

void options_print_help(FILE *fp)
{
    fprintf(fp, "usage: pppd-lite [options] [DEVICE] [SPEED] [LOCAL:REMOTE]\n"
                "Options are read from /etc/ppp/options, ~/.ppprc, "
                "/etc/ppp/options.TTY and the command line.\n");
    for (size_t i = 0; i < options_table_len; i++) {
        const struct opt_desc *d = &options_table[i];
        char left[64];
        unsigned def;                    /* the engine's default, as it sets it */
        snprintf(left, sizeof(left), "%s%s%s", d->name, d->arg ? " " : "", d->arg ? d->arg : "");
        if (d->flags & OPTF_ALIAS)
            fprintf(fp, "  %-24s same as %s\n", left, d->help);
        else if (options_engine_default(d->name, &def) && def != 0)
            fprintf(fp, "  %-24s %s (%u)%s\n", left, d->help, def,
                    (d->flags & OPTF_PRIV) ? " (privileged)" : "");
        else
            fprintf(fp, "  %-24s %s%s\n", left, d->help,
                    (d->flags & OPTF_PRIV) ? " (privileged)" : "");
    }
}

static void print_ip(FILE *fp, uint32_t a)
{
    fprintf(fp, "%u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
}

/* An interface identifier as `ipv6` takes it (nothing when unset). */
static void print_ifid(FILE *fp, uint64_t id)
{
    if (id)
        fprintf(fp, "::%x:%x:%x:%x", (unsigned)(id >> 48) & 0xffff, (unsigned)(id >> 32) & 0xffff,
                (unsigned)(id >> 16) & 0xffff, (unsigned)id & 0xffff);
}

void options_dump(const struct ppp_options *o, FILE *fp)
{
    for (size_t i = 0; i < options_table_len; i++) {
        const struct opt_desc *d = &options_table[i];
        if (!o->seen[i].set || d->type == OPT_SPECIAL)
            continue;
        const char *field = (const char *)o + d->offset;
        fprintf(fp, "%s", d->name);
        switch (d->type) {
        case OPT_INT:
            fprintf(fp, " %d", *(const int *)(const void *)field);
            break;
        case OPT_STRING:
            /* never show the password itself */
            fprintf(fp, " %s", strcmp(d->name, "password") == 0 ? "??????" : field);
            break;
        case OPT_HEX32:
            fprintf(fp, " %x", *(const uint32_t *)(const void *)field);
            break;
        case OPT_IPADDR:
            fputc(' ', fp);
            print_ip(fp, *(const uint32_t *)(const void *)field);
            break;
        default:
            break;
        }
        if (o->seen[i].file)
            fprintf(fp, "\t\t# (from %s)\n", o->seen[i].file);
        else
            fprintf(fp, "\t\t# (from command line)\n");
    }
    if (o->device[0])
        fprintf(fp, "%s\n", o->device);
    if (o->speed)
        fprintf(fp, "%u\n", o->speed);
    if (o->local_ip || o->remote_ip) {
        if (o->local_ip)
            print_ip(fp, o->local_ip);
        fputc(':', fp);
        if (o->remote_ip)
            print_ip(fp, o->remote_ip);
        fputc('\n', fp);
    }
    const char *sep = "escape ";
    for (int b = 0; b < 256; b++) {
        if (o->escape[b >> 3] & (1u << (b & 7))) {
            fprintf(fp, "%s%02x", sep, b);
            sep = ",";
        }
    }
    if (sep[0] == ',')
        fputc('\n', fp);
    if (o->ipv6_local || o->ipv6_remote) {
        fprintf(fp, "ipv6 ");
        print_ifid(fp, o->ipv6_local);
        fputc(',', fp);
        print_ifid(fp, o->ipv6_remote);
        fputc('\n', fp);
    }
    for (int i = 0; i < o->n_ms_dns; i++) {
        fprintf(fp, "ms-dns ");
        print_ip(fp, o->ms_dns[i]);
        fputc('\n', fp);
    }
}
