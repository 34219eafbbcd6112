/* bare-open.c: benchmark baseline: the bundle primitives alone over a folder of bundles. */
/*
 * Usage: bare-open CENTRAL_DIR PASSPHRASE_FILE FOLDER
 *        bare-open --rusage COMMAND [ARG...]
 *
 * The first form does, for every file of FOLDER, what bundle_open does in cryptography and
 * nothing else: read the file, X25519 with the central's receiving key and the BLAKE2b key
 * derivation, crypto_secretstream pull over every chunk, Ed25519ph verification of the signed
 * part (the signer's key is picked out of META by a string search, not parsed). No JSON, no
 * report, no database. It prints "bare-open: N bundles, F failed" and exits 1 if any failed,
 * so that a format change cannot make the baseline fast by making it wrong.
 *
 * The second form runs a command and prints its peak resident memory ("peak_rss_kb N") on
 * stderr, for machines without /usr/bin/time.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bundle.h"
#include "central.h"

#define HEADER_BYTES 72
#define CHUNK 65536
#define OVERHEAD crypto_secretstream_xchacha20poly1305_ABYTES

static int
rusage_run(char **argv)
{
	pid_t pid = fork();
	if (pid < 0)
		return 2;
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	int status;
	struct rusage ru;
	while (wait4(pid, &status, 0, &ru) < 0)
		if (errno != EINTR)
			return 2;
	fprintf(stderr, "peak_rss_kb %ld\n", ru.ru_maxrss);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 2;
}

/* Opens one bundle with the primitives only; true when it decrypts and its signature holds. */
static bool
bare_open(const unsigned char *data, size_t len, const unsigned char *box_pk,
	  const unsigned char *box_sk, unsigned char *pt)
{
	crypto_secretstream_xchacha20poly1305_state ss;
	crypto_generichash_state h;
	crypto_sign_state sign;
	unsigned char shared[32], key[32], signer[SIGN_PK_BYTES];
	size_t pos = HEADER_BYTES, npt = 0;

	if (len < HEADER_BYTES + OVERHEAD || crypto_scalarmult(shared, box_sk, data + 16) != 0)
		return false;
	crypto_generichash_init(&h, NULL, 0, 32);
	crypto_generichash_update(&h, (const unsigned char *)"xhht bundle key v1", 18);
	crypto_generichash_update(&h, shared, 32);
	crypto_generichash_update(&h, data + 16, 32);
	crypto_generichash_update(&h, box_pk, 32);
	crypto_generichash_final(&h, key, 32);
	if (crypto_secretstream_xchacha20poly1305_init_pull(&ss, data + 48, key) != 0)
		return false;
	for (bool first = true;; first = false) {
		size_t clen = len - pos < CHUNK + OVERHEAD ? len - pos : CHUNK + OVERHEAD;
		unsigned long long mlen;
		unsigned char tag;
		if (clen < OVERHEAD)
			return false;
		const unsigned char *ad = first ? data : NULL;
		if (crypto_secretstream_xchacha20poly1305_pull(&ss, pt + npt, &mlen, &tag, data + pos,
							       clen, ad, ad ? HEADER_BYTES : 0) != 0)
			return false;
		npt += (size_t)mlen;
		pos += clen;
		if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL)
			break;
		if (pos == len)
			return false;
	}
	/* The signature record (type, u64 length, 64 bytes) ends the plaintext; the signed part
	 * is everything before it. */
	if (npt < 9 + SIG_BYTES)
		return false;
	size_t signed_len = npt - 9 - SIG_BYTES;
	static const char tag[] = "\"signer\":\"";
	const unsigned char *s = memmem(pt, signed_len, tag, sizeof tag - 1);
	char b64[45];
	if (s == NULL || (size_t)(s - pt) + sizeof tag - 1 + 44 > signed_len)
		return false;
	memcpy(b64, s + sizeof tag - 1, 44);
	b64[44] = '\0';
	if (!b64_decode_exact(b64, signer, sizeof signer))
		return false;
	crypto_sign_init(&sign);
	crypto_sign_update(&sign, (const unsigned char *)"xhht bundle v1", 15);
	crypto_sign_update(&sign, data, HEADER_BYTES);
	crypto_sign_update(&sign, pt, signed_len);
	return crypto_sign_final_verify(&sign, pt + signed_len + 9, signer) == 0;
}

int
main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "--rusage") == 0)
		return rusage_run(argv + 2);
	if (argc != 4) {
		fprintf(stderr, "usage: bare-open CENTRAL_DIR PASSPHRASE_FILE FOLDER\n"
				"       bare-open --rusage COMMAND [ARG...]\n");
		return 2;
	}
	if (sodium_init() < 0)
		return 2;

	struct err e;
	char *text;
	size_t tlen;
	struct secret *pass, *sk;
	if (file_read(argv[2], 4096, &text, &tlen, &e) != ST_OK) {
		fprintf(stderr, "bare-open: %s\n", e.msg);
		return 2;
	}
	pass = passphrase_from_bytes(text, strcspn(text, "\r\n"));
	free(text);
	if (central_open_keys(argv[1], pass, &sk, &e) != ST_OK) {
		fprintf(stderr, "bare-open: %s\n", e.msg);
		return 2;
	}
	secret_free(pass);
	const unsigned char *box_sk = sk->bytes + SIGN_SK_BYTES;
	unsigned char box_pk[BOX_PK_BYTES];
	crypto_scalarmult_base(box_pk, box_sk);

	DIR *d = opendir(argv[3]);
	if (d == NULL) {
		fprintf(stderr, "bare-open: cannot open %s: %s\n", argv[3], strerror(errno));
		return 2;
	}
	struct dirent *de;
	size_t n = 0, failed = 0;
	unsigned char *pt = xmalloc(BUNDLE_MAX_BYTES);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		char *path = xasprintf("%s/%s", argv[3], de->d_name);
		char *data;
		size_t len;
		if (file_read(path, BUNDLE_MAX_BYTES, &data, &len, &e) != ST_OK)
			failed++;
		else {
			if (!bare_open((unsigned char *)data, len, box_pk, box_sk, pt))
				failed++;
			free(data);
		}
		n++;
		free(path);
	}
	closedir(d);
	free(pt);
	secret_free(sk);
	printf("bare-open: %zu bundles, %zu failed\n", n, failed);
	return failed ? 1 : 0;
}
