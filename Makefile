# pppsuite: getty, ppplogin, pppd-lite and chat on one common library.
# GNU make. Objects go to $(BUILD); nothing is built beside the sources.

VERSION   := 0.1.0
PREFIX    ?= /usr/local
DESTDIR   ?=
BUILD     ?= build
CC        ?= cc
SAN       ?=
# Under ASan, libcrypt must load before PAM's pam_unix dlopens it, or ASan's
# crypt_r interceptor finds nothing and calls address 0.
SAN_LDLIBS ?=
OPT       ?= -O2
CPPFLAGS  += -I. -D_GNU_SOURCE -DSUITE_VERSION='"$(VERSION)"'
CFLAGS    ?= $(OPT) -g
CFLAGS    += -std=c11 -Wall -Wextra -Werror $(SAN)
# --as-needed: each program records only the libraries it calls (every
# mapped library costs private pages for its relocations and data).
LDFLAGS   += $(SAN) -Wl,--as-needed
LDLIBS    := -lradcli -lnettle -lpam -lutil -lpcap $(SAN_LDLIBS)
TEST_LIBS := -lcmocka
# pppctl dae speaks RFC 5176 through FreeRADIUS's own library (Debian's
# libfreeradius-dev, outside the linker's path); linked into pppctl and the
# tests of its dae files only, never into pppd-lite. Debian 12's headers
# include a generated automask.h they do not ship: pppctl/compat has it.
FR_CPPFLAGS := -isystem pppctl/compat
FR_LIBS   := -L/usr/lib/freeradius -Wl,-rpath,/usr/lib/freeradius -lfreeradius-radius -ltalloc
pppctl_LDLIBS := $(FR_LIBS)

# Program folders: every .c but main.c (also one folder level down, as
# pppd-lite/proto/) goes into lib<name>.a so unit tests can link it.
PROG_DIRS := chat pppd-lite pppctl getty ppplogin contrib/modemsim
PROGS     := $(notdir $(PROG_DIRS))
BIN       := $(BUILD)/bin

