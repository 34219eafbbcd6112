/* report.c: reports between JSON, memory and the database. */
#include "report.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "phase.h"
#include "store.h"
#include "text.h"

/* Texts longer than this are refused before any other check: no field allows a tenth of it. */
#define TEXT_MAX_BYTES (1024u * 1024)
#define TABLE_MAX_ROWS 100000

void
value_clear(struct value *v)
{
	free(v->s);
	*v = (struct value){V_NULL, 0, NULL};
}

struct report *
report_new(struct template *t)
{
	struct report *r = xcalloc(1, sizeof *r);
	r->t = t;
	r->values = xcalloc(t->nfields, sizeof *r->values);
	r->tables = xcalloc(t->nfields, sizeof *r->tables);
	return r;
}

struct report *
report_empty(struct template *t, int year)
{
	struct report *r = report_new(t);
	r->year = year;
	return r;
}

void
report_free(struct report *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->t->nfields; i++) {
		value_clear(&r->values[i]);
		for (size_t j = 0; j < r->tables[i].n; j++) {
			for (size_t k = 0; k < r->t->fields[i].ncolumns; k++)
				value_clear(&r->tables[i].rows[j].cells[k]);
			free(r->tables[i].rows[j].cells);
		}
		free(r->tables[i].rows);
	}
	free(r->values);
	free(r->tables);
	free(r->unit_code);
	free(r->unit_name);
	template_free(r->t);
	free(r);
}

bool
report_parse_year(const char *s, int *year)
{
	char *end;
	long v;
	if (!isdigit((unsigned char)s[0]))
		return false;
	v = strtol(s, &end, 10);
	if (*end != '\0' || v < REPORT_MIN_YEAR || v > REPORT_MAX_YEAR)
		return false;
	*year = (int)v;
	return true;
}

bool
report_parse_period(const char *s, int *year, int *phase_first)
{
	char first[5], last[5];
	int used = 0, a, b;
	if (report_parse_year(s, year)) {
		*phase_first = 0;
		return true;
	}
	/* The whole operand: "2023-20251" or "2023-2025abc" name no phase. */
	if (sscanf(s, "%4[0-9]-%4[0-9]%n", first, last, &used) != 2 || s[used] != '\0' ||
	    !report_parse_year(first, &a) || !report_parse_year(last, &b) || a >= b)
		return false;
	*phase_first = a;
	*year = b;
	return true;
}

void
report_period_text(int year, int phase_first, char out[REPORT_PERIOD_SIZE])
{
	if (phase_first > 0)
		snprintf(out, REPORT_PERIOD_SIZE, "%d-%d", phase_first, year);
	else
		snprintf(out, REPORT_PERIOD_SIZE, "%d", year);
}

void
report_period_name(int year, int phase_first, char out[REPORT_PERIOD_NAME_SIZE])
{
	char period[REPORT_PERIOD_SIZE];
	report_period_text(year, phase_first, period);
	snprintf(out, REPORT_PERIOD_NAME_SIZE,
		 phase_first ? L("giai đoạn %s", "%s phase") : L("năm %s", "%s"), period);
}

static bool
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool
iso_date_valid(const char *s)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, d;
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return false;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1900 || m < 1 || m > 12 || d < 1)
		return false;
	return d <= mdays[m - 1] + (m == 2 && leap(y));
}

/* Reads one JSON value into v for a field of type f. where names it in messages. */
static enum status
value_from_json(const struct field *f, const struct jnode *n, struct value *v, const char *where,
		struct err *e)
{
	const char *why;
	char *clean;

	*v = (struct value){V_NULL, 0, NULL};
	if (n->type == J_NULL)
		return ST_OK;
	switch (f->type) {
	case F_TEXT:
	case F_LONGTEXT:
	case F_CHOICE:
		if (n->type != J_TEXT)
			break;
		if (strlen(n->text) > TEXT_MAX_BYTES) {
			err_set(e, L("%s: văn bản quá dài (%zu byte; tối đa %zu ký tự)",
				     "%s: text too long (%zu bytes; at most %zu characters)"),
				where, strlen(n->text), f->max_length);
			return ST_REFUSED;
		}
		/* json_parse checked it as UTF-8. */
		clean = text_clean_valid(n->text, f->type == F_LONGTEXT ? TEXT_MULTILINE : TEXT_LINE,
					 &why);
		if (clean == NULL) {
			err_set(e, "%s: %s", where, why);
			return ST_REFUSED;
		}
		if (clean[0] == '\0') {
			free(clean);
			return ST_OK;
		}
		*v = (struct value){V_TEXT, 0, clean};
		return ST_OK;
	case F_INT:
	case F_MONEY:
		if (n->type == J_INT && n->big) {
			err_set(e, L("%s: số quá lớn (%s)", "%s: number too large (%s)"), where, n->text);
			return ST_REFUSED;
		}
		if (n->type == J_REAL) {
			err_set(e, L("%s: phải là số nguyên, không phải %s", "%s: must be a whole number, not %s"),
				where, n->text);
			return ST_REFUSED;
		}
		if (n->type != J_INT)
			break;
		*v = (struct value){V_INT, n->i, NULL};
		return ST_OK;
	case F_DATE:
		if (n->type != J_TEXT)
			break;
		if (n->text[0] == '\0')
			return ST_OK;
		if (!iso_date_valid(n->text)) {
			err_set(e, L("%s: ngày không hợp lệ \"%.40s\" (cần dạng YYYY-MM-DD)",
				     "%s: invalid date \"%.40s\" (expected YYYY-MM-DD)"),
				where, n->text);
			return ST_REFUSED;
		}
		*v = (struct value){V_DATE, 0, xstrdup(n->text)};
		return ST_OK;
	case F_YESNO:
		if (n->type != J_TRUE && n->type != J_FALSE)
			break;
		*v = (struct value){V_BOOL, n->type == J_TRUE, NULL};
		return ST_OK;
	case F_TABLE:
		break;
	}
	static const char *const expected_vi[] = {"chuỗi", "chuỗi", "số nguyên", "số nguyên",
						  "ngày (chuỗi YYYY-MM-DD)", "true hoặc false",
						  "chuỗi", "mảng"};
	static const char *const expected_en[] = {"a string", "a string", "a whole number",
						  "a whole number", "a date string (YYYY-MM-DD)",
						  "true or false", "a string", "an array"};
	err_set(e, L("%s: phải là %s, không phải %s", "%s: must be %s, not %s"), where,
		L(expected_vi[f->type], expected_en[f->type]), json_type_name(n->type));
	return ST_REFUSED;
}

