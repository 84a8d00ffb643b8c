/* call: the exchange joining simulated modems (see call.h). */
#include "call.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common/log.h"
#include "tcp.h"

#define DTE_CHECK_MS 50    /* how often a closed line is checked for a DTE */
/* A DTE closing its line counts as DTR drop only after this long: login(1)
 * and getty close and reopen the tty (vhangup) in the middle of a call, as a
 * real modem ignores DTR blips shorter than S25. */
#define DTE_DEBOUNCE_MS 300
#define READ_MAX 4096

static const char *ep_name(const struct endpoint *e)
{
    return e->is_line ? e->line.name : "tcp";
}

static void ep_write_out(struct endpoint *e);

/* ---- AT modem callbacks ---- */

static void cb_to_dte(void *ctx, const uint8_t *data, size_t len)
{
    struct endpoint *e = ctx;
    if (!e->line.dte_open)
        return;      /* nobody listening: a modem talking to a closed port loses it */
    if (throttle_push(&e->out, data, len, e->x->now_us) < len)
        log_debug("modemsim: %s: output queue full, bytes dropped", ep_name(e));
}

static void connect_ends(struct exchange *x, struct endpoint *a, struct endpoint *b)
{
    a->phase = b->phase = CALL_CONNECTED;
    throttle_limit(&a->out, true, x->now_us);
    throttle_limit(&b->out, true, x->now_us);
    log_notice("modemsim: %s <-> %s connected at %u bps", ep_name(a), ep_name(b), x->cfg.speed);
    if (b->is_line)
        at_connected(&b->modem, x->now, x->cfg.speed);
    if (a->is_line)
        at_connected(&a->modem, x->now, x->cfg.speed);
}

static void free_tcp(struct endpoint *e)
{
    if (e->fd >= 0)
        close(e->fd);
    e->fd = -1;
    e->used = false;
    e->peer = -1;
    e->phase = CALL_IDLE;
}

/* e went on hook (ATH, S7, DTE closed, TCP closed): tell the far end. */
static void disconnect(struct exchange *x, struct endpoint *e)
{
    int p = e->peer;
    enum call_phase was = e->phase;
    e->peer = -1;
    e->phase = CALL_IDLE;
    throttle_limit(&e->out, false, x->now_us);
    if (p >= 0) {
        struct endpoint *f = &x->ep[p];
        enum call_phase fwas = f->phase;
        f->peer = -1;
        f->phase = CALL_IDLE;
        throttle_limit(&f->out, false, x->now_us);
        log_notice("modemsim: %s hung up (%s)", ep_name(e),
                   was == CALL_CONNECTED ? "call ended" : "call abandoned");
        if (f->is_line) {
            if (fwas == CALL_RINGING) {
                at_ring_stopped(&f->modem);
            } else {
                at_carrier_lost(&f->modem);
                if (fwas == CALL_CONNECTED && x->cfg.pty_hangup)
                    f->hangup_at = x->now + CALL_HANGUP_DELAY_MS;
            }
        } else {
            free_tcp(f);
        }
    }
    if (!e->is_line)
        free_tcp(e);
}

static void cb_hangup(void *ctx)
{
    struct endpoint *e = ctx;
    disconnect(e->x, e);
}

static void cb_answer(void *ctx)
{
    struct endpoint *e = ctx;
    if (e->phase != CALL_RINGING || e->peer < 0) {
        at_dial_failed(&e->modem, AT_NO_CARRIER);
        return;
    }
    connect_ends(e->x, &e->x->ep[e->peer], e);
}

static void cb_data(void *ctx, const uint8_t *data, size_t len)
{
    struct endpoint *e = ctx;
    if (e->phase != CALL_CONNECTED || e->peer < 0)
        return;
    struct endpoint *f = &e->x->ep[e->peer];
    if (throttle_push(&f->out, data, len, e->x->now_us) < len)
        log_debug("modemsim: %s: data queue full, bytes dropped", ep_name(f));
}

static struct endpoint *new_tcp(struct exchange *x, int fd)
{
    for (int i = x->nlines; i < CALL_MAX_EP; i++) {
        struct endpoint *e = &x->ep[i];
        if (e->used)
            continue;
        memset(e, 0, sizeof *e);
        e->x = x;
        e->index = i;
        e->used = true;
        e->fd = fd;
        e->peer = -1;
        e->line.dte_open = true;   /* a socket is always "open" */
        throttle_init(&e->out, x->cfg.rate);
        return e;
    }
    close(fd);
    return NULL;
}

