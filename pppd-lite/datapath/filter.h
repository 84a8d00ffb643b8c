/* filter: pppd's pass-filter and active-filter, tcpdump expressions over
 * the PPP packets, compiled with libpcap for the link type pppd uses
 * (DLT_PPP_PPPD: PPP with a direction byte, so `inbound` and `outbound`
 * work) and run with bpf_filter. Each data packet is matched with a 4-byte
 * PPP header in front: direction (0 in, 1 out), 0x03, protocol. */
#ifndef PPPD_LITE_FILTER_H
#define PPPD_LITE_FILTER_H

#include <pcap/pcap.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct dynload_pcap;

struct pkt_filter {
    bool set;
    const struct dynload_pcap *pcap;   /* libpcap, loaded by the first filter */
    struct bpf_program prog;
    uint8_t *scratch;       /* header + packet, for bpf_filter */
    size_t scratch_len;
};

/* Compile expr (""/NULL: no filter, everything matches; libpcap is loaded
 * only for an expression). -1 with libpcap's message in err for an invalid
 * expression, or the reason libpcap could not be loaded. */
int filter_compile(struct pkt_filter *f, const char *expr, char *err, size_t errlen);
void filter_free(struct pkt_filter *f);
/* Does the packet (an IP or IPv6 datagram, protocol 0x0021 or 0x0057)
 * match? Always true without a filter. */
bool filter_match(struct pkt_filter *f, bool outbound, uint16_t protocol, const uint8_t *pkt,
                  size_t len);

#endif
