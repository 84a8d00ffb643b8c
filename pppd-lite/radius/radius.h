/* radius: pppd-lite's RADIUS client as the event loop sees it (pppd's
 * radius.so and radattr.so plugins, built in). The loop polls radius_fd()
 * and calls radius_input(); requests go to the helper process (radworker)
 * and the answers come back here, so nothing waits. Stops are written to
 * the spool before they are sent and removed when a server acknowledges
 * them; a later start sends what is left. */
#ifndef PPPD_LITE_RADIUS_H
#define PPPD_LITE_RADIUS_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "pppd-lite/radius/radreq.h"

#define RADIUS_PENDING_MAX 16
#define RADIUS_AVPAIRS_MAX 16
#define RADIUS_DEFAULT_SPOOL "/var/spool/pppd-lite/radius"

/* The verdict on a peer's credentials: RADMSG_OK, _REJECT, _TIMEOUT, _ERROR. */
typedef void (*radius_verdict_fn)(void *ctx, int result, const struct radreq_grant *g,
                                  const char *text);

struct radius_pending {
    uint32_t seq;
    uint8_t what;                    /* enum radius_what (radius.c) */
    char spool[PATH_MAX];            /* the file to remove once acknowledged */
};

struct radius {
    bool on;
    int fd;                          /* our end of the helper's socketpair */
    pid_t pid;
    int wait_ms;                     /* one round of every server's timeouts */
    uint32_t seq;
    char spool_dir[PATH_MAX];
    struct radius_pending pend[RADIUS_PENDING_MAX];
    radius_verdict_fn verdict;
    void *verdict_ctx;
    uint32_t auth_seq;               /* the credential check in flight, 0 none */
    uint8_t auth_ms;                 /* that check's MS-CHAP version, 0: not MS-CHAP */
    uint8_t auth_ident;              /* and its CHAP identifier */
    /* NAS description for every request */
    char calling[128], connect_info[128];
    const char *avpairs[RADIUS_AVPAIRS_MAX];
    size_t n_avpairs;
    unsigned port;
    /* the session */
    struct radreq_grant grant;
    char attrlines[4096];            /* the Accept's attributes, "Name Value" lines */
    char user[256];
    bool authenticated;              /* by RADIUS: account for this session */
    bool started;                    /* Start sent, Stop due */
    int stop_cause;                  /* Acct-Terminate-Cause asked for (Admin-Reset),
                                        0: from the exit status */
    struct radreq_session sess;
    uint64_t start_ms, interim_ms, next_interim;
    unsigned counter;
};

/* Read the radcli configuration, start the helper, send spooled requests.
 * config "" for radcli's default place. -1 with the reason logged. */
int radius_open(struct radius *r, const char *config, const char *spool_dir);
int radius_fd(const struct radius *r);
/* Replies waiting on radius_fd(). */
void radius_input(struct radius *r, uint64_t now_ms);
/* Next interim update, monotonic ms (UINT64_MAX none); radius_timer runs it. */
uint64_t radius_deadline(const struct radius *r);

/* Credential checks: the answer comes through r->verdict later. 0 sent, -1 not. */
int radius_check_pap(struct radius *r, const char *user, const char *password, size_t plen);
int radius_check_chap(struct radius *r, const char *user, uint8_t ident,
                      const uint8_t *challenge, size_t clen, const uint8_t *response,
                      size_t rlen);
/* MS-CHAP (version 1) or MS-CHAPv2 (2): user as the peer sent it, our
 * challenge, the peer's 49-byte Response value. The verdict's grant has
 * the text for the peer in peer_text (radms_peer_text). */
int radius_check_mschap(struct radius *r, const char *user, int version, uint8_t ident,
                        const uint8_t *challenge, size_t clen, const uint8_t *response,
                        size_t rlen);
/* Forget a check in flight (the link went down); its answer is ignored. */
void radius_cancel_check(struct radius *r);

/* Accounting for the session RADIUS authenticated. */
struct radius_counts {
    uint64_t in_octets, out_octets, in_packets, out_packets;
};
void radius_acct_start(struct radius *r, uint64_t now_ms, uint64_t wall_s, uint32_t ip);
void radius_acct_interim(struct radius *r, uint64_t now_ms, const struct radius_counts *c);
void radius_acct_stop(struct radius *r, uint64_t now_ms, uint64_t wall_s,
                      const struct radius_counts *c, int exit_status);
/* Wait (blocking, at most one full round of every server's timeouts) for
 * the answers to Stops and spooled requests, then stop the helper. */
void radius_close(struct radius *r);

#endif
