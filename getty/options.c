/* options: one descriptor table for getty's flags and mgetty.config keys. */
#include "options.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/linetable.h"
#include "common/log.h"
#include "common/serial.h"

enum gtype {
    GT_INT,        /* integer in [min, max] */
    GT_BOOL,       /* config: boolean value; flag: sets true */
    GT_STR,        /* string, rest of the line */
    GT_CHAT,       /* chat sequence, kept as text, split by the modem code */
    GT_IGNORED,    /* mgetty knows it, we accept it and do nothing (logged) */
};

struct gdesc {
    const char *key;       /* mgetty.config keyword, NULL: command line only */
    const char *lopt;      /* long option, NULL: none */
    int sopt;              /* short option, 0: none */
    enum gtype type;
    size_t off, size;
    long min, max;
    bool has_arg;          /* for GT_IGNORED flags */
    const char *metavar;
    const char *help;
};

#define F(m) offsetof(struct getty_opts, m), sizeof(((struct getty_opts *)0)->m)
#define NOF 0, 0

static const struct gdesc table[] = {
    { "debug", NULL, 'x', GT_INT, F(debug), 0, 9, true, "level", "debug level 0-9 (>0: per-line log file)" },
    { "speed", NULL, 's', GT_INT, F(speed), 50, 4000000, true, "speed", "port speed (38400)" },
    { "direct", NULL, 'r', GT_BOOL, F(direct), 0, 1, false, NULL, "direct line: no modem chat, no RING" },
    { "blocking", NULL, 'b', GT_BOOL, F(blocking), 0, 1, false, NULL, "open the line blocking: waits for carrier unless CLOCAL (no)" },
    { "data-only", NULL, 'D', GT_BOOL, F(data_only), 0, 1, false, NULL, "data only, no fax (always the case)" },
    { "fido-send-emsi", NULL, 0, GT_BOOL, F(fido_send_emsi), 0, 1, false, NULL, "send the FidoNet EMSI request before the prompt (yes)" },
    { "fax-only", NULL, 'F', GT_BOOL, F(fax_only), 0, 1, false, NULL, "fax only: not supported, refused" },
    { "init-chat", NULL, 'm', GT_CHAT, F(init_chat), 0, 0, true, "'expect send ...'", "modem initialisation chat" },
    { "answer-chat", NULL, 0, GT_CHAT, F(answer_chat), 0, 0, true, NULL, "answer chat (\"\" ATA CONNECT \\c \\r)" },
    { "answer-chat-timeout", NULL, 0, GT_INT, F(answer_chat_timeout), 1, 3600, true, NULL, "seconds for the answer chat (80)" },
    { "rings", NULL, 'n', GT_INT, F(rings), 1, 100, true, "rings", "answer after this many RINGs (1)" },
    { "ringback", NULL, 0, GT_BOOL, F(ringback), 0, 1, false, NULL, "ringback: let the first call ring out, answer a second one (no)" },
    { "ringback-time", NULL, 'R', GT_INT, F(ringback_time), 0, 3600, true, "seconds", "ringback: seconds for the second call, at least 30 (30); -R also turns ringback on" },
    { "login-time", NULL, 0, GT_INT, F(login_time), 0, 86400, true, NULL, "seconds to type the login name (240)" },
    { "toggle-dtr", NULL, 0, GT_BOOL, F(toggle_dtr), 0, 1, false, NULL, "drop DTR to reset the modem (yes)" },
    { "toggle-dtr-waittime", NULL, 0, GT_INT, F(toggle_dtr_waittime), 0, 60000, true, NULL, "milliseconds DTR stays low (500)" },
    { "modem-check-time", NULL, 0, GT_INT, F(modem_check_time), 0, 86400 * 7, true, NULL, "seconds between AT/OK checks while idle (3600, 0 off)" },
    { "prompt-waittime", NULL, 0, GT_INT, F(prompt_waittime), 0, 60000, true, NULL, "milliseconds before the issue and prompt (500)" },
    { "login-prompt", NULL, 'p', GT_STR, F(login_prompt), 0, 0, true, "prompt", "login prompt (\"@ login: \")" },
    { "issue-file", NULL, 'i', GT_STR, F(issue_file), 0, 0, true, "file", "issue file printed before the prompt (/etc/issue)" },
    { "port-owner", NULL, 0, GT_STR, F(port_owner), 0, 0, true, NULL, "owner of the line while idle (root)" },
    { "port-group", NULL, 0, GT_STR, F(port_group), 0, 0, true, NULL, "group of the line while idle (dialout)" },
    { "port-mode", NULL, 0, GT_INT, F(port_mode), 0, 07777, true, NULL, "mode of the line while idle (0660)" },
    { "login-conf-file", NULL, 0, GT_STR, F(login_conf_file), 0, 0, true, NULL, "login.config path" },
    { NULL, NULL, 'c', GT_STR, F(config_file), 0, 0, true, "file", "mgetty.config to read" },
    { NULL, "config-dir", 0, GT_STR, F(config_dir), 0, 0, true, "dir", "directory of mgetty.config and login.config" },
    { NULL, "lock-dir", 0, GT_STR, F(lock_dir), 0, 0, true, "dir", "UUCP lock directory (/var/lock)" },
    { NULL, "log-dir", 0, GT_STR, F(log_dir), 0, 0, true, "dir", "directory of mg_<line>.log (/var/log/mgetty)" },
    { NULL, "utmp", 0, GT_STR, F(utmp_file), 0, 0, true, "file", "utmp file (system default)" },
    { NULL, "wtmp", 0, GT_STR, F(wtmp_file), 0, 0, true, "file", "wtmp file (system default)" },
    { NULL, "login", 0, GT_STR, F(login_program), 0, 0, true, "program", "default login program (/bin/login)" },
    { NULL, "nologin-dir", 0, GT_STR, F(nologin_dir), 0, 0, true, "dir", "where nologin.<line> stops answering (/etc)" },
    { NULL, "help", 'h', GT_BOOL, F(help), 0, 1, false, NULL, "this help" },
    { NULL, "version", 'V', GT_BOOL, F(version), 0, 1, false, NULL, "print the version" },
    /* mgetty flags for fax and features we do not have: accepted, logged */
    { NULL, NULL, 'C', GT_IGNORED, NOF, 0, 0, true, "mode", "modem type (ignored: data only)" },
    { NULL, NULL, 'I', GT_IGNORED, NOF, 0, 0, true, "id", "fax id (ignored)" },
    { NULL, NULL, 'S', GT_IGNORED, NOF, 0, 0, true, "file", "fax poll file (ignored)" },
    { NULL, NULL, 'k', GT_IGNORED, NOF, 0, 0, true, "kbytes", "fax spool free space (ignored)" },
    { NULL, NULL, 'a', GT_IGNORED, NOF, 0, 0, false, NULL, "autobauding (ignored)" },
};
#define NTABLE (sizeof table / sizeof table[0])
_Static_assert(NTABLE <= sizeof(((struct gopt_cli *)0)->set), "gopt_cli.set too small");

