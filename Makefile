# premarket — plain Makefile.  `make` builds build/premarket, `make demo`
# renders the example device, `make check` runs the tests every change must
# pass, `make slow` the scale cases.  See README.md.
#
# Tests.  Every unit test program, every tests/cli/*.sh and tests/slow/*.sh
# script, the broken-model corpus (tests/bad) and the examples is a make
# target of its own (run/unit/NAME, run/cli/NAME, run/slow/NAME, run/bad,
# run/examples), so `make -jN` runs them side by side; `make check` and
# `make slow` pass -j$(JOBS) (JOBS: the number of CPUs plus one; JOBS=1 runs
# one test at a time) unless given a -j.
# Each test prints one line when it ends, "ok NAME" or "FAIL NAME" with the
# end of its log; the whole log is kept in BUILD/test-logs/NAME.log
# (BUILD/slow-logs for make slow), and make lists the failed ones at the end.
#
#   make check = deps, then `test` and `asan` side by side:
#     test        plain build (build/): every unit test, tests/bad, every
#                 tests/cli/*.sh, every examples/*.yaml validates cleanly
#     asan        ASan+UBSan build (build/asan/): every unit test, tests/bad,
#                 the examples, the fuzz replays, and the tests/cli scripts
#                 named in SAN_CHECK_CLI (the others are SAN_SLOW_CLI: see there)
#   make slow  = deps, then `test-slow` and `asan-slow` side by side:
#     test-slow   plain build: the scale cases, i.e. the second group of the
#                 unit tests that have one (PM_TEST_GROUP=slow: the 10,000-row,
#                 400-page PDF table, 2 MB SBOMs, 100,000-item lists), the
#                 second part of the tests/cli scripts in CLI_SPLIT (the same
#                 variable; tests/lib/group.sh) and tests/slow/*.sh (models
#                 with tens of thousands of objects, a 2 MB SBOM through the CLI)
#     asan-slow   ASan+UBSan build: the same, and the SAN_SLOW_CLI scripts
# So every test runs in both builds, in one target or the other.
#
# Time limits in the tests only stop a hang (a timeout is no speed test):
# PM_TIMEOUT_SCALE (a whole number, default 1) multiplies all of them, and
# the sanitizer targets multiply it by SAN_TIMEOUT_SCALE (4).

VERSION   := 0.1.0
PREFIX    ?= /usr/local
DESTDIR   ?=
BUILD     ?= build
CC        ?= cc
SAN_FLAGS  = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

