/* show: pppctl's output formats (see show.h). */
#include <inttypes.h>
#include <string.h>

#include "pppctl/show.h"

static const char *val(const struct reply *r, const char *key)
{
    const char *v = reply_get(r, key);
    return v && *v ? v : "-";
}

static void fmt_uptime(char *out, size_t cap, uint64_t s)
{
    if (s >= 86400)
        snprintf(out, cap, "%" PRIu64 "d%02" PRIu64 ":%02" PRIu64, s / 86400, s / 3600 % 24,
                 s / 60 % 60);
    else
        snprintf(out, cap, "%" PRIu64 ":%02" PRIu64 ":%02" PRIu64, s / 3600, s / 60 % 60,
                 s % 60);
}

void show_table_header(FILE *f)
{
    fprintf(f, "%-8s %-16s %-12s %-15s %9s %10s %10s %s\n", "IFACE", "TTY", "USER", "REMOTE",
            "UPTIME", "IN", "OUT", "STATE");
}

void show_table_row(FILE *f, const char *ifname, const struct reply *r, const char *why)
{
    if (!r) {
        fprintf(f, "%-8s %-16s %-12s %-15s %9s %10s %10s %s\n", ifname, "-", "-", "-", "-", "-",
                "-", why);
        return;
    }
    char up[32];
    const char *tty = val(r, "tty");
    if (strncmp(tty, "/dev/", 5) == 0)
        tty += 5;
    const char *slash = strrchr(tty, '/');
    if (strlen(tty) > 16 && slash)
        tty = slash + 1;   /* a long path: its last part names the line */
    fmt_uptime(up, sizeof(up), reply_u64(r, "connect_time"));
    fprintf(f, "%-8s %-16s %-12s %-15s %9s %10" PRIu64 " %10" PRIu64 " %s\n", ifname, tty,
            val(r, "user"), val(r, "remote_ip"), up, reply_u64(r, "bytes_in"),
            reply_u64(r, "bytes_out"), val(r, "phase"));
}

void show_status(FILE *f, const struct reply *r)
{
    for (size_t i = 0; i < r->n; i++)
        fprintf(f, "%-16s %s\n", r->f[i].key, r->f[i].value[0] ? r->f[i].value : "-");
}

static bool numeric_key(const char *k)
{
    static const char *const nums[] = {
        "pid",          "speed",      "connect_time", "connected_since", "idle_time",
        "bytes_in",     "bytes_out",  "packets_in",   "packets_out",     "bad_fcs",
        "too_long",     "too_short",  "echo_interval", "echo_failure",   "echos_pending",
        "vj_comp_in",   "vj_unc_in",  "vj_err_in",    "vj_comp_out",     "vj_packets_out",
        "vj_tossed_in", "vj_searches", "vj_misses",   "nas_port",        "session_timeout",
    };
    for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++)
        if (strcmp(k, nums[i]) == 0)
            return true;
    return false;
}

void show_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20 || c > 0x7e)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

void show_json(FILE *f, const struct reply *r)
{
    fputc('{', f);
    for (size_t i = 0; i < r->n; i++) {
        const char *v = r->f[i].value;
        if (i)
            fputc(',', f);
        show_json_string(f, r->f[i].key);
        fputc(':', f);
        if (numeric_key(r->f[i].key) && v[0] && strspn(v, "0123456789") == strlen(v))
            fputs(v, f);
        else
            show_json_string(f, v);
    }
    fputc('}', f);
}

void show_stats_from(struct show_stats *s, const struct reply *r)
{
    *s = (struct show_stats){
        .in_bytes = reply_u64(r, "bytes_in"),
        .in_packets = reply_u64(r, "packets_in"),
        .vj_comp_in = reply_u64(r, "vj_comp_in"),
        .vj_unc_in = reply_u64(r, "vj_unc_in"),
        .vj_err_in = reply_u64(r, "vj_err_in"),
        .out_bytes = reply_u64(r, "bytes_out"),
        .out_packets = reply_u64(r, "packets_out"),
        .vj_comp_out = reply_u64(r, "vj_comp_out"),
        .vj_packets_out = reply_u64(r, "vj_packets_out"),
    };
}

/* pppstats.c intpr(): the same header and columns */
void show_stats_header(FILE *f)
{
    fprintf(f, "%8.8s %6.6s %6.6s %6.6s %6.6s", "IN", "PACK", "VJCOMP", "VJUNC", "VJERR");
    fprintf(f, "  | %8.8s %6.6s %6.6s %6.6s %6.6s\n", "OUT", "PACK", "VJCOMP", "VJUNC", "NON-VJ");
}

void show_stats_line(FILE *f, const struct show_stats *c, const struct show_stats *p)
{
#define D(x) (c->x - p->x)
    fprintf(f, "%8" PRIu64 " %6" PRIu64 " %6" PRIu64 " %6" PRIu64 " %6" PRIu64, D(in_bytes),
            D(in_packets), D(vj_comp_in), D(vj_unc_in), D(vj_err_in));
    fprintf(f, "  | %8" PRIu64 " %6" PRIu64 " %6" PRIu64 " %6" PRIu64 " %6" PRIu64 "\n",
            D(out_bytes), D(out_packets), D(vj_comp_out), D(vj_packets_out) - D(vj_comp_out),
            D(out_packets) - D(vj_packets_out));
#undef D
}
