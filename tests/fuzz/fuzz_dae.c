/* libFuzzer target for pppctl dae: everything it takes from outside.
 * The first byte picks: a RADIUS datagram (signed here with the secret
 * when bit 1 is set, so most inputs get past the Request Authenticator
 * into the attribute checks of daereq and the reply of daewire), a radcli
 * servers file (daeclients), or a control socket status reply turned into a
 * session and matched (daelinks, daereq). */
#include <nettle/md5.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pppctl/daeclients.h"
#include "pppctl/daelinks.h"
#include "pppctl/daereq.h"
#include "pppctl/daewire.h"
#include "pppctl/reply.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char secret[] = "testing123";

static void check_text(const char *s)
{
    if (strnlen(s, DAE_TEXT_MAX) >= DAE_TEXT_MAX)
        abort();
}

static void sign_request(uint8_t *p, size_t size)
{
    struct md5_ctx m;
    memset(p + 4, 0, 16);
    md5_init(&m);
    md5_update(&m, size, p);
    md5_update(&m, sizeof(secret) - 1, (const uint8_t *)secret);
    md5_digest(&m, 16, p + 4);
}

static void packet(const uint8_t *data, size_t size, bool sign)
{
    static uint8_t p[DAE_PACKET_MAX + 8], out[DAE_PACKET_MAX];
    static struct dae_request r;
    static bool ready;
    char why[512];
    if (!ready) {
        if (dae_wire_init(DAE_DICT_DIR, why, sizeof(why)) < 0)
            abort();
        ready = true;
    }
    if (size > sizeof(p))
        size = sizeof(p);
    memcpy(p, data, size);
    if (sign && size >= 20)
        sign_request(p, size);
    if (!dae_wire_decode(p, size, secret, &r, why, sizeof(why))) {
        if (!why[0])
            abort();
        return;
    }
    if (r.code != DAE_DISCONNECT_REQUEST && r.code != DAE_COA_REQUEST)
        abort();
    if (r.n_proxy_state > DAE_PROXY_STATE_MAX)
        abort();
    check_text(r.user);
    check_text(r.session_id);
    if (!r.error_cause) {
        /* accepted: it names a session, and a CoA changes something */
        if (!r.has_user && !r.has_session_id && !r.has_ip && !r.has_port)
            abort();
        if (r.code == DAE_COA_REQUEST && !r.has_session_timeout)
            abort();
    }
    ssize_t n = dae_wire_reply(&r, r.error_cause == 0, r.error_cause, secret, out, sizeof(out),
                               why, sizeof(why));
    if (n < 0)
        return;
    if (n < 20 || (size_t)n > sizeof(out) || ((out[2] << 8) | out[3]) != n || out[1] != r.id ||
        out[0] != dae_reply_code(r.code, r.error_cause == 0))
        abort();
}

static void servers(const uint8_t *data, size_t size)
{
    static struct dae_server_entry e[8];
    char why[512];
    int n = dae_servers_parse("servers", (const char *)data, size, e, 8, why, sizeof(why));
    if (n > 8)
        abort();
    for (int i = 0; i < n; i++)
        if (!e[i].host[0] || !e[i].secret[0])
            abort();
}

static void status(const uint8_t *data, size_t size)
{
    static struct reply r;
    struct dae_session s;
    struct dae_request q;
    if (reply_parse(&r, data, size) != REPLY_OK || !dae_session_from_reply(&r, &s))
        return;
    if (!s.ifname[0])
        abort();
    check_text(s.user);
    check_text(s.session_id);
    dae_req_init(&q, DAE_DISCONNECT_REQUEST);
    dae_req_add(&q, 0, DAE_A_USER_NAME, (const uint8_t *)"alice", 5);
    if (dae_session_matches(&q, &s) != (strcmp(s.user, "alice") == 0))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    uint8_t pick = data[0];
    data++;
    size--;
    switch (pick % 3) {
    case 0:
        packet(data, size, pick & 8);
        break;
    case 1:
        servers(data, size);
        break;
    default:
        status(data, size);
        break;
    }
    return 0;
}
