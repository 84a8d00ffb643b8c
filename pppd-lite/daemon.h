/* daemon: the state of one pppd-lite process, shared by session.c (line,
 * scripts, interface set-up and clean-up), loop.c (the poll loop) and
 * main.c (wiring). Nothing here is global: main owns one struct daemon. */
#ifndef PPPD_LITE_DAEMON_H
#define PPPD_LITE_DAEMON_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "common/hdlc.h"
#include "common/lock.h"
#include "common/loghold.h"
#include "common/serial.h"
#include "common/syncframe.h"
#include "pppd-lite/proto/engine.h"
#include "pppd-lite/config/options.h"
#include "pppd-lite/datapath/demandq.h"
#include "pppd-lite/datapath/filter.h"
#include "pppd-lite/datapath/rxhold.h"
#include "pppd-lite/sys/route.h"
#include "pppd-lite/sys/scripts.h"
#include "pppd-lite/sys/tun.h"
#include "pppd-lite/sys/ctlsock.h"
#include "pppd-lite/radius/radius.h"

#define DAEMON_RX_CHUNK 65536           /* tty read size */
#define DAEMON_TXQ_SIZE (256 * 1024)    /* encoded bytes waiting for the tty */
#define DAEMON_MAX_MRU 16384

/* Signals seen by the handlers, consumed by the loop (self-pipe wakes it). */
struct daemon_signals {
    volatile sig_atomic_t term;         /* SIGINT / SIGTERM: signal number */
    volatile sig_atomic_t hup;
    volatile sig_atomic_t usr1;
    volatile sig_atomic_t chld;
    volatile sig_atomic_t fatal;        /* SIGQUIT, SIGABRT, ...: signal number */
    int pipe_rd, pipe_wr;
};

struct daemon {
    struct ppp_options *o;
    struct engine_settings settings;
    struct daemon_signals *sig;

    /* line */
    struct serial_line line;
    bool line_open;
    char devname[4096];                 /* as named (or stdin's tty) for messages */
    struct lock_handle lock;
    const char *lock_dir;
    bool hungup;                        /* modem hangup seen: no disconnect script */
    pid_t pty_pid;                      /* the `pty` script, while it runs */
    int line_out;                       /* written to: line.fd, or stdout with notty */

    /* interface */
    struct tun_if tun;
    char pidfile[4200];
    char linkpidfile[4200];
    bool addrs_set, default_route, proxyarp;
    struct route_saved saved_route;     /* replacedefaultroute: the route to put back */
    char arp_if[32];
    struct engine_ip_params ip;         /* addresses while IPCP is up */
    bool addrs6_set;                    /* the link-local address is on the tun */
    struct engine_ipv6_params ipv6;     /* identifiers while IPv6CP is up */
    uint64_t ipv6_up_time;

    /* demand: the dormant interface's addresses and the waiting packets */
    uint32_t demand_local, demand_remote;
    bool demand_route;                  /* the dormant default route is ours */
    uint32_t demand_rewrite_from;       /* this call changed our address from it */
    struct demandq demandq;

    /* pass-filter and active-filter (filter.h), and what pass-filter dropped */
    struct pkt_filter pass_filter, active_filter;
    uint64_t filtered_out, filtered_in;

    /* engine and framing */
    struct engine *e;
    void *engine_storage;
    struct hdlc_decoder dec;
    struct hdlc_encoder enc;
    uint8_t *dec_storage;
    uint8_t *rxbuf;                     /* DAEMON_RX_CHUNK */
    uint8_t *txq;                       /* DAEMON_TXQ_SIZE */
    size_t txq_head, txq_len;
    struct syncframe_rx srx;            /* `sync`: the receiver (syncline.h) */
    uint8_t *srx_storage;
    size_t sync_tx_sent;                /* `sync`: bytes of the first queued frame written */
    struct rx_hold rx_hold;             /* merged segments from the line held back */
    uint16_t tx_mru;
    bool dead;                          /* ENGINE_EV_DEAD seen */
    int dead_status;

