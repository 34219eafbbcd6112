/* central.c: the central's keys, registered units, enrollments and trust decisions. */
#include "central.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "platform.h"
#include "staff.h"
#include "store.h"
#include "template.h"
#include "text.h"

enum status
central_public_keys(struct store *db, unsigned char sign_pk[SIGN_PK_BYTES],
		    unsigned char box_pk[BOX_PK_BYTES], struct err *e)
{
	sqlite3_stmt *st;
	enum status rc = ST_ENV;
	if (sqlite3_prepare_v2(db->sql, "SELECT sign_pk, box_pk FROM central_key", -1, &st, NULL) !=
	    SQLITE_OK)
		return store_error(db, e);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_bytes(st, 0) == SIGN_PK_BYTES &&
	    sqlite3_column_bytes(st, 1) == BOX_PK_BYTES) {
		memcpy(sign_pk, sqlite3_column_blob(st, 0), SIGN_PK_BYTES);
		memcpy(box_pk, sqlite3_column_blob(st, 1), BOX_PK_BYTES);
		rc = ST_OK;
	} else {
		err_set(e, L("chưa tạo khóa của văn phòng trung ương", "the central keys do not exist yet"));
		err_next(e, ERR_NEXT_CENTRAL_INIT);
	}
	sqlite3_finalize(st);
	return rc;
}

