/* secrets: pppd's pap-secrets / chap-secrets files.
 *
 *   # client   server   secret      IP addresses ...
 *   joe        *        "s3cret"    192.0.2.10
 *   *          *        ""          *
 *
 * Lexed with the options-file lexer (config.h). An entry starts on a new
 * line: client, server, secret, then address words up to the end of the
 * line. "*" alone matches any name; "" matches only the empty name. The best
 * match has the fewest wildcards (an exact client beats an exact server
 * beats none); among equals the first wins. A secret "@/path" is read from
 * that file (first line). Address words: none, or "-" first: no address
 * allowed; "*": any; "!a.b.c.d" or "!a.b.c.d/n": excluded; "a.b.c.d",
 * "a.b.c.d/n": allowed; "a.b.c.d/n+": the one address (unit + 1) of the
 * subnet. Words after "--" are extra options and are ignored.
 *
 * Address words are evaluated in order and the first one that matches decides
 * (pppd); "-" ends the list. Only dotted numbers are understood: host and
 * network names are NOT resolved, such a word (like a bad "/n") matches
 * nothing. The "@/path" secret is read for the winning entry only; a missing,
 * unreadable or empty file is an error naming it.
 *
 * Malformed input costs only its own line: a lexer error (unterminated
 * quote, overlong word) or an entry with an overlong or NUL-holding name, an
 * overlong secret, more than SECRETS_ADDRS_MAX addresses or an address word
 * of SECRETS_ADDR_WORD_MAX bytes or more is logged as a warning naming the
 * file and line, that line is ignored and the rest of the file is used (one
 * typo must not lock every other user out). A line with fewer than three
 * words is skipped with a warning, as pppd does. */
#ifndef COMMON_SECRETS_H
#define COMMON_SECRETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SECRETS_NAME_MAX 256
#define SECRETS_SECRET_MAX 256
#define SECRETS_ADDRS_MAX 32
#define SECRETS_ADDR_WORD_MAX 64

struct secret_match {
    char client[SECRETS_NAME_MAX];
    char server[SECRETS_NAME_MAX];
    char secret[SECRETS_SECRET_MAX];
    size_t secret_len;
    char addrs[SECRETS_ADDRS_MAX][SECRETS_ADDR_WORD_MAX];
    size_t n_addrs;
    unsigned line;           /* where the entry starts */
};

/* Find the best entry for client/server (NULL matches every entry's column).
 * 1 found, 0 none, -1 error with "FILE:LINE: message" in err. */
int secrets_lookup_text(const char *filename, const char *text, size_t len,
                        const char *client, const char *server,
                        struct secret_match *m, char *err, size_t errlen);
int secrets_lookup_file(const char *path, const char *client, const char *server,
                        struct secret_match *m, char *err, size_t errlen);

/* Is addr (host byte order) allowed for the peer by the entry's address words? */
bool secrets_addr_allowed(const struct secret_match *m, uint32_t addr, unsigned unit);
/* pppd's some_ip_ok: do the words allow any address at all? (No words, or
 * "-" before any permitting word: no.) */
bool secrets_some_addr_ok(const struct secret_match *m);
/* When the words name exactly one usable address (a.b.c.d, a.b.c.d/32 or
 * a.b.c.d/n+), store it and return true: pppd uses it as the peer's address. */
bool secrets_suggested_addr(const struct secret_match *m, unsigned unit, uint32_t *addr);
/* Constant-time comparison for secrets and passwords: a is the stored secret,
 * b what the peer sent; the time taken depends on blen only. */
bool secrets_equal(const void *a, size_t alen, const void *b, size_t blen);
/* Overwrite a secret in memory so it does not linger. */
void secrets_wipe(void *p, size_t n);

#endif
