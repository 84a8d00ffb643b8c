/* config: the pppd options-file lexer and safe config-file reading.
 *
 * Lexing rules (pppd's getword): words separated by white space; '#' starts
 * a comment to the end of the line (outside quotes and not inside a word);
 * "double" and 'single' quotes group text into one word and may span lines;
 * backslash escapes: \a \b \f \n \r \s(space) \t \v, \ooo octal (1-3 digits),
 * \xhh hex (1-2 digits), backslash-newline continues the line, any other
 * character stands for itself. Words longer than CFG_WORD_MAX-1 bytes are an
 * error, and so is a quote still open at the end of the text. Errors name the
 * file and line the word starts on: "FILE:LINE: message", and are sticky.
 * A quote opens only at the start of a word and its closing quote ends the
 * word (pppd); a '#' inside an unquoted word is part of the word. */
#ifndef COMMON_CONFIG_H
#define COMMON_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#define CFG_WORD_MAX 1024
#define CFG_ERR_MAX 320
#define CFG_FILE_MAX (1024 * 1024)   /* largest config file we read */

struct cfg_lexer {
    const char *file;        /* name used in messages */
    const char *text;
    size_t len;
    size_t pos;
    unsigned line;           /* current line, from 1 */
    unsigned words;          /* words returned so far */
    size_t word_pos;         /* where the last word (or failed word) started */
    unsigned word_line;
    char err[CFG_ERR_MAX];
};

struct cfg_word {
    char text[CFG_WORD_MAX]; /* NUL-terminated; may hold NULs from \0 escapes (see len) */
    size_t len;
    unsigned line;           /* line the word starts on */
    bool newline_before;     /* first word, or a line break since the previous word */
    bool quoted;             /* any part of it was quoted ("" is an empty quoted word) */
};

void cfg_lexer_init(struct cfg_lexer *lx, const char *file, const char *text, size_t len);
/* 1: a word; 0: end of text; -1: error (message in lx->err). */
int cfg_next_word(struct cfg_lexer *lx, struct cfg_word *w);
/* After an error: forget it and go on at the line after the one where the
 * failed word started (a reader that skips a bad line, as secrets does).
 * The next word counts as the first of its line. */
void cfg_lexer_skip_line(struct cfg_lexer *lx);

/* Read a whole regular file (at most CFG_FILE_MAX bytes) into a malloc'd,
 * NUL-ended buffer. -1 with errno and a message "cannot open FILE: reason"
 * ("cannot read FILE: ..." for read errors and files that are too big) in err;
 * directories, FIFOs and devices are refused. */
int cfg_read_file(const char *path, char **text, size_t *len, char *err, size_t errlen);

/* pppd 2.5.3's path check for privileged files, scripts and secrets: the
 * file and every directory above it owned by root (or by our own euid when
 * allow_own_uid, for tests in user namespaces) and not writable by group or
 * others. 0 when safe; -1 with a reason in why. */
int cfg_check_path_secure(const char *path, bool allow_own_uid, char *why, size_t whylen);
/* 1 when group or others may read the file (warn about secrets), 0 not, -1 error. */
int cfg_file_readable_by_others(const char *path);

#endif
