/* hostile_peer: a misbehaving PPP peer on a pty, for pppd-lite's hostile-input
 * tests (tests/e2e/hostile_pppd.sh).
 *
 *   hostile_peer [-d SECONDS] [-n N] [-u USER] [-p PASSWORD] LINK MODE
 *
 * A pty pair is opened, LINK becomes a symlink to the raw slave (held open by
 * us, so pppd-lite may open and close it), "ready" is printed, and the master
 * is driven for at most SECONDS (default 20) or until SIGTERM. Every frame
 * pppd-lite sends is decoded; what we saw is printed at the end as
 *   stats lcp_confreq=.. lcp_confack=.. lcp_confnak=.. lcp_confrej=..
 *         lcp_termreq=.. lcp_termack=.. lcp_coderej=.. lcp_protrej=..
 *         lcp_echorep=..
 *         ipcp=.. pap_req=.. pap_ack=.. pap_nak=.. chap_success=..
 *         chap_failure=.. frames=.. bytes_sent=..
 *   storm_acks=.. (Configure-Acks for the storm's identifiers)
 *   confreq_after_open=.. (LCP Configure-Requests after the link opened)
 * and events as they happen: "event lcp-open", "event ipcp", "event termreq",
 * "event reply CODE ID" (the reply to our single odd request).
 *
 * The "nice" behaviour under most modes: send an empty LCP Configure-Request
 * every 500 ms until acked, Ack every request of pppd-lite, answer
 * Terminate-Requests and Echo-Requests. MODE adds the hostility:
 *   random    megabytes of random bytes (seed N) before and between frames
 *   badfcs    before each good frame, an LCP Terminate-Request with a bad FCS
 *             (accepting it would show as a Terminate-Ack)
 *   overmru   before each good frame, a Terminate-Request padded to 4000 bytes
 *   lying     first, requests with options of length 0/1/too long; before
 *             each good frame and every 100 ms, LCP/PAP/CHAP/IPCP packets
 *             whose length fields lie, runt frames (a Terminate-Request among
 *             them: accepting it would show as a Terminate-Ack)
 *   storm     once open, N (default 2000) Configure-Requests back to back
 *   echostorm once open, N (default 2000) Echo-Requests of 1400 bytes
 *   protostorm once open, N (default 2000) 1400-byte packets of protocols
 *             pppd-lite does not speak (EAP 0xc227 first, then others)
 *   coderej   answer each of pppd-lite's Configure-Requests with a
 *             Code-Reject of it (a peer that "does not know" code 1)
 *   repeat    our Configure-Request holds the MRU option 150 times and the
 *             async map 100 times (1200 bytes); afterwards a sane one
 *   naked     request MRU 64 every 100 ms forever (pppd-lite must Nak it,
 *             then Reject it after lcp-max-failure Naks); never Ack
 *   nakall    Nak every request of pppd-lite (asking for a changed async
 *             map, or suggesting MRU 1000 when it asks for nothing to Nak)
 *   protrej   once open, a Protocol-Reject of LCP itself
 *   pap       once open, PAP Authenticate-Requests with USER/PASSWORD,
 *             every 100 ms (ids 1..N)
 *   chap      answer every CHAP Challenge with a wrong value, name USER
 *   papsilent ask pppd-lite to authenticate with PAP; never answer
 *   mschapbad ask pppd-lite to authenticate with MS-CHAPv2, challenge it once
 *             open and answer its Response with a Success whose S= is wrong
 *             (all zeros): an authenticator that does not know the password
 *   papnak    ask pppd-lite to authenticate with PAP; Nak every request
 *   ipcpnak   once open, Nak every IPCP Configure-Request with yet another
 *             address (192.0.2.x)
 * Exit status 0, or 2 on a usage error or a failing pty. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/hdlc.h"

#define P_LCP 0xc021
#define P_PAP 0xc023
#define P_CHAP 0xc223
#define P_IPCP 0x8021

enum { CONFREQ = 1, CONFACK, CONFNAK, CONFREJ, TERMREQ, TERMACK, CODEREJ, PROTREJ,
       ECHOREQ, ECHOREP, DISCREQ };

enum mode { M_RANDOM, M_BADFCS, M_OVERMRU, M_LYING, M_STORM, M_REPEAT, M_NAKED, M_NAKALL,
            M_PROTREJ, M_PAP, M_CHAP, M_PAPSILENT, M_PAPNAK, M_IPCPNAK,
            M_ECHOSTORM, M_PROTOSTORM, M_CODEREJ, M_MSCHAPBAD };

static const char *const mode_names[] = {
    "random", "badfcs", "overmru", "lying", "storm", "repeat", "naked", "nakall", "protrej",
    "pap", "chap", "papsilent", "papnak", "ipcpnak", "echostorm", "protostorm", "coderej",
    "mschapbad",
};

static volatile sig_atomic_t stop;
static int master = -1;
static const char *link_path;
static enum mode mode;
static unsigned long n_arg;
static const char *user = "hostile", *password = "wrong";
static uint64_t rng = 88172645463325252ull;
static unsigned long bytes_sent;

static struct {
    unsigned long code[16], ipcp, pap_req, pap_ack, pap_nak, chap_success, chap_failure, frames,
        storm_acks;
} seen;
static bool their_acked, our_acked, open_reported, ipcp_reported, odd_reported;
static bool storm_done, protrej_done, got_termreq;
static uint8_t our_id = 0x40, odd_id, their_reqid;
static unsigned long confreq_at_open;
static unsigned pap_id;

static void on_signal(int s)
{
    (void)s;
    stop = 1;
}

static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 11);
}

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void drain(void);

/* Write everything, reading pppd-lite's output meanwhile so neither side
 * blocks on a full pty. */
