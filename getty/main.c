/* getty: an mgetty-compatible answerer. Reads options and configuration and
 * wires the modules: lockdance, modem, greet, logincfg, session. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <stdarg.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <syslog.h>
#include <unistd.h>
#include <utmp.h>
#include <utmpx.h>

#include "common/config.h"
#include "common/log.h"
#include "common/serial.h"
#include "getty/answer.h"
#include "getty/callinfo.h"
#include "getty/greet.h"
#include "getty/lineio.h"
#include "getty/lockdance.h"
#include "getty/logincfg.h"
#include "getty/modem.h"
#include "getty/options.h"
#include "getty/ring.h"
#include "getty/session.h"
#include "getty/utmp.h"

/* AutoPPP: the peer's first frame, read to its end and handed on with what
 * followed it. An LCP Configure-Request is small and its bytes come back to
 * back; the room is for what a fast peer sends after it, and stays below
 * the 4096 bytes of the tty's input buffer that TIOCSTI fills. */
#define GETTY_FIRST_FRAME_MAX 4000
#define GETTY_FIRST_FRAME_MS 500

static struct gdance dance;

/* Messages logged while mgetty.config is read, before the per-line log
 * file is open: held back and then logged once to every target. */
static struct {
    int n;
    enum log_level level[32];
    char text[32][400];
} early;

static void early_sink(void *ctx, enum log_level level, const char *msg)
{
    (void)ctx;
    if (early.n < 32) {
        early.level[early.n] = level;
        snprintf(early.text[early.n++], sizeof early.text[0], "%s", msg);
    }
}

static void early_begin(void)
{
    early.n = 0;
    log_set_debug(true);
    log_set_targets(0);
    log_set_sink(early_sink, NULL);
}

static void early_end(void)
{
    log_set_sink(NULL, NULL);
    log_set_targets(LOG_TO_SYSLOG | (log_get_targets() & LOG_TO_FILE));
    for (int i = 0; i < early.n; i++)
        if (early.level[i] != LOG_LVL_DEBUG || log_debug_enabled())
            log_msg(early.level[i], "%s", early.text[i]);
}

/* init (or systemd) stops us with SIGTERM: do not leave our lock behind.
 * Only async-signal-safe calls here. execve resets the handler. */
static void on_terminate(int sig)
{
    if (dance.h.held)
        unlink(dance.h.path);
    _exit(128 + sig);
}

static void catch_terminate(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_terminate;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGQUIT, &sa, NULL);
}

