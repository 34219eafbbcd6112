/* open-loop.c: benchmark of bundle_open itself (decrypt, parse, verify, template, report, trust)
 * over a folder of bundles, to set beside bare-open's cryptography alone. */
/* Usage: open-loop CENTRAL_DIR PASSPHRASE_FILE FOLDER; prints "open-loop: N bundles, F failed". */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "central.h"
#include "store.h"

int
main(int argc, char **argv)
{
	struct err e;
	struct secret *pass, *sk;
	struct store *db;
	char *text;
	size_t tlen, n = 0, failed = 0;
	unsigned char sign_pk[SIGN_PK_BYTES], box_pk[BOX_PK_BYTES];

	if (argc != 4) {
		fprintf(stderr, "usage: open-loop CENTRAL_DIR PASSPHRASE_FILE FOLDER\n");
		return 2;
	}
	if (sodium_init() < 0)
		return 2;
	if (file_read(argv[2], 4096, &text, &tlen, &e) != ST_OK ||
	    store_open(argv[1], STORE_CENTRAL, &db, &e) != ST_OK ||
	    central_public_keys(db, sign_pk, box_pk, &e) != ST_OK) {
		fprintf(stderr, "open-loop: %s\n", e.msg);
		return 2;
	}
	pass = passphrase_from_bytes(text, strcspn(text, "\r\n"));
	free(text);
	if (central_open_keys(argv[1], pass, &sk, &e) != ST_OK ||
	    central_attach_keys(db, sk->bytes + SIGN_SK_BYTES, &e) != ST_OK) {
		fprintf(stderr, "open-loop: %s\n", e.msg);
		return 2;
	}
	secret_free(pass);
	DIR *d = opendir(argv[3]);
	if (d == NULL) {
		fprintf(stderr, "open-loop: cannot open %s: %s\n", argv[3], strerror(errno));
		return 2;
	}
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		char *path = xasprintf("%s/%s", argv[3], de->d_name), *data;
		size_t len;
		struct bundle *b = NULL;
		if (file_read(path, BUNDLE_MAX_BYTES, &data, &len, &e) != ST_OK)
			failed++;
		else {
			if (bundle_open((unsigned char *)data, len, box_pk,
					sk->bytes + SIGN_SK_BYTES, central_trust, db, db, &b,
					&e) != ST_OK)
				failed++;
			bundle_free(b);
			free(data);
		}
		n++;
		free(path);
	}
	closedir(d);
	secret_free(sk);
	store_close(db);
	printf("open-loop: %zu bundles, %zu failed\n", n, failed);
	return failed ? 1 : 0;
}
