/* getty_utmpdump: print the records of a utmp or wtmp file, read back with
 * getutxent, one per line: "TYPE user=U line=L host=H pid=P id=I".
 * Usage: getty_utmpdump FILE
 *        getty_utmpdump -w FILE USER_PROCESS|INIT_PROCESS USER LINE PID
 * The second form writes one record (pututxline, ut_id from the line's last
 * four characters), so a test can stage other users logged in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <utmpx.h>

static const char *type_name(short t)
{
    switch (t) {
    case INIT_PROCESS: return "INIT_PROCESS";
    case LOGIN_PROCESS: return "LOGIN_PROCESS";
    case USER_PROCESS: return "USER_PROCESS";
    case DEAD_PROCESS: return "DEAD_PROCESS";
    default: return "OTHER";
    }
}

static int write_record(char **argv)
{
    struct utmpx ut;
    struct timeval tv;
    size_t n = strlen(argv[4]);

    memset(&ut, 0, sizeof ut);
    if (strcmp(argv[2], "USER_PROCESS") == 0)
        ut.ut_type = USER_PROCESS;
    else if (strcmp(argv[2], "INIT_PROCESS") == 0)
        ut.ut_type = INIT_PROCESS;
    else
        return 2;
    strncpy(ut.ut_user, argv[3], sizeof ut.ut_user);
    strncpy(ut.ut_line, argv[4], sizeof ut.ut_line);
    strncpy(ut.ut_id, argv[4] + (n > 4 ? n - 4 : 0), sizeof ut.ut_id);
    ut.ut_pid = atoi(argv[5]);
    gettimeofday(&tv, NULL);
    ut.ut_tv.tv_sec = (int32_t)tv.tv_sec;
    if (utmpxname(argv[1]) < 0)
        return 1;
    setutxent();
    int rc = pututxline(&ut) ? 0 : 1;
    endutxent();
    return rc;
}

int main(int argc, char **argv)
{
    struct utmpx *u;

    if (argc == 7 && strcmp(argv[1], "-w") == 0)
        return write_record(argv + 1);
    if (argc != 2) {
        fprintf(stderr, "usage: getty_utmpdump FILE | -w FILE TYPE USER LINE PID\n");
        return 2;
    }
    if (utmpxname(argv[1]) < 0)
        return 1;
    setutxent();
    while ((u = getutxent()) != NULL)
        printf("%s user=%.*s line=%.*s host=%.*s pid=%d id=%.*s\n", type_name(u->ut_type),
               (int)sizeof u->ut_user, u->ut_user, (int)sizeof u->ut_line, u->ut_line,
               (int)sizeof u->ut_host, u->ut_host, (int)u->ut_pid, (int)sizeof u->ut_id,
               u->ut_id);
    endutxent();
    return 0;
}