enum status
central_init(struct store *db, const char *dir, const struct secret *pass, char sign_fp[48],
	     char box_fp[48], struct err *e)
{
	unsigned char pub[SIGN_PK_BYTES + BOX_PK_BYTES], a[SIGN_PK_BYTES], b[BOX_PK_BYTES];
	struct secret *sk;
	sqlite3_stmt *st;
	char *path, now[32];
	struct err ignored;
	enum status rc;

	path = xasprintf("%s/%s", dir, CENTRAL_KEY_FILE);
	if (central_public_keys(db, a, b, &ignored) == ST_OK || plat_exists(path)) {
		err_set(e, L("khóa của văn phòng trung ương đã có (%s): không tạo lại",
			     "the central keys already exist (%s): not making new ones"),
			path);
		free(path);
		return ST_REFUSED;
	}
	sk = secret_new(SIGN_SK_BYTES + BOX_SK_BYTES);
	crypto_sign_keypair(pub, sk->bytes);
	randombytes_buf(sk->bytes + SIGN_SK_BYTES, BOX_SK_BYTES);
	crypto_scalarmult_base(pub + SIGN_PK_BYTES, sk->bytes + SIGN_SK_BYTES);
	rc = keyfile_write(path, KEYFILE_CENTRAL, pub, sizeof pub, sk, pass, e);
	secret_free(sk);
	if (rc != ST_OK) {
		free(path);
		return rc;
	}
	store_now(now);
	if (sqlite3_prepare_v2(
		db->sql,
		"INSERT INTO central_key(only, sign_pk, box_pk, created_at) VALUES (1, ?1, ?2, ?3)",
		-1, &st, NULL) != SQLITE_OK) {
		plat_remove(path);
		free(path);
		return store_error(db, e);
	}
	sqlite3_bind_blob(st, 1, pub, SIGN_PK_BYTES, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, pub + SIGN_PK_BYTES, BOX_PK_BYTES, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : store_error(db, e);
	sqlite3_finalize(st);
	if (rc != ST_OK)
		plat_remove(path);
	free(path);
	key_fingerprint(pub, SIGN_PK_BYTES, sign_fp);
	key_fingerprint(pub + SIGN_PK_BYTES, BOX_PK_BYTES, box_fp);
	return rc;
}

enum status
central_open_keys(const char *dir, const struct secret *pass, struct secret **sk, struct err *e)
{
	unsigned char pub[SIGN_PK_BYTES + BOX_PK_BYTES];
	char *path = xasprintf("%s/%s", dir, CENTRAL_KEY_FILE);
	enum status rc = keyfile_read(path, KEYFILE_CENTRAL, pass, sk, pub, sizeof pub, e);
	free(path);
	return rc;
}

/* xhht_enrollment_hash(secret): the keyed hash of an enrollment secret the central stores
 * and compares (docs/bundle-format.md 8). */
static void
enrollment_hash_sql(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *key = sqlite3_user_data(ctx);
	unsigned char h[HASH_BYTES];
	(void)argc;
	if (sqlite3_value_type(argv[0]) != SQLITE_BLOB ||
	    sqlite3_value_bytes(argv[0]) != ENROLL_SECRET_BYTES) {
		sqlite3_result_null(ctx);
		return;
	}
	crypto_generichash(h, sizeof h, sqlite3_value_blob(argv[0]), ENROLL_SECRET_BYTES, key,
			   ENROLL_HASH_KEY_BYTES);
	sqlite3_result_blob(ctx, h, sizeof h, SQLITE_TRANSIENT);
}

static void
enrollment_hash_key_free(void *p)
{
	sodium_free(p);
}

enum status
central_attach_keys(struct store *db, const unsigned char box_sk[BOX_SK_BYTES], struct err *e)
{
	static const char what[] = "xhht enrollment hash key v1";
	unsigned char *key = sodium_malloc(ENROLL_HASH_KEY_BYTES);
	if (key == NULL)
		abort();
	crypto_generichash(key, ENROLL_HASH_KEY_BYTES, (const unsigned char *)what, sizeof what - 1,
			   box_sk, BOX_SK_BYTES);
	/* SQLite frees the key with the connection (or when the function is registered again). */
	if (sqlite3_create_function_v2(db->sql, "xhht_enrollment_hash", 1,
				       SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, key,
				       enrollment_hash_sql, NULL, NULL,
				       enrollment_hash_key_free) != SQLITE_OK)
		return store_error(db, e);
	return ST_OK;
}

bool
central_unit_code_ok(const char *code)
{
	return text_unit_code_ok(code);
}

bool
central_group_ok(const char *group)
{
#define GROUP_NAME(code, vi, en) #code,
	static const char *const groups[] = {UNIT_GROUPS(GROUP_NAME, )};
#undef GROUP_NAME
	if (group[0] == '\0')
		return true;
	for (size_t i = 0; i < ARRAY_LEN(groups); i++)
		if (strcmp(group, groups[i]) == 0)
			return true;
	return false;
}

/* The group's refusal names the list, each code with what it means. */
static void
group_refused(const char *group, struct err *e)
{
#define GROUP_WORDS(code, vi, en) #code " (" vi ")"
#define GROUP_WORDS_EN(code, vi, en) #code " (" en ")"
	err_set(e, L("nhóm \"%s\" không có trong danh sách; các nhóm: " UNIT_GROUPS(GROUP_WORDS, "; "),
		     "group \"%s\" is not in the list; the groups: " UNIT_GROUPS(GROUP_WORDS_EN, "; ")),
		group);
#undef GROUP_WORDS
#undef GROUP_WORDS_EN
}

/* The log's row of a unit added (by hand, or from a CSV file: from names the file and line). */
static enum status
unit_added_log(struct store *db, enum staff_action_kind how, const char *code, const char *name,
	       const char *group, const char *from, struct err *e)
{
	struct buf d;
	buf_init(&d);
	buf_printf(&d, "%s", name);
	if (group != NULL && group[0])
		buf_printf(&d, L("; nhóm %s", "; group %s"), group);
	if (from != NULL)
		buf_printf(&d, L("; từ %s", "; from %s"), from);
	enum status rc = staff_log(db, how, code, 0, d.data, e);
	buf_free(&d);
	return rc;
}

/* Adds the unit unless its code is there with the same name; a unit added is logged as how
 * (from: where it came from, or NULL), in the caller's transaction. */
static enum status
unit_insert(struct store *db, const char *code, const char *name, const char *group, bool *added,
	    enum staff_action_kind how, const char *from, struct err *e)
{
	const char *why;
	char *clean, now[32];
	enum status rc;

	if (!central_unit_code_ok(code)) {
		err_set(e,
			L("mã đơn vị \"%s\" không hợp lệ (chữ, số, - _ . ; bắt đầu bằng chữ hoặc "
			  "số; tối đa 32 ký tự)",
			  "invalid unit code \"%s\" (letters, digits, - _ . ; a letter or digit first; "
			  "at most 32)"),
			code);
		return ST_REFUSED;
	}
	if (group != NULL && !central_group_ok(group)) {
		group_refused(group, e);
		return ST_REFUSED;
	}
	clean = text_clean(name, TEXT_LINE, &why);
	if (clean == NULL || clean[0] == '\0' || utf8_chars(clean) > 200) {
		err_set(e, L("tên đơn vị %s không hợp lệ", "invalid name for unit %s"), code);
		free(clean);
		return ST_REFUSED;
	}
	store_now(now);
	rc = store_do(db,
		      "INSERT INTO unit(code, name, grp, created_at) VALUES (?1, ?2, ?3, ?4)"
		      " ON CONFLICT(code) DO NOTHING",
		      e, "tttt", code, clean, group ? group : "", now);
	*added = rc == ST_OK && sqlite3_changes(db->sql) > 0;
	/* The same code again is fine only with the same name. */
	if (rc == ST_OK && !*added &&
	    store_int(db, 1, "SELECT name = ?2 FROM unit WHERE code = ?1", "tt", code, clean) ==
		    0) {
		err_set(e, L("mã %s đã có với tên khác", "code %s already exists with another name"),
			code);
		rc = ST_REFUSED;
	}
	if (rc == ST_OK && *added)
		rc = unit_added_log(db, how, code, clean, group, from, e);
	free(clean);
	return rc;
}

enum status
central_unit_add(struct store *db, const char *code, const char *name, const char *group,
		 struct err *e)
{
	bool added;
	enum status rc;
	if ((rc = store_begin(db, e)) != ST_OK)
		return rc;
	rc = unit_insert(db, code, name, group, &added, SA_UNIT_ADD, NULL, e);
	if (rc == ST_OK && !added) {
		err_set(e, L("đơn vị %s đã có", "unit %s already exists"), code);
		rc = ST_REFUSED;
	}
	if (rc != ST_OK) {
		store_rollback(db);
		return rc;
	}
	return store_commit(db, e);
}

/* Splits one CSV line (RFC 4180 quoting) into at most max fields; returns the count or -1. */
static int
csv_split(char *line, char **fields, int max)
{
	int n = 0;
	char *p = line, *w;
	for (;;) {
		if (n == max)
			return -1;
		fields[n++] = w = p;
		if (*p == '"') {
			p++;
			for (;;) {
				if (*p == '\0')
					return -1;
				if (*p == '"' && p[1] == '"') {
					*w++ = '"';
					p += 2;
				} else if (*p == '"') {
					p++;
					break;
				} else
					*w++ = *p++;
			}
			if (*p != ',' && *p != '\0')
				return -1;
		} else {
			while (*p && *p != ',')
				*w++ = *p++;
		}
		char c = *p;
		*w = '\0';
		if (c == '\0')
			return n;
		p++;
	}
}

enum status
central_unit_import(struct store *db, const char *path, size_t *added, size_t *known, struct err *e)
{
	char *text, *line, *next;
	size_t len, lineno = 0;
	enum status rc;

	*added = *known = 0;
	if ((rc = file_read(path, 8u << 20, &text, &len, e)) != ST_OK)
		return rc;
	if (!utf8_valid(text, len)) {
		err_set(e, L("%s không phải văn bản UTF-8 (hãy lưu từ Excel dạng \"CSV UTF-8\")",
			     "%s is not UTF-8 text (save it from Excel as \"CSV UTF-8\")"),
			path);
		free(text);
		return ST_REFUSED;
	}
	if ((rc = store_begin(db, e)) != ST_OK) {
		free(text);
		return rc;
	}
	line = text;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) /* Excel's byte-order mark */
		line += 3;
	for (; line != NULL && *line; line = next) {
		char *fields[64];
		int n;
		lineno++;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		size_t l = strlen(line);
		if (l && line[l - 1] == '\r')
			line[--l] = '\0';
		if (l == 0)
			continue;
		n = csv_split(line, fields, 64);
		if (lineno == 1 && n >= 2 && strcmp(fields[0], "ma") == 0)
			continue; /* header */
		if (n < 2) {
			err_set(e, L("%s dòng %zu: cần các cột ma,ten,nhom", "%s line %zu: expected columns ma,ten,nhom"),
				path, lineno);
			rc = ST_REFUSED;
			break;
		}
		/* A name with an unquoted comma ("Cục Quản lý Khám, chữa bệnh") splits in two;
		 * the code is first and the group last, so the middle is the name. */
		struct buf name;
		buf_init(&name);
		int last = n >= 3 ? n - 1 : n;
		for (int i = 1; i < last; i++)
			buf_printf(&name, "%s%s", i > 1 ? "," : "", fields[i]);
		const char *group = n >= 3 ? fields[n - 1] : "";
		bool was_added;
		char *from = xasprintf(L("%s dòng %zu", "%s line %zu"), path, lineno);
		rc = unit_insert(db, fields[0], name.data, group, &was_added, SA_UNIT_IMPORT, from, e);
		free(from);
		buf_free(&name);
		if (rc != ST_OK) {
			err_prefix(e, L("%s dòng %zu: ", "%s line %zu: "), path, lineno);
			break;
		}
		if (was_added)
			(*added)++;
		else
			(*known)++;
	}
	free(text);
	if (rc != ST_OK) {
		store_rollback(db);
		*added = *known = 0;
		return rc;
	}
	return store_commit(db, e);
}

