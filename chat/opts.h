/* opts: chat(8)'s command line, parsed the way chat's own little getopt does:
 * option letters may be grouped (-vs), an argument may be attached (-t5) or
 * the next word, "--" ends the options, the first non-option starts the script. */
#ifndef CHAT_OPTS_H
#define CHAT_OPTS_H

#include <stdbool.h>

#define CHAT_DEFAULT_TIMEOUT 45

struct chat_opts {
    bool echo;          /* -e */
    bool use_env;       /* -E */
    bool verbose;       /* -v: log the conversation (syslog) */
    bool Verbose;       /* -V: echo received text to stderr */
    bool to_stderr;     /* -s */
    bool to_log;        /* cleared by -S */
    int timeout;        /* -t seconds; <= 0 waits for ever, as chat does */
    const char *report_file;  /* -r */
    bool report_opening_msg;  /* -v came before -r: chat then writes "Opening" */
    const char *chat_file;    /* -f */
    const char *phone, *phone2; /* -T, -U */
    char **script;      /* the script words after the options */
    int nscript;
};

/* 0 on success, -1 on a usage error (the caller prints chat's usage, exit 1).
 * A -f file together with script words is also a usage error, but chat(8)
 * notices it only after setting up the tty, so the caller checks that. */
int chat_opts_parse(struct chat_opts *o, int argc, char **argv);

/* chat's usage text for program name prog. */
const char *chat_opts_usage(const char *prog, char *buf, unsigned len);

#endif