static void put_raw(const uint8_t *p, size_t n)
{
    while (n > 0 && !stop) {
        struct pollfd pfd = { master, POLLOUT | POLLIN, 0 };
        if (poll(&pfd, 1, 1000) < 0 && errno != EINTR)
            return;
        if (pfd.revents & POLLIN)
            drain();
        if (!(pfd.revents & POLLOUT))
            continue;
        ssize_t w = write(master, p, n);
        if (w < 0) {
            if (errno == EAGAIN || errno == EINTR)
                continue;
            return;
        }
        p += w;
        n -= (size_t)w;
        bytes_sent += (unsigned long)w;
    }
}

/* One frame with the full header; corrupt flips a bit of the FCS. */
static void put_frame(uint16_t proto, const uint8_t *payload, size_t len, bool corrupt)
{
    static uint8_t out[HDLC_ENCODED_MAX(9000)];
    struct hdlc_encoder e;

    hdlc_encoder_init(&e);
    size_t n = hdlc_encode(&e, proto, payload, len, true, false, out, sizeof out);
    if (n == 0)
        return;
    if (corrupt) {
        uint8_t *b = &out[n - 2];   /* last FCS byte, before the closing flag */
        for (uint8_t x = 1; x != 0; x <<= 1) {
            uint8_t v = *b ^ x;
            if (v != HDLC_FLAG && v != HDLC_ESCAPE && (v >= 0x20 || b[-1] == HDLC_ESCAPE)) {
                *b = v;
                break;
            }
        }
    }
    put_raw(out, n);
}

/* A control packet: code, id, length = 4 + len (or lie_len when nonzero). */
static void put_ctl(uint16_t proto, uint8_t code, uint8_t id, const uint8_t *data, size_t len,
                    unsigned lie_len, bool corrupt)
{
    uint8_t pkt[9000];
    struct buf_writer w;

    buf_writer_init(&w, pkt, sizeof pkt);
    buf_put_u8(&w, code);
    buf_put_u8(&w, id);
    buf_put_u16(&w, (uint16_t)(lie_len ? lie_len : 4 + len));
    buf_put_bytes(&w, data, len);
    put_frame(proto, pkt, buf_writer_len(&w), corrupt);
}

static void put_random(size_t n)
{
    uint8_t chunk[4096];
    while (n > 0 && !stop) {
        size_t k = n < sizeof chunk ? n : sizeof chunk;
        for (size_t i = 0; i < k; i++)
            chunk[i] = (uint8_t)rnd();
        put_raw(chunk, k);
        n -= k;
    }
}