COMMON_SRC := $(wildcard common/*.c)
COMMON_OBJ := $(COMMON_SRC:%.c=$(BUILD)/%.o)
COMMON_LIB := $(BUILD)/libcommon.a

prog_lib  = $(BUILD)/$(1)/lib$(notdir $(1)).a
PROG_LIBS := $(foreach d,$(PROG_DIRS),$(call prog_lib,$(d)))

UNIT_SRC  := $(wildcard tests/unit/test_*.c)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
HELPER_SRC := $(wildcard tests/helpers/*.c)
HELPER_BIN := $(HELPER_SRC:tests/helpers/%.c=$(BUILD)/tests/helpers/%)
BENCH_SRC := $(wildcard tests/bench/bench_*.c)
BENCH_BIN := $(BENCH_SRC:tests/bench/%.c=$(BUILD)/tests/%)

DEPFLAGS = -MMD -MP

# pppd-lite dlopens libpcap, radcli and PAM when options need them
# (pppd-lite/sys/dynload.c), by the sonames of the libraries it is built with.
soname = $(shell objdump -p "$$($(CC) -print-file-name=lib$(1).so)" 2>/dev/null | sed -n 's/^ *SONAME *//p')
DYNLOAD_SONAMES := $(foreach l,pcap radcli pam,$(if $(call soname,$(l)),\
  -DDYNLOAD_$(shell echo $(l) | tr a-z A-Z)_SO='"$(call soname,$(l))"'))
$(BUILD)/pppd-lite/sys/dynload.o: CPPFLAGS += $(DYNLOAD_SONAMES)

# The FCS tables of common/hdlc.c as static const data, written at build time.
$(BUILD)/gen/fcstab: common/gen/fcstab.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -Wall -Wextra -Werror -O2 -o $@ $<
$(BUILD)/gen/fcs_tables.h: $(BUILD)/gen/fcstab
	$< >$@.tmp && mv $@.tmp $@
$(BUILD)/common/hdlc.o: $(BUILD)/gen/fcs_tables.h
$(BUILD)/common/hdlc.o: CPPFLAGS += -I$(BUILD)/gen

.PHONY: all check asan bench install clean demo deps fuzz fuzz-smoke fuzz-targets tests valgrind
all: $(addprefix $(BIN)/,$(PROGS))

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(DEPFLAGS) -c $< -o $@

$(COMMON_LIB): $(COMMON_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

define PROG_RULES
$(1)_SRC := $$(filter-out $(1)/main.c,$$(wildcard $(1)/*.c $(1)/*/*.c))
$(1)_OBJ := $$($(1)_SRC:%.c=$(BUILD)/%.o)
$(call prog_lib,$(1)): $$($(1)_OBJ)
	@mkdir -p $$(dir $$@)
	rm -f $$@ && ar rcs $$@ $$^ $$(if $$^,,$(BUILD)/empty.o)
$(BIN)/$(notdir $(1)): $(BUILD)/$(1)/main.o $(call prog_lib,$(1)) $(COMMON_LIB)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(LDFLAGS) -o $$@ $$^ $$(LDLIBS) $$($(notdir $(1))_LDLIBS)
endef
$(foreach d,$(PROG_DIRS),$(eval $(call PROG_RULES,$(d))))

# An empty object keeps ar happy for a program folder that holds only main.c.
$(BUILD)/empty.o:
	@mkdir -p $(dir $@)
	echo 'typedef int empty_translation_unit;' | $(CC) $(CFLAGS) -x c -c - -o $@
$(PROG_LIBS): | $(BUILD)/empty.o

$(BUILD)/pppctl/%.o: CPPFLAGS += $(FR_CPPFLAGS)
# the unit test and fuzz target of pppctl dae's files
DAE_TESTS := $(BUILD)/tests/test_dae $(BUILD)/fuzz/fuzz_dae
$(DAE_TESTS): CPPFLAGS += $(FR_CPPFLAGS)
$(DAE_TESTS): LDLIBS += $(FR_LIBS)

$(BUILD)/tests/test_%: tests/unit/test_%.c $(PROG_LIBS) $(COMMON_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(TEST_LIBS) $(LDLIBS)

$(BUILD)/tests/helpers/%: tests/helpers/%.c $(PROG_LIBS) $(COMMON_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/bench_%: tests/bench/bench_%.c $(PROG_LIBS) $(COMMON_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# LD_PRELOAD shims for third-party programs in the e2e tests; built without
# $(SAN): they load into programs that are not sanitized.
SHIM_SRC := $(wildcard tests/shim/*.c)
SHIM_SO  := $(SHIM_SRC:tests/shim/%.c=$(BUILD)/tests/shim/%.so)
$(BUILD)/tests/shim/%.so: tests/shim/%.c common/syncframe.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -std=c11 -Wall -Wextra -Werror -O2 -fPIC -shared -o $@ $^ -ldl

tests: all $(UNIT_BIN) $(HELPER_BIN) $(SHIM_SO)

deps:
	@sh contrib/install-deps

check: deps
	$(MAKE) tests
	sh tests/run-tests $(BUILD)

asan: deps
	$(MAKE) BUILD=build-asan OPT=-O1 \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	  SAN_LDLIBS="-Wl,--push-state,--no-as-needed -lcrypt -Wl,--pop-state" tests
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  sh tests/run-tests build-asan

# The link bench drives pppd-lite over the ptylink helper's pty pair.
bench: deps all $(BENCH_BIN) $(HELPER_BIN)
	sh tests/run-bench $(BUILD)

# libFuzzer targets, one per parser (tests/fuzz/fuzz_*.c), built with clang
# into build-fuzz by tests/fuzz/run, which then runs each for FUZZ_SECONDS.
FUZZ_SECONDS ?= 60
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)
$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(PROG_LIBS) $(COMMON_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $^ $(LDLIBS)
fuzz-targets: $(FUZZ_BIN)
fuzz: deps
	sh tests/fuzz/run $(FUZZ_SECONDS)
fuzz-smoke: deps
	sh tests/fuzz/run 3

# valgrind memcheck over the end-to-end tests' daemons (tests/valgrind/run).
valgrind: deps tests
	sh tests/valgrind/run $(BUILD)

demo: deps all
	sh contrib/demo/run-demo $(BUILD)

MAN5 := $(wildcard doc/*.5)
MAN8 := $(wildcard doc/*.8)
install: all
	install -d $(DESTDIR)$(PREFIX)/sbin $(DESTDIR)$(PREFIX)/share/man/man5 $(DESTDIR)$(PREFIX)/share/man/man8
	install -m 0755 $(BIN)/getty $(BIN)/ppplogin $(BIN)/pppd-lite $(BIN)/pppctl $(BIN)/chat $(DESTDIR)$(PREFIX)/sbin/
	$(if $(MAN5),install -m 0644 $(MAN5) $(DESTDIR)$(PREFIX)/share/man/man5/)
	$(if $(MAN8),install -m 0644 $(MAN8) $(DESTDIR)$(PREFIX)/share/man/man8/)

clean:
	rm -rf build build-asan build-fuzz

-include $(shell find $(BUILD) -name '*.d' -type f 2>/dev/null)
