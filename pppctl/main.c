/* pppctl: ask the pppd-lite links on this host what they are doing, and
 * end or change one, through their control sockets
 * (RUNDIR/pppd-lite/IFNAME.sock). main parses the command line and wires
 * client.c (the socket) to show.c (the output). */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pppctl/client.h"
#include "pppctl/dae.h"
#include "pppd-lite/sys/ctlproto.h"
#include "pppctl/show.h"

#define EXIT_NO_LINK 1
#define EXIT_USAGE 2
#define LIST_MAX 1024

static volatile sig_atomic_t stop;

static void on_signal(int signo)
{
    (void)signo;
    stop = 1;
}

static void usage(FILE *f)
{
    fprintf(f,
            "Usage: pppctl [--json] [list]            one row per running pppd-lite\n"
            "       pppctl [--json] status IFACE      the link's whole status\n"
            "       pppctl [--json] terminate IFACE [admin-reset]\n"
            "                                         end the link (as SIGTERM); admin-reset:\n"
            "                                         RADIUS accounting says Admin-Reset\n"
            "       pppctl [--json] session-timeout IFACE SECS\n"
            "                                         end the link SECS after IP came up (0: never)\n"
            "       pppctl [--json] hangup IFACE      end this call (as SIGHUP; persist redials)\n"
            "       pppctl [--json] debug IFACE on|off\n"
            "       pppctl [--json] watch             the list, refreshed every second\n"
            "       pppctl [--json] stats IFACE [INTERVAL [COUNT]]\n"
            "                                         counters as pppstats prints them\n"
            "       pppctl dae [[ADDR:]PORT] radius-config-file FILE\n"
            "                                         answer RADIUS Disconnect and CoA requests\n"
            "                                         (RFC 5176; default port 3799), in the foreground\n"
            "       pppctl --help | --version\n"
            "Sockets are looked for in $PPPD_LITE_RUNDIR/pppd-lite (default /var/run/pppd-lite).\n"
            "Exit status: 0 ok, 1 no such link (or it refused), 2 usage.\n");
}

/* One request to ifname; prints the failure. 0 ok, else the exit status. */
static int ask(const char *ifname, const char *request, struct reply *r)
{
    char path[4200], why[256];
    if (client_sock_path(path, sizeof(path), ifname) < 0) {
        fprintf(stderr, "pppctl: %s: not an interface name\n", ifname);
        return EXIT_USAGE;
    }
    switch (client_query(path, request, r, CLIENT_TIMEOUT_MS, why, sizeof(why))) {
    case CLIENT_OK:
        return 0;
    case CLIENT_NO_LINK:
        fprintf(stderr, "pppctl: %s: no such link\n", ifname);
        return EXIT_NO_LINK;
    case CLIENT_FAILED:
        break;
    }
    fprintf(stderr, "pppctl: %s: %s\n", ifname, why);
    return EXIT_NO_LINK;
}

static void print_list(bool json)
{
    static char names[LIST_MAX][64];
    static struct reply r;
    size_t n = client_list(names, LIST_MAX);
    if (json)
        fputc('[', stdout);
    else
        show_table_header(stdout);
    for (size_t i = 0; i < n; i++) {
        char path[4200], why[256];
        enum client_result res = CLIENT_FAILED;
        if (client_sock_path(path, sizeof(path), names[i]) == 0)
            res = client_query(path, "status", &r, CLIENT_TIMEOUT_MS, why, sizeof(why));
        if (res == CLIENT_NO_LINK)
            snprintf(why, sizeof(why), "gone");
        bool ok = res == CLIENT_OK && !r.error;
        if (res == CLIENT_OK && r.error)
            snprintf(why, sizeof(why), "%s", r.text);
        if (json) {
            if (i)
                fputc(',', stdout);
            if (ok) {
                show_json(stdout, &r);
            } else {
                fputs("{\"interface\":", stdout);
                show_json_string(stdout, names[i]);
                fputs(",\"error\":", stdout);
                show_json_string(stdout, why);
                fputc('}', stdout);
            }
        } else {
            show_table_row(stdout, names[i], ok ? &r : NULL, why);
        }
    }
    if (json)
        fputs("]\n", stdout);
    fflush(stdout);
}

/* Sleep secs seconds unless SIGINT/SIGTERM comes first. */
static void nap(unsigned secs)
{
    struct timespec ts = { .tv_sec = secs, .tv_nsec = 0 };
    while (!stop && nanosleep(&ts, &ts) < 0 && errno == EINTR) {
    }
}

static int cmd_watch(bool json)
{
    bool tty = isatty(1);
    while (!stop) {
        if (tty && !json)
            fputs("\033[H\033[2J", stdout);   /* as top: the table in place */
        print_list(json);
        nap(1);
    }
    return 0;
}

