/* ptyscript: drive a program over a pseudo-terminal from a small script.
 *
 * Usage:
 *   ptyscript [-t DEFAULT_TIMEOUT_MS] [-l LINK_PATH] [-T TRANSCRIPT_FILE] [-i]
 *             SCRIPT_FILE -- COMMAND [ARGS...]
 *
 * A pty pair is opened (openpty) and its slave put in raw mode (cfmakeraw), so
 * nothing the test sends is echoed back before the program sets its own modes.
 * With -l, LINK_PATH becomes a symlink to the slave path (removed at exit).
 * Every argument of COMMAND that is exactly {TTY} is replaced by the slave path.
 * The child runs in a new session (setsid); stderr is inherited.
 *   -i   the child gets the slave as stdin and stdout (and as controlling tty):
 *        chat, ppplogin.
 *   (no -i) the child's stdin and stdout are /dev/null and it must open the
 *        tty itself by its path (getty).
 * The master side is then driven by SCRIPT_FILE, one step per line; lines
 * starting with # (after blanks) and blank lines are ignored:
 *   expect TEXT              wait (default timeout) until the bytes received
 *                            since the last match contain TEXT; the match and
 *                            everything before it are then consumed
 *   expect-timeout MS TEXT   the same with its own timeout
 *   reject TEXT              fail if TEXT is in what was received since the
 *                            last match (checked now, nothing is consumed)
 *   send TEXT                write TEXT to the master
 *   send-repeat N TEXT       write TEXT N times (a flooding modem)
 *   sleep MS                 wait MS, still reading the master
 *   hangup                   close the master (the slave sees hangup/EOF)
 *   wait-exit CODE           wait (default timeout) for the child to exit with
 *                            status CODE, or with any status if CODE is `any`
 *   wait-signal              wait (default timeout) for the child to be killed
 *                            by a signal
 *   quiet MS                 fail if any byte arrives within MS
 * TEXT is the rest of the line after one space; it understands the escapes
 * \r \n \t \s (space) \\ \xHH and \0, so binary frames can be sent and
 * leading or trailing blanks written explicitly.
 *
 * Every byte received (escaped, as "recv: " lines) and every step sent
 * ("send: " lines) goes to the -T file, or to stderr. Default timeout 5000 ms.
 * Exit status: 0 when every step passed, 1 with a message naming the failing
 * step's line otherwise (the child is killed), 2 on usage or script errors.
 * When the script ends and the child still runs, it gets SIGTERM (SIGKILL
 * after a second). The master is read while waiting for anything, so the
 * child never blocks on a full pty. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

enum step_kind {
    ST_EXPECT, ST_REJECT, ST_SEND, ST_SLEEP, ST_HANGUP, ST_WAIT_EXIT, ST_WAIT_SIGNAL, ST_QUIET,
};

struct step {
    enum step_kind kind;
    int line;
    long ms;      /* timeout, sleep or quiet time; -1 = default */
    long num;     /* exit code (-1 = any) or repeat count */
    char *text;
    size_t len;
};

static struct {
    const char *script;
    FILE *transcript;
    int master;
    pid_t child;
    bool child_done;
    int child_status;
    unsigned char *rx;      /* bytes received since the last match */
    size_t rx_len, rx_cap;
    bool master_hup;        /* no slave open right now (EIO / POLLHUP) */
    const char *link;
} g = { .master = -1, .child = -1 };

static void die_usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("ptyscript: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    if (g.link)
        unlink(g.link);
    exit(2);
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void put_escaped(FILE *f, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned c = p[i];
        switch (c) {
        case '\r': fputs("\\r", f); break;
        case '\n': fputs("\\n", f); break;
        case '\t': fputs("\\t", f); break;
        case '\\': fputs("\\\\", f); break;
        default:
            if (c < 0x20 || c >= 0x7f)
                fprintf(f, "\\x%02x", c);
            else
                fputc((int)c, f);
        }
    }
}

