# Makefile: builds xhht and xhht-central from one core library; `make run`, `make check`.
# BUILD is the output folder; SAN=1 builds with AddressSanitizer and UBSan.

BUILD    ?= build
SAN      ?= 0
PREFIX   ?= /usr/local
DESTDIR  ?=
CC       ?= cc
VERSION  := 0.1.0

PKGS      := ncursesw sqlite3 libsodium
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lutf8proc

WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	    -Wformat=2 -Wno-format-nonliteral -Wno-format-truncation -Wvla
CFLAGS   ?= -O2 -g
ifeq ($(SAN),1)
CFLAGS   := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
LDFLAGS  += -fsanitize=address,undefined
endif
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -DXHHT_VERSION='"$(VERSION)"' $(WARN) $(CFLAGS) \
	     -Isrc -Icmd -Iscreens -I$(BUILD)/gen $(PKG_CFLAGS) -MMD -MP

LIB_SRC    := $(wildcard src/*.c)
SCREEN_SRC := $(wildcard screens/*.c)
DB_FILES   := $(sort $(wildcard db/migrations/*/*.sql) $(wildcard db/templates/*.json))
TEST_SRC   := $(wildcard tests/unit/test_*.c)

LIB_OBJ    := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/embedded.o
SCREEN_OBJ := $(SCREEN_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ    := $(BUILD)/cmd/cli.o $(BUILD)/cmd/passphrase.o
TESTS      := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
LIB        := $(BUILD)/libxhht.a
PROGRAMS   := $(BUILD)/xhht $(BUILD)/xhht-central

.PHONY: all deps deps-check run demo check test unit-tests cli-tests install clean format
all: $(PROGRAMS)

deps:
	@sh packaging/install-deps.sh run
deps-check:
	@sh packaging/install-deps.sh check

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $@"
	@$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/embed: tools/embed.c
	@mkdir -p $(@D)
	@$(CC) -std=c11 -O1 -Wall -Wextra -Werror $< -o $@

$(BUILD)/gen/embedded.c: $(BUILD)/embed $(DB_FILES)
	@mkdir -p $(@D)
	@$(BUILD)/embed db/ $(DB_FILES) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/embedded.o: $(BUILD)/gen/embedded.c
	@$(CC) $(ALL_CFLAGS) -Wno-missing-variable-declarations -c $< -o $@

# Every object that includes embedded.h waits for the generated folder to exist.
$(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/cmd/xhht.o $(BUILD)/cmd/xhht-central.o: | $(BUILD)/gen/embedded.c

$(LIB): $(LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(BUILD)/xhht: $(BUILD)/cmd/xhht.o $(CLI_OBJ) $(SCREEN_OBJ) $(LIB)
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/xhht-central: $(BUILD)/cmd/xhht-central.o $(CLI_OBJ) $(LIB)
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(LIB)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lcmocka

# The demo: a data folder holding the project's sample report, ready to open.
DEMO := $(BUILD)/demo
demo: $(BUILD)/xhht
	@rm -rf $(DEMO) && mkdir -p $(DEMO)
	@$(BUILD)/xhht --data $(DEMO) load 2024 tests/data/bao-cao-mau.json

run: deps
	@$(MAKE) --no-print-directory all demo
	@$(BUILD)/xhht --data $(DEMO) $(ARGS)

unit-tests: $(TESTS)
	@sh tests/run-unit.sh $(TESTS)

cli-tests: $(PROGRAMS)
	@sh tests/cli/run.sh $(BUILD)
	@sh tests/cli/trust.sh $(BUILD)
	@sh tests/cli/import.sh $(BUILD)
	@sh tests/tui/run.sh $(BUILD)
	@sh tests/crash/import-kill.sh $(BUILD) $(SAN)

test: unit-tests cli-tests fuzz-replay

# Everything, then everything again under ASan and UBSan.
check: deps-check
	@$(MAKE) --no-print-directory test
	@$(MAKE) --no-print-directory BUILD=build/san SAN=1 test

install: $(PROGRAMS)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/xhht/templates
	install -m 0755 $(PROGRAMS) $(DESTDIR)$(PREFIX)/bin/
	install -m 0644 db/templates/*.json $(DESTDIR)$(PREFIX)/share/xhht/templates/

format:
	clang-format -i src/*.[ch] cmd/*.c tests/unit/*.[ch] tools/*.c

clean:
	rm -rf build

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# --- Fuzzing ----------------------------------------------------------------------------------
# `make fuzz` runs libFuzzer (clang) on the report reader for FUZZ_SECONDS, starting from a copy
# of tests/fuzz/corpus-report; crashes land in $(BUILD)/fuzz/. `make fuzz-replay` (part of `make test`)
# runs the same target over the corpus with $(CC), so every seed and past crash stays a test.
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_DIR     := $(BUILD)/fuzz
FUZZ_SRC     := tests/fuzz/fuzz_report.c
FUZZ_NO_CC    = $(FUZZ_CC) not found: install clang (apt-get install clang) to fuzz
# clang does not know gcc's -Wno-format-truncation; a new clang warning must not stop a fuzz run.
FUZZ_CFLAGS   = -std=c11 -D_GNU_SOURCE -DXHHT_VERSION='"$(VERSION)"' \
		$(filter-out -Werror -Wno-format-truncation,$(WARN)) -O1 -g \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
		-fno-omit-frame-pointer -Isrc -Icmd -I$(BUILD)/gen $(PKG_CFLAGS)

.PHONY: fuzz fuzz-replay

$(FUZZ_DIR)/fuzz_report: $(FUZZ_SRC) $(LIB_SRC) $(BUILD)/gen/embedded.c $(wildcard src/*.h)
	$(if $(shell command -v $(FUZZ_CC)),,$(error $(FUZZ_NO_CC)))
	@mkdir -p $(@D)
	@echo "  FUZZCC  $@"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_SRC) $(LIB_SRC) $(BUILD)/gen/embedded.c -o $@ $(PKG_LIBS)

fuzz: $(FUZZ_DIR)/fuzz_report
	@rm -rf $(FUZZ_DIR)/corpus && cp -R tests/fuzz/corpus-report $(FUZZ_DIR)/corpus
	$(FUZZ_DIR)/fuzz_report -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
		-dict=tests/fuzz/report.dict -artifact_prefix=$(FUZZ_DIR)/ $(FUZZ_DIR)/corpus

$(FUZZ_DIR)/replay: $(BUILD)/tests/fuzz/replay.o $(BUILD)/tests/fuzz/fuzz_report.o $(LIB)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

fuzz-replay: $(FUZZ_DIR)/replay
	@$(FUZZ_DIR)/replay tests/fuzz/corpus-report

# --- Importer tests, crash test and benchmark ---------------------------------------------
# Test tools linked with the core: gen-bundles (units, enrollments and real bundles in bulk),
# db-check (integrity and all-or-nothing checks of a central database, and SQL counts), and
# bare-open (the bundle primitives alone, the benchmark's baseline). `make bench` imports
# 10,000 generated bundles and prints rates as ratios against the bare loop; it never fails
# on a time.
TOOLS := $(BUILD)/gen-bundles $(BUILD)/db-check $(BUILD)/bare-open $(BUILD)/open-loop
BENCH_N ?= 10000

.PHONY: tools bench
tools: $(TOOLS)
cli-tests: $(TOOLS)

$(BUILD)/gen-bundles $(BUILD)/db-check $(BUILD)/bare-open $(BUILD)/open-loop: $(BUILD)/%: $(BUILD)/tests/tools/%.o $(LIB)
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# The start-up benchmark's baseline: a minimal ncursesw program drawing one screen.
$(BUILD)/min-curses: $(BUILD)/tests/tools/min-curses.o
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# Figures only, each as a ratio to a baseline measured in the same run: bundles (pack time,
# sizes, open and verify against bare libsodium), the importer, the full-screen start-up.
bench: $(PROGRAMS) $(TOOLS) $(BUILD)/min-curses
	@echo "bundles:"
	@sh tests/bench/bundle-bench.sh $(BUILD)
	@echo "importer:"
	@sh tests/bench/import-bench.sh $(BUILD) $(BENCH_N)
	@echo "full-screen start-up:"
	@sh tests/bench/tui-bench.sh $(BUILD) 20
