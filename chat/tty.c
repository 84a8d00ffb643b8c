#include "tty.h"

#include <string.h>

int chat_tty_raw(struct chat_tty *t, int fd, const char **what)
{
    struct termios tio;
    memset(t, 0, sizeof *t);
    t->fd = fd;
    if (tcgetattr(fd, &tio) < 0) {
        *what = "Can't get terminal parameters";
        return -1;
    }
    t->saved = tio;
    t->saved_valid = true;
    tio.c_iflag |= IGNBRK | ISTRIP | IGNPAR;
    tio.c_oflag = 0;
    tio.c_lflag = 0;
    tio.c_cc[VERASE] = 0;
    tio.c_cc[VKILL] = 0;
    tio.c_cc[VMIN] = 1;
    tio.c_cc[VTIME] = 0;
    if (tcsetattr(fd, TCSANOW, &tio) < 0) {
        *what = "Can't set terminal parameters";
        return -1;
    }
    return 0;
}

int chat_tty_restore(struct chat_tty *t)
{
    if (!t->saved_valid)
        return 0;
    t->saved_valid = false;
    return tcsetattr(t->fd, TCSANOW, &t->saved);
}
