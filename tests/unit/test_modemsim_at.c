/* cmocka tests for contrib/modemsim/at: the Hayes command parser and the
 * modem's call states, with a fake exchange and a fake clock. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "contrib/modemsim/at.h"

struct fake {
    char out[8192];
    size_t outlen;
    char dialled[AT_NUMBER_MAX];
    int dials, answers, hangups;
    char data[1024];
    size_t datalen;
    struct at_modem m;
    enum at_result dial_result;   /* AT_OK = leave the dial pending */
    char command[AT_LINE_MAX + 1], result[32];
};

static void f_to_dte(void *ctx, const uint8_t *d, size_t n)
{
    struct fake *f = ctx;
    assert_true(f->outlen + n < sizeof f->out);
    memcpy(f->out + f->outlen, d, n);
    f->outlen += n;
    f->out[f->outlen] = '\0';
}

static void f_dial(void *ctx, const char *number)
{
    struct fake *f = ctx;
    snprintf(f->dialled, sizeof f->dialled, "%s", number);
    f->dials++;
    if (f->dial_result != AT_OK)
        at_dial_failed(&f->m, f->dial_result);
}

static void f_answer(void *ctx) { ((struct fake *)ctx)->answers++; }
static void f_hangup(void *ctx) { ((struct fake *)ctx)->hangups++; }

static void f_data(void *ctx, const uint8_t *d, size_t n)
{
    struct fake *f = ctx;
    assert_true(f->datalen + n <= sizeof f->data);
    memcpy(f->data + f->datalen, d, n);
    f->datalen += n;
}

static void f_command(void *ctx, const char *line)
{
    struct fake *f = ctx;
    snprintf(f->command, sizeof f->command, "%s", line);
}

static void f_result(void *ctx, const char *text)
{
    struct fake *f = ctx;
    snprintf(f->result, sizeof f->result, "%s", text);
}

static const struct at_ops ops = { f_to_dte, f_dial, f_answer, f_hangup, f_data, f_command, f_result };
static struct fake F;

static int setup(void **state)
{
    memset(&F, 0, sizeof F);
    at_init(&F.m, &ops, &F, "modemsim test");
    *state = &F;
    return 0;
}

static void clear(void) { F.outlen = 0; F.out[0] = '\0'; }

static void type(uint64_t now, const char *s)
{
    at_input(&F.m, now, (const uint8_t *)s, strlen(s));
}

/* Type a line with echo off and return what the modem said. */
static const char *cmd(const char *s)
{
    clear();
    type(0, s);
    return F.out;
}

static void echo_off(void)
{
    cmd("ATE0\r");
    clear();
}

static void at_gives_ok_with_echo(void **s)
{
    (void)s;
    assert_string_equal(cmd("AT\r"), "AT\r\r\nOK\r\n");
}

static void lowercase_at_accepted(void **s)
{
    (void)s;
    echo_off();
    assert_string_equal(cmd("at\r"), "\r\nOK\r\n");
    assert_string_equal(cmd("atz\r"), "\r\nOK\r\n");
}

static void ate0_stops_echo(void **s)
{
    (void)s;
    assert_string_equal(cmd("ATE0\r"), "ATE0\r\r\nOK\r\n");
    assert_string_equal(cmd("AT\r"), "\r\nOK\r\n");
    assert_false(F.m.echo);
}

static void atv0_numeric_codes(void **s)
{
    (void)s;
    echo_off();
    assert_string_equal(cmd("ATV0\r"), "0\r");
    assert_string_equal(cmd("ATFOO\r"), "4\r");
    assert_string_equal(cmd("ATV1\r"), "\r\nOK\r\n");
}

static void atq1_quiet(void **s)
{
    (void)s;
    echo_off();
    assert_string_equal(cmd("ATQ1\r"), "");
    assert_string_equal(cmd("ATX9\r"), "");
    assert_string_equal(cmd("ATQ0\r"), "\r\nOK\r\n");
}

static void atz_restores_defaults(void **s)
{
    (void)s;
    cmd("ATE0V0Q0S0=3\r");
    assert_false(F.m.echo);
    assert_int_equal(F.m.s[0], 3);
    assert_string_equal(cmd("ATZ\r"), "\r\nOK\r\n");
    assert_true(F.m.echo);
    assert_true(F.m.verbose);
    assert_int_equal(F.m.s[0], 0);
}

static void at_and_f_restores_defaults(void **s)
{
    (void)s;
    cmd("ATE0S7=9\r");
    assert_string_equal(cmd("AT&F\r"), "\r\nOK\r\n");
    assert_int_equal(F.m.s[7], 50);
}

