/* loop: the one poll loop of a link. tty bytes -> HDLC decoder -> engine;
 * engine packets and tun datagrams -> HDLC encoder -> output queue -> tty.
 * Timers come from the engine's next deadline plus idle and maxconnect;
 * signals arrive through a self-pipe. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "pppd-lite/daemon.h"
#include "pppd-lite/proto/hints.h"
#include "pppd-lite/radglue.h"
#include "pppd-lite/syncline.h"

static struct daemon_signals *sig_state;   /* for the handlers only */

static uint64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

uint64_t daemon_now_ms(void)
{
    return now_us() / 1000u;
}

static void on_signal(int signo)
{
    int saved = errno;
    struct daemon_signals *s = sig_state;
    switch (signo) {
    case SIGINT:
    case SIGTERM:
        s->term = signo;
        break;
    case SIGHUP:
        s->hup = 1;
        break;
    case SIGUSR1:
        s->usr1 = 1;
        break;
    case SIGCHLD:
        s->chld = 1;
        break;
    default:
        /* pppd's bad_signal(): log, clean up, exit 127. term as well, so
         * every wait that watches it (connect script, holdoff) ends too */
        s->fatal = signo;
        s->term = signo;
        break;
    }
    if (write(s->pipe_wr, "", 1) < 0) {
        /* pipe full: the loop is awake anyway */
    }
    errno = saved;
}

int loop_signals_init(struct daemon_signals *s)
{
    int p[2];
    if (pipe2(p, O_NONBLOCK | O_CLOEXEC) < 0)
        return -1;
    s->pipe_rd = p[0];
    s->pipe_wr = p[1];
    sig_state = s;
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;   /* no SA_RESTART: waits notice the signal */
    /* The fatal ones are those that would otherwise end us without the
     * clean-up (pid file, lock, interface, ip-down), as pppd's list; faults
     * (SIGSEGV, SIGBUS, SIGFPE, SIGILL) keep their default: a handler
     * could not go on from them. */
    const int sigs[] = { SIGINT,  SIGTERM, SIGHUP,  SIGUSR1,   SIGCHLD,   SIGQUIT, SIGABRT,
                         SIGALRM, SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF, SIGIO,   SIGSYS, SIGTRAP };
    for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
        if (sigaction(sigs[i], &sa, NULL) < 0)
            return -1;
    signal(SIGPIPE, SIG_IGN);   /* pppd: a vanished syslogd or script pipe is no reason to die */
    signal(SIGUSR2, SIG_IGN);   /* pppd: reopen CCP; there is no CCP to reopen */
    return 0;
}

bool loop_take_stop(struct daemon *d)
{
    struct daemon_signals *s = d->sig;

    if (s->fatal) {
        log_error("Fatal signal %d", (int)s->fatal);
        d->status = PPP_EXIT_FATAL_SIGNAL;
    } else if (s->term) {
        log_notice("Terminating on signal %d", (int)s->term);
        if (!d->status)
            d->status = PPP_EXIT_USER_REQUEST;
    } else {
        return false;
    }
    s->fatal = s->term = 0;
    d->quit = true;
    return true;
}

bool loop_txq_room(struct daemon *d, size_t need)
{
    if (d->txq_len == 0)
        d->txq_head = 0;
    if (DAEMON_TXQ_SIZE - d->txq_head - d->txq_len >= need)
        return true;
    if (DAEMON_TXQ_SIZE - d->txq_len < need)
        return false;
    memmove(d->txq, d->txq + d->txq_head, d->txq_len);
    d->txq_head = 0;
    return true;
}

bool loop_send(struct daemon *d, uint16_t protocol, const uint8_t *payload, size_t len)
{
    size_t need = HDLC_ENCODED_MAX(len);
    if (!d->line_open || d->hungup)
        return false;
    if (d->o->sync)
        return syncline_queue(d, protocol, payload, len, protocol == PPP_PROTO_LCP);
    if (!loop_txq_room(d, need))
        return false;
    uint8_t *out = d->txq + d->txq_head + d->txq_len;
    /* LCP always goes with full headers (RFC 1661 6.5, 6.6) */
    size_t n = hdlc_encode(&d->enc, protocol, payload, len, d->txq_len == 0,
                           protocol != PPP_PROTO_LCP, out, need);
    d->txq_len += n;
    d->packets_sent += n > 0;
    return n > 0;
}

static void line_hangup(struct daemon *d)
{
    if (d->hungup)
        return;
    d->hungup = true;
    d->txq_len = 0;
    log_notice("Modem hangup");
    hint_log(HINT_MODEM_HANGUP);
    if (!d->status)
        d->status = PPP_EXIT_HANGUP;
    engine_lower_down(d->e, d->now);
}

