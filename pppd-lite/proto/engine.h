/* engine: the PPP protocol engine of pppd-lite (sans-I/O).
 *
 * LCP, PAP, CHAP-MD5, IPCP and IPv6CP behind one small interface. The engine never
 * reads a clock, a file descriptor or a random device: time comes in as a
 * monotonic millisecond count, received frames come in as (protocol,
 * payload), and everything that goes out leaves through the callbacks of
 * struct engine_env. The daemon owns every file descriptor.
 *
 * Life of a link, as the daemon drives it:
 *
 *   engine_settings_init(&s); ...fill s from the options...
 *   e = engine_init(storage, size, &s, &env);
 *   engine_open(e, now);             administrative Open (pppd's lcp_open)
 *   engine_lower_up(e, now);         the tty carries PPP now (after connect script)
 *   loop:
 *     for each decoded frame: hdlc_parse_header(), then
 *       engine_input(e, now, protocol, payload, len);
 *     when now >= engine_next_deadline(e): engine_timeout(e, now);
 *     IP from the tun: send it only while engine_ip_ready(e);
 *     SIGINT/SIGTERM/idle/maxconnect: engine_close(e, now, status, reason)
 *       and keep looping: LCP sends Terminate-Request and waits for the Ack
 *       (or Max-Terminate timeouts);
 *     carrier lost / tty EOF: engine_lower_down(e, now);
 *   until the ENGINE_EV_DEAD event (engine_phase(e) == ENGINE_PHASE_DEAD).
 *   For persist: engine_open + engine_lower_up again on the same engine.
 *
 * Callbacks run synchronously inside engine_* calls. From inside a callback
 * the daemon may call the query functions (engine_phase, engine_get_*,
 * engine_counters ...) but must not call engine_input, engine_timeout,
 * engine_open, engine_close, engine_lower_up or engine_lower_down. */
#ifndef PPPD_LITE_ENGINE_H
#define PPPD_LITE_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/secrets.h"
#include "pppd-lite/proto/settings.h"

/* PPP protocol numbers (RFC 1661, 1332, 1334, 1994; assigned numbers). */
#define PPP_PROTO_IP 0x0021
#define PPP_PROTO_VJC 0x002d
#define PPP_PROTO_VJUC 0x002f
#define PPP_PROTO_IPV6 0x0057
#define PPP_PROTO_IPCP 0x8021
#define PPP_PROTO_IPV6CP 0x8057
#define PPP_PROTO_CCP 0x80fd
#define PPP_PROTO_LCP 0xc021
#define PPP_PROTO_PAP 0xc023
#define PPP_PROTO_LQR 0xc025
#define PPP_PROTO_CHAP 0xc223

/* pppd's exit status codes (pppd(8) EXIT STATUS). The engine reports the
 * ones it decides in ENGINE_EV_DEAD; the daemon uses the rest itself. */
enum engine_exit {
    ENGINE_EXIT_OK = 0,
    ENGINE_EXIT_FATAL_ERROR = 1,
    ENGINE_EXIT_OPTION_ERROR = 2,
    ENGINE_EXIT_NOT_ROOT = 3,
    ENGINE_EXIT_NO_KERNEL_SUPPORT = 4,
    ENGINE_EXIT_USER_REQUEST = 5,
    ENGINE_EXIT_LOCK_FAILED = 6,
    ENGINE_EXIT_OPEN_FAILED = 7,
    ENGINE_EXIT_CONNECT_FAILED = 8,
    ENGINE_EXIT_PTYCMD_FAILED = 9,
    ENGINE_EXIT_NEGOTIATION_FAILED = 10,
    ENGINE_EXIT_PEER_AUTH_FAILED = 11,
    ENGINE_EXIT_IDLE_TIMEOUT = 12,
    ENGINE_EXIT_CONNECT_TIME = 13,
    ENGINE_EXIT_CALLBACK = 14,
    ENGINE_EXIT_PEER_DEAD = 15,
    ENGINE_EXIT_HANGUP = 16,
    ENGINE_EXIT_LOOPBACK = 17,
    ENGINE_EXIT_INIT_FAILED = 18,
    ENGINE_EXIT_AUTH_TOPEER_FAILED = 19,
};