static void several_commands_on_one_line(void **s)
{
    (void)s;
    echo_off();
    assert_string_equal(cmd("ATZ E0 V1\r"), "\r\nOK\r\n");
    assert_string_equal(cmd("ATQ0V1H0\r"), "\r\nOK\r\n");
    assert_string_equal(cmd("ATM1L2X3\r"), "\r\nOK\r\n");
    assert_int_equal(F.m.speaker, 1);
    assert_int_equal(F.m.volume, 2);
    assert_int_equal(F.m.xlevel, 3);
}

static void mgetty_default_init(void **s)
{
    (void)s;
    echo_off();
    assert_string_equal(cmd("ATS0=0Q0&D3&C1\r"), "\r\nOK\r\n");
    assert_string_equal(cmd("AT&K3&S0\\N3%C0\r"), "\r\nOK\r\n");
    assert_string_equal(cmd("AT+FCLASS=0\r"), "\r\nOK\r\n");
    assert_string_equal(cmd("AT+FCLASS?\r"), "\r\n0\r\n\r\nOK\r\n");
}

static void unknown_command_error(void **s)
{
    (void)s;
    echo_off();
    assert_string_equal(cmd("ATJ\r"), "\r\nERROR\r\n");
    assert_string_equal(cmd("AT+CGMI\r"), "\r\nERROR\r\n");
    assert_string_equal(cmd("AT&\r"), "\r\nERROR\r\n");
}

static void error_stops_the_line(void **s)
{
    (void)s;
    echo_off();
    assert_string_equal(cmd("ATE7S0=2\r"), "\r\nERROR\r\n");
    assert_int_equal(F.m.s[0], 0);   /* nothing after the error ran */
}

static void out_of_range_values(void **s)
{
    (void)s;
    echo_off();
    assert_string_equal(cmd("ATM4\r"), "\r\nERROR\r\n");
    assert_string_equal(cmd("ATL9\r"), "\r\nERROR\r\n");
    assert_string_equal(cmd("ATS0=256\r"), "\r\nERROR\r\n");
    assert_string_equal(cmd("ATS99=1\r"), "\r\nERROR\r\n");
    assert_string_equal(cmd("ATS0=99999999999999999999\r"), "\r\nERROR\r\n");
}

static void s_register_set_and_query(void **s)
{
    (void)s;
    echo_off();
    assert_string_equal(cmd("ATS7=30\r"), "\r\nOK\r\n");
    assert_string_equal(cmd("ATS7?\r"), "\r\n030\r\n\r\nOK\r\n");
    assert_string_equal(cmd("ATS2?\r"), "\r\n043\r\n\r\nOK\r\n");
    assert_string_equal(cmd("ATS7\r"), "\r\nERROR\r\n");
}

static void ati_identifies(void **s)
{
    (void)s;
    echo_off();
    assert_string_equal(cmd("ATI\r"), "\r\nmodemsim test\r\n\r\nOK\r\n");
    assert_string_equal(cmd("ATI3\r"), "\r\nmodemsim test\r\n\r\nOK\r\n");
}

static void a_slash_repeats(void **s)
{
    (void)s;
    echo_off();
    cmd("ATS7?\r");
    assert_string_equal(cmd("A/"), "\r\n050\r\n\r\nOK\r\n");
}

static void backspace_edits(void **s)
{
    (void)s;
    echo_off();
    assert_string_equal(cmd("ATJ\bE1\r"), "\r\nOK\r\n");
    assert_true(F.m.echo);
}

static void overlong_line_is_error(void **s)
{
    (void)s;
    echo_off();
    char line[300] = "AT";
    memset(line + 2, 'E', 200);
    strcpy(line + 202, "\r");
    assert_string_equal(cmd(line), "\r\nERROR\r\n");
    assert_string_equal(cmd("AT\r"), "\r\nOK\r\n");   /* recovers */
    assert_string_equal(cmd("A/"), "\r\nOK\r\n");      /* the overflow was not saved */
}

static void binary_junk_ignored(void **s)
{
    (void)s;
    echo_off();
    const uint8_t junk[] = { 0x7e, 0xff, 0x7d, 0x23, 0x00, 0xc0, 0x21, 0x7e, '\r', '\n' };
    clear();
    at_input(&F.m, 0, junk, sizeof junk);
    assert_string_equal(F.out, "");
    /* junk inside a command line is dropped, the command still runs */
    const uint8_t mixed[] = { 'A', 'T', 0x01, 0xfe, 'E', '1', '\r' };
    clear();
    at_input(&F.m, 0, mixed, sizeof mixed);
    assert_string_equal(F.out, "\r\nOK\r\n");
}

