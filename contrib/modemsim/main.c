/* modemsim: Hayes modems on pseudo-terminals joined by a simulated phone
 * exchange. main.c reads options and runs the poll loop; the AT engine is
 * at.c, the exchange call.c, ptys line.c, TCP calls tcp.c. */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "call.h"

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
    stop_signal = sig;
}

static uint64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static void usage(FILE *f)
{
    fputs("usage: modemsim --line NAME=PATH [--line NAME=PATH ...] [options]\n"
          "Hayes modems on pseudo-terminals, joined by a simulated telephone exchange.\n"
          "\n"
          "  --line NAME=PATH       a modem whose serial port is the symlink PATH (a pty)\n"
          "  --number NUMBER=NAME   dialling NUMBER rings line NAME (digits compared only)\n"
          "  --speed BPS            speed reported in CONNECT (default 57600)\n"
          "  --rate BPS             line rate for pass-through, 8N1 = BPS/10 bytes/s\n"
          "                         (default: the --speed value; 0 = unthrottled)\n"
          "  --ring-interval MS     time between RINGs (default 6000)\n"
          "  --hangup pty|text      how the far end's hangup reaches a DTE: NO CARRIER and\n"
          "                         a pty hangup (default), or NO CARRIER text only\n"
          "  --no-dialtone NAME     line NAME has no dial tone (ATD gives NO DIALTONE)\n"
          "  --listen ADDR:PORT[=NAME]  TCP connections ring line NAME (default: the first)\n"
          "  --pidfile PATH         write the process id to PATH once the lines exist\n"
          "  --logfile PATH         also log to PATH\n"
          "  -d, --debug            log debug messages\n"
          "  -h, --help             this text\n"
          "  -V, --version          print the version\n"
          "Dial A.B.C.D:PORT (ATDT127.0.0.1:2323) to call out over TCP.\n"
          "See modemsim(1) for the command set and result codes.\n", f);
}

static int parse_uint(const char *s, unsigned max, unsigned *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || end == s || *end || v > max || s[0] == '-')
        return -1;
    *out = (unsigned)v;
    return 0;
}

enum { OPT_LINE = 256, OPT_NUMBER, OPT_SPEED, OPT_RATE, OPT_RING, OPT_HANGUP, OPT_NODIAL,
       OPT_LISTEN, OPT_PIDFILE, OPT_LOGFILE };

static const struct option longopts[] = {
    { "line", required_argument, NULL, OPT_LINE },
    { "number", required_argument, NULL, OPT_NUMBER },
    { "speed", required_argument, NULL, OPT_SPEED },
    { "rate", required_argument, NULL, OPT_RATE },
    { "ring-interval", required_argument, NULL, OPT_RING },
    { "hangup", required_argument, NULL, OPT_HANGUP },
    { "no-dialtone", required_argument, NULL, OPT_NODIAL },
    { "listen", required_argument, NULL, OPT_LISTEN },
    { "pidfile", required_argument, NULL, OPT_PIDFILE },
    { "logfile", required_argument, NULL, OPT_LOGFILE },
    { "debug", no_argument, NULL, 'd' },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { NULL, 0, NULL, 0 },
};

static struct exchange xch;   /* large (throttle buffers): not on the stack */

struct later {       /* options that name lines, applied once all lines are known */
    const char *numbers[64], *nodial[CALL_MAX_LINES], *listen;
    int nnumbers, nnodial;
};