static void column_fingerprint(sqlite3_stmt *st, int col, char fp[48]);

/* The unit is dealt with (revoked, or enrolled again): its alarms are no longer shown by
 * status and unit list; a later try raises them again. */
static enum status
alarms_resolve(struct store *db, const char *code, const char *now, struct err *e)
{
	return store_do(db,
			"UPDATE key_alarm SET resolved_at = ?2 WHERE unit_code = ?1 AND"
			" resolved_at IS NULL",
			e, "tt", code, now);
}

enum status
central_unit_revoke(struct store *db, const char *code, size_t *revoked, struct err *e)
{
	sqlite3_stmt *st;
	char now[32];
	enum status rc;
	*revoked = 0;
	if ((st = store_query(db, "SELECT 1 FROM unit WHERE code = ?1", e, "t", code)) == NULL)
		return ST_ENV;
	bool known = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	if (!known) {
		err_set(e, L("không có đơn vị %s", "there is no unit %s"), code);
		return ST_REFUSED;
	}
	store_now(now);
	if ((rc = store_begin(db, e)) != ST_OK)
		return rc;
	struct buf d;
	buf_init(&d);
	/* The log names the keys revoked: a fingerprint is what staff and the unit compare. */
	sqlite3_stmt *keys = store_query(
	    db, "SELECT pk FROM unit_key WHERE unit_code = ?1 AND state = 'bound' ORDER BY rowid", e,
	    "t", code);
	while (store_next(db, keys, &rc, e)) {
		char fp[48];
		column_fingerprint(keys, 0, fp);
		buf_printf(&d, "%s%s", d.len ? ", " : "", fp);
	}
	if (rc == ST_OK)
		rc = store_do(db,
			      "UPDATE unit_key SET state = 'revoked', ended_at = ?2"
			      " WHERE unit_code = ?1 AND state = 'bound'",
			      e, "tt", code, now);
	if (rc == ST_OK)
		*revoked = (size_t)sqlite3_changes(db->sql);
	/* An enrollment file not used yet would let its holder bind a key after the revocation. */
	int withdrawn = 0, resolved = 0;
	if (rc == ST_OK)
		rc = store_do(db,
			      "UPDATE enrollment SET superseded = 1 WHERE unit_code = ?1 AND"
			      " used_at IS NULL AND superseded = 0",
			      e, "t", code);
	if (rc == ST_OK)
		withdrawn = sqlite3_changes(db->sql);
	if (rc == ST_OK && (rc = alarms_resolve(db, code, now, e)) == ST_OK)
		resolved = sqlite3_changes(db->sql);
	if (rc == ST_OK) {
		char *detail = xasprintf(
		    L("thu hồi %zu khóa%s%s%s; hủy %d tệp đăng ký chưa dùng; %d cảnh báo khóa đã xử lý",
		      "%zu keys revoked%s%s%s; %d unused enrollment files withdrawn; %d key alarms"
		      " dealt with"),
		    *revoked, d.len ? " (" : "", d.len ? d.data : "", d.len ? ")" : "", withdrawn,
		    resolved);
		rc = staff_log(db, SA_REVOKE, code, 0, detail, e);
		free(detail);
	}
	buf_free(&d);
	if (rc != ST_OK) {
		store_rollback(db);
		return rc;
	}
	return store_commit(db, e);
}

