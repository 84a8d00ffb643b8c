/* cmocka tests for getty/callinfo and getty/modem: modem lines, CONNECT,
 * chat words and escapes, and a chat run against a scripted socket peer. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/log.h"
#include "getty/callinfo.h"
#include "getty/lineio.h"
#include "getty/modem.h"

static void test_glines(void **state)
{
    struct glines l;
    char out[GLINES_MAX];
    const char *in = "\r\nRING\r\n\r\nNMBR = 123\nx";
    int lines = 0;
    (void)state;
    glines_init(&l);
    for (const char *p = in; *p; p++)
        if (glines_feed(&l, *p, out, sizeof out)) {
            lines++;
            assert_string_equal(out, lines == 1 ? "RING" : "NMBR = 123");
        }
    assert_int_equal(lines, 2);
}

static void test_ring_and_cid_lines(void **state)
{
    struct gcall_info ci;
    (void)state;
    memset(&ci, 0, sizeof ci);
    assert_true(gcall_parse_line(&ci, "RING"));
    assert_false(gcall_parse_line(&ci, "DATE = 1124"));
    assert_false(gcall_parse_line(&ci, "TIME = 1005"));
    assert_false(gcall_parse_line(&ci, "NMBR = 0301 5551212"));
    assert_false(gcall_parse_line(&ci, "NAME = NELSON T"));
    assert_false(gcall_parse_line(&ci, "OK"));
    assert_string_equal(ci.call_date, "1124");
    assert_string_equal(ci.call_time, "1005");
    assert_string_equal(ci.caller_id, "0301 5551212");
    assert_string_equal(ci.caller_name, "NELSON T");
}

static void test_isdn_ring_forms(void **state)
{
    struct gcall_info ci;
    (void)state;
    memset(&ci, 0, sizeof ci);
    assert_true(gcall_parse_line(&ci, "RING;08912345/4711"));
    assert_string_equal(ci.caller_id, "08912345");
    assert_string_equal(ci.called_id, "4711");
    memset(&ci, 0, sizeof ci);
    assert_false(gcall_parse_line(&ci, "CALLER NUMBER: 555"));
    assert_string_equal(ci.caller_id, "555");
    /* control bytes from the line never reach env or logs */
    assert_false(gcall_parse_line(&ci, "NMBR = 1\x1b[2J"));
    assert_string_equal(ci.caller_id, "1?[2J");
}

static void test_connect_speed(void **state)
{
    struct gcall_info ci;
    static const char rx[] = "ATA\r\r\nCONNECT 57600\r\n";
    (void)state;
    memset(&ci, 0, sizeof ci);
    assert_int_equal(gcall_parse_connect(&ci, rx, sizeof rx - 1), 0);
    assert_string_equal(ci.connect, "57600");
    assert_int_equal(ci.speed, 57600);
    assert_int_equal(gcall_parse_connect(&ci, "CONNECT 28800/ARQ/V34/LAPM  \r", 29), 0);
    assert_string_equal(ci.connect, "28800/ARQ/V34/LAPM");
    assert_int_equal(ci.speed, 28800);
    assert_int_equal(gcall_parse_connect(&ci, "CONNECT\r\n", 9), 0);
    assert_string_equal(ci.connect, "");
    assert_int_equal(ci.speed, 0);
    assert_int_equal(gcall_parse_connect(&ci, "NO CARRIER\r\n", 12), -1);
    assert_int_equal(gcall_parse_connect(&ci, "CONNE", 5), -1);
    assert_int_equal(gcall_parse_connect(&ci, "CONNECT 99999999999999999999", 28), 0);
}

static void test_chat_parse(void **state)
{
    struct gmodem_chat c;
    char err[128];
    (void)state;
    assert_int_equal(gmodem_chat_parse(&c, "\"\" \\dATQ0V1H0 OK ATS0=0Q0&D3&C1 OK", err,
                                       sizeof err), 0);
    assert_int_equal(c.n, 5);
    assert_string_equal(c.words[0], "");
    assert_string_equal(c.words[1], "\\dATQ0V1H0");
    assert_string_equal(c.words[4], "OK");
    assert_int_equal(gmodem_chat_parse(&c, "\"\" ATA CONNECT \\c \\r", err, sizeof err), 0);
    assert_int_equal(c.n, 5);
    assert_int_equal(gmodem_chat_parse(&c, "\"a b\" c", err, sizeof err), 0);
    assert_string_equal(c.words[0], "a b");
    assert_int_equal(gmodem_chat_parse(&c, "\"open", err, sizeof err), -1);
    assert_int_equal(gmodem_chat_parse(&c, "", err, sizeof err), 0);
    assert_int_equal(c.n, 0);
}

struct emitted {
    char bytes[256];
    size_t len;
    unsigned delays;
};

static int collect(void *ctx, enum gmodem_send_op op, const char *b, size_t n, unsigned ms)
{
    struct emitted *e = ctx;
    if (op == GSEND_DELAY_MS) {
        e->delays += ms;
        return 0;
    }
    memcpy(e->bytes + e->len, b, n);
    e->len += n;
    return 0;
}

