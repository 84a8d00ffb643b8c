/* hdlc: RFC 1662 asynchronous HDLC-like framing (sans-I/O).
 *
 * Speed matters here (userspace PPP moves every byte through this file), so
 * the common case runs in bulk: an SSE2 scan finds the next byte that needs
 * attention (flag, escape, a control character in the ACCM, an extra
 * escaped byte), clean runs are copied whole, and the FCS uses carry-less
 * multiplication (PCLMULQDQ, when the CPU has it) or slice-by-16 tables.
 * Portable scalar paths give the same results without SSE2. */
#include "common/hdlc.h"

#include <string.h>

#include "common/buf.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#define HDLC_SIMD 1
#endif

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define HDLC_LE 1
#endif

#if defined(HDLC_SIMD) && defined(HDLC_LE) && defined(__x86_64__) && \
    (defined(__GNUC__) || defined(__clang__))
#include <wmmintrin.h>
#define HDLC_CLMUL 1       /* PCLMULQDQ, used when the CPU has it */
#endif

/* ---- FCS (RFC 1662 appendix C) ------------------------------------------ */

/* One table-driven implementation serves both widths: FCS-16 values simply
 * never use the upper 16 bits of the uint32_t tables and register. The
 * tables are static const data written at build time (common/gen/fcstab.c):
 * shared read-only pages, not 32 KiB computed into each process. */
#include "fcs_tables.h"

struct fcs_kind {
    const uint32_t (*tab)[256];  /* tab[k][b]: byte b followed by k zero bytes */
#ifdef HDLC_CLMUL
    uint64_t k1[2];         /* fold by 128 bits: x^(192-1), x^(128-1) mod P */
    uint64_t k4[2];         /* fold by 512 bits: x^(576-1), x^(512-1) mod P */
#endif
};
static struct fcs_kind fcs16_kind = { .tab = fcs16_tab }, fcs32_kind = { .tab = fcs32_tab };

/* Lookups for the 8 bytes of w, the first of them followed by 7 + k more. */
#define FCS_SLICE8(tab, w, k)                                                  \
    ((tab)[(k) + 7][(w) & 0xff] ^ (tab)[(k) + 6][((w) >> 8) & 0xff] ^         \
     (tab)[(k) + 5][((w) >> 16) & 0xff] ^ (tab)[(k) + 4][((w) >> 24) & 0xff] ^ \
     (tab)[(k) + 3][((w) >> 32) & 0xff] ^ (tab)[(k) + 2][((w) >> 40) & 0xff] ^ \
     (tab)[(k) + 1][((w) >> 48) & 0xff] ^ (tab)[(k)][(w) >> 56])

/* Slice-by-16, then one slice-by-8 step, then byte by byte. */
static uint32_t fcs_table(const struct fcs_kind *f, uint32_t fcs, const uint8_t *p, size_t n)
{
#ifdef HDLC_LE
    while (n >= 16) {
        uint64_t a, b;
        memcpy(&a, p, 8);
        memcpy(&b, p + 8, 8);
        a ^= fcs;
        fcs = FCS_SLICE8(f->tab, a, 8) ^ FCS_SLICE8(f->tab, b, 0);
        p += 16;
        n -= 16;
    }
    if (n >= 8) {
        uint64_t a;
        memcpy(&a, p, 8);
        a ^= fcs;
        fcs = FCS_SLICE8(f->tab, a, 0);
        p += 8;
        n -= 8;
    }
#endif
    while (n--)
        fcs = (fcs >> 8) ^ f->tab[0][(fcs ^ *p++) & 0xff];
    return fcs;
}

/* Carry-less multiply folding (x86-64 with PCLMULQDQ, picked at run time).
 * The FCS is linear, so the data can be folded 16 bytes at a time into a
 * 16-byte block with the same remainder mod P; the tables then finish that
 * block and the tail. Bit i of a reflected 128-bit block stands for x^(127-i);
 * clmul of two reflected 64-bit halves yields the product times x, hence
 * the constants x^(d-1) mod P. */
#ifdef HDLC_CLMUL
static bool have_clmul;

