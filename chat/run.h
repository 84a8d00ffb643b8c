/* run: chat's conversation on the modem: the expect/send interpreter with
 * its keywords, the I/O loop (poll with millisecond deadlines checked on
 * every read; reads never longer than the matcher's room, so nothing after
 * the last match is taken from the line), sends with chat's 10 ms between
 * characters, and the exit statuses of chat(8). */
#ifndef CHAT_RUN_H
#define CHAT_RUN_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "escape.h"
#include "match.h"
#include "script.h"

/* Exit statuses of chat(8). */
enum {
    CHAT_EXIT_OK = 0,
    CHAT_EXIT_USAGE = 1,    /* bad parameters, string too long, send failed */
    CHAT_EXIT_IO = 2,       /* I/O error or a signal */
    CHAT_EXIT_TIMEOUT = 3,
    CHAT_EXIT_ABORT = 4,    /* + index of the ABORT string */
};

struct chat_run {
    int in_fd, out_fd, err_fd;
    int timeout;             /* seconds; <= 0 waits for ever */
    bool verbose;            /* -v (the matcher holds -v, -V and ECHO for received text) */
    struct chat_subst subst;
    struct chat_match m;
    enum chat_keyword pending;  /* keyword waiting for its argument */
    int exit_code;
    bool need_lf;            /* -e echo left a line open */
    FILE *report_fp;         /* REPORT lines; stderr when no -r */
    const char *report_file;
    sigset_t waitmask;       /* signal mask while waiting (signals unblocked) */
};

/* Set up: fds 0/1/2 style, echo (-e) and the report stream. */
void chat_run_init(struct chat_run *r, int in_fd, int out_fd, int err_fd);
/* Catch SIGINT, SIGTERM and SIGHUP; they end chat with status 2. They are
 * blocked outside of waits so no byte is half handled. */
void chat_run_signals(struct chat_run *r);

/* Wait until fd is readable with the signals let in: 1 ready, -1 a signal
 * arrived (end chat with chat_run_signal_exit()). */
int chat_run_wait_readable(struct chat_run *r, int fd);
/* Log which signal ended chat; returns chat's status for it (2). */
int chat_run_signal_exit(void);

/* Run the words (expect, send, expect, ...). Returns chat's exit status. */
int chat_run_words(struct chat_run *r, char **words, int n);
/* What chat does on the way out: end an -e line, let a REPORT line that is
 * still gathering complete (a second per character at most), close the
 * report file. */
void chat_run_finish(struct chat_run *r);

#endif