/* RFC 1661 3.2 link phases. */
enum engine_phase {
    ENGINE_PHASE_DEAD,
    ENGINE_PHASE_ESTABLISH,
    ENGINE_PHASE_AUTHENTICATE,
    ENGINE_PHASE_NETWORK,
    ENGINE_PHASE_TERMINATE,
};

enum engine_auth_proto {
    ENGINE_AUTH_NONE,
    ENGINE_AUTH_PAP,             /* pap-secrets */
    ENGINE_AUTH_CHAP,            /* chap-secrets (CHAP with MD5) */
};

/* Framing parameters for the HDLC layer, per direction. */
struct engine_link_params {
    uint32_t tx_accm;            /* control characters to escape when sending */
    uint32_t rx_accm;            /* control characters the peer escapes for us */
    bool tx_pfc, tx_acfc;        /* we may compress the frames we send (never LCP) */
    bool rx_pfc, rx_acfc;        /* the peer may compress what it sends */
    uint16_t tx_mru;             /* largest payload we may send: the peer's MRU,
                                    capped by the mtu setting (the interface MTU) */
    uint16_t rx_mru;             /* largest payload we accept: our MRU */
};

struct engine_ip_params {
    uint32_t local;              /* host byte order */
    uint32_t remote;
    uint32_t dns[2];             /* DNS servers the peer gave us (usepeerdns); 0: none */
};

struct engine_ipv6_params {
    uint64_t local;              /* interface identifiers: fe80::local, fe80::remote */
    uint64_t remote;
};

enum engine_event_type {
    ENGINE_EV_PHASE,             /* ev.phase: the new phase */
    ENGINE_EV_LINK_UP,           /* LCP Opened: apply ev.link to the framing */
    ENGINE_EV_LINK_DOWN,         /* LCP left Opened: ev.link holds the defaults
                                    (ACCM 0xffffffff, no compression, MRU 1500) */
    ENGINE_EV_AUTH_PEER_OK,      /* the peer authenticated: ev.auth (name, proto) */
    ENGINE_EV_AUTH_PEER_FAIL,    /* the peer failed: the link is closing; ev.auth.name is
                                    the name it tried ("" if none) */
    ENGINE_EV_AUTH_SELF_OK,      /* we authenticated to the peer: ev.auth */
    ENGINE_EV_AUTH_SELF_FAIL,    /* we failed to authenticate: the link is closing */
    ENGINE_EV_IP_UP,             /* IPCP Opened: ev.ip (configure tun, run ip-up) */
    ENGINE_EV_IP_DOWN,           /* IPCP left Opened: ev.ip as it was (run ip-down) */
    ENGINE_EV_IPV6_UP,           /* IPv6CP Opened: ev.ipv6 (link-local address, ipv6-up) */
    ENGINE_EV_IPV6_DOWN,         /* IPv6CP left Opened: ev.ipv6 as it was (ipv6-down) */
    ENGINE_EV_DEAD,              /* the link is finished (phase Dead): ev.dead */
};

struct engine_event {
    enum engine_event_type type;
    enum engine_phase phase;     /* phase after the event, for every type */
    struct engine_link_params link;
    struct {
        enum engine_auth_proto proto;
        const char *name;        /* peer's name (PEER_*) or ours (SELF_*) */
    } auth;
    struct engine_ip_params ip;
    struct engine_ipv6_params ipv6;
    struct {
        int status;              /* enum engine_exit: pppd's exit status so far */
        const char *reason;      /* e.g. "peer refused to authenticate" */
    } dead;
};

/* A credential check the engine hands to its owner (engine_env.verify).
 * The pointers are valid during the call only. */
