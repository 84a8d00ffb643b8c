/* cmocka tests for getty/greet: the login dialogue over a socket pair, and
 * reading the peer's first PPP frame after /AutoPPP/ was detected. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "getty/greet.h"
#include "getty/lineio.h"

static int sv[2];

static int setup(void **state)
{
    (void)state;
    return socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
}

static int teardown(void **state)
{
    (void)state;
    close(sv[0]);
    close(sv[1]);
    return 0;
}

static void peer_send(const void *p, size_t n)
{
    assert_int_equal(write(sv[1], p, n), (ssize_t)n);
}

/* The whole dialogue: a PPP frame arrives instead of a name. The frame is
 * read to its closing flag and no further; what follows stays queued. */
static void test_autoppp_first_frame(void **state)
{
    static const uint8_t frame[] = { 0x7e, 0xff, 0x7d, 0x23, 0xc0, 0x21, 0x7d, 0x21, 0x7d, 0x21,
                                     0x7d, 0x20, 0x7d, 0x34, 0x12, 0x34, 0x7e };
    static const uint8_t next[] = { 0xff, 0x7d, 0x23, 0xc0, 0x21, 0x7e };
    struct gprompt_ctx pctx = { .tty = "ttyS0", .nodename = "host" };
    struct greet_cfg gc = { .prompt = "@ login: ", .login_time_s = 5, .pctx = &pctx };
    struct lname ln;
    uint8_t got[64], rest[16];
    (void)state;
    peer_send(frame, sizeof frame);
    peer_send(next, sizeof next);
    assert_int_equal(greet_run(sv[0], &gc, &ln), GREET_NAME);
    assert_string_equal(ln.name, "/AutoPPP/");
    size_t n = greet_ppp_frame(sv[0], &ln, got, sizeof got, 500);
    assert_int_equal(n, sizeof frame);
    assert_memory_equal(got, frame, sizeof frame);
    /* the next frame was not touched */
    assert_int_equal(read(sv[0], rest, sizeof rest), (ssize_t)sizeof next);
    assert_memory_equal(rest, next, sizeof next);
    /* the prompt went out first */
    ssize_t r = read(sv[1], got, sizeof got - 1);
    assert_true(r > 0);
    got[r] = '\0';
    assert_non_null(strstr((char *)got, "host login: "));
}

/* A frame that never ends (a hostile or broken peer): bounded by the time
 * and by the buffer. */
static void test_first_frame_bounded(void **state)
{
    struct lname ln;
    uint8_t got[32], junk[100];
    (void)state;
    lname_init(&ln);
    static const uint8_t head[] = { 0x7e, 0xff, 0x03, 0xc0, 0x21 };
    for (size_t i = 0; i < sizeof head; i++)
        lname_feed(&ln, head[i], NULL);
    peer_send("\x01\x01\x00", 3);
    long t0 = gline_now_ms();
    size_t n = greet_ppp_frame(sv[0], &ln, got, sizeof got, 200);
    long took = gline_now_ms() - t0;
    assert_int_equal(n, 8);
    assert_memory_equal(got, head, 5);
    assert_true(took >= 150 && took < 2000);
    memset(junk, 'a', sizeof junk);
    peer_send(junk, sizeof junk);
    n = greet_ppp_frame(sv[0], &ln, got, sizeof got, 2000);
    assert_int_equal(n, sizeof got);
    /* the peer hangs up in the middle: what was read is returned */
    close(sv[1]);
    sv[1] = -1;
    n = greet_ppp_frame(sv[0], &ln, got, sizeof got, 2000);
    assert_true(n >= 5 && n <= sizeof got);
}

static void test_plain_name_and_timeout(void **state)
{
    struct gprompt_ctx pctx = { .tty = "ttyS0", .nodename = "host", .nusers = 3 };
    struct greet_cfg gc = { .prompt = "\\U users, login: ", .login_time_s = 1, .pctx = &pctx };
    struct lname ln;
    char out[128];
    (void)state;
    peer_send("fred\r", 5);
    assert_int_equal(greet_run(sv[0], &gc, &ln), GREET_NAME);
    assert_string_equal(ln.name, "fred");
    assert_int_equal(ln.ppp_rawlen, 0);
    ssize_t r = read(sv[1], out, sizeof out - 1);
    assert_true(r > 0);
    out[r] = '\0';
    assert_non_null(strstr(out, "3 users, login: "));
    assert_int_equal(greet_run(sv[0], &gc, &ln), GREET_TIMEOUT);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);            /* echo to a hung-up peer: EPIPE, not death */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_autoppp_first_frame, setup, teardown),
        cmocka_unit_test_setup_teardown(test_first_frame_bounded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_plain_name_and_timeout, setup, teardown),
    };
    return cmocka_run_group_tests_name("getty_greet", tests, NULL, NULL);
}
