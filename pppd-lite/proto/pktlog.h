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

#include "common/buf.h"

/* pppd's name of a protocol ("IPCP", "Compression Control Protocol"...), or NULL. */
const char *pktlog_protocol_name(uint16_t protocol);
/* Short name used inside brackets ("LCP", "IPCP", "CCP"...), or NULL. */
const char *pktlog_protocol_abbrev(uint16_t protocol);
/* Data protocols (IP, IPv6, VJ) are not dumped. */
bool pktlog_is_data(uint16_t protocol);
/* Bounded string builder for the printers: never overflows, truncation
 * shows as a cut line. */
struct pktlog_out {
    char *buf;
    size_t cap;
    size_t len;
};
void pktlog_printf(struct pktlog_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* " xx xx": bytes in hex. */
void pktlog_hex(struct pktlog_out *o, const uint8_t *p, size_t n);
/* A quoted string as pppd prints %.*v: printable as is, others \xNN. */
void pktlog_quoted(struct pktlog_out *o, const uint8_t *p, size_t n);
void pktlog_addr(struct pktlog_out *o, uint32_t a);   /* host order, dotted */
/* " Name id=0x1", or " code=0x9 id=0x1" for an unknown code (cname NULL). */
void pktlog_code_id(struct pktlog_out *o, const char *cname, uint8_t code, uint8_t id);
/* One option of a Configure-*: pppd's words, or hex. */
typedef void (*pktlog_option_fn)(struct pktlog_out *o, uint8_t type, struct buf_reader *v,
                                 size_t vlen);
/* Option list of a Configure-*: " <opt> <opt>"; bad lengths are left for hex. */
void pktlog_options(struct pktlog_out *o, struct buf_reader *r, pktlog_option_fn fn);
/* An RFC 1661 automaton's packet: code name (codes up to max_code known),
 * id, options through fn (NULL: none), Terminate text, Echo/Discard magic. */
void pktlog_fsm(struct pktlog_out *o, uint8_t code, uint8_t id, struct buf_reader *r,
                pktlog_option_fn fn, uint8_t max_code);

/* Format "<dir> [...]" into out (always NUL-terminated); returns out. */
char *pktlog_format(char *out, size_t cap, const char *dir, uint16_t protocol,
                    const uint8_t *pkt, size_t len);
/* log_debug the formatted packet. */
void pktlog_log(const char *dir, uint16_t protocol, const uint8_t *pkt, size_t len);

#endif