static void transcript(const char *tag, const unsigned char *p, size_t n)
{
    fprintf(g.transcript, "%s: ", tag);
    put_escaped(g.transcript, p, n);
    fputc('\n', g.transcript);
    fflush(g.transcript);
}

static const char *esc(const struct step *s)
{
    static char out[512];
    FILE *f = fmemopen(out, sizeof out, "w");
    if (!f)
        return "?";
    put_escaped(f, (const unsigned char *)s->text, s->len);
    fclose(f);
    return out;
}

static void kill_child(void)
{
    if (g.child <= 0 || g.child_done)
        return;
    kill(g.child, SIGTERM);
    for (int i = 0; i < 100; i++) {
        if (waitpid(g.child, &g.child_status, WNOHANG) == g.child) {
            g.child_done = true;
            return;
        }
        usleep(10000);
    }
    kill(g.child, SIGKILL);
    waitpid(g.child, &g.child_status, 0);
    g.child_done = true;
}

static void fail(const struct step *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "ptyscript: %s:%d: ", g.script, s->line);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nptyscript: unmatched input: \"", stderr);
    put_escaped(stderr, g.rx, g.rx_len);
    fputs("\"\n", stderr);
    kill_child();
    if (g.link)
        unlink(g.link);
    exit(1);
}

/* ---- script parsing ---- */

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static char *unescape(const char *in, size_t *len, int line)
{
    char *out = malloc(strlen(in) + 1);
    size_t n = 0;
    if (!out)
        die_usage("out of memory");
    for (const char *p = in; *p; p++) {
        if (*p != '\\') {
            out[n++] = *p;
            continue;
        }
        p++;
        switch (*p) {
        case 'r': out[n++] = '\r'; break;
        case 'n': out[n++] = '\n'; break;
        case 't': out[n++] = '\t'; break;
        case 's': out[n++] = ' '; break;
        case '0': out[n++] = '\0'; break;
        case '\\': out[n++] = '\\'; break;
        case 'x': {
            int hi = p[1] ? hexval(p[1]) : -1, lo = hi >= 0 && p[2] ? hexval(p[2]) : -1;
            if (hi < 0 || lo < 0)
                die_usage("%s:%d: \\x needs two hex digits", g.script, line);
            out[n++] = (char)(hi * 16 + lo);
            p += 2;
            break;
        }
        default:
            die_usage("%s:%d: unknown escape \\%c", g.script, line, *p ? *p : '0');
        }
    }
    *len = n;
    return out;
}

static long parse_num(const char *s, const char **rest, int line)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || errno || v < 0 || (*end && *end != ' '))
        die_usage("%s:%d: bad number \"%s\"", g.script, line, s);
    *rest = *end ? end + 1 : end;
    return v;
}

