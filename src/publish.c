/* publish.c: new versions of report templates: published by the central, installed by units. */
#include "publish.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Whether t is stored already (*same), and refused when its id and version are stored with
 * another text: reports answering it would be read against rules they were not written for. */
static enum status
template_known(struct store *db, const struct template *t, bool *same, struct err *e)
{
	char *stored = store_text(db, "SELECT source FROM template WHERE id = ?1 AND version = ?2",
				  "ti", t->id, t->version);
	*same = stored != NULL && strcmp(stored, t->source) == 0;
	bool other = stored != NULL && !*same;
	free(stored);
	if (other) {
		err_set(
		    e,
		    L("mẫu định nghĩa lại phiên bản %d của mẫu %s (đã có phiên bản này với nội dung"
		      " khác; mọi thay đổi phải là một phiên bản mới)",
		      "the template redefines version %d of %s (that version is known with another"
		      " text; any change must be a new version)"),
		    t->version, t->id);
		return ST_REFUSED;
	}
	return ST_OK;
}

/* The type check, said as such: the file is a template, but one this program cannot use. */
static enum status
template_checked(const char *json, struct template **t, struct err *e)
{
	if (template_parse(json, t, e) == ST_OK)
		return ST_OK;
	err_prefix(e, L("mẫu báo cáo không qua kiểm tra: ", "the template fails the check: "));
	return ST_REFUSED;
}

static enum status
publish_store(struct store *db, const struct template *t, bool same, const char *where,
	      struct err *e)
{
	enum status rc;
	if (!same && ((rc = template_install(db, t->source, e)) != ST_OK ||
		      (rc = store_do(db,
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
	bool same;
	enum status rc;

	if ((rc = template_checked(json, &t, e)) != ST_OK)
		return rc;
	if ((rc = template_known(db, t, &same, e)) != ST_OK || (rc = store_begin(db, e)) != ST_OK)
		goto done;
	if ((rc = publish_store(db, t, same, where, e)) != ST_OK)
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

/* template_file_check, giving the verified text (source, when not NULL) for storing it. */
static enum status
file_checked(struct store *db, const unsigned char *data, size_t len, struct template_info *info,
	     bool *already, char **source, struct err *e)
{
	struct template_file f;
	struct template *t;
	unsigned char pk[SIGN_PK_BYTES];
	enum status rc;
	sqlite3_stmt *st;
	bool enrolled = false;

	*already = false;
	memset(info, 0, sizeof *info);
	if ((st = store_query(db, "SELECT central_sign_pk FROM enrollment WHERE current = 1", e,
			      "")) == NULL)
		return ST_ENV;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_bytes(st, 0) == SIGN_PK_BYTES) {
		memcpy(pk, sqlite3_column_blob(st, 0), SIGN_PK_BYTES);
		enrolled = true;
	}
	sqlite3_finalize(st);
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
	if ((rc = template_checked(f.source, &t, e)) == ST_OK) {
		info_fill(info, t);
		if ((rc = template_known(db, t, already, e)) != ST_OK)
			template_info_free(info);
		template_free(t);
	}
	if (rc == ST_OK && source != NULL)
		*source = f.source;
	else
		free(f.source);
	return rc;
}

enum status
template_file_check(struct store *db, const unsigned char *data, size_t len,
		    struct template_info *info, bool *already, struct err *e)
{
	return file_checked(db, data, len, info, already, NULL, e);
}

enum status
template_file_install(struct store *db, const unsigned char *data, size_t len,
		      struct template_info *info, bool *already, struct err *e)
{
	char *source = NULL;
	enum status rc = file_checked(db, data, len, info, already, &source, e);
	if (rc == ST_OK && !*already && (rc = store_begin(db, e)) == ST_OK) {
		if ((rc = template_install(db, source, e)) == ST_OK)
			rc = store_commit(db, e);
		else
			store_rollback(db);
		if (rc != ST_OK)
			template_info_free(info);
	}
	free(source);
	return rc;
}

bool
template_file_at(const char *path)
{
	char *text;
	size_t len, i = 0;
	struct err e;
	static const char begin[] = "-----BEGIN XHHT TEMPLATE-----";
	if (file_read(path, 2 * SIGNED_MAX_BODY, &text, &len, &e) != ST_OK)
		return false;
	while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
		i++;
	bool is = template_file_detect((const unsigned char *)text, len) ||
		  (len - i >= sizeof begin - 1 && memcmp(text + i, begin, sizeof begin - 1) == 0);
	free(text);
	return is;
}