/* The field of a (report fields or a table's columns) named id, or -1. Keys usually come in
 * template order: the one after the last found is tried first. */
static int
field_after(const struct field *a, size_t n, const char *id, int *last)
{
	size_t next = (size_t)(*last + 1);
	for (size_t k = 0; k < n; k++) {
		size_t i = (next + k) % n;
		if (a[i].id && strcmp(a[i].id, id) == 0) {
			*last = (int)i;
			return (int)i;
		}
	}
	return -1;
}

static enum status
table_from_json(const struct field *f, const struct jnode *arr, struct rows *out, struct err *e)
{
	char where[300];
	if (arr->type == J_NULL)
		return ST_OK;
	if (arr->type != J_ARRAY) {
		err_set(e, L("tables.%s: phải là mảng các dòng, không phải %s",
			     "tables.%s: must be an array of rows, not %s"),
			f->id, json_type_name(arr->type));
		return ST_REFUSED;
	}
	if (arr->nkids > TABLE_MAX_ROWS) {
		err_set(e, L("tables.%s: quá nhiều dòng (%zu; tối đa %zu)",
			     "tables.%s: too many rows (%zu; at most %zu)"),
			f->id, arr->nkids, f->max_rows);
		return ST_REFUSED;
	}
	out->rows = xcalloc(arr->nkids, sizeof *out->rows);
	for (size_t i = 0; i < arr->nkids; i++) {
		const struct jnode *obj = arr->kids[i];
		struct row *row = &out->rows[out->n++];
		row->cells = xcalloc(f->ncolumns, sizeof *row->cells);
		if (obj->type != J_OBJECT) {
			err_set(e, L("tables.%s dòng %zu: phải là đối tượng, không phải %s",
				     "tables.%s row %zu: must be an object, not %s"),
				f->id, i + 1, json_type_name(obj->type));
			return ST_REFUSED;
		}
		int lastc = -1;
		for (size_t k = 0; k < obj->nkids; k++) {
			int c = field_after(f->columns, f->ncolumns, obj->kids[k]->key, &lastc);
			if (c < 0) {
				err_set(e, L("tables.%s dòng %zu: không có cột \"%.60s\" trong mẫu báo cáo",
					     "tables.%s row %zu: the template has no column \"%.60s\""),
					f->id, i + 1, obj->kids[k]->key);
				return ST_REFUSED;
			}
			if (value_from_json(&f->columns[c], obj->kids[k], &row->cells[c], "", e) == ST_OK)
				continue;
			/* The cell's name is written only for a message: read it again to say where. */
			snprintf(where, sizeof where, L("tables.%s dòng %zu, cột %s", "tables.%s row %zu, column %s"),
				 f->id, i + 1, f->columns[c].id);
			value_from_json(&f->columns[c], obj->kids[k], &row->cells[c], where, e);
			return ST_REFUSED;
		}
	}
	return ST_OK;
}

static enum status
refuse(struct err *e, const char *vi, const char *en, const char *arg)
{
	err_set(e, L(vi, en), arg);
	return ST_REFUSED;
}

/* The file as one JSON object with only the known top-level keys. */
static enum status
read_root(const char *text, size_t len, struct jnode **root, struct err *e)
{
	static const char *const top_keys[] = {"template", "template_version", "unit", "year",
					       "revision", "values", "tables"};
	enum status st;
	if (len > REPORT_MAX_BYTES)
		return refuse(e, "tệp quá lớn (%s)", "file too large (%s)", "> 32 MB");
	/* UTF-8 is checked by json_parse: outside strings JSON is ASCII. */
	if (strlen(text) != len)
		return refuse(e, "tệp không phải văn bản UTF-8 hợp lệ%s",
			      "the file is not valid UTF-8 text%s", "");
	if ((st = json_parse(text, root, e)) != ST_OK)
		return st;
	if ((*root)->type != J_OBJECT)
		return refuse(e, "tệp phải chứa một đối tượng JSON%s",
			      "the file must hold one JSON object%s", "");
	for (size_t i = 0; i < (*root)->nkids; i++) {
		size_t k;
		for (k = 0; k < ARRAY_LEN(top_keys); k++)
			if (strcmp((*root)->kids[i]->key, top_keys[k]) == 0)
				break;
		if (k == ARRAY_LEN(top_keys))
			return refuse(e, "khóa không được biết đến ở cấp ngoài cùng: \"%.60s\"",
				      "unknown top-level key \"%.60s\"", (*root)->kids[i]->key);
	}
	return ST_OK;
}

/* The template the file names, from db. */
static enum status
read_template(struct store *db, const struct jnode *root, struct template **t, struct err *e)
{
	const struct jnode *tid = json_get(root, "template"), *tver = json_get(root, "template_version");
	if (tid == NULL || tid->type != J_TEXT || tver == NULL || tver->type != J_INT ||
	    tver->big || tver->i < 1 || tver->i > 100000)
		return refuse(e, "thiếu \"template\" (chuỗi) hoặc \"template_version\" (số nguyên)%s",
			      "missing \"template\" (string) or \"template_version\" (integer)%s", "");
	return template_get(db, tid->text, (int)tver->i, t, e);
}