/* Packets whose Length field lies (RFC 1661 5: shorter than the header or
 * longer than what arrived: silently discarded), runts, and bad PAP/CHAP/IPCP
 * fields. None of them may change pppd-lite's state. */
static void put_length_lies(void)
{
    static const uint8_t pap_lie[] = { 200, 'a', 200, 'b' };
    static const uint8_t chap_lie[] = { 250, 1, 2, 3 };
    static const uint8_t ipcp_lie[] = { 3, 6, 192, 0 };
    static const uint8_t runt[] = { 0xff, 0x03, 0xc0 };
    static const uint8_t protrej_short[] = { 0xc0 };
    static const uint8_t opt_long[] = { 1, 255, 5, 0xdc };
    uint8_t big[64] = { 0 };

    put_ctl(P_LCP, CONFREQ, 0x91, big, 10, 200, false);   /* length beyond the data */
    put_ctl(P_LCP, CONFREQ, 0x92, big, 10, 2, false);     /* length below the header */
    put_ctl(P_LCP, TERMREQ, 0x98, big, 4, 60, false);
    put_ctl(P_LCP, TERMREQ, 0x99, NULL, 0, 3, false);
    put_ctl(P_LCP, PROTREJ, 0x9b, protrej_short, 1, 0, false);
    put_ctl(P_LCP, PROTREJ, 0x9b, protrej_short, 1, 0x7fff, false);
    put_ctl(P_LCP, CONFACK, their_reqid, big, 0, 300, false);
    put_ctl(P_LCP, CONFNAK, their_reqid, opt_long, sizeof opt_long, 0, false);
    put_ctl(P_PAP, 1, 0x9c, pap_lie, sizeof pap_lie, 0, false);
    put_ctl(P_PAP, 1, 0x9d, pap_lie, sizeof pap_lie, 1000, false);
    put_ctl(P_CHAP, 1, 0x9e, chap_lie, sizeof chap_lie, 0, false);
    put_ctl(P_CHAP, 2, 0x9f, chap_lie, sizeof chap_lie, 0, false);
    put_ctl(P_IPCP, CONFREQ, 0xa0, ipcp_lie, sizeof ipcp_lie, 0, false);
    put_ctl(P_IPCP, CONFREQ, 0xa1, big, 0, 0xffff, false);
    put_frame(P_LCP, big, 0, false);                       /* no LCP header at all */
    put_raw(runt, sizeof runt);                            /* runt without FCS */
    put_raw((const uint8_t *)"\x7e", 1);
}

/* Requests with malformed options: pppd rejects or discards them. Sent
 * once, first: a rejected request sends pppd-lite back to Req-Sent (RFC 1661). */
static void put_option_lies(void)
{
    static const uint8_t opt_len0[] = { 1, 0, 5, 0xdc };
    static const uint8_t opt_len1[] = { 3, 1 };
    static const uint8_t opt_long[] = { 1, 255, 5, 0xdc };
    static const uint8_t opt_runt[] = { 5, 6, 1, 2 };
    static const uint8_t auth_short[] = { 3, 3, 0xc0 };
    uint8_t big[8] = { 0 };

    put_ctl(P_LCP, CONFREQ, 0x93, opt_len0, sizeof opt_len0, 0, false);
    put_ctl(P_LCP, CONFREQ, 0x94, opt_len1, sizeof opt_len1, 0, false);
    put_ctl(P_LCP, CONFREQ, 0x95, opt_long, sizeof opt_long, 0, false);
    put_ctl(P_LCP, CONFREQ, 0x96, opt_runt, sizeof opt_runt, 0, false);
    put_ctl(P_LCP, CONFREQ, 0x97, auth_short, sizeof auth_short, 0, false);
    put_ctl(P_LCP, ECHOREQ, 0x9a, big, 2, 0, false);      /* no room for the magic */
    put_ctl(P_LCP, CONFREJ, their_reqid, opt_len0, sizeof opt_len0, 0, false);
}


