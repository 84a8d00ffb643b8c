/* chat: a chat(8)-compatible dial script interpreter. This file only wires
 * the modules: options (opts.c), the script words (script.c, scriptfile.c
 * for -f), the modem
 * line modes (tty.c) and the conversation (run.c). */
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "chat/opts.h"
#include "chat/run.h"
#include "chat/scriptfile.h"
#include "chat/script.h"
#include "chat/tty.h"
#include "common/log.h"

static int run_script(struct chat_run *r, const struct chat_opts *o, const char *prog)
{
    if (o->chat_file && o->nscript > 0) {
        char buf[512];
        fputs(chat_opts_usage(prog, buf, sizeof buf), stderr);
        return CHAT_EXIT_USAGE;
    }
    if (!o->chat_file)
        return chat_run_words(r, o->script, o->nscript);
    struct chat_words w = { 0 };
    char err[512];
    int status;
    switch (chat_file_load(r, &w, o->chat_file, err, sizeof err)) {
    case CHAT_FILE_OK:
        status = chat_run_words(r, w.v, (int)w.n);
        break;
    case CHAT_FILE_SIGNAL:
        status = chat_run_signal_exit();
        break;
    default:
        log_error("%s", err);
        status = CHAT_EXIT_USAGE;
        break;
    }
    chat_words_free(&w);
    return status;
}

int main(int argc, char **argv)
{
    struct chat_opts o;
    char buf[512];
    if (argc == 2 && strcmp(argv[1], "--version") == 0) {
        printf("chat (pppsuite) %s\n", SUITE_VERSION);
        return 0;
    }
    if (chat_opts_parse(&o, argc, argv) < 0) {
        fputs(chat_opts_usage(argv[0], buf, sizeof buf), stderr);
        return CHAT_EXIT_USAGE;
    }

    struct chat_run r;
    chat_run_init(&r, STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO);
    r.timeout = o.timeout;
    r.verbose = o.verbose;
    r.m.Verbose = o.Verbose;
    r.m.verbose = o.verbose;
    r.m.echo = o.echo;
    r.subst.phone = o.phone;
    r.subst.phone2 = o.phone2;
    r.subst.use_env = o.use_env;
    if (o.report_file) {
        FILE *f = fopen(o.report_file, "a");
        if (f) {
            if (o.report_opening_msg)
                fprintf(f, "Opening \"%s\"...\n", o.report_file);
            r.report_fp = f;
            r.report_file = o.report_file;
        }
    }

    log_open("chat", (o.to_log ? LOG_TO_SYSLOG : 0) | (o.to_stderr ? LOG_TO_STDERR : 0), LOG_LOCAL2);
    log_set_stderr_prefix(false);
    if (o.to_log) /* as chat.c: the conversation reaches syslog only with -v */
        setlogmask(LOG_UPTO(o.verbose ? LOG_INFO : LOG_WARNING));

    chat_run_signals(&r);
    struct chat_tty tty;
    const char *what = NULL;
    int status;
    if (chat_tty_raw(&tty, STDIN_FILENO, &what) < 0) {
        log_error("%s: %m", what);
        status = CHAT_EXIT_IO;
    } else {
        status = run_script(&r, &o, argv[0]);
    }
    chat_run_finish(&r);
    if (chat_tty_restore(&tty) < 0) {
        log_error("Can't restore terminal parameters: %m");
        status = CHAT_EXIT_IO;
    }
    log_close();
    return status;
}
