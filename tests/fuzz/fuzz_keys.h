/* fuzz_keys.h: the TEST-ONLY keys of tests/vectors/keys.txt, compiled into the fuzz targets and
 * make-seeds.c so that fuzzed inputs can be opened, signed and sealed as the vectors are. */
#ifndef XHHT_FUZZ_KEYS_H
#define XHHT_FUZZ_KEYS_H

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"

/* Copied from tests/vectors/keys.txt; fuzz_keys_load checks that each seed still gives the
 * public key written there, so a regenerated keys.txt cannot silently drift from these. */
#define FK_CENTRAL_SIGN_SEED "61d92e656ab758260f20212d1cbd8157bb6a83b37efb43c933a3c2141110529e"
#define FK_CENTRAL_SIGN_PK "83ec946154213b61125ee62ecc5bea0c5819e0afe1bd3e4f5c3e061fb0ab9f11"
#define FK_CENTRAL_BOX_SK "30c3c4b209f56ae2140e359e443b0e5e95a8c0d0348d180a244989ea6515c59b"
#define FK_CENTRAL_BOX_PK "88ce3a52c0d3320f053cce03513ac531fa5fc5309a1766290640cdea39723a38"

/* Units' keys: A is bound to BVDKM, A2 is BVDKM's next key (its enrollment is unused), B is
 * bound to BVB. */
enum { FK_A, FK_A2, FK_B, FK_NKEYS };

static const struct {
	const char *name, *unit, *seed, *pk, *enroll_id, *enroll_secret;
} fk_units[FK_NKEYS] = {
	{"A", "BVDKM", "40ca437fd708ef0ce4ecae11c1a260db678ce6b7736b034e53d5d8b06d3d5b22",
	 "353c2cd8bebca3c8e484477aebe559cd75606f6d8848de035fc2165153df9c78",
	 "0d688ee8f4704a845c0de19f52144c1f",
	 "6653ef78f7ffdc007153712ed571274ecf6a7f083c38832e1c3f73b99ac82e2b"},
	{"A2", "BVDKM", "5a3d2ffebc7c66d5932bbc4a7956f69701f71e83f5def664414ef0e88394787b",
	 "9443be6e532c376527782e7a2a3fc7d83dca6bdc57a79b2e259938e030607e27",
	 "ac5ad7d2e6691df5546961caa649940e",
	 "0f3d476830c614f6ae41869395178e8ee277201dd9550f08b87e518d8b13a958"},
	{"B", "BVB", "6368bd0e8d723a62af1d3026e1820ce1ba6f600356c88970db7d36ea599120e3",
	 "fa2e236dd6c5475bfd482dbaaf232f316e45ebe7194758bd611234f63daaa0e1",
	 "1a8e0ab82565343ea85a90f07e7d99b8",
	 "448ff4ed6e613f18a9082f95951c19cbd7b8b5908aa78ef167039b8fa6941367"},
};

struct fuzz_keys {
	unsigned char central_sign_pk[SIGN_PK_BYTES], central_sign_sk[SIGN_SK_BYTES];
	unsigned char box_pk[BOX_PK_BYTES], box_sk[BOX_SK_BYTES];
	unsigned char unit_pk[FK_NKEYS][SIGN_PK_BYTES], unit_sk[FK_NKEYS][SIGN_SK_BYTES];
	unsigned char enroll_secret[FK_NKEYS][ENROLL_SECRET_BYTES];
};

static inline void
fk_hex(const char *hex, unsigned char *out, size_t len)
{
	if (!hex_decode(hex, out, len)) {
		fprintf(stderr, "fuzz_keys.h: bad hex %s\n", hex);
		abort();
	}
}

/* Keys from seeds, checked against keys.txt's public keys. Needs sodium_init first. */
static inline void
fuzz_keys_load(struct fuzz_keys *k)
{
	unsigned char seed[32], want[32];
	fk_hex(FK_CENTRAL_SIGN_SEED, seed, sizeof seed);
	crypto_sign_seed_keypair(k->central_sign_pk, k->central_sign_sk, seed);
	fk_hex(FK_CENTRAL_SIGN_PK, want, sizeof want);
	if (memcmp(want, k->central_sign_pk, sizeof want) != 0)
		abort();
	fk_hex(FK_CENTRAL_BOX_SK, k->box_sk, sizeof k->box_sk);
	crypto_scalarmult_base(k->box_pk, k->box_sk);
	fk_hex(FK_CENTRAL_BOX_PK, want, sizeof want);
	if (memcmp(want, k->box_pk, sizeof want) != 0)
		abort();
	for (int i = 0; i < FK_NKEYS; i++) {
		fk_hex(fk_units[i].seed, seed, sizeof seed);
		crypto_sign_seed_keypair(k->unit_pk[i], k->unit_sk[i], seed);
		fk_hex(fk_units[i].pk, want, sizeof want);
		if (memcmp(want, k->unit_pk[i], sizeof want) != 0)
			abort();
		fk_hex(fk_units[i].enroll_secret, k->enroll_secret[i], ENROLL_SECRET_BYTES);
	}
}

#endif
