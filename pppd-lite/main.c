/* pppd-lite: a pppd-compatible PPP daemon over TUN. main reads the options
 * and wires the modules; the protocol lives in the engine, the line and
 * interface work in session.c, the poll loop in loop.c. */
#include <errno.h>
#include <poll.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "common/bigbuf.h"
#include "common/log.h"
#include "pppd-lite/daemon.h"
#include "pppd-lite/config/optfiles.h"
#include "pppd-lite/demand.h"
#include "pppd-lite/sys/privilege.h"
#include "pppd-lite/radglue.h"
#include "pppd-lite/retry.h"
#include "pppd-lite/status.h"

/* `logfile FILE`: opened with the invoking user's rights unless a
 * privileged source named it (pppd setlogfile()), so a set-uid pppd-lite
 * cannot be made to create or append to a file the user could not. */
static int open_logfile(const struct ppp_options *o)
{
    const struct opt_desc *d = options_find("logfile");
    bool as_user = !o->seen[options_index(d)].priv;
    struct priv_user pu;

    if (as_user)
        priv_user_begin(&pu);
    int rc = log_set_file(o->logfile);
    if (as_user)
        priv_user_end(&pu);
    return rc;
}

/* pppd's auth_check_options(): refuse to start when the peer must
 * authenticate but no secret could check it (exit 1, before any line is
 * opened), instead of opening LCP without asking for authentication. */
static bool peer_auth_possible(struct daemon *d)
{
    enum engine_auth_check c = engine_auth_check(d->e);
    const char *remote = d->o->remotename;

    if (c == ENGINE_AUTH_CHECK_OK || d->o->radius)   /* RADIUS checks the peer */
        return true;
    if (remote[0]) {
        char shown[LOG_PRINTABLE_MAX];
        log_error("The remote system (%s) is required to authenticate itself",
                  log_printable_str(shown, sizeof(shown), remote));
    } else {
        log_error("The remote system is required to authenticate itself");
    }
    log_error("but I couldn't find any suitable secret (password) for it to use to do so.");
    if (c == ENGINE_AUTH_CHECK_NO_IP)
        log_error("(None of the available passwords would let it use an IP address.)");
    return false;
}

/* `dump`: to stdout, or into the log when stdin/stdout are the line. */
static void dump_options(const struct ppp_options *o)
{
    if (o->device[0]) {
        options_dump(o, stdout);
        fflush(stdout);
        return;
    }
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        return;
    options_dump(o, f);
    fclose(f);
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
        log_info("%s", line);
    free(text);
}

/* Sized for the largest MRU and a fast line; only the pages a link uses
 * cost memory (bigbuf.h): at MRU 1500 a few pages of each. */
static int setup_buffers(struct daemon *d)
{
    d->dec_storage = bigbuf_alloc(HDLC_DECODER_STORAGE(DAEMON_MAX_MRU));
    d->rxbuf = bigbuf_alloc(DAEMON_RX_CHUNK);
    d->txq = bigbuf_alloc(DAEMON_TXQ_SIZE);
    d->srx_storage = bigbuf_alloc(SYNCFRAME_RX_STORAGE(DAEMON_MAX_MRU));
    if (!d->dec_storage || !d->rxbuf || !d->txq || !d->srx_storage)
        return -1;
    return 0;
}

static void free_buffers(struct daemon *d)
{
    bigbuf_free(d->dec_storage, HDLC_DECODER_STORAGE(DAEMON_MAX_MRU));
    bigbuf_free(d->rxbuf, DAEMON_RX_CHUNK);
    bigbuf_free(d->txq, DAEMON_TXQ_SIZE);
    bigbuf_free(d->srx_storage, SYNCFRAME_RX_STORAGE(DAEMON_MAX_MRU));
    bigbuf_free(d->engine_storage, engine_storage_size());
}

