/* modem: mgetty's modem dialogue: chat sequences (init, answer, health
 * check), waiting for RINGs, DTR toggling.
 *
 * A chat sequence is "expect send expect send ...", starting with an
 * expect; "" is an empty word (expect nothing / send nothing). Send strings
 * understand \r \n \t \s (space) \\ \d (wait 1 s) \p (wait 1/4 s) and \c (no
 * CR at the end; otherwise a CR is sent after the string). Expect strings
 * understand \r \n \t \s \\ and match anywhere in the modem's output. */
#ifndef GETTY_MODEM_H
#define GETTY_MODEM_H

#include <stdbool.h>
#include <stddef.h>

#include "callinfo.h"
#include "ring.h"

#define GMODEM_WORDS_MAX 32
#define GMODEM_WORD_MAX 128

struct gmodem_chat {
    size_t n;
    char words[GMODEM_WORDS_MAX][GMODEM_WORD_MAX];
};

/* Split chat text into words ("double quotes" group, "" is an empty word).
 * 0 ok; -1 with a reason in err (unterminated quote, too many or too long words). */
int gmodem_chat_parse(struct gmodem_chat *chat, const char *text, char *err, size_t errlen);

/* One step of a send string, for the runner. */
enum gmodem_send_op { GSEND_BYTES, GSEND_DELAY_MS };
/* Expand a send word: bytes go to out (NUL-ended, *outlen set), *add_cr
 * tells whether a CR follows; delays are reported through the callback as
 * they occur in order (bytes written so far are flushed first by it).
 * Sans-I/O: the callback does the I/O. Returns 0, -1 when out is too small. */
typedef int (*gmodem_emit_fn)(void *ctx, enum gmodem_send_op op, const char *bytes, size_t len,
                              unsigned ms);
int gmodem_send_expand(const char *word, gmodem_emit_fn emit, void *ctx);
/* Expand an expect word into out: 0, or -1 when it does not fit. */
int gmodem_expect_expand(const char *word, char *out, size_t outlen);

/* Run a chat over fd with an overall timeout. Everything received goes to
 * rx (NUL-ended, for the CONNECT string). aborts: NULL-ended strings that
 * fail the chat when seen. 0 ok; -1 with the reason in err. */
int gmodem_run_chat(int fd, const char *chat_text, int timeout_ms, const char *const *aborts,
                    char *rx, size_t rxcap, char *err, size_t errlen);

/* Read RING lines (caller-id lines go to info) and feed them with the
 * clock to ring, started by the caller with gring_start (ring.h), until it
 * decides. Returns GRING_ANSWER, GRING_STOPPED, GRING_NO_RECALL or
 * GRING_NO_RING (with a reason in err), or -1 when the line fails (err). */
int gmodem_wait_rings(int fd, struct gring *ring, struct gcall_info *info, char *err,
                      size_t errlen);

#endif