static void pick_config_dir(struct getty_opts *o, bool cli_set)
{
    struct stat st;

    if (cli_set && o->config_dir[0])
        return;
    static const char *const dirs[] = GETTY_CONFIG_DIRS;
    size_t pick = 1;                /* none exists: Debian's, for the messages */

    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
        if (stat(dirs[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            pick = i;
            break;
        }
    snprintf(o->config_dir, sizeof o->config_dir, "%s", dirs[pick]);
}

static void load_config(struct getty_opts *o, const char *dir, const char *file_opt)
{
    char path[GOPT_STR_MAX + 32], err[CFG_ERR_MAX];
    char *text;
    size_t len;

    if (file_opt && *file_opt)
        snprintf(path, sizeof path, "%s", file_opt);
    else
        snprintf(path, sizeof path, "%s/mgetty.config", dir);
    if (cfg_read_file(path, &text, &len, err, sizeof err) < 0) {
        if (errno == ENOENT && !(file_opt && *file_opt)) {
            log_debug("no %s, using defaults", path);
            return;
        }
        log_error("%s", err);
        return;
    }
    log_debug("reading %s", path);
    gopt_apply_config(o, path, text, len, o->line_name);
    free(text);
}

static void open_log_file(const struct getty_opts *o)
{
    char path[GOPT_STR_MAX * 2 + 16], name[GOPT_STR_MAX];

    if (o->debug <= 0)
        return;
    snprintf(name, sizeof name, "%s", o->line_name);
    for (char *p = name; *p; p++)
        if (*p == '/')
            *p = '_';
    snprintf(path, sizeof path, "%s/mg_%s.log", o->log_dir, name);
    if (mkdir(o->log_dir, 0755) < 0 && errno != EEXIST)
        log_debug("cannot create %s: %s", o->log_dir, strerror(errno));
    if (log_set_file(path) < 0)
        log_error("cannot open logfile %s: %s", path, strerror(errno));
    log_set_debug(o->debug >= 5);
}

/* getty must lead its session so the line can become the controlling tty.
 * init starts us that way; when started as a process-group leader inside
 * another session, run the rest in a child and pass its exit status on. */
static void ensure_session_leader(void)
{
    pid_t pid;
    int status;

    if (getsid(0) == getpid() || setsid() >= 0)
        return;
    pid = fork();
    if (pid < 0)
        gexit_fail(&dance, 1, "fork: %s", strerror(errno));
    if (pid == 0) {
        if (setsid() < 0)
            gexit_fail(&dance, 1, "setsid: %s", strerror(errno));
        return;
    }
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    exit(WIFEXITED(status) ? WEXITSTATUS(status) : 1);
}

static void set_port_owner(int fd, const struct getty_opts *o)
{
    uid_t uid = (uid_t)-1;
    gid_t gid = (gid_t)-1;

    if (o->port_owner[0]) {
        struct passwd *pw = getpwnam(o->port_owner);
        if (pw)
            uid = pw->pw_uid;
        else
            log_warn("port-owner '%s' unknown", o->port_owner);
    }
    if (o->port_group[0]) {
        struct group *gr = getgrnam(o->port_group);
        if (gr)
            gid = gr->gr_gid;
        else
            log_warn("port-group '%s' unknown", o->port_group);
    }
    if ((uid != (uid_t)-1 || gid != (gid_t)-1) && fchown(fd, uid, gid) < 0)
        log_warn("cannot chown %s: %s", o->line_name, strerror(errno));
    if (fchmod(fd, (mode_t)o->port_mode) < 0)
        log_warn("cannot chmod %s: %s", o->line_name, strerror(errno));
}

/* Discard what the line has after settle_ms; poll first, the line may be
 * blocking (-b). */
/* Read login.config if it is safe to use. Returns malloc'd text or NULL. */
static char *read_login_config(const char *path, size_t *len)
{
    char err[CFG_ERR_MAX], why[256];
    struct stat st;
    char *text;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

    if (fd < 0) {
        log_error("login: cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    if (fstat(fd, &st) < 0 || !lcfg_file_acceptable(&st, why, sizeof why)) {
        log_error("login: '%s' ignored, %s", path, why);
        close(fd);
        return NULL;
    }
    close(fd);
    log_debug("login: use login config file %s", path);
    if (cfg_read_file(path, &text, len, err, sizeof err) < 0) {
        log_error("%s", err);
        return NULL;
    }
    return text;
}

int main(int argc, char **argv)
{
    static struct gopt_cli cli;
    static struct getty_opts o;
    static struct serial_line line;
    static struct gcall_info call;
    static struct lcfg_result cmd;
    struct gutmp_files uf;
    struct gprompt_ctx pctx;
    struct greet_cfg gc;
    struct lname ln;
    char err[512], path[GOPT_STR_MAX * 2], cmdline[1024];
    bool dir_set;
    char *text;
    size_t len = 0;

    log_open("getty", LOG_TO_SYSLOG, LOG_AUTH);
    log_set_stderr_prefix(true);
    if (gopt_parse_cli(argc, argv, &cli, err, sizeof err) < 0) {
        fprintf(stderr, "Usage: getty [options] line (getty --help)\n");
        gexit_fail(&dance, 2, "%s", err);
    }
    if (cli.val.help) {
        gopt_usage(stdout);
        return 0;
    }
    if (cli.val.version) {
        printf("getty (pppsuite) %s, mgetty+sendfax 1.2.1 compatible\n", SUITE_VERSION);
        return 0;
    }
    gopt_defaults(&o);
    dir_set = cli.val.config_dir[0] != '\0';
    snprintf(o.line_name, sizeof o.line_name, "%s", cli.val.line_name);
    snprintf(o.config_dir, sizeof o.config_dir, "%s", cli.val.config_dir);
    pick_config_dir(&o, dir_set);
    early_begin();
    load_config(&o, o.config_dir, cli.val.config_file);
    {
        char keep_dir[GOPT_STR_MAX];
        snprintf(keep_dir, sizeof keep_dir, "%s", o.config_dir);
        gopt_apply_cli(&o, &cli);
        if (!dir_set)
            snprintf(o.config_dir, sizeof o.config_dir, "%s", keep_dir);
    }
    log_set_debug(false);
    log_set_targets(LOG_TO_SYSLOG);
    open_log_file(&o);
    early_end();
    log_info("getty (pppsuite) %s on %s, pid %d", SUITE_VERSION, o.line_path, (int)getpid());
    if (gopt_validate(&o, err, sizeof err) < 0)
        gexit_fail(&dance, 2, "%s", err);

    ensure_session_leader();
    gdance_init(&dance, o.lock_dir, o.line_name);
    catch_terminate();
    uf.utmp = o.utmp_file;
    uf.wtmp = o.wtmp_file;

    log_debug("opening %s %s", o.line_path, o.blocking ? "blocking" : "non-blocking");
    if (gline_open(&line, o.line_path, o.blocking) < 0)
        gexit_fail(&dance, 1, "cannot open %s: %s", o.line_path, strerror(errno));
    set_port_owner(line.fd, &o);
    {
        struct serial_params sp = { .speed = (unsigned)o.speed, .crtscts = 1, .local = true,
                                    .hupcl = true };
        if (serial_set_raw(&line, &sp) < 0)
            gexit_fail(&dance, 1, "cannot set terminal modes on %s: %s", o.line_path, strerror(errno));
    }

    answer_wait_for_call(&dance, &line, &o, &uf, &call);

    if (gutmp_write(&uf, LOGIN_PROCESS, o.line_name, "LOGIN",
                    call.caller_id[0] ? call.caller_id : call.connect, getpid()) < 0)
        log_debug("utmp: %s", strerror(errno));

    memset(&pctx, 0, sizeof pctx);
    gprompt_ctx_system(&pctx);
    pctx.tty = o.line_name;
    pctx.speed = call.speed ? call.speed : (unsigned)o.speed;
    pctx.connect = call.connect;
    pctx.caller_id = call.caller_id;
    pctx.nusers = gutmp_count_users(&uf);      /* \N and \U */
    usleep((useconds_t)o.prompt_waittime * 1000);
    gc.issue_file = o.issue_file;
    gc.prompt = o.login_prompt;
    gc.login_time_s = o.login_time;
    gc.fido_send_emsi = o.fido_send_emsi;
    gc.pctx = &pctx;
    switch (greet_run(line.fd, &gc, &ln)) {
    case GREET_TIMEOUT:
        log_notice("failed dev=%s, pid=%d, login time out", o.line_name, (int)getpid());
        answer_hangup_exit(&dance, &line, &o, 0);
        break;
    case GREET_HANGUP:
        log_notice("getlogname: got EOF, exiting");
        gdance_release(&dance);
        return 0;
    case GREET_NAME:
        break;
    }

    static uint8_t first_frame[GETTY_FIRST_FRAME_MAX];
    size_t first_frame_len = 0;
    bool autoppp = strcmp(ln.name, LCFG_AUTOPPP) == 0;
    if (autoppp) {
        first_frame_len = greet_ppp_frame(line.fd, &ln, first_frame, sizeof first_frame,
                                          GETTY_FIRST_FRAME_MS);
        log_debug("AutoPPP: the peer's first frame is %zu bytes", first_frame_len);
    }

    /* login.config dispatch */
    if (o.login_conf_file[0])
        snprintf(path, sizeof path, "%s", o.login_conf_file);
    else
        snprintf(path, sizeof path, "%s/login.config", o.config_dir);
    {
        struct lcfg_ctx lc = { .name = ln.name, .connect = call.connect,
                               .caller_id = call.caller_id, .callback = false };
        text = read_login_config(path, &len);
        if (text)
            lcfg_lookup(path, text, len, &lc, o.login_program, &cmd);
        else
            lcfg_default(&lc, o.login_program, &cmd);
        free(text);
        if (!cmd.matched)
            log_debug("login: fall back to %s", o.login_program);
    }
    if (cmd.utmp[0])
        log_debug("login: utmp entry: %s", cmd.utmp);
    lcfg_format_argv(&cmd, cmdline, sizeof cmdline);
    log_debug("calling login: cmd='%s', argv[]='%s'", cmd.program, cmdline);
    log_notice("data dev=%s, pid=%d, caller='%s', conn='%s', name='%s', cmd='%s', user='%s'",
               o.line_name, (int)getpid(), call.caller_id[0] ? call.caller_id : "none",
               call.connect, call.caller_name, cmd.program, ln.name);
    {
        struct gsess s = { .fd = line.fd, .line_name = o.line_name, .login_name = ln.name,
                           .cmd = &cmd, .call = &call, .utmp_files = uf,
                           .autoppp = autoppp, .pushback = first_frame,
                           .pushback_len = first_frame_len, .pushback_cap = sizeof first_frame,
                           .ended_with_cr = ln.ended_with_cr };
        gsess_exec(&s);
    }
    gexit_fail(&dance, 1, "cannot start %s for %s", cmd.program, o.line_name);
}
