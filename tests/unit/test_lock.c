/* cmocka tests for common/lock: UUCP lock files in a private temp directory,
 * with child processes standing in for other programs holding locks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/lock.h"

#define DEV "ttyS0"

struct fixture {
    char dir[64];
    char path[PATH_MAX];   /* lock path for DEV */
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/test_lock.XXXXXX");
    if (!mkdtemp(f->dir)) {
        free(f);
        return -1;
    }
    snprintf(f->path, sizeof f->path, "%s/LCK.." DEV, f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    DIR *d = opendir(f->dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char p[PATH_MAX];
            snprintf(p, sizeof p, "%s/%s", f->dir, e->d_name);
            unlink(p);
        }
        closedir(d);
    }
    int r = rmdir(f->dir);
    free(f);
    return r;
}

static void write_file(const char *path, const void *data, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, data, len), (ssize_t)len);
    close(fd);
}

static void write_ascii_lock(const char *path, pid_t pid)
{
    char text[32];
    int n = snprintf(text, sizeof text, "%10d\n", (int)pid);
    write_file(path, text, (size_t)n);
}

static size_t read_file(const char *path, char *out, size_t cap)
{
    int fd = open(path, O_RDONLY);
    assert_true(fd >= 0);
    ssize_t n = read(fd, out, cap - 1);
    assert_true(n >= 0);
    out[n] = '\0';
    close(fd);
    return (size_t)n;
}

static bool exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}

/* The PID of a process that has exited and been reaped. */
static pid_t dead_pid(void)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(0);
    assert_int_equal(waitpid(pid, NULL, 0), pid);
    return pid;
}

/* A live child that blocks until its pipe closes. */
struct child {
    pid_t pid;
    int fd;   /* write end: close to let the child go */
};

static struct child live_child(void)
{
    int p[2];
    assert_int_equal(pipe(p), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        char c;
        close(p[1]);
        while (read(p[0], &c, 1) < 0 && errno == EINTR)
            ;
        _exit(0);
    }
    close(p[0]);
    return (struct child){ pid, p[1] };
}