/* mgetty.config keys we accept and ignore (fax, voice, modem identification). */
static const char *const ignored_keys[] = {
    "fax-id", "modem-type", "modem-quirks", "need-dsr", "open-delay", "data-flow",
    "fax-min-speed", "fax-max-speed", "fax-server-file", "fax-spool-in", "fax-owner",
    "fax-group", "fax-mode", "notify", "diskspace", "switchbd", "statistics-chat",
    "statistics-file", "gettydefs", "term", "force-init-chat", "post-init-chat",
    "get-cnd-chat", "cid-program", "cnd-program", "msn-list", "autobauding",
    "ignore-carrier", "login-env-ttyprompt-hack", "modem-init-delay",
};

void gopt_defaults(struct getty_opts *o)
{
    memset(o, 0, sizeof *o);
    o->speed = 38400;
    /* Debian's mgetty 1.2.1 (upstream: ... OK ATS0=0Q0&D3&C1 OK) */
    snprintf(o->init_chat, sizeof o->init_chat, "\"\" \\dATQ0V1H0 OK AT OK");
    snprintf(o->answer_chat, sizeof o->answer_chat, "\"\" ATA CONNECT \\c \\r");
    o->answer_chat_timeout = 80;
    o->rings = 1;
    o->ringback_time = 30;
    o->login_time = 240;
    o->toggle_dtr = true;
    o->toggle_dtr_waittime = 500;
    o->modem_check_time = 3600;
    o->prompt_waittime = 500;
    snprintf(o->login_prompt, sizeof o->login_prompt, "@ login: ");  /* Debian's; upstream "@!login: " */
    o->fido_send_emsi = true;
    snprintf(o->issue_file, sizeof o->issue_file, "/etc/issue");
    snprintf(o->port_owner, sizeof o->port_owner, "root");   /* Debian's; upstream "uucp" */
    snprintf(o->port_group, sizeof o->port_group, "dialout");
    o->port_mode = 0660;
    snprintf(o->lock_dir, sizeof o->lock_dir, "/var/lock");
    snprintf(o->log_dir, sizeof o->log_dir, GETTY_LOG_DIR);
    snprintf(o->login_program, sizeof o->login_program, "/bin/login");
    snprintf(o->nologin_dir, sizeof o->nologin_dir, "/etc");
}