#define ENGINE_VERIFY_PENDING (-1)
struct engine_verify_request {
    unsigned id;                 /* give it back to engine_verify_done */
    enum engine_auth_proto proto;
    const char *peer;            /* the name to check (PAP user; CHAP name or remotename;
                                    MS-CHAP: the name as sent, DOMAIN\ kept: it is hashed) */
    const char *our_name;        /* secrets column 2 */
    const uint8_t *password;     /* PAP: what the peer sent (may hold NUL bytes) */
    size_t password_len;
    uint8_t chap_digest;         /* CHAP: algorithm, 5 (MD5), 0x80 (MS-CHAP), 0x81 (v2) */
    uint8_t chap_id;             /* CHAP: identifier, our challenge, its response (MS-CHAP:
                                    the 49-byte value of RFC 2433 3 / RFC 2759 4) */
    const uint8_t *challenge;
    size_t challenge_len;
    const uint8_t *response;
    size_t response_len;
};

/* The outside world, as the engine sees it. ctx is passed back unchanged. */
struct engine_env {
    void *ctx;
    /* Send one packet: protocol and payload (code, id, length, data...). The
     * daemon adds address/control and protocol fields, FCS, escaping. LCP
     * packets must go out with full headers (no PFC/ACFC). Required. */
    void (*send)(void *ctx, uint16_t protocol, const uint8_t *payload, size_t len);
    /* Required. */
    void (*event)(void *ctx, const struct engine_event *ev);
    /* A received IP datagram (protocol 0x0021) while IPCP is Opened. Optional. */
    void (*ip_input)(void *ctx, const uint8_t *packet, size_t len);
    /* A received IPv6 datagram (protocol 0x0057) while IPv6CP is Opened. Optional. */
    void (*ip6_input)(void *ctx, const uint8_t *packet, size_t len);
    /* Fill buf with len unpredictable bytes (getrandom). Required. */
    void (*random)(void *ctx, void *buf, size_t len);
    /* Look up pap-secrets (ENGINE_AUTH_PAP) or chap-secrets (ENGINE_AUTH_CHAP)
     * with secrets_lookup_file(). client/server NULL match any entry.
     * 1 found (m filled), 0 none, -1 error (the callee logs it). Optional:
     * NULL behaves as empty secrets files. */
    int (*get_secret)(void *ctx, enum engine_auth_proto proto, const char *client,
                      const char *server, struct secret_match *m);
    /* The `login` check: 1 the system accepts user/password, 0 not. Optional:
     * NULL makes every login fail. pam_verify_login() is the PAM one. */
    int (*verify_login)(void *ctx, const char *user, const char *password);
    /* Check the peer's credentials elsewhere (a RADIUS server...). 1 accept,
     * 0 reject (both at once; on accept fill *m's address words as a secrets
     * entry's: "*" for any, none for no address), or ENGINE_VERIFY_PENDING: the answer
     * comes later through engine_verify_done() with req->id, while LCP
     * echoes, timers and signals keep running. Optional: NULL checks the
     * secrets files (get_secret) and `login` (verify_login) at once. */
    int (*verify)(void *ctx, const struct engine_verify_request *req, struct secret_match *m);
};

struct engine_counters {
    uint64_t rx_packets;         /* everything given to engine_input */
    uint64_t tx_packets;         /* everything handed to env.send */
    uint64_t rx_malformed;       /* silently discarded: short, lying lengths, bad options */
    uint64_t rx_unexpected;      /* well formed but not acceptable now (wrong id, state) */
    uint64_t rx_protocol_rejected; /* unknown protocols answered with Protocol-Reject */
    uint64_t rx_not_open;        /* non-LCP packets dropped while LCP is not Opened */
    uint64_t rx_ip_packets, rx_ip_bytes;  /* IP datagrams delivered to ip_input */
    uint64_t rx_ip_dropped;      /* IP datagrams arriving while IPCP is not Opened */
    uint64_t echo_requests_sent, echo_replies_rcvd;
};

/* The engine lives in caller storage of at least engine_storage_size()
 * bytes (ENGINE_STORAGE_MAX always suffices), aligned for any type (malloc,
 * or _Alignas(max_align_t)). Settings are copied. NULL if storage is too
 * small or a required callback is missing. */
#define ENGINE_STORAGE_MAX (96 * 1024)
size_t engine_storage_size(void);
struct engine *engine_init(void *storage, size_t size, const struct engine_settings *s,
                           const struct engine_env *env);

/* New IPCP settings (the addresses to ask for and accept) from the next
 * engine_lower_up on: a demand link's dormant addresses, and what the last
 * call agreed, as pppd keeps them in ipcp_wantoptions between calls. */
