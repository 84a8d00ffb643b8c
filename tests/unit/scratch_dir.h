/* A scratch directory for unit tests that need real files: made beside the
 * test binary (inside the build directory, not in /tmp, so that its parents
 * can pass ownership and mode checks) and removed with everything in it. */
#ifndef TESTS_UNIT_SCRATCH_DIR_H
#define TESTS_UNIT_SCRATCH_DIR_H

#include <ftw.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

/* Fill dir (size at least 2048) with a new directory's path, mode 0755. */
static inline int scratch_dir_make(char *dir, size_t size, const char *prefix)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n < 0)
        return -1;
    exe[n] = '\0';
    snprintf(dir, size, "%s/%s.XXXXXX", dirname(exe), prefix);
    if (!mkdtemp(dir))
        return -1;
    return chmod(dir, 0755);
}

static inline int scratch_dir_remove_entry(const char *path, const struct stat *st, int type,
                                           struct FTW *ftw)
{
    (void)st; (void)type; (void)ftw;
    return remove(path);
}

static inline int scratch_dir_remove(const char *dir)
{
    return nftw(dir, scratch_dir_remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

#endif