static void end_child(struct child *c)
{
    close(c->fd);
    assert_int_equal(waitpid(c->pid, NULL, 0), c->pid);
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A child that takes the lock itself through the API and tells us (one byte
 * on ready). It holds the lock until a byte arrives on its go pipe, then
 * releases it hold_ms later (hold_ms negative: never), and exits only when
 * the go pipe closes, so it is still alive after releasing. */
static struct child lock_holder(const char *dir, int hold_ms)
{
    int ready[2], go[2];
    assert_int_equal(pipe(ready), 0);
    assert_int_equal(pipe(go), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(ready[0]);
        close(go[1]);
        struct lock_handle h;
        char ok = lock_acquire(&h, dir, DEV, NULL) == LOCK_ACQUIRED ? 'y' : 'n';
        if (write(ready[1], &ok, 1) != 1)
            _exit(1);
        char c;
        ssize_t n;
        while ((n = read(go[0], &c, 1)) < 0 && errno == EINTR)
            ;
        if (n == 1 && hold_ms >= 0) {
            struct timespec ts = { hold_ms / 1000, (long)(hold_ms % 1000) * 1000000 };
            nanosleep(&ts, NULL);
            lock_release(&h);
            while (read(go[0], &c, 1) != 0 && errno == EINTR)
                ;
        }
        _exit(0);
    }
    close(ready[1]);
    close(go[0]);
    char ok = 0;
    assert_int_equal(read(ready[0], &ok, 1), 1);
    close(ready[0]);
    assert_int_equal(ok, 'y');
    return (struct child){ pid, go[1] };
}

static void path_same_for_dev_prefix_and_bare_name(void **state)
{
    struct fixture *f = *state;
    char a[PATH_MAX], b[PATH_MAX];
    assert_int_equal(lock_path(a, sizeof a, f->dir, "/dev/ttyS0"), 0);
    assert_int_equal(lock_path(b, sizeof b, f->dir, "ttyS0"), 0);
    assert_string_equal(a, b);
    assert_string_equal(a, f->path);
}

static void path_default_dir(void **state)
{
    (void)state;
    char p[PATH_MAX];
    assert_int_equal(lock_path(p, sizeof p, NULL, "/dev/ttyUSB1"), 0);
    assert_string_equal(p, "/var/lock/LCK..ttyUSB1");
    /* pppd and mgetty use the last path component. */
    assert_int_equal(lock_path(p, sizeof p, "/run/lock", "/dev/pts/7"), 0);
    assert_string_equal(p, "/run/lock/LCK..7");
}

static void path_too_long(void **state)
{
    struct fixture *f = *state;
    char p[PATH_MAX];
    char dev[300];
    memset(dev, 'x', sizeof dev - 1);
    dev[sizeof dev - 1] = '\0';
    errno = 0;
    assert_int_equal(lock_path(p, sizeof p, f->dir, dev), -1);
    assert_int_equal(errno, ENAMETOOLONG);
    /* Fits in a directory entry but not in the caller's buffer. */
    char small[16];
    errno = 0;
    assert_int_equal(lock_path(small, sizeof small, f->dir, "ttyS0"), -1);
    assert_int_equal(errno, ENAMETOOLONG);
    struct lock_handle h;
    errno = 0;
    assert_int_equal(lock_acquire(&h, f->dir, dev, NULL), LOCK_ERROR);
    assert_int_equal(errno, ENAMETOOLONG);
    assert_false(h.held);
}

static void path_rejects_empty_name(void **state)
{
    struct fixture *f = *state;
    char p[PATH_MAX];
    errno = 0;
    assert_int_equal(lock_path(p, sizeof p, f->dir, "/dev/"), -1);
    assert_int_equal(errno, EINVAL);
    assert_int_equal(lock_path(p, sizeof p, f->dir, ""), -1);
}

static void acquire_and_release(void **state)
{
    struct fixture *f = *state;
    struct lock_handle h;
    struct lock_info info = { 99, 99, true };
    assert_int_equal(lock_acquire(&h, f->dir, "/dev/" DEV, &info), LOCK_ACQUIRED);
    assert_true(h.held);
    assert_int_equal(h.pid, getpid());
    assert_string_equal(h.path, f->path);
    assert_int_equal(info.holder, 0);
    assert_int_equal(info.stale_pid, 0);
    assert_false(info.stale_garbage);
    assert_true(exists(f->path));
    assert_int_equal(lock_release(&h), 0);
    assert_false(h.held);
    assert_false(exists(f->path));
    /* A second release is harmless. */
    assert_int_equal(lock_release(&h), 0);
}

static void content_is_ten_digit_ascii_pid_mode_0644(void **state)
{
    struct fixture *f = *state;
    struct lock_handle h;
    mode_t old = umask(077);   /* the lock must be readable by others anyway */
    enum lock_status st = lock_acquire(&h, f->dir, DEV, NULL);
    umask(old);
    assert_int_equal(st, LOCK_ACQUIRED);
    char want[32], got[64];
    snprintf(want, sizeof want, "%10d\n", (int)getpid());
    assert_int_equal(read_file(f->path, got, sizeof got), 11);
    assert_string_equal(got, want);
    struct stat sb;
    assert_int_equal(stat(f->path, &sb), 0);
    assert_int_equal(sb.st_mode & 07777, 0644);
    /* Only the lock is left: the temporary file is gone. */
    assert_int_equal(count_entries(f->dir), 1);
    assert_int_equal(lock_read_pid(f->path), getpid());
    lock_release(&h);
}

static void stale_lock_of_dead_pid_removed(void **state)
{
    struct fixture *f = *state;
    pid_t dead = dead_pid();
    write_ascii_lock(f->path, dead);
    struct lock_handle h;
    struct lock_info info;
    assert_int_equal(lock_acquire(&h, f->dir, DEV, &info), LOCK_ACQUIRED);
    assert_int_equal(info.stale_pid, dead);
    assert_int_equal(info.holder, 0);
    assert_false(info.stale_garbage);
    assert_int_equal(lock_read_pid(f->path), getpid());
    lock_release(&h);
}

static void busy_lock_of_live_child(void **state)
{
    struct fixture *f = *state;
    struct child c = live_child();
    write_ascii_lock(f->path, c.pid);
    struct lock_handle h;
    struct lock_info info;
    assert_int_equal(lock_acquire(&h, f->dir, DEV, &info), LOCK_BUSY);
    assert_int_equal(info.holder, c.pid);
    assert_int_equal(info.stale_pid, 0);
    assert_false(h.held);
    assert_int_equal(lock_read_pid(f->path), c.pid);   /* untouched */
    assert_int_equal(count_entries(f->dir), 1);        /* no temp file left */
    assert_int_equal(lock_check(f->dir, DEV, &info), LOCK_BUSY);
    assert_int_equal(info.holder, c.pid);
    end_child(&c);
    /* Now the child is gone: the same lock is stale. */
    assert_int_equal(lock_check(f->dir, DEV, &info), LOCK_ACQUIRED);
    assert_int_equal(info.stale_pid, c.pid);
    assert_false(exists(f->path));
}

static void busy_lock_taken_by_child_through_api(void **state)
{
    struct fixture *f = *state;
    struct child c = lock_holder(f->dir, -1);
    struct lock_handle h;
    struct lock_info info;
    assert_int_equal(lock_acquire(&h, f->dir, "/dev/" DEV, &info), LOCK_BUSY);
    assert_int_equal(info.holder, c.pid);
    end_child(&c);   /* exits without releasing: leaves a stale lock */
    assert_int_equal(lock_acquire(&h, f->dir, DEV, &info), LOCK_ACQUIRED);
    assert_int_equal(info.stale_pid, c.pid);
    lock_release(&h);
}

static void binary_lock_format_read(void **state)
{
    struct fixture *f = *state;
    struct child c = live_child();
    int32_t bin = (int32_t)c.pid;
    write_file(f->path, &bin, sizeof bin);
    assert_int_equal(lock_read_pid(f->path), c.pid);
    struct lock_handle h;
    struct lock_info info;
    assert_int_equal(lock_acquire(&h, f->dir, DEV, &info), LOCK_BUSY);
    assert_int_equal(info.holder, c.pid);
    end_child(&c);
    /* A dead binary-format holder is stale like an ASCII one. */
    assert_int_equal(lock_acquire(&h, f->dir, DEV, &info), LOCK_ACQUIRED);
    assert_int_equal(info.stale_pid, c.pid);
    lock_release(&h);
}

static void garbage_lock_removed(void **state)
{
    struct fixture *f = *state;
    write_file(f->path, "not a pid\n", 10);
    assert_int_equal(lock_read_pid(f->path), 0);
    struct lock_handle h;
    struct lock_info info;
    assert_int_equal(lock_acquire(&h, f->dir, DEV, &info), LOCK_ACQUIRED);
    assert_true(info.stale_garbage);
    assert_int_equal(info.stale_pid, 0);
    assert_int_equal(lock_read_pid(f->path), getpid());
    lock_release(&h);
}

static void empty_lock_removed(void **state)
{
    struct fixture *f = *state;
    write_file(f->path, "", 0);
    struct lock_info info;
    assert_int_equal(lock_check(f->dir, DEV, &info), LOCK_ACQUIRED);
    assert_true(info.stale_garbage);
    assert_false(exists(f->path));
}

static void own_pid_lock_counts_as_acquired(void **state)
{
    struct fixture *f = *state;
    int32_t bin = (int32_t)getpid();
    write_file(f->path, &bin, sizeof bin);
    struct lock_handle h;
    struct lock_info info;
    assert_int_equal(lock_acquire(&h, f->dir, DEV, &info), LOCK_ACQUIRED);
    assert_true(h.held);
    assert_int_equal(info.stale_pid, 0);
    assert_int_equal(lock_check(f->dir, DEV, &info), LOCK_ACQUIRED);   /* not foreign */
    assert_int_equal(lock_release(&h), 0);
    assert_false(exists(f->path));
}

static void parse_pid_formats(void **state)
{
    (void)state;
    assert_int_equal(lock_parse_pid("      1234\n", 11), 1234);
    assert_int_equal(lock_parse_pid("1234", 4), 1234);          /* 4 ASCII bytes: ASCII */
    assert_int_equal(lock_parse_pid("123\n", 4), 123);
    assert_int_equal(lock_parse_pid("  4242 minicom root\n", 20), 4242);
    assert_int_equal(lock_parse_pid("77\0junk", 7), 77);
    assert_int_equal(lock_parse_pid("\t88\r\n", 5), 88);
    int32_t bin = 31337;
    assert_int_equal(lock_parse_pid(&bin, sizeof bin), 31337);
    /* Garbage of every kind is 0. */
    assert_int_equal(lock_parse_pid("", 0), 0);
    assert_int_equal(lock_parse_pid(NULL, 5), 0);
    assert_int_equal(lock_parse_pid("\n", 1), 0);
    assert_int_equal(lock_parse_pid("12a\n", 4), 0);
    assert_int_equal(lock_parse_pid("        -5\n", 11), 0);
    assert_int_equal(lock_parse_pid("         0\n", 11), 0);
    assert_int_equal(lock_parse_pid("99999999999\n", 12), 0);   /* overflows int */
    assert_int_equal(lock_parse_pid("+12\n", 4), 0);
    bin = -7;
    assert_int_equal(lock_parse_pid(&bin, sizeof bin), 0);
    bin = 0;
    assert_int_equal(lock_parse_pid(&bin, sizeof bin), 0);
    /* Digits beyond the bytes given are not read. */
    assert_int_equal(lock_parse_pid("1234567", 3), 123);
    /* Four bytes with a NUL are binary even when they start like text. */
    assert_int_equal(lock_parse_pid("1\0\0\0", 4), 0x31);
    assert_int_equal(lock_parse_pid("\0\0\0\0", 4), 0);
    bin = (1 << 22) + 1;   /* beyond any Linux PID */
    assert_int_equal(lock_parse_pid(&bin, sizeof bin), 0);
}

/* Every PID Linux can hand out survives both formats, including those whose
 * binary bytes look like digits followed by blanks (0x0937 is "7\t\0\0"). */
static void parse_pid_every_pid_both_formats(void **state)
{
    (void)state;
    for (int32_t pid = 1; pid <= (1 << 22); pid++) {
        if (lock_parse_pid(&pid, sizeof pid) != pid)
            fail_msg("binary pid %d read as %d", pid, (int)lock_parse_pid(&pid, sizeof pid));
        if (pid % 97 == 1 || pid < 100000) {
            char text[16];
            int n = snprintf(text, sizeof text, "%10d\n", pid);
            if (lock_parse_pid(text, (size_t)n) != pid)
                fail_msg("ascii pid %d misread", pid);
        }
    }
}

static void read_pid_missing_file(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(lock_read_pid(f->path), -1);
}

static void relock_rewrites_pid(void **state)
{
    struct fixture *f = *state;
    struct child c = live_child();
    struct lock_handle h;
    assert_int_equal(lock_acquire(&h, f->dir, DEV, NULL), LOCK_ACQUIRED);
    assert_int_equal(lock_relock(&h, c.pid), 0);
    assert_int_equal(h.pid, c.pid);
    char want[32], got[64];
    snprintf(want, sizeof want, "%10d\n", (int)c.pid);
    read_file(f->path, got, sizeof got);
    assert_string_equal(got, want);
    assert_int_equal(count_entries(f->dir), 1);
    /* Others now see the child as holder. */
    struct lock_info info;
    assert_int_equal(lock_check(f->dir, DEV, &info), LOCK_BUSY);
    assert_int_equal(info.holder, c.pid);
    /* And back to us; release removes it since it names us. */
    assert_int_equal(lock_relock(&h, getpid()), 0);
    assert_int_equal(lock_read_pid(f->path), getpid());
    assert_int_equal(lock_release(&h), 0);
    assert_false(exists(f->path));
    end_child(&c);
}

static void relock_refuses_lost_lock(void **state)
{
    struct fixture *f = *state;
    struct lock_handle h;
    assert_int_equal(lock_acquire(&h, f->dir, DEV, NULL), LOCK_ACQUIRED);
    assert_int_equal(unlink(f->path), 0);
    errno = 0;
    assert_int_equal(lock_relock(&h, getpid()), -1);
    assert_int_equal(errno, ESTALE);
    assert_false(exists(f->path));
    struct lock_handle none = { .held = false };
    errno = 0;
    assert_int_equal(lock_relock(&none, getpid()), -1);
    assert_int_equal(errno, EINVAL);
}

static void release_leaves_foreign_lock(void **state)
{
    struct fixture *f = *state;
    struct child c = live_child();
    struct lock_handle h;
    assert_int_equal(lock_acquire(&h, f->dir, DEV, NULL), LOCK_ACQUIRED);
    write_ascii_lock(f->path, c.pid);   /* someone else took it over */
    assert_int_equal(lock_release(&h), 0);
    assert_false(h.held);
    assert_int_equal(lock_read_pid(f->path), c.pid);
    end_child(&c);
}

static void wait_free_returns_when_released(void **state)
{
    struct fixture *f = *state;
    struct child c = lock_holder(f->dir, 200);
    assert_int_equal(lock_check(f->dir, DEV, NULL), LOCK_BUSY);
    assert_int_equal(write(c.fd, "g", 1), 1);   /* child releases in 200 ms */
    int64_t t0 = now_ms();
    assert_int_equal(lock_wait_free(f->dir, DEV, 5000, 20), 0);
    assert_true(now_ms() - t0 < 3000);
    /* It returned because the lock went away, not before. */
    assert_false(exists(f->path));
    end_child(&c);
}

static void wait_free_times_out(void **state)
{
    struct fixture *f = *state;
    struct child c = lock_holder(f->dir, -1);
    int64_t t0 = now_ms();
    assert_int_equal(lock_wait_free(f->dir, DEV, 300, 50), 1);
    int64_t took = now_ms() - t0;
    assert_true(took >= 290);
    assert_true(took < 3000);
    /* A poll interval longer than the timeout is cut short. */
    t0 = now_ms();
    assert_int_equal(lock_wait_free(f->dir, DEV, 200, 5000), 1);
    took = now_ms() - t0;
    assert_true(took >= 190);
    assert_true(took < 2000);
    assert_int_equal(lock_read_pid(f->path), c.pid);
    end_child(&c);
}

static void wait_free_without_lock_is_immediate(void **state)
{
    struct fixture *f = *state;
    int64_t t0 = now_ms();
    assert_int_equal(lock_wait_free(f->dir, DEV, 5000, 1000), 0);
    assert_true(now_ms() - t0 < 500);
}

/* kill(pid, 0) failing with EPERM means the holder exists but is not ours:
 * seen from an unprivileged process, a root-owned holder is busy, not stale. */
static void holder_of_other_user_is_live(void **state)
{
    struct fixture *f = *state;
    if (geteuid() != 0) {
        skip();
        return;
    }
    assert_int_equal(chmod(f->dir, 0755), 0);
    struct child c = live_child();
    write_ascii_lock(f->path, c.pid);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (setgid(65534) < 0 || setuid(65534) < 0)
            _exit(2);
        struct lock_info info;
        enum lock_status st = lock_check(f->dir, DEV, &info);
        _exit(st == LOCK_BUSY && info.holder == c.pid ? 0 : 1);
    }
    int status = -1;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_int_equal(lock_read_pid(f->path), c.pid);
    end_child(&c);
}

