/* child: reset a forked child before exec. */
#include "child.h"

#include <signal.h>
#include <unistd.h>

void child_prepare(void)
{
    setpgid(0, 0);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    for (int s = 1; s < NSIG; s++)
        signal(s, SIG_DFL);
}
