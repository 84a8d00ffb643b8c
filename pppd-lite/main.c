/* pppd-lite: a pppd-compatible PPP daemon over TUN. main reads the options
 * and wires the modules; the protocol lives in the engine, the line and
 * interface work in session.c, the poll loop in loop.c. */
#include <errno.h>
#include <linux/capability.h>
#include <poll.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <syslog.h>
#include <unistd.h>

#include "common/log.h"
#include "pppd-lite/daemon.h"
#include "pppd-lite/optfiles.h"

/* Root, or CAP_NET_ADMIN in the effective set (pppd HEAD, PR #608). */
static bool privileged_invoker(void)
{
    if (getuid() == 0)
        return true;
    struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
    struct __user_cap_data_struct data[2];
    memset(data, 0, sizeof(data));
    if (syscall(SYS_capget, &hdr, data) < 0)
        return false;
    return (data[CAP_NET_ADMIN / 32].effective & (1u << (CAP_NET_ADMIN % 32))) != 0;
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

static int setup_buffers(struct daemon *d)
{
    d->dec_storage = malloc(HDLC_DECODER_STORAGE(DAEMON_MAX_MRU));
    d->rxbuf = malloc(DAEMON_RX_CHUNK);
    d->txq = malloc(DAEMON_TXQ_SIZE);
    if (!d->dec_storage || !d->rxbuf || !d->txq)
        return -1;
    return 0;
}

static void free_buffers(struct daemon *d)
{
    free(d->dec_storage);
    free(d->rxbuf);
    free(d->txq);
    free(d->engine_storage);
}

static void reset_link(struct daemon *d)
{
    hdlc_decoder_init(&d->dec, d->dec_storage, HDLC_DECODER_STORAGE(DAEMON_MAX_MRU),
                      HDLC_DEFAULT_MRU);
    hdlc_encoder_init(&d->enc);
    engine_glue_escapes(d->o, &d->enc, true);
    d->txq_head = d->txq_len = 0;
    d->rx_hold = (struct rx_hold){ 0 };
    d->tx_mru = HDLC_DEFAULT_MRU;
    d->dead = d->closing = d->hungup = d->ip_was_up = false;
    d->dead_status = 0;
    d->status = 0;
    d->pending_close = 0;
    d->bytes_sent = d->bytes_rcvd = 0;
    d->peer_name[0] = '\0';
}

/* Sleep for holdoff seconds unless a signal comes first. */
static void holdoff(struct daemon *d, int secs)
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
    if (d->sig->term) {
        log_notice("Terminating on signal %d", (int)d->sig->term);
        d->quit = true;
    }
}

static int run(struct daemon *d)
{
    struct ppp_options *o = d->o;
    int status = 0, failures = 0;
    if (!o->nodetach && !o->updetach && o->device[0])
        session_detach(d);
    else if (o->updetach && o->device[0])
        session_detach(d);
    for (;;) {
        reset_link(d);
        int rc = session_open_line(d);
        if (rc == 0)
            rc = session_run_device_scripts(d);
        if (rc == 0)
            rc = session_create_interface(d);
        if (rc == 0) {
            log_notice("Connect: %s <--> %s", d->tun.name, d->devname);
            d->now = d->link_start = daemon_now_ms();
            engine_open(d->e, d->now);
            engine_lower_up(d->e, d->now);
            loop_run(d);
            status = d->status ? d->status : d->dead_status;
            session_link_finished(d);
        } else {
            status = rc;
        }
        session_close_line(d);
        if (!o->persist || d->quit || status == PPP_EXIT_OPTION || status == PPP_EXIT_FATAL ||
            status == PPP_EXIT_NOT_ROOT)
            break;
        failures = d->ip_was_up ? 0 : failures + 1;
        if (o->maxfail > 0 && failures >= o->maxfail) {
            log_info("Maximum connect failures (%d) reached", o->maxfail);
            break;
        }
        if (o->holdoff > 0 && status != PPP_EXIT_IDLE && status != PPP_EXIT_CONNECT_TIME)
            holdoff(d, o->holdoff);
        if (d->quit)
            break;
        log_info("Starting link");
    }
    return status;
}

int main(int argc, char **argv)
{
    static struct ppp_options o;
    static struct daemon d;
    static struct daemon_signals sig;
    static struct opt_ctx ctx;
    bool priv = privileged_invoker();

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
    if (!o.device[0]) {
        /* the line is stdin and maybe stderr too: log nowhere near it */
        o.nodetach = true;
        log_set_targets(LOG_TO_SYSLOG);
    }
    log_set_debug(o.debug);
    if (o.logfile[0] && log_set_file(o.logfile) < 0) {
        log_error("Can't open log file %s: %m", o.logfile);
        return PPP_EXIT_OPTION;
    }
    if (o.dump || o.dryrun)
        dump_options(&o);
    if (o.dryrun)
        return 0;
    if (!priv) {
        log_error("pppd-lite needs root or CAP_NET_ADMIN to create its interface");
        return PPP_EXIT_NOT_ROOT;
    }

    struct passwd *pw = getpwuid(getuid());
    log_notice("pppd-lite %s started by %s, uid %d", SUITE_VERSION, pw ? pw->pw_name : "?",
               (int)getuid());

    d.o = &o;
    d.sig = &sig;
    d.privileged = priv;
    d.tun.fd = -1;
    d.updetach_fd = -1;
    d.line.fd = -1;
    d.line_out = -1;
    const char *lockdir = getenv("PPPD_LITE_LOCKDIR");
    d.lock_dir = lockdir && *lockdir && getuid() == geteuid() ? lockdir : NULL;
    if (loop_signals_init(&sig) < 0 || setup_buffers(&d) < 0) {
        log_error("initialisation failed: %m");
        return PPP_EXIT_FATAL;
    }
    engine_glue_settings(&o, &d.settings);
    reset_link(&d);
    if (engine_glue_init(&d) < 0) {
        log_error("protocol engine initialisation failed");
        return PPP_EXIT_FATAL;
    }

    int status = run(&d);
    session_cleanup(&d);
    free_buffers(&d);
    log_notice("Exit.");
    log_close();
    return status;
}
