/* hints: the troubleshooting table of the seed HOWTO, one line per failure. */
#include "hints.h"

#include <stddef.h>

#include "common/log.h"

static const char *const hint_table[HINT_COUNT] = {
    [HINT_LOOPBACK] = "the peer echoes what we send: usually the login failed or the chat "
                      "script did not start PPP on the remote (check user name, password "
                      "and extra characters in the script)",
    [HINT_LCP_TIMEOUT] = "no PPP answer from the peer: pppd is probably not started on the "
                         "remote end (chat script, login or speed problem), or the line "
                         "drops PPP characters",
    [HINT_IPCP_TIMEOUT] = "the link is up but the peer does not answer IP negotiation: check "
                          "that it is configured for IP and agrees on the addresses",
    [HINT_PEER_REFUSED_AUTH] = "the two ends disagree on authentication: usually too many "
                               "\"pap\", \"chap\" or \"auth\" options on the server, or none "
                               "the client accepts",
    [HINT_PEER_AUTH_FAILED] = "the peer's name or password does not match pap-secrets/"
                              "chap-secrets (or the system password with \"login\")",
    [HINT_PEER_REJECTED_BY_SERVER] = "the authentication server (RADIUS) rejected the peer's "
                                     "name or password: its Reply-Message, if any, is logged "
                                     "above; check the user on the server",
    [HINT_AUTH_TOPEER_FAILED] = "the peer refused our name or password: check \"user\", "
                                "\"name\" and the secrets files on both ends",
    [HINT_MUTUAL_AUTH_FAILED] = "the peer accepted our password but could not prove it "
                                "knows it (wrong S=): it is not the server we meant to reach, "
                                "or its secret for us differs from ours",
    [HINT_ECHO_TIMEOUT] = "the peer stopped answering LCP echo requests: the line or the "
                          "remote end went away without hanging up",
    [HINT_NOT_8BIT_CLEAN] = "the line strips or alters bit 7: set the modem or serial port to "
                            "8 data bits, no parity, or PPP never started on the remote",
    [HINT_MODEM_HANGUP] = "the modem lost carrier: the remote hung up or the line dropped",
    [HINT_CONNECT_FAILED] = "the connect (chat) script failed: run it with -v to see which "
                            "expect string was not seen, and check file permissions on the "
                            "server's configuration",
    [HINT_IDLE] = "no data for the idle time: raise the \"idle\" option to stay connected longer",
};

const char *hint_text(enum hint_kind kind)
{
    if ((unsigned)kind >= HINT_COUNT)
        return NULL;
    return hint_table[kind];
}

void hint_log(enum hint_kind kind)
{
    const char *t = hint_text(kind);

    if (t != NULL)
        log_notice("Hint: %s", t);
}