static void flush_line(struct daemon *d)
{
    if (d->o->sync) {
        if (!d->hungup && syncline_flush(d) < 0) {
            log_debug("write to %s: %m", d->devname);
            line_hangup(d);
        }
        return;
    }
    while (d->txq_len > 0 && !d->hungup) {
        ssize_t n = write(d->line_out, d->txq + d->txq_head, d->txq_len);
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR)
                return;
            log_debug("write to %s: %m", d->devname);
            line_hangup(d);
            return;
        }
        d->bytes_sent += (uint64_t)n;
        d->txq_head += (size_t)n;
        d->txq_len -= (size_t)n;
    }
}

/* Frames the decoder threw away in this chunk (debug: a noisy line shows);
 * true if there were any. */
static bool log_bad_frames(const struct hdlc_stats *a, const struct hdlc_stats *b)
{
    uint64_t fcs = b->fcs_errors - a->fcs_errors, lng = b->too_long - a->too_long;
    uint64_t shrt = b->runts - a->runts, ab = b->aborts - a->aborts;
    if (fcs + lng + shrt + ab)
        log_debug("rcvd bad frames: %" PRIu64 " bad FCS, %" PRIu64 " too long, %" PRIu64
                  " too short, %" PRIu64 " aborted", fcs, lng, shrt, ab);
    return fcs + lng + shrt + ab != 0;
}

/* A tty read returns about what the line discipline holds (4 KB on a pty,
 * more when the kernel refills it during a long read), so one wakeup reads
 * on until the line is empty: a fast link then costs a poll round per burst,
 * not per 4 KB. It stops early while our own output queue is more than half
 * full, and no read takes more than a quarter of the queue's free room:
 * replies to what was read (an Echo-Reply is as long as the request, and
 * escaping can double it) then always fit, and the unread bytes wait in the
 * kernel's tty buffer, as on a real line. */
#define LOOP_READ_ROUNDS 16
#define LOOP_REPLY_FACTOR 4
#define LOOP_READ_MIN 256
#define LOOP_REPLY_RESERVE (32 * 1024)
#define LOOP_TUN_PACKETS 256      /* per wakeup; the 256 KB queue bounds it too */

/* How much the next line read may take (0: none until the queue drains). */
static size_t line_read_size(const struct daemon *d)
{
    size_t want = (DAEMON_TXQ_SIZE - d->txq_len) / LOOP_REPLY_FACTOR;
    if (want < LOOP_READ_MIN)
        return 0;
    return want < DAEMON_RX_CHUNK ? want : DAEMON_RX_CHUNK;
}

static void deliver_frame(struct daemon *d, const uint8_t *frame, size_t flen)
{
    uint16_t proto;
    const uint8_t *payload;
    size_t plen;
    if (!hdlc_parse_header(frame, flen, &proto, &payload, &plen)) {
        log_debug("dropped a frame with a bad header (%zu bytes)", flen);
        engine_line_error(d->e);
        return;
    }
    engine_input(d->e, d->now, proto, payload, plen);
}

static void read_line(struct daemon *d)
{
    size_t got = 0;
    for (int round = 0; round < LOOP_READ_ROUNDS && !d->hungup; round++) {
        size_t want = line_read_size(d);
        if (d->o->sync && want > syncline_read_room(d))
            want = syncline_read_room(d);
        if (!want)
            break;
        ssize_t n = read(d->line.fd, d->rxbuf, want);
        if (n < 0) {
            if (errno != EAGAIN && errno != EINTR)
                line_hangup(d);   /* EIO: the other side of the line is gone */
            break;
        }
        if (n == 0) {
            line_hangup(d);
            break;
        }
        d->bytes_rcvd += (uint64_t)n;
        got += (size_t)n;
        if (d->o->sync) {
            syncline_input(d, d->rxbuf, (size_t)n, deliver_frame);
        } else {
            struct hdlc_stats before = d->dec.stats;
            const uint8_t *in = d->rxbuf, *frame;
            size_t len = (size_t)n, flen;
            while (hdlc_decode(&d->dec, &in, &len, &frame, &flen))
                deliver_frame(d, frame, flen);
            if (log_bad_frames(&before, &d->dec.stats))
                engine_line_error(d->e);   /* a lost frame: VJ resynchronises */
        }
        if (d->txq_len > DAEMON_TXQ_SIZE / 2) {
            flush_line(d);
            if (d->txq_len > DAEMON_TXQ_SIZE / 2)
                break;
        }
    }
    /* the segments of this batch, merged, go to the kernel, unless the line
     * streams and more of them are on their way (rxhold.h) */
    if (d->hungup || !rx_hold_keep(&d->rx_hold, got, tun_held(&d->tun), now_us()))
        tun_flush(&d->tun);
}