/* x^d mod P (P of degree w, poly = its low terms), reflected into the top
 * bits of a 64-bit word (x^e at bit 63 - e). */
static uint64_t xpow_mod_reflected(unsigned d, uint32_t poly, unsigned w)
{
    uint64_t r = 1;
    for (unsigned i = 0; i < d; i++) {
        r <<= 1;
        if ((r >> w) & 1)
            r ^= (1ull << w) | poly;
    }
    uint64_t rep = 0;
    for (unsigned e = 0; e < w; e++)
        if ((r >> e) & 1)
            rep |= 1ull << (63 - e);
    return rep;
}

static void fold_consts_init(struct fcs_kind *f, uint32_t poly, unsigned w)
{
    f->k1[0] = xpow_mod_reflected(192 - 1, poly, w);
    f->k1[1] = xpow_mod_reflected(128 - 1, poly, w);
    f->k4[0] = xpow_mod_reflected(576 - 1, poly, w);
    f->k4[1] = xpow_mod_reflected(512 - 1, poly, w);
}

__attribute__((target("pclmul"))) static inline __m128i fold_step(__m128i r, __m128i k)
{
    return _mm_xor_si128(_mm_clmulepi64_si128(r, k, 0x00), _mm_clmulepi64_si128(r, k, 0x11));
}

/* Fold p[0..n) (n a multiple of 16, >= 64) with the initial register value
 * init into one 16-byte block of the same remainder. */
__attribute__((target("pclmul"))) static void fold_blocks(const struct fcs_kind *c,
                                                          uint32_t init, const uint8_t *p,
                                                          size_t n, uint8_t out[16])
{
    __m128i k1 = _mm_loadu_si128((const __m128i *)c->k1);
    __m128i k4 = _mm_loadu_si128((const __m128i *)c->k4);
    __m128i r0 = _mm_xor_si128(_mm_loadu_si128((const __m128i *)p),
                               _mm_cvtsi32_si128((int)init));
    __m128i r1 = _mm_loadu_si128((const __m128i *)(p + 16));
    __m128i r2 = _mm_loadu_si128((const __m128i *)(p + 32));
    __m128i r3 = _mm_loadu_si128((const __m128i *)(p + 48));
    p += 64;
    n -= 64;
    /* four independent chains hide the multiply latency */
    for (; n >= 64; p += 64, n -= 64) {
        r0 = _mm_xor_si128(fold_step(r0, k4), _mm_loadu_si128((const __m128i *)p));
        r1 = _mm_xor_si128(fold_step(r1, k4), _mm_loadu_si128((const __m128i *)(p + 16)));
        r2 = _mm_xor_si128(fold_step(r2, k4), _mm_loadu_si128((const __m128i *)(p + 32)));
        r3 = _mm_xor_si128(fold_step(r3, k4), _mm_loadu_si128((const __m128i *)(p + 48)));
    }
    r0 = _mm_xor_si128(fold_step(r0, k1), r1);
    r0 = _mm_xor_si128(fold_step(r0, k1), r2);
    r0 = _mm_xor_si128(fold_step(r0, k1), r3);
    for (; n >= 16; p += 16, n -= 16)
        r0 = _mm_xor_si128(fold_step(r0, k1), _mm_loadu_si128((const __m128i *)p));
    _mm_storeu_si128((__m128i *)out, r0);
}
#endif

#ifdef HDLC_CLMUL
/* Filled once before main() so the hot path needs no "initialised?" check. */
__attribute__((constructor)) static void hdlc_fcs_init(void)
{
    __builtin_cpu_init();
    have_clmul = __builtin_cpu_supports("pclmul");
    fold_consts_init(&fcs16_kind, 0x1021, 16);          /* same polynomials, */
    fold_consts_init(&fcs32_kind, 0x04c11db7, 32);      /* not reflected */
}
#endif

/* Below this the tables win (and folding needs 64 bytes to start). */
#define CLMUL_MIN 128

