/* ctlproto: parse one control request (see ctlproto.h). */
#include <string.h>

#include "pppd-lite/sys/ctlproto.h"

#define SESSION_TIMEOUT_WORD "session-timeout "

/* Decimal digits only, no sign, spaces or leading zero, at most max: one
 * spelling per number. */
static bool parse_seconds(const char *s, size_t n, uint32_t max, uint32_t *out)
{
    uint64_t v = 0;
    if (n == 0 || n > 10 || (n > 1 && s[0] == '0'))
        return false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    if (v > max)
        return false;
    *out = (uint32_t)v;
    return true;
}

bool ctl_parse_request(const char *line, size_t len, struct ctl_request *req, const char **err)
{
    static const struct {
        const char *word;
        enum ctl_command cmd;
    } cmds[] = {
        { "status", CTL_CMD_STATUS },       { "terminate", CTL_CMD_TERMINATE },
        { "hangup", CTL_CMD_HANGUP },       { "debug on", CTL_CMD_DEBUG_ON },
        { "debug off", CTL_CMD_DEBUG_OFF }, { "terminate admin-reset", CTL_CMD_TERMINATE_ADMIN_RESET },
    };
    if (len > 0 && line[len - 1] == '\r')
        len--;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)line[i];
        if (c < 0x20 || c > 0x7e) {
            *err = "malformed request";
            return false;
        }
    }
    req->arg = 0;
    for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
        if (strlen(cmds[i].word) == len && memcmp(cmds[i].word, line, len) == 0) {
            req->cmd = cmds[i].cmd;
            return true;
        }
    }
    size_t sw = strlen(SESSION_TIMEOUT_WORD);
    if (len >= sw - 1 && memcmp(line, SESSION_TIMEOUT_WORD, sw - 1) == 0) {
        if (len > sw && line[sw - 1] == ' ' &&
            parse_seconds(line + sw, len - sw, CTL_SESSION_TIMEOUT_MAX, &req->arg)) {
            req->cmd = CTL_CMD_SESSION_TIMEOUT;
            return true;
        }
        *err = "usage: session-timeout SECONDS (0 to 100000000)";
        return false;
    }
    if (len >= 5 && memcmp(line, "debug", 5) == 0)
        *err = "usage: debug on|off";
    else if (len >= 9 && memcmp(line, "terminate", 9) == 0)
        *err = "usage: terminate [admin-reset]";
    else
        *err = "unknown command (status, terminate [admin-reset], hangup, debug on|off, "
               "session-timeout N)";
    return false;
}
