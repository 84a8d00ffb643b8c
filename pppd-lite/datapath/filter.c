/* filter: libpcap-compiled packet filters (filter.h). */
#include "filter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/bigbuf.h"
#include "pppd-lite/sys/dynload.h"

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
    const struct dynload_pcap *pc = dynload_pcap(err, errlen);
    if (!pc)
        return -1;
    pcap_t *p = pc->open_dead(DLT_PPP_PPPD, SNAPLEN);
    if (!p) {
        snprintf(err, errlen, "libpcap: cannot open a dead handle");
        return -1;
    }
    if (pc->compile(p, &f->prog, expr, 1, PCAP_NETMASK_UNKNOWN) < 0) {
        snprintf(err, errlen, "%s", pc->geterr(p));
        pc->close(p);
        return -1;
    }
    pc->close(p);
    f->pcap = pc;
    f->scratch = bigbuf_alloc(HDR + SNAPLEN);
    if (!f->scratch) {
        pc->freecode(&f->prog);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    f->set = true;
    return 0;
}

void filter_free(struct pkt_filter *f)
{
    if (f->set) {
        f->pcap->freecode(&f->prog);
        bigbuf_free(f->scratch, HDR + SNAPLEN);
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
    return f->pcap->filter(f->prog.bf_insns, s, (unsigned)(HDR + len), (unsigned)(HDR + len)) != 0;
}