PKGS      := yaml-0.1 libxml-2.0 libcmark-gfm libgvc libcrypto xlsxwriter
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcmark-gfm-extensions -lhpdf -lm
CMOCKA_CFLAGS := $(shell pkg-config --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   := $(shell pkg-config --libs cmocka 2>/dev/null)

WARN      := -Wall -Wextra -Wpedantic -Werror -Wstrict-prototypes -Wshadow -Wformat=2 -Wno-format-nonliteral
CFLAGS    ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_XOPEN_SOURCE=700 $(WARN) $(CFLAGS) $(EXTRA_CFLAGS) \
             -Iinclude -Igen -DPM_VERSION='"$(VERSION)"' -DPM_DATADIR_DEFAULT='"$(PREFIX)/share/premarket"' \
             -DPM_DOCDIR_DEFAULT='"$(PREFIX)/share/doc/premarket"' $(PKG_CFLAGS)
ALL_LDFLAGS = $(LDFLAGS) $(EXTRA_LDFLAGS)

# The library is every .c file in gen/ and in its subfolders (gen/sbom/ ...),
# except the command-line tool in gen/cli/.
LIB_SRC   := $(sort $(filter-out gen/cli/%,$(wildcard gen/*.c gen/*/*.c)))
CLI_SRC   := $(sort $(wildcard gen/cli/*.c))
TEST_SRC  := $(sort $(wildcard tests/unit/test_*.c))
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ   := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_OBJ  := $(TEST_SRC:%.c=$(BUILD)/%.o)
TEST_BIN  := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
HEADERS   := $(wildcard include/premarket/*.h gen/*.h gen/*/*.h)
# Fuzz targets (fuzz/fuzz_NAME.c; docs/internals.md, "Fuzzing"): linked with
# libFuzzer by `make fuzz`, with the replay driver fuzz/replay.c by make check.
FUZZ_SRC  := $(sort $(wildcard fuzz/fuzz_*.c))
FUZZ_NAMES := $(FUZZ_SRC:fuzz/fuzz_%.c=%)
FUZZ_OBJ  := $(FUZZ_SRC:%.c=$(BUILD)/%.o) $(BUILD)/fuzz/replay.o

BIN       := $(BUILD)/premarket
LIBA      := $(BUILD)/libpremarket.a
OBJ_LIST  := $(BUILD)/libpremarket.objs

# Header dependencies: the compiler writes, next to each object and test
# program, a .d file naming the headers it included (-MMD, system headers
# left out), with an empty rule for each (-MP) so that a header deleted or
# moved is no error; they are included below the build rules.  Before the
# first build there are none, and none are needed: everything is built.
DEPFLAGS   = -MMD -MP

.PHONY: all deps demo check slow fuzz fuzz-bins test test-san test-slow test-san-slow unit golden asan asan-slow \
	leakcheck bench install uninstall clean format lint docs FORCE
.SUFFIXES:

all: $(BIN)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c $< -o $@

# The archive is made afresh from the current objects, also when one was only
# moved or deleted: $(OBJ_LIST) is rewritten when the list of objects changes.
$(OBJ_LIST): FORCE
	@mkdir -p $(dir $@)
	@echo '$(LIB_OBJ)' | cmp -s - $@ || echo '$(LIB_OBJ)' >$@

$(LIBA): $(LIB_OBJ) $(OBJ_LIST)
	@rm -f $@
	ar rcs $@ $(LIB_OBJ)

$(BIN): $(CLI_OBJ) $(LIBA)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) $(CLI_OBJ) $(LIBA) $(PKG_LIBS) -o $@

# A unit test program is compiled apart from its link, so that it compiles
# while the library does.
$(TEST_OBJ): $(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(LIBA)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) $< $(LIBA) $(CMOCKA_LIBS) $(PKG_LIBS) -o $@

# A fuzz target with the replay driver (make check), and with libFuzzer
# (make fuzz, in FUZZ_BUILD: FUZZ_LINK is -fsanitize=fuzzer there).
$(BUILD)/fuzz/replay_%: $(BUILD)/fuzz/fuzz_%.o $(BUILD)/fuzz/replay.o $(LIBA)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) $(filter %.o,$^) $(LIBA) $(PKG_LIBS) -o $@
$(BUILD)/fuzz/fuzz_%: $(BUILD)/fuzz/fuzz_%.o $(LIBA)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) $(FUZZ_LINK) $< $(LIBA) $(PKG_LIBS) -o $@

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(FUZZ_OBJ:.o=.d)

deps:
	@sh tools/deps.sh

# ---- tests (see the top of this file) ----------------------------------------------

# One job more than CPUs: a test also waits for the programs it starts, and
# on a busy machine the extra job keeps our share of the CPUs.
JOBS              ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 1) + 1 )))
PM_TIMEOUT_SCALE  ?= 1
SAN_TIMEOUT_SCALE ?= 4
SAN_BUILD         ?= build/asan
export PM_TIMEOUT_SCALE
LOGDIR            ?= test-logs
LOGS               = $(BUILD)/$(LOGDIR)

