/* test_bundle.c: report bundles through the public API: packing, opening, every reason for a
 * refusal, truncation, chunk surgery, bit flips, the report inside against its template. */
#include "bundle_fixture.h"

/* ---- round trips ------------------------------------------------------------------------ */

static void
test_error_names(void **state)
{
	(void)state;
	static const char *const names[] = {
		"ok",	      "not-a-bundle", "format-too-new",   "format-too-old", "too-large",
		"not-for-us", "damaged",      "bad-signature",	  "unknown-signer", "revoked-key",
		"wrong-unit", "unknown-template", "invalid-report", "enrollment-reused",
	};
	assert_int_equal(ARRAY_LEN(names), BE_LAST + 1);
	for (int be = BE_OK; be <= BE_LAST; be++) {
		assert_string_equal(bundle_error_name((enum bundle_error)be), names[be]);
		assert_true(strlen(bundle_error_message((enum bundle_error)be)) > 0);
	}
}

static void
test_roundtrip(void **state)
{
	(void)state;
	struct central c;
	struct ukey k, old;
	size_t report_len;
	struct buf sample;
	buf_init(&sample);
	char *text = test_file(SAMPLE, NULL);
	buf_adds(&sample, text);
	free(text);
	/* The report's revision is META's: the reader checks they agree. */
	buf_replace(&sample, "\"revision\": 1", "\"revision\": 7");
	char *report = sample.data;
	struct bundle_attachment att[2] = {
		{.name = "Quyết định khen thưởng.pdf",
		 .type = "application/pdf",
		 .size = sizeof pdf - 1,
		 .read = mem_read,
		 .ctx = (void *)pdf},
		{.name = "trống.png", .type = "image/png", .size = 0, .read = mem_read, .ctx = ""},
	};
	report_len = strlen(report);
	central_new(&c);
	ukey_new(&k);
	ukey_new(&old);
	bind(&c, UNIT_A, k.pk);

	for (int armor = 0; armor < 2; armor++) {
		struct pack_request req;
		unsigned char hash[HASH_BYTES], again[HASH_BYTES];
		size_t len;
		struct bundle *b;
		request(&req, &c, &k, UNIT_A, report);
		req.meta.revision = 7;
		req.att = att;
		req.natt = 2;
		/* Every optional part of META, so that each is seen to come back. */
		req.meta.has_enroll = true;
		snprintf(req.meta.enroll_id, sizeof req.meta.enroll_id, "%032x", 0xabc);
		randombytes_buf(req.meta.enroll_secret, ENROLL_SECRET_BYTES);
		key_change(&req, &old);

		unsigned char *data = pack(&req, armor, &len, hash);
		assert_memory_equal(data, "XHHTBDL\001", 8);
		hash_bytes(data, len, again);
		assert_memory_equal(hash, again, HASH_BYTES); /* the hash is of the binary form */
		assert_int_equal(strlen(req.meta.created), 20);
		assert_int_equal(open_as(&c, data, len, &b), BE_OK);
		assert_int_equal(b->report_len, report_len);
		assert_memory_equal(b->report, report, report_len);
		assert_int_equal(b->report[report_len], '\0');
		assert_meta_equal(&b->meta, &req.meta);
		assert_int_equal(b->natt, 2);
		for (size_t i = 0; i < 2; i++) {
			assert_string_equal(b->att[i].name, att[i].name);
			assert_string_equal(b->att[i].type, att[i].type);
			assert_int_equal(b->att[i].size, att[i].size);
			assert_non_null(b->att[i].data);
			assert_memory_equal(b->att[i].data, att[i].ctx, att[i].size);
		}
		assert_memory_equal(b->hash, hash, HASH_BYTES);
		bundle_free(b);
		free(data);
	}
	buf_free(&sample);
	central_done(&c);
}

/* The armored file is the armor of the binary form, in 76-column lines. */
static void
test_armored_file(void **state)
{
	(void)state;
	struct central c;
	struct ukey k;
	struct pack_request req;
	char *report = report_json(UNIT_A, 2024), *path = tmp_path(".xhht");
	unsigned char hash[HASH_BYTES], *bin = NULL;
	size_t len, binlen;
	struct err e = {0};
	central_new(&c);
	ukey_new(&k);
	bind(&c, UNIT_A, k.pk);
	request(&req, &c, &k, UNIT_A, report);
	if (bundle_pack(&req, path, true, hash, &e) != ST_OK)
		fail_msg("bundle_pack: %s", e.msg);
	char *text = test_file(path, &len);
	assert_true(armor_detect(text, len));
	assert_int_equal(armor_decode(text, len, "BUNDLE", &bin, &binlen, &e), ST_OK);
	size_t alen;
	char *again = armor_encode("BUNDLE", bin, binlen, &alen);
	assert_int_equal(alen, len);
	assert_memory_equal(again, text, len);
	expect(&c, bin, binlen, BE_OK, "armored");
	/* The armor handed to bundle_open undecoded is not a bundle. */
	expect(&c, (const unsigned char *)text, len, BE_NOT_BUNDLE, "armor text");
	free(again);
	free(bin);
	free(text);
	unlink(path);
	free(path);
	free(report);
	central_done(&c);
}

static void
test_large_streamed_attachment(void **state)
{
	(void)state;
	struct central c;
	struct ukey k;
	struct pack_request req;
	struct pattern p = {0};
	const uint64_t size = 3u * 1024 * 1024;
	struct bundle_attachment att = {
		.name = "scan.pdf", .type = "application/pdf", .size = size, .read = pattern_read,
		.ctx = &p};
	char *report = report_json(UNIT_A, 2024);
	size_t len;
	struct bundle *b;
	central_new(&c);
	ukey_new(&k);
	bind(&c, UNIT_A, k.pk);
	request(&req, &c, &k, UNIT_A, report);
	req.att = &att;
	req.natt = 1;
	unsigned char *data = pack(&req, false, &len, NULL);
	/* Read in order, whole, and never more than a chunk at a time. */
	assert_int_equal(p.next, size);
	assert_true(p.max_len <= CHUNK);
	assert_true(p.calls >= size / CHUNK);
	assert_true(len > size);
	assert_int_equal(open_as(&c, data, len, &b), BE_OK);
	assert_int_equal(b->natt, 1);
	assert_int_equal(b->att[0].size, size);
	for (uint64_t i = 0; i < size; i++)
		if (b->att[0].data[i] != pattern_byte(i))
			fail_msg("attachment byte %llu differs", (unsigned long long)i);
	bundle_free(b);
	free(data);
	free(report);
	central_done(&c);
}