static size_t parse_script(const char *path, struct step **out)
{
    FILE *f = fopen(path, "r");
    if (!f)
        die_usage("%s: %s", path, strerror(errno));
    struct step *steps = NULL;
    size_t n = 0, cap = 0;
    char *buf = NULL;
    size_t bufcap = 0;
    ssize_t got;
    int line = 0;
    while ((got = getline(&buf, &bufcap, f)) >= 0) {
        line++;
        while (got > 0 && (buf[got - 1] == '\n' || buf[got - 1] == '\r'))
            buf[--got] = '\0';
        const char *p = buf;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '\0' || *p == '#')
            continue;
        const char *sp = strchr(p, ' ');
        size_t kwlen = sp ? (size_t)(sp - p) : strlen(p);
        const char *arg = sp ? sp + 1 : "";
        struct step s = { .line = line, .ms = -1, .num = 0 };
        bool need_text = false;
#define KW(word) (kwlen == strlen(word) && strncmp(p, word, kwlen) == 0)
        if (KW("expect")) {
            s.kind = ST_EXPECT;
            need_text = true;
        } else if (KW("expect-timeout")) {
            s.kind = ST_EXPECT;
            s.ms = parse_num(arg, &arg, line);
            need_text = true;
        } else if (KW("reject")) {
            s.kind = ST_REJECT;
            need_text = true;
        } else if (KW("send")) {
            s.kind = ST_SEND;
            s.num = 1;
            need_text = true;
        } else if (KW("send-repeat")) {
            s.kind = ST_SEND;
            s.num = parse_num(arg, &arg, line);
            need_text = true;
        } else if (KW("sleep")) {
            s.kind = ST_SLEEP;
            s.ms = parse_num(arg, &arg, line);
        } else if (KW("quiet")) {
            s.kind = ST_QUIET;
            s.ms = parse_num(arg, &arg, line);
        } else if (KW("hangup")) {
            s.kind = ST_HANGUP;
        } else if (KW("wait-exit")) {
            s.kind = ST_WAIT_EXIT;
            if (strcmp(arg, "any") == 0) {
                s.num = -1;
                arg = "";
            } else {
                s.num = parse_num(arg, &arg, line);
            }
        } else if (KW("wait-signal")) {
            s.kind = ST_WAIT_SIGNAL;
        } else {
            die_usage("%s:%d: unknown step \"%.*s\"", path, line, (int)kwlen, p);
        }
#undef KW
        if (need_text) {
            s.text = unescape(arg, &s.len, line);
            if (s.len == 0 && s.kind != ST_SEND)
                die_usage("%s:%d: empty TEXT", path, line);
        } else if (*arg) {
            die_usage("%s:%d: unexpected argument \"%s\"", path, line, arg);
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            steps = realloc(steps, cap * sizeof *steps);
            if (!steps)
                die_usage("out of memory");
        }
        steps[n++] = s;
    }
    free(buf);
    fclose(f);
    *out = steps;
    return n;
}

/* ---- I/O ---- */

static void reap(void)
{
    if (!g.child_done && waitpid(g.child, &g.child_status, WNOHANG) == g.child)
        g.child_done = true;
}

static void rx_append(const unsigned char *p, size_t n)
{
    if (g.rx_len + n > g.rx_cap) {
        size_t cap = g.rx_cap ? g.rx_cap : 4096;
        while (cap < g.rx_len + n)
            cap *= 2;
        g.rx = realloc(g.rx, cap);
        if (!g.rx)
            die_usage("out of memory");
        g.rx_cap = cap;
    }
    memcpy(g.rx + g.rx_len, p, n);
    g.rx_len += n;
}

/* Read whatever the master has, waiting at most wait_ms for it (and less when
 * no slave is open, since poll then reports POLLHUP at once). Returns bytes read. */
static size_t pump(long long wait_ms)
{
    if (wait_ms < 0)
        wait_ms = 0;
    if (g.master < 0) {
        if (wait_ms)
            usleep((useconds_t)(wait_ms > 20 ? 20 : wait_ms) * 1000);
        reap();
        return 0;
    }
    if (g.master_hup && wait_ms > 20)
        wait_ms = 20;
    struct pollfd pfd = { .fd = g.master, .events = POLLIN };
    int r = poll(&pfd, 1, (int)(wait_ms > 20 ? 20 : wait_ms));
    size_t total = 0;
    if (r > 0 && (pfd.revents & (POLLIN | POLLHUP | POLLERR))) {
        unsigned char buf[4096];
        ssize_t got;
        while ((got = read(g.master, buf, sizeof buf)) > 0) {
            transcript("recv", buf, (size_t)got);
            rx_append(buf, (size_t)got);
            total += (size_t)got;
        }
        g.master_hup = got < 0 && errno == EIO;
        if (g.master_hup && total == 0 && wait_ms > 0)
            usleep(10000);
    } else {
        g.master_hup = false;
    }
    reap();
    return total;
}

/* false: the child is gone, no slave is open and the output queue is full,
 * so nothing will ever read the rest (a flood that outlived its reader) */
