/* getty_utmpdump: print the records of a utmp or wtmp file, read back with
 * getutxent, one per line: "TYPE user=U line=L host=H pid=P id=I".
 * Usage: getty_utmpdump FILE */
#include <stdio.h>
#include <string.h>
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

int main(int argc, char **argv)
{
    struct utmpx *u;

    if (argc != 2) {
        fprintf(stderr, "usage: getty_utmpdump FILE\n");
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
