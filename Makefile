# premarket — plain Makefile.  `make` builds, `make check` runs every test
# (unit, golden/CLI, then the same under ASan+UBSan), `make demo` renders the
# example device.  See README.md.

VERSION   := 0.1.0
PREFIX    ?= /usr/local
DESTDIR   ?=
BUILD     ?= build
CC        ?= cc
SAN_FLAGS  = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

PKGS      := yaml-0.1 libxml-2.0 libcmark-gfm libgvc libcrypto
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcmark-gfm-extensions -lhpdf -lm
CMOCKA_CFLAGS := $(shell pkg-config --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   := $(shell pkg-config --libs cmocka 2>/dev/null)

WARN      := -Wall -Wextra -Wpedantic -Werror -Wstrict-prototypes -Wshadow -Wformat=2 -Wno-format-nonliteral
CFLAGS    ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_XOPEN_SOURCE=700 $(WARN) $(CFLAGS) $(EXTRA_CFLAGS) \
             -Iinclude -Igen -DPM_VERSION='"$(VERSION)"' -DPM_DATADIR_DEFAULT='"$(PREFIX)/share/premarket"' $(PKG_CFLAGS)
ALL_LDFLAGS = $(LDFLAGS) $(EXTRA_LDFLAGS)

LIB_SRC   := $(sort $(wildcard gen/*.c) $(filter-out gen/cli/%,$(wildcard gen/*/*.c)))
CLI_SRC   := $(sort $(wildcard gen/cli/*.c))
TEST_SRC  := $(sort $(wildcard tests/unit/test_*.c))
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ   := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_BIN  := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
HEADERS   := $(wildcard include/premarket/*.h gen/*.h gen/cli/*.h)

BIN       := $(BUILD)/premarket
LIBA      := $(BUILD)/libpremarket.a

.PHONY: all deps demo check test unit golden asan leakcheck bench install uninstall clean format lint docs
.SUFFIXES:

all: $(BIN)

$(BUILD)/%.o: %.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(LIBA): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIBA)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) $(CLI_OBJ) $(LIBA) $(PKG_LIBS) -o $@

$(BUILD)/tests/%: tests/unit/%.c tests/unit/testutil.h $(LIBA) $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) $(ALL_LDFLAGS) $< $(LIBA) $(CMOCKA_LIBS) $(PKG_LIBS) -o $@

deps:
	@sh tools/deps.sh

# Unit tests (cmocka), then golden CLI tests, against $(BUILD).
unit: $(TEST_BIN)
	@set -e; for t in $(TEST_BIN); do echo "unit: $$t"; PREMARKET_DATADIR=$(CURDIR) $$t; done

golden: $(BIN)
	@sh tests/run-golden.sh $(BIN)

test: unit golden

# The same tests under AddressSanitizer + UndefinedBehaviorSanitizer.  GCC reports
# false "null format string" truncation warnings when -fsanitize=undefined adds
# null checks to format parameters, so that one warning is off in this build.
asan:
	@$(MAKE) --no-print-directory BUILD=build/asan CFLAGS="-O1 -g" \
		EXTRA_CFLAGS="$(SAN_FLAGS) -Wno-format-truncation" EXTRA_LDFLAGS="$(SAN_FLAGS)" test

check: deps
	@$(MAKE) --no-print-directory test
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 $(MAKE) --no-print-directory asan
	@echo "check: all tests passed (plain and ASan+UBSan)"

leakcheck: $(BIN) $(TEST_BIN)
	@sh tests/leakcheck.sh $(BIN) $(TEST_BIN)

demo: deps
	@$(MAKE) --no-print-directory all
	@sh tools/demo.sh $(BIN)

bench: $(BIN)
	@sh tools/bench.sh $(BIN)

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

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/premarket $(DESTDIR)$(PREFIX)/share/man/man1/premarket.1
	rm -rf $(DESTDIR)$(PREFIX)/share/premarket

format:
	clang-format -i $(LIB_SRC) $(CLI_SRC) $(TEST_SRC) $(HEADERS)

# Banned calls (curl's list, see docs/internals.md).
lint:
	@! grep -nE '\b(sprintf|vsprintf|strcpy|strcat|strtok|atoi|atol|gets)\s*\(' $(LIB_SRC) $(CLI_SRC) || \
		{ echo "lint: banned function used"; exit 1; }
	@echo "lint: ok"

clean:
	rm -rf build out demo-out

# Regenerate models/premarket.schema.json, models/premarket.xsd and docs/model.md
# from gen/schema.c.
docs: $(BIN)
	@sh tools/gen-docs.sh $(BIN)