static uint32_t fcs_update(const struct fcs_kind *f, uint32_t fcs, const uint8_t *p, size_t n)
{
#ifdef HDLC_CLMUL
    if (have_clmul && n >= CLMUL_MIN) {
        uint8_t blk[16];
        size_t m = n & ~(size_t)15;
        fold_blocks(f, fcs, p, m, blk);
        fcs = fcs_table(f, 0, blk, 16);
        p += m;
        n -= m;
    }
#endif
    return fcs_table(f, fcs, p, n);
}

uint16_t hdlc_fcs16(uint16_t fcs, const uint8_t *p, size_t n)
{
    return (uint16_t)fcs_update(&fcs16_kind, fcs, p, n);
}

uint32_t hdlc_fcs32(uint32_t fcs, const uint8_t *p, size_t n)
{
    return fcs_update(&fcs32_kind, fcs, p, n);
}

/* ---- sets of bytes that need attention ---------------------------------- */

/* On transmit: bytes to escape. On receive: flag, escape and the control
 * characters to discard. Both always hold 0x7d and 0x7e. */
struct esc_set {
    uint8_t map[32];
    uint32_t ctl;       /* the 0x00..0x1f part of map */
    uint8_t high[4];    /* up to 4 more bytes >= 0x20 (pppd's "escape ff") */
    unsigned nhigh;
    bool other;         /* more than that: no SIMD scan */
};

static void esc_set_init(struct esc_set *s, uint32_t accm, const uint8_t *extra)
{
    uint32_t ctl = accm;
    if (extra) {
        memcpy(s->map, extra, sizeof s->map);
        ctl |= (uint32_t)extra[0] | (uint32_t)extra[1] << 8 |
               (uint32_t)extra[2] << 16 | (uint32_t)extra[3] << 24;
    } else {
        memset(s->map, 0, sizeof s->map);
    }
    s->ctl = ctl;
    for (int i = 0; i < 4; i++)
        s->map[i] = (uint8_t)(ctl >> (8 * i));
    s->map[HDLC_ESCAPE >> 3] |= 1u << (HDLC_ESCAPE & 7);
    s->map[HDLC_FLAG >> 3] |= 1u << (HDLC_FLAG & 7);
    s->nhigh = 0;
    s->other = false;
    if (!extra)
        return;
    /* Usually no extra byte >= 0x20 is set: test all of them at once. */
    uint8_t t[32];
    uint64_t w[4];
    memcpy(t, extra, sizeof t);
    memset(t, 0, 4);
    t[HDLC_ESCAPE >> 3] &= (uint8_t)~(1u << (HDLC_ESCAPE & 7) | 1u << (HDLC_FLAG & 7));
    memcpy(w, t, sizeof w);
    if (!(w[0] | w[1] | w[2] | w[3]))
        return;
    for (unsigned i = 0x20 >> 3; i < 32; i++) {
        unsigned m = extra[i];
        if (i == (HDLC_ESCAPE >> 3))
            m &= ~(1u << (HDLC_ESCAPE & 7) | 1u << (HDLC_FLAG & 7));
        for (; m; m &= m - 1) {
            if (s->nhigh == sizeof s->high)
                s->other = true;
            else
                s->high[s->nhigh++] = (uint8_t)(i * 8 + (unsigned)__builtin_ctz(m));
        }
    }
}

static inline bool esc_has(const struct esc_set *s, uint8_t b)
{
    return (s->map[b >> 3] >> (b & 7)) & 1;
}

#ifdef HDLC_SIMD
/* Bit i set when byte i of x is in the set (valid unless the set is "other"). */
static inline unsigned esc_mask16(__m128i x, uint32_t ctl, unsigned nhigh,
                                  const uint8_t *high)
{
    __m128i m = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(HDLC_FLAG)),
                             _mm_cmpeq_epi8(x, _mm_set1_epi8(HDLC_ESCAPE)));
    for (unsigned i = 0; i < nhigh; i++)
        m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8((char)high[i])));
    if (ctl == 0xffffffffu) {
        /* x <= 0x1f  <=>  saturating x - 0x1f == 0 */
        __m128i c = _mm_cmpeq_epi8(_mm_subs_epu8(x, _mm_set1_epi8(0x1f)),
                                   _mm_setzero_si128());
        m = _mm_or_si128(m, c);
    } else if (ctl) {
        __m128i c = _mm_cmpeq_epi8(_mm_subs_epu8(x, _mm_set1_epi8(0x1f)),
                                   _mm_setzero_si128());
        unsigned cm = (unsigned)_mm_movemask_epi8(c);
        if (cm) {
            uint8_t bytes[16];
            unsigned keep = 0;
            _mm_storeu_si128((__m128i *)bytes, x);
            for (; cm; cm &= cm - 1) {
                unsigned i = (unsigned)__builtin_ctz(cm);
                if ((ctl >> bytes[i]) & 1)
                    keep |= 1u << i;
            }
            return (unsigned)_mm_movemask_epi8(m) | keep;
        }
    }
    return (unsigned)_mm_movemask_epi8(m);
}
#endif

