/* mschap_crypto: RFC 2433 / 2759 / 3079 computations on Nettle. */
#include "mschap_crypto.h"

#include <nettle/des.h>
#include <nettle/md4.h>
#include <nettle/sha1.h>
#include <stdio.h>
#include <string.h>

#include "common/secrets.h"

/* RFC 2759 8.7 */
static const char magic_server[] = "Magic server to client signing constant";
static const char magic_pad[] = "Pad to make it do more than one iteration";
/* RFC 3079 3.4 */
static const char magic_master[] = "This is the MPPE Master Key";
static const char magic_client_send[] =
    "On the client side, this is the send key; on the server side, it is the receive key.";
static const char magic_client_recv[] =
    "On the client side, this is the receive key; on the server side, it is the send key.";

/* One code point from strict UTF-8 (no overlong forms, no surrogates, at
 * most U+10FFFF); bytes used, or 0 when s does not start a valid sequence. */
static size_t utf8_decode(const uint8_t *s, size_t n, uint32_t *cp)
{
    size_t need;
    uint32_t c, min;

    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if ((s[0] & 0xe0) == 0xc0) {
        need = 2; c = s[0] & 0x1f; min = 0x80;
    } else if ((s[0] & 0xf0) == 0xe0) {
        need = 3; c = s[0] & 0x0f; min = 0x800;
    } else if ((s[0] & 0xf8) == 0xf0) {
        need = 4; c = s[0] & 0x07; min = 0x10000;
    } else {
        return 0;
    }
    if (n < need)
        return 0;
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3f);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
        return 0;
    *cp = c;
    return need;
}

static bool utf8_valid(const uint8_t *s, size_t n)
{
    uint32_t cp;

    for (size_t i = 0; i < n;) {
        size_t used = utf8_decode(s + i, n - i, &cp);
        if (used == 0)
            return false;
        i += used;
    }
    return true;
}

static size_t put_unit(uint8_t *out, size_t units, uint32_t u)
{
    out[2 * units] = (uint8_t)(u & 0xff);
    out[2 * units + 1] = (uint8_t)(u >> 8);
    return units + 1;
}

size_t mschap_utf16le(const char *secret, size_t len, uint8_t out[2 * MSCHAP_PASSWORD_MAX],
                      bool *latin1)
{
    const uint8_t *s = (const uint8_t *)secret;
    size_t units = 0;
    uint32_t cp;

    *latin1 = !utf8_valid(s, len);
    for (size_t i = 0; i < len && units < MSCHAP_PASSWORD_MAX;) {
        if (*latin1) {
            units = put_unit(out, units, s[i++]);
            continue;
        }
        i += utf8_decode(s + i, len - i, &cp);
        if (cp < 0x10000) {
            units = put_unit(out, units, cp);
        } else if (units + 2 <= MSCHAP_PASSWORD_MAX) {
            cp -= 0x10000;                          /* a surrogate pair */
            units = put_unit(out, units, 0xd800 | (cp >> 10));
            units = put_unit(out, units, 0xdc00 | (cp & 0x3ff));
        } else {
            break;                                  /* never half a pair */
        }
    }
    return units;
}

void mschap_nt_hash(const char *secret, size_t len, uint8_t out[MSCHAP_HASH_LEN])
{
    uint8_t uni[2 * MSCHAP_PASSWORD_MAX];
    struct md4_ctx ctx;
    bool latin1;
    size_t units = mschap_utf16le(secret, len, uni, &latin1);

    md4_init(&ctx);
    md4_update(&ctx, 2 * units, uni);
    md4_digest(&ctx, MSCHAP_HASH_LEN, out);
    secrets_wipe(uni, sizeof(uni));
    secrets_wipe(&ctx, sizeof(ctx));
}

void mschap_hash_hash(const uint8_t hash[MSCHAP_HASH_LEN], uint8_t out[MSCHAP_HASH_LEN])
{
    struct md4_ctx ctx;

    md4_init(&ctx);
    md4_update(&ctx, MSCHAP_HASH_LEN, hash);
    md4_digest(&ctx, MSCHAP_HASH_LEN, out);
    secrets_wipe(&ctx, sizeof(ctx));
}

const char *mschap_hash_user(const char *name)
{
    const char *bs = strrchr(name, '\\');

    return bs ? bs + 1 : name;
}

