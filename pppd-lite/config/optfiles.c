/* optfiles: read options files in pppd's order (pppd.8 "OPTIONS FILES"). */
#include "optfiles.h"

#include <errno.h>
#include <stdarg.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/bigbuf.h"
#include "common/config.h"
#include "common/strvec.h"
#include "pppd-lite/sys/privilege.h"

const char *optfiles_etc_dir(void)
{
    const char *e = priv_trusted_getenv("PPPD_LITE_ETC");
    return e ? e : PPPD_LITE_ETC_DIR;
}

int optfiles_etc_path(char *out, size_t outlen, const char *name)
{
    int n = snprintf(out, outlen, "%s/%s", optfiles_etc_dir(), name);
    return n < 0 || (size_t)n >= outlen ? -1 : 0;
}

void optfiles_tty_name(const char *device, char *out, size_t outlen)
{
    if (strncmp(device, "/dev/", 5) == 0)
        device += 5;
    snprintf(out, outlen, "%s", device);
    for (char *p = out; *p; p++)
        if (*p == '/')
            *p = '.';
}

static void set_err(struct opt_ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void set_err(struct opt_ctx *ctx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ctx->err, sizeof(ctx->err), fmt, ap);
    va_end(ap);
}

int optfiles_read(struct opt_ctx *ctx, const char *path, bool must_exist, bool priv_parent,
                  bool as_user, int depth)
{
    char *text = NULL;
    size_t len = 0;
    char err[CFG_ERR_MAX];
    struct priv_user pu;
    /* pppd options_from_file(): a file the user names is opened with the
     * user's rights, so a set-uid pppd-lite reads nothing the user could not */
    if (as_user)
        priv_user_begin(&pu);
    int rc = cfg_read_file(path, &text, &len, err, sizeof(err));
    if (as_user)
        priv_user_end(&pu);
    if (rc < 0) {
        if (!must_exist && errno == ENOENT)
            return 0;
        snprintf(ctx->err, sizeof(ctx->err), "%s", err);
        return -1;
    }
    /* messages may quote its words only if the user could read it anyway */
    bool show = ctx->privileged_invoker || as_user || access(path, R_OK) == 0;
    char why[CFG_ERR_MAX];
    bool priv = ctx->privileged_invoker ||
                (priv_parent && cfg_check_path_secure(path, false, why, sizeof(why)) == 0);

    struct strvec wl = { 0 };
    struct cfg_lexer lx;
    static struct cfg_word w;   /* 1 KiB: keep it off the stack of nested reads */
    rc = 0;
    cfg_lexer_init(&lx, path, text, len);
    for (;;) {
        int r = cfg_next_word(&lx, &w);
        if (r == 0)
            break;
        if (r < 0) {
            snprintf(ctx->err, sizeof(ctx->err), "%s", lx.err);
            rc = -1;
            break;
        }
        if (strvec_add(&wl, w.text, w.line) < 0) {
            snprintf(ctx->err, sizeof(ctx->err), "%s: out of memory", path);
            rc = -1;
            break;
        }
    }
    free(text);
    if (rc == 0) {
        struct opt_source src = { .file = path, .line = 0, .priv = priv, .show_words = show,
                                  .depth = depth };
        rc = options_apply_all(ctx, &src, wl.v, wl.lines, wl.n);
    }
    strvec_free(&wl);
    return rc;
}

static int include_file(struct opt_ctx *ctx, const char *name, bool is_call,
                        const struct opt_source *from)
{
    char path[PATH_MAX];
    if (is_call) {
        char rel[PATH_MAX];
        snprintf(rel, sizeof(rel), "peers/%s", name);
        if (optfiles_etc_path(path, sizeof(path), rel) < 0) {
            snprintf(ctx->err, sizeof(ctx->err), "call: name too long");
            return -1;
        }
    } else {
        snprintf(path, sizeof(path), "%s", name);
    }
    /* Peers files are privileged sources (when root-owned); `file` inherits. */
    bool priv_parent = is_call || from->priv;
    if (optfiles_read(ctx, path, true, priv_parent, true, from->depth + 1) < 0) {
        if (strncmp(ctx->err, "cannot open", 11) == 0 && from->file) {
            char msg[sizeof(ctx->err)];
            memcpy(msg, ctx->err, sizeof(msg));
            set_err(ctx, "%s:%u: %s", from->file, from->line, msg);
        }
        return -1;
    }
    return 0;
}

static int apply_argv(struct opt_ctx *ctx, int argc, char **argv)
{
    struct opt_source src = { .file = NULL, .line = 0, .priv = ctx->privileged_invoker,
                              .show_words = true };
    return options_apply_all(ctx, &src, argv + 1, NULL, argc > 1 ? (size_t)argc - 1 : 0);
}

static const char *home_dir(void)
{
    const char *h = getenv("HOME");
    if (h && *h)
        return h;
    struct passwd *pw = getpwuid(getuid());
    return pw ? pw->pw_dir : NULL;
}

int optfiles_load(struct opt_ctx *ctx, int argc, char **argv, const char *stdin_tty)
{
    char path[PATH_MAX];
    ctx->include = include_file;

    if (optfiles_etc_path(path, sizeof(path), "options") < 0 ||
        optfiles_read(ctx, path, false, true, false, 0) < 0)
        return -1;
    const char *home = home_dir();
    if (home) {
        snprintf(path, sizeof(path), "%s/.ppprc", home);
        if (optfiles_read(ctx, path, false, false, true, 0) < 0)
            return -1;
    }

    /* Pre-scan the command line (and the files it names) for the device. */
    struct ppp_options *saved = ctx->o;
    /* a mapping of its own: the copy's pages go back to the kernel after */
    struct ppp_options *scan = bigbuf_alloc(sizeof(*scan));
    if (!scan) {
        snprintf(ctx->err, sizeof(ctx->err), "out of memory");
        return -1;
    }
    *scan = *saved;
    ctx->o = scan;
    int rc = apply_argv(ctx, argc, argv);
    ctx->o = saved;
    if (rc == 0)
        snprintf(saved->device, sizeof(saved->device), "%s", scan->device);
    bigbuf_free(scan, sizeof(*scan));
    if (rc < 0)
        return -1;

    const char *tty = saved->device[0] ? saved->device : stdin_tty;
    if (tty && *tty) {
        char name[PATH_MAX - 16], rel[PATH_MAX];
        optfiles_tty_name(tty, name, sizeof(name));
        snprintf(rel, sizeof(rel), "options.%s", name);
        ctx->device_fixed = true;
        rc = optfiles_etc_path(path, sizeof(path), rel) < 0 ? -1
             : optfiles_read(ctx, path, false, true, false, 0);
        ctx->device_fixed = false;
        if (rc < 0)
            return -1;
    }
    return apply_argv(ctx, argc, argv);
}