void engine_set_ipcp(struct engine *e, const struct engine_ipcp_settings *ip);
/* Administrative Open: allow the link to come up (RFC 1661 Open event). */
void engine_open(struct engine *e, uint64_t now);
/* The lower layer is ready (RFC 1661 Up): LCP starts (or waits, if silent).
 * With settings lcp.listen_time_ms (pppd connect-delay) the Up event itself
 * waits for the peer's first LCP packet or that many ms (a deadline in
 * engine_next_deadline), so nothing is sent before then. */
void engine_lower_up(struct engine *e, uint64_t now);
/* The lower layer is gone (carrier lost, EOF): everything goes down at once,
 * then ENGINE_EV_DEAD with the engine's status (the daemon reports modem
 * hangup as 16 itself). */
void engine_lower_down(struct engine *e, uint64_t now);
/* Administrative Close: LCP Terminate-Request carrying reason, then Dead once
 * the Terminate-Ack arrives or Max-Terminate retransmissions time out.
 * status (enum engine_exit, e.g. 5 on SIGTERM, 12 idle) becomes the status
 * of ENGINE_EV_DEAD unless the engine has already recorded a failure. */
void engine_close(struct engine *e, uint64_t now, int status, const char *reason);
/* One received packet, HDLC header already removed (hdlc_parse_header). */
void engine_input(struct engine *e, uint64_t now, uint16_t protocol, const uint8_t *payload,
                  size_t len);
/* The verdict on a check that engine_env.verify left pending: ok, and m
 * as a secrets entry (its address words; NULL: no address limits). A verdict for a request
 * the link has forgotten (it went down, the peer gave up) is ignored. Not
 * from inside a callback. */
void engine_verify_done(struct engine *e, uint64_t now, unsigned id, bool ok,
                        const struct secret_match *m);
/* The same with the text the peer is sent in the PAP Ack/Nak or CHAP
 * Success/Failure (a RADIUS Reply-Message) instead of the usual one; NULL
 * or "": the usual one. MS-CHAP: on success the Success message, which for
 * MS-CHAPv2 must be "S=<40 hex>[ M=...]" (the peer checks S=; without it
 * the peer is refused); on failure an "E=..." Failure message as is, other
 * text as our Failure's M= (v2). */
void engine_verify_done_text(struct engine *e, uint64_t now, unsigned id, bool ok,
                             const struct secret_match *m, const char *text);
/* Run every timer due at now. Harmless to call early or often. */
void engine_timeout(struct engine *e, uint64_t now);
/* Earliest pending timer, monotonic ms; UINT64_MAX when none. */
uint64_t engine_next_deadline(const struct engine *e);

/* Queries. */
enum engine_phase engine_phase(const struct engine *e);
const char *engine_phase_name(enum engine_phase p);
/* IPCP is Opened: IP datagrams may be sent and are delivered. */
bool engine_ip_ready(const struct engine *e);
/* IPv6CP is Opened: IPv6 datagrams may be sent and are delivered. */
bool engine_ipv6_ready(const struct engine *e);
/* The PPP protocol for a datagram from the interface (0x0021 for IP version 4,
 * 0x0057 for 6) when its control protocol is Opened; 0: drop it. */
uint16_t engine_data_protocol(const struct engine *e, const uint8_t *packet, size_t len);
/* A datagram of that data protocol to send: header compression, when one
 * was negotiated (IPCP's VJ), may turn it into another protocol; returns the
 * protocol to send with and points *pkt and *len at the bytes. */
uint16_t engine_data_encap(struct engine *e, uint16_t data_protocol, const uint8_t **pkt,
                           size_t *len);
/* The line lost a frame (bad FCS, too long, aborted, bad header): header
 * decompression must resynchronise (RFC 1144 4.1). */
void engine_line_error(struct engine *e);
/* The protocols' lines for the exit summary (VJ's counters), one per line;
 * "" when none has anything to say. */
void engine_data_summary(const struct engine *e, char *buf, size_t cap);
/* Header compression counters (VJ), summed over the rows that compress,
 * in pppstats' terms; all zero when none is in use. */
