/* fuzz_mail.c: libFuzzer target: any bytes through mail_scan_message, mail_scan_mbox and
 * mail_scan_text; every candidate they report is read whole, checked for its shape and, when
 * armored, decoded as the importer does. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "armor.h"
#include "mail.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct scan {
	uintptr_t in, in_end; /* the input, to check spans that point into it */
	size_t calls, stop_at; /* stop_at: the call answered with a refusal (0: none) */
	bool stopped;
};

static void
die(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_mail: %s: %s\n", what, detail);
	abort();
}

static enum status
found(void *ctx, const unsigned char *data, size_t len, enum mail_found kind, const char *part,
      const char *message_id, const char *received)
{
	struct scan *s = ctx;
	static const char begin[] = "-----BEGIN XHHT BUNDLE-----";
	uintptr_t p = (uintptr_t)data;

	if (s->stopped)
		die("found", "called again after it asked to stop");
	if (data == NULL)
		die("found", "no data");
	/* A span that starts inside the input ends inside it; others are decoded copies. Every
	 * byte is read, so ASan catches a span running past its buffer. */
	if (p >= s->in && p <= s->in_end && len > s->in_end - p)
		die("found", "a span running past the end of the input");
	unsigned char *copy = xmalloc(len + 1);
	memcpy(copy, data, len);
	free(copy);
	if (part != NULL && strlen(part) > 4096)
		die("found", "part name without bound");
	if (message_id != NULL && strlen(message_id) >= 256)
		die("found", "Message-ID longer than its buffer");
	if (received != NULL && (strlen(received) != 20 || received[19] != 'Z'))
		die("found", "a Received: time that is not ISO 8601 UTC");
	if (kind == MAIL_ARMOR) {
		unsigned char *bin;
		size_t blen;
		struct err e = {0};
		if (len < sizeof begin - 1 || memcmp(data, begin, sizeof begin - 1) != 0)
			die("found", "an armored candidate not starting with the BEGIN line");
		if (armor_decode((const char *)data, len, "BUNDLE", &bin, &blen, &e) == ST_OK) {
			if (blen == 0)
				die("armor_decode", "an empty bundle");
			free(bin);
		} else if (e.msg[0] == '\0')
			die("armor_decode", "refused without a message");
	} else if (kind == MAIL_BINARY && (len < 7 || memcmp(data, "XHHTBDL", 7) != 0))
		die("found", "a binary candidate not starting with the bundle magic");
	else if (kind > MAIL_TOO_MANY)
		die("found", "an unknown kind");
	if (++s->calls == s->stop_at) {
		s->stopped = true;
		return ST_REFUSED;
	}
	return ST_OK;
}

typedef enum status (*scan_fn)(const char *text, size_t len, struct scan *s, struct err *e);

static enum status
scan_message(const char *text, size_t len, struct scan *s, struct err *e)
{
	return mail_scan_message(text, len, found, s, e);
}

static enum status
scan_mbox(const char *text, size_t len, struct scan *s, struct err *e)
{
	return mail_scan_mbox(text, len, found, s, e);
}

static enum status
scan_text(const char *text, size_t len, struct scan *s, struct err *e)
{
	return mail_scan_text(text, len, "", NULL, found, s, e);
}

/* A full scan, then one whose callback refuses its first candidate: the scan must stop there
 * and pass the refusal on (the importer stops on a failed database write). */
static void
run(scan_fn fn, const char *name, const char *text, size_t len)
{
	struct scan s = {(uintptr_t)text, (uintptr_t)text + len, 0, 0, false};
	struct err e = {0};
	if (fn(text, len, &s, &e) != ST_OK)
		die(name, "failed though every candidate was taken");
	size_t all = s.calls;
	struct scan stop = {(uintptr_t)text, (uintptr_t)text + len, 0, 1, false};
	enum status st = fn(text, len, &stop, &e);
	if (all == 0 ? st != ST_OK || stop.calls != 0 : st != ST_REFUSED || stop.calls != 1)
		die(name, "did not stop at, or pass on, the callback's refusal");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	/* The importer's choice of reader; the answers only need to be given without reading out
	 * of bounds. */
	(void)mail_looks_like_mbox(text, size);
	(void)mail_looks_like_message(text, size);
	run(scan_message, "mail_scan_message", text, size);
	run(scan_mbox, "mail_scan_mbox", text, size);
	run(scan_text, "mail_scan_text", text, size);
	return 0;
}