/* The year (which must be year when that is given), the revision and the unit. */
static enum status
read_header(const struct jnode *root, int year, struct report *r, struct err *e)
{
	const struct jnode *n = json_get(root, "year");
	if (n == NULL || n->type != J_INT || n->big || n->i < REPORT_MIN_YEAR ||
	    n->i > REPORT_MAX_YEAR)
		return refuse(e, "thiếu \"year\" hoặc năm không hợp lệ (2000–2100)%s",
			      "missing or invalid \"year\" (2000-2100)%s", "");
	r->year = (int)n->i;
	/* A phase review is the report of its closing year, never of another. */
	if (r->t->phase_first && r->year != r->t->phase_last) {
		char period[REPORT_PERIOD_SIZE];
		report_period_text(r->t->phase_last, r->t->phase_first, period);
		err_set(e,
			L("mẫu %s là báo cáo giai đoạn %s, không phải của năm %d",
			  "template %s is the %s phase review, not a report for %d"),
			r->t->id, period, r->year);
		return ST_REFUSED;
	}
	if (year > 0 && r->year != year) {
		err_set(e, L("tệp là báo cáo năm %d, không phải năm %d",
			     "the file is the report for %d, not %d"),
			r->year, year);
		return ST_REFUSED;
	}
	n = json_get(root, "revision");
	if (n != NULL) {
		if (n->type != J_INT || n->big || n->i < 0 || n->i > 1000000)
			return refuse(e, "\"revision\" phải là số nguyên không âm%s",
				      "\"revision\" must be a whole number >= 0%s", "");
		r->revision = (int)n->i;
	}
	n = json_get(root, "unit");
	if (n != NULL && n->type != J_NULL) {
		const struct jnode *code = json_get(n, "code"), *name = json_get(n, "name");
		const char *why;
		if (n->type != J_OBJECT || code == NULL || code->type != J_TEXT ||
		    (name != NULL && name->type != J_TEXT) || n->nkids > 1 + (name != NULL))
			return refuse(e, "\"unit\" phải là {\"code\": chuỗi, \"name\": chuỗi}%s",
				      "\"unit\" must be {\"code\": string, \"name\": string}%s", "");
		if (strlen(code->text) > 200 || (name && strlen(name->text) > 2000) ||
		    (r->unit_code = text_clean(code->text, TEXT_LINE, &why)) == NULL ||
		    (name && (r->unit_name = text_clean(name->text, TEXT_LINE, &why)) == NULL))
			return refuse(e, "\"unit\": mã hoặc tên đơn vị không hợp lệ%s",
				      "\"unit\": invalid unit code or name%s", "");
	}
	return ST_OK;
}

/* root's member key, which may be absent but is otherwise an object. */
static enum status
optional_object(const struct jnode *root, const char *key, const struct jnode **out, struct err *e)
{
	*out = json_get(root, key);
	if (*out != NULL && (*out)->type != J_OBJECT)
		return refuse(e, "\"%s\" phải là một đối tượng", "\"%s\" must be an object", key);
	return ST_OK;
}

/* "values" (an object, or NULL): each a field of the template, in its order, none a table. */
static enum status
read_values(const struct jnode *vals, struct report *r, struct err *e)
{
	const struct template *t = r->t;
	int lastf = -1;
	enum status st;
	for (size_t i = 0; vals && i < vals->nkids; i++) {
		int f = field_after(t->fields, t->nfields, vals->kids[i]->key, &lastf);
		if (f < 0 || t->fields[f].type == F_TABLE) {
			err_set(e, f < 0 ? L("values: mẫu báo cáo %s không có mục \"%.80s\"",
					     "values: template %s has no field \"%.80s\"")
					 : L("values: %s: \"%.80s\" là bảng, phải nằm trong \"tables\"",
					     "values: %s: \"%.80s\" is a table and belongs in \"tables\""),
				t->id, vals->kids[i]->key);
			return ST_REFUSED;
		}
		if ((st = value_from_json(&t->fields[f], vals->kids[i], &r->values[f],
					  t->fields[f].id, e)) != ST_OK)
			return st;
	}
	return ST_OK;
}

/* "tables" (an object, or NULL): each a table field of the template. */
static enum status
read_tables(const struct jnode *tabs, struct report *r, struct err *e)
{
	enum status st;
	const struct template *t = r->t;
	for (size_t i = 0; tabs && i < tabs->nkids; i++) {
		int f = template_field(t, tabs->kids[i]->key);
		if (f < 0 || t->fields[f].type != F_TABLE)
			return refuse(e, "tables: mẫu báo cáo không có bảng \"%.80s\"",
				      "tables: the template has no table \"%.80s\"", tabs->kids[i]->key);
		if ((st = table_from_json(&t->fields[f], tabs->kids[i], &r->tables[f], e)) != ST_OK)
			return st;
	}
	return ST_OK;
}

enum status
report_from_json(struct store *db, const char *text, size_t len, int year, struct report **out,
		 struct err *e)
{
	struct jnode *root = NULL;
	const struct jnode *vals, *tabs;
	struct template *t = NULL;
	struct report *r = NULL;
	enum status st;

	*out = NULL;
	if ((st = read_root(text, len, &root, e)) != ST_OK ||
	    (st = read_template(db, root, &t, e)) != ST_OK)
		goto done;
	r = report_new(t);
	if ((st = read_header(root, year, r, e)) != ST_OK ||
	    (st = optional_object(root, "values", &vals, e)) != ST_OK ||
	    (st = read_values(vals, r, e)) != ST_OK ||
	    (st = optional_object(root, "tables", &tabs, e)) != ST_OK ||
	    (st = read_tables(tabs, r, e)) != ST_OK)
		goto done;
	*out = r;
	r = NULL;
done:
	if (r != NULL)
		report_free(r);
	else if (*out == NULL)
		template_free(t);
	json_free(root);
	return st;
}

static void
indent(struct buf *b, int n)
{
	buf_addc(b, '\n');
	while (n-- > 0)
		buf_addc(b, ' ');
}

static void
value_json(const struct value *v, struct buf *b)
{
	switch (v->k) {
	case V_INT:
		buf_printf(b, "%lld", (long long)v->i);
		break;
	case V_BOOL:
		buf_adds(b, v->i ? "true" : "false");
		break;
	case V_TEXT:
	case V_DATE:
		json_write_string(b, v->s);
		break;
	case V_NULL:
		buf_adds(b, "null");
	}
}

