/* options: getty's command line and mgetty.config, from one descriptor table.
 *
 * Order of precedence as mgetty: command line > config file > defaults.
 * mgetty.config: "keyword value" lines, '#' comments, a global part and then
 * "port NAME" sections that apply only to that line. Values: strings (the
 * rest of the line; surrounding double quotes are removed so a value can end
 * in a blank), chat sequences, integers (decimal, 0octal, 0xhex), booleans
 * (y/yes/t/true/on/1, n/no/f/false/off/0; a bare keyword is true). */
#ifndef GETTY_OPTIONS_H
#define GETTY_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define GOPT_STR_MAX 512
/* The first of these that exists holds mgetty.config and login.config:
 * upstream's (the seed HOWTO edits it, so a box that has it means it),
 * Debian's, and the self-compiled one the HOWTO links to the first. */
#define GETTY_CONFIG_DIRS { "/etc/mgetty+sendfax", "/etc/mgetty", "/usr/local/etc/mgetty+sendfax" }
#define GETTY_LOG_DIR "/var/log/mgetty"

struct getty_opts {
    /* mgetty.config keys (and their command-line flags) */
    int debug;                      /* -x, 0..9 */
    int speed;                      /* -s */
    bool direct;                    /* -r */
    bool blocking;                  /* -b */
    bool data_only;                 /* -D */
    bool fido_send_emsi;            /* **EMSI_REQA77E before the prompt */
    bool fax_only;                  /* -F (refused) */
    char init_chat[GOPT_STR_MAX];   /* -m */
    char answer_chat[GOPT_STR_MAX];
    int answer_chat_timeout;        /* seconds */
    int rings;                      /* -n */
    bool ringback;
    int ringback_time;              /* -R */
    int login_time;                 /* seconds to type the login name */
    bool toggle_dtr;
    int toggle_dtr_waittime;        /* ms */
    int modem_check_time;           /* seconds, 0 = never */
    int prompt_waittime;            /* ms */
    char login_prompt[GOPT_STR_MAX];/* -p */
    char issue_file[GOPT_STR_MAX];  /* -i */
    char port_owner[64];
    char port_group[64];
    int port_mode;
    char login_conf_file[GOPT_STR_MAX];
    /* command line only */
    char config_file[GOPT_STR_MAX]; /* -c */
    char config_dir[GOPT_STR_MAX];  /* --config-dir */
    char lock_dir[GOPT_STR_MAX];    /* --lock-dir */
    char log_dir[GOPT_STR_MAX];     /* --log-dir */
    char utmp_file[GOPT_STR_MAX];   /* --utmp */
    char wtmp_file[GOPT_STR_MAX];   /* --wtmp */
    char login_program[GOPT_STR_MAX]; /* --login: the default login program */
    char nologin_dir[GOPT_STR_MAX]; /* --nologin-dir: where nologin.<tty> is looked for */
    bool help, version;
    /* the line */
    char line_path[GOPT_STR_MAX];   /* "/dev/ttyS0" */
    char line_name[GOPT_STR_MAX];   /* "ttyS0": locks, logs, DEVICE, utmp */
};

/* Which options the command line set (so the config file does not override them). */
struct gopt_cli {
    struct getty_opts val;
    bool set[64];
};

void gopt_defaults(struct getty_opts *o);

/* Parse argv. 0 ok; -1 with a message in err (usage error). The line name is
 * the first operand (a second one, mgetty's gettydefs tag, is ignored). */
int gopt_parse_cli(int argc, char **argv, struct gopt_cli *cli, char *err, size_t errlen);

/* Apply the text of mgetty.config for line line_name (global part, then the
 * matching "port" section). Each bad line is logged as an error
 * "FILE:LINE: ..." and skipped; returns the number of bad lines. */
int gopt_apply_config(struct getty_opts *o, const char *file, const char *text, size_t len,
                      const char *line_name);

/* Put the command-line values back on top. */
void gopt_apply_cli(struct getty_opts *o, const struct gopt_cli *cli);

/* Resolve the line operand: "ttyS0" -> /dev/ttyS0 and name "ttyS0";
 * "/dev/pts/3" -> name "pts/3"; another path -> its base name. */
int gopt_resolve_line(struct getty_opts *o, const char *operand, char *err, size_t errlen);

/* Check values that make the run impossible (an invalid speed): 0 ok, -1 with err. */
int gopt_validate(const struct getty_opts *o, char *err, size_t errlen);

/* --help text, from the table. */
void gopt_usage(FILE *f);

/* Is key a known mgetty.config keyword (used by the man page test)? */
bool gopt_known_key(const char *key);
/* Name of the i-th config keyword we implement (NULL past the end). */
const char *gopt_key_at(size_t i);

#endif
