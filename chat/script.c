#include "script.h"

#include "escape.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int chat_words_add(struct chat_words *w, const char *word)
{
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 16;
        char **v = realloc(w->v, cap * sizeof *v);
        if (!v)
            return -1;
        w->v = v;
        w->cap = cap;
    }
    char *copy = strdup(word);
    if (!copy)
        return -1;
    w->v[w->n++] = copy;
    return 0;
}

void chat_words_free(struct chat_words *w)
{
    for (size_t i = 0; i < w->n; i++)
        free(w->v[i]);
    free(w->v);
    w->v = NULL;
    w->n = w->cap = 0;
}

int chat_words_parse_line(struct chat_words *w, char *line, int lineno, char *err, size_t errlen)
{
    char *nl = strchr(line, '\n');
    if (nl)
        *nl = '\0';
    if (line[0] == '#') /* only column 1 starts a comment, as in chat(8) */
        return 0;
    char *sp = line;
    while (*sp) {
        if (*sp == ' ' || *sp == '\t') {
            sp++;
            continue;
        }
        char *arg;
        if (*sp == '"' || *sp == '\'') {
            char quote = *sp++;
            arg = sp;
            while (*sp != quote) {
                if (*sp == '\0') {
                    snprintf(err, errlen, "unterminated quote (line %d)", lineno);
                    return -1;
                }
                if (*sp++ == '\\' && *sp != '\0')
                    sp++;
            }
        } else {
            arg = sp;
            while (*sp && *sp != ' ' && *sp != '\t')
                sp++;
        }
        /* the closing quote or the blank ends the word */
        if (*sp)
            *sp++ = '\0';
        if (chat_words_add(w, arg) < 0) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
    }
    return 0;
}

int chat_words_parse_text(struct chat_words *w, const char *text, size_t len, char *err, size_t errlen)
{
    char line[CHAT_STR_LEN];
    size_t pos = 0;
    int lineno = 0;
    while (pos < len) {
        /* like fgets(buf, 1024): up to and including '\n', at most 1023 bytes */
        size_t n = 0;
        while (pos < len && n < sizeof line - 1) {
            char c = text[pos++];
            line[n++] = c;
            if (c == '\n')
                break;
        }
        line[n] = '\0';
        lineno++;
        if (chat_words_parse_line(w, line, lineno, err, errlen) < 0)
            return -1;
    }
    return 0;
}

enum chat_keyword chat_keyword(const char *word)
{
    static const struct {
        const char *name;
        enum chat_keyword kw;
    } table[] = {
        { "ABORT", CHAT_KW_ABORT },     { "CLR_ABORT", CHAT_KW_CLR_ABORT },
        { "REPORT", CHAT_KW_REPORT },   { "CLR_REPORT", CHAT_KW_CLR_REPORT },
        { "TIMEOUT", CHAT_KW_TIMEOUT }, { "ECHO", CHAT_KW_ECHO },
        { "HANGUP", CHAT_KW_HANGUP },   { "SAY", CHAT_KW_SAY },
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(word, table[i].name) == 0)
            return table[i].kw;
    return CHAT_KW_NONE;
}
