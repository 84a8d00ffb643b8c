/* pplconf: the argument list ppplogin gives pppd-lite.
 *
 * /etc/ppp/ppplogin.conf holds pppd-lite's arguments as words, lexed like a
 * pppd options file ('#' comments, quotes, backslash escapes, any number of
 * lines). Without the file the seed HOWTO's line is used:
 * "-detach silent modem crtscts". Sans-I/O: the caller reads the file. */
#ifndef PPPLOGIN_PPLCONF_H
#define PPPLOGIN_PPLCONF_H

#include <stddef.h>

#define PPLCONF_DEFAULT_FILE "/etc/ppp/ppplogin.conf"
#define PPLCONF_DEFAULT_PPPD "/usr/local/sbin/pppd-lite"
#define PPLCONF_MAX_ARGS 64
#define PPLCONF_ERR_MAX 320

struct pplconf {
    size_t argc;                          /* words, without argv[0] */
    char *argv[PPLCONF_MAX_ARGS + 2];     /* argv[0] = program base name, NULL ended */
    char *storage;                        /* malloc'd words */
};

/* Defaults: "-detach silent modem crtscts". 0, -1 out of memory. */
int pplconf_defaults(struct pplconf *c, const char *program);
/* Words from the text of ppplogin.conf. 0; -1 with "FILE:LINE: message" in
 * err (bad quoting, too many words, a NUL byte). */
int pplconf_parse(struct pplconf *c, const char *program, const char *file, const char *text,
                  size_t len, char *err, size_t errlen);
void pplconf_free(struct pplconf *c);

#endif
