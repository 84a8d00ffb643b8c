/* dynload: libpcap, radcli and PAM, loaded with dlopen the first time an
 * option needs them (pass-filter or active-filter, plugin radius.so,
 * login). Linked directly, they and what they pull in (GnuTLS, p11-kit,
 * libsystemd, libgcrypt, D-Bus, libaudit, ...) cost every pppd-lite about
 * 450 KiB of private memory for their relocations and start-up, on links
 * that use none of them. Each table holds the few functions we call, with
 * the types of the library's own header. */
#ifndef PPPD_LITE_SYS_DYNLOAD_H
#define PPPD_LITE_SYS_DYNLOAD_H

#include <pcap/pcap.h>
#include <radcli/radcli.h>
#include <security/pam_appl.h>
#include <stddef.h>

struct dynload_pcap {
    __typeof__(pcap_open_dead) *open_dead;
    __typeof__(pcap_compile) *compile;
    __typeof__(pcap_geterr) *geterr;
    __typeof__(pcap_close) *close;
    __typeof__(pcap_freecode) *freecode;
    __typeof__(bpf_filter) *filter;
};

struct dynload_radcli {
    __typeof__(rc_read_config) *read_config;
    __typeof__(rc_read_dictionary) *read_dictionary;
    __typeof__(rc_dict_getattr) *dict_getattr;
    __typeof__(rc_conf_str) *conf_str;
    __typeof__(rc_conf_int) *conf_int;
    __typeof__(rc_conf_srv) *conf_srv;
    __typeof__(rc_destroy) *destroy;
    __typeof__(rc_avpair_add) *avpair_add;
    __typeof__(rc_avpair_parse) *avpair_parse;
    __typeof__(rc_avpair_tostr) *avpair_tostr;
    __typeof__(rc_avpair_free) *avpair_free;
    __typeof__(rc_aaa_ctx_server) *aaa_ctx_server;
};

struct dynload_pam {
    __typeof__(pam_start) *start;
    __typeof__(pam_authenticate) *authenticate;
    __typeof__(pam_acct_mgmt) *acct_mgmt;
    __typeof__(pam_strerror) *strerror;
    __typeof__(pam_end) *end;
};

/* The library's table, loaded on the first call and kept for the life of
 * the process (a forked helper inherits it). NULL when the library or one
 * of its functions is missing, with err naming the library file and
 * dlerror()'s reason. */
const struct dynload_pcap *dynload_pcap(char *err, size_t errlen);
const struct dynload_radcli *dynload_radcli(char *err, size_t errlen);
const struct dynload_pam *dynload_pam(char *err, size_t errlen);

#endif
