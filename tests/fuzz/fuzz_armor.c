/* fuzz_armor.c: libFuzzer target: any text through armor_decode under each label; what it
 * accepts must be exactly what armor_encode writes, and what armor_encode writes it must read. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "armor.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const labels[] = {"BUNDLE", "ENROLLMENT", "RECEIPT"};

static void
die(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_armor: %s: %s\n", what, detail);
	abort();
}

static bool
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The block as a writer would have written it: from the BEGIN line to the END line, CR LF as
 * LF, one LF after END; the blanks allowed around the block are dropped. */
static char *
canonical(const char *text, size_t len, const char *label, size_t *outlen)
{
	char end[64];
	size_t i = 0, endlen = (size_t)snprintf(end, sizeof end, "-----END XHHT %s-----", label);
	struct buf b;
	buf_init(&b);
	while (i < len && blank(text[i]))
		i++;
	for (; i < len; i++) {
		if (text[i] == '\r' && (i + 1 == len || text[i + 1] == '\n'))
			continue;
		buf_addc(&b, text[i]);
		if (b.len >= endlen && memcmp(b.data + b.len - endlen, end, endlen) == 0 &&
		    (b.len == endlen || b.data[b.len - endlen - 1] == '\n'))
			break;
	}
	buf_addc(&b, '\n');
	*outlen = b.len;
	return buf_steal(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	int accepted = 0;
	static unsigned char unset; /* a refusal must still set the output to NULL */

	for (size_t l = 0; l < ARRAY_LEN(labels); l++) {
		unsigned char *bin = &unset;
		size_t blen = 0, clen, elen;
		struct err e = {0};
		if (armor_decode(text, size, labels[l], &bin, &blen, &e) != ST_OK) {
			if (bin != NULL || e.msg[0] == '\0')
				die(labels[l], "refused without a message or with output");
			continue;
		}
		accepted++;
		if (!armor_detect(text, size))
			die(labels[l], "decoded a text armor_detect does not take for armor");
		if (blen == 0)
			die(labels[l], "decoded an empty block");
		/* One spelling per content: re-encoding gives back the block read. */
		char *want = canonical(text, size, labels[l], &clen);
		char *again = armor_encode(labels[l], bin, blen, &elen);
		if (clen != elen || memcmp(want, again, clen) != 0) {
			fprintf(stderr, "read:\n%s\nwritten again:\n%s\n", want, again);
			die(labels[l], "accepted a block that is not the canonical armor of its "
				       "content");
		}
		free(want);
		free(again);
		free(bin);
	}
	/* A block names one label. */
	if (accepted > 1)
		die("armor_decode", "one block accepted under two labels");

	/* The writer's side: any non-empty bytes, armored, read back the same. */
	if (size > 0) {
		const char *label = labels[size % ARRAY_LEN(labels)];
		size_t alen, blen;
		unsigned char *bin;
		struct err e = {0};
		char *armored = armor_encode(label, data, size, &alen);
		if (armor_decode(armored, alen, label, &bin, &blen, &e) != ST_OK)
			die("armor_encode", "its output is refused by armor_decode");
		if (blen != size || memcmp(bin, data, size) != 0)
			die("armor_encode", "its output decodes to other bytes");
		free(bin);
		free(armored);
	}
	return 0;
}