static bool parse_uint(const char *s, unsigned long lo, unsigned long hi, unsigned long *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (!*s || *end || errno || s[0] == '-' || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

static int cmd_stats(const char *ifname, unsigned long interval, unsigned long count, bool json)
{
    static struct reply r;
    struct show_stats cur, prev = { 0 };
    unsigned long line = 0;
    for (;;) {
        int rc = ask(ifname, "status", &r);
        if (rc)
            return rc;
        show_stats_from(&cur, &r);
        /* the link started again (persist): count from zero */
        if (cur.in_bytes < prev.in_bytes || cur.out_bytes < prev.out_bytes ||
            cur.in_packets < prev.in_packets || cur.out_packets < prev.out_packets)
            prev = (struct show_stats){ 0 };
        if (json) {
            printf("{\"in_bytes\":%llu,\"in_packets\":%llu,\"vj_comp_in\":%llu,"
                   "\"vj_unc_in\":%llu,\"vj_err_in\":%llu,\"out_bytes\":%llu,"
                   "\"out_packets\":%llu,\"vj_comp_out\":%llu,\"vj_packets_out\":%llu}\n",
                   (unsigned long long)(cur.in_bytes - prev.in_bytes),
                   (unsigned long long)(cur.in_packets - prev.in_packets),
                   (unsigned long long)(cur.vj_comp_in - prev.vj_comp_in),
                   (unsigned long long)(cur.vj_unc_in - prev.vj_unc_in),
                   (unsigned long long)(cur.vj_err_in - prev.vj_err_in),
                   (unsigned long long)(cur.out_bytes - prev.out_bytes),
                   (unsigned long long)(cur.out_packets - prev.out_packets),
                   (unsigned long long)(cur.vj_comp_out - prev.vj_comp_out),
                   (unsigned long long)(cur.vj_packets_out - prev.vj_packets_out));
        } else {
            if (line % 20 == 0)   /* pppstats repeats its header every 20 lines */
                show_stats_header(stdout);
            show_stats_line(stdout, &cur, &prev);
        }
        fflush(stdout);
        line++;
        prev = cur;
        if (!interval || (count && line >= count))
            return 0;
        nap((unsigned)interval);
        if (stop)
            return 0;
    }
}

/* status, terminate, hangup, debug: one request, its reply printed. */
static int cmd_request(const char *ifname, const char *request, bool json, bool full)
{
    static struct reply r;
    int rc = ask(ifname, request, &r);
    if (rc)
        return rc;
    /* an "error" final line is the daemon refusing: no such thing done */
    char last[REPLY_VALUE_MAX];
    snprintf(last, sizeof(last), "%s", r.text);
    if (r.error && !json) {
        fprintf(stderr, "pppctl: %s: refused: %s\n", ifname, last);
        return EXIT_NO_LINK;
    }
    if (json && r.error) {
        fputs("{\"interface\":", stdout);
        show_json_string(stdout, ifname);
        fputs(",\"error\":", stdout);
        show_json_string(stdout, last);
        fputs("}\n", stdout);
    } else if (json) {
        if (full) {
            show_json(stdout, &r);
            fputc('\n', stdout);
        } else {
            fputs("{\"interface\":", stdout);
            show_json_string(stdout, ifname);
            fputs(",\"result\":", stdout);
            show_json_string(stdout, last);
            fputs("}\n", stdout);
        }
    } else if (full) {
        show_status(stdout, &r);
    } else {
        printf("%s: %s\n", ifname, last);
    }
    return r.error ? EXIT_NO_LINK : 0;
}

int main(int argc, char **argv)
{
    bool json = false;
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--json") == 0 || strcmp(argv[i], "-j") == 0) {
            json = true;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("pppctl (pppsuite) %s\n", SUITE_VERSION);
            return 0;
        } else {
            fprintf(stderr, "pppctl: unknown option %s\n", argv[i]);
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    struct sigaction sa = { .sa_handler = on_signal };
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    const char *cmd = i < argc ? argv[i++] : "list";
    int nargs = argc - i;
    char **args = argv + i;
    if (strcmp(cmd, "list") == 0 && nargs == 0) {
        print_list(json);
        return 0;
    }
    if (strcmp(cmd, "watch") == 0 && nargs == 0)
        return cmd_watch(json);
    if (strcmp(cmd, "status") == 0 && nargs == 1)
        return cmd_request(args[0], "status", json, true);
    if (strcmp(cmd, "terminate") == 0 && nargs == 1)
        return cmd_request(args[0], "terminate", json, false);
    if (strcmp(cmd, "terminate") == 0 && nargs == 2 && strcmp(args[1], "admin-reset") == 0)
        return cmd_request(args[0], "terminate admin-reset", json, false);
    unsigned long secs = 0;
    if (strcmp(cmd, "session-timeout") == 0 && nargs == 2 &&
        parse_uint(args[1], 0, CTL_SESSION_TIMEOUT_MAX, &secs)) {
        char req[64];
        snprintf(req, sizeof(req), "session-timeout %lu", secs);
        return cmd_request(args[0], req, json, false);
    }
    if (strcmp(cmd, "dae") == 0)
        return dae_main(nargs, args, &stop);
    if (strcmp(cmd, "hangup") == 0 && nargs == 1)
        return cmd_request(args[0], "hangup", json, false);
    if (strcmp(cmd, "debug") == 0 && nargs == 2 &&
        (strcmp(args[1], "on") == 0 || strcmp(args[1], "off") == 0))
        return cmd_request(args[0], strcmp(args[1], "on") == 0 ? "debug on" : "debug off", json,
                           false);
    unsigned long interval = 0, count = 0;
    if (strcmp(cmd, "stats") == 0 && nargs >= 1 && nargs <= 3 &&
        (nargs < 2 || parse_uint(args[1], 1, 86400, &interval)) &&
        (nargs < 3 || parse_uint(args[2], 1, 1000000000, &count)))
        return cmd_stats(args[0], interval, count, json);
    fprintf(stderr, "pppctl: bad command line\n");
    usage(stderr);
    return EXIT_USAGE;
}
