/* tty: chat's own modes on the modem line (fd 0), as chat(8) sets them:
 * IGNBRK|ISTRIP|IGNPAR added, no output processing, no line discipline,
 * VMIN 1; the old modes come back on exit. */
#ifndef CHAT_TTY_H
#define CHAT_TTY_H

#include <stdbool.h>
#include <termios.h>

struct chat_tty {
    int fd;
    bool saved_valid;
    struct termios saved;
};

/* -1 with errno and *what set to chat's message ("Can't get terminal
 * parameters" / "Can't set terminal parameters"). */
int chat_tty_raw(struct chat_tty *t, int fd, const char **what);
/* -1 with errno when the old modes cannot be put back. */
int chat_tty_restore(struct chat_tty *t);

#endif
