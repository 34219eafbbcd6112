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
	     -Isrc -Icmd -I$(BUILD)/gen $(PKG_CFLAGS) -MMD -MP

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

test: unit-tests cli-tests

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