static void link_call(struct exchange *x, struct endpoint *caller, struct endpoint *callee)
{
    caller->peer = callee->index;
    callee->peer = caller->index;
    caller->phase = CALL_CALLING;
    callee->phase = CALL_RINGING;
    callee->next_ring = x->now;   /* first RING at the next tick */
}

static bool line_busy(const struct endpoint *t)
{
    return t->phase != CALL_IDLE || at_in_call(&t->modem) || t->hangup_at != 0;
}

static void cb_dial(void *ctx, const char *number)
{
    struct endpoint *e = ctx;
    struct exchange *x = e->x;
    struct sockaddr_in sa;
    log_notice("modemsim: %s dials %s", e->line.name, number);
    if (e->no_dialtone) {
        at_dial_failed(&e->modem, AT_NO_DIALTONE);
        return;
    }
    if (tcp_parse(number, &sa) == 0) {
        int fd = tcp_connect_start(&sa);
        struct endpoint *t = fd >= 0 ? new_tcp(x, fd) : NULL;
        if (!t) {
            at_dial_failed(&e->modem, AT_NO_ANSWER);
            return;
        }
        t->tcp_connecting = true;
        e->peer = t->index;
        t->peer = e->index;
        e->phase = CALL_CALLING;
        t->phase = CALL_CALLING;
        return;
    }
    int li = phonebook_lookup(&x->book, number);
    if (li < 0) {
        log_notice("modemsim: %s: no line answers to %s", e->line.name, number);
        at_dial_failed(&e->modem, AT_NO_ANSWER);
        return;
    }
    struct endpoint *t = &x->ep[li];
    if (t == e || line_busy(t)) {
        log_notice("modemsim: %s: %s is busy", e->line.name, t->line.name);
        at_dial_failed(&e->modem, AT_BUSY);
        return;
    }
    link_call(x, e, t);
}

static void cb_command(void *ctx, const char *line)
{
    log_info("modemsim: %s: AT%s", ((struct endpoint *)ctx)->line.name, line);
}

static void cb_result(void *ctx, const char *text)
{
    log_info("modemsim: %s: %s", ((struct endpoint *)ctx)->line.name, text);
}

static const struct at_ops modem_ops = {
    .to_dte = cb_to_dte,
    .dial = cb_dial,
    .answer = cb_answer,
    .hangup = cb_hangup,
    .data = cb_data,
    .command = cb_command,
    .result = cb_result,
};

/* ---- set-up ---- */

void exchange_init(struct exchange *x, const struct call_cfg *cfg)
{
    memset(x, 0, sizeof *x);
    x->cfg = *cfg;
    x->listen_fd = -1;
    x->listen_line = 0;
    for (int i = 0; i < CALL_MAX_EP; i++) {
        x->ep[i].fd = -1;
        x->ep[i].peer = -1;
    }
}

int exchange_find_line(const struct exchange *x, const char *name)
{
    for (int i = 0; i < x->nlines; i++)
        if (strcmp(x->ep[i].line.name, name) == 0)
            return i;
    return -1;
}

int exchange_add_line(struct exchange *x, const char *spec)
{
    if (x->nlines >= CALL_MAX_LINES)
        return -1;
    struct endpoint *e = &x->ep[x->nlines];
    memset(e, 0, sizeof *e);
    if (line_parse(&e->line, spec) < 0 || exchange_find_line(x, e->line.name) >= 0)
        return -1;
    e->x = x;
    e->index = x->nlines;
    e->used = e->is_line = true;
    e->fd = -1;
    e->peer = -1;
    at_init(&e->modem, &modem_ops, e, "modemsim " SUITE_VERSION);
    throttle_init(&e->out, x->cfg.rate);
    return x->nlines++;
}

int exchange_add_number(struct exchange *x, const char *spec)
{
    char num[64];
    const char *eq = strrchr(spec, '=');
    if (!eq || (size_t)(eq - spec) >= sizeof num)
        return -1;
    memcpy(num, spec, (size_t)(eq - spec));
    num[eq - spec] = '\0';
    int li = exchange_find_line(x, eq + 1);
    if (li < 0)
        return -1;
    return phonebook_add(&x->book, num, li);
}

int exchange_listen(struct exchange *x, const char *spec)
{
    char addr[64];
    const char *eq = strchr(spec, '=');
    size_t n = eq ? (size_t)(eq - spec) : strlen(spec);
    struct sockaddr_in sa;
    if (n >= sizeof addr)
        return -1;
    memcpy(addr, spec, n);
    addr[n] = '\0';
    x->listen_line = eq ? exchange_find_line(x, eq + 1) : 0;
    if (x->listen_line < 0 || tcp_parse(addr, &sa) < 0)
        return -1;
    x->listen_fd = tcp_listen(&sa);
    return x->listen_fd < 0 ? -1 : 0;
}

