/* dynload: optional libraries by dlopen (dynload.h). The file names are
 * the sonames of the libraries we were built against (the Makefile reads
 * them), so the table's types match the library that loads. */
#include "pppd-lite/sys/dynload.h"

#include <dlfcn.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#ifndef DYNLOAD_PCAP_SO
#define DYNLOAD_PCAP_SO "libpcap.so.0.8"
#endif
#ifndef DYNLOAD_RADCLI_SO
#define DYNLOAD_RADCLI_SO "libradcli.so.4"
#endif
#ifndef DYNLOAD_PAM_SO
#define DYNLOAD_PAM_SO "libpam.so.0"
#endif

/* One library: its file, the names of its functions in table order, and
 * where their addresses go. */
struct lib {
    const char *file;
    const char *const *names;
    size_t n;
    void *handle;
};

/* Resolve every name into slots (function pointers stored as the void *
 * dlsym gives, which POSIX allows); false with err filled on any miss. */
static bool lib_load(struct lib *l, void **slots, char *err, size_t errlen)
{
    if (!l->handle) {
        void *h = dlopen(l->file, RTLD_NOW | RTLD_LOCAL);
        if (!h) {
            const char *why = dlerror();
            snprintf(err, errlen, "cannot load %s: %s", l->file, why ? why : "unknown error");
            return false;
        }
        for (size_t i = 0; i < l->n; i++) {
            slots[i] = dlsym(h, l->names[i]);
            if (!slots[i]) {
                snprintf(err, errlen, "%s has no function %s", l->file, l->names[i]);
                dlclose(h);
                return false;
            }
        }
        l->handle = h;
    }
    return true;
}

/* The tables are arrays of function pointers in the names' order; copying
 * through a void * array keeps the conversion in one place. */
#define LOAD(table, names_, file_)                                                     \
    do {                                                                               \
        static struct lib l = { file_, names_, sizeof(names_) / sizeof(names_[0]), 0 }; \
        void *slots[sizeof(names_) / sizeof(names_[0])];                               \
        _Static_assert(sizeof(table) == sizeof(slots), "one name per function");       \
        if (l.handle)                                                                  \
            return &table;                                                             \
        if (!lib_load(&l, slots, err, errlen))                                         \
            return NULL;                                                               \
        memcpy(&table, slots, sizeof(table));                                          \
        return &table;                                                                 \
    } while (0)

static const char *const pcap_names[] = {
    "pcap_open_dead", "pcap_compile", "pcap_geterr", "pcap_close", "pcap_freecode", "bpf_filter",
};
static struct dynload_pcap pcap_table;

const struct dynload_pcap *dynload_pcap(char *err, size_t errlen)
{
    LOAD(pcap_table, pcap_names, DYNLOAD_PCAP_SO);
}

static const char *const radcli_names[] = {
    "rc_read_config", "rc_read_dictionary", "rc_dict_getattr", "rc_conf_str",
    "rc_conf_int", "rc_conf_srv", "rc_destroy", "rc_avpair_add",
    "rc_avpair_parse", "rc_avpair_tostr", "rc_avpair_free", "rc_aaa_ctx_server",
};
static struct dynload_radcli radcli_table;

const struct dynload_radcli *dynload_radcli(char *err, size_t errlen)
{
    LOAD(radcli_table, radcli_names, DYNLOAD_RADCLI_SO);
}

static const char *const pam_names[] = {
    "pam_start", "pam_authenticate", "pam_acct_mgmt", "pam_strerror", "pam_end",
};
static struct dynload_pam pam_table;

const struct dynload_pam *dynload_pam(char *err, size_t errlen)
{
    LOAD(pam_table, pam_names, DYNLOAD_PAM_SO);
}