static void bare_cr_without_at_ignored(void **s)
{
    (void)s;
    echo_off();
    assert_string_equal(cmd("\r\r\n hello \r"), "");
    assert_string_equal(cmd("AAT\r"), "\r\nOK\r\n");
}

static void dial_passes_number(void **s)
{
    (void)s;
    echo_off();
    assert_string_equal(cmd("ATDT301-555-1212\r"), "");
    assert_int_equal(F.dials, 1);
    assert_string_equal(F.dialled, "301-555-1212");
    assert_int_equal(F.m.state, AT_ST_DIALING);
}

static void dial_variants(void **s)
{
    (void)s;
    echo_off();
    cmd("ATDP 301 555 1212\r");
    assert_string_equal(F.dialled, "3015551212");
    at_dial_failed(&F.m, AT_BUSY);
    cmd("ATD127.0.0.1:2323\r");
    assert_string_equal(F.dialled, "127.0.0.1:2323");
    at_dial_failed(&F.m, AT_NO_ANSWER);
    cmd("ATDL\r");
    assert_string_equal(F.dialled, "127.0.0.1:2323");
    assert_int_equal(F.dials, 3);
}

static void dial_without_number_error(void **s)
{
    (void)s;
    echo_off();
    assert_string_equal(cmd("ATDT\r"), "\r\nERROR\r\n");
    assert_int_equal(F.dials, 0);
}

static void dial_after_other_commands(void **s)
{
    (void)s;
    echo_off();
    cmd("ATM0L0DT5551212\r");
    assert_int_equal(F.dials, 1);
    assert_string_equal(F.dialled, "5551212");
    assert_int_equal(F.m.speaker, 0);
}

static void busy_and_no_answer_results(void **s)
{
    (void)s;
    echo_off();
    F.dial_result = AT_BUSY;
    assert_string_equal(cmd("ATD1\r"), "\r\nBUSY\r\n");
    F.dial_result = AT_NO_ANSWER;
    assert_string_equal(cmd("ATD1\r"), "\r\nNO ANSWER\r\n");
    F.dial_result = AT_NO_DIALTONE;
    assert_string_equal(cmd("ATD1\r"), "\r\nNO DIALTONE\r\n");
    cmd("ATV0\r");
    F.dial_result = AT_BUSY;
    assert_string_equal(cmd("ATD1\r"), "7\r");
    F.dial_result = AT_NO_DIALTONE;
    assert_string_equal(cmd("ATD1\r"), "6\r");
    F.dial_result = AT_NO_ANSWER;
    assert_string_equal(cmd("ATD1\r"), "8\r");
    assert_int_equal(F.m.state, AT_ST_COMMAND);
}

static void x0_reports_no_carrier_for_busy(void **s)
{
    (void)s;
    echo_off();
    cmd("ATX0\r");
    F.dial_result = AT_BUSY;
    assert_string_equal(cmd("ATD1\r"), "\r\nNO CARRIER\r\n");
}

static void connect_with_speed(void **s)
{
    (void)s;
    echo_off();
    cmd("ATD1\r");
    clear();
    at_connected(&F.m, 0, 57600);
    assert_string_equal(F.out, "\r\nCONNECT 57600\r\n");
    assert_int_equal(F.m.state, AT_ST_ONLINE);
}

static void connect_numeric_and_x0(void **s)
{
    (void)s;
    echo_off();
    cmd("ATV0\r");
    cmd("ATD1\r");
    clear();
    at_connected(&F.m, 0, 57600);
    assert_string_equal(F.out, "18\r");
    at_carrier_lost(&F.m);
    cmd("ATX0\r");
    cmd("ATD1\r");
    clear();
    at_connected(&F.m, 0, 57600);
    assert_string_equal(F.out, "1\r");
    assert_int_equal(at_connect_code(33600), 21);
    assert_int_equal(at_connect_code(12345), 1);
}

static void ring_and_answer(void **s)
{
    (void)s;
    echo_off();
    at_ring(&F.m, 1000);
    assert_string_equal(F.out, "\r\nRING\r\n");
    assert_int_equal(F.m.s[1], 1);
    assert_string_equal(cmd("ATA\r"), "");
    assert_int_equal(F.answers, 1);
    assert_int_equal(F.m.state, AT_ST_ANSWERING);
    at_connected(&F.m, 1200, 57600);
    assert_string_equal(F.out, "\r\nCONNECT 57600\r\n");
}

