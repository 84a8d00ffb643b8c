/* pam_verify: pppd's `login` password check through PAM (service "ppp").
 *
 * Kept behind the engine's verifier callback (engine_env.verify_login) so
 * the engine and its tests never touch PAM. */
#ifndef PPPD_LITE_PAM_VERIFY_H
#define PPPD_LITE_PAM_VERIFY_H

#define PAM_VERIFY_SERVICE "ppp"

/* Authenticate user/password with pam_authenticate and pam_acct_mgmt under
 * service "ppp". 1 accepted, 0 refused or error (logged). ctx is unused:
 * the signature matches engine_env.verify_login. Blocks while PAM works. */
int pam_verify_login(void *ctx, const char *user, const char *password);

#endif
