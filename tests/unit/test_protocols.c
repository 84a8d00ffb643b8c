/* The protocol table: one row per protocol, each complete and consistent
 * with pppd's names, and the engine's storage holds every row's state. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pppd-lite/proto/pktlog.h"
#include "pppd-lite/proto/protocol.h"

static void rows_are_complete(void **state)
{
    (void)state;
    assert_true(protocols_count > 0 && protocols_count <= PROTO_MAX);
    assert_int_equal(protocols[0]->protocol, PPP_PROTO_LCP);   /* LCP first: it carries the link */
    for (size_t i = 0; i < protocols_count; i++) {
        const struct protocol *p = protocols[i];
        assert_non_null(p->name);
        /* The name in the dump is pppd's abbreviation. */
        assert_string_equal(p->name, pktlog_protocol_abbrev(p->protocol));
        assert_true(p->size > 0);
        assert_non_null(p->init);
        assert_non_null(p->input);
        assert_non_null(p->print);
        assert_non_null(p->timeout);
        assert_non_null(p->deadline);
        assert_true(p->phase == ENGINE_PHASE_ESTABLISH || p->phase == ENGINE_PHASE_AUTHENTICATE ||
                    p->phase == ENGINE_PHASE_NETWORK);
        if (p->phase == ENGINE_PHASE_NETWORK) {
            /* The engine opens these and reports them up and down. */
            assert_non_null(p->open);
            assert_non_null(p->lower_up);
            assert_non_null(p->lower_down);
            assert_non_null(p->close);
            assert_non_null(p->get);
            assert_int_not_equal(p->up_event, p->down_event);
        }
        if (p->data_protocol != 0)
            assert_non_null(p->data_ready);
        if (p->phase != ENGINE_PHASE_ESTABLISH)
            assert_non_null(p->protrej);
        assert_ptr_equal(proto_find(p->protocol), p);
        for (size_t j = 0; j < i; j++) {
            assert_int_not_equal(protocols[j]->protocol, p->protocol);
            if (p->data_protocol != 0)
                assert_int_not_equal(protocols[j]->data_protocol, p->data_protocol);
        }
    }
    assert_ptr_equal(proto_find_data(PPP_PROTO_IP), proto_find(PPP_PROTO_IPCP));
    assert_ptr_equal(proto_find_data(PPP_PROTO_IPV6), proto_find(PPP_PROTO_IPV6CP));
    assert_null(proto_find(PPP_PROTO_CCP));
    assert_null(proto_find_data(0));
}

static void send_nothing(void *ctx, uint16_t protocol, const uint8_t *p, size_t len)
{
    (void)ctx, (void)protocol, (void)p, (void)len;
}
static void no_event(void *ctx, const struct engine_event *ev)
{
    (void)ctx, (void)ev;
}
static void zero_random(void *ctx, void *buf, size_t len)
{
    (void)ctx;
    memset(buf, 0x5a, len);
}

static void engine_holds_every_row(void **state)
{
    (void)state;
    struct engine_settings s;
    struct engine_env env = { .send = send_nothing, .event = no_event, .random = zero_random };
    size_t n = engine_storage_size();
    void *mem = malloc(n);

    assert_true(n <= ENGINE_STORAGE_MAX);
    engine_settings_init(&s);
    assert_non_null(mem);
    assert_non_null(engine_init(mem, n, &s, &env));
    assert_null(engine_init(mem, n - 1, &s, &env));
    /* Fresh: no timer, nothing up, no data protocol ready. */
    assert_int_equal(engine_next_deadline(mem), UINT64_MAX);
    assert_false(engine_ip_ready(mem));
    assert_false(engine_ipv6_ready(mem));
    free(mem);
}

/* A peer's text in a dump goes through log_printable: every control byte
 * escaped, however long the text (it is escaped in pieces). */
static void dumps_escape_peer_text(void **state)
{
    (void)state;
    uint8_t term[4 + 70];
    char out[1024], want[1024];
    size_t n;

    term[0] = 5, term[1] = 9, term[2] = 0, term[3] = sizeof(term);
    memset(term + 4, 0x1b, 70);
    term[4 + 69] = '"';
    n = (size_t)snprintf(want, sizeof(want), "rcvd [LCP TermReq id=0x9 \"");
    for (int i = 0; i < 69; i++)
        n += (size_t)snprintf(want + n, sizeof(want) - n, "\\x1b");
    snprintf(want + n, sizeof(want) - n, "\\x22\"]");
    assert_string_equal(pktlog_format(out, sizeof(out), "rcvd", PPP_PROTO_LCP, term, sizeof(term)),
                        want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rows_are_complete),
        cmocka_unit_test(engine_holds_every_row),
        cmocka_unit_test(dumps_escape_peer_text),
    };
    return cmocka_run_group_tests_name("protocols", tests, NULL, NULL);
}