static void test_send_escapes(void **state)
{
    struct emitted e;
    char out[64];
    (void)state;
    memset(&e, 0, sizeof e);
    assert_int_equal(gmodem_send_expand("\\dATZ", collect, &e), 0);
    assert_int_equal(e.delays, 1000);
    assert_int_equal(e.len, 4);
    assert_memory_equal(e.bytes, "ATZ\r", 4);
    memset(&e, 0, sizeof e);
    assert_int_equal(gmodem_send_expand("\\c", collect, &e), 0);
    assert_int_equal(e.len, 0);
    memset(&e, 0, sizeof e);
    assert_int_equal(gmodem_send_expand("a\\sb\\n\\p\\\\\\c", collect, &e), 0);
    assert_int_equal(e.delays, 250);
    assert_memory_equal(e.bytes, "a b\n\\", 5);
    assert_int_equal(e.len, 5);
    assert_int_equal(gmodem_expect_expand("\\r", out, sizeof out), 0);
    assert_string_equal(out, "\r");
    assert_int_equal(gmodem_expect_expand("OK\\q", out, sizeof out), 0);
    assert_string_equal(out, "OK\\q");
    assert_int_equal(gmodem_expect_expand("toolong", out, 4), -1);
}

/* A chat over a socketpair: the peer's replies are written up front. */
static void test_run_chat_answer(void **state)
{
    int sv[2];
    char rx[512], err[128], got[64];
    struct gcall_info ci;
    static const char reply[] = "OK\r\nRING\r\nCONNECT 57600\r\n";
    (void)state;
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    assert_int_equal(write(sv[1], reply, sizeof reply - 1), (ssize_t)(sizeof reply - 1));
    assert_int_equal(gmodem_run_chat(sv[0], "\"\" ATA CONNECT \\c \\r", 2000, NULL, rx,
                                     sizeof rx, err, sizeof err), 0);
    ssize_t n = read(sv[1], got, sizeof got - 1);
    assert_int_equal(n, 4);
    assert_memory_equal(got, "ATA\r", 4);
    memset(&ci, 0, sizeof ci);
    assert_int_equal(gcall_parse_connect(&ci, rx, strlen(rx)), 0);
    assert_int_equal(ci.speed, 57600);
    close(sv[0]);
    close(sv[1]);
}

static void test_run_chat_timeout_and_abort(void **state)
{
    int sv[2];
    char rx[512], err[128];
    static const char *const aborts[] = { "NO CARRIER", NULL };
    (void)state;
    log_open("test", 0, 0);
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    assert_int_equal(gmodem_run_chat(sv[0], "\"\" AT OK", 200, aborts, rx, sizeof rx, err,
                                     sizeof err), -1);
    assert_non_null(strstr(err, "timeout waiting for 'OK'"));
    assert_int_equal(write(sv[1], "NO CARRIER\r\n", 12), 12);
    assert_int_equal(gmodem_run_chat(sv[0], "\"\" ATA CONNECT", 2000, aborts, rx, sizeof rx,
                                     err, sizeof err), -1);
    assert_non_null(strstr(err, "NO CARRIER"));
    close(sv[1]);
    assert_int_equal(gmodem_run_chat(sv[0], "\"\" AT OK", 2000, aborts, rx, sizeof rx, err,
                                     sizeof err), -1);
    close(sv[0]);
}

static void test_wait_rings(void **state)
{
    int sv[2];
    char err[128];
    struct gcall_info ci;
    static const char rings[] = "RING\r\nNMBR = 42\r\nRING\r\n";
    (void)state;
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    assert_int_equal(write(sv[1], rings, sizeof rings - 1), (ssize_t)(sizeof rings - 1));
    struct gring ring;
    memset(&ci, 0, sizeof ci);
    gring_start(&ring, 2, false, 30, 1000, gline_now_ms());
    assert_int_equal(gmodem_wait_rings(sv[0], &ring, &ci, err, sizeof err), GRING_ANSWER);
    assert_int_equal(ring.rings, 2);
    assert_string_equal(ci.caller_id, "42");
    /* nothing more comes: no RING within the first 100 ms */
    gring_start(&ring, 1, false, 30, 100, gline_now_ms());
    assert_int_equal(gmodem_wait_rings(sv[0], &ring, &ci, err, sizeof err), GRING_NO_RING);
    assert_non_null(strstr(err, "timeout waiting for RING"));
    /* one RING of two, then silence: the phone stopped ringing (the 10 s gap
     * is not waited for here: a closed line ends the wait with an error) */
    assert_int_equal(write(sv[1], "RING\r\n", 6), 6);
    close(sv[1]);
    gring_start(&ring, 2, false, 30, 1000, gline_now_ms());
    assert_int_equal(gmodem_wait_rings(sv[0], &ring, &ci, err, sizeof err), -1);
    assert_int_equal(ring.rings, 1);
    assert_non_null(strstr(err, "closed"));
    close(sv[0]);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);   /* a closed socket peer gives EPIPE, as a hung-up line gives EIO */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_glines),
        cmocka_unit_test(test_ring_and_cid_lines),
        cmocka_unit_test(test_isdn_ring_forms),
        cmocka_unit_test(test_connect_speed),
        cmocka_unit_test(test_chat_parse),
        cmocka_unit_test(test_send_escapes),
        cmocka_unit_test(test_run_chat_answer),
        cmocka_unit_test(test_run_chat_timeout_and_abort),
        cmocka_unit_test(test_wait_rings),
    };
    return cmocka_run_group_tests_name("getty_modem", tests, NULL, NULL);
}