/* What comes before every good frame in the noisy modes. */
static void put_noise(void)
{
    uint8_t pad[4000];

    switch (mode) {
    case M_RANDOM:
        put_random(2048);
        break;
    case M_BADFCS:
        put_ctl(P_LCP, TERMREQ, 0xe0, (const uint8_t *)"badfcs", 6, 0, true);
        put_ctl(P_LCP, CONFREQ, 0xe1, NULL, 0, 0, true);
        break;
    case M_OVERMRU:
        memset(pad, 'x', sizeof pad);
        put_ctl(P_LCP, TERMREQ, 0xe2, pad, sizeof pad, 0, false);
        break;
    case M_LYING:
        put_length_lies();
        break;
    default:
        break;
    }
}

static void put_good(uint16_t proto, uint8_t code, uint8_t id, const uint8_t *d, size_t len)
{
    put_noise();
    put_ctl(proto, code, id, d, len, 0, false);
}

static void send_our_request(void)
{
    uint8_t opts[1500];
    struct buf_writer w;

    buf_writer_init(&w, opts, sizeof opts);
    our_id++;
    if (mode == M_REPEAT && odd_id == 0) {
        for (int i = 0; i < 150; i++) {
            buf_put_u8(&w, 1);
            buf_put_u8(&w, 4);
            buf_put_u16(&w, (uint16_t)(1000 + i));
        }
        for (int i = 0; i < 100; i++) {
            buf_put_u8(&w, 2);
            buf_put_u8(&w, 6);
            buf_put_u32(&w, (uint32_t)i);
        }
        odd_id = our_id;
    } else if (mode == M_NAKED) {
        buf_put_u8(&w, 1);
        buf_put_u8(&w, 4);
        buf_put_u16(&w, 64);
    } else if (mode == M_PAPSILENT || mode == M_PAPNAK) {
        buf_put_u8(&w, 3);          /* Authentication-Protocol: PAP */
        buf_put_u8(&w, 4);
        buf_put_u16(&w, P_PAP);
    } else if (mode == M_MSCHAPBAD) {
        buf_put_u8(&w, 3);          /* Authentication-Protocol: CHAP, MS-CHAPv2 */
        buf_put_u8(&w, 5);
        buf_put_u16(&w, P_CHAP);
        buf_put_u8(&w, 0x81);
    }
    put_good(P_LCP, CONFREQ, our_id, opts, buf_writer_len(&w));
}

/* Nak every option we can find fault with; suggest an MRU otherwise. */
static void nak_all(uint8_t id, const uint8_t *p, size_t len)
{
    uint8_t nak[1500];
    struct buf_reader r;
    struct buf_writer w;

    buf_reader_init(&r, p, len);
    buf_writer_init(&w, nak, sizeof nak);
    while (buf_remaining(&r) >= 2) {
        uint8_t type = buf_get_u8(&r), olen = buf_get_u8(&r);
        if (olen < 2 || !buf_skip(&r, 0))
            break;
        const uint8_t *v = buf_get_ptr(&r, olen - 2u);
        if (v == NULL)
            break;
        if (type == 2 && olen == 6) {
            uint32_t m = ((uint32_t)v[0] << 24 | (uint32_t)v[1] << 16 | (uint32_t)v[2] << 8 | v[3]);
            buf_put_u8(&w, 2);
            buf_put_u8(&w, 6);
            buf_put_u32(&w, ~m);
        }
    }
    if (buf_writer_len(&w) == 0) {
        buf_put_u8(&w, 1);
        buf_put_u8(&w, 4);
        buf_put_u16(&w, 1000);
    }
    put_good(P_LCP, CONFNAK, id, nak, buf_writer_len(&w));
}