/* The plaintext (records) length of req with an attachment of size bytes. */
static size_t
plaintext_len(const struct pack_request *req, const struct bundle_attachment *att)
{
	struct bundle_meta m = req->meta;
	struct buf meta;
	size_t n;
	memcpy(m.created, "2024-01-01T00:00:00Z", 21); /* the writer's are the same length */
	buf_init(&meta);
	craft_meta(&meta, &m, req->report_len, att, 1);
	n = 9 + meta.len + 9 + req->report_len + 9 + (size_t)att->size + 9 + SIG_BYTES;
	buf_free(&meta);
	return n;
}

/* Plaintexts of exactly one and two chunks, and one byte either side: the last chunk is the
 * final one even when full, and no empty chunk follows it. */
static void
test_chunk_boundaries(void **state)
{
	(void)state;
	struct central c;
	struct ukey k;
	char *report = report_json(UNIT_A, 2024);
	central_new(&c);
	ukey_new(&k);
	bind(&c, UNIT_A, k.pk);
	for (size_t chunks = 1; chunks <= 2; chunks++)
		for (int d = -1; d <= 1; d++) {
			struct pack_request req;
			struct bundle_attachment att = {.name = "a.png", .type = "image/png"};
			size_t target = chunks * CHUNK + (size_t)(long)d, len;
			struct bundle *b;
			request(&req, &c, &k, UNIT_A, report);
			/* The size's digits are in META: settle the size in a few rounds. */
			att.size = target - 1000;
			for (int round = 0; round < 4; round++)
				att.size += target - plaintext_len(&req, &att);
			assert_int_equal(plaintext_len(&req, &att), target);
			unsigned char *bytes = xmalloc((size_t)att.size + 1);
			for (size_t i = 0; i < att.size; i++)
				bytes[i] = pattern_byte(i);
			att.ctx = bytes;
			att.read = mem_read;
			req.att = &att;
			req.natt = 1;
			unsigned char *data = pack(&req, false, &len, NULL);
			size_t sealed = (target + CHUNK - 1) / CHUNK;
			assert_int_equal(len, CRAFT_HEADER + target + sealed * ABYTES);
			assert_int_equal(open_as(&c, data, len, &b), BE_OK);
			assert_int_equal(b->att[0].size, att.size);
			assert_memory_equal(b->att[0].data, bytes, att.size);
			bundle_free(b);
			if (d == 0) {
				/* Exact multiples: a byte after the final chunk, or the final chunk
				 * cut off at a chunk boundary, are both damage. */
				unsigned char *more = xmalloc(len + 1);
				memcpy(more, data, len);
				more[len] = 0;
				expect(&c, more, len + 1, BE_DAMAGED, "trailing byte after a full final chunk");
				free(more);
				if (chunks == 2)
					expect(&c, data, len - SEALED, BE_DAMAGED, "final chunk missing");
			}
			free(data);
			free(bytes);
		}
	free(report);
	central_done(&c);
}

/* ---- what is refused, and why ---------------------------------------------------------- */

/* The crafting writer agrees with the reader; otherwise its refusals below would prove nothing. */
static void
test_crafted_valid(void **state)
{
	(void)state;
	struct fixture f;
	struct bundle_meta m;
	struct bundle_attachment att = {
		.name = "a.pdf", .type = "application/pdf", .size = sizeof pdf - 1,
		.data = (unsigned char *)pdf};
	size_t len;
	struct bundle *b;
	fixture_new(&f);
	fixture_meta(&f, &m);
	unsigned char *data = craft_bundle(f.c.box_pk, &m, strlen(f.report), f.report,
					   strlen(f.report), &att, 1, f.k.sk, -1, &len);
	assert_int_equal(open_as(&f.c, data, len, &b), BE_OK);
	assert_meta_equal(&b->meta, &m);
	assert_memory_equal(b->att[0].data, pdf, sizeof pdf - 1);
	bundle_free(b);
	free(data);
	fixture_done(&f);
}

/* Bundles that decrypt and carry a good signature over what they hold, but do not follow the
 * format inside: every one is damage, and none reaches the signature check's verdict. */
