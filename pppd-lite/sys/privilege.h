/* privilege: who counts as privileged, decided as pppd decides it, and
 * doing what the invoking user names with that user's own rights.
 *
 * pppd-lite may be installed set-uid root (pppd was until 2.5.0, and
 * contrib/demo installs it so). Then the effective uid is 0 for every local
 * user, so "effective rights" must never stand for "privileged invoker":
 * only a real uid of 0 does, or CAP_NET_ADMIN that the invoker already held
 * (ambient or inherited, pppd HEAD PR #608) when the kernel did not raise
 * our rights at exec (AT_SECURE: set-uid, set-gid or file capabilities).
 * Files a user names (`file`, `call`, ~/.ppprc, `logfile`) are opened with
 * the real uid and gid, as pppd's seteuid(getuid()) around fopen(), and
 * device scripts (connect, init, welcome, disconnect, pty) run as the real
 * user, as pppd's device_script(). */
#ifndef PPPD_LITE_PRIVILEGE_H
#define PPPD_LITE_PRIVILEGE_H

#include <stdbool.h>
#include <sys/types.h>

/* The kernel raised our rights at exec (set-uid, set-gid, file capabilities):
 * the environment and the invoker are not to be trusted. */
bool priv_raised(void);
/* The invoking user may use privileged options: real uid 0, or CAP_NET_ADMIN
 * in the effective set without raised rights. */
bool priv_invoker_privileged(void);

/* We can create and configure the interface: effective uid 0 (root, or
 * set-uid root) or CAP_NET_ADMIN in the effective set. */
bool priv_can_make_interface(void);

/* Act with the real uid and gid until priv_user_end (no-op when they are
 * already the effective ones). errno is preserved by priv_user_end. */
struct priv_user {
    uid_t euid;
    gid_t egid;
    bool active;
};
void priv_user_begin(struct priv_user *p);
void priv_user_end(struct priv_user *p);

/* In a child before exec: become the real user for good (real, effective
 * and saved ids). 0 ok, -1 when the ids could not be dropped. */
int priv_child_become_user(void);

/* An environment variable that redirects files (PPPD_LITE_ETC and friends),
 * or NULL when unset, empty or our rights are raised. */
const char *priv_trusted_getenv(const char *name);

#endif
