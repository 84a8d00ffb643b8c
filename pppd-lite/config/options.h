/* options: pppd-lite's option descriptor table and the struct it fills.
 *
 * One table (options_table) names every option with its type, where its value
 * is stored, whether it is privileged and a one-line help. The word parser,
 * --help, `dump` and the man-page test all read that table. Values land in
 * one struct ppp_options that main.c passes down; there are no globals. */
#ifndef PPPD_LITE_OPTIONS_H
#define PPPD_LITE_OPTIONS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define OPT_STR_MAX 1024
#define OPT_NAME_MAX 256
#define OPT_MAX_DESCS 192     /* room for the table (checked by a test) */
#define OPT_MAX_DEPTH 8       /* nesting of file/call */
#define OPT_SHOWN_MAX 128     /* a word quoted in an error message */

/* Exit codes, pppd.8 "EXIT STATUS" (4, no kernel PPP support, never occurs). */
enum ppp_exit {
    PPP_EXIT_OK = 0,
    PPP_EXIT_FATAL = 1,
    PPP_EXIT_OPTION = 2,
    PPP_EXIT_NOT_ROOT = 3,
    PPP_EXIT_USER_REQUEST = 5,
    PPP_EXIT_LOCK = 6,
    PPP_EXIT_OPEN = 7,
    PPP_EXIT_CONNECT = 8,
    PPP_EXIT_PTYCMD = 9,
    PPP_EXIT_NEGOTIATION = 10,
    PPP_EXIT_PEER_AUTH = 11,
    PPP_EXIT_IDLE = 12,
    PPP_EXIT_CONNECT_TIME = 13,
    PPP_EXIT_CALLBACK = 14,
    PPP_EXIT_PEER_DEAD = 15,
    PPP_EXIT_HANGUP = 16,
    PPP_EXIT_LOOPBACK = 17,
    PPP_EXIT_INIT = 18,
    PPP_EXIT_AUTH_TOPEER = 19,
    PPP_EXIT_FATAL_SIGNAL = 127,    /* pppd's bad_signal(): die(127) */
};

struct ppp_options {
    /* The numbers and flags first, the strings after: a page of this 120
     * KiB struct costs memory only once written, and most strings stay
     * empty, so scalars scattered between them would dirty a page each. */

    /* line */
    unsigned speed;                 /* 0 = leave as found */
    bool lock;
    int crtscts;                    /* 1 on, 0 off, -1 leave as found */
    bool modem;                     /* false after `local` */
    bool demand;                    /* interface first, dial on traffic (implies persist) */
    bool sync;                      /* synchronous HDLC: no async framing (pppoe -s) */
    bool notty;                     /* the line is stdin (read) and stdout (write), not a tty */
    int connect_delay;              /* ms to wait for the peer's first LCP packet after a
                                       connect script (pppd's default 1000) */

    /* process */
    bool nodetach;
    bool updetach;
    bool up_sdnotify;
    bool debug;
    bool dump;
    bool dryrun;
    bool persist;
    int maxfail;                    /* 0 = unlimited */
    int holdoff;                    /* seconds */
    int idle;                       /* seconds, 0 = off */
    int child_timeout;              /* seconds to wait for children at exit, 0 = forever */
    int maxconnect;                 /* seconds, 0 = off */
    int unit;                       /* -1 = first free */

    /* authentication */
    bool auth;                      /* require the peer to authenticate */
    bool require_pap, require_chap;
    bool refuse_pap, refuse_chap;
    bool require_mschap, require_mschap_v2, refuse_mschap, refuse_mschap_v2;
    bool login;                     /* PAP user/password checked against the system */
    bool usehostname;

    /* LCP */
    uint32_t asyncmap;
    bool default_asyncmap;
    int mru;                        /* 0 = default (1500) */
    int mtu;                        /* 0 = from peer's MRU */
    bool noaccomp, nopcomp, nomagic;
    bool passive, silent;
    int lcp_echo_interval, lcp_echo_failure;
    int lcp_restart, lcp_max_configure, lcp_max_terminate, lcp_max_failure;