void
report_table_json(const struct field *f, const struct rows *t, struct buf *b)
{
	buf_addc(b, '[');
	for (size_t j = 0; j < t->n; j++) {
		bool first = true;
		buf_adds(b, j ? ",{" : "{");
		for (size_t k = 0; k < f->ncolumns; k++) {
			const struct value *v = &t->rows[j].cells[k];
			if (v->k == V_NULL)
				continue;
			buf_adds(b, first ? "" : ",");
			first = false;
			json_write_string(b, f->columns[k].id);
			buf_addc(b, ':');
			value_json(v, b);
		}
		buf_addc(b, '}');
	}
	buf_addc(b, ']');
}

void
report_to_json(const struct report *r, struct buf *b)
{
	const struct template *t = r->t;
	bool first = true;

	buf_adds(b, "{");
	indent(b, 1);
	buf_adds(b, "\"template\": ");
	json_write_string(b, t->id);
	buf_printf(b, ",");
	indent(b, 1);
	buf_printf(b, "\"template_version\": %d,", t->version);
	if (r->unit_code != NULL) {
		indent(b, 1);
		buf_adds(b, "\"unit\": {\"code\": ");
		json_write_string(b, r->unit_code);
		buf_adds(b, ", \"name\": ");
		json_write_string(b, r->unit_name ? r->unit_name : "");
		buf_adds(b, "},");
	}
	indent(b, 1);
	buf_printf(b, "\"year\": %d,", r->year);
	indent(b, 1);
	buf_printf(b, "\"revision\": %d,", r->revision);
	indent(b, 1);
	buf_adds(b, "\"values\": {");
	for (size_t i = 0; i < t->nfields; i++) {
		if (t->fields[i].type == F_TABLE || r->values[i].k == V_NULL)
			continue;
		buf_adds(b, first ? "" : ",");
		first = false;
		indent(b, 2);
		json_write_string(b, t->fields[i].id);
		buf_adds(b, ": ");
		value_json(&r->values[i], b);
	}
	if (!first)
		indent(b, 1);
	buf_adds(b, "},");
	indent(b, 1);
	buf_adds(b, "\"tables\": {");
	first = true;
	for (size_t i = 0; i < t->nfields; i++) {
		const struct field *f = &t->fields[i];
		if (f->type != F_TABLE)
			continue;
		buf_adds(b, first ? "" : ",");
		first = false;
		indent(b, 2);
		json_write_string(b, f->id);
		buf_adds(b, ": [");
		for (size_t j = 0; j < r->tables[i].n; j++) {
			bool firstcol = true;
			buf_adds(b, j ? "," : "");
			indent(b, 3);
			buf_adds(b, "{");
			for (size_t k = 0; k < f->ncolumns; k++) {
				const struct value *v = &r->tables[i].rows[j].cells[k];
				if (v->k == V_NULL)
					continue;
				buf_adds(b, firstcol ? "" : ",");
				firstcol = false;
				indent(b, 4);
				json_write_string(b, f->columns[k].id);
				buf_adds(b, ": ");
				value_json(v, b);
			}
			indent(b, 3);
			buf_adds(b, "}");
		}
		if (r->tables[i].n)
			indent(b, 2);
		buf_adds(b, "]");
	}
	if (!first)
		indent(b, 1);
	buf_adds(b, "}");
	indent(b, 0);
	buf_adds(b, "}\n");
}

void
value_bind(sqlite3_stmt *st, int col, const struct value *v)
{
	if (v->k == V_INT || v->k == V_BOOL)
		sqlite3_bind_int64(st, col, v->i);
	else
		sqlite3_bind_text(st, col, v->s, -1, SQLITE_STATIC);
}

/* Writes table field of r: a report_row for each row, then a report_cell for each value set
 * in it (the rows stored before are the caller's to delete). */
static enum status
table_write(struct store *db, const struct report *r, size_t field, struct err *e)
{
	const struct field *f = &r->t->fields[field];
	if (r->tables[field].n == 0)
		return ST_OK;
	sqlite3_stmt *row = store_query(
		db,
		"INSERT INTO report_row(year, phase_first, table_id, position) VALUES (?1, ?4, ?2, ?3)",
		e, "it", r->year, f->id);
	sqlite3_stmt *cell =
		row ? store_query(db,
				  "INSERT INTO report_cell(row_id, column_id, value) VALUES (?1, ?2, ?3)",
				  e, "")
		    : NULL;
	bool ok = cell != NULL;
	if (ok)
		sqlite3_bind_int(row, 4, report_phase_first(r));
	for (size_t j = 0; ok && j < r->tables[field].n; j++) {
		sqlite3_reset(row); /* the year and table stay bound */
		sqlite3_bind_int64(row, 3, (sqlite3_int64)j + 1);
		ok = sqlite3_step(row) == SQLITE_DONE;
		sqlite3_int64 id = sqlite3_last_insert_rowid(db->sql);
		for (size_t k = 0; ok && k < f->ncolumns; k++) {
			const struct value *v = &r->tables[field].rows[j].cells[k];
			if (v->k == V_NULL)
				continue;
			sqlite3_reset(cell);
			sqlite3_bind_int64(cell, 1, id);
			sqlite3_bind_text(cell, 2, f->columns[k].id, -1, SQLITE_STATIC);
			value_bind(cell, 3, v);
			ok = sqlite3_step(cell) == SQLITE_DONE;
		}
	}
	enum status rc = ok ? ST_OK : cell == NULL ? ST_ENV : store_error(db, e);
	sqlite3_finalize(row);
	sqlite3_finalize(cell);
	return rc;
}

