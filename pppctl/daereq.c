/* daereq: the request's attributes, checked (see daereq.h). */
#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "pppctl/daereq.h"

void dae_req_init(struct dae_request *r, int code)
{
    memset(r, 0, sizeof(*r));
    r->code = code;
    if (code != DAE_DISCONNECT_REQUEST && code != DAE_COA_REQUEST) {
        r->error_cause = DAE_ERR_INVALID_REQUEST;
        snprintf(r->why, sizeof(r->why), "packet code %d is not Disconnect or CoA", code);
    }
}

static void refuse(struct dae_request *r, int cause, const char *what, uint32_t vendor,
                   uint32_t attr)
{
    if (r->error_cause)
        return;
    r->error_cause = cause;
    if (vendor)
        snprintf(r->why, sizeof(r->why), "%s: vendor %u attribute %u", what, (unsigned)vendor,
                 (unsigned)attr);
    else
        snprintf(r->why, sizeof(r->why), "%s: attribute %u", what, (unsigned)attr);
}

/* A 4-byte number or address, through the bounds-checked reader. */
static bool get_u32(const uint8_t *val, size_t len, uint32_t *out)
{
    struct buf_reader rd;
    buf_reader_init(&rd, val, len);
    *out = buf_get_u32(&rd);
    return buf_reader_ok(&rd) && buf_remaining(&rd) == 0;
}

/* Text: 1 to 253 bytes, no NUL (it is compared as a C string). */
static bool get_text(const uint8_t *val, size_t len, char *out)
{
    if (len == 0 || len >= DAE_TEXT_MAX || memchr(val, '\0', len))
        return false;
    memcpy(out, val, len);
    out[len] = '\0';
    return true;
}

void dae_req_add(struct dae_request *r, uint32_t vendor, uint32_t attr, const uint8_t *val,
                 size_t len)
{
    bool ok = true;
    if (vendor) {
        refuse(r, DAE_ERR_UNSUPPORTED_ATTRIBUTE, "unsupported", vendor, attr);
        return;
    }
    switch (attr) {
    case DAE_A_USER_NAME:
        if (!r->has_user)
            ok = r->has_user = get_text(val, len, r->user);
        break;
    case DAE_A_ACCT_SESSION_ID:
        if (!r->has_session_id)
            ok = r->has_session_id = get_text(val, len, r->session_id);
        break;
    case DAE_A_FRAMED_IP_ADDRESS:
        if (!r->has_ip)
            ok = r->has_ip = get_u32(val, len, &r->ip);
        break;
    case DAE_A_NAS_PORT:
        if (!r->has_port)
            ok = r->has_port = get_u32(val, len, &r->port);
        break;
    case DAE_A_SESSION_TIMEOUT:
        /* RFC 5176 section 3.6: a change only a CoA may ask */
        if (r->code != DAE_COA_REQUEST) {
            refuse(r, DAE_ERR_UNSUPPORTED_ATTRIBUTE, "not in a Disconnect-Request", 0, attr);
            return;
        }
        ok = r->has_session_timeout = get_u32(val, len, &r->session_timeout);
        if (ok && r->session_timeout > 100000000u)
            ok = false;
        break;
    case DAE_A_PROXY_STATE:
        if (r->n_proxy_state >= DAE_PROXY_STATE_MAX || len > sizeof(r->proxy_state[0].val)) {
            refuse(r, DAE_ERR_RESOURCES_UNAVAILABLE, "too many Proxy-States", 0, attr);
            return;
        }
        r->proxy_state[r->n_proxy_state].len = (uint8_t)len;
        memcpy(r->proxy_state[r->n_proxy_state].val, val, len);
        r->n_proxy_state++;
        break;
    case DAE_A_SERVICE_TYPE:
        /* Authorize-Only and the rest: we only end or limit sessions */
        refuse(r, DAE_ERR_UNSUPPORTED_SERVICE, "Service-Type not supported", 0, attr);
        return;
    case DAE_A_NAS_IP_ADDRESS:
    case DAE_A_NAS_IDENTIFIER:
    case DAE_A_NAS_IPV6_ADDRESS:
        /* one listener per host: a request that reached it is for this NAS */
    case DAE_A_EVENT_TIMESTAMP:
    case DAE_A_MESSAGE_AUTHENTICATOR:   /* checked by the library */
        break;
    default:
        refuse(r, DAE_ERR_UNSUPPORTED_ATTRIBUTE, "unsupported", 0, attr);
        return;
    }
    if (!ok)
        refuse(r, DAE_ERR_INVALID_ATTRIBUTE_VALUE, "bad value", 0, attr);
}

