/* cmocka tests for pppd-lite/session's pure parts: pppd's 8-bit-clean
 * check on the receive bits the HDLC decoder collects. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "common/hdlc.h"
#include "common/log.h"
#include "pppd-lite/daemon.h"

static char lines[8][160];
static int n_lines;

static void sink(void *ctx, enum log_level level, const char *msg)
{
    (void)ctx;
    (void)level;
    if (n_lines < 8)
        snprintf(lines[n_lines++], sizeof(lines[0]), "%s", msg);
}

static int setup(void **state)
{
    (void)state;
    log_open("test", 0, 0);
    log_set_sink(sink, NULL);
    n_lines = 0;
    return 0;
}

static void check(unsigned bits, const char *problem)
{
    n_lines = 0;
    session_eightbit_check(bits);
    if (!problem) {
        assert_int_equal(n_lines, 0);
        return;
    }
    assert_true(n_lines >= 2);
    assert_string_equal(lines[0], "Receive serial link is not 8-bit clean:");
    char want[80];
    snprintf(want, sizeof(want), "Problem: %s", problem);
    assert_string_equal(lines[1], want);
}

static void test_eightbit(void **state)
{
    (void)state;
    const unsigned all = HDLC_RX_B7_0 | HDLC_RX_B7_1 | HDLC_RX_ODDP | HDLC_RX_EVNP;
    check(all, NULL);                                   /* clean */
    check(0, NULL);                                     /* nothing received */
    check(all & ~HDLC_RX_B7_1, "all had bit 7 set to 0");
    check(all & ~HDLC_RX_B7_0, "all had bit 7 set to 1");
    check(all & ~HDLC_RX_EVNP, "all had odd parity");
    check(all & ~HDLC_RX_ODDP, "all had even parity");
    check(HDLC_RX_B7_0, NULL);                          /* two missing: pppd says nothing */
}

static void test_decoder_feeds_the_check(void **state)
{
    (void)state;
    /* a 7-bit line: "login: " text, bit 7 never set */
    static uint8_t storage[HDLC_DECODER_STORAGE(1500)];
    struct hdlc_decoder d;
    hdlc_decoder_init(&d, storage, sizeof(storage), 1500);
    const uint8_t text[] = "Welcome to SuSE Linux 6.0 (i386) - Kernel (l).\r\nlas1!login: ";
    const uint8_t *in = text, *frame;
    size_t len = sizeof(text) - 1, flen;
    while (hdlc_decode(&d, &in, &len, &frame, &flen)) {
    }
    n_lines = 0;
    session_eightbit_check(d.rx_bits);
    assert_true(n_lines >= 2);
    assert_string_equal(lines[1], "Problem: all had bit 7 set to 0");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_eightbit),
        cmocka_unit_test(test_decoder_feeds_the_check),
    };
    return cmocka_run_group_tests_name("session", tests, setup, NULL);
}