int exchange_start(struct exchange *x, uint64_t now_us)
{
    x->now_us = now_us;
    x->now = now_us / 1000u;
    for (int i = 0; i < x->nlines; i++) {
        if (line_create(&x->ep[i].line) < 0)
            return -1;
        x->ep[i].fd = x->ep[i].line.master;
    }
    return 0;
}

void exchange_stop(struct exchange *x)
{
    for (int i = 0; i < CALL_MAX_EP; i++) {
        struct endpoint *e = &x->ep[i];
        if (!e->used)
            continue;
        if (e->is_line)
            line_destroy(&e->line);
        else
            free_tcp(e);
        e->fd = -1;
    }
    if (x->listen_fd >= 0)
        close(x->listen_fd);
    x->listen_fd = -1;
}

/* ---- event loop ---- */

static void min_deadline(uint64_t *t, uint64_t d)
{
    if (d && (*t == 0 || d < *t))
        *t = d;
}

static bool read_allowed(const struct exchange *x, const struct endpoint *e, size_t *max)
{
    *max = READ_MAX;
    if (e->phase == CALL_CONNECTED && e->peer >= 0) {
        size_t room = throttle_room(&x->ep[e->peer].out);
        if (room < *max)
            *max = room;
    }
    return *max > 0;
}

int exchange_poll_setup(struct exchange *x, struct pollfd *fds, int64_t *timeout_us)
{
    int n = 0;
    uint64_t next = 0, next_us = 0;   /* modem timers in ms, line time in us */
    for (int i = 0; i < CALL_MAX_EP; i++) {
        struct endpoint *e = &x->ep[i];
        size_t max;
        if (!e->used || e->fd < 0)
            continue;
        short ev = 0;
        if (e->is_line) {
            min_deadline(&next, at_next_deadline(&e->modem));
            if (e->phase == CALL_RINGING)
                min_deadline(&next, e->next_ring ? e->next_ring : x->now);
            min_deadline(&next, e->hangup_at);
            if (!e->line.dte_open) {
                min_deadline(&next, x->now + DTE_CHECK_MS);
                continue;   /* the master says POLLHUP until a DTE opens the slave */
            }
            if (read_allowed(x, e, &max))
                ev |= POLLIN;
        } else if (e->tcp_connecting) {
            ev |= POLLOUT;
        } else if (e->phase == CALL_CONNECTED) {
            if (read_allowed(x, e, &max))
                ev |= POLLIN;
        } else {
            ev |= POLLRDHUP;   /* ringing: only notice the caller giving up */
        }
        uint64_t d = throttle_deadline(&e->out, x->now_us);
        if (d && d <= x->now_us)
            ev |= POLLOUT;
        else
            min_deadline(&next_us, d);
        fds[n].fd = e->fd;
        fds[n].events = ev;
        fds[n].revents = 0;
        x->pollmap[n++] = i;
    }
    if (x->listen_fd >= 0) {
        fds[n].fd = x->listen_fd;
        fds[n].events = POLLIN;
        fds[n].revents = 0;
        x->pollmap[n++] = -1;
    }
    min_deadline(&next_us, next * 1000u);
    if (next_us == 0)
        *timeout_us = -1;
    else if (next_us <= x->now_us)
        *timeout_us = 0;
    else
        *timeout_us = next_us - x->now_us > 60000000u ? 60000000 : (int64_t)(next_us - x->now_us);
    return n;
}

static void dte_gone(struct exchange *x, struct endpoint *e)
{
    if (!e->is_line) {
        disconnect(x, e);
        return;
    }
    log_info("modemsim: %s: DTE closed the line", e->line.name);
    throttle_clear(&e->out);
    at_dte_closed(&e->modem);   /* hangs up a call through cb_hangup */
}

/* The master reports no slave open: wait DTE_DEBOUNCE_MS before it counts. */
static void dte_lost(struct exchange *x, struct endpoint *e)
{
    if (!e->is_line) {
        disconnect(x, e);
        return;
    }
    e->line.dte_open = false;
    e->lost_at = x->now;
}

static void ep_write_out(struct endpoint *e)
{
    const uint8_t *p;
    size_t n;
    while (e->fd >= 0 && (n = throttle_avail(&e->out, e->x->now_us, &p)) > 0) {
        ssize_t w = write(e->fd, p, n);
        if (w < 0) {
            if (errno == EAGAIN || errno == EINTR)
                return;
            dte_lost(e->x, e);
            return;
        }
        throttle_consume(&e->out, (size_t)w);
    }
}