/* The log's row of an enrollment written: its id, where the file went, the address in it, the
 * alarms it dealt with. */
static enum status
enroll_log(struct store *db, const struct enrollment *en, const char *where, int resolved,
	   struct err *e)
{
	struct buf d;
	buf_init(&d);
	buf_printf(&d, L("lần đăng ký %s", "enrollment %s"), en->id);
	if (where != NULL)
		buf_printf(&d, L("; tệp %s", "; file %s"), where);
	if (en->email[0])
		buf_printf(&d, L("; gửi gói tới %s", "; bundles to %s"), en->email);
	if (resolved > 0)
		buf_printf(&d, L("; %d cảnh báo khóa đã xử lý", "; %d key alarms dealt with"),
			   resolved);
	enum status rc = staff_log(db, SA_ENROLL, en->unit_code, 0, d.data, e);
	buf_free(&d);
	return rc;
}

enum status
central_enroll(struct store *db, const struct secret *sk, const char *code, const char *email,
	       unsigned char **out, size_t *outlen, char enroll_code[ENROLL_CODE_SHOWN + 1],
	       enroll_deliver_fn deliver, void *deliver_ctx, struct err *e)
{
	return central_enroll_to(db, sk, code, email, NULL, out, outlen, enroll_code, deliver,
				 deliver_ctx, e);
}

