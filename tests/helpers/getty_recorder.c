/* getty_recorder: a stand-in for /bin/login and pppd in getty and ppplogin
 * tests. It writes what it was started with to the file named by
 * $RECORDER_OUT, one "key=value" line each:
 *   argc=N, argv0=..., argv1=..., uid=, gid=, euid=,
 *   env_CONNECT= env_DEVICE= env_CALLER_ID= env_CALLER_NAME= env_CALLED_ID=
 *   env_CALL_DATE= env_CALL_TIME= (only those that are set),
 *   stdin_tty=0/1, tty=<ttyname(0)>, ctty=0/1 (open("/dev/tty") works),
 *   sid_is_pid=0/1, echo=0/1, icanon=0/1, opost=0/1, clocal=0/1, tty_mode=0NNN,
 *   tty_uid=, tty_gid=, lock=<content of $RECORDER_LOCK or "none">,
 *   and with $RECORDER_READ_MS: input=<hex of what stdin gives in that time>
 *   (what getty left or put back in the line's input queue).
 * With $RECORDER_FULL (the getty/mgetty comparison) also every environment
 * variable ("environ=K=V", in environ's order) and the output of `stty -a`
 * on stdin ("stty=" lines): every terminal mode handed over.
 * Then, when $RECORDER_SLEEP_MS is set, it sleeps that long (so a test can
 * look at the lock file), and exits with $RECORDER_EXIT (default 0). */
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static const char *const env_names[] = {
    "CONNECT", "DEVICE", "CALLER_ID", "CALLER_NAME", "CALLED_ID", "CALL_DATE", "CALL_TIME",
};

extern char **environ;

/* `stty -a` on fd 0, each output line as "stty=LINE". */
static void dump_stty(FILE *f)
{
    int p[2];
    if (pipe(p) < 0)
        return;
    fflush(f);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(p[1], 1);
        close(p[0]);
        close(p[1]);
        execlp("stty", "stty", "-a", (char *)NULL);
        _exit(127);
    }
    close(p[1]);
    FILE *in = fdopen(p[0], "r");
    char line[512];
    while (in && fgets(line, sizeof line, in))
        fprintf(f, "stty=%s", line);
    if (in)
        fclose(in);
    if (pid > 0)
        waitpid(pid, NULL, 0);
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

int main(int argc, char **argv)
{
    const char *out = getenv("RECORDER_OUT");
    const char *lockp = getenv("RECORDER_LOCK");
    const char *sleep_ms = getenv("RECORDER_SLEEP_MS");
    const char *code = getenv("RECORDER_EXIT");
    const char *read_ms = getenv("RECORDER_READ_MS");
    struct termios t;
    struct stat st;
    FILE *f;
    int fd;

    if (!out)
        return 99;
    f = fopen(out, "w");
    if (!f)
        return 98;
    fprintf(f, "argc=%d\n", argc);
    for (int i = 0; i < argc; i++)
        fprintf(f, "argv%d=%s\n", i, argv[i]);
    fprintf(f, "uid=%u\ngid=%u\neuid=%u\n", (unsigned)getuid(), (unsigned)getgid(),
            (unsigned)geteuid());
    for (size_t i = 0; i < sizeof env_names / sizeof env_names[0]; i++) {
        const char *v = getenv(env_names[i]);
        if (v)
            fprintf(f, "env_%s=%s\n", env_names[i], v);
    }
    fprintf(f, "stdin_tty=%d\n", isatty(0));
    fprintf(f, "tty=%s\n", isatty(0) ? ttyname(0) : "none");
    fd = open("/dev/tty", O_RDWR | O_NOCTTY);
    fprintf(f, "ctty=%d\n", fd >= 0);
    if (fd >= 0)
        close(fd);
    fprintf(f, "sid_is_pid=%d\n", getsid(0) == getpid());
    if (tcgetattr(0, &t) == 0)
        fprintf(f, "echo=%d\nicanon=%d\nopost=%d\nclocal=%d\n", !!(t.c_lflag & ECHO),
                !!(t.c_lflag & ICANON), !!(t.c_oflag & OPOST), !!(t.c_cflag & CLOCAL));
    if (fstat(0, &st) == 0)
        fprintf(f, "tty_mode=0%03o\ntty_uid=%u\ntty_gid=%u\n", (unsigned)(st.st_mode & 0777),
                (unsigned)st.st_uid, (unsigned)st.st_gid);
    if (getenv("RECORDER_FULL")) {
        for (char **e = environ; *e; e++)
            fprintf(f, "environ=%s\n", *e);
        dump_stty(f);
    }
    if (lockp) {
        char buf[64] = "none";
        int lfd = open(lockp, O_RDONLY);
        if (lfd >= 0) {
            ssize_t n = read(lfd, buf, sizeof buf - 1);
            buf[n > 0 ? n : 0] = '\0';
            buf[strcspn(buf, "\n")] = '\0';
            close(lfd);
            /* "%10d" -> the number alone */
            char *p = buf;
            while (*p == ' ')
                p++;
            memmove(buf, p, strlen(p) + 1);
        }
        fprintf(f, "lock=%s\n", buf);
        fprintf(f, "pid=%d\n", (int)getpid());
    }
    if (read_ms) {
        long end = now_ms() + atol(read_ms);
        unsigned char b[256];
        fprintf(f, "input=");
        for (long left; (left = end - now_ms()) > 0;) {
            struct pollfd pfd = { .fd = 0, .events = POLLIN };
            if (poll(&pfd, 1, (int)left) <= 0)
                break;
            ssize_t n = read(0, b, sizeof b);
            if (n <= 0)
                break;
            for (ssize_t i = 0; i < n; i++)
                fprintf(f, "%02x", b[i]);
        }
        fprintf(f, "\n");
    }
    fclose(f);
    if (sleep_ms) {
        long ms = atol(sleep_ms);
        struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
        nanosleep(&ts, NULL);
    }
    return code ? atoi(code) : 0;
}