/* The largest datagram the peer takes (its MRU, or the default). */
static size_t tx_mtu(const struct daemon *d)
{
    return d->tx_mru ? d->tx_mru : HDLC_DEFAULT_MRU;
}

/* Datagrams from the tun may fill the output queue only up to a reserve
 * kept for replies to the line (LCP echoes, rejects), so that a bulk
 * transfer never stops us reading, and answering, the line. */
static bool tun_room(const struct daemon *d)
{
    return DAEMON_TXQ_SIZE - d->txq_len >= HDLC_ENCODED_MAX(tx_mtu(d)) + LOOP_REPLY_RESERVE;
}

/* IP datagrams from the tun go straight into the output queue, framed; with
 * offloads one read may give many segments, and what does not fit waits in
 * the tun module for room (tun_recv_pending). */
static void read_tun(struct daemon *d)
{
    size_t mtu = tx_mtu(d);
    if (!engine_ip_ready(d->e) && !engine_ipv6_ready(d->e)) {
        tun_recv_discard(&d->tun);
        return;
    }
    for (int i = 0; i < LOOP_TUN_PACKETS && tun_room(d); i++) {
        const uint8_t *pkt;
        size_t n = tun_recv(&d->tun, mtu, &pkt);
        if (!n)
            return;
        /* IP (0x0021) or IPv6 (0x0057) by the version nibble; a datagram
         * whose control protocol is not Opened is dropped */
        uint16_t proto = engine_data_protocol(d->e, pkt, n);
        if (!proto)
            continue;
        /* the filters see the IP datagram, before VJ compresses it */
        if (!filter_match(&d->pass_filter, true, proto, pkt, n)) {
            d->filtered_out++;
            continue;
        }
        if (filter_match(&d->active_filter, true, proto, pkt, n))
            d->last_activity = d->now;
        proto = engine_data_encap(d->e, proto, &pkt, &n);   /* VJ, when agreed */
        loop_send(d, proto, pkt, n);
    }
}

static void begin_close(struct daemon *d, int status, const char *reason)
{
    if (!d->status)
        d->status = status;
    if (!d->closing) {
        d->closing = true;
        engine_close(d->e, d->now, status, reason);
    } else {
        engine_lower_down(d->e, d->now);   /* asked twice: stop waiting for the peer */
    }
}

void loop_reap_children(struct daemon *d)
{
    int st;
    pid_t pid;
    while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
        log_debug("Script (pid %d) finished, status = 0x%x", (int)pid, st);
        if (pid == d->ip_up_pid)
            d->ip_up_pid = 0;
        if (pid == d->ip_down_pid)
            d->ip_down_pid = 0;
        if (pid == d->auth_pid)
            d->auth_pid = 0;
        if (pid == d->pty_pid)
            d->pty_pid = 0;                /* the pty script ended: the line hangs up */
    }
}

static void handle_signals(struct daemon *d)
{
    struct daemon_signals *s = d->sig;
    bool fatal = s->fatal != 0;
    if (loop_take_stop(d)) {
        if (fatal)
            engine_lower_down(d->e, d->now);   /* pppd die(): no goodbye to the peer */
        else
            begin_close(d, PPP_EXIT_USER_REQUEST, "User request");
    }
    if (s->hup) {
        s->hup = 0;
        log_info("Hangup (SIGHUP)");
        begin_close(d, PPP_EXIT_USER_REQUEST, "User request");
    }
    if (s->usr1) {
        s->usr1 = 0;
        bool on = !log_debug_enabled();
        log_set_debug(on);
        engine_set_debug(d->e, on);
        log_info("Debug turned %s", on ? "on" : "off");
    }
    if (s->chld) {
        s->chld = 0;
        loop_reap_children(d);
    }
}

/* idle and maxconnect, pppd auth.c check_idle()/connect_time_expired() */
static uint64_t check_time_limits(struct daemon *d)
{
    uint64_t next = UINT64_MAX;
    if ((!engine_ip_ready(d->e) && !engine_ipv6_ready(d->e)) || d->closing)
        return next;
    if (d->o->idle > 0) {
        uint64_t at = d->last_activity + (uint64_t)d->o->idle * 1000u;
        if (d->now >= at) {
            log_notice("Terminating connection due to lack of activity.");
            hint_log(HINT_IDLE);
            begin_close(d, PPP_EXIT_IDLE, "Link inactive");
            return UINT64_MAX;
        }
        next = at;
    }
    if (d->o->maxconnect > 0) {
        uint64_t at = d->ip_up_time + (uint64_t)d->o->maxconnect * 1000u;
        if (d->now >= at) {
            log_info("Connect time expired");
            begin_close(d, PPP_EXIT_CONNECT_TIME, "Connect time expired");
            return UINT64_MAX;
        }
        if (at < next)
            next = at;
    }
    return next;
}