bool dae_req_undecodable(struct dae_request *r, const uint8_t *attrs, size_t len,
                         uint32_t *attr)
{
    struct buf_reader rd;
    bool found = false;
    size_t n_proxy = 0;
    buf_reader_init(&rd, attrs, len);
    while (buf_remaining(&rd) >= 2) {
        uint8_t type = buf_get_u8(&rd), alen = buf_get_u8(&rd);
        if (alen < 2)
            break;
        const uint8_t *val = buf_get_ptr(&rd, (size_t)alen - 2);
        if (!val)
            break;
        if (!found && (type == DAE_A_VENDOR_SPECIFIC || type == DAE_A_TUNNEL_PASSWORD)) {
            found = true;
            *attr = type;
        }
        if (type == DAE_A_PROXY_STATE && n_proxy < DAE_PROXY_STATE_MAX) {
            r->proxy_state[n_proxy].len = (uint8_t)(alen - 2);
            memcpy(r->proxy_state[n_proxy].val, val, (size_t)alen - 2);
            n_proxy++;
        }
    }
    if (found) {
        r->n_proxy_state = n_proxy;
        refuse(r, DAE_ERR_UNSUPPORTED_ATTRIBUTE, "unsupported (not decoded)", 0, *attr);
    }
    return found;
}

void dae_req_finish(struct dae_request *r)
{
    if (r->error_cause)
        return;
    if (!r->has_user && !r->has_session_id && !r->has_ip && !r->has_port) {
        r->error_cause = DAE_ERR_MISSING_ATTRIBUTE;
        snprintf(r->why, sizeof(r->why), "no session identification (User-Name, "
                 "Acct-Session-Id, Framed-IP-Address or NAS-Port)");
    } else if (r->code == DAE_COA_REQUEST && !r->has_session_timeout) {
        r->error_cause = DAE_ERR_MISSING_ATTRIBUTE;
        snprintf(r->why, sizeof(r->why), "CoA-Request without Session-Timeout changes nothing");
    }
}

int dae_reply_code(int request_code, bool ack)
{
    if (request_code == DAE_COA_REQUEST)
        return ack ? DAE_COA_ACK : DAE_COA_NAK;
    return ack ? DAE_DISCONNECT_ACK : DAE_DISCONNECT_NAK;
}

const char *dae_error_name(int cause)
{
    switch (cause) {
    case DAE_ERR_UNSUPPORTED_ATTRIBUTE: return "Unsupported-Attribute";
    case DAE_ERR_MISSING_ATTRIBUTE: return "Missing-Attribute";
    case DAE_ERR_INVALID_REQUEST: return "Invalid-Request";
    case DAE_ERR_UNSUPPORTED_SERVICE: return "Unsupported-Service";
    case DAE_ERR_INVALID_ATTRIBUTE_VALUE: return "Invalid-Attribute-Value";
    case DAE_ERR_SESSION_NOT_FOUND: return "Session-Context-Not-Found";
    case DAE_ERR_RESOURCES_UNAVAILABLE: return "Resources-Unavailable";
    default: return "none";
    }
}

bool dae_session_matches(const struct dae_request *r, const struct dae_session *s)
{
    if (!r->has_user && !r->has_session_id && !r->has_ip && !r->has_port)
        return false;
    if (r->has_session_id && (!s->session_id[0] || strcmp(r->session_id, s->session_id) != 0))
        return false;
    if (r->has_user && (!s->user[0] || strcmp(r->user, s->user) != 0))
        return false;
    if (r->has_ip && (!s->has_ip || r->ip != s->ip))
        return false;
    if (r->has_port && (!s->has_port || r->port != s->port))
        return false;
    return true;
}
