/* mschap_calc: pppd-lite's MS-CHAP computations from the command line, for
 * the FreeRADIUS cross-check (tests/e2e/mschap_radius.sh).
 *
 *   mschap_calc v2 USER PASSWORD AUTH_CHALLENGE_HEX PEER_CHALLENGE_HEX
 *     response=<MS-CHAP2-Response as RADIUS carries it: ident 1, flags 0,
 *               peer challenge, 8 zeros, NT-Response>
 *     s=<the authenticator response we expect, 40 hex digits>
 *     send=<the server's MPPE send key> recv=<its receive key>
 *   mschap_calc v1 USER PASSWORD CHALLENGE_HEX
 *     response=<MS-CHAP-Response: ident 1, flags 1 (use NT), LM zeros, NT>
 * Exit status 0, or 2 on a usage error. */
#include <stdio.h>
#include <string.h>

#include "pppd-lite/proto/mschap_crypto.h"

static int unhex(const char *h, uint8_t *out, size_t n)
{
    if (strlen(h) != 2 * n)
        return -1;
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        if (sscanf(h + 2 * i, "%2x", &v) != 1)
            return -1;
        out[i] = (uint8_t)v;
    }
    return 0;
}

static void hex(const char *label, const uint8_t *p, size_t n)
{
    printf("%s=", label);
    for (size_t i = 0; i < n; i++)
        printf("%02x", p[i]);
    printf("\n");
}

int main(int argc, char **argv)
{
    uint8_t auth[16], peer[16], resp[MSCHAP_RESPONSE_LEN], radius[50];
    char s[MSCHAP_AUTH_RESPONSE_HEX + 1];
    struct mschap_keys k;

    if (argc == 6 && strcmp(argv[1], "v2") == 0 && unhex(argv[4], auth, 16) == 0 &&
        unhex(argv[5], peer, 16) == 0) {
        size_t plen = strlen(argv[3]);
        mschap_v2_response(auth, peer, argv[2], argv[3], plen, resp);
        mschap_v2_auth_response(argv[3], plen, resp + MSCHAP_V2_NT_OFF, peer, auth, argv[2], s);
        mschap_v2_keys(argv[3], plen, resp + MSCHAP_V2_NT_OFF, true, &k);
        radius[0] = 1;
        radius[1] = 0;
        memcpy(radius + 2, resp, 48);         /* peer challenge, reserved, NT-Response */
        hex("response", radius, 50);
        printf("s=%s\n", s);
        hex("send", k.send, 16);
        hex("recv", k.recv, 16);
        return 0;
    }
    if (argc == 5 && strcmp(argv[1], "v1") == 0 && unhex(argv[4], auth, 8) == 0) {
        mschap_v1_response(auth, argv[3], strlen(argv[3]), resp);
        radius[0] = 1;
        radius[1] = resp[MSCHAP_V1_USENT_OFF];
        memcpy(radius + 2, resp, 48);         /* LM, NT */
        hex("response", radius, 50);
        return 0;
    }
    fprintf(stderr, "usage: mschap_calc v2 USER PASSWORD AUTH_HEX PEER_HEX | "
                    "v1 USER PASSWORD CHALLENGE_HEX\n");
    return 2;
}