static void reset_link(struct daemon *d)
{
    hdlc_decoder_init(&d->dec, d->dec_storage, HDLC_DECODER_STORAGE(DAEMON_MAX_MRU),
                      HDLC_DEFAULT_MRU);
    hdlc_encoder_init(&d->enc);
    engine_glue_escapes(d->o, &d->enc, true);
    d->txq_head = d->txq_len = 0;
    syncframe_rx_init(&d->srx, d->srx_storage, SYNCFRAME_RX_STORAGE(DAEMON_MAX_MRU),
                      DAEMON_MAX_MRU);
    d->sync_tx_sent = 0;
    d->rx_hold = (struct rx_hold){ 0 };
    d->tx_mru = HDLC_DEFAULT_MRU;
    d->dead = d->closing = d->hungup = d->ip_was_up = false;
    d->dead_status = 0;
    d->status = 0;
    d->pending_close = 0;
    d->bytes_sent = d->bytes_rcvd = d->packets_sent = 0;
    d->peer_name[0] = '\0';
    d->peer_auth = d->self_auth = ENGINE_AUTH_NONE;
}

/* Sleep for secs seconds unless a signal comes first (SIGHUP ends the wait
 * early, as pppd's holdoff; SIGINT/SIGTERM end the program). */
static void holdoff(struct daemon *d, unsigned secs)
{
    uint64_t end = daemon_now_ms() + (uint64_t)secs * 1000u;
    for (;;) {
        uint64_t now = daemon_now_ms();
        if (now >= end || d->sig->term || d->sig->hup)
            break;
        struct pollfd p = { .fd = d->sig->pipe_rd, .events = POLLIN };
        poll(&p, 1, (int)(end - now));
        char drain[16];
        while (read(d->sig->pipe_rd, drain, sizeof(drain)) > 0) {
        }
    }
    d->sig->hup = 0;
    loop_take_stop(d);
}

/* Open the line, run init/connect/welcome, make the interface: 0 when the
 * link may start, else pppd's exit status. */
static int start_line(struct daemon *d)
{
    int rc = loop_take_stop(d) ? d->status : session_open_line(d);
    if (rc == 0)
        rc = session_run_device_scripts(d);
    if (rc == 0)
        rc = session_create_interface(d);
    return rc;
}

static int run(struct daemon *d)
{
    struct ppp_options *o = d->o;
    int status = 0, failures = 0;
    struct retry retry;
    bool first = true;
    if (!o->nodetach && !o->updetach && o->device[0])
        session_detach(d);
    else if (o->updetach && o->device[0])
        session_detach(d);
    int rrc = radglue_open(d);
    if (rrc)
        return rrc;
    retry_init(&retry);
    if (o->demand && (status = demand_setup(d)) != 0)
        return status;
    for (;;) {
        reset_link(d);
        if (o->demand && (status = demand_wait(d)) != 0)
            break;   /* a signal ended the wait */
        retry_begin(&retry);
        if (!first || o->demand)
            log_info("Starting link");
        first = false;
        int rc = start_line(d);
        if (rc == 0) {
            retry_opened(&retry);
            log_notice("Connect: %s <--> %s", d->tun.name, d->devname);
            d->now = d->link_start = daemon_now_ms();
            engine_open(d->e, d->now);
            engine_lower_up(d->e, d->now);
            loop_run(d);
            status = d->status ? d->status : d->dead_status;
            radglue_link_finished(d, status);
            session_link_finished(d);
        } else {
            retry_failed(&retry);
            status = rc;
        }
        session_close_line(d);
        if (o->demand && !d->quit && status != PPP_EXIT_FATAL && (rc = demand_setup(d)) != 0) {
            status = rc;   /* the interface stays for the next call */
            break;
        }
        if (!(o->persist || o->demand) || d->quit || status == PPP_EXIT_OPTION || status == PPP_EXIT_FATAL ||
            status == PPP_EXIT_NOT_ROOT)
            break;
        failures = d->ip_was_up ? 0 : failures + 1;
        if (o->maxfail > 0 && failures >= o->maxfail) {
            retry_finish(&retry);
            log_info("Maximum connect failures (%d) reached", o->maxfail);
            break;
        }
        /* pppd: no holdoff after an idle or connect-time ending */
        unsigned hold = status != PPP_EXIT_IDLE && status != PPP_EXIT_CONNECT_TIME
                            ? (unsigned)o->holdoff : 0;
        /* a line that would not open, or a connect script that failed, backs
         * off even without holdoff: a device that is gone must not spin */
        if (rc != 0)
            hold = retry_wait_s(&retry, hold);
        if (hold > 0)
            holdoff(d, hold);
        if (d->quit) {
            status = d->status;      /* the signal's status (5, or 127) */
            break;
        }
    }
    retry_finish(&retry);
    return status;
}