enum status
report_save(struct store *db, const struct report *r, struct err *e)
{
	const struct template *t = r->t;
	sqlite3_stmt *st = NULL;
	char now[32];

	store_now(now);
	if (sqlite3_prepare_v2(
		db->sql,
		"INSERT INTO report(year, phase_first, template_id, template_version,"
		" draft_unit_code, draft_unit_name, revision, created_at, updated_at)"
		" VALUES (?1, ?8, ?2, ?3, ?4, ?5, ?6, ?7, ?7)"
		" ON CONFLICT(year, phase_first) DO UPDATE SET template_id = ?2, template_version = ?3,"
		" draft_unit_code = coalesce(?4, draft_unit_code),"
		" draft_unit_name = coalesce(?5, draft_unit_name),"
		" revision = max(revision, ?6), updated_at = ?7,"
		" checked_at = NULL, check_errors = NULL, check_warnings = NULL",
		-1, &st, NULL) != SQLITE_OK)
		goto sqlerr;
	sqlite3_bind_int(st, 1, r->year);
	sqlite3_bind_text(st, 2, t->id, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, t->version);
	sqlite3_bind_text(st, 4, r->unit_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, r->unit_name, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, r->revision);
	sqlite3_bind_text(st, 7, now, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 8, report_phase_first(r));
	if (sqlite3_step(st) != SQLITE_DONE)
		goto sqlerr;
	sqlite3_finalize(st);
	st = NULL;
	if (store_do(db, "DELETE FROM report_value WHERE year = ?1 AND phase_first = ?2", e, "ii",
		     r->year, report_phase_first(r)) != ST_OK ||
	    store_do(db, "DELETE FROM report_row WHERE year = ?1 AND phase_first = ?2", e, "ii",
		     r->year, report_phase_first(r)) != ST_OK)
		goto fail;
	if (sqlite3_prepare_v2(db->sql,
			       "INSERT INTO report_value(year, phase_first, field_id, value)"
			       " VALUES (?1, ?4, ?2, ?3)",
			       -1, &st, NULL) != SQLITE_OK)
		goto sqlerr;
	for (size_t i = 0; i < t->nfields; i++) {
		const struct field *f = &t->fields[i];
		if (f->type != F_TABLE) {
			if (r->values[i].k == V_NULL)
				continue;
			sqlite3_reset(st);
			sqlite3_bind_int(st, 1, r->year);
			sqlite3_bind_text(st, 2, f->id, -1, SQLITE_STATIC);
			value_bind(st, 3, &r->values[i]);
			sqlite3_bind_int(st, 4, report_phase_first(r));
			if (sqlite3_step(st) != SQLITE_DONE)
				goto sqlerr;
			continue;
		}
		if (table_write(db, r, i, e) != ST_OK)
			goto fail;
	}
	sqlite3_finalize(st);
	return ST_OK;
sqlerr:
	store_error(db, e);
fail:
	sqlite3_finalize(st);
	return ST_ENV;
}

/* Reads a stored value back into the shape its field expects. */
static void
column_value(sqlite3_stmt *st, int col, const struct field *f, struct value *v)
{
	enum vkind k = ftype_vkind(f->type);
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return;
	if (k == V_INT || k == V_BOOL)
		*v = (struct value){k, sqlite3_column_int64(st, col), NULL};
	else
		*v = (struct value){k, 0, xstrdup((const char *)sqlite3_column_text(st, col))};
}

enum status
report_read(struct store *db, int year, int phase_first, struct report **out, struct err *e)
{
	sqlite3_stmt *st = NULL;
	struct template *t = NULL;
	struct report *r = NULL;
	enum status rc;

	*out = NULL;
	if ((st = store_query(db,
			      "SELECT r.template_id, r.template_version, r.revision,"
			      " coalesce(u.code, r.draft_unit_code), coalesce(u.name, r.draft_unit_name)"
			      " FROM report r LEFT JOIN unit u WHERE r.year = ?1 AND r.phase_first = ?2",
			      e, "ii", year, phase_first)) == NULL)
		return ST_ENV;
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return phase_no_report(db, year, phase_first, e);
	}
	rc = template_get(db, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int(st, 1), &t,
			  e);
	if (rc != ST_OK) {
		sqlite3_finalize(st);
		return rc;
	}
	r = report_new(t);
	r->year = year;
	r->revision = sqlite3_column_int(st, 2);
	if (sqlite3_column_type(st, 3) != SQLITE_NULL)
		r->unit_code = xstrdup((const char *)sqlite3_column_text(st, 3));
	if (sqlite3_column_type(st, 4) != SQLITE_NULL)
		r->unit_name = xstrdup((const char *)sqlite3_column_text(st, 4));
	sqlite3_finalize(st);

	if (sqlite3_prepare_v2(db->sql,
			       "SELECT field_id, value FROM report_value"
			       " WHERE year = ?1 AND phase_first = ?2",
			       -1, &st, NULL) != SQLITE_OK)
		goto sqlerr;
	sqlite3_bind_int(st, 1, year);
	sqlite3_bind_int(st, 2, phase_first);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int f = template_field(t, (const char *)sqlite3_column_text(st, 0));
		if (f >= 0 && t->fields[f].type != F_TABLE)
			column_value(st, 1, &t->fields[f], &r->values[f]);
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(db->sql,
			       "SELECT w.table_id, w.id, c.column_id, c.value FROM report_row w"
			       " LEFT JOIN report_cell c ON c.row_id = w.id"
			       " WHERE w.year = ?1 AND w.phase_first = ?2"
			       " ORDER BY w.table_id, w.position, w.id",
			       -1, &st, NULL) != SQLITE_OK)
		goto sqlerr;
	sqlite3_bind_int(st, 1, year);
	sqlite3_bind_int(st, 2, phase_first);
	sqlite3_int64 last = -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int f = template_field(t, (const char *)sqlite3_column_text(st, 0));
		struct rows *rs;
		if (f < 0 || t->fields[f].type != F_TABLE)
			continue;
		rs = &r->tables[f];
		if (sqlite3_column_int64(st, 1) != last) {
			last = sqlite3_column_int64(st, 1);
			rs->rows = xreallocarray(rs->rows, rs->n + 1, sizeof *rs->rows);
			rs->rows[rs->n++].cells = xcalloc(t->fields[f].ncolumns, sizeof(struct value));
		}
		if (sqlite3_column_type(st, 2) == SQLITE_NULL)
			continue;
		int c = field_column(&t->fields[f], (const char *)sqlite3_column_text(st, 2));
		if (c >= 0)
			column_value(st, 3, &t->fields[f].columns[c], &rs->rows[rs->n - 1].cells[c]);
	}
	sqlite3_finalize(st);
	*out = r;
	return ST_OK;
