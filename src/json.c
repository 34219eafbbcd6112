/* json.c: builds a JSON tree from SQLite's json_tree() and writes JSON strings. */
#include "json.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store.h"

static void
add_kid(struct jnode *parent, struct jnode *kid)
{
	if ((parent->nkids & (parent->nkids - 1)) == 0) /* grow at powers of two */
		parent->kids = xreallocarray(parent->kids, parent->nkids ? parent->nkids * 2 : 1,
					     sizeof *parent->kids);
	parent->kids[parent->nkids++] = kid;
}

static const char json_tree_sql[] = "SELECT id, parent, type, key, atom FROM json_tree(?1)";
static const char json_tree_strict_sql[] =
	"SELECT id, parent, type, key, atom FROM json_tree(?1) WHERE json_valid(?1)";

enum status
json_parse(sqlite3 *db, const char *text, struct jnode **out, struct err *e)
{
	sqlite3_stmt *st = NULL;
	struct jnode **byid = NULL, *root = NULL;
	size_t cap = 0, textlen = strlen(text);
	int rc;

	*out = NULL;
	/* SQLite cuts a string at an escaped NUL; text never needs one, so refuse it. Outside
	 * strings a backslash is invalid JSON anyway, so scanning every escape is enough. */
	for (const char *p = text; (p = strchr(p, '\\')) != NULL; p += 2) {
		if (p[1] == '\0')
			break;
		if (strncmp(p + 1, "u0000", 5) == 0) {
			err_set(e, L("chuỗi JSON chứa ký tự NUL (\\u0000)",
				     "a JSON string contains NUL (\\u0000)"));
			return ST_REFUSED;
		}
	}
	/* From SQLite 3.42 json_tree also reads JSON5 (comments, trailing commas), which our files
	 * must not contain: json_valid must say yes first. Before, both take exactly the same
	 * texts, and parsing once is a tenth of the importer's time. A valid text gives at least
	 * its root row. */
	st = store_stmt(db, sqlite3_libversion_number() < 3042000 ? json_tree_sql : json_tree_strict_sql,
			NULL);
	if (st == NULL)
		goto sqlerr;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 id = sqlite3_column_int64(st, 0);
		const char *type = (const char *)sqlite3_column_text(st, 2);
		struct jnode *n = xcalloc(1, sizeof *n);

		if (id < 0 || (size_t)id > textlen * 2 + 16) {
			free(n);
			err_set(e, "json_tree: unexpected node id");
			goto fail;
		}
		if ((size_t)id >= cap) {
			size_t ncap = cap ? cap : 64;
			while (ncap <= (size_t)id)
				ncap *= 2;
			byid = xreallocarray(byid, ncap, sizeof *byid);
			memset(byid + cap, 0, (ncap - cap) * sizeof *byid);
			cap = ncap;
		}
		byid[id] = n;
		if (strcmp(type, "null") == 0)
			n->type = J_NULL;
		else if (strcmp(type, "true") == 0)
			n->type = J_TRUE;
		else if (strcmp(type, "false") == 0)
			n->type = J_FALSE;
		else if (strcmp(type, "integer") == 0) {
			n->type = J_INT;
			if (sqlite3_column_type(st, 4) == SQLITE_INTEGER)
				n->i = sqlite3_column_int64(st, 4);
			else
				n->big = true;
			n->text = xstrdup((const char *)sqlite3_column_text(st, 4));
		} else if (strcmp(type, "real") == 0) {
			n->type = J_REAL;
			n->text = xstrdup((const char *)sqlite3_column_text(st, 4));
		} else if (strcmp(type, "text") == 0) {
			const char *a = (const char *)sqlite3_column_text(st, 4);
			int len = sqlite3_column_bytes(st, 4);
			n->type = J_TEXT;
			/* An escaped \u0000 would cut the string short later: refuse it here. */
			if (a == NULL || (size_t)len != strlen(a)) {
				err_set(e, L("chuỗi JSON chứa ký tự NUL", "a JSON string contains NUL"));
				goto fail_step;
			}
			n->text = xstrdup(a);
		} else if (strcmp(type, "array") == 0)
			n->type = J_ARRAY;
		else
			n->type = J_OBJECT;

		if (sqlite3_column_type(st, 1) == SQLITE_NULL) {
			root = n;
			continue;
		}
		sqlite3_int64 pid = sqlite3_column_int64(st, 1);
		if (pid < 0 || (size_t)pid >= cap || byid[pid] == NULL) {
			err_set(e, "json_tree: parent before child");
			goto fail_step;
		}
		struct jnode *parent = byid[pid];
		if (parent->type == J_OBJECT) {
			const char *k = (const char *)sqlite3_column_text(st, 3);
			n->key = xstrdup(k ? k : "");
			if (json_get(parent, n->key) != NULL) {
				err_set(e, L("khóa \"%s\" xuất hiện hai lần trong cùng một đối tượng JSON",
					     "key \"%s\" appears twice in one JSON object"),
					n->key);
				add_kid(parent, n);
				goto fail;
			}
		}
		add_kid(parent, n);
		continue;
	fail_step:
		if (root != n)
			json_free(n);
		goto fail;
	}
	if (rc == SQLITE_ERROR || (rc == SQLITE_DONE && root == NULL)) {
		err_set(e, L("không phải JSON hợp lệ (thiếu, thừa hoặc sai dấu ngoặc, dấu phẩy, "
			     "dấu nháy, hoặc lồng nhau quá sâu)",
			     "not valid JSON (missing or extra bracket, comma or quote, or nested "
			     "too deeply)"));
		goto fail;
	}
	if (rc != SQLITE_DONE)
		goto sqlerr;
	store_done(st);
	free(byid);
	*out = root;
	return ST_OK;

sqlerr:
	err_set(e, "SQLite: %s", sqlite3_errmsg(db));
fail:
	store_done(st);
	free(byid);
	json_free(root);
	return ST_REFUSED;
}

void
json_free(struct jnode *n)
{
	if (n == NULL)
		return;
	for (size_t i = 0; i < n->nkids; i++)
		json_free(n->kids[i]);
	free(n->kids);
	free(n->key);
	free(n->text);
	free(n);
}

const struct jnode *
json_get(const struct jnode *obj, const char *key)
{
	if (obj == NULL || obj->type != J_OBJECT)
		return NULL;
	for (size_t i = 0; i < obj->nkids; i++)
		if (strcmp(obj->kids[i]->key, key) == 0)
			return obj->kids[i];
	return NULL;
}

const char *
json_type_name(enum jtype t)
{
	switch (t) {
	case J_NULL:
		return "null";
	case J_TRUE:
	case J_FALSE:
		return L("true/false", "true/false");
	case J_INT:
		return L("số nguyên", "integer");
	case J_REAL:
		return L("số thập phân", "decimal number");
	case J_TEXT:
		return L("chuỗi", "string");
	case J_ARRAY:
		return L("mảng", "array");
	case J_OBJECT:
		return L("đối tượng", "object");
	}
	return "?";
}

void
json_write_string(struct buf *b, const char *s)
{
	buf_addc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			buf_adds(b, "\\\"");
			break;
		case '\\':
			buf_adds(b, "\\\\");
			break;
		case '\n':
			buf_adds(b, "\\n");
			break;
		case '\t':
			buf_adds(b, "\\t");
			break;
		case '\r':
			buf_adds(b, "\\r");
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				buf_printf(b, "\\u%04x", *p);
			else
				buf_addc(b, (char)*p);
		}
	}
	buf_addc(b, '"');
}
