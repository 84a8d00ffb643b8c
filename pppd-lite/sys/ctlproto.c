/* ctlproto: parse one control request (see ctlproto.h). */
#include <string.h>

#include "pppd-lite/sys/ctlproto.h"

bool ctl_parse_request(const char *line, size_t len, enum ctl_command *cmd, const char **err)
{
    static const struct {
        const char *word;
        enum ctl_command cmd;
    } cmds[] = {
        { "status", CTL_CMD_STATUS },       { "terminate", CTL_CMD_TERMINATE },
        { "hangup", CTL_CMD_HANGUP },       { "debug on", CTL_CMD_DEBUG_ON },
        { "debug off", CTL_CMD_DEBUG_OFF },
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
    for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
        if (strlen(cmds[i].word) == len && memcmp(cmds[i].word, line, len) == 0) {
            *cmd = cmds[i].cmd;
            return true;
        }
    }
    if (len >= 5 && memcmp(line, "debug", 5) == 0)
        *err = "usage: debug on|off";
    else
        *err = "unknown command (status, terminate, hangup, debug on|off)";
    return false;
}
