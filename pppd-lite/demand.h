/* demand: pppd's `demand` mode. The interface exists and is configured
 * before any call (the options' addresses, or pppd's placeholders
 * 10.64.64.64+unit and 10.112.112.112+unit); the first outgoing packet
 * that passes active-filter starts the call; what was sent meanwhile waits
 * in a bounded queue (demandq.h) and goes out once IPCP is up. */
#ifndef PPPD_LITE_DEMAND_H
#define PPPD_LITE_DEMAND_H

struct daemon;

/* Create (first time) and configure the dormant interface: addresses, up,
 * default route when asked. 0, or pppd's exit status. */
int demand_setup(struct daemon *d);
/* Wait for a packet that should start the call: 0 then, or the exit status
 * of a signal that ends us. */
int demand_wait(struct daemon *d);
/* IPCP is up, before the interface gets the link's addresses and routes. */
void demand_ip_up(struct daemon *d);
/* IPCP is up: send the queued packets (from session_ip_up). */
void demand_flush(struct daemon *d);

#endif
