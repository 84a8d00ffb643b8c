/* radreq: RADIUS requests and the reading of replies (see radreq.h). */
#include "pppd-lite/radius/radreq.h"

#include <stdio.h>
#include <string.h>

#include "pppd-lite/proto/engine.h"

/* RFC 2865 5.6, 5.7, 5.41: a PPP user on an async port. */
bool radreq_nas_attrs(struct radmsg *m, const struct radreq_nas *nas, const char *user)
{
    bool ok = radmsg_add_str(m, RAD_USER_NAME, user) &&
              radmsg_add_u32(m, RAD_SERVICE_TYPE, 2 /* Framed */) &&
              radmsg_add_u32(m, RAD_FRAMED_PROTOCOL, 1 /* PPP */) &&
              radmsg_add_u32(m, RAD_NAS_PORT, nas->port) &&
              radmsg_add_u32(m, RAD_NAS_PORT_TYPE, 0 /* Async */);
    if (ok && nas->calling && nas->calling[0])
        ok = radmsg_add_str(m, RAD_CALLING_STATION_ID, nas->calling);
    if (ok && nas->connect_info && nas->connect_info[0])
        ok = radmsg_add_str(m, RAD_CONNECT_INFO, nas->connect_info);
    for (size_t i = 0; ok && i < nas->n_avpairs; i++)
        ok = radmsg_add(m, RADMSG_ITEM_AVPAIR, 0, 0, nas->avpairs[i], strlen(nas->avpairs[i]));
    return ok;
}

bool radreq_auth_pap(struct radmsg *m, uint32_t seq, const struct radreq_nas *nas,
                     const char *user, const char *password, size_t plen)
{
    radmsg_init(m, RADMSG_AUTH, seq);
    /* RFC 2865 5.2: at most 128 bytes of password */
    return plen <= 128 && radreq_nas_attrs(m, nas, user) &&
           radmsg_add(m, RADMSG_ITEM_ATTR, 0, RAD_USER_PASSWORD, password, plen);
}

bool radreq_auth_chap(struct radmsg *m, uint32_t seq, const struct radreq_nas *nas,
                      const char *user, uint8_t ident, const uint8_t *challenge, size_t clen,
                      const uint8_t *response, size_t rlen)
{
    uint8_t pw[17];
    radmsg_init(m, RADMSG_AUTH, seq);
    if (rlen != 16 || clen == 0 || clen > 253)
        return false;
    pw[0] = ident;                   /* RFC 2865 5.3: CHAP Ident, then the response */
    memcpy(pw + 1, response, 16);
    return radreq_nas_attrs(m, nas, user) &&
           radmsg_add(m, RADMSG_ITEM_ATTR, 0, RAD_CHAP_PASSWORD, pw, sizeof(pw)) &&
           radmsg_add(m, RADMSG_ITEM_ATTR, 0, RAD_CHAP_CHALLENGE, challenge, clen);
}

static uint32_t get_u32_vendor(const struct radmsg *m, uint32_t vendor, uint16_t attr)
{
    const struct radmsg_item *it = radmsg_find(m, vendor, attr);
    if (!it || it->len != 4)
        return 0;
    return (uint32_t)it->val[0] << 24 | (uint32_t)it->val[1] << 16 | (uint32_t)it->val[2] << 8 |
           it->val[3];
}

void radreq_grant(const struct radmsg *reply, struct radreq_grant *g)
{
    memset(g, 0, sizeof(*g));
    g->has_ip = radmsg_get_u32(reply, RAD_FRAMED_IP_ADDRESS, &g->ip);
    radmsg_get_u32(reply, RAD_FRAMED_MTU, &g->mtu);
    radmsg_get_u32(reply, RAD_SESSION_TIMEOUT, &g->session_timeout);
    radmsg_get_u32(reply, RAD_IDLE_TIMEOUT, &g->idle_timeout);
    radmsg_get_u32(reply, RAD_ACCT_INTERIM_INTERVAL, &g->interim);
    g->dns[0] = get_u32_vendor(reply, RAD_VENDOR_MICROSOFT, RAD_MS_PRIMARY_DNS);
    g->dns[1] = get_u32_vendor(reply, RAD_VENDOR_MICROSOFT, RAD_MS_SECONDARY_DNS);
    const struct radmsg_item *c = radmsg_find(reply, 0, RAD_CLASS);
    if (c && c->len <= sizeof(g->class_)) {
        memcpy(g->class_, c->val, c->len);
        g->class_len = c->len;
    }
    radmsg_get_str(reply, 0, RAD_FILTER_ID, g->filter_id, sizeof(g->filter_id));
    radmsg_get_str(reply, 0, RAD_FRAMED_ROUTE, g->framed_route, sizeof(g->framed_route));
    radmsg_get_str(reply, 0, RAD_REPLY_MESSAGE, g->message, sizeof(g->message));
}

