# Makefile: builds xhht and xhht-central from one core library; `make run`, `make check`.
# BUILD is the output folder; SAN=1 builds with AddressSanitizer and UBSan. The programs in
# BUILD are test builds (TEST_CLOCK=1: $XHHT_NOW and $XHHT_TODAY fix the clock); `make release`
# builds them without the test clock in $(BUILD)/release, and `make install` installs those.

BUILD    ?= build
SAN      ?= 0
TEST_CLOCK ?= 1
PREFIX   ?= /usr/local
DESTDIR  ?=
CC       ?= cc
VERSION  := 0.2.0

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
	     $(if $(filter 1,$(TEST_CLOCK)),-DXHHT_TEST_CLOCK) \
	     -Isrc -Icmd -Iscreens -Iscreens/clerk -Iscreens/desk -I$(BUILD)/gen $(PKG_CFLAGS) -MMD -MP

# src/platform_win.c is the Windows half of src/platform.h: never built here (docs/windows.md).
LIB_SRC    := $(filter-out src/platform_win.c,$(wildcard src/*.c))
# screens/: the framework every program with screens shares; screens/clerk/: the clerk's screens
# (xhht); screens/desk/: the central's (xhht-central).
SCREEN_SRC := $(wildcard screens/*.c)
CLERK_SRC  := $(wildcard screens/clerk/*.c)
DESK_SRC   := $(wildcard screens/desk/*.c)
DB_FILES   := $(sort $(wildcard db/migrations/*/*.sql) $(wildcard db/templates/*.json))
TEST_SRC   := $(wildcard tests/unit/test_*.c)

LIB_OBJ    := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/embedded.o
SCREEN_OBJ := $(SCREEN_SRC:%.c=$(BUILD)/%.o)
CLERK_OBJ  := $(CLERK_SRC:%.c=$(BUILD)/%.o)
DESK_OBJ   := $(DESK_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ    := $(BUILD)/cmd/cli.o $(BUILD)/cmd/passphrase.o
TESTS      := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
LIB        := $(BUILD)/libxhht.a
PROGRAMS   := $(BUILD)/xhht $(BUILD)/xhht-central

.PHONY: all deps deps-check run run-central demo demo-clean check test unit-tests cli-tests layers install release clean format
all: $(PROGRAMS)

# The programs as installed: no test clock, never sanitizers.
RELEASE := $(BUILD)/release
release:
	@$(MAKE) --no-print-directory BUILD=$(RELEASE) TEST_CLOCK=0 SAN=0 all

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

$(BUILD)/xhht: $(BUILD)/cmd/xhht.o $(CLI_OBJ) $(CLERK_OBJ) $(SCREEN_OBJ) $(LIB)
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/xhht-central: $(BUILD)/cmd/xhht-central.o $(CLI_OBJ) $(DESK_OBJ) $(SCREEN_OBJ) $(LIB)
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(LIB)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lcmocka

# The desk's test opens the central's screens on the framework, as test_actions the clerk's.
$(BUILD)/tests/test_desk: $(BUILD)/tests/unit/test_desk.o $(DESK_OBJ) $(SCREEN_OBJ) $(LIB)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lcmocka

# The action table's test reads the screens' hints and overrides: it links the screens too.
$(BUILD)/tests/test_actions: $(BUILD)/tests/unit/test_actions.o $(CLERK_OBJ) $(SCREEN_OBJ) $(LIB)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lcmocka

# The desk's report view runs on a central in memory: it links the desk's screens too.
$(BUILD)/tests/test_desk_report: $(BUILD)/tests/unit/test_desk_report.o $(DESK_OBJ) $(SCREEN_OBJ) $(LIB)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lcmocka

# The desk's totals and proposals run on a central in memory: they link the desk's screens too.
$(BUILD)/tests/test_desk_totals: $(BUILD)/tests/unit/test_desk_totals.o $(DESK_OBJ) $(SCREEN_OBJ) $(LIB)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lcmocka

# The desk's figures across years run on a central in memory: they link the desk's screens too.
$(BUILD)/tests/test_desk_years: $(BUILD)/tests/unit/test_desk_years.o $(DESK_OBJ) $(SCREEN_OBJ) $(LIB)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lcmocka

# The demo (tests/demo/make-demo.sh): a demo central with the sample units, last year's reports
# in and this year's partly, and the demo unit BVDKM enrolled with it, its report ready to pack.
# Built once; `make demo-clean` removes it (the next `make run` builds it again). An older demo
# (a unit's data folder alone, without demo.txt) is replaced. The clerk's program starts in the
# demo's shared folder, so that F5's folder chooser opens where the central imports from.
DEMO := $(BUILD)/demo
demo: $(PROGRAMS)
	@[ -f $(DEMO)/demo.txt ] || rm -rf $(DEMO)
	@sh tests/demo/make-demo.sh $(BUILD) $(DEMO)

demo-clean:
	rm -rf $(DEMO)

# The demo's passphrases and what to try are printed first; on a terminal, Enter opens the program.
DEMO_SHOW = cat $(DEMO)/demo.txt; if [ -z "$(ARGS)" ] && [ -t 0 ]; then \
	printf '%s' 'Enter: mở / open … '; read _; fi

run: deps
	@$(MAKE) --no-print-directory all demo
	@$(DEMO_SHOW)
	@cd $(DEMO)/shared && $(abspath $(BUILD))/xhht --data $(abspath $(DEMO))/unit $(ARGS)

run-central: deps
	@$(MAKE) --no-print-directory all demo
	@$(DEMO_SHOW)
	@$(BUILD)/xhht-central --data $(DEMO)/central $(ARGS)

unit-tests: $(TESTS) layers
	@sh tests/run-unit.sh $(TESTS)

# The front ends reach the database only through the core: no SQLite in screens/ or cmd/,
# and no field of a connection (struct store's are the core's). The framework (screens/*) knows
# no program's screens (screens/clerk/, screens/desk/).
layers:
	@if grep -rn --include='*.[ch]' '\bsqlite3\|->sql\b' screens cmd; then \
		echo "layers: SQLite used outside src/ (above): ask the core (src/) instead" >&2; \
		exit 1; fi
	@if grep -n '#include "\(clerk\|desk\)\.h"\|screen_home\b' screens/*.[ch]; then \
		echo "layers: the screen framework names a program's screens (above)" >&2; \
		exit 1; fi

# The shell tests: every file of tests/cli and tests/tui (tests/tui/lib.sh is their helpers),
# then the crash test. Each file runs alone and prints "NAME: N passed, M failed"; all run, and
# the target fails after them if any failed.
SHELL_TESTS := $(sort $(wildcard tests/cli/*.sh)) $(sort $(filter-out tests/tui/lib.sh,$(wildcard tests/tui/*.sh)))
cli-tests: $(PROGRAMS) release
	@fails=""; for t in $(SHELL_TESTS); do sh $$t $(BUILD) || fails="$$fails $$t"; done; \
	sh tests/crash/import-kill.sh $(BUILD) $(SAN) || fails="$$fails tests/crash/import-kill.sh"; \
	if [ -n "$$fails" ]; then echo "failed:$$fails" >&2; exit 1; fi

# T=FILE: `make test` and `make check` run that one test file instead of all: a shell test
# (T=tests/tui/pack.sh) or a unit test program (T=tests/unit/test_store.c, or
# T=build/tests/test_store), built in $(BUILD) (and in build/san for check's second round).
ifeq ($(T),)
test: unit-tests cli-tests fuzz-replay
else ifneq ($(filter %.sh,$(T)),)
test: $(PROGRAMS) release
	@sh $(T) $(BUILD) $(if $(filter tests/crash/%,$(T)),$(SAN))
else
test: $(BUILD)/tests/$(basename $(notdir $(T)))
	@sh tests/run-unit.sh $<
endif

# Everything, then everything again under ASan and UBSan, then every fuzz target for a short
# while (when clang can build them), then the Debian packages in a chroot (deb-test, below);
# with T=FILE, that one file in both builds.
check: deps-check
	@$(MAKE) --no-print-directory windows-prepare
	@$(MAKE) --no-print-directory test
	@$(MAKE) --no-print-directory BUILD=build/san SAN=1 test
ifeq ($(T),)
	@if $(FUZZ_PROBE); then $(MAKE) --no-print-directory fuzz-short; \
	else echo "fuzz-short skipped: $(FUZZ_CC) with libFuzzer not found"; fi
	@sh packaging/install-deps.sh deb || echo "deb-test: the packaging tools are missing (packaging/install-deps.sh deb)"
	@$(MAKE) --no-print-directory deb-test
endif

install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/xhht/templates
	install -m 0755 $(RELEASE)/xhht $(RELEASE)/xhht-central $(DESTDIR)$(PREFIX)/bin/
	install -m 0644 db/templates/*.json $(DESTDIR)$(PREFIX)/share/xhht/templates/

format:
	clang-format -i src/*.[ch] cmd/*.c tests/unit/*.[ch] tools/*.c

clean:
	rm -rf build

-include $(shell find $(BUILD) -name '*.d' -type f 2>/dev/null)

# --- Fuzzing ----------------------------------------------------------------------------------
# One libFuzzer target per reader of outside bytes: tests/fuzz/fuzz_<name>.c, its seeds in
# tests/fuzz/corpus-<name>/ (tests/fuzz/make-seeds.c writes most of them), its tokens in
# tests/fuzz/<name>.dict where there is one. `make fuzz` runs each target (FUZZ_TARGETS=...
# picks some) for FUZZ_SECONDS on a copy of its corpus; findings land in $(BUILD)/fuzz/<name>-*.
# `make fuzz-replay` (part of `make test`) runs every target over its corpus with $(CC), also
# under SAN=1, so every seed and past finding stays a test. `make fuzz-short` (part of
# `make check` when clang is there) runs each for FUZZ_SHORT_SECONDS and fails on any finding.
FUZZ_TARGETS       ?= report bundle armor signed mail
FUZZ_SECONDS       ?= 60
FUZZ_SHORT_SECONDS ?= 10
FUZZ_CC            ?= clang
FUZZ_DIR           := $(BUILD)/fuzz
FUZZ_OBJ           := $(FUZZ_DIR)/obj
FUZZ_LIB           := $(FUZZ_OBJ)/libxhht.a
FUZZ_NO_CC          = $(FUZZ_CC) not found: install clang (apt-get install clang) to fuzz
# True when $(FUZZ_CC) links a libFuzzer target (Debian ships the runtime in libclang-rt-dev).
FUZZ_PROBE          = echo 'int LLVMFuzzerTestOneInput(void) { return 0; }' | $(FUZZ_CC) -x c \
		      -fsanitize=fuzzer,address,undefined -o /dev/null - >/dev/null 2>&1
FUZZ_SAN           := -fsanitize=address,undefined -fno-sanitize-recover=undefined
# clang does not know gcc's -Wno-format-truncation; a new clang warning must not stop a fuzz run.
# The core is built once with coverage (fuzzer-no-link) and linked into every target.
FUZZ_CFLAGS         = -std=c11 -D_GNU_SOURCE -DXHHT_VERSION='"$(VERSION)"' \
		      $(filter-out -Werror -Wno-format-truncation,$(WARN)) -O1 -g $(FUZZ_SAN) \
		      -fsanitize=fuzzer-no-link -fno-omit-frame-pointer -Isrc -Icmd -I$(BUILD)/gen \
		      $(PKG_CFLAGS) -MMD -MP
# Options of every run ($* is the target's name): an input running 10 s is a finding (a hang).
FUZZ_OPTS           = -timeout=10 -print_final_stats=1 -artifact_prefix=$(FUZZ_DIR)/$*- \
		      $(if $(wildcard tests/fuzz/$*.dict),-dict=tests/fuzz/$*.dict)

.PHONY: fuzz fuzz-replay fuzz-short $(FUZZ_TARGETS:%=fuzz-%) $(FUZZ_TARGETS:%=fuzz-short-%)

$(FUZZ_OBJ)/%.o: %.c | $(BUILD)/gen/embedded.c
	$(if $(shell command -v $(FUZZ_CC)),,$(error $(FUZZ_NO_CC)))
	@mkdir -p $(@D)
	@echo "  FUZZCC  $@"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@

$(FUZZ_OBJ)/gen/embedded.o: $(BUILD)/gen/embedded.c
	$(if $(shell command -v $(FUZZ_CC)),,$(error $(FUZZ_NO_CC)))
	@mkdir -p $(@D)
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@

$(FUZZ_LIB): $(LIB_SRC:%.c=$(FUZZ_OBJ)/%.o) $(FUZZ_OBJ)/gen/embedded.o
	@rm -f $@
	@ar rcs $@ $^

$(FUZZ_TARGETS:%=$(FUZZ_DIR)/fuzz_%): $(FUZZ_DIR)/fuzz_%: $(FUZZ_OBJ)/tests/fuzz/fuzz_%.o \
		$(FUZZ_LIB)
	@echo "  FUZZLD  $@"
	@$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $^ $(PKG_LIBS)

fuzz: $(FUZZ_TARGETS:%=fuzz-%)

$(FUZZ_TARGETS:%=fuzz-%): fuzz-%: $(FUZZ_DIR)/fuzz_%
	@rm -rf $(FUZZ_DIR)/corpus-$* && cp -R tests/fuzz/corpus-$* $(FUZZ_DIR)/corpus-$*
	$(FUZZ_DIR)/fuzz_$* -max_total_time=$(FUZZ_SECONDS) $(FUZZ_OPTS) $(FUZZ_DIR)/corpus-$*

# Quiet unless something is found: then the end of libFuzzer's log, and a failed check.
fuzz-short: $(FUZZ_TARGETS:%=fuzz-short-%)

$(FUZZ_TARGETS:%=fuzz-short-%): fuzz-short-%: $(FUZZ_DIR)/fuzz_%
	@rm -rf $(FUZZ_DIR)/short-$* && cp -R tests/fuzz/corpus-$* $(FUZZ_DIR)/short-$*
	@$(FUZZ_DIR)/fuzz_$* -max_total_time=$(FUZZ_SHORT_SECONDS) $(FUZZ_OPTS) \
		$(FUZZ_DIR)/short-$* >$(FUZZ_DIR)/short-$*.log 2>&1 || \
		{ tail -n 60 $(FUZZ_DIR)/short-$*.log; \
		  echo "fuzz-short: fuzz_$* found a problem (log $(FUZZ_DIR)/short-$*.log)" >&2; \
		  exit 1; }
	@echo "  FUZZ    $*: $$(sed -n 's/^stat::number_of_executed_units: *//p' \
		$(FUZZ_DIR)/short-$*.log) runs in $(FUZZ_SHORT_SECONDS) s, no finding"

$(FUZZ_TARGETS:%=$(FUZZ_DIR)/replay-%): $(FUZZ_DIR)/replay-%: $(BUILD)/tests/fuzz/replay.o \
		$(BUILD)/tests/fuzz/fuzz_%.o $(LIB)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

fuzz-replay: $(FUZZ_TARGETS:%=$(FUZZ_DIR)/replay-%)
	@for t in $(FUZZ_TARGETS); do $(FUZZ_DIR)/replay-$$t tests/fuzz/corpus-$$t || exit 1; done

# --- Importer tests, crash test and benchmark ---------------------------------------------
# Test tools linked with the core: gen-bundles (units, enrollments and real bundles in bulk),
# db-check (integrity and all-or-nothing checks of a central database, and SQL counts),
# bare-open (the bundle primitives alone, the benchmark's baseline), and review-receipt (a
# receipt carrying the Ministry's review, signed with a central's key). `make bench` imports
# 10,000 generated bundles and prints rates as ratios against the bare loop; it never fails
# on a time.
TOOLS := $(BUILD)/gen-bundles $(BUILD)/db-check $(BUILD)/bare-open $(BUILD)/open-loop \
	 $(BUILD)/review-receipt
BENCH_N ?= 10000

.PHONY: tools bench
tools: $(TOOLS)
cli-tests: $(TOOLS)
ifneq ($(filter %.sh,$(T)),)
test: $(TOOLS)
endif

$(BUILD)/gen-bundles $(BUILD)/db-check $(BUILD)/bare-open $(BUILD)/open-loop \
$(BUILD)/review-receipt: $(BUILD)/%: $(BUILD)/tests/tools/%.o $(LIB)
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# The start-up benchmark's baseline: a minimal ncursesw program drawing one screen.
$(BUILD)/min-curses: $(BUILD)/tests/tools/min-curses.o
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# The desk's answer to each kind of key, on a loaded central and an empty one.
$(BUILD)/desk-bench: $(BUILD)/tests/tools/desk-bench.o $(DESK_OBJ) $(SCREEN_OBJ) $(LIB)
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# Figures only, each as a ratio to a baseline measured in the same run: bundles (pack time,
# sizes, open and verify against bare libsodium), the importer, the full-screen start-up.
bench: $(PROGRAMS) $(TOOLS) $(BUILD)/min-curses $(BUILD)/desk-bench
	@echo "bundles:"
	@sh tests/bench/bundle-bench.sh $(BUILD)
	@echo "importer:"
	@sh tests/bench/import-bench.sh $(BUILD) $(BENCH_N)
	@echo "full-screen start-up:"
	@sh tests/bench/tui-bench.sh $(BUILD) 20
	@echo "the central's desk:"
	@sh tests/bench/desk-bench.sh $(BUILD)

# --- USB kit ------------------------------------------------------------------------------------
# `make usb`: $(BUILD)/usb/, a folder to copy onto a stick as it is (packaging/usb/make-kit.sh):
# the programs of USB_PROGRAMS (make static's: they run on any x86-64 Linux), the start script
# chay-xhht.sh (the clerk's program with its data on the stick, or installed in the home
# folder), the clerk's guide HUONG-DAN.txt and its printable A4 page HUONG-DAN.html, and
# SHA256SUMS over every file. USB_PROGRAMS=$(RELEASE) makes it from `make release`'s programs
# (dynamically linked: for trying it here). tests/cli/usb.sh checks it.
# The Windows programs of USB_WINDOWS (make windows's) go in too, with CHAY-XHHT.bat;
# USB_WINDOWS= (empty) makes a kit without them, where the cross tools are missing.
USB_PROGRAMS ?= $(BUILD)/static
USB_WINDOWS  ?= $(BUILD)/win/release
USB_KIT      := $(BUILD)/usb

.PHONY: usb
usb: $(if $(filter $(BUILD)/static,$(USB_PROGRAMS)),static,$(if $(filter $(RELEASE),$(USB_PROGRAMS)),release)) \
		$(if $(filter $(BUILD)/win/release,$(USB_WINDOWS)),windows)
	@sh packaging/usb/make-kit.sh $(USB_PROGRAMS) $(USB_KIT) $(VERSION) $(USB_WINDOWS)
# --- Manual pages -------------------------------------------------------------------------
# man/NAME.in (English) and man/vi/NAME.in (Vietnamese) are written by hand; `make man` fills in
# their synopsis, commands, options, keys and refusal classes from the programs' own tables
# (man/generate.sh asks each program through $XHHT_MAN, cmd/cli.c's man_part) and writes
# man/*.1 man/*.5 man/vi/*.1 man/vi/*.5, which are committed: tests/cli/man.sh fails when they
# differ from what the tables give. `make install` installs them.
MAN_EN := man/xhht.1 man/xhht-central.1 man/xhht-bundle.5
MAN_VI := $(MAN_EN:man/%=man/vi/%)
MANDIR ?= $(PREFIX)/share/man
.PHONY: man install-man
man: $(PROGRAMS)
	@sh man/generate.sh $(BUILD) man

install: install-man
install-man:
	install -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(MANDIR)/vi/man1 $(DESTDIR)$(MANDIR)/vi/man5
	install -m 0644 $(filter %.1,$(MAN_EN)) $(DESTDIR)$(MANDIR)/man1/
	install -m 0644 $(filter %.5,$(MAN_EN)) $(DESTDIR)$(MANDIR)/man5/
	install -m 0644 $(filter %.1,$(MAN_VI)) $(DESTDIR)$(MANDIR)/vi/man1/
	install -m 0644 $(filter %.5,$(MAN_VI)) $(DESTDIR)$(MANDIR)/vi/man5/
# --- Static programs (make static) ----------------------------------------------------------
# $(BUILD)/static/xhht and xhht-central: the release objects linked statically with ncursesw,
# SQLite, libsodium, utf8proc and glibc, one file each that needs no library on the machine.
# Two objects are compiled again with XHHT_STATIC: src/staff.c (no password database, which
# static glibc reaches through NSS's shared libraries) and screens/terminal.c (falls back on
# the terminal descriptions carried: screens/static/, STATIC_TERMS compiled by the host's tic);
# SQLite's archive is copied with its extension loader's dlopen, dlsym, dlclose and dlerror
# renamed to cmd/static-nodl.c's stubs (nothing loads an extension; static glibc's dlopen makes
# the link warn). Stripped; the link fails on any warning. Libraries: install-deps.sh static.
STATIC_TERMS := linux vt100 vt220 xterm xterm-256color xterm-color xterm-mono screen \
		screen-256color tmux tmux-256color rxvt-unicode rxvt-unicode-256color
STATIC_OUT   ?= $(BUILD)/static
STATIC_OBJ    = $(BUILD)/static-obj
# Debian's sqlite3.pc names zlib, which its libsqlite3.a never calls: not needed.
STATIC_LIBS   = $(filter-out -lsqlite3 -lz,$(shell pkg-config --static --libs $(PKGS) 2>/dev/null)) \
		-lutf8proc
STATIC_SCREEN = $(filter-out $(BUILD)/screens/terminal.o,$(SCREEN_OBJ)) \
		$(STATIC_OBJ)/screens/terminal.o $(STATIC_OBJ)/screens/static/terminfo.o \
		$(BUILD)/gen/terminfo.o $(STATIC_OBJ)/src/staff.o $(STATIC_OBJ)/cmd/static-nodl.o \
		$(STATIC_OBJ)/libsqlite3.a
STATIC_LINK   = $(CC) $(LDFLAGS) -static -s -Wl,--fatal-warnings -o $@ $^ $(STATIC_LIBS)

# `make static-programs` builds them without installing anything (tests/packaging/static.sh).
.PHONY: static static-programs static-link
static:
	@sh packaging/install-deps.sh static
	@$(MAKE) --no-print-directory static-programs
static-programs:
	@$(MAKE) --no-print-directory BUILD=$(RELEASE) TEST_CLOCK=0 SAN=0 \
		STATIC_OUT=$(BUILD)/static static-link
static-link: $(STATIC_OUT)/xhht $(STATIC_OUT)/xhht-central

$(STATIC_OBJ)/%.o: %.c | $(BUILD)/gen/embedded.c
	@mkdir -p $(@D)
	@echo "  CC      $@"
	@$(CC) $(ALL_CFLAGS) -DXHHT_STATIC -c $< -o $@

$(STATIC_OBJ)/libsqlite3.a: $(wildcard $(shell $(CC) -print-file-name=libsqlite3.a))
	@mkdir -p $(@D)
	@objcopy $(foreach f,dlopen dlsym dlclose dlerror,--redefine-sym $(f)=xhht_$(f)) \
		"$$($(CC) -print-file-name=libsqlite3.a)" $@

$(BUILD)/gen/terminfo.c: tools/embed-terminfo.sh
	@mkdir -p $(@D)
	@sh tools/embed-terminfo.sh $(STATIC_TERMS) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/terminfo.o: $(BUILD)/gen/terminfo.c
	@$(CC) $(ALL_CFLAGS) -c $< -o $@

$(STATIC_OUT)/xhht: $(BUILD)/cmd/xhht.o $(CLI_OBJ) $(CLERK_OBJ) $(STATIC_SCREEN) $(LIB)
	@mkdir -p $(@D)
	@echo "  LD      $@ (static)"
	@$(STATIC_LINK)

$(STATIC_OUT)/xhht-central: $(BUILD)/cmd/xhht-central.o $(CLI_OBJ) $(DESK_OBJ) $(STATIC_SCREEN) $(LIB)
	@mkdir -p $(@D)
	@echo "  LD      $@ (static)"
	@$(STATIC_LINK)

# `make bench` builds them too when it can: tests/bench/tui-bench.sh sets them beside the
# dynamic release programs.
.PHONY: bench-static
bench: bench-static
bench-static:
	@$(MAKE) --no-print-directory release static-programs >/dev/null 2>&1 || \
		echo "static programs: make static-programs failed (make static says why)"

# Its test (tests/packaging/static.sh, part of `make check`: builds them itself, runs as root).
# The Debian packages' test (deb.sh) runs once, at the end of `make check` (deb-test).
SHELL_TESTS := $(SHELL_TESTS) $(filter-out $(SHELL_TESTS) tests/packaging/deb.sh,\
		$(sort $(wildcard tests/packaging/*.sh)))
# --- Debian packages --------------------------------------------------------------------------
# `make deb`: the packages xhht and xhht-central (packaging/debian/) built by dpkg-buildpackage
# from a clean copy of the tree into $(BUILD)/deb/, then lintian, which fails on an error
# (packaging/build-deb.sh; packaging/install-deps.sh deb installs the tools). `make deb-test`
# (part of `make check`, skipped without root, the tools or the mirror) builds them and
# installs, runs, removes and purges them in a fresh minimal Debian chroot
# (tests/packaging/deb.sh; the chroot is cached in build/chroot/).
.PHONY: deb deb-test
deb:
	@sh packaging/install-deps.sh deb
	@sh packaging/build-deb.sh $(BUILD)

deb-test:
	@sh tests/packaging/deb.sh $(BUILD)
# --- Windows port: the core compiled for Windows ----------------------------------------------
# `make windows-syntax`: every src/*.c compiled for 64-bit Windows by mingw-w64 with the
# project's warnings as errors (src/platform_win.c in, src/platform_posix.c out), against the
# host's SQLite, libsodium and utf8proc headers until the cross-built libraries land
# (docs/windows.md). About 15 s; not part of `make check`; skipped with one line without the
# cross compiler.
WIN_CC  ?= x86_64-w64-mingw32-gcc
WIN_AR  ?= $(patsubst %gcc,%ar,$(WIN_CC))
WIN_INC := $(BUILD)/win-include
# What every Windows build shares: the core's sources (src/platform_win.c in place of
# src/platform_posix.c), the libraries' prefix (make windows-libs), the flags (sizes of files in
# 64 bits: _FILE_OFFSET_BITS=64 makes struct stat Windows' _stat64) and the libraries.
WIN_PREFIX    = $(BUILD)/win/prefix
WIN_CORE_SRC  = $(filter-out src/platform_posix.c,$(wildcard src/*.c))
WIN_BASE_CFLAGS = -std=c11 -D__USE_MINGW_ANSI_STDIO=1 -D_FILE_OFFSET_BITS=64 -DSODIUM_STATIC \
		  -DUTF8PROC_STATIC -DXHHT_VERSION='"$(VERSION)"' $(WARN) -Isrc -I$(BUILD)/gen \
		  -I$(WIN_PREFIX)/include -MMD -MP
WIN_BASE_LIBS = -L$(WIN_PREFIX)/lib -lsqlite3 -lsodium -lutf8proc -lbcrypt -lpthread
.PHONY: windows-syntax
windows-syntax: $(BUILD)/gen/embedded.c
	@if ! command -v $(WIN_CC) >/dev/null 2>&1; then \
		echo "windows-syntax skipped: $(WIN_CC) not found (apt-get install gcc-mingw-w64-x86-64)"; \
		exit 0; fi; \
	mkdir -p $(WIN_INC) && cp -R /usr/include/sqlite3.h /usr/include/sodium.h \
		/usr/include/sodium /usr/include/utf8proc.h $(WIN_INC)/ && \
	for f in $(WIN_CORE_SRC); do \
		$(WIN_CC) -std=c11 -D__USE_MINGW_ANSI_STDIO=1 -D_FILE_OFFSET_BITS=64 $(WARN) -fsyntax-only -Isrc \
			-I$(BUILD)/gen -I$(WIN_INC) $$f || exit 1; done; \
	echo "windows-syntax: every src/*.c compiles for Windows"
# --- Windows port: the unit tests under Wine (issue 14) ----------------------------------------
# `make windows-unit`: the core compiled for Windows (src/*.c with src/platform_win.c, flags as
# windows-syntax's, against the libraries of `make windows-libs`) and linked with cmocka (also
# cross-built there) into one .exe per test of WIN_UNIT_TESTS, run under Wine by
# tests/windows/unit.sh (which builds them through win-unit-programs, and skips with one line
# without the cross compiler, Wine or the libraries). The tests left out link the screens
# (test_actions, test_desk*) or need what Windows lacks (docs/windows.md, "Tests").
WIN_UNIT      = $(BUILD)/win-unit
WIN_UNIT_TESTS ?= platform armor bundle central document history import ime json mail query \
		  report review rules places signed staff store summary template text totals \
		  unit_review secrets validate vectors phase across migrate publish
WIN_UNIT_CFLAGS = $(WIN_BASE_CFLAGS) -DXHHT_TEST_CLOCK -O1 -g
WIN_UNIT_SRC  = $(WIN_CORE_SRC)
WIN_UNIT_LIB  = $(WIN_UNIT)/libxhht.a
WIN_UNIT_EXES = $(WIN_UNIT_TESTS:%=$(WIN_UNIT)/test_%.exe)
.PHONY: windows-unit win-unit-programs win-unit-names
windows-unit:
	@sh tests/windows/unit.sh $(BUILD)
win-unit-programs: $(WIN_UNIT_EXES)
win-unit-names:
	@echo $(WIN_UNIT_EXES)

$(WIN_UNIT)/obj/%.o: %.c | $(BUILD)/gen/embedded.c
	@mkdir -p $(@D)
	@echo "  WINCC   $@"
	@$(WIN_CC) $(WIN_UNIT_CFLAGS) -c $< -o $@

# MinGW's gcc 12 at -O1 sees a dangling pointer in cmocka's assert_non_null in test_document
# (a false warning: the pointer is live; the Linux gcc 12 does not give it).
$(WIN_UNIT)/obj/tests/unit/test_document.o: WIN_UNIT_CFLAGS += -Wno-dangling-pointer

$(WIN_UNIT)/obj/gen/embedded.o: $(BUILD)/gen/embedded.c
	@mkdir -p $(@D)
	@$(WIN_CC) $(WIN_UNIT_CFLAGS) -Wno-missing-variable-declarations -c $< -o $@

$(WIN_UNIT_LIB): $(WIN_UNIT_SRC:%.c=$(WIN_UNIT)/obj/%.o) $(WIN_UNIT)/obj/gen/embedded.o
	@rm -f $@
	@$(WIN_AR) rcs $@ $^

$(WIN_UNIT)/test_%.exe: $(WIN_UNIT)/obj/tests/unit/test_%.o $(WIN_UNIT_LIB)
	@echo "  WINLD   $@"
	@$(WIN_CC) -static -o $@ $^ -lcmocka $(WIN_BASE_LIBS)
SHELL_TESTS := $(SHELL_TESTS) tests/windows/unit.sh
# --- Windows libraries (issue 14, first increment) -------------------------------------------
# `make windows-libs`: libsodium, SQLite, ncursesw and utf8proc as static 64-bit Windows
# (MinGW-w64) archives in $(BUILD)/win/prefix, cross-built from Debian's own source packages,
# fetched with apt-get source through a private apt configuration and cached in
# $(BUILD)/win/src (packaging/windows/build-libs.sh; docs/windows.md): 3 to 5 minutes on 2
# cores, then nothing until a source or the recipe changes. `make windows-smoke` links
# tests/windows/smoke.c against them and runs it under Wine (tests/windows/smoke.sh,
# which skips with one line without the cross compiler, Wine or the libraries). `make check`
# builds the libraries first where the cross compiler and Wine are installed (windows-prepare,
# below); its shell tests run the Windows suites when the libraries are in $(BUILD), and skip
# them with one line otherwise.
.PHONY: windows-libs windows-smoke
windows-libs:
	@sh packaging/install-deps.sh windows
	@sh packaging/windows/build-libs.sh $(BUILD)
windows-smoke: windows-libs
	@sh tests/windows/smoke.sh $(BUILD)
SHELL_TESTS := $(SHELL_TESTS) tests/windows/smoke.sh tests/windows/tui.sh
# --- Windows programs (make windows) ----------------------------------------------------------
# `make windows`: $(BUILD)/win/release/xhht.exe and xhht-central.exe, 64-bit Windows console
# programs: every object compiled by mingw-w64 with the project's warnings as errors
# (src/platform_win.c in place of src/platform_posix.c) and linked statically against the
# libraries of `make windows-libs` (which it runs first; docs/windows.md). `make
# windows-programs` only compiles and links, the libraries being there; WIN_VARIANT=test builds
# $(BUILD)/win/test/, whose clock the tests fix ($XHHT_NOW, $XHHT_TODAY), for tests/windows/.
WIN_VARIANT ?= release
WIN_OUT      = $(BUILD)/win/$(WIN_VARIANT)
WIN_CFLAGS   = $(WIN_BASE_CFLAGS) -DNCURSES_STATIC -DNCURSES_WIDECHAR=1 -O2 \
	       $(if $(filter test,$(WIN_VARIANT)),-DXHHT_TEST_CLOCK) -Icmd -Iscreens \
	       -Iscreens/clerk -Iscreens/desk -I$(WIN_PREFIX)/include/ncursesw
WIN_COMMON   = $(WIN_CORE_SRC) cmd/cli.c cmd/passphrase.c $(SCREEN_SRC)
WIN_COMMON_OBJ = $(WIN_COMMON:%.c=$(WIN_OUT)/obj/%.o) $(WIN_OUT)/obj/gen/embedded.o
WIN_LIBS     = -lncursesw $(WIN_BASE_LIBS) -lshell32 -ladvapi32
WIN_LINK     = $(WIN_CC) -static -s -o $@ $^ $(WIN_LIBS)

# `make windows-prepare` (the first step of `make check`): where the cross compiler and Wine are
# installed, the libraries built (or found built) so that tests/windows/ run; elsewhere one line
# saying how to have them. It installs nothing: `sh packaging/install-deps.sh windows` does.
WIN_WINE_FOUND = { command -v wine64 || command -v wine || [ -x /usr/lib/wine/wine64 ]; } >/dev/null 2>&1
.PHONY: windows windows-programs windows-prepare
windows-prepare:
	@if command -v $(WIN_CC) >/dev/null 2>&1 && $(WIN_WINE_FOUND); then \
		sh packaging/windows/build-libs.sh $(BUILD) || \
		echo "windows: the libraries did not build (above): the Windows tests will skip"; \
	else echo "windows: the Windows tests will skip: no $(WIN_CC) or Wine here (sh packaging/install-deps.sh windows installs them)"; fi
windows: windows-libs
	@$(MAKE) --no-print-directory windows-programs
windows-programs: $(WIN_OUT)/xhht.exe $(WIN_OUT)/xhht-central.exe

$(WIN_OUT)/obj/%.o: %.c | $(BUILD)/gen/embedded.c
	@mkdir -p $(@D)
	@echo "  CC      $@"
	@$(WIN_CC) $(WIN_CFLAGS) -c $< -o $@

$(WIN_OUT)/obj/gen/embedded.o: $(BUILD)/gen/embedded.c
	@mkdir -p $(@D)
	@$(WIN_CC) $(WIN_CFLAGS) -Wno-missing-variable-declarations -c $< -o $@

$(WIN_OUT)/xhht.exe: $(WIN_OUT)/obj/cmd/xhht.o $(CLERK_SRC:%.c=$(WIN_OUT)/obj/%.o) $(WIN_COMMON_OBJ)
	@echo "  LD      $@"
	@$(WIN_LINK)

$(WIN_OUT)/xhht-central.exe: $(WIN_OUT)/obj/cmd/xhht-central.o $(DESK_SRC:%.c=$(WIN_OUT)/obj/%.o) \
		$(WIN_COMMON_OBJ)
	@echo "  LD      $@"
	@$(WIN_LINK)
# --- Windows programs: the command-line suites under Wine -------------------------------------
# `make windows-cli`: tests/windows/cli.sh, the command-line work of $(BUILD)/win/test/xhht.exe
# and xhht-central.exe under Wine, each command compared with the Linux programs of $(BUILD) on
# the same inputs (exit code, output, files written), and bundles and receipts across the two
# systems (about 11 s); then tests/windows/suites.sh, tests/cli/run.sh and trust.sh with the
# Windows programs (about 65 s; docs/windows.md, "Tests of the Windows programs"). Both build
# what they need (make windows-programs WIN_VARIANT=test, about 15 s) when `make windows-libs`
# has built the libraries in $(BUILD), and skip with one line otherwise: so in `make check` too.
.PHONY: windows-cli
windows-cli: $(PROGRAMS) $(BUILD)/db-check
	@sh tests/windows/cli.sh $(BUILD); a=$$?; sh tests/windows/suites.sh $(BUILD) && exit $$a
SHELL_TESTS := $(SHELL_TESTS) tests/windows/cli.sh tests/windows/suites.sh