static void on_lcp(const uint8_t *p, size_t len)
{
    struct buf_reader r;
    buf_reader_init(&r, p, len);
    uint8_t code = buf_get_u8(&r), id = buf_get_u8(&r);
    uint16_t plen = buf_get_u16(&r);
    if (!buf_reader_ok(&r) || plen < 4 || plen > len)
        return;
    const uint8_t *data = p + 4;
    size_t dlen = plen - 4u;

    if (code < 16)
        seen.code[code]++;
    if (odd_id != 0 && id == odd_id && !odd_reported &&
        (code == CONFACK || code == CONFNAK || code == CONFREJ)) {
        printf("event reply %u %u\n", code, id);
        odd_reported = true;
    }
    switch (code) {
    case CONFREQ:
        their_reqid = id;
        if (mode == M_NAKED)
            break;
        if (mode == M_CODEREJ) {
            /* RFC 1661 5.6: "I do not know Configure-Request": the packet back */
            put_good(P_LCP, CODEREJ, (uint8_t)(id + 0x80), p, plen);
            break;
        }
        if (mode == M_NAKALL) {
            nak_all(id, data, dlen);
            break;
        }
        their_acked = true;
        put_good(P_LCP, CONFACK, id, data, dlen);
        break;
    case CONFACK:
        if (mode == M_STORM && storm_done && id >= 1 && id <= 0x3f)
            seen.storm_acks++;
        if (id == our_id && !(mode == M_REPEAT && id == odd_id))
            our_acked = true;
        break;
    case CONFNAK:
    case CONFREJ:
        if (id == our_id && mode == M_REPEAT)
            send_our_request();     /* the sane one follows */
        break;
    case TERMREQ:
        printf("event termreq\n");
        got_termreq = true;
        put_good(P_LCP, TERMACK, id, NULL, 0);
        their_acked = our_acked = false;
        break;
    case ECHOREQ: {
        uint8_t rep[1500];
        size_t n = dlen < sizeof rep ? dlen : sizeof rep;
        memcpy(rep, data, n);
        if (n >= 4)
            memset(rep, 0, 4);      /* our magic: none */
        put_good(P_LCP, ECHOREP, id, rep, n);
        break;
    }
    default:
        break;
    }
}

static void on_frame(const uint8_t *f, size_t flen)
{
    uint16_t proto;
    const uint8_t *p;
    size_t len;

    seen.frames++;
    if (!hdlc_parse_header(f, flen, &proto, &p, &len))
        return;
    if (proto == P_LCP) {
        on_lcp(p, len);
    } else if (proto == P_IPCP) {
        seen.ipcp++;
        if (mode == M_IPCPNAK && len >= 4 && p[0] == CONFREQ) {
            static uint8_t host = 10;
            uint8_t nak[6] = { 3, 6, 192, 0, 2, 0 };
            nak[5] = host;
            host = (uint8_t)(host % 250 + 1);
            put_ctl(P_IPCP, CONFNAK, p[1], nak, sizeof nak, 0, false);
        }
        if (!ipcp_reported) {
            printf("event ipcp\n");
            ipcp_reported = true;
        }
    } else if (proto == P_PAP && len >= 4) {
        if (p[0] == 1) {
            seen.pap_req++;
            if (mode == M_PAPNAK)
                put_ctl(P_PAP, 3, p[1], (const uint8_t *)"\x04nope", 5, 0, false);
        }
        if (p[0] == 2)
            seen.pap_ack++;
        if (p[0] == 3)
            seen.pap_nak++;
    } else if (proto == P_CHAP && len >= 4) {
        if (p[0] == 1 && mode == M_CHAP) {
            uint8_t rsp[300];
            struct buf_writer w;
            buf_writer_init(&w, rsp, sizeof rsp);
            buf_put_u8(&w, 16);
            for (int i = 0; i < 16; i++)
                buf_put_u8(&w, (uint8_t)rnd());
            buf_put_bytes(&w, user, strlen(user));
            put_ctl(P_CHAP, 2, p[1], rsp, buf_writer_len(&w), 0, false);
        }
        if (p[0] == 2 && mode == M_MSCHAPBAD) {
            static const char bad[] = "S=0000000000000000000000000000000000000000 M=welcome";
            put_ctl(P_CHAP, 3, p[1], (const uint8_t *)bad, sizeof bad - 1, 0, false);
            printf("event bad-success-sent\n");
        }
        if (p[0] == 3)
            seen.chap_success++;
        if (p[0] == 4)
            seen.chap_failure++;
    }
}

