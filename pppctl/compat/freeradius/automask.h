/* Debian 12's libfreeradius-dev (3.2.1) ships autoconf.h, which includes
 * this generated header, without it. Upstream it only masks autoconf macros
 * that could clash with the includer's; we define none, so it stays empty. */