void mschap_challenge_hash(const uint8_t peer[MSCHAP_V2_CHALLENGE_LEN],
                           const uint8_t auth[MSCHAP_V2_CHALLENGE_LEN], const char *user,
                           uint8_t out[MSCHAP_V1_CHALLENGE_LEN])
{
    struct sha1_ctx ctx;
    uint8_t d[SHA1_DIGEST_SIZE];
    const char *u = mschap_hash_user(user);

    sha1_init(&ctx);
    sha1_update(&ctx, MSCHAP_V2_CHALLENGE_LEN, peer);
    sha1_update(&ctx, MSCHAP_V2_CHALLENGE_LEN, auth);
    sha1_update(&ctx, strlen(u), (const uint8_t *)u);
    sha1_digest(&ctx, sizeof(d), d);
    memcpy(out, d, MSCHAP_V1_CHALLENGE_LEN);
}

/* 56 key bits to the 8 bytes DES takes, 7 bits a byte with the low (parity)
 * bit left 0: Nettle ignores parity (RFC 2759 8.6 MakeKey's layout). */
static void des_key_from_56(const uint8_t in[7], uint8_t key[8])
{
    key[0] = in[0] & 0xfe;
    for (int i = 1; i < 7; i++)
        key[i] = (uint8_t)(((in[i - 1] << (8 - i)) | (in[i] >> i)) & 0xfe);
    key[7] = (uint8_t)(in[6] << 1);
}

void mschap_challenge_response(const uint8_t chal[MSCHAP_V1_CHALLENGE_LEN],
                               const uint8_t hash[MSCHAP_HASH_LEN],
                               uint8_t out[MSCHAP_NT_RESPONSE_LEN])
{
    uint8_t z[21] = { 0 }, key[8];
    struct des_ctx ctx;

    memcpy(z, hash, MSCHAP_HASH_LEN);
    for (int i = 0; i < 3; i++) {
        des_key_from_56(z + 7 * i, key);
        (void)des_set_key(&ctx, key);    /* 0 only flags a weak key: still used */
        des_encrypt(&ctx, DES_BLOCK_SIZE, out + 8 * i, chal);
    }
    secrets_wipe(z, sizeof(z));
    secrets_wipe(key, sizeof(key));
    secrets_wipe(&ctx, sizeof(ctx));
}

void mschap_v1_response(const uint8_t chal[MSCHAP_V1_CHALLENGE_LEN], const char *secret,
                        size_t len, uint8_t out[MSCHAP_RESPONSE_LEN])
{
    uint8_t hash[MSCHAP_HASH_LEN];

    memset(out, 0, MSCHAP_RESPONSE_LEN);
    mschap_nt_hash(secret, len, hash);
    mschap_challenge_response(chal, hash, out + MSCHAP_V1_NT_OFF);
    out[MSCHAP_V1_USENT_OFF] = 1;
    secrets_wipe(hash, sizeof(hash));
}

void mschap_v2_nt_response(const uint8_t auth[MSCHAP_V2_CHALLENGE_LEN],
                           const uint8_t peer[MSCHAP_V2_CHALLENGE_LEN], const char *user,
                           const char *secret, size_t len, uint8_t out[MSCHAP_NT_RESPONSE_LEN])
{
    uint8_t ch[MSCHAP_V1_CHALLENGE_LEN], hash[MSCHAP_HASH_LEN];

    mschap_challenge_hash(peer, auth, user, ch);
    mschap_nt_hash(secret, len, hash);
    mschap_challenge_response(ch, hash, out);
    secrets_wipe(hash, sizeof(hash));
}

void mschap_v2_response(const uint8_t auth[MSCHAP_V2_CHALLENGE_LEN],
                        const uint8_t peer[MSCHAP_V2_CHALLENGE_LEN], const char *user,
                        const char *secret, size_t len, uint8_t out[MSCHAP_RESPONSE_LEN])
{
    memset(out, 0, MSCHAP_RESPONSE_LEN);
    memcpy(out + MSCHAP_V2_PEER_OFF, peer, MSCHAP_V2_CHALLENGE_LEN);
    mschap_v2_nt_response(auth, peer, user, secret, len, out + MSCHAP_V2_NT_OFF);
}

void mschap_v2_auth_response(const char *secret, size_t len,
                             const uint8_t nt_response[MSCHAP_NT_RESPONSE_LEN],
                             const uint8_t peer[MSCHAP_V2_CHALLENGE_LEN],
                             const uint8_t auth[MSCHAP_V2_CHALLENGE_LEN], const char *user,
                             char out[MSCHAP_AUTH_RESPONSE_HEX + 1])
{
    uint8_t hash[MSCHAP_HASH_LEN], hh[MSCHAP_HASH_LEN], ch[MSCHAP_V1_CHALLENGE_LEN];
    uint8_t d[SHA1_DIGEST_SIZE];
    struct sha1_ctx ctx;

    mschap_nt_hash(secret, len, hash);
    mschap_hash_hash(hash, hh);
    sha1_init(&ctx);
    sha1_update(&ctx, sizeof(hh), hh);
    sha1_update(&ctx, MSCHAP_NT_RESPONSE_LEN, nt_response);
    sha1_update(&ctx, sizeof(magic_server) - 1, (const uint8_t *)magic_server);
    sha1_digest(&ctx, sizeof(d), d);
    mschap_challenge_hash(peer, auth, user, ch);
    sha1_init(&ctx);
    sha1_update(&ctx, sizeof(d), d);
    sha1_update(&ctx, sizeof(ch), ch);
    sha1_update(&ctx, sizeof(magic_pad) - 1, (const uint8_t *)magic_pad);
    sha1_digest(&ctx, sizeof(d), d);
    for (size_t i = 0; i < sizeof(d); i++)
        snprintf(out + 2 * i, 3, "%02X", d[i]);
    secrets_wipe(hash, sizeof(hash));
    secrets_wipe(hh, sizeof(hh));
    secrets_wipe(&ctx, sizeof(ctx));
}

