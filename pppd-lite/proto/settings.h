/* settings: everything pppd's options control inside the protocol engine.
 *
 * The daemon parses options (its own table) and fills one struct
 * engine_settings; the engine only reads it. engine_settings_init() sets
 * pppd's defaults, so the daemon only writes what an option changed.
 * Times are milliseconds (pppd's options are seconds: multiply by 1000).
 * IPv4 addresses are host byte order, 0 meaning "not given". */
#ifndef PPPD_LITE_SETTINGS_H
#define PPPD_LITE_SETTINGS_H

#include <stdbool.h>
#include <stdint.h>

#define ENGINE_NAME_MAX 256      /* names and passwords, NUL included */
#define ENGINE_DEFAULT_MRU 1500
#define ENGINE_MIN_MRU 128
#define ENGINE_MAX_MRU 16384

/* One RFC 1661 automaton's timer and counters (RFC 1661 4.6). */
struct engine_fsm_settings {
    uint32_t restart_ms;         /* lcp-restart / ipcp-restart (3000) */
    unsigned max_configure;      /* lcp-max-configure / ipcp-max-configure (10) */
    unsigned max_terminate;      /* lcp-max-terminate / ipcp-max-terminate (2) */
    unsigned max_failure;        /* lcp-max-failure / ipcp-max-failure (5):
                                    Naks sent before they turn into Rejects */
};

struct engine_lcp_settings {
    struct engine_fsm_settings fsm;
    uint16_t mru;                /* mru N: the MRU we ask for (sent only if != 1500) */
    bool neg_mru;                /* false: default-mru (do not negotiate MRU) */
    uint16_t mtu;                /* mtu N: cap on what we send (0: no cap) */
    uint32_t asyncmap;           /* asyncmap: ACCM we ask the peer to use (ORed; 0) */
    bool neg_asyncmap;           /* false: default-asyncmap (no ACCM option, escape all) */
    bool neg_magic;              /* false: nomagic */
    bool neg_pfc;                /* false: nopcomp / -pc */
    bool neg_acfc;               /* false: noaccomp / -ac */
    bool passive;                /* passive / -p: after Config-Request timeout keep waiting */
    bool silent;                 /* silent: send nothing until a valid LCP packet arrives */
    uint32_t echo_interval_ms;   /* lcp-echo-interval (0: no echoes) */
    unsigned echo_failure;       /* lcp-echo-failure (0: never declare the link dead) */
    uint32_t listen_time_ms;     /* pppd listen_time (connect-delay after a connect script):
                                    the Up event waits for the peer's first LCP packet or
                                    this long, so our requests do not bounce off a remote
                                    tty that still echoes; 0: Up at once */
};

struct engine_auth_settings {
    bool auth;                   /* auth: the peer must authenticate (noauth clears it) */
    bool require_pap;            /* require-pap / +pap (implies auth) */
    bool require_chap;           /* require-chap / +chap (implies auth) */
    bool refuse_pap;             /* refuse-pap / -pap: we will not authenticate with PAP */
    bool refuse_chap;            /* refuse-chap / -chap: CHAP with MD5 only (as pppd) */
    bool require_mschap;         /* require-mschap / +mschap: MS-CHAP (implies auth) */
    bool require_mschap_v2;      /* require-mschap-v2 / +mschap-v2 (implies auth) */
    bool refuse_mschap;          /* refuse-mschap / -mschap */
    bool refuse_mschap_v2;       /* refuse-mschap-v2 / -mschap-v2 */
    bool login;                  /* login: PAP password checked by the login verifier (PAM)
                                    and the user still needs a pap-secrets entry */
    char name[ENGINE_NAME_MAX];  /* name, else usehostname/hostname: our name (secrets
                                    column 2 when we authenticate the peer; CHAP name) */
    char user[ENGINE_NAME_MAX];  /* user: the name we send (empty: use name) */
    char password[ENGINE_NAME_MAX]; /* password: our secret (empty: look it up) */
    bool have_password;          /* password given (it may be the empty string) */
    char remotename[ENGINE_NAME_MAX]; /* remotename: the peer's assumed name */
    uint32_t pap_restart_ms;     /* pap-restart (3000): Authenticate-Request retransmit */
    unsigned pap_max_authreq;    /* pap-max-authreq (10) */
    uint32_t pap_timeout_ms;     /* pap-timeout (30000): wait for the peer's request; 0 none */
    uint32_t chap_restart_ms;    /* chap-restart (3000): Challenge retransmit */
    unsigned chap_max_challenge; /* chap-max-challenge (10) */
    uint32_t chap_interval_ms;   /* chap-interval (0: no re-challenge) */
    uint32_t chap_timeout_ms;    /* chap-timeout (20000): wait for the peer's Challenge
                                    when we authenticate ourselves; 0 none */
};

struct engine_ipcp_settings {
    struct engine_fsm_settings fsm;
    uint32_t local_addr;         /* local:remote, left part (or from the hostname when the
                                    daemon resolves it without noipdefault); 0: ask peer */
    uint32_t remote_addr;        /* local:remote, right part; 0: let the peer choose */
    bool accept_local;           /* ipcp-accept-local: take the peer's idea of our address */
    bool accept_remote;          /* ipcp-accept-remote: let the peer pick its own address */
    uint32_t ms_dns[2];          /* ms-dns (twice): DNS servers we give the peer; 0 unset */
    bool usepeerdns;             /* usepeerdns: ask the peer for DNS servers */
    unsigned unit;               /* ppp unit: the "+" address rule and 10.64.64.64+unit */
};

struct engine_ipv6cp_settings {
    struct engine_fsm_settings fsm;
    bool enable;                 /* +ipv6: run IPv6CP (off by default, as pppd) */
    uint64_t local_ifid;         /* ipv6 LOCAL,REMOTE: interface identifiers; 0: not given */
    uint64_t remote_ifid;        /* (local: a random one; remote: the peer chooses) */
    bool accept_local;           /* ipv6cp-accept-local: take the peer's idea of ours */
};

struct engine_settings {
    struct engine_lcp_settings lcp;
    struct engine_auth_settings auth;
    struct engine_ipcp_settings ipcp;
    struct engine_ipv6cp_settings ipv6cp;
    bool debug;                  /* debug: log every control packet sent and received */
};

/* pppd's defaults: MRU 1500 negotiated, asyncmap 0, magic/PFC/ACFC on,
 * restart 3 s, Max-Configure 10, Max-Terminate 2, Max-Failure 5, no echoes,
 * no listen time (pppd sets it only after a connect script),
 * noauth, PAP 3 s x 10 with 30 s server timeout, CHAP 3 s x 10. */
void engine_settings_init(struct engine_settings *s);

#endif