sqlerr:
	store_error(db, e);
	sqlite3_finalize(st);
	report_free(r);
	return ST_ENV;
}

static void
number_format(int64_t v, struct buf *b)
{
	char digits[32];
	char sep = ui_lang == LANG_EN ? ',' : '.';
	int n = snprintf(digits, sizeof digits, "%lld", (long long)v), start = 0;
	if (digits[0] == '-') {
		buf_addc(b, '-');
		start = 1;
	}
	for (int i = start; i < n; i++) {
		buf_addc(b, digits[i]);
		if (i < n - 1 && (n - 1 - i) % 3 == 0)
			buf_addc(b, sep);
	}
}

void
value_format(const struct field *f, const struct value *v, struct buf *b)
{
	switch (v->k) {
	case V_NULL:
		buf_adds(b, L("(trống)", "(empty)"));
		return;
	case V_INT:
		if (f->plain_digits)
			buf_printf(b, "%" PRId64, v->i);
		else
			number_format(v->i, b);
		if (f->type == F_MONEY)
			buf_adds(b, L(" đ", " VND"));
		return;
	case V_BOOL:
		buf_adds(b, v->i ? TR(f->yes_label) : TR(f->no_label));
		return;
	case V_DATE:
		if (strlen(v->s) == 10)
			buf_printf(b, "%.2s/%.2s/%.4s", v->s + 8, v->s + 5, v->s);
		else
			buf_adds(b, v->s);
		return;
	case V_TEXT:
		buf_adds(b, f->type == F_CHOICE ? field_option_label(f, v->s) : v->s);
		return;
	}
}

void
report_no_report(int year, int phase_first, struct err *e)
{
	char period[REPORT_PERIOD_SIZE];
	report_period_text(year, phase_first, period);
	if (phase_first)
		err_set(e,
			L("chưa bắt đầu báo cáo giai đoạn %s", "the %s phase review is not started"),
			period);
	else
		err_set(e, L("chưa có báo cáo năm %d", "there is no report for %d"), year);
}

enum status
report_open_or_new(struct store *db, int year, int phase_first, struct report **out,
		   struct err *e)
{
	struct template *t = NULL;
	sqlite3_stmt *st;
	char id[128];
	int version;
	enum status rc = report_read(db, year, phase_first, out, e);
	/* A phase review starts pre-filled (phase_start), never empty. */
	if (rc != ST_REFUSED || phase_first)
		return rc;
	/* A new draft answers the newest yearly template this program holds. */
	if (sqlite3_prepare_v2(
		db->sql,
		"SELECT id, version FROM template WHERE id = ?1 ORDER BY version DESC LIMIT 1", -1,
		&st, NULL) != SQLITE_OK)
		return store_error(db, e);
	sqlite3_bind_text(st, 1, TEMPLATE_YEARLY, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		err_set(e, L("chưa có mẫu báo cáo năm", "no yearly report template"));
		return ST_ENV;
	}
	snprintf(id, sizeof id, "%s", sqlite3_column_text(st, 0));
	version = sqlite3_column_int(st, 1);
	sqlite3_finalize(st);
	if ((rc = template_get(db, id, version, &t, e)) != ST_OK)
		return rc;
	*out = report_new(t);
	(*out)->year = year;
	return ST_OK;
}

/* Makes sure the report row exists, so a value can be stored before anything else. */
static enum status
ensure_report_row(struct store *db, const struct report *r, const char *now, struct err *e)
{
	sqlite3_stmt *st;
	enum status rc;
	if (sqlite3_prepare_v2(
		db->sql,
		"INSERT INTO report(year, phase_first, template_id, template_version, revision,"
		" created_at, updated_at) VALUES (?1, ?6, ?2, ?3, ?4, ?5, ?5)"
		" ON CONFLICT(year, phase_first) DO UPDATE"
		" SET updated_at = ?5, checked_at = NULL, check_errors = NULL,"
		" check_warnings = NULL",
		-1, &st, NULL) != SQLITE_OK)
		return store_error(db, e);
	sqlite3_bind_int(st, 1, r->year);
	sqlite3_bind_text(st, 2, r->t->id, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, r->t->version);
	sqlite3_bind_int(st, 4, r->revision);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, report_phase_first(r));
	rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : store_error(db, e);
	sqlite3_finalize(st);
	return rc;
}

/* A pre-filled field of a phase review the clerk sets is theirs from then on: its provenance
 * says so, and filling the review again leaves it. */
static enum status
prefill_changed(struct store *db, const struct report *r, int field, struct err *e)
{
	if (!report_phase_first(r))
		return ST_OK;
	return store_do(db,
			"UPDATE prefill SET changed = 1"
			" WHERE year = ?1 AND phase_first = ?2 AND field_id = ?3",
			e, "iit", r->year, report_phase_first(r), r->t->fields[field].id);
}

enum status
report_set_value(struct store *db, struct report *r, int field, const struct value *v,
		 struct err *e)
{
	sqlite3_stmt *st;
	char now[32];
	enum status rc;