void mschap_v1_keys(const char *secret, size_t len, const uint8_t chal[MSCHAP_V1_CHALLENGE_LEN],
                    struct mschap_keys *k)
{
    uint8_t hash[MSCHAP_HASH_LEN], hh[MSCHAP_HASH_LEN], d[SHA1_DIGEST_SIZE];
    struct sha1_ctx ctx;

    mschap_nt_hash(secret, len, hash);
    mschap_hash_hash(hash, hh);
    sha1_init(&ctx);
    sha1_update(&ctx, sizeof(hh), hh);
    sha1_update(&ctx, sizeof(hh), hh);
    sha1_update(&ctx, MSCHAP_V1_CHALLENGE_LEN, chal);
    sha1_digest(&ctx, sizeof(d), d);
    memcpy(k->send, d, MSCHAP_KEY_LEN);
    memcpy(k->recv, d, MSCHAP_KEY_LEN);
    secrets_wipe(hash, sizeof(hash));
    secrets_wipe(hh, sizeof(hh));
    secrets_wipe(d, sizeof(d));
    secrets_wipe(&ctx, sizeof(ctx));
}

void mschap_v2_master_key(const uint8_t hashhash[MSCHAP_HASH_LEN],
                          const uint8_t nt_response[MSCHAP_NT_RESPONSE_LEN],
                          uint8_t out[MSCHAP_KEY_LEN])
{
    uint8_t d[SHA1_DIGEST_SIZE];
    struct sha1_ctx ctx;

    sha1_init(&ctx);
    sha1_update(&ctx, MSCHAP_HASH_LEN, hashhash);
    sha1_update(&ctx, MSCHAP_NT_RESPONSE_LEN, nt_response);
    sha1_update(&ctx, sizeof(magic_master) - 1, (const uint8_t *)magic_master);
    sha1_digest(&ctx, sizeof(d), d);
    memcpy(out, d, MSCHAP_KEY_LEN);
    secrets_wipe(d, sizeof(d));
    secrets_wipe(&ctx, sizeof(ctx));
}

void mschap_v2_start_key(const uint8_t master[MSCHAP_KEY_LEN], bool is_send, bool is_server,
                         uint8_t out[MSCHAP_KEY_LEN])
{
    static const uint8_t pad1[40] = { 0 };
    uint8_t pad2[40], d[SHA1_DIGEST_SIZE];
    struct sha1_ctx ctx;
    /* The client's send key is the server's receive key. */
    const char *s = is_send == is_server ? magic_client_recv : magic_client_send;

    memset(pad2, 0xf2, sizeof(pad2));
    sha1_init(&ctx);
    sha1_update(&ctx, MSCHAP_KEY_LEN, master);
    sha1_update(&ctx, sizeof(pad1), pad1);
    sha1_update(&ctx, strlen(s), (const uint8_t *)s);
    sha1_update(&ctx, sizeof(pad2), pad2);
    sha1_digest(&ctx, sizeof(d), d);
    memcpy(out, d, MSCHAP_KEY_LEN);
    secrets_wipe(d, sizeof(d));
    secrets_wipe(&ctx, sizeof(ctx));
}

void mschap_v2_keys(const char *secret, size_t len,
                    const uint8_t nt_response[MSCHAP_NT_RESPONSE_LEN], bool is_server,
                    struct mschap_keys *k)
{
    uint8_t hash[MSCHAP_HASH_LEN], hh[MSCHAP_HASH_LEN], master[MSCHAP_KEY_LEN];

    mschap_nt_hash(secret, len, hash);
    mschap_hash_hash(hash, hh);
    mschap_v2_master_key(hh, nt_response, master);
    mschap_v2_start_key(master, true, is_server, k->send);
    mschap_v2_start_key(master, false, is_server, k->recv);
    secrets_wipe(hash, sizeof(hash));
    secrets_wipe(hh, sizeof(hh));
    secrets_wipe(master, sizeof(master));
}
