/* filter: libpcap-compiled packet filters (filter.h). */
#include "filter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef DLT_PPP_PPPD
#define DLT_PPP_PPPD 166
#endif
#define HDR 4
#define SNAPLEN 65535

int filter_compile(struct pkt_filter *f, const char *expr, char *err, size_t errlen)
{
    memset(f, 0, sizeof(*f));
    if (!expr || !expr[0])
        return 0;
    pcap_t *p = pcap_open_dead(DLT_PPP_PPPD, SNAPLEN);
    if (!p) {
        snprintf(err, errlen, "libpcap: cannot open a dead handle");
        return -1;
    }
    if (pcap_compile(p, &f->prog, expr, 1, PCAP_NETMASK_UNKNOWN) < 0) {
        snprintf(err, errlen, "%s", pcap_geterr(p));
        pcap_close(p);
        return -1;
    }
    pcap_close(p);
    f->scratch = malloc(HDR + SNAPLEN);
    if (!f->scratch) {
        pcap_freecode(&f->prog);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    f->set = true;
    return 0;
}

void filter_free(struct pkt_filter *f)
{
    if (f->set) {
        pcap_freecode(&f->prog);
        free(f->scratch);
    }
    memset(f, 0, sizeof(*f));
}

bool filter_match(struct pkt_filter *f, bool outbound, uint16_t protocol, const uint8_t *pkt,
                  size_t len)
{
    if (!f->set)
        return true;
    if (len > SNAPLEN)
        len = SNAPLEN;   /* the snap length: a filter sees no more than this */
    uint8_t *s = f->scratch;
    s[0] = outbound ? 1 : 0;   /* PPP_PPPD_OUT / PPP_PPPD_IN, as pppd and the kernel */
    s[1] = 0x03;
    s[2] = (uint8_t)(protocol >> 8);
    s[3] = (uint8_t)protocol;
    memcpy(s + HDR, pkt, len);
    return bpf_filter(f->prog.bf_insns, s, (unsigned)(HDR + len), (unsigned)(HDR + len)) != 0;
}