struct engine_comp_counters {
    uint64_t comp_in;            /* compressed datagrams rebuilt */
    uint64_t unc_in;             /* uncompressed-TCP frames (0x2f) accepted */
    uint64_t err_in;             /* bad or lost compressed frames */
    uint64_t tossed_in;          /* compressed frames dropped while resynchronising */
    uint64_t comp_out;           /* datagrams sent compressed */
    uint64_t packets_out;        /* datagrams the compressor handled (0x2d + 0x2f) */
    uint64_t searches, misses;   /* compressor slot look-ups */
};
void engine_comp_counters(const struct engine *e, struct engine_comp_counters *c);
/* LCP is Opened (true) and the negotiated framing; defaults otherwise. */
bool engine_get_link(const struct engine *e, struct engine_link_params *p);
/* IPCP is Opened (true) and the negotiated addresses. */
bool engine_get_ip(const struct engine *e, struct engine_ip_params *p);
/* IPv6CP is Opened (true) and the negotiated interface identifiers. */
bool engine_get_ipv6(const struct engine *e, struct engine_ipv6_params *p);
/* Name the peer authenticated with ("" if it did not authenticate). */
const char *engine_peer_name(const struct engine *e);
/* The MPPE start keys (RFC 3079, 16 bytes each way) of the last MS-CHAP
 * authentication that succeeded on this link, either role; false when
 * none did (CHAP-MD5 and PAP give no keys). */
bool engine_mppe_keys(const struct engine *e, uint8_t send[16], uint8_t recv[16]);
/* pppd's exit status as the engine sees it now (10 until IPCP first opens). */
int engine_exit_status(const struct engine *e);
const struct engine_counters *engine_counters(const struct engine *e);
/* For an operator's status view (pppctl): each control protocol's
 * automaton state, as the protocol table names it ("LCP", "Opened"), at
 * most max of them; returns how many. Names and strings are static. */
struct engine_proto_state {
    const char *name;
    const char *state;
};
#define ENGINE_PROTO_STATES_MAX 8
size_t engine_protocol_states(const struct engine *e, struct engine_proto_state *out, size_t max);
/* LCP echo supervision: interval and failure limit (0: off) and how many
 * Echo-Requests are unanswered now. */
struct engine_echo_state {
    uint32_t interval_ms;
    unsigned failure;
    unsigned pending;
};
void engine_echo_state(const struct engine *e, struct engine_echo_state *out);
/* The method behind an authentication the engine reported (ev.auth.proto)
 * by name: "none", "pap", "chap" (MD5), "mschap", "mschap-v2"; peer: the
 * peer's authentication to us (else ours to it). */
const char *engine_auth_method(const struct engine *e, enum engine_auth_proto proto, bool peer);
/* SIGUSR1 toggles pppd's debug: packet logging on/off. */
void engine_set_debug(struct engine *e, bool on);

/* pppd's start-up check (auth.c auth_check_options): when the peer must
 * authenticate, is there a secret for it under some protocol we would ask
 * for, one that lets it use an IP address? pppd refuses to start without:
 * "The remote system is required to authenticate itself" (exit 1). */
enum engine_auth_check {
    ENGINE_AUTH_CHECK_OK,        /* no authentication required, or a usable secret */
    ENGINE_AUTH_CHECK_NO_SECRET, /* no secret (no file, unsafe file, no entry) */
    ENGINE_AUTH_CHECK_NO_IP,     /* entries, but none lets the peer use an IP address */
};
enum engine_auth_check engine_auth_check(struct engine *e);

/* Framing rule for a packet about to be sent: true for LCP Configure-*,
 * Terminate-* and Code-Reject (codes 1-7), which go out with the default
 * framing whatever was negotiated: ACCM 0xffffffff, address/control and a
 * two-byte protocol field (RFC 1662 7.1, RFC 1661 6.5/6.6; what Linux's
 * ppp_async does). Other LCP packets may use the negotiated ACCM but never
 * ACFC/PFC. Pure function: usable before any engine exists. */
bool engine_frame_uses_defaults(uint16_t protocol, const uint8_t *payload, size_t len);

#endif