static void *field(struct getty_opts *o, const struct gdesc *d)
{
    return (char *)o + d->off;
}

static int parse_bool(const char *v, bool *out)
{
    static const char *const yes[] = { "y", "yes", "t", "true", "on", "1" };
    static const char *const no[] = { "n", "no", "f", "false", "off", "0" };

    if (!v || !*v) {
        *out = true;                 /* a bare keyword */
        return 0;
    }
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (strcasecmp(v, yes[i]) == 0) {
            *out = true;
            return 0;
        }
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (strcasecmp(v, no[i]) == 0) {
            *out = false;
            return 0;
        }
    return -1;
}

/* Store value v for descriptor d; -1 with a reason in err. */
static int set_value(struct getty_opts *o, const struct gdesc *d, const char *v,
                     char *err, size_t errlen)
{
    switch (d->type) {
    case GT_INT: {
        char *end;
        long n;
        if (!v || !*v) {
            snprintf(err, errlen, "'%s' needs a number", d->key ? d->key : "option");
            return -1;
        }
        errno = 0;
        n = strtol(v, &end, 0);
        if (errno || *end || n < d->min || n > d->max) {
            snprintf(err, errlen, "invalid value '%s' for %s (%ld..%ld)", v,
                     d->key ? d->key : "option", d->min, d->max);
            return -1;
        }
        *(int *)field(o, d) = (int)n;
        return 0;
    }
    case GT_BOOL:
        if (parse_bool(v, (bool *)field(o, d)) < 0) {
            snprintf(err, errlen, "invalid boolean '%s' for %s (yes or no)", v, d->key);
            return -1;
        }
        return 0;
    case GT_STR:
    case GT_CHAT: {
        size_t n = v ? strlen(v) : 0;
        const char *s = v ? v : "";
        /* "quoted value" keeps trailing blanks (a prompt such as "login: ") */
        if (d->type == GT_STR && n >= 2 && s[0] == '"' && s[n - 1] == '"') {
            s++;
            n -= 2;
        }
        if (n >= d->size) {
            snprintf(err, errlen, "value for %s too long", d->key ? d->key : "option");
            return -1;
        }
        memcpy(field(o, d), s, n);
        ((char *)field(o, d))[n] = '\0';
        return 0;
    }
    case GT_IGNORED:
        return 0;
    }
    return -1;
}

static void usage_line(FILE *f, const struct gdesc *d)
{
    char flag[64] = "";

    if (d->sopt && d->lopt)
        snprintf(flag, sizeof flag, "-%c, --%s", d->sopt, d->lopt);
    else if (d->sopt)
        snprintf(flag, sizeof flag, "-%c", d->sopt);
    else if (d->lopt)
        snprintf(flag, sizeof flag, "--%s", d->lopt);
    else
        return;
    if (d->has_arg && d->type != GT_BOOL)
        fprintf(f, "  %-16s %-12s %s\n", flag, d->metavar ? d->metavar : "arg", d->help);
    else
        fprintf(f, "  %-16s %-12s %s\n", flag, "", d->help);
}