static void
test_malformed_inside(void **state)
{
	(void)state;
	static const char *const meta_edits[][2] = {
		{"{\"format\":1,", "{\"format\":2,"},
		{"{\"format\":1,", "{\"format\":1,\"extra\":1,"},
		{"{\"format\":1,", "{\"format\":1,\"format\":1,"},
		{"{\"format\":1,", "{"},
		{"\"revision\":1", "\"revision\":0"},
		{"\"revision\":1", "\"revision\":\"1\""},
		{"\"revision\":1", "\"revision\":1.0"},
		{"\"year\":2024", "\"year\":1999"},
		{"\"unit\":\"" UNIT_A "\"", "\"unit\":\"\""},
		{"\"template_version\":1", "\"template_version\":0"},
		{"\"created\":\"2024-11-28T09:30:00Z\"", "\"created\":\"2024-11-28\""},
		{"\"created\":\"2024-11-28T09:30:00Z\"", "\"created\":\"2024-11-28 09:30:00Z\""},
		{"\"id\":\"abab", "\"id\":\"ABAB"},
		{"\"id\":\"abab", "\"id\":\"ab"},
		{"\"signer\":\"", "\"signer\":\"AAAA"},
		{"\"attachments\":[]", "\"attachments\":{}"},
		{"\"attachments\":[]", "\"attachments\":[{\"name\":\"a/b.pdf\",\"type\":"
				       "\"application/pdf\",\"size\":0}]"},
		{"\"attachments\":[]", "\"attachments\":[{\"name\":\"a.txt\",\"type\":"
				       "\"text/plain\",\"size\":0}]"},
		{"\"attachments\":[]", "\"attachments\":[{\"name\":\"a.pdf\",\"type\":"
				       "\"application/pdf\",\"size\":0,\"x\":1}]"},
		{"\"attachments\":[]", "\"attachments\":[],\"enrollment\":{\"id\":\"ab\","
				       "\"secret\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"}"},
		{"\"attachments\":[]", "\"attachments\":[],\"enrollment\":{\"id\":"
				       "\"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\",\"secret\":"
				       "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"}"},
		{"\"attachments\":[]", "\"attachments\":[],\"key_change\":{}"},
		{"}", "}}"},
		{"\"unit\":\"", "\"unit\":\"\xff"},
		{"\"unit\":\"", "\"unit\":\"\\u0000"},
	};
	struct fixture f;
	struct bundle_meta m;
	size_t rlen, len;
	fixture_new(&f);
	fixture_meta(&f, &m);
	memset(m.id, 0xab, BUNDLE_ID_BYTES);
	rlen = strlen(f.report);

	for (size_t i = 0; i < ARRAY_LEN(meta_edits); i++) {
		struct craft cr;
		struct buf meta;
		craft_begin(&cr, f.c.box_pk);
		buf_init(&meta);
		craft_meta(&meta, &m, rlen, NULL, 0);
		buf_replace(&meta, meta_edits[i][0], meta_edits[i][1]);
		craft_record(&cr, CR_META, meta.data, meta.len);
		buf_free(&meta);
		craft_record(&cr, CR_REPORT, f.report, rlen);
		craft_sign(&cr, f.k.sk, -1);
		unsigned char *data = craft_seal(&cr, &len);
		expect(&f.c, data, len, BE_DAMAGED, meta_edits[i][1]);
		free(data);
	}

	/* The records themselves. */
	enum {
		NUL_IN_META,
		BYTE_AFTER_SIGNATURE,
		RECORD_AFTER_SIGNATURE,
		NO_SIGNATURE,
		SHORT_SIGNATURE,
		REPORT_FIRST,
		META_TWICE,
		UNKNOWN_RECORD,
		UNDECLARED_ATTACHMENT,
		MISSING_ATTACHMENT,
		REPORT_SHORTER,
		ATTACHMENT_SHORTER,
		LENGTH_PAST_END,
		LENGTH_HUGE,
		NCASES
	};
	struct bundle_attachment att = {
		.name = "a.pdf", .type = "application/pdf", .size = 4, .data = (unsigned char *)"%PDF"};
	for (int k = 0; k < NCASES; k++) {
		struct craft cr;
		struct buf meta;
		unsigned char sig[SIG_BYTES];
		bool declare = k == MISSING_ATTACHMENT || k == ATTACHMENT_SHORTER;
		craft_begin(&cr, f.c.box_pk);
		buf_init(&meta);
		craft_meta(&meta, &m, k == REPORT_SHORTER ? rlen + 1 : rlen, &att, declare);
		if (k == NUL_IN_META)
			buf_addc(&meta, '\0');
		if (k == REPORT_FIRST)
			craft_record(&cr, CR_REPORT, f.report, rlen);
		craft_record(&cr, CR_META, meta.data, meta.len);
		if (k == META_TWICE)
			craft_record(&cr, CR_META, meta.data, meta.len);
		buf_free(&meta);
		if (k != REPORT_FIRST)
			craft_record(&cr, CR_REPORT, f.report, rlen);
		if (k == UNKNOWN_RECORD)
			craft_record(&cr, (enum craft_record)5, "x", 1);
		if (k == UNDECLARED_ATTACHMENT)
			craft_record(&cr, CR_ATTACHMENT, att.data, 4);
		if (k == ATTACHMENT_SHORTER)
			craft_record(&cr, CR_ATTACHMENT, att.data, 3);
		if (k == LENGTH_PAST_END || k == LENGTH_HUGE) {
			/* An attachment record whose length runs past the plaintext. */
			unsigned char head[9] = {CR_ATTACHMENT};
			uint64_t n = k == LENGTH_HUGE ? UINT64_MAX : 9 + SIG_BYTES + 1;
			for (int i = 0; i < 8; i++)
				head[1 + i] = (unsigned char)(n >> (8 * i));
			buf_add(&cr.pt, head, sizeof head);
		}
		craft_signature(&cr, f.k.sk, sig);
		if (k == SHORT_SIGNATURE)
			craft_record(&cr, CR_SIGNATURE, sig, SIG_BYTES - 1);
		else if (k != NO_SIGNATURE)
			craft_record(&cr, CR_SIGNATURE, sig, SIG_BYTES);
		if (k == BYTE_AFTER_SIGNATURE)
			buf_addc(&cr.pt, '\0');
		if (k == RECORD_AFTER_SIGNATURE)
			craft_record(&cr, CR_ATTACHMENT, att.data, 4);
		unsigned char *data = craft_seal(&cr, &len);
		char what[32];
		snprintf(what, sizeof what, "record case %d", k);
		expect(&f.c, data, len, BE_DAMAGED, what);
		free(data);
	}
	fixture_done(&f);
}

/* The same plaintext with an empty final chunk after a full one: a second encoding. */
static void
test_empty_final_chunk(void **state)
{
	(void)state;
	struct fixture f;
	struct bundle_meta m;
	struct pack_request req;
	struct bundle_attachment att = {.name = "a.png", .type = "image/png"};
	size_t rlen, len;
	fixture_new(&f);
	fixture_meta(&f, &m);
	rlen = strlen(f.report);
	request(&req, &f.c, &f.k, UNIT_A, f.report);
	att.size = CHUNK - 1000;
	for (int round = 0; round < 4; round++)
		att.size += CHUNK - plaintext_len(&req, &att);
	unsigned char *bytes = xcalloc((size_t)att.size, 1);
	att.data = bytes;
	for (int empty = 0; empty <= 1; empty++) {
		struct craft cr;
		struct buf meta;
		craft_begin(&cr, f.c.box_pk);
		buf_init(&meta);
		craft_meta(&meta, &m, rlen, &att, 1);
		craft_record(&cr, CR_META, meta.data, meta.len);
		buf_free(&meta);
		craft_record(&cr, CR_REPORT, f.report, rlen);
		craft_record(&cr, CR_ATTACHMENT, bytes, (size_t)att.size);
		craft_sign(&cr, f.k.sk, -1);
		assert_int_equal(cr.pt.len, CHUNK);
		unsigned char *data = craft_seal_as(&cr, empty, &len);
		expect(&f.c, data, len, empty ? BE_DAMAGED : BE_OK,
		       empty ? "an empty final chunk" : "one full final chunk");
		free(data);
	}
	free(bytes);
	fixture_done(&f);
}