enum status
central_enroll_to(struct store *db, const struct secret *sk, const char *code, const char *email,
		  const char *where, unsigned char **out, size_t *outlen,
		  char enroll_code[ENROLL_CODE_SHOWN + 1], enroll_deliver_fn deliver,
		  void *deliver_ctx, struct err *e)
{
	struct enrollment en = {0};
	sqlite3_stmt *st;
	unsigned char rnd[16], proven[ENROLL_SECRET_BYTES];
	char digits[ENROLL_CODE_DIGITS + 1];
	enum status rc;

	if (email != NULL && (!text_email_ok(email) || strlen(email) >= sizeof en.email)) {
		err_set(e,
			L("\"%s\" không phải địa chỉ thư điện tử (ví dụ: baocao@moh.gov.vn)",
			  "\"%s\" is not an e-mail address (for example: baocao@moh.gov.vn)"),
			email);
		return ST_ENV;
	}
	snprintf(en.email, sizeof en.email, "%s", email ? email : "");
	if ((rc = central_public_keys(db, en.central_sign, en.central_box, e)) != ST_OK)
		return rc;
	if (sqlite3_prepare_v2(db->sql, "SELECT name FROM unit WHERE code = ?1", -1, &st, NULL) !=
	    SQLITE_OK)
		return store_error(db, e);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		err_set(e, L("chưa có đơn vị %s", "no unit %s"), code);
		err_next(e, ERR_NEXT_ADD_UNIT);
		return ST_REFUSED;
	}
	snprintf(en.unit_code, sizeof en.unit_code, "%s", code);
	en.unit_name = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	randombytes_buf(rnd, sizeof rnd);
	hex_encode(rnd, sizeof rnd, en.id);
	randombytes_buf(en.secret, sizeof en.secret);
	enrollment_code_new(enroll_code);
	enrollment_code_parse(enroll_code, digits);
	enrollment_code_secret(en.secret, digits, proven);
	sodium_memzero(digits, sizeof digits);
	store_now(en.created);

	/* Templates the central holds go with the enrollment, so the unit reports on the same: the
	 * newest version of each (what a new draft answers), ENROLL_MAX_TEMPLATES at most. */
	if (sqlite3_prepare_v2(db->sql,
			       "SELECT source FROM template t WHERE version = (SELECT max(version)"
			       " FROM template WHERE id = t.id) ORDER BY id",
			       -1, &st, NULL) != SQLITE_OK) {
		free(en.unit_name);
		return store_error(db, e);
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		en.templates = xreallocarray(en.templates, en.ntemplates + 1, sizeof *en.templates);
		en.templates[en.ntemplates++] = xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);

	if ((rc = store_begin(db, e)) != ST_OK)
		goto done;
	if ((rc = store_do(db, "UPDATE enrollment SET superseded = 1 WHERE unit_code = ?1", e, "t",
			   code)) != ST_OK ||
	    (rc = store_do(db,
			   "INSERT INTO enrollment(id, unit_code, secret_hash, created_at, coded)"
			   " VALUES (?1, ?2, xhht_enrollment_hash(?3), ?4, 1)",
			   e, "ttbt", en.id, code, proven, (int)sizeof proven, en.created)) !=
		ST_OK) {
		store_rollback(db);
		goto done;
	}
	if ((rc = alarms_resolve(db, code, en.created, e)) != ST_OK ||
	    (rc = enroll_log(db, &en, where, sqlite3_changes(db->sql), e)) != ST_OK) {
		store_rollback(db);
		goto done;
	}
	/* The file is made and handed over before the commit: an enrollment that could not be
	 * written leaves the earlier one in force, never a unit with no usable file. */
	enrollment_make(&en, sk->bytes, out, outlen);
	if (deliver != NULL && (rc = deliver(deliver_ctx, *out, *outlen, e)) != ST_OK) {
		store_rollback(db);
		sodium_memzero(*out, *outlen);
		free(*out);
		*out = NULL;
		goto done;
	}
	rc = store_commit(db, e);
done:
	sodium_memzero(proven, sizeof proven);
	sodium_memzero(en.secret, sizeof en.secret);
	free(en.unit_name);
	for (size_t i = 0; i < en.ntemplates; i++)
		free(en.templates[i]);
	free(en.templates);
	return rc;
}

enum bundle_error
central_trust(void *ctx, const struct bundle_meta *m, struct err *e)
{
	struct store *db = ctx;
	sqlite3_stmt *st;
	enum bundle_error be = BE_UNKNOWN_SIGNER;

	if ((st = store_stmt(db, "SELECT unit_code, state FROM unit_key WHERE pk = ?1", e)) == NULL) {
		store_error(db, e);
		return BE_UNKNOWN_SIGNER;
	}
	sqlite3_bind_blob(st, 1, m->signer, SIGN_PK_BYTES, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *unit = (const char *)sqlite3_column_text(st, 0);
		const char *state = (const char *)sqlite3_column_text(st, 1);
		if (strcmp(unit, m->unit) != 0)
			be = BE_WRONG_UNIT;
		else if (strcmp(state, "bound") != 0)
			be = BE_REVOKED;
		else
			be = BE_OK;
		store_done(db, st);
		return be;
	}
	store_done(db, st);

	/* A new key: it must prove the unit's enrollment secret, or be announced by its bound key. */
	bool reused = false;
	if (m->has_enroll) {
		if ((st = store_stmt(db,
				       "SELECT unit_code = ?2, superseded, used_at IS NOT NULL, coded FROM"
				       " enrollment WHERE id = ?1 AND secret_hash ="
				       " xhht_enrollment_hash(?3)", e)) != NULL) {
			sqlite3_bind_text(st, 1, m->enroll_id, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, m->unit, -1, SQLITE_STATIC);
			sqlite3_bind_blob(st, 3, m->enroll_secret, ENROLL_SECRET_BYTES, SQLITE_STATIC);
			if (sqlite3_step(st) == SQLITE_ROW) {
				if (sqlite3_column_int(st, 0) == 0)
					be = BE_WRONG_UNIT;
				else if (sqlite3_column_int(st, 1))
					be = BE_REVOKED; /* superseded by a later enrollment */
				else if (sqlite3_column_int(st, 2))
					/* The one-time secret bound another key. An enrollment of
					 * format 1 (no code) is proven by its file alone: whoever
					 * intercepted it must not raise alarms in the unit's name. */
					reused = sqlite3_column_int(st, 3) != 0;
				else
					be = BE_OK;
			}
			store_done(db, st);
		}
		if (be != BE_UNKNOWN_SIGNER)
			return be;
	}
	if (m->has_key_change) {
		if ((st = store_stmt(db, "SELECT unit_code = ?2, state FROM unit_key WHERE pk = ?1", e)) != NULL) {
			sqlite3_bind_blob(st, 1, m->old_signer, SIGN_PK_BYTES, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, m->unit, -1, SQLITE_STATIC);
			if (sqlite3_step(st) == SQLITE_ROW)
				be = sqlite3_column_int(st, 0) == 0 ? BE_WRONG_UNIT
				     : strcmp((const char *)sqlite3_column_text(st, 1), "bound") == 0
					 ? BE_OK
					 : BE_REVOKED;
			store_done(db, st);
		}
	}
	/* Whoever proves a used enrollment holds its file and code: the unit's clerk on a second
	 * machine, or someone who took both. Neither may send; staff must hear of it. */
	if (be == BE_UNKNOWN_SIGNER && reused)
		be = BE_ENROLL_REUSED;
	return be;
}