void gopt_usage(FILE *f)
{
    fprintf(f, "Usage: getty [options] line [gettydefs-tag]\n"
               "An mgetty-compatible answerer: modem or direct line, login.config dispatch, AutoPPP.\n"
               "The line is a name under /dev (ttyS0) or a path.\n\nOptions:\n");
    for (size_t i = 0; i < NTABLE; i++)
        usage_line(f, &table[i]);
    fprintf(f, "\nmgetty.config keywords:");
    for (size_t i = 0, col = 80; i < NTABLE; i++) {
        if (!table[i].key)
            continue;
        if (col + strlen(table[i].key) > 76) {
            fprintf(f, "\n ");
            col = 1;
        }
        col += (size_t)fprintf(f, " %s", table[i].key);
    }
    fprintf(f, "\n");
}

static const struct gdesc *find_key(const char *key)
{
    for (size_t i = 0; i < NTABLE; i++)
        if (table[i].key && strcmp(table[i].key, key) == 0)
            return &table[i];
    return NULL;
}

int gopt_parse_cli(int argc, char **argv, struct gopt_cli *cli, char *err, size_t errlen)
{
    char shortopts[128] = "";   /* no '+': GNU permutation, so "ttyS0 -D /dev/ttyS0" works */
    struct option longopts[NTABLE + 1];
    size_t nlong = 0;
    int c, idx;

    memset(cli, 0, sizeof *cli);
    gopt_defaults(&cli->val);
    for (size_t i = 0; i < NTABLE; i++) {
        const struct gdesc *d = &table[i];
        if (d->sopt) {
            size_t l = strlen(shortopts);
            shortopts[l++] = (char)d->sopt;
            if (d->has_arg && d->type != GT_BOOL)
                shortopts[l++] = ':';
            shortopts[l] = '\0';
        }
        if (d->lopt) {
            longopts[nlong].name = d->lopt;
            longopts[nlong].has_arg = d->has_arg && d->type != GT_BOOL ? required_argument
                                                                       : no_argument;
            longopts[nlong].flag = NULL;
            longopts[nlong].val = 1000 + (int)i;
            nlong++;
        }
    }
    memset(&longopts[nlong], 0, sizeof longopts[nlong]);
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, shortopts, longopts, &idx)) != -1) {
        const struct gdesc *d = NULL;
        size_t i;
        if (c >= 1000 && c < 1000 + (int)NTABLE) {
            i = (size_t)(c - 1000);
            d = &table[i];
        } else {
            for (i = 0; i < NTABLE; i++)
                if (table[i].sopt && table[i].sopt == c) {
                    d = &table[i];
                    break;
                }
        }
        if (!d) {
            if (c == '?' && optopt)
                snprintf(err, errlen, "unknown option '-%c' or missing argument", optopt);
            else
                snprintf(err, errlen, "unknown option '%s'", argv[optind - 1]);
            return -1;
        }
        if (d->type == GT_IGNORED) {
            log_notice("option -%c ignored (%s)", d->sopt, d->help);
            continue;
        }
        if (set_value(&cli->val, d, d->type == GT_BOOL ? "yes" : optarg, err, errlen) < 0)
            return -1;
        cli->set[i] = true;
        if (d->sopt == 'R') {                  /* mgetty: -R turns ringback on */
            const struct gdesc *rb = find_key("ringback");
            cli->val.ringback = true;
            cli->set[rb - table] = true;
        }
    }
    if (cli->val.help || cli->val.version)
        return 0;
    if (optind >= argc) {
        snprintf(err, errlen, "no line given");
        return -1;
    }
    if (gopt_resolve_line(&cli->val, argv[optind], err, errlen) < 0)
        return -1;
    if (optind + 2 < argc) {
        snprintf(err, errlen, "too many operands ('%s')", argv[optind + 2]);
        return -1;
    }
    return 0;
}

int gopt_resolve_line(struct getty_opts *o, const char *operand, char *err, size_t errlen)
{
    int n;

    if (!*operand || strstr(operand, "..")) {
        snprintf(err, errlen, "invalid line name '%s'", operand);
        return -1;
    }
    if (operand[0] == '/') {
        n = snprintf(o->line_path, sizeof o->line_path, "%s", operand);
        if (strncmp(operand, "/dev/", 5) == 0)
            snprintf(o->line_name, sizeof o->line_name, "%s", operand + 5);
        else
            snprintf(o->line_name, sizeof o->line_name, "%s", strrchr(operand, '/') + 1);
    } else {
        n = snprintf(o->line_path, sizeof o->line_path, "/dev/%s", operand);
        snprintf(o->line_name, sizeof o->line_name, "%s", operand);
    }
    if (n < 0 || (size_t)n >= sizeof o->line_path || !o->line_name[0]) {
        snprintf(err, errlen, "invalid line name '%s'", operand);
        return -1;
    }
    return 0;
}