void radreq_grant_match(const struct radreq_grant *g, const char *user, struct secret_match *m)
{
    memset(m, 0, sizeof(*m));
    snprintf(m->client, sizeof(m->client), "%s", user);
    snprintf(m->server, sizeof(m->server), "*");
    m->n_addrs = 1;
    if (g->has_ip && g->ip != 0xfffffffeu && g->ip != 0xffffffffu)
        snprintf(m->addrs[0], sizeof(m->addrs[0]), "%u.%u.%u.%u", g->ip >> 24,
                 (g->ip >> 16) & 255, (g->ip >> 8) & 255, g->ip & 255);
    else
        snprintf(m->addrs[0], sizeof(m->addrs[0]), "*");
}

bool radreq_acct(struct radmsg *m, uint32_t seq, const struct radreq_nas *nas,
                 const struct radreq_session *s, int status_type, int cause)
{
    radmsg_init(m, RADMSG_ACCT, seq);
    bool ok = radreq_nas_attrs(m, nas, s->user) &&
              radmsg_add_u32(m, RAD_ACCT_STATUS_TYPE, (uint32_t)status_type) &&
              radmsg_add_str(m, RAD_ACCT_SESSION_ID, s->id) &&
              radmsg_add_u32(m, RAD_ACCT_AUTHENTIC, 1 /* RADIUS */);
    if (ok && s->ip)
        ok = radmsg_add_u32(m, RAD_FRAMED_IP_ADDRESS, s->ip);
    if (ok && s->class_len)
        ok = radmsg_add(m, RADMSG_ITEM_ATTR, 0, RAD_CLASS, s->class_, s->class_len);
    if (ok && status_type != RAD_STATUS_START) {
        /* RFC 2869 5.1, 5.2: the octets beyond 2^32 go in the Gigawords */
        ok = radmsg_add_u32(m, RAD_ACCT_SESSION_TIME, s->seconds) &&
             radmsg_add_u32(m, RAD_ACCT_INPUT_OCTETS, (uint32_t)s->in_octets) &&
             radmsg_add_u32(m, RAD_ACCT_OUTPUT_OCTETS, (uint32_t)s->out_octets) &&
             radmsg_add_u32(m, RAD_ACCT_INPUT_GIGAWORDS, (uint32_t)(s->in_octets >> 32)) &&
             radmsg_add_u32(m, RAD_ACCT_OUTPUT_GIGAWORDS, (uint32_t)(s->out_octets >> 32)) &&
             radmsg_add_u32(m, RAD_ACCT_INPUT_PACKETS, (uint32_t)s->in_packets) &&
             radmsg_add_u32(m, RAD_ACCT_OUTPUT_PACKETS, (uint32_t)s->out_packets);
    }
    if (ok && status_type == RAD_STATUS_STOP)
        ok = radmsg_add_u32(m, RAD_ACCT_TERMINATE_CAUSE, (uint32_t)cause);
    return ok;
}

int radreq_cause(int st)
{
    switch (st) {
    case ENGINE_EXIT_OK:
    case ENGINE_EXIT_USER_REQUEST:
        return RAD_CAUSE_USER_REQUEST;
    case ENGINE_EXIT_HANGUP:
    case ENGINE_EXIT_CONNECT_FAILED:
        return RAD_CAUSE_LOST_CARRIER;
    case ENGINE_EXIT_PEER_DEAD:
        return RAD_CAUSE_LOST_SERVICE;
    case ENGINE_EXIT_INIT_FAILED:
    case ENGINE_EXIT_OPEN_FAILED:
    case ENGINE_EXIT_LOCK_FAILED:
    case ENGINE_EXIT_PTYCMD_FAILED:
        return RAD_CAUSE_PORT_ERROR;
    case ENGINE_EXIT_PEER_AUTH_FAILED:
    case ENGINE_EXIT_AUTH_TOPEER_FAILED:
    case ENGINE_EXIT_NEGOTIATION_FAILED:
        return RAD_CAUSE_SERVICE_UNAVAILABLE;
    case ENGINE_EXIT_IDLE_TIMEOUT:
        return RAD_CAUSE_IDLE_TIMEOUT;
    case ENGINE_EXIT_CONNECT_TIME:
        return RAD_CAUSE_SESSION_TIMEOUT;
    case ENGINE_EXIT_CALLBACK:
        return RAD_CAUSE_CALLBACK;
    default:
        return RAD_CAUSE_NAS_ERROR;
    }
}

void radreq_session_id(char *out, size_t cap, uint64_t wall_s, unsigned pid, unsigned counter)
{
    snprintf(out, cap, "%08llX%06X%02X", (unsigned long long)wall_s, pid & 0xffffff,
             counter & 0xff);
}
