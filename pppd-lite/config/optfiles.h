/* optfiles: where pppd-lite's options come from, in pppd's order.
 *
 *   ETC/options, ~/.ppprc, ETC/options.TTY, then the command line;
 *   `file FILE` and `call NAME` (ETC/peers/NAME) anywhere.
 *
 * ETC is the compile-time PPPD_LITE_ETC_DIR ("/etc/ppp" unless the build
 * defines another) or, for tests and staged installs, the environment
 * variable PPPD_LITE_ETC (ignored when our rights were raised at exec). A file is a
 * privileged source when it passes cfg_check_path_secure (root-owned, not
 * writable by others, every directory above it too); ~/.ppprc never is. */
#ifndef PPPD_LITE_OPTFILES_H
#define PPPD_LITE_OPTFILES_H

#include <stdbool.h>
#include <stddef.h>

#include "options.h"

#ifndef PPPD_LITE_ETC_DIR
#define PPPD_LITE_ETC_DIR "/etc/ppp"
#endif

/* The configuration directory in use (no trailing slash). */
const char *optfiles_etc_dir(void);
/* ETC/name into out; -1 when it does not fit. */
int optfiles_etc_path(char *out, size_t outlen, const char *name);
/* pppd's tty name for options.TTY: "/dev/ttyS0" -> "ttyS0", "/dev/pts/3" -> "pts.3". */
void optfiles_tty_name(const char *device, char *out, size_t outlen);

/* Read one options file. must_exist false: a missing file is no error.
 * priv_parent: the file may be privileged (still needs the path check).
 * as_user: open it with the invoking user's rights (a name the user gave:
 * `file`, `call`, ~/.ppprc), as pppd does. */
int optfiles_read(struct opt_ctx *ctx, const char *path, bool must_exist, bool priv_parent,
                  bool as_user, int depth);

/* The whole sequence for a program started with argv[1..argc-1]. Sets up
 * ctx->include. stdin_tty: name of standard input's tty when no device is
 * named (NULL if it is not a tty). 0 ok, -1 with the message in ctx->err. */
int optfiles_load(struct opt_ctx *ctx, int argc, char **argv, const char *stdin_tty);

#endif