static void ata_without_ring(void **s)
{
    (void)s;
    echo_off();
    assert_string_equal(cmd("ATA\r"), "\r\nNO CARRIER\r\n");
    assert_int_equal(F.answers, 0);
}

static void auto_answer_after_s0_rings(void **s)
{
    (void)s;
    echo_off();
    cmd("ATS0=2\r");
    at_ring(&F.m, 0);
    assert_int_equal(F.answers, 0);
    at_ring(&F.m, 3000);
    assert_int_equal(F.answers, 1);
    assert_int_equal(F.m.state, AT_ST_ANSWERING);
}

static void ring_count_resets(void **s)
{
    (void)s;
    at_ring(&F.m, 0);
    at_ring(&F.m, 3000);
    assert_int_equal(F.m.s[1], 2);
    assert_int_equal(at_next_deadline(&F.m), 11000);
    at_tick(&F.m, 11000);
    assert_int_equal(F.m.s[1], 0);
}

static void s7_carrier_timeout(void **s)
{
    (void)s;
    echo_off();
    cmd("ATS7=5\r");
    type(1000, "ATD1\r");
    assert_int_equal(at_next_deadline(&F.m), 6000);
    at_tick(&F.m, 5999);
    assert_int_equal(F.m.state, AT_ST_DIALING);
    clear();
    at_tick(&F.m, 6000);
    assert_string_equal(F.out, "\r\nNO CARRIER\r\n");
    assert_int_equal(F.hangups, 1);
    assert_int_equal(F.m.state, AT_ST_COMMAND);
}

static void keypress_aborts_dial(void **s)
{
    (void)s;
    echo_off();
    cmd("ATD1\r\n");   /* the LF after CR does not abort */
    assert_int_equal(F.m.state, AT_ST_DIALING);
    assert_string_equal(cmd("x"), "\r\nNO CARRIER\r\n");
    assert_int_equal(F.hangups, 1);
}

static void online_data_passes_through(void **s)
{
    (void)s;
    echo_off();
    cmd("ATD1\r");
    at_connected(&F.m, 0, 57600);
    clear();
    type(10, "ATH\r hello");
    assert_int_equal(F.datalen, 10);
    assert_memory_equal(F.data, "ATH\r hello", 10);
    assert_string_equal(F.out, "");       /* no echo, no commands online */
    assert_int_equal(F.hangups, 0);
}

static void escape_with_guard_time(void **s)
{
    (void)s;
    echo_off();
    cmd("ATD1\r");
    at_connected(&F.m, 0, 57600);
    type(100, "data");
    clear();
    type(1200, "+++");          /* 1.1 s of silence before */
    assert_int_equal(at_next_deadline(&F.m), 2200);
    at_tick(&F.m, 2199);
    assert_int_equal(F.m.state, AT_ST_ONLINE);
    at_tick(&F.m, 2200);
    assert_string_equal(F.out, "\r\nOK\r\n");
    assert_int_equal(F.m.state, AT_ST_ONLINE_CMD);
    assert_int_equal(F.datalen, 7);      /* the +++ went to the peer too */
    assert_string_equal(cmd("ATH\r"), "\r\nOK\r\n");
    assert_int_equal(F.hangups, 1);
    assert_int_equal(F.m.state, AT_ST_COMMAND);
}

static void escape_needs_guard_before(void **s)
{
    (void)s;
    echo_off();
    cmd("ATD1\r");
    at_connected(&F.m, 0, 57600);
    type(900, "x+++");           /* data right before */
    at_tick(&F.m, 5000);
    assert_int_equal(F.m.state, AT_ST_ONLINE);
}

static void escape_cancelled_by_data_after(void **s)
{
    (void)s;
    echo_off();
    cmd("ATD1\r");
    at_connected(&F.m, 0, 57600);
    type(1500, "+++");
    type(1800, "y");
    at_tick(&F.m, 4000);
    assert_int_equal(F.m.state, AT_ST_ONLINE);
}

static void escape_then_ato_returns_online(void **s)
{
    (void)s;
    echo_off();
    cmd("ATD1\r");
    at_connected(&F.m, 0, 57600);
    type(2000, "+++");
    at_tick(&F.m, 3000);
    assert_int_equal(F.m.state, AT_ST_ONLINE_CMD);
    assert_string_equal(cmd("ATO\r"), "\r\nCONNECT 57600\r\n");
    assert_int_equal(F.m.state, AT_ST_ONLINE);
    assert_string_equal(cmd("ATO\r"), "");   /* data now, not a command */
}