# The sanitizer pass of make check runs the unit tests, the broken-model
# corpus, the examples, the fuzz replays and, of the tests/cli scripts, only
# the quick ones that reach code the unit tests do not (SAN_CHECK_CLI: the
# command line, options, inputs, stdin and stdout).  Every other script runs
# under the sanitizers in make slow (SAN_SLOW_CLI): their time goes to many
# whole builds (build, score, outset, verbosity, html, cjk, xlsx, xml, ...),
# poppler (pdf), graphviz (diagram), python (check, schema, sarif) and
# process starts (mutations), for library code the unit tests and the
# replays already run under the sanitizers in make check.
SAN_CHECK_CLI     := commands completion cvss install inputs sbom stdin stdout validate
SAN_SLOW_CLI      := $(filter-out $(SAN_CHECK_CLI),$(patsubst tests/cli/%.sh,%,$(wildcard tests/cli/*.sh)))
# The tests/cli scripts with a second part for make slow (PM_TEST_GROUP=slow;
# tests/lib/group.sh): the second example's PDF (pdf), two thirds of the
# truncations and corruptions (mutations), the 500-component model (diagram),
# the kills of a large build after several delays (outset).
CLI_SPLIT         := pdf mutations diagram outset
# Of those, the scripts that run only in make slow, both parts at once
# (PM_TEST_GROUP=all): outset's fifty builds with faults injected (issue 15
# allows its fault-injection cases in make slow; test_output covers the
# output protocol's code in make check, in both builds).
CLI_SLOW_ONLY     := outset
# Those that take longest start first, so that a short one is the last to end.
LONG_CLI          := diagram pdf mutations robust check build outset score
LONG_UNIT         := test_cvss test_pdf test_sbom test_check test_mustache

UNIT_NAMES  := $(TEST_SRC:tests/unit/%.c=%)
UNIT_NAMES  := $(foreach n,$(LONG_UNIT),$(filter $(n),$(UNIT_NAMES))) $(filter-out $(LONG_UNIT),$(UNIT_NAMES))
SLOW_UNIT   := $(patsubst tests/unit/%.c,%,$(shell grep -l 'pm_test_slow_group()' $(TEST_SRC) /dev/null))
CLI_NAMES   := $(patsubst tests/cli/%.sh,%,$(sort $(wildcard tests/cli/*.sh)))
CLI_NAMES   := $(foreach n,$(LONG_CLI),$(filter $(n),$(CLI_NAMES))) $(filter-out $(LONG_CLI),$(CLI_NAMES))
SLOW_NAMES  := $(patsubst tests/slow/%.sh,%,$(sort $(wildcard tests/slow/*.sh)))

RUN_UNIT      := $(UNIT_NAMES:%=run/unit/%)
RUN_UNIT_SLOW := $(SLOW_UNIT:%=run/unit-slow/%)
RUN_CLI       := $(CLI_NAMES:%=run/cli/%)
RUN_CLI_CHECK := $(filter-out $(CLI_SLOW_ONLY:%=run/cli/%),$(RUN_CLI))
RUN_CLI_SAN   := $(filter-out $(SAN_SLOW_CLI:%=run/cli/%),$(RUN_CLI_CHECK))
RUN_CLI_SLOW  := $(CLI_SPLIT:%=run/cli-slow/%)
RUN_SLOW      := $(SLOW_NAMES:%=run/slow/%)
RUN_FUZZ      := $(FUZZ_NAMES:%=run/fuzz/%)
.PHONY: $(RUN_UNIT) $(RUN_UNIT_SLOW) $(RUN_CLI) $(RUN_CLI_SLOW) $(RUN_SLOW) $(RUN_FUZZ) run/bad run/examples

RUN = @sh tests/run-test.sh $(LOGS)

$(RUN_UNIT): run/unit/%: $(BUILD)/tests/%
	$(RUN) unit/$* env PREMARKET_DATADIR=$(CURDIR) $<
$(RUN_UNIT_SLOW): run/unit-slow/%: $(BUILD)/tests/%
	$(RUN) unit-slow/$* env PREMARKET_DATADIR=$(CURDIR) PM_TEST_GROUP=slow $<
$(RUN_CLI): run/cli/%: $(BIN)
	$(RUN) cli/$* sh tests/cli/$*.sh $(BIN)
$(RUN_CLI_SLOW): run/cli-slow/%: $(BIN)
	$(RUN) cli-slow/$* env PM_TEST_GROUP=$(if $(filter $*,$(CLI_SLOW_ONLY)),all,slow) sh tests/cli/$*.sh $(BIN)
$(RUN_SLOW): run/slow/%: $(BIN)
	$(RUN) slow/$* sh tests/slow/$*.sh $(BIN)
run/bad: $(BIN)
	$(RUN) bad sh tests/run-golden.sh $(BIN) bad
run/examples: $(BIN)
	$(RUN) examples sh tests/run-golden.sh $(BIN) examples
# every committed fuzz corpus file and past crash input, and the seeds made
# from the tree, through the target's replay driver (fuzz/replay.sh)
$(RUN_FUZZ): run/fuzz/%: $(BUILD)/fuzz/replay_% $(BIN)
	$(RUN) fuzz/$* sh fuzz/replay.sh $< $* $(BIN) $(BUILD)/fuzz/seeds-check

# Against $(BUILD): the unit tests (cmocka); the golden and CLI tests; the
# halves of make check (test: all; test-san: for the sanitizer build) and of
# make slow.
unit: $(RUN_UNIT)
golden: run/bad $(RUN_CLI) run/examples
# The fuzz replays run under the sanitizers in make check (a replayed crash
# input shows only there) and in the plain build in make slow.
test: $(RUN_CLI_CHECK) $(RUN_UNIT) run/bad run/examples
test-san: $(firstword $(RUN_UNIT)) $(RUN_FUZZ) run/bad $(RUN_UNIT) $(RUN_CLI_SAN) run/examples
test-slow: $(RUN_CLI_SLOW) $(RUN_UNIT_SLOW) $(RUN_SLOW) $(if $(filter $(SAN_BUILD),$(BUILD)),,$(RUN_FUZZ))
test-san-slow: $(filter $(SAN_SLOW_CLI:%=run/cli/%),$(RUN_CLI_CHECK)) test-slow

# The tests under AddressSanitizer + UndefinedBehaviorSanitizer, in
# $(SAN_BUILD).  GCC reports false "null format string" truncation warnings
# when -fsanitize=undefined adds null checks to format parameters, so that one
# warning is off in this build.  LeakSanitizer does not list the graphviz
# leaks it was told to ignore (gen/diagram_layout.c): a command's stderr
# stays what the tests expect.
SAN_MAKE = ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=print_suppressions=0 UBSAN_OPTIONS=print_stacktrace=1 \
	$(MAKE) --no-print-directory BUILD=$(SAN_BUILD) CFLAGS="-O1 -g1" \
	EXTRA_CFLAGS="$(SAN_FLAGS) -Wno-format-truncation" EXTRA_LDFLAGS="$(SAN_FLAGS)" \
	PM_TIMEOUT_SCALE=$$(($(PM_TIMEOUT_SCALE) * $(SAN_TIMEOUT_SCALE)))
asan:
	+@$(SAN_MAKE) test-san
asan-slow:
	+@$(SAN_MAKE) test-san-slow

# PAR_MAKE TARGET... — make the targets with -j$(JOBS) unless make was given a
# -j, with each job's output kept together (-Otarget) and going on past a
# failure (-k); then list what failed (tests/run-test.sh --summary).  The
# lines that use SAN_MAKE and PAR_MAKE start with + because make only sees a
# literal $(MAKE) as a recursive make, which shares its jobs.
PAR_MAKE = case " $$MAKEFLAGS" in *" -j"* | *" --jobs"*) j= ;; *) j=-j$(JOBS) ;; esac; \
	$(MAKE) --no-print-directory $$j -Otarget -k

check: deps
	@rm -rf $(BUILD)/test-logs $(SAN_BUILD)/test-logs
	+@$(PAR_MAKE) test asan; \
		sh tests/run-test.sh --summary "check (plain and ASan+UBSan)" $$? $(BUILD)/test-logs $(SAN_BUILD)/test-logs

slow: deps
	@rm -rf $(BUILD)/slow-logs $(SAN_BUILD)/slow-logs
	+@$(PAR_MAKE) LOGDIR=slow-logs test-slow asan-slow; \
		sh tests/run-test.sh --summary "slow (plain and ASan+UBSan)" $$? $(BUILD)/slow-logs $(SAN_BUILD)/slow-logs

# make fuzz FUZZ_SECONDS=N: build every fuzz target with clang and libFuzzer
# (ASan+UBSan, in FUZZ_BUILD) and run each for N seconds, one at a time
# (fuzz/run.sh); skipped with a message when clang is not installed.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_BUILD   ?= build/fuzz-clang
FUZZ_TARGETS ?= $(FUZZ_NAMES)
FUZZ_FLAGS    = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
fuzz-bins: $(FUZZ_NAMES:%=$(BUILD)/fuzz/fuzz_%)
.SECONDARY: $(FUZZ_OBJ)
fuzz: $(BIN)
	@if ! command -v $(FUZZ_CC) >/dev/null 2>&1; then \
		echo "fuzz: skipped: $(FUZZ_CC) (clang with libFuzzer) is not installed"; exit 0; fi; \
	$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) CFLAGS="-O1 -g" \
		EXTRA_CFLAGS="$(FUZZ_FLAGS) -fsanitize=fuzzer-no-link" EXTRA_LDFLAGS="$(FUZZ_FLAGS)" \
		FUZZ_LINK=-fsanitize=fuzzer $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz/fuzz_%) && \
	sh fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_BUILD)/fuzz/work $(BIN) $(FUZZ_TARGETS)

leakcheck: $(BIN) $(TEST_BIN)
	@sh tests/leakcheck.sh $(BIN) $(TEST_BIN)

demo: deps
	@$(MAKE) --no-print-directory all
	@sh tools/demo.sh $(BIN)

# The floors make bench compares with (tools/bench/floor.c: libyaml, libharu
# and libxml2 doing only their part of the same work).
$(BUILD)/tools/floor: tools/bench/floor.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) $< $(PKG_LIBS) -o $@

bench: $(BIN) $(BUILD)/tools/floor
	@sh tools/bench.sh $(BIN) $(BUILD)/tools/floor

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/premarket/models \
		$(DESTDIR)$(PREFIX)/share/premarket/templates $(DESTDIR)$(PREFIX)/share/premarket/examples \
		$(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/premarket
	install -m 644 models/*.* $(DESTDIR)$(PREFIX)/share/premarket/models/
	install -d $(DESTDIR)$(PREFIX)/share/premarket/models/threats
	install -m 644 models/threats/*.yaml $(DESTDIR)$(PREFIX)/share/premarket/models/threats/
	if ls templates/* >/dev/null 2>&1; then install -m 644 templates/* $(DESTDIR)$(PREFIX)/share/premarket/templates/; fi
	install -m 644 examples/skeleton.yaml $(DESTDIR)$(PREFIX)/share/premarket/examples/
	install -m 644 man/premarket.1 $(DESTDIR)$(PREFIX)/share/man/man1/premarket.1
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
		$(DESTDIR)$(PREFIX)/share/doc/premarket/images
	install -m 644 completions/premarket.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/premarket
	install -m 644 completions/_premarket $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_premarket
	install -m 644 README.md docs/*.md $(DESTDIR)$(PREFIX)/share/doc/premarket/
	install -m 644 docs/images/* $(DESTDIR)$(PREFIX)/share/doc/premarket/images/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/premarket $(DESTDIR)$(PREFIX)/share/man/man1/premarket.1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/premarket $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_premarket
	rm -rf $(DESTDIR)$(PREFIX)/share/premarket $(DESTDIR)$(PREFIX)/share/doc/premarket

FORMAT_SRC = $(LIB_SRC) $(CLI_SRC) $(TEST_SRC) $(HEADERS) tests/unit/testutil.h tools/bench/floor.c $(wildcard fuzz/*.c fuzz/*.h)

# Rewrite every C source and header in the project's style (.clang-format).
format:
	clang-format -i $(FORMAT_SRC)

# Banned calls (curl's list, see docs/internals.md), and the style: every
# source must be as `make format` would leave it.
lint:
	@! grep -nE '\b(sprintf|vsprintf|strcpy|strcat|strtok|atoi|atol|gets)\s*\(' $(LIB_SRC) $(CLI_SRC) || \
		{ echo "lint: banned function used"; exit 1; }
	@clang-format --dry-run -Werror $(FORMAT_SRC) || \
		{ echo "lint: not formatted; run 'make format'"; exit 1; }
	@echo "lint: ok"

clean:
	rm -rf build out demo-out

# Regenerate models/premarket.schema.json, models/premarket.xsd and docs/model.md
# from gen/schema.c.
docs: $(BIN)
	@sh tools/gen-docs.sh $(BIN)
