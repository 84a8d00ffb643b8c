/* child: what every child pppd-lite starts (device scripts, ip-up/down)
 * does first: its own process group, so a signal to the group reaches the
 * whole script, and the signal state of a fresh program. */
#ifndef PPPD_LITE_CHILD_H
#define PPPD_LITE_CHILD_H

void child_prepare(void);

#endif