    /* IPCP, addresses are host byte order */
    uint32_t local_ip, remote_ip, netmask;
    bool noipdefault;
    bool accept_local, accept_remote;
    bool novj, novjccomp, noccp;
    int vj_max_slots;
    bool proxyarp, defaultroute;
    bool replacedefaultroute;       /* take an existing default route away while up */
    int defaultroute_metric;        /* -1: not given */
    bool usepeerdns;
    uint32_t ms_dns[2];
    int n_ms_dns;
    uint8_t escape[32];             /* `escape`: bytes always escaped when sending (bitmap) */
    int ipcp_restart, ipcp_max_configure, ipcp_max_terminate, ipcp_max_failure;

    /* IPv6CP (RFC 5072) */
    bool ipv6;                      /* +ipv6: negotiate IPv6CP (off by default) */
    uint64_t ipv6_local, ipv6_remote; /* `ipv6 LOCAL,REMOTE` interface identifiers; 0 unset */
    bool ipv6cp_use_ipaddr;         /* identifiers from the IPv4 addresses */
    bool ipv6cp_accept_local;
    int ipv6cp_restart, ipv6cp_max_configure, ipv6cp_max_terminate, ipv6cp_max_failure;

    /* RADIUS: pppd's radius.so and radattr.so plugins, built in */
    bool radius;                    /* `plugin radius.so` */
    bool radattr;                   /* `plugin radattr.so`: RUNDIR/radattr.IFNAME for scripts */
    int n_avpair;

    /* PAP/CHAP timers */
    int pap_restart, pap_max_authreq, pap_timeout;
    int chap_restart, chap_max_challenge, chap_interval;

    bool help, version;
    int n_sources;

    /* where each table entry was last set (for `dump` and privilege) */
    struct {
        const char *file;           /* NULL: command line; points into sources[] */
        unsigned line;
        bool set;
        bool priv;                  /* set from a privileged source */
    } seen[OPT_MAX_DESCS];

    /* strings: line */
    char device[PATH_MAX];          /* "" = standard input */
    char connect[OPT_STR_MAX];
    char disconnect[OPT_STR_MAX];
    char init[OPT_STR_MAX];
    char welcome[OPT_STR_MAX];
    char pty[OPT_STR_MAX];          /* `pty`: run this on a new pty, its master is the line */
    char pass_filter[OPT_STR_MAX];  /* tcpdump expression ("" none): data packets to pass */
    char active_filter[OPT_STR_MAX];/* tcpdump expression: data packets that are activity */

    /* strings: process */
    char ifname[OPT_NAME_MAX];
    char linkname[OPT_NAME_MAX];
    char call_file[OPT_NAME_MAX];   /* last `call NAME` (CALL_FILE for scripts) */
    char ipparam[OPT_STR_MAX];
    char logfile[PATH_MAX];
    char ip_up_script[PATH_MAX];
    char ip_down_script[PATH_MAX];

    /* strings: authentication */
    char name[OPT_NAME_MAX];
    char user[OPT_NAME_MAX];
    char password[OPT_NAME_MAX];
    char remotename[OPT_NAME_MAX];
    char pap_secrets[PATH_MAX];
    char chap_secrets[PATH_MAX];

    /* strings: IPv6CP */
    char ipv6_up_script[PATH_MAX];
    char ipv6_down_script[PATH_MAX];

    /* strings: RADIUS */
    char radius_config[PATH_MAX];   /* "": /etc/radcli/radiusclient.conf, then
                                       /etc/radiusclient/radiusclient.conf */
    char radius_spool[PATH_MAX];    /* "": /var/spool/pppd-lite/radius */
    char avpair[16][256];           /* `avpair ATTR=VALUE`, added to every request */

    char sources[16][PATH_MAX];     /* names of files read, for seen[].file */
};

enum opt_type {
    OPT_FLAG,       /* bool: store .value (1 or 0) */
    OPT_INT,        /* int, decimal, within [.min, .max] */
    OPT_STRING,     /* char[] of size .size */
    OPT_HEX32,      /* asyncmap: ORed into a uint32_t */
    OPT_IPADDR,     /* one dotted quad or host name into a uint32_t */
    OPT_SPECIAL,    /* handled by name in options.c (file, call, ms-dns ...) */
};

