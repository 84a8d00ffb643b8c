/* ctlproto: the control socket's request language, shared by pppd-lite and
 * pppctl. One request per line: "status", "terminate", "hangup",
 * "debug on", "debug off". The reply is zero or more "key value" lines
 * (value printable ASCII, maybe empty, outside text escaped as \xNN) and
 * then one status line, "ok [text]" or "error text". Pure: no I/O. */
#ifndef PPPD_LITE_SYS_CTLPROTO_H
#define PPPD_LITE_SYS_CTLPROTO_H

#include <stdbool.h>
#include <stddef.h>

#define CTL_REQUEST_MAX 128     /* longest request line, newline included */
#define CTL_REPLY_MAX 4096      /* longest whole reply */
#define CTL_SOCK_SUBDIR "pppd-lite"

enum ctl_command {
    CTL_CMD_STATUS,
    CTL_CMD_TERMINATE,
    CTL_CMD_HANGUP,
    CTL_CMD_DEBUG_ON,
    CTL_CMD_DEBUG_OFF,
};

/* Parse one request line (without its newline; a trailing CR is allowed).
 * false with *err set for anything else. */
bool ctl_parse_request(const char *line, size_t len, enum ctl_command *cmd, const char **err);

#endif