int main(int argc, char **argv)
{
    static struct ppp_options o;
    static struct daemon d;
    static struct daemon_signals sig;
    static struct opt_ctx ctx;
    bool priv = priv_invoker_privileged();

    /* --help and --version answer before any options file is read */
    for (int i = 1; i < argc; i++) {
        const struct opt_desc *info = options_find(argv[i]);
        if (info && (info->flags & OPTF_ALIAS))
            info = options_find(info->help);
        if (info && strcmp(info->name, "--help") == 0) {
            options_print_help(stdout);
            return 0;
        }
        if (info && strcmp(info->name, "--version") == 0) {
            printf("pppd-lite (pppsuite) %s\n", SUITE_VERSION);
            return 0;
        }
    }
    log_open("pppd-lite", LOG_TO_SYSLOG | LOG_TO_STDERR, LOG_DAEMON);
    options_init(&o, priv);
    ctx.o = &o;
    ctx.privileged_invoker = priv;
    const char *stdin_tty = isatty(0) ? ttyname(0) : NULL;
    if (optfiles_load(&ctx, argc, argv, stdin_tty) < 0) {
        log_error("%s", ctx.err);
        return PPP_EXIT_OPTION;
    }
    if (o.help) {
        options_print_help(stdout);
        return 0;
    }
    if (o.version) {
        printf("pppd-lite (pppsuite) %s\n", SUITE_VERSION);
        return 0;
    }
    if (o.up_sdnotify)
        o.nodetach = true;   /* pppd 2.5: systemd watches this very process */
    if (!o.device[0]) {
        /* the line is stdin and maybe stderr too: log nowhere near it */
        o.nodetach = true;
        log_set_targets(LOG_TO_SYSLOG);
    }
    log_set_debug(o.debug);
    if (o.logfile[0] && open_logfile(&o) < 0) {
        log_error("Can't open log file %s: %m", o.logfile);
        return PPP_EXIT_OPTION;
    }

    d.o = &o;
    d.sig = &sig;
    d.privileged = priv;
    d.tun.fd = -1;
    d.updetach_fd = -1;
    d.line.fd = -1;
    d.line_out = -1;
    ctlsock_init(&d.ctl, status_handle, &d);
    d.lock_dir = priv_trusted_getenv("PPPD_LITE_LOCKDIR");
    if (loop_signals_init(&sig) < 0 || setup_buffers(&d) < 0) {
        log_error("initialisation failed: %m");
        return PPP_EXIT_FATAL;
    }
    char ferr[256];   /* the option parser accepted them: this cannot fail but for memory */
    if (filter_compile(&d.pass_filter, o.pass_filter, ferr, sizeof(ferr)) < 0 ||
        filter_compile(&d.active_filter, o.active_filter, ferr, sizeof(ferr)) < 0) {
        log_error("packet filter: %s", ferr);
        return PPP_EXIT_OPTION;
    }
    engine_glue_settings(&o, &d.settings);
    reset_link(&d);
    if (engine_glue_init(&d) < 0) {
        log_error("protocol engine initialisation failed");
        return PPP_EXIT_FATAL;
    }
    if (!peer_auth_possible(&d))
        return PPP_EXIT_FATAL;
    if (o.dump || o.dryrun)
        dump_options(&o);
    if (o.dryrun)
        return 0;
    if (!priv_can_make_interface()) {
        log_error("pppd-lite needs root or CAP_NET_ADMIN to create its interface");
        return PPP_EXIT_NOT_ROOT;
    }

    struct passwd *pw = getpwuid(getuid());
    log_notice("pppd-lite %s started by %s, uid %d", SUITE_VERSION, pw ? pw->pw_name : "?",
               (int)getuid());

    int status = run(&d);
    session_cleanup(&d);
    radglue_close(&d);
    if (d.filtered_out || d.filtered_in)
        log_info("pass-filter dropped %llu packets sent, %llu received",
                 (unsigned long long)d.filtered_out, (unsigned long long)d.filtered_in);
    filter_free(&d.pass_filter);
    filter_free(&d.active_filter);
    free_buffers(&d);
    log_notice("Exit.");
    log_close();
    return status;
}
