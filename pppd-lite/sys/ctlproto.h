/* ctlproto: the control socket's request language, shared by pppd-lite and
 * pppctl. One request per line: "status", "terminate", "terminate
 * admin-reset", "hangup", "debug on", "debug off", "session-timeout N".
 * The reply is zero or more "key value" lines (value printable ASCII, maybe
 * empty, outside text escaped as \xNN) and then one status line,
 * "ok [text]" or "error text". Pure: no I/O. */
#ifndef PPPD_LITE_SYS_CTLPROTO_H
#define PPPD_LITE_SYS_CTLPROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CTL_REQUEST_MAX 128     /* longest request line, newline included */
#define CTL_REPLY_MAX 4096      /* longest whole reply */
#define CTL_SOCK_SUBDIR "pppd-lite"
#define CTL_SESSION_TIMEOUT_MAX 100000000u   /* as the maxconnect option's bound */

enum ctl_command {
    CTL_CMD_STATUS,
    CTL_CMD_TERMINATE,
    CTL_CMD_HANGUP,
    CTL_CMD_DEBUG_ON,
    CTL_CMD_DEBUG_OFF,
    CTL_CMD_TERMINATE_ADMIN_RESET,  /* RADIUS Disconnect: Stop says Admin-Reset */
    CTL_CMD_SESSION_TIMEOUT,        /* arg: seconds from IP up, 0 none */
};

struct ctl_request {
    enum ctl_command cmd;
    uint32_t arg;
};

/* Parse one request line (without its newline; a trailing CR is allowed).
 * false with *err set for anything else. */
bool ctl_parse_request(const char *line, size_t len, struct ctl_request *req, const char **err);

#endif
