/* pktlog: pppd's debug dump of control packets, e.g.
 *   sent [LCP ConfReq id=0x1 <asyncmap 0x0> <magic 0x5f3a2b1c> <pcomp> <accomp>]
 *   rcvd [IPCP ConfNak id=0x1 <addr 192.0.2.2>]
 *   sent [PAP AuthReq id=0x1 user="joe" password=<hidden>]
 * Parsing is bounds-checked; a malformed packet prints what can be read
 * followed by the remaining bytes in hex. */
#ifndef PPPD_LITE_PKTLOG_H
#define PPPD_LITE_PKTLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* pppd's name of a protocol ("IPCP", "Compression Control Protocol"...), or NULL. */
const char *pktlog_protocol_name(uint16_t protocol);
/* Short name used inside brackets ("LCP", "IPCP", "CCP"...), or NULL. */
const char *pktlog_protocol_abbrev(uint16_t protocol);
/* Data protocols (IP, IPv6, VJ) are not dumped. */
bool pktlog_is_data(uint16_t protocol);
/* Format "<dir> [...]" into out (always NUL-terminated); returns out. */
char *pktlog_format(char *out, size_t cap, const char *dir, uint16_t protocol,
                    const uint8_t *pkt, size_t len);
/* log_debug the formatted packet. */
void pktlog_log(const char *dir, uint16_t protocol, const uint8_t *pkt, size_t len);

#endif