/* Index of the first byte of p[0..n) in the set, or n. */
static size_t esc_scan(const struct esc_set *s, const uint8_t *p, size_t n)
{
    size_t i = 0;
#ifdef HDLC_SIMD
    if (!s->other) {
        const uint32_t ctl = s->ctl;   /* locals: stores through dst may alias *s */
        const unsigned nhigh = s->nhigh;
        for (; i + 16 <= n; i += 16) {
            unsigned m = esc_mask16(_mm_loadu_si128((const __m128i *)(p + i)), ctl, nhigh, s->high);
            if (m)
                return i + (size_t)__builtin_ctz(m);
        }
    }
#endif
    for (; i < n; i++)
        if (esc_has(s, p[i]))
            return i;
    return n;
}

/* ---- decoder ------------------------------------------------------------ */

static size_t fcs_len(bool fcs32)
{
    return fcs32 ? 4 : 2;
}

static void rx_update_limit(struct hdlc_decoder *d)
{
    /* RFC 1661 2: the MRU counts the information field only; allow the
     * uncompressed address/control and protocol fields and the FCS too. */
    size_t extra = 4 + fcs_len(d->fcs32);
    size_t m = d->mru > SIZE_MAX - extra ? SIZE_MAX : d->mru + extra;
    d->max_frame = m < d->cap ? m : d->cap;
}

static void rx_reset_frame(struct hdlc_decoder *d)
{
    d->len = 0;
    d->escaped = false;
    d->discarding = false;
}

void hdlc_decoder_init(struct hdlc_decoder *d, uint8_t *storage, size_t cap, size_t mru)
{
    memset(d, 0, sizeof *d);
    d->buf = storage;
    d->cap = storage ? cap : 0;
    d->mru = mru;
    d->rx_accm = HDLC_DEFAULT_ACCM;  /* RFC 1662 7.1 default until LCP says */
    d->discarding = true;   /* hunt: bytes before the first flag are no frame */
    rx_update_limit(d);
}

void hdlc_decoder_set_mru(struct hdlc_decoder *d, size_t mru)
{
    d->mru = mru;
    rx_update_limit(d);
}

void hdlc_decoder_set_accm(struct hdlc_decoder *d, uint32_t rx_accm)
{
    d->rx_accm = rx_accm;
}

void hdlc_decoder_set_fcs32(struct hdlc_decoder *d, bool fcs32)
{
    d->fcs32 = fcs32;
    rx_update_limit(d);
}

void hdlc_decoder_clear_bits(struct hdlc_decoder *d)
{
    d->rx_bits = 0;
}

#define RX_BITS_ALL (HDLC_RX_B7_1 | HDLC_RX_B7_0 | HDLC_RX_ODDP | HDLC_RX_EVNP)

/* Bit 7 and parity over p[0..n); stops early once everything has been seen,
 * which on any 8-bit clean line happens within the first few bytes. */
static unsigned rx_track_bits(unsigned bits, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n && bits != RX_BITS_ALL; i++) {
        unsigned b = p[i];
        bits |= (b & 0x80) ? HDLC_RX_B7_1 : HDLC_RX_B7_0;
        unsigned x = (b ^ (b >> 4)) & 0xf;
        bits |= ((0x6996u >> x) & 1) ? HDLC_RX_ODDP : HDLC_RX_EVNP;
    }
    return bits;
}

/* Append to the frame being received; past max_frame the frame is counted
 * as too long and the rest of it, up to the next flag, is dropped. */
