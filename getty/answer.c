/* answer: wait for a call on the line, as mgetty does: the lock dance with
 * dial-out programs, DTR toggle and init chat, the utmp record while
 * waiting, the modem health check, RINGs (and ringback), the answer chat
 * and the CONNECT line; on a direct line, a key. */
#include "answer.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utmpx.h>

#include "common/log.h"
#include "getty/lineio.h"
#include "getty/modem.h"
#include "getty/ring.h"

#define INIT_CHAT_TIMEOUT_MS 30000
#define MODEM_CHECK_TIMEOUT_MS 10000

void gexit_fail(struct gdance *dance, int status, const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    log_error("%s", msg);
    fprintf(stderr, "getty: %s\n", msg);
    gdance_release(dance);
    sleep(GETTY_ERROR_DELAY_S);
    exit(status);
}

static void drain_input(int fd, int settle_ms)
{
    struct pollfd pfd = { .fd = fd, .events = POLLIN };
    char tmp[256];

    usleep((useconds_t)settle_ms * 1000);
    while (poll(&pfd, 1, 0) > 0 && (pfd.revents & POLLIN) && read(fd, tmp, sizeof tmp) > 0)
        ;
}

static int modem_chat(int fd, const char *chat, int timeout_ms, char *rx, size_t rxcap)
{
    static const char *const aborts[] = { "NO CARRIER", "BUSY", "NO DIALTONE", "NO ANSWER",
                                          "ERROR", NULL };
    char err[256];

    if (gmodem_run_chat(fd, chat, timeout_ms, aborts, rx, rxcap, err, sizeof err) < 0) {
        log_error("chat failed: %s", err);
        return -1;
    }
    return 0;
}

static bool nologin_present(const struct getty_opts *o)
{
    char path[GOPT_STR_MAX * 2 + 16];

    snprintf(path, sizeof path, "%s/nologin.%s", o->nologin_dir, o->line_name);
    return access(path, F_OK) == 0;
}

void answer_hangup_exit(struct gdance *dance, struct serial_line *line, const struct getty_opts *o,
                        int status)
{
    serial_hangup(line, (unsigned)o->toggle_dtr_waittime);
    gdance_release(dance);
    exit(status);
}

void answer_wait_for_call(struct gdance *dance, struct serial_line *line,
                          const struct getty_opts *o, const struct gutmp_files *uf,
                          struct gcall_info *call)
{
    static char rx[2048];
    pid_t holder = 0;

    for (;;) {
        if (gdance_wait_free(dance, 1000) < 0)
            gexit_fail(dance, 1, "cannot check the lock of %s", o->line_name);
        int t = gdance_take(dance, &holder);
        if (t < 0)
            gexit_fail(dance, 1, "cannot lock %s", o->line_name);
        if (t == 1)
            continue;                 /* someone was faster: wait again */
        break;
    }
    if (!o->direct) {
        if (o->toggle_dtr) {
            log_info("lowering DTR to reset Modem");
            serial_hangup(line, (unsigned)o->toggle_dtr_waittime);
        }
        if (modem_chat(line->fd, o->init_chat, INIT_CHAT_TIMEOUT_MS, rx, sizeof rx) < 0)
            gexit_fail(dance, 1, "init chat failed, exiting...");
    }
    drain_input(line->fd, 100);
    gdance_release(dance);
    /* no utmp record while waiting: Debian's mgetty writes none (a failed
     * answer must not leave one behind) */
    log_info("waiting...");

    for (;;) {
        int timeout = !o->direct && o->modem_check_time > 0 ? o->modem_check_time * 1000 : -1;
        enum gdance_wake w = gdance_wait_input(line->fd, timeout);
        if (w == GDANCE_HANGUP)
            gexit_fail(dance, 1, "cannot get terminal line dev=%s, exiting", o->line_name);
        int c = gdance_claim_after_input(dance, &holder);
        if (c < 0)
            gexit_fail(dance, 1, "cannot lock %s", o->line_name);
        if (c == 1) {
            char cmd[128];
            gdance_holder_cmdline(holder, cmd, sizeof cmd);
            log_notice("dialout in progress: '%.80s'!", cmd);
            if (gutmp_write(uf, USER_PROCESS, o->line_name, "dialout", "", getpid()) < 0)
                log_debug("utmp: %s", strerror(errno));
            serial_close(line);
            gdance_wait_free(dance, 1000);
            exit(0);
        }
        if (w == GDANCE_TIMEOUT) {              /* modem-check-time: is it alive? */
            if (modem_chat(line->fd, "\"\" AT OK", MODEM_CHECK_TIMEOUT_MS, rx, sizeof rx) < 0)
                gexit_fail(dance, 1, "modem does not answer AT, exiting");
            drain_input(line->fd, 50);
            gdance_release(dance);
            continue;
        }
        break;
    }

    if (o->direct) {
        drain_input(line->fd, 300);            /* "waiting for line to clear" */
        snprintf(call->connect, sizeof call->connect, "DIRECT");
        call->speed = (unsigned)o->speed;
        return;
    }
    char err[256];
    struct gring ring;
    gring_start(&ring, o->rings, o->ringback, o->ringback_time, 10000, gline_now_ms());
    int r = gmodem_wait_rings(line->fd, &ring, call, err, sizeof err);
    if (r == GRING_STOPPED || r == GRING_NO_RECALL) {
        if (r == GRING_NO_RECALL)
            log_notice("ringback: no call within %ld seconds, exiting", ring.window_ms / 1000);
        log_notice("phone stopped ringing (rings=%d, dev=%s, pid=%d, caller='%s')", ring.rings,
                   o->line_name, (int)getpid(), call->caller_id[0] ? call->caller_id : "none");
        gdance_release(dance);
        exit(0);
    }
    if (r != GRING_ANSWER)
        gexit_fail(dance, 1, "%s", err);
    if (nologin_present(o)) {
        log_notice("%s/nologin.%s exists, not answering", o->nologin_dir, o->line_name);
        gdance_release(dance);
        sleep(GETTY_ERROR_DELAY_S);
        exit(0);
    }
    if (modem_chat(line->fd, o->answer_chat, o->answer_chat_timeout * 1000, rx, sizeof rx) < 0) {
        log_error("failed A_FAIL dev=%s, pid=%d, caller='%s', conn='', name=''", o->line_name,
                  (int)getpid(), call->caller_id[0] ? call->caller_id : "none");
        sleep(GETTY_ERROR_DELAY_S);
        answer_hangup_exit(dance, line, o, 1);
    }
    if (gcall_parse_connect(call, rx, strlen(rx)) < 0)
        snprintf(call->connect, sizeof call->connect, "%s", "");
    log_info("CONNECT %s", call->connect);
}
