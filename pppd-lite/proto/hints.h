/* hints: one plain-words line after pppd's terse failure messages.
 *
 * pppd says "Serial line is looped back." and leaves the user to guess; the
 * seed HOWTO's troubleshooting section says what that usually means. The
 * engine logs the hint right after its own failure message; the daemon
 * calls hint_log() after the failures it detects (hangup, connect script,
 * 8-bit check, idle). */
#ifndef PPPD_LITE_HINTS_H
#define PPPD_LITE_HINTS_H

enum hint_kind {
    HINT_LOOPBACK,             /* "Serial line is looped back." */
    HINT_LCP_TIMEOUT,          /* "LCP: timeout sending Config-Requests" */
    HINT_IPCP_TIMEOUT,         /* "IPCP: timeout sending Config-Requests" */
    HINT_PEER_REFUSED_AUTH,    /* we required auth, the peer refused (or told us so) */
    HINT_PEER_AUTH_FAILED,     /* the peer's name/password was wrong */
    HINT_PEER_REJECTED_BY_SERVER, /* the authentication server said no */
    HINT_AUTH_TOPEER_FAILED,   /* our name/password was refused */
    HINT_MUTUAL_AUTH_FAILED,   /* "MS-CHAPv2 mutual authentication failed." */
    HINT_ECHO_TIMEOUT,         /* "Serial link appears to be disconnected." */
    HINT_NOT_8BIT_CLEAN,       /* "Receive serial link is not 8-bit clean:" */
    HINT_MODEM_HANGUP,         /* "Modem hangup" */
    HINT_CONNECT_FAILED,       /* "Connect script failed" */
    HINT_IDLE,                 /* "Terminating connection due to lack of activity." */
    HINT_COUNT
};

/* The hint text (no "Hint:" prefix); NULL for an unknown kind. */
const char *hint_text(enum hint_kind kind);
/* Log "Hint: <text>" at notice level. */
void hint_log(enum hint_kind kind);

#endif