static bool write_all(const struct step *s, const char *p, size_t n)
{
    while (n > 0) {
        if (g.master < 0)
            fail(s, "send after hangup");
        ssize_t w = write(g.master, p, n);
        if (w > 0) {
            p += w;
            n -= (size_t)w;
        } else if (w < 0 && errno != EAGAIN && errno != EINTR && errno != EIO) {
            fail(s, "write to pty: %s", strerror(errno));
        } else {
            if (w < 0 && errno == EIO && g.child_done)
                fail(s, "send: nobody has the tty open any more");
            if (w < 0 && errno == EAGAIN && g.child_done && g.master_hup)
                return false;
            pump(10);
        }
    }
    return true;
}

static bool rx_find(const struct step *s, size_t *end)
{
    if (s->len > g.rx_len)
        return false;
    unsigned char *hit = memmem(g.rx, g.rx_len, s->text, s->len);
    if (!hit)
        return false;
    *end = (size_t)(hit - g.rx) + s->len;
    return true;
}

static void describe_status(char *out, size_t n)
{
    if (WIFEXITED(g.child_status))
        snprintf(out, n, "exited with status %d", WEXITSTATUS(g.child_status));
    else if (WIFSIGNALED(g.child_status))
        snprintf(out, n, "was killed by signal %d", WTERMSIG(g.child_status));
    else
        snprintf(out, n, "stopped");
}

static void do_expect(const struct step *s, long deflt)
{
    long long deadline = now_ms() + (s->ms >= 0 ? s->ms : deflt);
    size_t end;
    for (;;) {
        if (rx_find(s, &end)) {
            memmove(g.rx, g.rx + end, g.rx_len - end);
            g.rx_len -= end;
            return;
        }
        long long left = deadline - now_ms();
        if (left <= 0)
            break;
        size_t got = pump(left);
        if (got == 0 && g.child_done && (g.master < 0 || g.master_hup)) {
            char st[64];
            describe_status(st, sizeof st);
            fail(s, "expect \"%s\": the child %s first", esc(s), st);
        }
    }
    fail(s, "expect \"%s\": timed out after %ld ms", esc(s), s->ms >= 0 ? s->ms : deflt);
}

static void do_wait(const struct step *s, long deflt)
{
    long long deadline = now_ms() + deflt;
    while (!g.child_done && now_ms() < deadline)
        pump(deadline - now_ms());
    /* Collect what the child wrote just before it went. */
    while (pump(0) > 0)
        ;
    if (!g.child_done)
        fail(s, "the child still runs after %ld ms", deflt);
    char st[64];
    describe_status(st, sizeof st);
    if (s->kind == ST_WAIT_SIGNAL) {
        if (!WIFSIGNALED(g.child_status))
            fail(s, "wait-signal: the child %s", st);
        return;
    }
    if (!WIFEXITED(g.child_status) || (s->num >= 0 && WEXITSTATUS(g.child_status) != s->num))
        fail(s, "wait-exit %ld: the child %s", s->num, st);
}

static void run_step(const struct step *s, long deflt)
{
    switch (s->kind) {
    case ST_EXPECT:
        do_expect(s, deflt);
        break;
    case ST_REJECT: {
        while (pump(0) > 0)
            ;
        size_t end;
        if (rx_find(s, &end))
            fail(s, "reject \"%s\": it was received", esc(s));
        break;
    }
    case ST_SEND:
        for (long i = 0; i < s->num; i++) {
            transcript("send", (const unsigned char *)s->text, s->len);
            if (!write_all(s, s->text, s->len)) {
                if (s->num == 1)
                    fail(s, "send: nobody reads the tty any more");
                break; /* send-repeat: the flood ends with its reader */
            }
        }
        break;
    case ST_SLEEP: {
        long long deadline = now_ms() + s->ms;
        while (now_ms() < deadline)
            pump(deadline - now_ms());
        break;
    }
    case ST_QUIET: {
        long long deadline = now_ms() + s->ms;
        while (now_ms() < deadline)
            if (pump(deadline - now_ms()) > 0)
                fail(s, "quiet %ld: received data", s->ms);
        break;
    }
    case ST_HANGUP:
        while (pump(0) > 0)
            ;
        if (g.master >= 0)
            close(g.master);
        g.master = -1;
        fprintf(g.transcript, "hangup\n");
        break;
    case ST_WAIT_EXIT:
    case ST_WAIT_SIGNAL:
        do_wait(s, deflt);
        break;
    }
}