enum {
    OPTF_PRIV = 1 << 0,     /* only from a privileged source (root or a root-owned file) */
    OPTF_PRIVFIX = 1 << 1,  /* once set from a privileged source, others cannot change it */
    OPTF_ARG = 1 << 2,      /* takes an argument word */
    OPTF_ALIAS = 1 << 3,    /* another spelling of the entry named in .help */
    OPTF_NOOP = 1 << 4,     /* accepted for compatibility, nothing to do (feature absent) */
};

struct opt_desc {
    const char *name;
    enum opt_type type;
    unsigned flags;
    size_t offset;          /* offsetof(struct ppp_options, field) */
    size_t size;            /* for OPT_STRING */
    int value;              /* for OPT_FLAG: what to store */
    int min, max;           /* for OPT_INT */
    const char *arg;        /* argument name for --help and the man page */
    const char *help;       /* one line; for OPTF_ALIAS the canonical name */
};

extern const struct opt_desc options_table[];
extern const size_t options_table_len;

/* Defaults as pppd's; privileged_invoker decides `auth`'s default. */
void options_init(struct ppp_options *o, bool privileged_invoker);

/* Where a word comes from, for messages, privilege and nesting. */
struct opt_source {
    const char *file;       /* NULL = command line */
    unsigned line;
    bool priv;              /* may set privileged options */
    bool show_words;        /* messages may quote its words (the invoking user
                               may read it: see optfiles_read) */
    int depth;
};

/* Resolves `file`/`call` words: implemented by optfiles.c. */
struct opt_ctx;
typedef int (*opt_include_fn)(struct opt_ctx *ctx, const char *path, bool is_call,
                              const struct opt_source *from);

struct opt_ctx {
    struct ppp_options *o;
    bool privileged_invoker;        /* root or CAP_NET_ADMIN: every source privileged */
    bool device_fixed;              /* device can no longer change (after tty options) */
    opt_include_fn include;         /* NULL: file/call are errors */
    void *include_ctx;
    char err[OPT_STR_MAX + PATH_MAX];
};

/* Apply one option whose words are words[0..n-1]; *used gets how many words
 * were consumed. 0 ok, -1 error with "FILE:LINE: message" (or the command
 * line message) in ctx->err. */
int options_apply(struct opt_ctx *ctx, const struct opt_source *src,
                  char *const *words, const unsigned *lines, size_t n, size_t *used);
/* Apply a whole word list (a file's or argv). */
int options_apply_all(struct opt_ctx *ctx, const struct opt_source *src,
                      char *const *words, const unsigned *lines, size_t n);

const struct opt_desc *options_find(const char *name);
/* Index of d in options_table. */
size_t options_index(const struct opt_desc *d);

/* Print --help text (one line per option, from the table) to fp. */
#include <stdio.h>
void options_print_help(FILE *fp);
/* optengine.c: the numeric protocol options the engine reads. Their
 * default as the engine sets it, in the option's unit (false: not such an
 * option); and the given ones written into the engine's settings. */
struct engine_settings;
bool options_engine_default(const char *name, unsigned *value);
void options_engine_apply(const struct ppp_options *o, struct engine_settings *s);
/* `dump`: every option that was set, with its value and "# (from FILE)". */
void options_dump(const struct ppp_options *o, FILE *fp);

/* Parse "a.b.c.d" or a host name (IPv4). 0 ok, -1 not an address. */
int options_parse_ip(const char *s, uint32_t *addr);
/* "local:remote" (either may be empty). 0 ok, -1 bad. */
int options_parse_ip_pair(const char *s, uint32_t *local, uint32_t *remote);
/* `ipv6 LOCAL,REMOTE`: IPv6 notation whose upper 64 bits are 0 (::1,::2),
 * either side may be empty. 0 ok, -1 bad. */
int options_parse_ifid_pair(const char *s, uint64_t *local, uint64_t *remote);

#endif