static bool ignored_key(const char *key)
{
    for (size_t i = 0; i < sizeof ignored_keys / sizeof ignored_keys[0]; i++)
        if (strcmp(ignored_keys[i], key) == 0)
            return true;
    return false;
}

bool gopt_known_key(const char *key)
{
    return find_key(key) != NULL || ignored_key(key);
}

const char *gopt_key_at(size_t i)
{
    size_t n = 0;

    for (size_t k = 0; k < NTABLE; k++)
        if (table[k].key && n++ == i)
            return table[k].key;
    return NULL;
}

int gopt_apply_config(struct getty_opts *o, const char *file, const char *text, size_t len,
                      const char *line_name)
{
    struct linetable t;
    static struct linetable_row row;
    char err[LINETABLE_ERR_MAX + 64];
    bool in_section = true;          /* the global part applies */
    int bad = 0, rc;

    if (!file)
        file = "mgetty.config";
    linetable_init(&t, file, text, len);
    while ((rc = linetable_next(&t, 2, &row, err, LINETABLE_ERR_MAX)) != 0) {
        const struct gdesc *d;
        const char *key, *val;
        char why[256];
        if (rc < 0) {
            log_error("%s", err);
            bad++;
            continue;
        }
        key = row.cols[0];
        val = row.ncols > 1 ? row.cols[1] : NULL;
        if (strcmp(key, "port") == 0) {
            if (!val) {
                log_error("%s:%u: 'port' needs a line name", file, row.line);
                bad++;
                in_section = false;
                continue;
            }
            in_section = strcmp(val, line_name ? line_name : "") == 0 ||
                         (strncmp(val, "/dev/", 5) == 0 && line_name &&
                          strcmp(val + 5, line_name) == 0);
            continue;
        }
        d = find_key(key);
        if (!d) {
            if (ignored_key(key)) {
                log_debug("%s:%u: '%s' not supported, ignored", file, row.line, key);
                continue;
            }
            log_error("%s:%u: unknown keyword '%s'", file, row.line, key);
            bad++;
            continue;
        }
        if (!in_section)
            continue;
        if (d->type != GT_BOOL && d->type != GT_STR && d->type != GT_CHAT && !val) {
            log_error("%s:%u: '%s' needs a value", file, row.line, key);
            bad++;
            continue;
        }
        /* a string value may be quoted to keep its trailing blanks; an opening
         * quote that never closes is an error, not part of the value */
        if (d->type == GT_STR && val && val[0] == '"' && !strchr(val + 1, '"')) {
            log_error("%s:%u: unterminated quoted string for %s", file, row.line, key);
            bad++;
            continue;
        }
        if (set_value(o, d, val, why, sizeof why) < 0) {
            log_error("%s:%u: %s", file, row.line, why);
            bad++;
            continue;
        }
    }
    return bad;
}

void gopt_apply_cli(struct getty_opts *o, const struct gopt_cli *cli)
{
    for (size_t i = 0; i < NTABLE; i++) {
        const struct gdesc *d = &table[i];
        if (cli->set[i] && d->size)
            memcpy((char *)o + d->off, (const char *)&cli->val + d->off, d->size);
    }
    memcpy(o->line_path, cli->val.line_path, sizeof o->line_path);
    memcpy(o->line_name, cli->val.line_name, sizeof o->line_name);
}

int gopt_validate(const struct getty_opts *o, char *err, size_t errlen)
{
    if (!serial_speed_valid((unsigned)o->speed)) {
        snprintf(err, errlen, "invalid port speed: %d", o->speed);
        return -1;
    }
    if (o->fax_only) {
        snprintf(err, errlen, "fax-only mode (-F) is not supported: this getty answers data calls only");
        return -1;
    }
    return 0;
}
