/* scriptfile: read a -f chat file into memory for chat_words_parse_text.
 *
 * The file may be anything the user names: a FIFO that never writes, or an
 * endless source such as /dev/zero. So the size is capped (CHAT_FILE_MAX)
 * and every read waits with SIGINT/SIGTERM/SIGHUP let in, so a signal ends
 * chat with its usual status at any point. */
#ifndef CHAT_SCRIPTFILE_H
#define CHAT_SCRIPTFILE_H

#include "run.h"

#define CHAT_FILE_MAX (1024 * 1024)

enum chat_file_result {
    CHAT_FILE_OK,
    CHAT_FILE_ERROR,  /* message in err */
    CHAT_FILE_SIGNAL, /* a signal arrived while reading */
};

/* Read and tokenise path into w. Errors: "FILE -- open failed: ERROR",
 * "FILE -- read failed: ERROR", "FILE -- chat script longer than 1048576
 * bytes", "unterminated quote (line N)". */
enum chat_file_result chat_file_load(struct chat_run *r, struct chat_words *w, const char *path,
                                     char *err, size_t errlen);

#endif