static void drain(void)
{
    static uint8_t store[HDLC_DECODER_STORAGE(9000)];
    static struct hdlc_decoder dec;
    static bool init;
    uint8_t buf[4096];

    if (!init) {
        hdlc_decoder_init(&dec, store, sizeof store, 9000);
        hdlc_decoder_set_accm(&dec, 0);
        init = true;
    }
    for (;;) {
        ssize_t n = read(master, buf, sizeof buf);
        if (n <= 0)
            return;
        const uint8_t *in = buf, *frame;
        size_t len = (size_t)n, flen;
        while (hdlc_decode(&dec, &in, &len, &frame, &flen))
            on_frame(frame, flen);
    }
}

static void after_open(void)
{
    if (mode == M_STORM && !storm_done) {
        unsigned long n = n_arg ? n_arg : 2000;
        storm_done = true;
        for (unsigned long i = 0; i < n && !stop; i++)
            put_ctl(P_LCP, CONFREQ, (uint8_t)(1 + i % 0x3f), NULL, 0, 0, false);
        printf("event storm-sent %lu\n", n);
    } else if (mode == M_ECHOSTORM && !storm_done) {
        static uint8_t data[1400];
        unsigned long n = n_arg ? n_arg : 2000;
        storm_done = true;
        memset(data, 0, 4);     /* magic 0: we negotiated none */
        for (size_t i = 4; i < sizeof data; i++)
            data[i] = (uint8_t)i;
        for (unsigned long i = 0; i < n && !stop; i++)
            put_ctl(P_LCP, ECHOREQ, (uint8_t)i, data, sizeof data, 0, false);
        printf("event echostorm-sent %lu\n", n);
    } else if (mode == M_PROTOSTORM && !storm_done) {
        static uint8_t data[1400];
        static const uint16_t protos[] = { 0xc227, 0x80fd, 0x0057, 0x8057, 0xc025, 0x4021, 0xfffe };
        unsigned long n = n_arg ? n_arg : 2000;
        storm_done = true;
        /* an EAP Request/Identity with a length that lies, then the rest */
        data[0] = 1;
        data[1] = 1;
        data[2] = 0xff;
        data[3] = 0xff;
        data[4] = 1;
        for (unsigned long i = 0; i < n && !stop; i++)
            put_frame(protos[i % (sizeof protos / sizeof protos[0])], data, sizeof data, false);
        printf("event protostorm-sent %lu\n", n);
    } else if (mode == M_MSCHAPBAD && !storm_done) {
        uint8_t chal[1 + 16 + 3];
        storm_done = true;
        chal[0] = 16;
        for (int i = 1; i <= 16; i++)
            chal[i] = (uint8_t)rnd();
        memcpy(chal + 17, "srv", 3);
        put_ctl(P_CHAP, 1, 0x21, chal, sizeof chal, 0, false);
    } else if (mode == M_PROTREJ && !protrej_done) {
        uint8_t d[8] = { 0xc0, 0x21, CONFREQ, 1, 0, 4 };
        protrej_done = true;
        put_ctl(P_LCP, PROTREJ, 0x77, d, sizeof d, 0, false);
        printf("event protrej-sent\n");
    }
}

static void tick(void)
{
    uint8_t auth[600];
    struct buf_writer w;

    if (got_termreq || protrej_done)
        return;    /* pppd-lite is ending the link: do not start it again */
    if (mode == M_NAKED || (!our_acked && mode != M_NAKALL)) {
        send_our_request();
        return;
    }
    if (mode == M_LYING)
        put_length_lies();
    if (mode == M_PAP && pap_id < (n_arg ? n_arg : 50)) {
        buf_writer_init(&w, auth, sizeof auth);
        buf_put_u8(&w, (uint8_t)strlen(user));
        buf_put_bytes(&w, user, strlen(user));
        buf_put_u8(&w, (uint8_t)strlen(password));
        buf_put_bytes(&w, password, strlen(password));
        put_ctl(P_PAP, 1, (uint8_t)++pap_id, auth, buf_writer_len(&w), 0, false);
    }
}

