/* demand: pppd's `demand` mode. The interface exists and is configured
 * before any call (the options' addresses, or pppd's placeholders
 * 10.64.64.64+unit and 10.112.112.112+unit); the first outgoing packet
 * that passes active-filter starts the call; what was sent meanwhile waits
 * in a bounded queue (demandq.h) and goes out once IPCP is up. */
#ifndef PPPD_LITE_DEMAND_H
#define PPPD_LITE_DEMAND_H

struct daemon;

/* First time: create and configure the dormant interface (addresses,
 * ip-pre-up, up, the default route when asked). Between calls it keeps the
 * last call's addresses and routes, as pppd's: only made sure to be up.
 * 0, or pppd's exit status. */
int demand_setup(struct daemon *d);
/* Wait for a packet that should start the call: 0 then, or the exit status
 * of a signal that ends us. */
int demand_wait(struct daemon *d);
/* IPCP is up: when it agreed other addresses than the interface carries,
 * they replace them and the routes follow (pppd's ipcp_up in demand mode,
 * with its "Local/Remote IP address changed to" lines and OLDIPLOCAL /
 * OLDIPREMOTE for the scripts). -1: the interface refused them. */
struct engine_ip_params;
int demand_ip_up(struct daemon *d, const struct engine_ip_params *ip);
/* Exit: the dormant default route goes, a replaced one comes back. */
void demand_cleanup(struct daemon *d);
/* IPCP is up: send the queued packets (from session_ip_up), with those the
 * TUN kept while the call was set up, the queue's bound applying to all;
 * those sent from an address that changed get the new one (iprewrite.h). */
void demand_flush(struct daemon *d);

#endif
