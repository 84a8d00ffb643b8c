/* The seed HOWTO's pppd option files, as an admin types them (its "<----"
 * margin notes and trailing " |" removed), shared by the unit tests. */
#ifndef TESTS_SEED_FILES_H
#define TESTS_SEED_FILES_H

/* /etc/ppp/options */
static const char seed_options[] =
    "-detach\n"
    "asyncmap 0\n"
    "netmask 255.255.254.0\n"
    "proxyarp\n"
    "lock\n"
    "crtscts\n"
    "noauth\n"
    "usehostname\n"
    "modem\n"
    "disconnect /etc/ppp-off\n"
    "nodefaultroute\n"
    "debug\n";

/* /etc/ppp/options.ttyS0 */
static const char seed_options_ttyS0[] =
    "128.231.54.227:192.168.100.4\n"
    "modem\n"
    "crtscts\n"
    "silent\n"
    "proxyarp\n";

#endif