static void ep_read(struct exchange *x, struct endpoint *e)
{
    uint8_t buf[READ_MAX];
    size_t max;
    if (!read_allowed(x, e, &max))
        return;
    ssize_t n = read(e->fd, buf, max);
    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return;
    if (n <= 0) {
        dte_lost(x, e);   /* EIO on a master: the last slave fd closed */
        return;
    }
    if (e->is_line)
        at_input(&e->modem, x->now, buf, (size_t)n);
    else if (e->phase == CALL_CONNECTED && e->peer >= 0)
        throttle_push(&x->ep[e->peer].out, buf, (size_t)n, x->now_us);
}

static void tcp_connected(struct exchange *x, struct endpoint *t)
{
    int err = tcp_connect_result(t->fd);
    struct endpoint *caller = t->peer >= 0 ? &x->ep[t->peer] : NULL;
    t->tcp_connecting = false;
    if (!caller) {
        free_tcp(t);
        return;
    }
    if (err) {
        log_notice("modemsim: %s: TCP call failed: %s", ep_name(caller), strerror(err));
        caller->peer = -1;
        caller->phase = CALL_IDLE;
        free_tcp(t);
        at_dial_failed(&caller->modem, AT_NO_ANSWER);
        return;
    }
    connect_ends(x, caller, t);
}

static void accept_call(struct exchange *x)
{
    int fd = tcp_accept(x->listen_fd);
    if (fd < 0)
        return;
    struct endpoint *line = &x->ep[x->listen_line];
    if (line_busy(line)) {
        log_notice("modemsim: incoming TCP call: %s is busy", line->line.name);
        close(fd);
        return;
    }
    struct endpoint *t = new_tcp(x, fd);
    if (!t)
        return;
    log_notice("modemsim: incoming TCP call rings %s", line->line.name);
    link_call(x, t, line);
}

static void tick(struct exchange *x)
{
    for (int i = 0; i < x->nlines; i++) {
        struct endpoint *e = &x->ep[i];
        if (e->hangup_at && x->now >= e->hangup_at) {
            e->hangup_at = 0;
            ep_write_out(e);      /* last words (NO CARRIER) before the line drops */
            log_info("modemsim: %s: hanging up the pty", e->line.name);
            throttle_clear(&e->out);
            if (line_hangup(&e->line) < 0)
                log_error("modemsim: %s: cannot recreate the pty", e->line.name);
            e->fd = e->line.master;
            e->lost_at = 0;
            at_dte_closed(&e->modem);
        }
        if (!e->line.dte_open && e->fd >= 0 && line_dte_present(&e->line)) {
            e->line.dte_open = true;
            if (!e->lost_at)
                log_info("modemsim: %s: DTE opened the line", e->line.name);
            e->lost_at = 0;
        } else if (!e->line.dte_open && e->lost_at && x->now >= e->lost_at + DTE_DEBOUNCE_MS) {
            e->lost_at = 0;
            dte_gone(x, e);
        }
        if (e->phase == CALL_RINGING && x->now >= e->next_ring) {
            e->next_ring = x->now + x->cfg.ring_ms;
            at_ring(&e->modem, x->now);
        }
        at_tick(&e->modem, x->now);
    }
}

void exchange_poll_handle(struct exchange *x, const struct pollfd *fds, int n, uint64_t now_us)
{
    x->now_us = now_us;
    x->now = now_us / 1000u;
    for (int k = 0; k < n; k++) {
        short rev = fds[k].revents;
        if (!rev)
            continue;
        if (x->pollmap[k] < 0) {
            accept_call(x);
            continue;
        }
        struct endpoint *e = &x->ep[x->pollmap[k]];
        if (!e->used || e->fd != fds[k].fd)
            continue;   /* closed or replaced by an earlier event this round */
        if (e->tcp_connecting) {
            if (rev & (POLLOUT | POLLERR | POLLHUP))
                tcp_connected(x, e);
            continue;
        }
        if (rev & (POLLIN | POLLHUP | POLLERR | POLLRDHUP)) {
            if (!e->is_line && e->phase != CALL_CONNECTED)
                disconnect(x, e);          /* caller gave up while ringing */
            else
                ep_read(x, e);
        }
        if (e->used && e->fd == fds[k].fd && (rev & POLLOUT))
            ep_write_out(e);
    }
    tick(x);
    for (int i = 0; i < CALL_MAX_EP; i++) {
        struct endpoint *e = &x->ep[i];
        if (e->used && e->fd >= 0 && !e->tcp_connecting && e->line.dte_open)
            ep_write_out(e);
    }
}
