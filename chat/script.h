/* script: the word list chat runs, from argv or from a -f chat file.
 *
 * A chat file is read as chat(8) reads it: lines of at most 1023 bytes, a
 * line whose first column is '#' is a comment, words are separated by blanks,
 * a word may be quoted with ' or " (a backslash protects the next character
 * and stays in the word for the escape stage), and any number of words may be
 * on a line. Words alternate expect, send, expect, send... across lines. */
#ifndef CHAT_SCRIPT_H
#define CHAT_SCRIPT_H

#include <stddef.h>

struct chat_words {
    char **v;
    size_t n, cap;
};

/* Append a copy of word; -1 on allocation failure. */
int chat_words_add(struct chat_words *w, const char *word);
void chat_words_free(struct chat_words *w);

/* Tokenise one line (modified in place). On an unterminated quote, returns -1
 * and writes chat's message "unterminated quote (line N)" into err. */
int chat_words_parse_line(struct chat_words *w, char *line, int lineno, char *err, size_t errlen);

/* Tokenise a whole chat file held in memory (as chat's fgets loop does;
 * scriptfile.c reads the file). */
int chat_words_parse_text(struct chat_words *w, const char *text, size_t len, char *err, size_t errlen);

/* The words chat treats as keywords in an expect position. */
enum chat_keyword {
    CHAT_KW_NONE,
    CHAT_KW_ABORT,
    CHAT_KW_CLR_ABORT,
    CHAT_KW_REPORT,
    CHAT_KW_CLR_REPORT,
    CHAT_KW_TIMEOUT,
    CHAT_KW_ECHO,
    CHAT_KW_HANGUP,
    CHAT_KW_SAY,
};
enum chat_keyword chat_keyword(const char *word);

#endif