	store_now(now);
	if ((rc = store_begin(db, e)) != ST_OK)
		return rc;
	if ((rc = ensure_report_row(db, r, now, e)) != ST_OK)
		goto fail;
	if (sqlite3_prepare_v2(
		db->sql,
		v->k == V_NULL
		    ? "DELETE FROM report_value WHERE year = ?1 AND phase_first = ?4 AND field_id = ?2"
		    : "INSERT INTO report_value(year, phase_first, field_id, value)"
		      " VALUES (?1, ?4, ?2, ?3)"
		      " ON CONFLICT(year, phase_first, field_id) DO UPDATE SET value = ?3",
		-1, &st, NULL) != SQLITE_OK) {
		rc = store_error(db, e);
		goto fail;
	}
	sqlite3_bind_int(st, 1, r->year);
	sqlite3_bind_text(st, 2, r->t->fields[field].id, -1, SQLITE_STATIC);
	if (v->k != V_NULL)
		value_bind(st, 3, v);
	sqlite3_bind_int(st, 4, report_phase_first(r));
	rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : store_error(db, e);
	sqlite3_finalize(st);
	if (rc != ST_OK || (rc = prefill_changed(db, r, field, e)) != ST_OK)
		goto fail;
	if ((rc = store_commit(db, e)) != ST_OK)
		return rc;
	value_clear(&r->values[field]);
	r->values[field] = (struct value){v->k, v->i, v->s ? xstrdup(v->s) : NULL};
	return ST_OK;
fail:
	store_rollback(db);
	return rc;
}

enum status
report_save_table(struct store *db, struct report *r, int field, struct err *e)
{
	char now[32];
	enum status rc;

	store_now(now);
	if ((rc = store_begin(db, e)) != ST_OK)
		return rc;
	if ((rc = ensure_report_row(db, r, now, e)) != ST_OK ||
	    (rc = store_do(db,
			   "DELETE FROM report_row WHERE year = ?1 AND phase_first = ?2"
			   " AND table_id = ?3",
			   e, "iit", r->year, report_phase_first(r), r->t->fields[field].id)) !=
		ST_OK ||
	    (rc = prefill_changed(db, r, field, e)) != ST_OK ||
	    (rc = table_write(db, r, (size_t)field, e)) != ST_OK) {
		store_rollback(db);
		return rc;
	}
	return store_commit(db, e);
}

bool
field_is_figure(const struct field *f)
{
	return f->type == F_INT || f->type == F_MONEY;
}

/* Whether last year's value v of field from goes into the new report's field to (same id):
 * never a date (the year's own) nor a value of another type; a figure only when kept. */
static bool
carried_over(const struct field *from, const struct value *v, const struct field *to,
	     bool keep_figures)
{
	if (v->k == V_NULL || from->type != to->type || from->type == F_DATE)
		return false;
	return keep_figures || !field_is_figure(from);
}

void
value_copy(struct value *to, const struct value *from)
{
	*to = (struct value){from->k, from->i, from->s ? xstrdup(from->s) : NULL};
}

/* The rows of table field old of from into table field f of r, column by column id. */
static void
copy_table(const struct report *from, int old, struct report *r, int f, bool keep_figures)
{
	const struct field *of = &from->t->fields[old], *nf = &r->t->fields[f];
	const struct rows *src = &from->tables[old];
	struct rows *dst = &r->tables[f];
	dst->rows = xcalloc(src->n ? src->n : 1, sizeof *dst->rows);
	dst->n = src->n;
	for (size_t j = 0; j < src->n; j++) {
		dst->rows[j].cells = xcalloc(nf->ncolumns ? nf->ncolumns : 1, sizeof(struct value));
		for (size_t k = 0; k < nf->ncolumns; k++) {
			int c = field_column(of, nf->columns[k].id);
			if (c >= 0 && carried_over(&of->columns[c], &src->rows[j].cells[c],
						   &nf->columns[k], keep_figures))
				value_copy(&dst->rows[j].cells[k], &src->rows[j].cells[c]);
		}
	}
}

/* What of from goes into the new report r (matched by field id: r may answer a newer
 * template). */
static void
copy_report(const struct report *from, struct report *r, bool keep_figures)
{
	if (from->unit_code)
		r->unit_code = xstrdup(from->unit_code);
	if (from->unit_name)
		r->unit_name = xstrdup(from->unit_name);
	for (size_t i = 0; i < r->t->nfields; i++) {
		const struct field *f = &r->t->fields[i];
		int old = template_field(from->t, f->id);
		if (old < 0)
			continue;
		const struct field *of = &from->t->fields[old];
		if (f->type == F_TABLE && of->type == F_TABLE)
			copy_table(from, old, r, (int)i, keep_figures);
		else if (carried_over(of, &from->values[old], f, keep_figures))
			value_copy(&r->values[i], &from->values[old]);
	}
}

enum status
report_start_year(struct store *db, int year, int from_year, bool keep_figures, struct err *e)
{
	struct report *from = NULL, *r = NULL;
	enum status rc;

	if (from_year == year) {
		err_set(e,
			L("không chép được báo cáo năm %d vào chính nó",
			  "the %d report cannot be copied into itself"),
			year);
		return ST_ENV;
	}
	if ((rc = store_begin(db, e)) != ST_OK)
		return rc;
	if (store_int(db, 0, "SELECT count(*) FROM report WHERE year = ?1 AND phase_first = 0", "i",
		      year) != 0) {
		err_set(
		    e,
		    L("đã có báo cáo năm %d: mở nó để sửa, không bắt đầu lại",
		      "there is already a report for %d: open it to edit, it is not started again"),
		    year);
		rc = ST_REFUSED;
		goto done;
	}
	if (from_year != 0 && (rc = report_read(db, from_year, 0, &from, e)) != ST_OK)
		goto done;
	if ((rc = report_open_or_new(db, year, 0, &r, e)) != ST_OK)
		goto done;
	if (from)
		copy_report(from, r, keep_figures);
	rc = report_save(db, r, e);
done:
	if (rc == ST_OK)
		rc = store_commit(db, e);
	else
		store_rollback(db);
	report_free(from);
	report_free(r);
	return rc;
}

void
report_start_told(int year, int from_year, bool keep_figures, char *out, size_t size)
{
	const char *kept = L("Đã bắt đầu báo cáo năm %d: chép từ năm %d, giữ số liệu, xóa ngày tháng.",
			     "Started the %d report from %d's: figures kept, dates cleared.");
	const char *cleared = L("Đã bắt đầu báo cáo năm %d: chép từ năm %d, xóa số liệu và ngày tháng.",
				"Started the %d report from %d's: figures and dates cleared.");
	if (from_year == 0)
		snprintf(out, size, L("Đã bắt đầu báo cáo năm %d: trống.", "Started the %d report: empty."),
			 year);
	else
		snprintf(out, size, keep_figures ? kept : cleared, year, from_year);
}

