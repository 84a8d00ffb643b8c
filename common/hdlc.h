/* hdlc: RFC 1662 asynchronous HDLC-like framing, sans-I/O.
 *
 * Decoder: feed received bytes in chunks of any size; whole, FCS-checked
 * frames come out (address/control and protocol fields included, FCS
 * removed). Encoder: builds one escaped frame with FCS from a protocol number
 * and a payload, applying ACFC/PFC when told. No allocation: the caller owns
 * every buffer. */
#ifndef COMMON_HDLC_H
#define COMMON_HDLC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HDLC_FLAG 0x7e
#define HDLC_ESCAPE 0x7d
#define HDLC_TRANS 0x20
#define HDLC_ALLSTATIONS 0xff
#define HDLC_UI 0x03
#define HDLC_DEFAULT_ACCM 0xffffffffu
#define HDLC_DEFAULT_MRU 1500

/* Worst case encoded size of a payload of n bytes: flag + every byte of
 * (address, control, 2-byte protocol, payload, 4-byte FCS) escaped + flag. */
#define HDLC_ENCODED_MAX(n) (2 + 2 * (4 + (size_t)(n) + 4))

/* What the receiver saw of bit 7 and parity over all bytes (pppd's check for
 * "Receive serial link is not 8-bit clean"). */
enum {
    HDLC_RX_B7_1 = 1 << 0,   /* some byte had bit 7 set */
    HDLC_RX_B7_0 = 1 << 1,   /* some byte had bit 7 clear */
    HDLC_RX_ODDP = 1 << 2,   /* some byte had odd parity */
    HDLC_RX_EVNP = 1 << 3,   /* some byte had even parity */
};

struct hdlc_stats {
    uint64_t frames;        /* good frames delivered */
    uint64_t bytes;         /* bytes fed to the decoder */
    uint64_t fcs_errors;
    uint64_t too_long;      /* frames longer than MRU (+ header and FCS) */
    uint64_t runts;         /* frames under 2 bytes + FCS (4 with FCS-16, 6 with FCS-32) */
    uint64_t aborts;        /* 0x7d 0x7e abort sequences (RFC 1662 4.2) */
    uint64_t ctrl_discarded;/* control chars dropped because set in rx ACCM */
};

struct hdlc_decoder {
    uint8_t *buf;           /* caller storage, cap bytes */
    size_t cap;
    size_t len;
    size_t mru;             /* as set; max_frame follows from it, cap and FCS size */
    size_t max_frame;       /* largest accepted frame incl. header and FCS */
    uint32_t rx_accm;
    bool fcs32;
    bool escaped;
    bool discarding;        /* dropping the rest of a bad frame until a flag */
    unsigned rx_bits;       /* HDLC_RX_* seen since init or hdlc_decoder_clear_bits */
    struct hdlc_stats stats;
};

/* Storage must hold at least HDLC_DECODER_STORAGE(mru) bytes (less caps the
 * accepted frame size at cap). Starts with rx ACCM 0xffffffff (RFC 1662 7.1
 * default: raw control characters are dropped until LCP agrees on a map)
 * and FCS-16. Bytes before the first flag (modem text such as "CONNECT")
 * are skipped without counting an error. */
#define HDLC_DECODER_STORAGE(mru) ((size_t)(mru) + 4 + 4 + 1)
void hdlc_decoder_init(struct hdlc_decoder *d, uint8_t *storage, size_t cap, size_t mru);
/* Change MRU (bounded by storage), rx ACCM, FCS size while running. */
void hdlc_decoder_set_mru(struct hdlc_decoder *d, size_t mru);
void hdlc_decoder_set_accm(struct hdlc_decoder *d, uint32_t rx_accm);
void hdlc_decoder_set_fcs32(struct hdlc_decoder *d, bool fcs32);
void hdlc_decoder_clear_bits(struct hdlc_decoder *d);

/* Consume bytes from *in (advancing *in and *len) until one good frame is
 * complete or the input is used up. Returns true with *frame and *frame_len set
 * (pointing into decoder storage, valid until the next call) when a frame is
 * delivered; false when the input ran out first. Bad frames are counted and
 * skipped, never delivered. Empty frames (flag after flag) are ignored
 * silently; 0x7d 0x7d stands for 0x5d (RFC 1662 4.2: any octet after 0x7d is
 * XORed with 0x20); raw control characters set in the rx ACCM are dropped
 * even inside an escape. rx_bits is updated over every byte consumed. */
bool hdlc_decode(struct hdlc_decoder *d, const uint8_t **in, size_t *len,
                 const uint8_t **frame, size_t *frame_len);

struct hdlc_encoder {
    uint32_t tx_accm;       /* control chars 0x00..0x1f to escape */
    uint8_t extra[32];      /* bitmap of further bytes to escape (pppd's "escape" option) */
    bool fcs32;
    bool acfc;              /* omit 0xff 0x03 (never for LCP: caller decides) */
    bool pfc;               /* 1-byte protocol field for odd 0x0001..0x00fd */
};

void hdlc_encoder_init(struct hdlc_encoder *e);  /* ACCM 0xffffffff, FCS-16, no compression */
/* Always escape b (pppd's "escape" option). 0x20..0x3f and 0x5e are refused
 * (returns false): escaped they would become control characters or the
 * abort sequence 0x7d 0x7e. 0x7d and 0x7e are escaped anyway. */
bool hdlc_encoder_escape_byte(struct hdlc_encoder *e, uint8_t b);

/* Encode one frame into out (capacity cap; HDLC_ENCODED_MAX(len) always
 * suffices). opening_flag false omits the leading flag (back-to-back frames).
 * Returns the number of bytes written, or 0 if cap is too small.
 * use_compression false forces the full header (LCP frames, RFC 1661 6.5/6.6);
 * true applies e->acfc and e->pfc. */
size_t hdlc_encode(const struct hdlc_encoder *e, uint16_t protocol,
                   const uint8_t *payload, size_t len, bool opening_flag,
                   bool use_compression, uint8_t *out, size_t cap);

/* FCS primitives (RFC 1662 appendix C), exposed for tests and benches. */
#define HDLC_FCS16_INIT 0xffffu
#define HDLC_FCS16_GOOD 0xf0b8u
#define HDLC_FCS32_INIT 0xffffffffu
#define HDLC_FCS32_GOOD 0xdebb20e3u
uint16_t hdlc_fcs16(uint16_t fcs, const uint8_t *p, size_t n);
uint32_t hdlc_fcs32(uint32_t fcs, const uint8_t *p, size_t n);

/* Split a decoded frame into protocol and payload, accepting an omitted
 * address/control field and a compressed (odd, 1-byte) protocol field.
 * Returns false for a frame too short or with a bad address/control. */
bool hdlc_parse_header(const uint8_t *frame, size_t len, uint16_t *protocol,
                       const uint8_t **payload, size_t *payload_len);

#endif