static void rx_put(struct hdlc_decoder *d, const uint8_t *p, size_t n)
{
    if (d->discarding || n == 0)
        return;
    /* len may exceed max_frame after the MRU shrank mid-frame */
    if (d->len > d->max_frame || n > d->max_frame - d->len) {
        d->stats.too_long++;
        d->discarding = true;
        d->len = 0;
        return;
    }
    memcpy(d->buf + d->len, p, n);
    d->len += n;
}

/* Bulk path, used while not inside an escape: copy clean runs (unescaping
 * "0x7d x" pairs on the way) until a byte needs the byte-wise path.
 * Returns the number of input bytes consumed. */
static size_t rx_bulk(struct hdlc_decoder *d, const struct esc_set *s,
                      const uint8_t *p, size_t n)
{
    const uint8_t *p0 = p;
#ifdef HDLC_SIMD
    if (!d->discarding && !s->other) {
        const uint32_t ctl = s->ctl;
        const unsigned nhigh = s->nhigh;
        uint8_t *dst = d->buf + d->len;
        uint8_t *lim = d->buf + d->max_frame;
        /* Whole 16-byte blocks, every marked byte of a block handled from
         * one mask (escape-heavy data, e.g. ACCM 0xffffffff, has one every
         * ~8 bytes). n >= 32 keeps loads at p + prev (prev <= 16) and
         * p[k + 1] in bounds; lim - dst >= 32 covers stores at dst <= +16. */
        while (n >= 32 && lim - dst >= 32) {
            __m128i x = _mm_loadu_si128((const __m128i *)p);
            unsigned m = esc_mask16(x, ctl, nhigh, s->high);
            if (!m) {
                _mm_storeu_si128((__m128i *)dst, x);
                dst += 16;
                p += 16;
                n -= 16;
                continue;
            }
            unsigned prev = 0;
            for (; m; m &= m - 1) {
                unsigned k = (unsigned)__builtin_ctz(m);
                _mm_storeu_si128((__m128i *)dst, _mm_loadu_si128((const __m128i *)(p + prev)));
                dst += k - prev;
                if (p[k] != HDLC_ESCAPE || esc_has(s, p[k + 1])) {
                    d->len = (size_t)(dst - d->buf);
                    return (size_t)(p + k - p0);    /* byte-wise path */
                }
                *dst++ = p[k + 1] ^ HDLC_TRANS;
                prev = k + 2;
            }
            if (prev < 16) {
                _mm_storeu_si128((__m128i *)dst, _mm_loadu_si128((const __m128i *)(p + prev)));
                dst += 16 - prev;
                prev = 16;
            }
            p += prev;
            n -= prev;
        }
        d->len = (size_t)(dst - d->buf);
    }
#endif
    size_t k = esc_scan(s, p, n);
    rx_put(d, p, k);
    return (size_t)(p - p0) + k;
}

/* A flag ended the frame: deliver it if good, count it if bad. */
static bool rx_frame_end(struct hdlc_decoder *d, const uint8_t **frame, size_t *frame_len)
{
    size_t fl = fcs_len(d->fcs32);
    bool ok = false;
    if (d->escaped) {
        d->stats.aborts++;              /* RFC 1662 4.3: 0x7d 0x7e aborts */
    } else if (d->discarding || d->len == 0) {
        /* too long (already counted) or an empty frame between flags */
    } else if (d->len < 2 + fl) {
        d->stats.runts++;
    } else if (d->fcs32 ? hdlc_fcs32(HDLC_FCS32_INIT, d->buf, d->len) != HDLC_FCS32_GOOD
                        : hdlc_fcs16(HDLC_FCS16_INIT, d->buf, d->len) != HDLC_FCS16_GOOD) {
        d->stats.fcs_errors++;
    } else {
        *frame = d->buf;
        *frame_len = d->len - fl;
        d->stats.frames++;
        ok = true;
    }
    rx_reset_frame(d);
    return ok;
}