void loop_run(struct daemon *d)
{
    while (!d->dead) {
        d->now = daemon_now_ms();
        handle_signals(d);
        if (d->pending_close) {
            begin_close(d, d->pending_close, "Interface configuration failed");
            d->pending_close = 0;
        }
        if (d->now >= engine_next_deadline(d->e))
            engine_timeout(d->e, d->now);
        uint64_t next = check_time_limits(d);
        if (d->dead)
            break;
        flush_line(d);
        if (tun_recv_pending(&d->tun))
            read_tun(d);   /* segments of a super-packet that waited for room */

        uint64_t ed = engine_next_deadline(d->e);
        if (ed < next)
            next = ed;
        uint64_t cd = ctlsock_deadline(&d->ctl);   /* only while a client is connected */
        if (cd < next)
            next = cd;
        if (radglue_deadline(d) < next)
            next = radglue_deadline(d);
        int timeout = -1;
        if (next != UINT64_MAX)
            timeout = next <= d->now ? 0 : (int)(next - d->now > 60000 ? 60000 : next - d->now);

        struct pollfd pfd[5 + CTL_POLLFDS];
        int n = 0;
        pfd[n++] = (struct pollfd){ .fd = d->sig->pipe_rd, .events = POLLIN };
        int tty_i = -1, out_i = -1, tun_i = -1, rad_i = -1;
        if (radglue_fd(d) >= 0) {
            rad_i = n;
            pfd[n++] = (struct pollfd){ .fd = radglue_fd(d), .events = POLLIN };
        }
        bool split = d->line_out != d->line.fd;     /* notty: stdin and stdout */
        if (!d->hungup) {
            tty_i = n;
            short in = line_read_size(d) ? POLLIN : 0;   /* hangups show either way */
            pfd[n++] = (struct pollfd){ .fd = d->line.fd,
                                        .events = in | (d->txq_len && !split ? POLLOUT : 0) };
            if (split && d->txq_len) {
                out_i = n;
                pfd[n++] = (struct pollfd){ .fd = d->line_out, .events = POLLOUT };
            }
        }
        if (d->tun.fd >= 0 && (engine_ip_ready(d->e) || engine_ipv6_ready(d->e)) && !d->hungup &&
            !tun_recv_pending(&d->tun) && tun_room(d)) {
            tun_i = n;
            pfd[n++] = (struct pollfd){ .fd = d->tun.fd, .events = POLLIN };
        }
        n += ctlsock_poll_fds(&d->ctl, pfd + n, n);
        struct timespec ts = { .tv_sec = timeout / 1000, .tv_nsec = (timeout % 1000) * 1000000L };
        int64_t hold = rx_hold_wait(&d->rx_hold, tun_held(&d->tun), now_us());
        if (hold >= 0 && (timeout < 0 || timeout * 1000L > hold))
            ts = (struct timespec){ .tv_sec = 0, .tv_nsec = (long)hold * 1000L };
        int r = ppoll(pfd, (nfds_t)n, timeout < 0 && hold < 0 ? NULL : &ts, NULL);
        uint64_t us = now_us();
        d->now = us / 1000u;
        if (rx_hold_due(&d->rx_hold, us))
            tun_flush(&d->tun);   /* held long enough: the segments go now */
        if (r < 0) {
            if (errno != EINTR)
                log_error("poll: %m");
            continue;
        }
        if (pfd[0].revents & POLLIN) {
            char drain[64];   /* the flags say what happened; the bytes only woke us */
            while (read(d->sig->pipe_rd, drain, sizeof(drain)) > 0) {
            }
        }
        if (tty_i >= 0) {
            short re = pfd[tty_i].revents;
            if (re & POLLIN)
                read_line(d);
            else if (re & (POLLHUP | POLLERR))
                line_hangup(d);
            if ((re & POLLOUT) && !d->hungup)
                flush_line(d);
        }
        if (out_i >= 0 && !d->hungup) {
            if (pfd[out_i].revents & POLLOUT)
                flush_line(d);
            else if (pfd[out_i].revents & (POLLHUP | POLLERR))
                line_hangup(d);
        }
        if (tun_i >= 0 && (pfd[tun_i].revents & POLLIN))
            read_tun(d);
        ctlsock_service(&d->ctl, pfd, d->now);
        radglue_run(d, rad_i >= 0 && pfd[rad_i].revents != 0);
    }
}

void loop_close(struct daemon *d, int status, const char *reason)
{
    begin_close(d, status, reason);
}