int
report_year_before(struct store *db, int year)
{
	return (int)store_int(db, 0, "SELECT max(year) FROM report WHERE year < ?1 AND phase_first = 0",
				"i", year);
}

/* Digits with the separators people write (1.250.000, 1,250,000, 1 250 000). */
static bool
parse_number(const char *s, int64_t *out)
{
	int64_t v = 0;
	bool neg = false, digits = false;
	while (*s == ' ')
		s++;
	if (*s == '-') {
		neg = true;
		s++;
	}
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, *s - '0', &v))
				return false;
			digits = true;
		} else if (*s != '.' && *s != ',' && *s != ' ')
			return false;
	}
	*out = neg ? -v : v;
	return digits;
}

/* dd/mm/yyyy, d/m/yy, d-m-yyyy, d.m.yyyy, or ISO yyyy-mm-dd. */
static bool
parse_date(const char *s, int report_year, char out[11])
{
	int a, b, c;
	char sep1, sep2, tail;
	char iso[11];
	(void)report_year;
	if (sscanf(s, "%4d-%2d-%2d%c", &a, &b, &c, &tail) == 3 && strlen(s) == 10) {
		snprintf(iso, sizeof iso, "%04d-%02d-%02d", a, b, c);
	} else if (sscanf(s, "%2d%c%2d%c%4d%c", &a, &sep1, &b, &sep2, &c, &tail) == 5 &&
		   sep1 == sep2 && strchr("/-.", sep1)) {
		if (c < 100)
			c += 2000; /* a clerk writing 24 means 2024 */
		snprintf(iso, sizeof iso, "%04d-%02d-%02d", c, b, a);
	} else
		return false;
	if (!iso_date_valid(iso))
		return false;
	memcpy(out, iso, 11);
	return true;
}

bool
value_parse(const struct field *f, const char *input, int report_year, struct value *out,
	    const char **why)
{
	char *clean;
	*out = (struct value){V_NULL, 0, NULL};
	*why = NULL;
	switch (f->type) {
	case F_INT:
	case F_MONEY: {
		int64_t v;
		const char *p = input;
		while (*p == ' ')
			p++;
		if (*p == '\0')
			return true;
		if (!parse_number(input, &v)) {
			*why = L("chỉ nhập chữ số", "digits only");
			return false;
		}
		*out = (struct value){V_INT, v, NULL};
		return true;
	}
	case F_DATE: {
		char iso[11];
		const char *p = input;
		while (*p == ' ')
			p++;
		if (*p == '\0')
			return true;
		if (!parse_date(p, report_year, iso)) {
			*why = L("ngày không hợp lệ, nhập dạng ngày/tháng/năm, ví dụ 28/11/2024",
				 "invalid date: type day/month/year, e.g. 28/11/2024");
			return false;
		}
		*out = (struct value){V_DATE, 0, xstrdup(iso)};
		return true;
	}
	case F_YESNO:
	case F_TABLE:
		*why = "";
		return false;
	default:
		clean = text_clean(input, f->type == F_LONGTEXT ? TEXT_MULTILINE : TEXT_LINE, why);
		if (clean == NULL)
			return false;
		if (clean[0] == '\0')
			free(clean);
		else
			*out = (struct value){V_TEXT, 0, clean};
		return true;
	}
}

void
value_input_text(const struct field *f, const struct value *v, struct buf *b)
{
	if (v->k == V_NULL)
		return;
	if (v->k == V_INT && !f->plain_digits) {
		number_format(v->i, b);
		return;
	}
	value_format(f, v, b);
}

static void
csv_value(struct buf *b, const struct value *v)
{
	char n[32];
	switch (v->k) {
	case V_INT:
		snprintf(n, sizeof n, "%lld", (long long)v->i);
		buf_adds(b, n);
		break;
	case V_BOOL:
		buf_adds(b, v->i ? "1" : "0");
		break;
	case V_TEXT:
	case V_DATE:
		buf_csv(b, v->s);
		break;
	case V_NULL:
		break;
	}
}

void
report_to_csv(const struct report *r, struct buf *b)
{
	const struct template *t = r->t;
	/* A phase review's lines say its period (2023-2025), never its closing year alone: in a
	 * sheet beside the 2025 report's they are not taken for its values. */
	char period[REPORT_PERIOD_SIZE];
	report_period_text(r->year, report_phase_first(r), period);
	/* Long form, one value a line, so that one file holds fields and tables alike; Excel
	 * needs the byte-order mark to read UTF-8. */
	buf_adds(b, "\xef\xbb\xbfunit_code,year,field_id,row,column_id,label,value\r\n");
	for (size_t i = 0; i < t->nfields; i++) {
		const struct field *f = &t->fields[i];
		if (f->type != F_TABLE) {
			if (r->values[i].k == V_NULL)
				continue;
			buf_csv(b, r->unit_code ? r->unit_code : "");
			buf_printf(b, ",%s,%s,,,", period, f->id);
			buf_csv(b, TR(f->label));
			buf_addc(b, ',');
			csv_value(b, &r->values[i]);
			buf_adds(b, "\r\n");
			continue;
		}
		for (size_t j = 0; j < r->tables[i].n; j++)
			for (size_t k = 0; k < f->ncolumns; k++) {
				const struct value *v = &r->tables[i].rows[j].cells[k];
				if (v->k == V_NULL)
					continue;
				buf_csv(b, r->unit_code ? r->unit_code : "");
				buf_printf(b, ",%s,%s,%zu,%s,", period, f->id, j + 1,
					   f->columns[k].id);
				buf_csv(b, TR(f->columns[k].label));
				buf_addc(b, ',');
				csv_value(b, v);
				buf_adds(b, "\r\n");
			}
	}
}