static int usage(void)
{
    fprintf(stderr, "usage: hostile_peer [-d SECONDS] [-n N] [-u USER] [-p PASSWORD] LINK MODE\n");
    return 2;
}

int main(int argc, char **argv)
{
    int opt, slave;
    unsigned long secs = 20;
    char name[256];
    struct termios t;

    while ((opt = getopt(argc, argv, "d:n:u:p:")) != -1) {
        switch (opt) {
        case 'd': secs = strtoul(optarg, NULL, 10); break;
        case 'n': n_arg = strtoul(optarg, NULL, 10); break;
        case 'u': user = optarg; break;
        case 'p': password = optarg; break;
        default: return usage();
        }
    }
    if (argc - optind != 2 || strlen(user) > 255 || strlen(password) > 255)
        return usage();
    link_path = argv[optind];
    size_t m;
    for (m = 0; m < sizeof mode_names / sizeof mode_names[0]; m++)
        if (strcmp(argv[optind + 1], mode_names[m]) == 0)
            break;
    if (m == sizeof mode_names / sizeof mode_names[0])
        return usage();
    mode = (enum mode)m;
    if (mode == M_RANDOM && n_arg)
        rng ^= n_arg * 0x9e3779b97f4a7c15ull;

    if (openpty(&master, &slave, name, NULL, NULL) < 0) {
        perror("hostile_peer: openpty");
        return 2;
    }
    cfmakeraw(&t);
    if (tcgetattr(slave, &t) == 0) {
        cfmakeraw(&t);
        tcsetattr(slave, TCSANOW, &t);
    }
    fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
    unlink(link_path);
    if (symlink(name, link_path) < 0) {
        perror("hostile_peer: symlink");
        return 2;
    }
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    signal(SIGPIPE, SIG_IGN);
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("ready\n");

    uint64_t start = now_ms(), next = start;
    bool started = false;
    while (!stop && now_ms() - start < secs * 1000u) {
        struct pollfd pfd = { master, POLLIN, 0 };
        uint64_t t0 = now_ms();
        int wait = next > t0 ? (int)(next - t0) : 0;
        if (poll(&pfd, 1, wait) > 0)
            drain();
        if (their_acked && our_acked && !open_reported) {
            printf("event lcp-open\n");
            open_reported = true;
            confreq_at_open = seen.code[CONFREQ];
        }
        if (open_reported)
            after_open();
        if (!started && seen.frames > 0) {
            /* pppd-lite has the line open and set up: what we send now arrives. */
            started = true;
            if (mode == M_RANDOM)
                put_random(1u << 20);
            if (mode == M_LYING)
                put_option_lies();
        }
        if (started && now_ms() >= next) {
            tick();
            next = now_ms() + (mode == M_NAKED || mode == M_PAP || mode == M_LYING ? 100
                                                                                          : 500);
        }
    }
    drain();
    printf("stats lcp_confreq=%lu lcp_confack=%lu lcp_confnak=%lu lcp_confrej=%lu "
           "lcp_termreq=%lu lcp_termack=%lu lcp_coderej=%lu lcp_protrej=%lu lcp_echorep=%lu ipcp=%lu "
           "pap_req=%lu pap_ack=%lu pap_nak=%lu chap_success=%lu chap_failure=%lu frames=%lu "
           "bytes_sent=%lu\n",
           seen.code[CONFREQ], seen.code[CONFACK], seen.code[CONFNAK], seen.code[CONFREJ],
           seen.code[TERMREQ], seen.code[TERMACK], seen.code[CODEREJ], seen.code[PROTREJ],
           seen.code[ECHOREP],
           seen.ipcp, seen.pap_req, seen.pap_ack, seen.pap_nak, seen.chap_success,
           seen.chap_failure, seen.frames, bytes_sent);
    printf("storm_acks=%lu confreq_after_open=%lu\n", seen.storm_acks,
           open_reported ? seen.code[CONFREQ] - confreq_at_open : 0);
    unlink(link_path);
    close(slave);
    close(master);
    return 0;
}