static void usage(void)
{
    die_usage("usage: ptyscript [-t DEFAULT_TIMEOUT_MS] [-l LINK_PATH] [-T TRANSCRIPT_FILE] [-i] "
              "SCRIPT_FILE -- COMMAND [ARGS...]");
}

int main(int argc, char **argv)
{
    long deflt = 5000;
    const char *tpath = NULL;
    bool stdio_tty = false;
    int opt;
    while ((opt = getopt(argc, argv, "+t:l:T:i")) != -1) {
        switch (opt) {
        case 't': {
            char *end;
            deflt = strtol(optarg, &end, 10);
            if (*end || deflt <= 0)
                usage();
            break;
        }
        case 'l': g.link = optarg; break;
        case 'T': tpath = optarg; break;
        case 'i': stdio_tty = true; break;
        default: usage();
        }
    }
    /* SCRIPT_FILE, then "--" (getopt may have eaten it when it came first). */
    if (optind >= argc)
        usage();
    g.script = argv[optind++];
    if (optind < argc && strcmp(argv[optind], "--") == 0)
        optind++;
    if (optind >= argc)
        usage();
    char **cmd = argv + optind;

    struct step *steps;
    size_t nsteps = parse_script(g.script, &steps);

    g.transcript = stderr;
    if (tpath && !(g.transcript = fopen(tpath, "w")))
        die_usage("%s: %s", tpath, strerror(errno));

    int slave;
    char slave_name[256];
    if (openpty(&g.master, &slave, slave_name, NULL, NULL) < 0)
        die_usage("openpty: %s", strerror(errno));
    struct termios tio;
    if (tcgetattr(slave, &tio) == 0) {
        cfmakeraw(&tio);
        tcsetattr(slave, TCSANOW, &tio);
    }
    if (g.link) {
        unlink(g.link);
        if (symlink(slave_name, g.link) < 0)
            die_usage("symlink %s: %s", g.link, strerror(errno));
    }
    for (char **a = cmd; *a; a++)
        if (strcmp(*a, "{TTY}") == 0)
            *a = slave_name;

    signal(SIGPIPE, SIG_IGN);
    fflush(NULL);
    g.child = fork();
    if (g.child < 0)
        die_usage("fork: %s", strerror(errno));
    if (g.child == 0) {
        setsid();
        close(g.master);
        if (stdio_tty) {
            ioctl(slave, TIOCSCTTY, 0);
            dup2(slave, 0);
            dup2(slave, 1);
        } else {
            int null = open("/dev/null", O_RDWR);
            dup2(null, 0);
            dup2(null, 1);
            if (null > 1)
                close(null);
        }
        if (slave > 1)
            close(slave);
        signal(SIGPIPE, SIG_DFL);
        execvp(cmd[0], cmd);
        fprintf(stderr, "ptyscript: exec %s: %s\n", cmd[0], strerror(errno));
        _exit(127);
    }
    close(slave);
    fcntl(g.master, F_SETFL, fcntl(g.master, F_GETFL) | O_NONBLOCK);

    for (size_t i = 0; i < nsteps; i++)
        run_step(&steps[i], deflt);

    kill_child();
    if (g.link)
        unlink(g.link);
    for (size_t i = 0; i < nsteps; i++)
        free(steps[i].text);
    free(steps);
    free(g.rx);
    if (g.transcript != stderr)
        fclose(g.transcript);
    return 0;
}
