/* privilege: pppd's privilege rules (main.c, options.c, device_script). */
#include "privilege.h"

#include <errno.h>
#include <linux/capability.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <unistd.h>

bool priv_raised(void)
{
    return getauxval(AT_SECURE) != 0 || getuid() != geteuid() || getgid() != getegid();
}

static bool has_net_admin(void)
{
    struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
    struct __user_cap_data_struct data[2];

    memset(data, 0, sizeof(data));
    if (syscall(SYS_capget, &hdr, data) < 0)
        return false;
    return (data[CAP_NET_ADMIN / 32].effective & (1u << (CAP_NET_ADMIN % 32))) != 0;
}

bool priv_invoker_privileged(void)
{
    if (getuid() == 0)
        return true;
    return !priv_raised() && has_net_admin();
}

bool priv_can_make_interface(void)
{
    return geteuid() == 0 || has_net_admin();
}

void priv_user_begin(struct priv_user *p)
{
    p->euid = geteuid();
    p->egid = getegid();
    p->active = p->euid != getuid() || p->egid != getgid();
    if (!p->active)
        return;
    /* group first: after seteuid to a user we could no longer change it */
    if (setegid(getgid()) < 0 || seteuid(getuid()) < 0)
        abort();   /* carrying on with raised rights would open the file as root */
}

void priv_user_end(struct priv_user *p)
{
    int saved = errno;

    if (p->active && (seteuid(p->euid) < 0 || setegid(p->egid) < 0))
        abort();   /* without our rights back the link cannot be run or cleaned up */
    p->active = false;
    errno = saved;
}

int priv_child_become_user(void)
{
    gid_t gid = getgid();
    uid_t uid = getuid();

    if (setresgid(gid, gid, gid) < 0 || setresuid(uid, uid, uid) < 0)
        return -1;
    return geteuid() == uid && getegid() == gid ? 0 : -1;
}

const char *priv_trusted_getenv(const char *name)
{
    const char *v = getenv(name);

    return v && *v && !priv_raised() ? v : NULL;
}
