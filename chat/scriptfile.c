#include "scriptfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Read all of fd into a buffer of at most CHAT_FILE_MAX bytes; one byte more
 * tells an over-long file from one of exactly the cap. */
static enum chat_file_result slurp(struct chat_run *r, int fd, const char *path, char **out,
                                   size_t *outlen, char *err, size_t errlen)
{
    size_t cap = CHAT_FILE_MAX + 1, len = 0;
    char *buf = malloc(cap);
    if (!buf) {
        snprintf(err, errlen, "out of memory");
        return CHAT_FILE_ERROR;
    }
    for (;;) {
        if (chat_run_wait_readable(r, fd) < 0) {
            free(buf);
            return CHAT_FILE_SIGNAL;
        }
        ssize_t n = read(fd, buf + len, cap - len);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n < 0) {
            snprintf(err, errlen, "%s -- read failed: %s", path, strerror(errno));
            free(buf);
            return CHAT_FILE_ERROR;
        }
        if (n == 0)
            break;
        len += (size_t)n;
        if (len > CHAT_FILE_MAX) {
            snprintf(err, errlen, "%s -- chat script longer than %d bytes", path, CHAT_FILE_MAX);
            free(buf);
            return CHAT_FILE_ERROR;
        }
    }
    *out = buf;
    *outlen = len;
    return CHAT_FILE_OK;
}

enum chat_file_result chat_file_load(struct chat_run *r, struct chat_words *w, const char *path,
                                     char *err, size_t errlen)
{
    /* O_NONBLOCK: opening a FIFO with no writer must not hang before the
     * signals can be let in; reads then wait in chat_run_wait_readable. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "%s -- open failed: %s", path, strerror(errno));
        return CHAT_FILE_ERROR;
    }
    char *text = NULL;
    size_t len = 0;
    enum chat_file_result res = slurp(r, fd, path, &text, &len, err, errlen);
    close(fd);
    if (res != CHAT_FILE_OK)
        return res;
    if (chat_words_parse_text(w, text, len, err, errlen) < 0)
        res = CHAT_FILE_ERROR;
    free(text);
    return res;
}
