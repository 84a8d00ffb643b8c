#include "opts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool takes_arg(char c) { return strchr("ftrTU", c) != NULL; }

static void set_arg(struct chat_opts *o, char c, const char *arg)
{
    switch (c) {
    case 'f': o->chat_file = arg; break;
    case 't': o->timeout = atoi(arg); break;
    case 'r':
        o->report_file = arg;
        o->report_opening_msg = o->verbose;
        break;
    case 'T': o->phone = arg; break;
    case 'U': o->phone2 = arg; break;
    default: break;
    }
}

int chat_opts_parse(struct chat_opts *o, int argc, char **argv)
{
    memset(o, 0, sizeof *o);
    o->to_log = true;
    o->timeout = CHAT_DEFAULT_TIMEOUT;
    int i = 1;
    while (i < argc) {
        const char *a = argv[i];
        if (a[0] != '-' || a[1] == '\0')
            break;
        i++;
        if (strcmp(a, "--") == 0)
            break;
        for (const char *p = a + 1; *p; p++) {
            char c = *p;
            if (takes_arg(c)) {
                const char *arg = p[1] ? p + 1 : (i < argc ? argv[i++] : NULL);
                if (!arg)
                    return -1;
                set_arg(o, c, arg);
                break;
            }
            switch (c) {
            case 'e': o->echo = true; break;
            case 'E': o->use_env = true; break;
            case 'v': o->verbose = true; break;
            case 'V': o->Verbose = true; break;
            case 's': o->to_stderr = true; break;
            case 'S': o->to_log = false; break;
            default: return -1;
            }
        }
    }
    o->script = argv + i;
    o->nscript = argc - i;
    return 0;
}

const char *chat_opts_usage(const char *prog, char *buf, unsigned len)
{
    snprintf(buf, len,
             "Usage: %s [-e] [-E] [-v] [-V] [-t timeout] [-r report-file]\n"
             "     [-T phone-number] [-U phone-number2] {-f chat-file | chat-script}\n",
             prog);
    return buf;
}