enum status
central_key_alarm(struct store *db, const struct bundle_meta *m, const char *source,
		  char unit[UNIT_CODE_MAX + 1], struct err *e)
{
	sqlite3_stmt *st;
	char now[32];
	int rc;

	unit[0] = '\0';
	store_now(now);
	/* The unit is the enrollment's (its secret was proven), never the bundle's own claim. */
	if ((st = store_stmt(db,
			     "INSERT INTO key_alarm(enrollment_id, unit_code, bound_pk, new_pk, tries,"
			     " first_seen, last_seen, source) SELECT en.id, en.unit_code, (SELECT pk"
			     " FROM unit_key WHERE enrollment_id = en.id AND state = 'bound'), ?3, 1, ?4,"
			     " ?4, ?5 FROM enrollment en WHERE en.id = ?1 AND en.secret_hash ="
			     " xhht_enrollment_hash(?2)"
			     " ON CONFLICT(enrollment_id, new_pk) DO UPDATE SET"
			     " tries = tries + 1, last_seen = excluded.last_seen, source = excluded.source,"
			     " bound_pk = excluded.bound_pk, resolved_at = NULL RETURNING unit_code",
			     e)) == NULL)
		return store_error(db, e);
	sqlite3_bind_text(st, 1, m->enroll_id, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, m->enroll_secret, ENROLL_SECRET_BYTES, SQLITE_STATIC);
	sqlite3_bind_blob(st, 3, m->signer, SIGN_PK_BYTES, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, source, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		snprintf(unit, UNIT_CODE_MAX + 1, "%s", (const char *)sqlite3_column_text(st, 0));
	store_done(db, st);
	if (rc != SQLITE_DONE)
		return store_error(db, e);
	return ST_OK;
}

enum status
central_bind(struct store *db, const struct bundle_meta *m, bool *bound_new, struct err *e)
{
	sqlite3_stmt *st;
	char now[32];
	int known;

	*bound_new = false;
	store_now(now);
	/* A key already known (every bundle after a unit's first) changes nothing. */
	if ((st = store_stmt(db,
			     "INSERT INTO unit_key(pk, unit_code, state, enrollment_id, bound_at)"
			     " VALUES (?1, ?2, 'bound', ?3, ?4) ON CONFLICT(pk) DO NOTHING",
			     e)) == NULL)
		return store_error(db, e);
	sqlite3_bind_blob(st, 1, m->signer, SIGN_PK_BYTES, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, m->unit, -1, SQLITE_STATIC);
	if (m->has_enroll)
		sqlite3_bind_text(st, 3, m->enroll_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
	known = sqlite3_step(st) == SQLITE_DONE ? sqlite3_changes(db->sql) == 0 : -1;
	store_done(db, st);
	if (known < 0)
		return store_error(db, e);
	if (known)
		return ST_OK;
	/* The unit has one bound key at a time: the new one replaces whatever was bound. */
	enum status rc = store_run(db,
				   "UPDATE unit_key SET state = 'replaced', ended_at = ?2"
				   " WHERE unit_code = ?1 AND state = 'bound' AND pk != ?3",
				   e, "ttb", m->unit, now, m->signer, SIGN_PK_BYTES);
	/* Only the enrollment whose secret the bundle proved is used up: an id alone (in a bundle
	 * accepted through a key change) must not burn anyone's. */
	if (rc == ST_OK && m->has_enroll)
		rc = store_run(db,
			       "UPDATE enrollment SET used_at = ?2 WHERE id = ?1 AND used_at IS NULL"
			       " AND unit_code = ?3 AND secret_hash = xhht_enrollment_hash(?4)",
			       e, "tttb", m->enroll_id, now, m->unit, m->enroll_secret,
			       ENROLL_SECRET_BYTES);
	if (rc != ST_OK)
		return rc;
	*bound_new = true;
	return ST_OK;
}

/* ---- what staff see of a unit: its key, its enrollments, its alarms ---------------------- */

static void
column_fingerprint(sqlite3_stmt *st, int col, char fp[48])
{
	fp[0] = '\0';
	if (sqlite3_column_bytes(st, col) == SIGN_PK_BYTES)
		key_fingerprint(sqlite3_column_blob(st, col), SIGN_PK_BYTES, fp);
}

static const char *
column_text(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	return s ? s : "";
}

enum status
central_units(struct store *db, const char *code, void (*fn)(void *ctx, const struct unit_row *u),
	      void *ctx, struct err *e)
{
	sqlite3_stmt *st;
	enum status rc;
	/* The latest enrollment says where the unit stands when no key is bound yet. */
	st = store_stmt_bind(db,
			     "SELECT u.code, u.name, u.grp, k.pk, k.confirmed_at,"
			     " (SELECT CASE WHEN en.used_at IS NOT NULL THEN 'used' WHEN en.superseded"
			     "  THEN 'superseded' ELSE 'open' END FROM enrollment en WHERE"
			     "  en.unit_code = u.code ORDER BY en.created_at DESC, en.rowid DESC LIMIT 1),"
			     " (SELECT count(*) FROM key_alarm a WHERE a.unit_code = u.code AND"
			     "  a.resolved_at IS NULL),"
			     " (SELECT count(*) FROM unit_key r WHERE r.unit_code = u.code AND"
			     "  r.state = 'revoked')"
			     " FROM unit u LEFT JOIN unit_key k ON k.unit_code = u.code AND k.state = 'bound'"
			     " WHERE ?1 IS NULL OR u.code = ?1 ORDER BY u.code",
			     e, "t", code);
	size_t n = 0;
	while (store_next(db, st, &rc, e)) {
		struct unit_row u = {
			.code = column_text(st, 0),
			.name = column_text(st, 1),
			.group = column_text(st, 2),
			.confirmed_at = sqlite3_column_type(st, 4) == SQLITE_NULL ? NULL : column_text(st, 4),
			.enrollment = sqlite3_column_type(st, 5) == SQLITE_NULL ? NULL : column_text(st, 5),
			.alarms = sqlite3_column_int(st, 6),
			.revoked = sqlite3_column_int(st, 7),
		};
		column_fingerprint(st, 3, u.fingerprint);
		fn(ctx, &u);
		n++;
	}
	if (rc != ST_OK)
		return rc;
	if (code != NULL && n == 0) {
		err_set(e, L("chưa có đơn vị %s", "no unit %s"), code);
		return ST_REFUSED;
	}
	return ST_OK;
}

enum status
central_unit_keys(struct store *db, const char *code,
		  void (*fn)(void *ctx, const struct key_row *k), void *ctx, struct err *e)
{
	sqlite3_stmt *st;
	enum status rc;
	st = store_stmt_bind(db,
			     "SELECT pk, state, bound_at, ended_at, confirmed_at, enrollment_id FROM"
			     " unit_key WHERE unit_code = ?1 ORDER BY bound_at, rowid",
			     e, "t", code);
	while (store_next(db, st, &rc, e)) {
		struct key_row k = {
			.state = column_text(st, 1),
			.bound_at = column_text(st, 2),
			.ended_at = sqlite3_column_type(st, 3) == SQLITE_NULL ? NULL : column_text(st, 3),
			.confirmed_at = sqlite3_column_type(st, 4) == SQLITE_NULL ? NULL : column_text(st, 4),
			.enrollment_id = column_text(st, 5),
		};
		column_fingerprint(st, 0, k.fingerprint);
		fn(ctx, &k);
	}
	return rc;
}

enum status
central_unit_enrollments(struct store *db, const char *code,
			 void (*fn)(void *ctx, const struct enrollment_row *en), void *ctx,
			 struct err *e)
{
	sqlite3_stmt *st;
	enum status rc;
	st = store_stmt_bind(db,
			     "SELECT id, created_at, used_at, superseded, coded FROM enrollment WHERE"
			     " unit_code = ?1 ORDER BY created_at, rowid",
			     e, "t", code);
	while (store_next(db, st, &rc, e)) {
		struct enrollment_row en = {
			.id = column_text(st, 0),
			.created_at = column_text(st, 1),
			.used_at = sqlite3_column_type(st, 2) == SQLITE_NULL ? NULL : column_text(st, 2),
			.superseded = sqlite3_column_int(st, 3) != 0,
			.coded = sqlite3_column_int(st, 4) != 0,
		};
		fn(ctx, &en);
	}
	return rc;
}

enum status
central_key_alarms(struct store *db, const char *code, int per_unit,
		   void (*fn)(void *ctx, const struct alarm_row *a), void *ctx, struct err *e)
{
	sqlite3_stmt *st;
	enum status rc;
	st = store_stmt_bind(db,
			     "SELECT unit_code, first_seen, last_seen, source, tries, resolved_at, bound_pk,"
			     " new_pk, keys FROM (SELECT *, row_number() OVER (PARTITION BY unit_code,"
			     " resolved_at IS NULL ORDER BY last_seen DESC, new_pk) AS n, count(*) OVER"
			     " (PARTITION BY unit_code, resolved_at IS NULL) AS keys FROM key_alarm"
			     " WHERE (?1 IS NULL AND resolved_at IS NULL) OR unit_code = ?1)"
			     " WHERE n <= ?2 ORDER BY unit_code, resolved_at IS NOT NULL, last_seen DESC,"
			     " new_pk",
			     e, "ti", code, per_unit);
	while (store_next(db, st, &rc, e)) {
		struct alarm_row a = {
			.unit = column_text(st, 0),
			.first_seen = column_text(st, 1),
			.last_seen = column_text(st, 2),
			.source = column_text(st, 3),
			.tries = sqlite3_column_int(st, 4),
			.resolved_at = sqlite3_column_type(st, 5) == SQLITE_NULL ? NULL : column_text(st, 5),
			.keys = sqlite3_column_int(st, 8),
		};
		column_fingerprint(st, 6, a.bound_fingerprint);
		column_fingerprint(st, 7, a.new_fingerprint);
		fn(ctx, &a);
	}
	return rc;
}

enum status
central_unit_confirm(struct store *db, const char *code, const char *heard, char fingerprint[48],
		     struct err *e)
{
	sqlite3_stmt *st;
	char now[32], a[48] = "", b[48] = "";
	size_t na = 0, nb = 0;
	int rc;

	fingerprint[0] = '\0';
	if ((st = store_stmt(db, "SELECT pk FROM unit_key WHERE unit_code = ?1 AND state = 'bound'",
			     e)) == NULL)
		return store_error(db, e);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		column_fingerprint(st, 0, fingerprint);
	store_done(db, st);
	if (fingerprint[0] == '\0') {
		err_set(e, L("đơn vị %s chưa có khóa nào được gắn: chưa nhận gói đầu tiên của đơn vị",
			     "unit %s has no bound key: its first bundle has not arrived"),
			code);
		return ST_REFUSED;
	}
	/* Digits only on both sides: people read them in groups, with or without spaces. */
	for (const char *p = heard; *p && na < sizeof a - 1; p++)
		if (*p >= '0' && *p <= '9')
			a[na++] = *p;
		else if (*p != ' ' && *p != '-') {
			na = 0;
			break;
		}
	a[na] = '\0';
	for (const char *p = fingerprint; *p; p++)
		if (*p != ' ')
			b[nb++] = *p;
	b[nb] = '\0';
	if (strcmp(a, b) != 0) {
		/* The right digits are not shown: the call must be what proves them. */
		err_set(e, L("vân tay đọc qua điện thoại không khớp với khóa đã gắn cho đơn vị %s:"
			     " không xác nhận; gọi lại cho đơn vị, nghe đọc lại và nhập đúng từng chữ số",
			     "the fingerprint read on the phone does not match the key bound to unit %s:"
			     " not confirmed; call the unit back, hear it again and type every digit"),
			code);
		return ST_REFUSED;
	}
	store_now(now);
	enum status done;
	if ((done = store_begin(db, e)) != ST_OK)
		return done;
	if ((st = store_stmt(db,
			     "UPDATE unit_key SET confirmed_at = ?2 WHERE unit_code = ?1 AND state ="
			     " 'bound' AND confirmed_at IS NULL",
			     e)) == NULL) {
		store_rollback(db);
		return store_error(db, e);
	}
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	store_done(db, st);
	done = rc == SQLITE_DONE ? ST_OK : store_error(db, e);
	if (done == ST_OK) {
		/* Heard again once confirmed: the log says so, the first time stays the one kept. */
		char *detail = xasprintf(
		    sqlite3_changes(db->sql) > 0
			? L("vân tay %s khớp với số đơn vị đọc qua điện thoại",
			    "fingerprint %s matched what the unit read on the phone")
			: L("vân tay %s khớp với số đơn vị đọc qua điện thoại (đã đối chiếu từ trước)",
			    "fingerprint %s matched what the unit read on the phone (confirmed before)"),
		    fingerprint);
		done = staff_log(db, SA_CONFIRM, code, 0, detail, e);
		free(detail);
	}
	if (done != ST_OK) {
		store_rollback(db);
		return done;
	}
	return store_commit(db, e);
}