    /* times (monotonic ms) and counters */
    uint64_t now;
    uint64_t link_start;                /* lower up */
    uint64_t ip_up_time;
    uint64_t last_activity;             /* data packets only (idle) */
    bool ip_was_up;
    uint64_t bytes_sent, bytes_rcvd;    /* on the line */
    bool closing;                       /* engine_close called */
    bool quit;                          /* SIGINT/SIGTERM: no redial */
    int pending_close;                  /* status of a close asked from a callback */
    pid_t ip_down_pid;

    /* scripts */
    pid_t ip_up_pid;
    pid_t ipv6_up_pid, ipv6_down_pid;
    pid_t auth_pid;                     /* auth-up or auth-down, while it runs */
    bool auth_up_ran;                   /* auth-down is due when the link goes down */
    struct script_env env;
    char peer_name[256];
    struct log_hold secrets_log[2];     /* pap-secrets, chap-secrets: say each problem once */

    struct radius radius;               /* `plugin radius.so` */
    unsigned radius_verify_id;          /* the engine's check RADIUS answers */

    /* process */
    int status;                         /* exit status so far */
    bool detached;
    int updetach_fd;                    /* write end: tell the parent we are up */
    bool privileged;

    /* operator view (status.c) */
    struct ctlsock ctl;                 /* RUNDIR/pppd-lite/IFNAME.sock */
    uint64_t packets_sent;              /* frames queued for the line */
    enum engine_auth_proto peer_auth;   /* how the peer authenticated to us */
    enum engine_auth_proto self_auth;   /* how we authenticated to the peer */
    char radius_session[64];            /* Acct-Session-Id when RADIUS is in use */
};

uint64_t daemon_now_ms(void);

/* loop.c */
int loop_signals_init(struct daemon_signals *s);
/* Run the link until the engine is dead. */
void loop_run(struct daemon *d);
/* A stop asked by signal (SIGINT/SIGTERM, or a fatal one)? Then log it as
 * pppd does, set quit and the status (5, or 127 for a fatal signal), consume
 * it and return true. */
bool loop_take_stop(struct daemon *d);
/* Reap finished scripts, forgetting their pids. */
void loop_reap_children(struct daemon *d);
/* Make room for need bytes at the end of the output queue. */
bool loop_txq_room(struct daemon *d, size_t need);
/* Queue one packet for the line (framing applied). false when no room. */
bool loop_send(struct daemon *d, uint16_t protocol, const uint8_t *payload, size_t len);
/* Close the link as SIGTERM or idle do: Terminate-Request, then Dead. */
void loop_close(struct daemon *d, int status, const char *reason);

/* session.c */
int session_open_line(struct daemon *d);          /* lock, open, raw; exit code or 0 */
int session_run_device_scripts(struct daemon *d); /* init, connect, welcome */
int session_create_interface(struct daemon *d);   /* tun, pid files */
void session_ip_up(struct daemon *d, const struct engine_ip_params *ip);
void session_ip_down(struct daemon *d);
/* ip-pre-up with these addresses, waited for (the interface still down) */
void session_ip_pre_up(struct daemon *d, uint32_t local, uint32_t remote);
/* replacedefaultroute: take the default route in the way (true), put it back */
bool session_replace_default(struct daemon *d);
bool session_add_default(struct daemon *d, uint32_t gateway);
void session_restore_default(struct daemon *d);
void session_ipv6_up(struct daemon *d, const struct engine_ipv6_params *v6);
void session_ipv6_down(struct daemon *d);
void session_link_finished(struct daemon *d);     /* stats, 8-bit check, disconnect */
void session_auth_up(struct daemon *d);           /* the peer authenticated: auth-up */
void session_close_line(struct daemon *d);
void session_cleanup(struct daemon *d);           /* everything, every exit path */
void session_detach(struct daemon *d);            /* background, when asked */
void session_updetach_done(struct daemon *d);
void session_eightbit_check(unsigned rx_bits);

/* engine glue (engineglue.c) */
int engine_glue_init(struct daemon *d);
void engine_glue_settings(const struct ppp_options *o, struct engine_settings *s);
/* The bytes of the `escape` option, always escaped by the encoder (they
 * stay so whatever ACCM the peer negotiates); while LCP negotiates
 * (negotiating), 0x7f as well. */
void engine_glue_escapes(const struct ppp_options *o, struct hdlc_encoder *e, bool negotiating);

#endif