/* Two attachments of one name would overwrite each other when saved. */
static void
test_duplicate_names(void **state)
{
	(void)state;
	struct fixture f;
	struct pack_request req;
	struct bundle_meta m;
	struct err e = {0};
	unsigned char hash[HASH_BYTES];
	size_t len;
	char *path = tmp_path(".xhht");
	struct bundle_attachment att[2] = {
		{.name = "a.pdf", .type = "application/pdf", .size = 4, .read = mem_read,
		 .ctx = "%PDF", .data = (unsigned char *)"%PDF"},
		{.name = "a.pdf", .type = "image/png", .size = 4, .read = mem_read, .ctx = "\x89PNG",
		 .data = (unsigned char *)"\x89PNG"},
	};
	fixture_new(&f);
	request(&req, &f.c, &f.k, UNIT_A, f.report);
	req.att = att;
	req.natt = 2;
	assert_int_equal(bundle_pack(&req, path, false, hash, &e), ST_REFUSED);
	assert_int_not_equal(access(path, F_OK), 0);
	fixture_meta(&f, &m);
	unsigned char *data = craft_bundle(f.c.box_pk, &m, strlen(f.report), f.report,
					   strlen(f.report), att, 2, f.k.sk, -1, &len);
	expect(&f.c, data, len, BE_DAMAGED, "two attachments of one name");
	free(data);
	att[1].name = "b.png";
	data = craft_bundle(f.c.box_pk, &m, strlen(f.report), f.report, strlen(f.report), att, 2,
			    f.k.sk, -1, &len);
	expect(&f.c, data, len, BE_OK, "two names");
	free(data);
	free(path);
	fixture_done(&f);
}

/* Names a unit chose reach the central's terminal and file system: an attachment name with a
 * control, a bidi mark, a leading '-' or space, or only dots, and a unit code outside the
 * alphabet, are damage (7.5), refused before anything is shown; packing refuses such names. */
static void
test_hostile_names(void **state)
{
	(void)state;
	static const char *const bad_names[] = {
		"scan\x1b[31m.pdf",	      /* ESC */
		"scan\x7f.pdf",	      /* DEL */
		"scan\xc2\x9b.pdf",	      /* C1 CSI */
		"evil\xe2\x80\xae" "fdp.pdf", /* U+202E right-to-left override */
		"a\xe2\x81\xa6" "b.pdf",      /* U+2066 left-to-right isolate */
		"a\xe2\x80\x8f" "b.pdf",      /* U+200F right-to-left mark */
		"a\xd8\x9c" "b.pdf",	      /* U+061C Arabic letter mark */
		"-rf.pdf",
		" scan.pdf",
		".",
		"..",
		"...",
		"a\\b.pdf",
	};
	static const char *const bad_codes[] = {
		"-BV", ".BV", "_BV", "...", "B V", "BV/1", "B\xc3\x80", "BV\x1b", "A23456789012345678901234567890123",
	};
	struct fixture f;
	struct bundle_meta m;
	struct pack_request req;
	struct err e = {0};
	unsigned char hash[HASH_BYTES];
	size_t len;
	char *path = tmp_path(".xhht");
	struct bundle_attachment att = {.type = "application/pdf", .size = 4, .read = mem_read,
					.ctx = "%PDF", .data = (unsigned char *)"%PDF"};
	fixture_new(&f);
	fixture_meta(&f, &m);
	for (size_t i = 0; i < ARRAY_LEN(bad_names); i++) {
		att.name = (char *)bad_names[i];
		unsigned char *data = craft_bundle(f.c.box_pk, &m, strlen(f.report), f.report,
						   strlen(f.report), &att, 1, f.k.sk, -1, &len);
		expect(&f.c, data, len, BE_DAMAGED, bad_names[i]);
		free(data);
		request(&req, &f.c, &f.k, UNIT_A, f.report);
		req.att = &att;
		req.natt = 1;
		if (bundle_pack(&req, path, false, hash, &e) != ST_REFUSED)
			fail_msg("packed an attachment named \"%s\"", bad_names[i]);
		assert_int_not_equal(access(path, F_OK), 0);
	}
	/* Names a clerk really has stay acceptable: letters with diacritics, inner spaces and
	 * dots, a leading dot. */
	static const char *const good_names[] = {"Quyết định khen thưởng 2024.pdf", ".scan.pdf",
						 "a-b_c.d.pdf"};
	for (size_t i = 0; i < ARRAY_LEN(good_names); i++) {
		att.name = (char *)good_names[i];
		unsigned char *data = craft_bundle(f.c.box_pk, &m, strlen(f.report), f.report,
						   strlen(f.report), &att, 1, f.k.sk, -1, &len);
		expect(&f.c, data, len, BE_OK, good_names[i]);
		free(data);
	}
	for (size_t i = 0; i < ARRAY_LEN(bad_codes); i++) {
		struct bundle_meta bm = m;
		snprintf(bm.unit, sizeof bm.unit, "%s", bad_codes[i]);
		unsigned char *data = craft_bundle(f.c.box_pk, &bm, strlen(f.report), f.report,
						   strlen(f.report), NULL, 0, f.k.sk, -1, &len);
		expect(&f.c, data, len, BE_DAMAGED, bad_codes[i]);
		free(data);
	}
	/* An enrollment file naming a code outside the alphabet is refused by the unit, though
	 * its signature is good: the code goes into the unit's file names and output. */
	for (size_t i = 0; i < ARRAY_LEN(bad_codes) + 1; i++) {
		struct enrollment en = {.unit_name = "Đơn vị", .created = "2024-11-28T09:30:00Z"},
				  *got = NULL;
		unsigned char *doc;
		snprintf(en.unit_code, sizeof en.unit_code, "%s", i < ARRAY_LEN(bad_codes) ? bad_codes[i] : UNIT_A);
		memcpy(en.central_sign, f.c.sign_pk, SIGN_PK_BYTES);
		memcpy(en.central_box, f.c.box_pk, BOX_PK_BYTES);
		snprintf(en.id, sizeof en.id, "%032x", 0x1234);
		enrollment_make(&en, f.c.sk->bytes, &doc, &len);
		enum status st = enrollment_read(doc, len, &got, &e);
		if (i < ARRAY_LEN(bad_codes) ? st != ST_REFUSED : st != ST_OK)
			fail_msg("enrollment for \"%s\": status %d", en.unit_code, (int)st);
		enrollment_free(got);
		free(doc);
	}
	free(path);
	fixture_done(&f);
}

