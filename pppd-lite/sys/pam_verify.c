/* pam_verify: PAM conversation that answers the password prompt. */
#include "pam_verify.h"

#include <security/pam_appl.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "pppd-lite/sys/dynload.h"

struct pam_verify_conv {
    const char *password;
};

/* Answer echo-off prompts with the password, echo-on prompts with nothing;
 * messages are only logged at debug level. */
static int pam_verify_converse(int n, const struct pam_message **msg, struct pam_response **resp,
                               void *appdata)
{
    const struct pam_verify_conv *c = appdata;
    struct pam_response *r;

    if (n <= 0 || n > PAM_MAX_NUM_MSG)
        return PAM_CONV_ERR;
    r = calloc((size_t)n, sizeof(*r));
    if (r == NULL)
        return PAM_BUF_ERR;
    for (int i = 0; i < n; i++) {
        switch (msg[i]->msg_style) {
        case PAM_PROMPT_ECHO_OFF:
            r[i].resp = strdup(c->password);
            break;
        case PAM_PROMPT_ECHO_ON:
            r[i].resp = strdup("");
            break;
        default:
            log_debug("PAM: %s", msg[i]->msg ? msg[i]->msg : "");
            continue;
        }
        if (r[i].resp == NULL) {
            for (int j = 0; j < i; j++)
                free(r[j].resp);
            free(r);
            return PAM_BUF_ERR;
        }
    }
    *resp = r;
    return PAM_SUCCESS;
}

int pam_verify_login(void *ctx, const char *user, const char *password)
{
    struct pam_verify_conv c = { .password = password };
    struct pam_conv conv = { .conv = pam_verify_converse, .appdata_ptr = &c };
    pam_handle_t *h = NULL;
    int rc;

    (void)ctx;
    char err[300];
    const struct dynload_pam *pam = dynload_pam(err, sizeof(err));
    if (!pam) {
        log_error("PAM: %s", err);
        return 0;
    }
    rc = pam->start(PAM_VERIFY_SERVICE, user, &conv, &h);
    if (rc != PAM_SUCCESS) {
        log_error("PAM: cannot start service %s: %s", PAM_VERIFY_SERVICE,
                  pam->strerror(h, rc));
        return 0;
    }
    rc = pam->authenticate(h, PAM_SILENT);
    if (rc == PAM_SUCCESS)
        rc = pam->acct_mgmt(h, PAM_SILENT);
    if (rc != PAM_SUCCESS)
        log_debug("PAM: %s: %s", user, pam->strerror(h, rc));
    pam->end(h, rc);
    return rc == PAM_SUCCESS;
}
