/* review-receipt.c: test tool: a receipt carrying the Ministry's review, signed with the
 * central's key, made from a receipt the central wrote (as the central's review loop will). */
/*
 * Usage: review-receipt CENTRAL_DIR PASSFILE RECEIPT OUT STATE TIME [FIELD=TEXT...]
 *   RECEIPT  a receipt `xhht-central import --receipts` wrote (verified with the central's key)
 *   STATE    approved | needs_fixing;  TIME  when staff decided (ISO 8601 UTC)
 *   FIELD=TEXT  a comment on a field or table id; "=TEXT" on the whole report
 * Writes OUT (binary receipt, format 2); exits 0, or 2 with a message.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "armor.h"
#include "central.h"
#include "signed.h"
#include "util.h"

static int
die(const char *what, const char *why)
{
	fprintf(stderr, "review-receipt: %s: %s\n", what, why);
	return 2;
}

int
main(int argc, char **argv)
{
	struct err e = {0};
	struct receipt r;
	struct review rv = {0};
	struct secret *pass, *sk;
	unsigned char *data, pk[SIGN_PK_BYTES], *out;
	char *text;
	size_t len, n;

	if (sodium_init() < 0)
		return die("libsodium", "cannot start");
	if (argc < 7)
		return die("usage", "CENTRAL_DIR PASSFILE RECEIPT OUT STATE TIME [FIELD=TEXT...]");
	if (file_read(argv[2], 4096, &text, &n, &e) != ST_OK)
		return die(argv[2], e.msg);
	while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == '\r'))
		n--;
	pass = passphrase_from_bytes(text, n);
	free(text);
	if (central_open_keys(argv[1], pass, &sk, &e) != ST_OK)
		return die(argv[1], e.msg);
	memcpy(pk, sk->bytes + SIGN_SK_BYTES - SIGN_PK_BYTES, SIGN_PK_BYTES);
	if (container_read(argv[3], "RECEIPT", 1u << 20, &data, &len, &e) != ST_OK ||
	    receipt_read(data, len, pk, &r, &e) != ST_OK)
		return die(argv[3], e.msg);
	free(data);
	int state = review_state_parse(argv[5]);
	if (state < 0)
		return die(argv[5], "not a review state");
	rv.state = (enum review_state)state;
	snprintf(rv.time, sizeof rv.time, "%s", argv[6]);
	rv.n = (size_t)(argc - 7);
	rv.comments = calloc(rv.n + 1, sizeof *rv.comments);
	for (size_t i = 0; i < rv.n; i++) {
		const char *arg = argv[7 + i], *eq = strchr(arg, '=');
		if (eq == NULL)
			return die(arg, "not FIELD=TEXT");
		snprintf(rv.comments[i].field, sizeof rv.comments[i].field, "%.*s", (int)(eq - arg),
			 arg);
		rv.comments[i].text = (char *)eq + 1;
	}
	receipt_free(&r);
	r.review = &rv;
	receipt_make(&r, sk->bytes, &out, &len);
	FILE *f = fopen(argv[4], "wb");
	if (f == NULL || fwrite(out, 1, len, f) != len || fclose(f) != 0)
		return die(argv[4], "cannot write");
	free(out);
	free(rv.comments);
	secret_free(sk);
	secret_free(pass);
	return 0;
}
