/* publish.c: new versions of report templates: published by the central, installed by units. */
#include "publish.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "armor.h"
#include "crypto.h"
#include "i18n.h"
#include "signed.h"
#include "staff.h"
#include "template.h"

void
template_info_free(struct template_info *t)
{
	if (t == NULL)
		return;
	free(t->id);
	free(t->title);
	free(t->stored_at);
	free(t->published_by);
	free(t->years);
	memset(t, 0, sizeof *t);
}

void
template_infos_free(struct template_info *a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		template_info_free(&a[i]);
	free(a);
}

static bool
is_builtin(const char *source)
{
	for (size_t i = 0; i < template_builtin_count(); i++)
		if (strcmp(template_builtin_source(i), source) == 0)
			return true;
	return false;
}

static void
info_fill(struct template_info *info, const struct template *t)
{
	info->id = xstrdup(t->id);
	info->version = t->version;
	info->title = xstrdup(TR(t->title));
	info->builtin = is_builtin(t->source);
}

enum status
template_infos(struct store *db, struct template_info **out, size_t *n, struct err *e)
{
	enum status rc;
	bool central = db->kind == STORE_CENTRAL;
	*out = NULL;
	*n = 0;
	/* The central says who published; the unit which years' reports answer each. */
	sqlite3_stmt *st = store_query(
	    db,
	    central ? "SELECT id, version, source, installed_at, published_by, NULL FROM template"
		      " ORDER BY id, version"
		    : "SELECT t.id, t.version, t.source, t.installed_at, NULL,"
		      " (SELECT group_concat(year, ', ') FROM (SELECT year FROM report r WHERE"
		      " r.template_id = t.id AND r.template_version = t.version ORDER BY year))"
		      " FROM template t ORDER BY t.id, t.version",
	    e, "");
	while (store_next(db, st, &rc, e)) {
		struct template *t;
		struct err pe = {0};
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		struct template_info *x = &(*out)[(*n)++];
		memset(x, 0, sizeof *x);
		if (template_parse((const char *)sqlite3_column_text(st, 2), &t, &pe) == ST_OK) {
			info_fill(x, t);
			template_free(t);
		} else { /* stored by a newer program: still listed */
			x->id = xstrdup((const char *)sqlite3_column_text(st, 0));
			x->version = sqlite3_column_int(st, 1);
			x->title = xstrdup("?");
		}
		x->stored_at = xstrdup((const char *)sqlite3_column_text(st, 3));
		if (sqlite3_column_type(st, 4) != SQLITE_NULL)
			x->published_by = xstrdup((const char *)sqlite3_column_text(st, 4));
		x->years = xstrdup(sqlite3_column_type(st, 5) != SQLITE_NULL
				       ? (const char *)sqlite3_column_text(st, 5)
				       : "");
	}
	if (rc != ST_OK) {
		template_infos_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* A phase review's pre-filled fields checked against the versions here of the yearly template
 * they are filled from: each must fit one of them (template_check_prefill_any), or every unit
 * would fill it with nothing, or the wrong thing. Refused with what the newest version lacks. */
static enum status
phase_fits(struct store *db, const struct template *t, struct err *e)
{
	enum status rc;
	struct template **src = NULL;
	size_t n = 0;
	if (t->phase_first == 0)
		return ST_OK;
	sqlite3_stmt *st =
	    store_query(db, "SELECT version FROM template WHERE id = ?1 ORDER BY version DESC", e,
			"t", t->phase_source);
	while (store_next(db, st, &rc, e)) {
		struct template *v = NULL;
		struct err ignored = {0};
		/* A version stored by a newer program that this one cannot read: not a source. */
		if (template_get(db, t->phase_source, sqlite3_column_int(st, 0), &v, &ignored) ==
		    ST_OK) {
			src = xreallocarray(src, n + 1, sizeof *src);
			src[n++] = v;
		}
	}
	if (rc == ST_OK && n == 0) {
		err_set(
		    e,
		    L("mẫu %s được điền sẵn từ mẫu báo cáo năm %s, mà ở đây chưa có mẫu đó: hãy"
		      " cài mẫu %s trước",
		      "template %s is pre-filled from the yearly template %s, which is not here:"
		      " install %s first"),
		    t->id, t->phase_source, t->phase_source);
		rc = ST_REFUSED;
	} else if (rc == ST_OK && (rc = template_check_prefill_any(
				       t, (const struct template *const *)src, n, e)) != ST_OK)
		err_prefix(e, L("mẫu báo cáo giai đoạn không khớp với mẫu báo cáo năm dùng để điền"
				" sẵn: ",
				"the phase review does not fit the yearly template it is pre-filled"
				" from: "));
	for (size_t i = 0; i < n; i++)
		template_free(src[i]);
	free(src);
	return rc;
}

/* The type check, said as such: the file is a template, but one this program cannot use. */
static enum status
template_checked(struct store *db, const char *json, struct template **t, struct err *e)
{
	enum status rc;
	if (template_parse(json, t, e) != ST_OK) {
		err_prefix(e,
			   L("mẫu báo cáo không qua kiểm tra: ", "the template fails the check: "));
		return ST_REFUSED;
	}
	if ((rc = phase_fits(db, *t, e)) != ST_OK) {
		template_free(*t);
		*t = NULL;
	}
	return rc;
}

/* A template of a new id refused when the central holds ENROLL_MAX_TEMPLATES already: every
 * enrollment file written from then on would be refused by the units (a new version of a
 * template held takes no more room: enrollment files carry the newest of each). */
static enum status
room_for(struct store *db, const struct template *t, struct err *e)
{
	if (store_int(db, 0, "SELECT count(*) FROM template WHERE id = ?1", "t", t->id) > 0 ||
	    store_int(db, 0, "SELECT count(DISTINCT id) FROM template", "") < ENROLL_MAX_TEMPLATES)
		return ST_OK;
	char *ids = store_text(db,
			       "SELECT group_concat(id, ', ') FROM (SELECT DISTINCT id FROM"
			       " template ORDER BY id)",
			       "");
	err_set(e,
		L("Bộ đã có %d mẫu báo cáo, nhiều nhất một tệp đăng ký mang được, nên không phát"
		  " hành được mẫu mới %s: hãy phát hành nó thành phiên bản mới của một mẫu đã có"
		  " (%s)",
		  "the central holds %d templates, the most an enrollment file carries, so the new"
		  " template %s cannot be published: publish it as a new version of one it holds"
		  " (%s)"),
		ENROLL_MAX_TEMPLATES, t->id, ids ? ids : "");
	free(ids);
	return ST_REFUSED;
}

static enum status
publish_store(struct store *db, const struct template *t, const char *where, struct err *e)
{
	bool same;
	enum status rc;
	if ((rc = room_for(db, t, e)) != ST_OK ||
	    (rc = template_store(db, t->source, &same, e)) != ST_OK ||
	    (!same && (rc = store_do(db,
				     "UPDATE template SET published_by = ?3 WHERE id = ?1 AND"
				     " version = ?2",
				     e, "tit", t->id, t->version, staff_name())) != ST_OK))
		return rc;
	char *detail =
	    xasprintf(L("mẫu %s phiên bản %d%s%s%s", "template %s version %d%s%s%s"), t->id,
		      t->version, same ? L("; phát hành lại", "; again") : "",
		      where != NULL ? L("; tệp ", "; file ") : "", where != NULL ? where : "");
	rc = staff_log(db, SA_TEMPLATE, NULL, 0, detail, e);
	free(detail);
	return rc;
}

enum status
template_publish(struct store *db, const unsigned char *sk, const char *json, const char *where,
		 template_deliver_fn deliver, void *deliver_ctx, struct template_info *info,
		 struct err *e)
{
	struct template *t;
	unsigned char *doc = NULL;
	size_t len;
	char now[32];
	enum status rc;

	if ((rc = template_checked(db, json, &t, e)) != ST_OK)
		return rc;
	if ((rc = store_begin(db, e)) != ST_OK)
		goto done;
	if ((rc = publish_store(db, t, where, e)) != ST_OK)
		goto rollback;
	store_now(now);
	template_file_make(t->source, now, sk, &doc, &len);
	if (deliver != NULL && (rc = deliver(deliver_ctx, doc, len, e)) != ST_OK)
		goto rollback;
	if ((rc = store_commit(db, e)) != ST_OK)
		goto done;
	if (info != NULL)
		info_fill(info, t);
	goto done;
rollback:
	store_rollback(db);
done:
	free(doc);
	template_free(t);
	return rc;
}

/* The unit's checks of a template file, and the template stored inside them: the signature
 * with the key of the central the unit is enrolled with, the type check, the fit of a phase
 * review, the id and version (template_store) in the transaction that stores it; kept only
 * when keep, else rolled back (template_file_check). */
static enum status
file_checked(struct store *db, const unsigned char *data, size_t len, struct template_info *info,
	     bool *already, bool keep, struct err *e)
{
	struct template_file f;
	struct template *t;
	unsigned char pk[SIGN_PK_BYTES];
	enum status rc;
	bool enrolled = false;

	*already = false;
	memset(info, 0, sizeof *info);
	sqlite3_stmt *st =
	    store_query(db, "SELECT central_sign_pk FROM enrollment WHERE current = 1", e, "");
	while (store_next(db, st, &rc, e))
		if (sqlite3_column_bytes(st, 0) == SIGN_PK_BYTES) {
			memcpy(pk, sqlite3_column_blob(st, 0), SIGN_PK_BYTES);
			enrolled = true;
		}
	if (rc != ST_OK)
		return rc;
	if (!enrolled) {
		err_set(e,
			L("đơn vị chưa đăng ký nên chưa kiểm tra được chữ ký của mẫu báo cáo: hãy"
			  " đăng ký trước",
			  "the unit is not enrolled, so the template's signature cannot be checked:"
			  " enroll first"));
		err_next(e, ERR_NEXT_ENROLL);
		return ST_REFUSED;
	}
	if ((rc = template_file_read(data, len, pk, &f, e)) != ST_OK)
		return rc;
	if ((rc = template_checked(db, f.source, &t, e)) == ST_OK &&
	    (rc = store_begin(db, e)) == ST_OK) {
		if ((rc = template_store(db, f.source, already, e)) == ST_OK && keep)
			rc = store_commit(db, e);
		else
			store_rollback(db);
		if (rc == ST_OK)
			info_fill(info, t);
	}
	template_free(t);
	free(f.source);
	return rc;
}

enum status
template_file_check(struct store *db, const unsigned char *data, size_t len,
		    struct template_info *info, bool *already, struct err *e)
{
	return file_checked(db, data, len, info, already, false, e);
}

enum status
template_file_install(struct store *db, const unsigned char *data, size_t len,
		      struct template_info *info, bool *already, struct err *e)
{
	return file_checked(db, data, len, info, already, true, e);
}

bool
template_file_at(const char *path)
{
	char *text;
	size_t len;
	struct err e;
	static const char begin[] = "-----BEGIN XHHT TEMPLATE-----";
	if (file_read(path, 2 * SIGNED_MAX_BODY, &text, &len, &e) != ST_OK)
		return false;
	/* An armored file of another kind (an enrollment file, a receipt) is not a template. */
	const char *head = armor_detect(text, len) ? strstr(text, "-----BEGIN XHHT ") : NULL;
	bool is = template_file_detect((const unsigned char *)text, len) ||
		  (head != NULL && strncmp(head, begin, sizeof begin - 1) == 0);
	free(text);
	return is;
}