/* bundle_open_seen hands out the header once it is authentic, and only then. */
static void
test_open_seen(void **state)
{
	(void)state;
	struct fixture f;
	struct pack_request req;
	struct bundle_meta seen, untouched;
	struct bundle *b;
	struct err e = {0};
	size_t len;
	fixture_new(&f);
	memset(&untouched, 0xa5, sizeof untouched);

	request(&req, &f.c, &f.k, UNIT_A, f.report);
	snprintf(req.meta.template_id, sizeof req.meta.template_id, "khac");
	req.meta.revision = 1;
	unsigned char *data = pack(&req, false, &len, NULL);
	seen = untouched;
	assert_int_equal(refusal(bundle_open_seen(data, len, f.c.box_pk, BOX_SK(&f.c),
						  central_trust, f.c.db, f.c.db, &b, &seen, &e),
				 &e),
			 BE_TEMPLATE);
	/* One error: the class's message, then what it is about; the detail apart for whoever
	 * prints the class's name between them. */
	assert_string_equal(bundle_error_detail(&e), "khac 1");
	char *whole = xasprintf("%s: khac 1", bundle_error_message(BE_TEMPLATE));
	assert_string_equal(e.msg, whole);
	free(whole);
	assert_null(b);
	assert_meta_equal(&seen, &req.meta);

	/* Damaged, or a bad signature: nothing in it is authentic, nothing is handed out. */
	data[len - 1] ^= 1;
	seen = untouched;
	assert_int_equal(refusal(bundle_open_seen(data, len, f.c.box_pk, BOX_SK(&f.c),
						  central_trust, f.c.db, f.c.db, &b, &seen, &e),
				 &e),
			 BE_DAMAGED);
	assert_memory_equal(&seen, &untouched, sizeof seen);
	free(data);
	struct bundle_meta m;
	fixture_meta(&f, &m);
	data = craft_bundle(f.c.box_pk, &m, strlen(f.report), f.report, strlen(f.report), NULL, 0,
			    f.k.sk, 9, &len);
	assert_int_equal(refusal(bundle_open_seen(data, len, f.c.box_pk, BOX_SK(&f.c),
						  central_trust, f.c.db, f.c.db, &b, &seen, &e),
				 &e),
			 BE_BAD_SIGNATURE);
	assert_memory_equal(&seen, &untouched, sizeof seen);
	free(data);
	/* An outsider's bundle (a good signature by a key the central does not trust) is
	 * anonymous: nothing it claims is handed out, even with a template it lacks. */
	struct ukey outsider;
	ukey_new(&outsider);
	request(&req, &f.c, &outsider, UNIT_A, f.report);
	snprintf(req.meta.template_id, sizeof req.meta.template_id, "khac");
	data = pack(&req, false, &len, NULL);
	seen = untouched;
	assert_int_equal(refusal(bundle_open_seen(data, len, f.c.box_pk, BOX_SK(&f.c),
						  central_trust, f.c.db, f.c.db, &b, &seen, &e),
				 &e),
			 BE_UNKNOWN_SIGNER);
	assert_memory_equal(&seen, &untouched, sizeof seen);
	free(data);
	/* The same as bundle_open when accepted. */
	assert_int_equal(refusal(bundle_open_seen(f.valid, f.len, f.c.box_pk, BOX_SK(&f.c),
						  central_trust, f.c.db, f.c.db, &b, NULL, &e),
				 &e),
			 BE_OK);
	bundle_free(b);
	fixture_done(&f);
}

static void
test_not_a_bundle(void **state)
{
	(void)state;
	struct fixture f;
	unsigned char noise[1000];
	size_t len;
	unsigned char *doc;
	fixture_new(&f);
	expect(&f.c, (const unsigned char *)"", 0, BE_NOT_BUNDLE, "empty");
	for (size_t n = 1; n <= sizeof noise; n = n * 3 + 1) {
		randombytes_buf(noise, n);
		noise[0] = 'x'; /* not 'X': never the magic by chance */
		expect(&f.c, noise, n, BE_NOT_BUNDLE, "random bytes");
	}
	expect(&f.c, (const unsigned char *)"XHHTBDL", 7, BE_NOT_BUNDLE, "magic alone");
	expect(&f.c, (const unsigned char *)"XHHTBD", 6, BE_NOT_BUNDLE, "short magic");
	expect(&f.c, (const unsigned char *)pdf, sizeof pdf - 1, BE_NOT_BUNDLE, "a PDF");
	memcpy(noise, f.valid, 100);
	noise[0] = 'x';
	expect(&f.c, noise, 100, BE_NOT_BUNDLE, "magic altered");
	/* The central's other documents are not bundles either. */
	struct receipt r = {.unit = UNIT_A, .year = 2024, .revision = 1, .time = "2024-11-28T09:30:00Z"};
	receipt_make(&r, f.c.sk->bytes, &doc, &len);
	expect(&f.c, doc, len, BE_NOT_BUNDLE, "a receipt");
	free(doc);
	fixture_done(&f);
}

static void
test_format_versions(void **state)
{
	(void)state;
	struct fixture f;
	struct bundle_meta m;
	struct craft cr;
	struct buf meta;
	size_t len;
	fixture_new(&f);
	unsigned char *data = xmalloc(f.len);
	memcpy(data, f.valid, f.len);
	data[7] = 2;
	expect(&f.c, data, f.len, BE_FORMAT_TOO_NEW, "version 2");
	expect(&f.c, data, 8, BE_FORMAT_TOO_NEW, "version 2, header cut short");
	data[7] = 255;
	expect(&f.c, data, f.len, BE_FORMAT_TOO_NEW, "version 255");
	data[7] = 0;
	expect(&f.c, data, f.len, BE_FORMAT_OLD, "version 0");
	expect(&f.c, data, 8, BE_FORMAT_OLD, "version 0, header cut short");
	free(data);

	/* A version-2 bundle whose encryption and signature are whole is still too new. */
	fixture_meta(&f, &m);
	craft_begin(&cr, f.c.box_pk);
	cr.header[7] = 2;
	buf_init(&meta);
	craft_meta(&meta, &m, strlen(f.report), NULL, 0);
	craft_record(&cr, CR_META, meta.data, meta.len);
	buf_free(&meta);
	craft_record(&cr, CR_REPORT, f.report, strlen(f.report));
	craft_sign(&cr, f.k.sk, -1);
	data = craft_seal(&cr, &len);
	expect(&f.c, data, len, BE_FORMAT_TOO_NEW, "crafted version 2");
	free(data);
	fixture_done(&f);
}