static void s2_and_s12_change_escape(void **s)
{
    (void)s;
    echo_off();
    cmd("ATS2=45S12=5\r");        /* '-' and 100 ms */
    cmd("ATD1\r");
    at_connected(&F.m, 0, 57600);
    type(200, "---");
    at_tick(&F.m, 300);
    assert_int_equal(F.m.state, AT_ST_ONLINE_CMD);
}

static void ato_offline_is_no_carrier(void **s)
{
    (void)s;
    echo_off();
    assert_string_equal(cmd("ATO\r"), "\r\nNO CARRIER\r\n");
}

static void carrier_lost_online(void **s)
{
    (void)s;
    echo_off();
    cmd("ATD1\r");
    at_connected(&F.m, 0, 57600);
    clear();
    at_carrier_lost(&F.m);
    assert_string_equal(F.out, "\r\nNO CARRIER\r\n");
    assert_int_equal(F.m.state, AT_ST_COMMAND);
    assert_int_equal(F.hangups, 0);      /* the far end hung up, not us */
    clear();
    at_carrier_lost(&F.m);               /* idle: nothing more to say */
    assert_string_equal(F.out, "");
}

static void dte_close_hangs_up_and_resets(void **s)
{
    (void)s;
    cmd("ATE0S0=1\r");
    cmd("ATD1\r");
    at_connected(&F.m, 0, 57600);
    at_dte_closed(&F.m);
    assert_int_equal(F.hangups, 1);
    assert_int_equal(F.m.state, AT_ST_COMMAND);
    assert_true(F.m.echo);
    assert_int_equal(F.m.s[0], 0);
}

static void dial_online_cmd_is_error(void **s)
{
    (void)s;
    echo_off();
    cmd("ATD1\r");
    at_connected(&F.m, 0, 57600);
    type(2000, "+++");
    at_tick(&F.m, 3000);
    assert_string_equal(cmd("ATD2\r"), "\r\nERROR\r\n");
    assert_int_equal(F.dials, 1);
}

static void atz_during_call_hangs_up(void **s)
{
    (void)s;
    echo_off();
    cmd("ATD1\r");
    at_connected(&F.m, 0, 57600);
    type(2000, "+++");
    at_tick(&F.m, 3000);
    cmd("ATZ\r");
    assert_int_equal(F.hangups, 1);
    assert_int_equal(F.m.state, AT_ST_COMMAND);
}

static void command_and_result_reported(void **s)
{
    (void)s;
    echo_off();
    cmd("ATM0 S0=1\r");
    assert_string_equal(F.command, "M0 S0=1");
    assert_string_equal(F.result, "OK");
    cmd("ATV0DT301-555-1212\r");
    at_connected(&F.m, 0, 57600);
    assert_string_equal(F.result, "CONNECT 57600");   /* the text, also under V0 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup(f, setup)
        T(at_gives_ok_with_echo), T(lowercase_at_accepted), T(ate0_stops_echo),
        T(atv0_numeric_codes), T(atq1_quiet), T(atz_restores_defaults),
        T(at_and_f_restores_defaults), T(several_commands_on_one_line), T(mgetty_default_init),
        T(unknown_command_error), T(error_stops_the_line), T(out_of_range_values),
        T(s_register_set_and_query), T(ati_identifies), T(a_slash_repeats), T(backspace_edits),
        T(overlong_line_is_error), T(binary_junk_ignored), T(bare_cr_without_at_ignored),
        T(dial_passes_number), T(dial_variants), T(dial_without_number_error),
        T(dial_after_other_commands), T(busy_and_no_answer_results),
        T(x0_reports_no_carrier_for_busy), T(connect_with_speed), T(connect_numeric_and_x0),
        T(ring_and_answer), T(ata_without_ring), T(auto_answer_after_s0_rings),
        T(ring_count_resets), T(s7_carrier_timeout), T(keypress_aborts_dial),
        T(online_data_passes_through), T(escape_with_guard_time), T(escape_needs_guard_before),
        T(escape_cancelled_by_data_after), T(escape_then_ato_returns_online),
        T(s2_and_s12_change_escape), T(ato_offline_is_no_carrier), T(carrier_lost_online),
        T(dte_close_hangs_up_and_resets), T(dial_online_cmd_is_error),
        T(atz_during_call_hangs_up), T(command_and_result_reported),
    };
    return cmocka_run_group_tests_name("modemsim_at", tests, NULL, NULL);
}