static void missing_directory_is_error(void **state)
{
    struct fixture *f = *state;
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/no-such-dir", f->dir);
    struct lock_handle h;
    errno = 0;
    assert_int_equal(lock_acquire(&h, dir, DEV, NULL), LOCK_ERROR);
    assert_int_equal(errno, ENOENT);
    assert_false(h.held);
}

static void symlink_lock_not_followed(void **state)
{
    struct fixture *f = *state;
    char target[PATH_MAX];
    snprintf(target, sizeof target, "%s/target", f->dir);
    write_file(target, "garbage", 7);
    assert_int_equal(symlink(target, f->path), 0);
    struct lock_handle h;
    errno = 0;
    assert_int_equal(lock_acquire(&h, f->dir, DEV, NULL), LOCK_ERROR);
    assert_int_equal(errno, ELOOP);
    assert_true(exists(target));
    assert_int_equal(count_entries(f->dir), 2);   /* link and target, no temp */
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(path_same_for_dev_prefix_and_bare_name),
        T(path_default_dir),
        T(path_too_long),
        T(path_rejects_empty_name),
        T(acquire_and_release),
        T(content_is_ten_digit_ascii_pid_mode_0644),
        T(stale_lock_of_dead_pid_removed),
        T(busy_lock_of_live_child),
        T(busy_lock_taken_by_child_through_api),
        T(binary_lock_format_read),
        T(garbage_lock_removed),
        T(empty_lock_removed),
        T(own_pid_lock_counts_as_acquired),
        T(parse_pid_formats),
        cmocka_unit_test(parse_pid_every_pid_both_formats),
        T(read_pid_missing_file),
        T(relock_rewrites_pid),
        T(relock_refuses_lost_lock),
        T(release_leaves_foreign_lock),
        T(wait_free_returns_when_released),
        T(wait_free_times_out),
        T(wait_free_without_lock_is_immediate),
        T(holder_of_other_user_is_live),
        T(missing_directory_is_error),
        T(symlink_lock_not_followed),
    };
    return cmocka_run_group_tests_name("lock", tests, NULL, NULL);
}