static void
test_too_large(void **state)
{
	(void)state;
	struct fixture f;
	struct bundle_meta m;
	size_t len;
	unsigned char *data;
	fixture_new(&f);

	/* A file over the limit is refused by its length, before anything past the header is
	 * read: reserved (never touched) memory stands for the 80 MB. */
	size_t big = (size_t)BUNDLE_MAX_BYTES + 1;
#ifndef _WIN32
	unsigned char *map =
		mmap(NULL, big, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
#else /* committed pages are zero until touched there too */
	unsigned char *map = VirtualAlloc(NULL, big, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
#define MAP_FAILED NULL
#endif
	if (map == MAP_FAILED) {
		fixture_done(&f);
		skip();
	}
	memcpy(map, f.valid, CRAFT_HEADER);
	assert_int_equal(open_in_place(&f.c, map, big), BE_TOO_LARGE);
	/* The format version is decided first: a newer program may allow more. */
	map[7] = 2;
	assert_int_equal(open_in_place(&f.c, map, big), BE_FORMAT_TOO_NEW);
	/* Exactly the limit is not too large (another recipient, so nothing is decrypted). */
	map[7] = 1;
	map[8] ^= 1;
	assert_int_equal(open_in_place(&f.c, map, big - 1), BE_NOT_FOR_US);
#ifndef _WIN32
	munmap(map, big);
#else
	VirtualFree(map, 0, MEM_RELEASE);
#endif

	/* Sizes declared in META over the limits, in bundles that decrypt and are signed. */
	static char *const names[] = {"a0.pdf", "a1.pdf", "a2.pdf", "a3.pdf", "a4.pdf", "a5.pdf",
				      "a6.pdf", "a7.pdf", "a8.pdf", "a9.pdf", "a10.pdf"};
	struct bundle_attachment att[BUNDLE_MAX_ATTACHMENTS + 1];
	for (size_t i = 0; i < ARRAY_LEN(att); i++)
		att[i] = (struct bundle_attachment){.name = names[i],
						    .type = "application/pdf",
						    .size = 1,
						    .data = (unsigned char *)"x"};
	fixture_meta(&f, &m);
	data = craft_bundle(f.c.box_pk, &m, BUNDLE_MAX_REPORT + 1, f.report, strlen(f.report), NULL,
			    0, f.k.sk, -1, &len);
	expect(&f.c, data, len, BE_TOO_LARGE, "report size over the limit");
	free(data);
	data = craft_bundle(f.c.box_pk, &m, strlen(f.report), f.report, strlen(f.report), att,
			    ARRAY_LEN(att), f.k.sk, -1, &len);
	expect(&f.c, data, len, BE_TOO_LARGE, "too many attachments");
	free(data);
	/* Declared over the limit, but only 1 byte is there. */
	att[0].size = BUNDLE_MAX_ATTACHMENT + 1;
	struct craft cr;
	struct buf meta;
	craft_begin(&cr, f.c.box_pk);
	buf_init(&meta);
	craft_meta(&meta, &m, strlen(f.report), att, 1);
	craft_record(&cr, CR_META, meta.data, meta.len);
	buf_free(&meta);
	craft_record(&cr, CR_REPORT, f.report, strlen(f.report));
	craft_record(&cr, CR_ATTACHMENT, "x", 1);
	craft_sign(&cr, f.k.sk, -1);
	data = craft_seal(&cr, &len);
	expect(&f.c, data, len, BE_TOO_LARGE, "attachment size over the limit");
	free(data);
	fixture_done(&f);
}

static void
test_not_for_us(void **state)
{
	(void)state;
	struct fixture f;
	struct central other;
	struct pack_request req;
	struct bundle_meta m;
	size_t len;
	fixture_new(&f);
	central_new(&other);

	/* Packed for another central. */
	request(&req, &other, &f.k, UNIT_A, f.report);
	unsigned char *data = pack(&req, false, &len, NULL);
	expect(&f.c, data, len, BE_NOT_FOR_US, "another central's key");
	expect(&other, data, len, BE_UNKNOWN_SIGNER, "the other central (key not bound there)");
	free(data);

	/* The header names another key. */
	data = xmalloc(f.len);
	memcpy(data, f.valid, f.len);
	craft_key_id(other.box_pk, data + 8);
	expect(&f.c, data, f.len, BE_NOT_FOR_US, "key id of another central");
	free(data);

	/* Encrypted for us, but signed for another central (re-encrypted by someone): the
	 * signed recipient decides. */
	fixture_meta(&f, &m);
	memcpy(m.recipient, other.box_pk, BOX_PK_BYTES);
	data = craft_bundle(f.c.box_pk, &m, strlen(f.report), f.report, strlen(f.report), NULL, 0,
			    f.k.sk, -1, &len);
	expect(&f.c, data, len, BE_NOT_FOR_US, "signed for another central");
	free(data);
	central_done(&other);
	fixture_done(&f);
}

/* Every length short of the whole is refused, and nothing is returned. */
static void
test_truncation(void **state)
{
	(void)state;
	struct fixture f;
	fixture_new(&f);
	for (size_t n = 0; n < f.len; n++) {
		char what[64];
		snprintf(what, sizeof what, "truncated to %zu of %zu bytes", n, f.len);
		expect(&f.c, f.valid, n, n < 8 ? BE_NOT_BUNDLE : BE_DAMAGED, what);
	}
	fixture_done(&f);
}

/* A bundle of a few chunks with its chunks moved, dropped, repeated, or more bytes after it. */
static void
test_chunk_surgery(void **state)
{
	(void)state;
	struct fixture f;
	struct pack_request req;
	struct pattern p = {0};
	struct bundle_attachment att = {
		.name = "a.jpg", .type = "image/jpeg", .size = 3 * CHUNK + 1000, .read = pattern_read,
		.ctx = &p};
	size_t len;
	fixture_new(&f);
	request(&req, &f.c, &f.k, UNIT_A, f.report);
	req.att = &att;
	req.natt = 1;
	unsigned char *data = pack(&req, false, &len, NULL);
	size_t nchunks = (len - CRAFT_HEADER + SEALED - 1) / SEALED;
	assert_int_equal(nchunks, 4);
	unsigned char *work = xmalloc(len + SEALED);
	unsigned char *chunk[4];
	for (size_t i = 0; i < 4; i++)
		chunk[i] = data + CRAFT_HEADER + i * SEALED;
	size_t last = len - CRAFT_HEADER - 3 * SEALED;

	static const struct {
		const char *what;
		int order[5]; /* chunks in their new order, -1 ends */
	} cases[] = {
		{"chunks 1 and 2 swapped", {0, 2, 1, 3, -1}},
		{"chunks 0 and 1 swapped", {1, 0, 2, 3, -1}},
		{"final chunk moved before the one it follows", {0, 1, 3, 2, -1}},
		{"chunk 1 dropped", {0, 2, 3, -1}},
		{"chunk 1 twice", {0, 1, 1, 2, 3}},
		{"final chunk dropped", {0, 1, 2, -1}},
		{"first chunk only", {0, -1}},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		size_t n = CRAFT_HEADER;
		memcpy(work, data, CRAFT_HEADER);
		for (int j = 0; j < 5 && cases[i].order[j] >= 0; j++) {
			int c = cases[i].order[j];
			size_t sz = c == 3 ? last : SEALED;
			memcpy(work + n, chunk[c], sz);
			n += sz;
		}
		expect(&f.c, work, n, BE_DAMAGED, cases[i].what);
	}
	/* Trailing bytes: one, a tag's worth, a whole copy of the final chunk. */
	static const size_t extra[] = {1, ABYTES, 0};
	for (size_t i = 0; i < ARRAY_LEN(extra); i++) {
		size_t more = extra[i] ? extra[i] : last;
		memcpy(work, data, len);
		if (extra[i])
			memset(work + len, 0, more);
		else
			memcpy(work + len, chunk[3], last);
		expect(&f.c, work, len + more, BE_DAMAGED, "trailing bytes");
	}
	/* Cut at and around the chunk boundaries. */
	for (size_t i = 0; i < 4; i++)
		for (int d = -1; d <= 1; d++) {
			size_t n = CRAFT_HEADER + i * SEALED + (size_t)(long)d;
			expect(&f.c, data, n, BE_DAMAGED, "cut near a chunk boundary");
		}
	expect(&f.c, data, len, BE_OK, "the bundle itself");
	free(work);
	free(data);
	fixture_done(&f);
}

static void
test_bad_signature(void **state)
{
	(void)state;
	struct fixture f;
	struct bundle_meta m;
	struct ukey k2;
	struct pack_request req;
	size_t len;
	unsigned char *data;
	fixture_new(&f);
	fixture_meta(&f, &m);
	ukey_new(&k2);

	static const int bits[] = {0, 7, 100, 255, 256, 500, 511};
	for (size_t i = 0; i < ARRAY_LEN(bits); i++) {
		data = craft_bundle(f.c.box_pk, &m, strlen(f.report), f.report, strlen(f.report), NULL,
				    0, f.k.sk, bits[i], &len);
		expect(&f.c, data, len, BE_BAD_SIGNATURE, "signature bit flipped");
		free(data);
	}
	/* Signed by a key other than the one META names, known or not. */
	data = craft_bundle(f.c.box_pk, &m, strlen(f.report), f.report, strlen(f.report), NULL, 0,
			    k2.sk, -1, &len);
	expect(&f.c, data, len, BE_BAD_SIGNATURE, "signed by another key");
	free(data);
	bind(&f.c, UNIT_B, k2.pk);
	memcpy(m.signer, k2.pk, SIGN_PK_BYTES);
	data = craft_bundle(f.c.box_pk, &m, strlen(f.report), f.report, strlen(f.report), NULL, 0,
			    f.k.sk, -1, &len);
	expect(&f.c, data, len, BE_BAD_SIGNATURE, "META names a bound key that did not sign");
	free(data);

	/* A key change whose signature is not the old key's. */
	request(&req, &f.c, &f.k, UNIT_A, f.report);
	key_change(&req, &k2);
	req.meta.key_change_sig[3] ^= 0x10;
	data = pack(&req, false, &len, NULL);
	expect(&f.c, data, len, BE_BAD_SIGNATURE, "key change signature altered");
	free(data);
	fixture_done(&f);
}

static void
test_template_and_report(void **state)
{
	(void)state;
	struct fixture f;
	struct pack_request req;
	size_t len;
	unsigned char *data;
	fixture_new(&f);

	static const struct {
		const char *what, *template_id;
		int version, year, revision;
		const char *report_unit;
		int report_year;
		enum bundle_error want;
	} cases[] = {
		{"unknown template", "khac", 1, 2024, 1, UNIT_A, 2024, BE_TEMPLATE},
		{"unknown template version", "bao-cao-nam", 2, 2024, 1, UNIT_A, 2024, BE_TEMPLATE},
		{"report of another unit", "bao-cao-nam", 1, 2024, 1, UNIT_B, 2024, BE_INVALID_REPORT},
		{"report of another year", "bao-cao-nam", 1, 2024, 1, UNIT_A, 2023, BE_INVALID_REPORT},
		{"report of another revision", "bao-cao-nam", 1, 2024, 2, UNIT_A, 2024,
		 BE_INVALID_REPORT},
		{"report and META of another year", "bao-cao-nam", 1, 2023, 1, UNIT_A, 2023, BE_OK},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *report = report_json(cases[i].report_unit, cases[i].report_year);
		request(&req, &f.c, &f.k, UNIT_A, report);
		snprintf(req.meta.template_id, sizeof req.meta.template_id, "%s", cases[i].template_id);
		req.meta.template_version = cases[i].version;
		req.meta.year = cases[i].year;
		req.meta.revision = cases[i].revision;
		data = pack(&req, false, &len, NULL);
		expect(&f.c, data, len, cases[i].want, cases[i].what);
		free(data);
		free(report);
	}
	static const char *const bad[] = {
		"not JSON",
		"{\"template\": \"bao-cao-nam\", \"template_version\": 1, \"year\": 2024,"
		" \"unit\": {\"code\": \"" UNIT_A "\", \"name\": \"A\"}, \"values\": {\"khong_co\": 1}}",
		/* No unit: the report must say whose it is. */
		"{\"template\": \"bao-cao-nam\", \"template_version\": 1, \"year\": 2024}",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		request(&req, &f.c, &f.k, UNIT_A, bad[i]);
		data = pack(&req, false, &len, NULL);
		expect(&f.c, data, len, BE_INVALID_REPORT, bad[i]);
		free(data);
	}
	fixture_done(&f);
}

/* The class a single flipped bit must give: the header's fields are checked in order, the rest
 * is authenticated. */
static enum bundle_error
flip_class(const unsigned char *valid, size_t bit)
{
	size_t byte = bit / 8;
	if (byte < 7)
		return BE_NOT_BUNDLE;
	if (byte == 7) {
		unsigned v = valid[7] ^ (1u << (bit % 8));
		return v > BUNDLE_FORMAT ? BE_FORMAT_TOO_NEW : BE_FORMAT_OLD;
	}
	if (byte < 16)
		return BE_NOT_FOR_US;
	return BE_DAMAGED;
}

static void
flip_every_bit(const struct central *c, const unsigned char *valid, size_t len, const char *what)
{
	unsigned char *work = xmalloc(len);
	struct err e = {0};
	memcpy(work, valid, len);
	for (size_t bit = 0; bit < len * 8; bit++) {
		unsigned char mask = (unsigned char)(1u << (bit % 8));
		struct bundle *b = (struct bundle *)work;
		work[bit / 8] ^= mask;
		enum bundle_error be = refusal(bundle_open(work, len, c->box_pk, BOX_SK(c),
							   central_trust, c->db, c->db, &b, &e),
					       &e);
		if (be == BE_OK || b != NULL)
			fail_msg("%s: opened with bit %zu flipped", what, bit);
		if (be != flip_class(valid, bit))
			fail_msg("%s: bit %zu flipped gave %s, wanted %s", what, bit, bundle_error_name(be),
				 bundle_error_name(flip_class(valid, bit)));
		work[bit / 8] ^= mask;
	}
	free(work);
}

/* Every single bit of a real-sized bundle, without and with an attachment. */
static void
test_bit_flips(void **state)
{
	(void)state;
	struct central c;
	struct ukey k;
	struct pack_request req;
	size_t len, report_len;
	char *report = test_file(SAMPLE, &report_len);
	static const unsigned char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\b\6\0\0\0";
	struct bundle_attachment att = {
		.name = "a.png", .type = "image/png", .size = sizeof png - 1, .read = mem_read,
		.ctx = (void *)png};
	central_new(&c);
	ukey_new(&k);
	bind(&c, UNIT_A, k.pk);
	for (size_t natt = 0; natt <= 1; natt++) {
		request(&req, &c, &k, UNIT_A, report);
		req.att = &att;
		req.natt = natt;
		unsigned char *data = pack(&req, false, &len, NULL);
		expect(&c, data, len, BE_OK, "unflipped");
		flip_every_bit(&c, data, len, natt ? "with an attachment" : "without attachments");
		free(data);
	}
	free(report);
	central_done(&c);
}

static void
test_pack_refusals(void **state)
{
	(void)state;
	struct fixture f;
	struct pack_request req;
	struct pattern p = {0};
	unsigned char hash[HASH_BYTES];
	struct err e = {0};
	char *path = tmp_path(".xhht");
	fixture_new(&f);

	static const struct {
		const char *name, *type;
		uint64_t size;
	} bad[] = {
		{"a/b.pdf", "application/pdf", 1},
		{"a\\b.pdf", "application/pdf", 1},
		{"..", "application/pdf", 1},
		{"", "application/pdf", 1},
		{"a\nb.pdf", "application/pdf", 1},
		{"\xff.pdf", "application/pdf", 1},
		{"a.txt", "text/plain", 1},
		{"big.pdf", "application/pdf", BUNDLE_MAX_ATTACHMENT + 1},
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		struct bundle_attachment att = {.name = (char *)bad[i].name,
						.type = (char *)bad[i].type,
						.size = bad[i].size,
						.read = pattern_read,
						.ctx = &p};
		request(&req, &f.c, &f.k, UNIT_A, f.report);
		req.att = &att;
		req.natt = 1;
		assert_int_equal(bundle_pack(&req, path, false, hash, &e), ST_REFUSED);
	}
	assert_int_equal(p.calls, 0);

	struct bundle_attachment many[BUNDLE_MAX_ATTACHMENTS + 1];
	for (size_t i = 0; i < ARRAY_LEN(many); i++)
		many[i] = (struct bundle_attachment){.name = "a.pdf", .type = "application/pdf", .size = 1,
						     .read = mem_read, .ctx = "x"};
	request(&req, &f.c, &f.k, UNIT_A, f.report);
	req.att = many;
	req.natt = ARRAY_LEN(many);
	assert_int_equal(bundle_pack(&req, path, false, hash, &e), ST_REFUSED);

	/* Each attachment within its limit, the whole over 80 MiB: refused before any is read. */
	struct bundle_attachment big[3];
	for (size_t i = 0; i < ARRAY_LEN(big); i++)
		big[i] = (struct bundle_attachment){.name = (char *)(const char *[]){"a.pdf", "b.pdf",
										"c.pdf"}[i],
						    .type = "application/pdf",
						    .size = BUNDLE_MAX_ATTACHMENT,
						    .read = pattern_read,
						    .ctx = &p};
	request(&req, &f.c, &f.k, UNIT_A, f.report);
	req.att = big;
	req.natt = ARRAY_LEN(big);
	assert_int_equal(bundle_pack(&req, path, false, hash, &e), ST_REFUSED);
	assert_int_equal(p.calls, 0);

	char *huge = xcalloc(BUNDLE_MAX_REPORT + 2, 1);
	request(&req, &f.c, &f.k, UNIT_A, huge);
	req.report_len = BUNDLE_MAX_REPORT + 1;
	assert_int_equal(bundle_pack(&req, path, false, hash, &e), ST_REFUSED);
	free(huge);

	/* A recipient key of small order gives no shared secret. */
	request(&req, &f.c, &f.k, UNIT_A, f.report);
	memset(req.meta.recipient, 0, BOX_PK_BYTES);
	assert_int_equal(bundle_pack(&req, path, false, hash, &e), ST_REFUSED);

	/* An attachment that cannot be read: no file is left behind, not even a temporary one. */
	struct bundle_attachment gone = {
		.name = "a.pdf", .type = "application/pdf", .size = 5 * CHUNK, .read = pattern_read,
		.ctx = &p};
	p.fail = true;
	request(&req, &f.c, &f.k, UNIT_A, f.report);
	req.att = &gone;
	req.natt = 1;
	assert_int_equal(bundle_pack(&req, path, false, hash, &e), ST_ENV);
	assert_non_null(strstr(e.msg, "a.pdf"));

	struct stat st;
	assert_int_not_equal(stat(path, &st), 0);
	char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
	assert_int_not_equal(stat(tmp, &st), 0);
	free(tmp);
	free(path);
	fixture_done(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error_names),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_armored_file),
		cmocka_unit_test(test_large_streamed_attachment),
		cmocka_unit_test(test_chunk_boundaries),
		cmocka_unit_test(test_crafted_valid),
		cmocka_unit_test(test_malformed_inside),
		cmocka_unit_test(test_empty_final_chunk),
		cmocka_unit_test(test_duplicate_names),
		cmocka_unit_test(test_hostile_names),
		cmocka_unit_test(test_open_seen),
		cmocka_unit_test(test_not_a_bundle),
		cmocka_unit_test(test_format_versions),
		cmocka_unit_test(test_too_large),
		cmocka_unit_test(test_not_for_us),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_chunk_surgery),
		cmocka_unit_test(test_bad_signature),
		cmocka_unit_test(test_template_and_report),
		cmocka_unit_test(test_bit_flips),
		cmocka_unit_test(test_pack_refusals),
	};
	return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