bool hdlc_decode(struct hdlc_decoder *d, const uint8_t **in, size_t *len,
                 const uint8_t **frame, size_t *frame_len)
{
    const uint8_t *p = *in, *start = *in;
    size_t n = *len;
    bool got = false;
    struct esc_set s;
    esc_set_init(&s, d->rx_accm, NULL);

    while (n > 0) {
        if (!d->escaped) {
            size_t c = rx_bulk(d, &s, p, n);
            p += c;
            n -= c;
            if (n == 0)
                break;
        }
        uint8_t b = *p++;
        n--;
        if (b == HDLC_FLAG) {
            if (rx_frame_end(d, frame, frame_len)) {
                got = true;
                break;
            }
            continue;
        }
        /* RFC 1662 4.2: control characters in the ACCM were inserted by
         * the link (e.g. XON/XOFF) and are dropped before unescaping. */
        if (b < 0x20 && ((d->rx_accm >> b) & 1)) {
            d->stats.ctrl_discarded++;
            continue;
        }
        /* RFC 1662 4.2: the octet after 0x7d is XORed with 0x20, whatever it
         * is (0x7d 0x7d is 0x5d, as sent when 0x5d is in the escape map). */
        if (d->escaped) {
            b ^= HDLC_TRANS;
            d->escaped = false;
        } else if (b == HDLC_ESCAPE) {
            d->escaped = true;
            continue;
        }
        rx_put(d, &b, 1);
    }

    d->rx_bits = rx_track_bits(d->rx_bits, start, (size_t)(p - start));
    d->stats.bytes += (uint64_t)(p - start);
    *in = p;
    *len = n;
    return got;
}

/* ---- encoder ------------------------------------------------------------ */

void hdlc_encoder_init(struct hdlc_encoder *e)
{
    memset(e, 0, sizeof *e);
    e->tx_accm = HDLC_DEFAULT_ACCM;
}

bool hdlc_encoder_escape_byte(struct hdlc_encoder *e, uint8_t b)
{
    /* pppd refuses these too: escaped they turn into control characters
     * (which the peer may discard) or into the abort sequence. */
    if ((b >= 0x20 && b <= 0x3f) || b == 0x5e)
        return false;
    e->extra[b >> 3] |= (uint8_t)(1u << (b & 7));
    return true;
}

/* The few header and FCS bytes, one at a time. */
static bool tx_small(const struct esc_set *s, const uint8_t *p, size_t n,
                     uint8_t *out, size_t cap, size_t *pos)
{
    size_t i = *pos;
    for (size_t k = 0; k < n; k++) {
        bool esc = esc_has(s, p[k]);
        if (cap - i < 1u + esc)
            return false;
        if (esc) {
            out[i++] = HDLC_ESCAPE;
            out[i++] = p[k] ^ HDLC_TRANS;
        } else {
            out[i++] = p[k];
        }
    }
    *pos = i;
    return true;
}

/* Write p[0..n) escaped at out[*pos..cap); false when it does not fit. */
static bool tx_escaped(const struct esc_set *s, const uint8_t *p, size_t n,
                       uint8_t *out, size_t cap, size_t *pos)
{
    uint8_t *dst = out + *pos, *end = out + cap;
#ifdef HDLC_SIMD
    if (!s->other) {
        const uint32_t ctl = s->ctl;   /* locals: stores through dst may alias *s */
        const unsigned nhigh = s->nhigh;
        /* Whole 16-byte blocks as in rx_bulk: n >= 32 keeps loads at
         * p + prev in bounds; a block writes at most 32 bytes, and the last
         * 16-byte store starts at most 32 bytes in, hence 48 of room. */
        while (n >= 32 && end - dst >= 48) {
            __m128i x = _mm_loadu_si128((const __m128i *)p);
            unsigned m = esc_mask16(x, ctl, nhigh, s->high);
            unsigned prev = 0;
            for (; m; m &= m - 1) {
                unsigned k = (unsigned)__builtin_ctz(m);
                _mm_storeu_si128((__m128i *)dst, _mm_loadu_si128((const __m128i *)(p + prev)));
                dst += k - prev;
                dst[0] = HDLC_ESCAPE;
                dst[1] = p[k] ^ HDLC_TRANS;
                dst += 2;
                prev = k + 1;
            }
            _mm_storeu_si128((__m128i *)dst, _mm_loadu_si128((const __m128i *)(p + prev)));
            dst += 16 - prev;
            p += 16;
            n -= 16;
        }
    }
#endif
    while (n > 0) {
        size_t k = esc_scan(s, p, n);
        if (k > (size_t)(end - dst))
            return false;
        memcpy(dst, p, k);
        dst += k;
        p += k;
        n -= k;
        if (n == 0)
            break;
        if (end - dst < 2)
            return false;
        *dst++ = HDLC_ESCAPE;
        *dst++ = *p++ ^ HDLC_TRANS;
        n--;
    }
    *pos = (size_t)(dst - out);
    return true;
}