static int apply_later(struct exchange *x, const struct later *l)
{
    for (int i = 0; i < l->nnumbers; i++)
        if (exchange_add_number(x, l->numbers[i]) < 0) {
            log_error("modemsim: bad --number '%s' (NUMBER=LINE, a known line, digits, no duplicates)",
                      l->numbers[i]);
            return -1;
        }
    for (int i = 0; i < l->nnodial; i++) {
        int li = exchange_find_line(x, l->nodial[i]);
        if (li < 0) {
            log_error("modemsim: --no-dialtone: no line '%s'", l->nodial[i]);
            return -1;
        }
        x->ep[li].no_dialtone = true;
    }
    if (l->listen && exchange_listen(x, l->listen) < 0) {
        log_error("modemsim: bad --listen '%s' (A.B.C.D:PORT[=LINE])", l->listen);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    struct call_cfg cfg = { .speed = 57600, .rate = 0, .ring_ms = 6000, .pty_hangup = true };
    bool rate_set = false;
    struct later later = { 0 };
    const char *lines[CALL_MAX_LINES];
    int nlines = 0;
    const char *pidfile = NULL;
    int c;

    log_open("modemsim", LOG_TO_STDERR, LOG_DAEMON);
    while ((c = getopt_long(argc, argv, "dhV", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_LINE:
            if (nlines >= CALL_MAX_LINES) {
                log_error("modemsim: at most %d lines", CALL_MAX_LINES);
                return 2;
            }
            lines[nlines++] = optarg;
            break;
        case OPT_NUMBER:
            if (later.nnumbers >= 64) {
                log_error("modemsim: too many --number options");
                return 2;
            }
            later.numbers[later.nnumbers++] = optarg;
            break;
        case OPT_SPEED:
        case OPT_RATE:
        case OPT_RING: {
            unsigned v;
            if (parse_uint(optarg, 10000000, &v) < 0 || (c != OPT_RATE && v == 0)) {
                log_error("modemsim: bad number '%s' for --%s", optarg,
                          c == OPT_SPEED ? "speed" : c == OPT_RATE ? "rate" : "ring-interval");
                return 2;
            }
            if (c == OPT_SPEED)
                cfg.speed = v;
            else if (c == OPT_RATE)
                cfg.rate = v, rate_set = true;
            else
                cfg.ring_ms = v;
            break;
        }
        case OPT_HANGUP:
            if (strcmp(optarg, "pty") == 0)
                cfg.pty_hangup = true;
            else if (strcmp(optarg, "text") == 0)
                cfg.pty_hangup = false;
            else {
                log_error("modemsim: --hangup takes pty or text, not '%s'", optarg);
                return 2;
            }
            break;
        case OPT_NODIAL:
            if (later.nnodial < CALL_MAX_LINES)
                later.nodial[later.nnodial++] = optarg;
            break;
        case OPT_LISTEN: later.listen = optarg; break;
        case OPT_PIDFILE: pidfile = optarg; break;
        case OPT_LOGFILE:
            if (log_set_file(optarg) < 0) {
                log_error("modemsim: cannot open log file %s: %s", optarg, strerror(errno));
                return 2;
            }
            break;
        case 'd': log_set_debug(true); break;
        case 'h': usage(stdout); return 0;
        case 'V': printf("modemsim (pppsuite) %s\n", SUITE_VERSION); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind < argc || nlines == 0) {
        usage(stderr);
        return 2;
    }
    if (!rate_set)
        cfg.rate = cfg.speed;
    exchange_init(&xch, &cfg);
    for (int i = 0; i < nlines; i++)
        if (exchange_add_line(&xch, lines[i]) < 0) {
            log_error("modemsim: bad --line '%s' (NAME=PATH, names unique)", lines[i]);
            return 2;
        }
    if (apply_later(&xch, &later) < 0)
        return 2;

    struct sigaction sa = { .sa_handler = on_signal };
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    if (exchange_start(&xch, now_us()) < 0) {
        exchange_stop(&xch);
        return 1;
    }
    if (pidfile) {
        FILE *f = fopen(pidfile, "w");
        if (!f || fprintf(f, "%ld\n", (long)getpid()) < 0 || fclose(f) != 0) {
            log_error("modemsim: cannot write %s: %s", pidfile, strerror(errno));
            exchange_stop(&xch);
            return 1;
        }
    }
    for (int i = 0; i < xch.nlines; i++)
        log_info("modemsim: line %s at %s (%s)", xch.ep[i].line.name, xch.ep[i].line.path,
                 xch.ep[i].line.slave);

    while (!stop_signal) {
        struct pollfd fds[CALL_MAX_EP + 1];
        int64_t timeout;
        xch.now_us = now_us();
        xch.now = xch.now_us / 1000u;
        int n = exchange_poll_setup(&xch, fds, &timeout);
        struct timespec ts = { (time_t)(timeout / 1000000), (long)(timeout % 1000000) * 1000 };
        if (ppoll(fds, (nfds_t)n, timeout < 0 ? NULL : &ts, NULL) < 0 && errno != EINTR) {
            log_error("modemsim: poll: %s", strerror(errno));
            break;
        }
        if (stop_signal)
            break;
        exchange_poll_handle(&xch, fds, n, now_us());
    }
    exchange_stop(&xch);
    if (pidfile)
        unlink(pidfile);
    log_info("modemsim: exiting");
    return 0;
}