size_t hdlc_encode(const struct hdlc_encoder *e, uint16_t protocol,
                   const uint8_t *payload, size_t len, bool opening_flag,
                   bool use_compression, uint8_t *out, size_t cap)
{
    struct esc_set s;
    uint8_t hdr[4], tail[4];
    size_t h = 0, t = 0, pos = 0;

    esc_set_init(&s, e->tx_accm, e->extra);
    /* RFC 1661 6.6 / RFC 1662 3.1: address and control may be omitted. */
    if (!(use_compression && e->acfc)) {
        hdr[h++] = HDLC_ALLSTATIONS;
        hdr[h++] = HDLC_UI;
    }
    /* RFC 1661 6.5: only protocols 0x00xx (odd low byte) compress to 1 byte;
     * not 0x00ff (reserved): a lone 0xff would read as the address field. */
    if (use_compression && e->pfc && protocol < 0x100 && (protocol & 1) && protocol != 0xff) {
        hdr[h++] = (uint8_t)protocol;
    } else {
        hdr[h++] = (uint8_t)(protocol >> 8);
        hdr[h++] = (uint8_t)protocol;
    }
    /* RFC 1662 C.2/C.3: FCS sent complemented, least significant byte first. */
    if (e->fcs32) {
        uint32_t f = hdlc_fcs32(HDLC_FCS32_INIT, hdr, h);
        f = ~hdlc_fcs32(f, payload, len);
        for (int i = 0; i < 4; i++)
            tail[t++] = (uint8_t)(f >> (8 * i));
    } else {
        uint16_t f = hdlc_fcs16(HDLC_FCS16_INIT, hdr, h);
        f = (uint16_t)~hdlc_fcs16(f, payload, len);
        tail[t++] = (uint8_t)f;
        tail[t++] = (uint8_t)(f >> 8);
    }

    if (opening_flag) {
        if (cap < 1)
            return 0;
        out[pos++] = HDLC_FLAG;
    }
    if (!tx_small(&s, hdr, h, out, cap, &pos) ||
        !tx_escaped(&s, payload, len, out, cap, &pos) ||
        !tx_small(&s, tail, t, out, cap, &pos) || pos >= cap)
        return 0;
    out[pos++] = HDLC_FLAG;
    return pos;
}

/* ---- header ------------------------------------------------------------- */

bool hdlc_parse_header(const uint8_t *frame, size_t len, uint16_t *protocol,
                       const uint8_t **payload, size_t *payload_len)
{
    struct buf_reader r;
    buf_reader_init(&r, frame, len);
    /* RFC 1662 3.1: 0xff 0x03, unless the peer negotiated ACFC. The
     * protocol field can never start with 0xff (its first byte is even
     * when uncompressed, and 0xff is no valid 1-byte protocol). */
    if (buf_peek_u8(&r, 0) == HDLC_ALLSTATIONS) {
        buf_skip(&r, 1);
        if (buf_get_u8(&r) != HDLC_UI)
            return false;
    }
    /* RFC 1661 2: a protocol field whose first byte is odd has one byte. */
    int first = buf_peek_u8(&r, 0);
    uint16_t proto = (first >= 0 && (first & 1)) ? buf_get_u8(&r) : buf_get_u16(&r);
    if (!buf_reader_ok(&r))
        return false;
    *protocol = proto;
    *payload_len = buf_remaining(&r);
    *payload = buf_get_ptr(&r, *payload_len);
    return true;
}
