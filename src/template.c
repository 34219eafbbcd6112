/* template.c: reads, checks and stores report templates (docs/template-format.md). */
#include "template.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "embedded.h"
#include "expr.h"
#include "json.h"
#include "text.h"

struct tctx {
	struct template *t;
	struct err *e;
	char where[256]; /* "field chung.email" */
};

static bool
bad(struct tctx *c, const char *fmt, const char *arg)
{
	char what[512];
	snprintf(what, sizeof what, fmt, arg);
	err_set(c->e, "template: %s%s%s", c->where, c->where[0] ? ": " : "", what);
	return false;
}

static bool
valid_id(const char *s, bool dotted)
{
	int dots = 0;
	if (!islower((unsigned char)*s))
		return false;
	for (; *s; s++) {
		if (*s == '.') {
			if (!dotted || ++dots > 1 || !islower((unsigned char)s[1]))
				return false;
		} else if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '_')
			return false;
	}
	return !dotted || dots == 1;
}

static bool
get_tr(struct tctx *c, const struct jnode *obj, const char *key, bool required, struct tr *out)
{
	const struct jnode *n = json_get(obj, key), *vi, *en;
	if (n == NULL) {
		if (required)
			return bad(c, "missing \"%s\"", key);
		out->vi = xstrdup("");
		out->en = xstrdup("");
		return true;
	}
	vi = json_get(n, "vi");
	en = json_get(n, "en");
	if (vi == NULL || en == NULL || vi->type != J_TEXT || en->type != J_TEXT)
		return bad(c, "\"%s\" must be {\"vi\": text, \"en\": text}", key);
	out->vi = text_nfc(vi->text);
	out->en = text_nfc(en->text);
	return true;
}

static bool
get_int(struct tctx *c, const struct jnode *obj, const char *key, int64_t *out)
{
	const struct jnode *n = json_get(obj, key);
	if (n == NULL)
		return true;
	if (n->type != J_INT || n->big)
		return bad(c, "\"%s\" must be an integer", key);
	*out = n->i;
	return true;
}

static bool
get_bool(struct tctx *c, const struct jnode *obj, const char *key, bool *out)
{
	const struct jnode *n = json_get(obj, key);
	if (n == NULL)
		return true;
	if (n->type != J_TRUE && n->type != J_FALSE)
		return bad(c, "\"%s\" must be true or false", key);
	*out = n->type == J_TRUE;
	return true;
}

static const char *
get_text(struct tctx *c, const struct jnode *obj, const char *key, bool required)
{
	const struct jnode *n = json_get(obj, key);
	if (n == NULL) {
		if (required)
			bad(c, "missing \"%s\"", key);
		return NULL;
	}
	if (n->type != J_TEXT) {
		bad(c, "\"%s\" must be text", key);
		return NULL;
	}
	return n->text;
}

static const char *const type_names[] = {"text", "longtext", "int", "money",
					 "date", "yesno",    "choice", "table"};

const char *
ftype_name(enum ftype t)
{
	return type_names[t];
}

static const struct {
	const char *name, *vi, *en, *tag_vi, *tag_en, *head_vi, *head_en;
} levels[] = {
#define FINDING_LEVEL_ROW(id, name, vi, en, tag_vi, tag_en, head_vi, head_en)                      \
	[id] = {name, vi, en, tag_vi, tag_en, head_vi, head_en},
	FINDING_LEVELS(FINDING_LEVEL_ROW)
#undef FINDING_LEVEL_ROW
};

const char *
level_name(enum level lv)
{
	return levels[lv].name;
}

int
level_parse(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(levels); i++)
		if (strcmp(levels[i].name, name) == 0)
			return (int)i;
	return -1;
}

const char *
level_word(enum level lv)
{
	return L(levels[lv].vi, levels[lv].en);
}

const char *
level_tag(enum level lv)
{
	return L(levels[lv].tag_vi, levels[lv].tag_en);
}

const char *
level_heading(enum level lv)
{
	return L(levels[lv].head_vi, levels[lv].head_en);
}

static bool
check_placeholders(struct tctx *c, const char *msg, const struct expr_scope *scope)
{
	for (const char *p = strchr(msg, '{'); p; p = strchr(p + 1, '{')) {
		const char *end = strchr(p, '}');
		char name[128];
		if (end == NULL || (size_t)(end - p) >= sizeof name)
			return bad(c, "message \"%s\": unclosed {", msg);
		memcpy(name, p + 1, (size_t)(end - p - 1));
		name[end - p - 1] = '\0';
		const char *id = strncmp(name, "label:", 6) == 0 ? name + 6 : name;
		if (strcmp(id, "value") == 0 || strcmp(id, "label") == 0 || strcmp(id, "row") == 0)
			continue;
		if (scope->table && field_column(scope->table, id) >= 0)
			continue;
		int f = template_field(scope->t, id);
		if (f < 0 || scope->t->fields[f].type == F_TABLE)
			return bad(c, "message names unknown field {%s}", id);
	}
	return true;
}

static bool
parse_expr(struct tctx *c, const struct jnode *obj, const char *key, const struct expr_scope *sc,
	   struct expr **out)
{
	const char *src = get_text(c, obj, key, false);
	enum vkind type;
	struct err e2;
	if (src == NULL)
		return json_get(obj, key) == NULL;
	*out = expr_parse(src, sc, &type, &e2);
	if (*out == NULL)
		return bad(c, "%s", e2.msg);
	if (type != V_BOOL)
		return bad(c, "\"%s\" must be a true/false expression", key);
	return true;
}

static bool parse_field(struct tctx *c, const struct jnode *n, struct field *f, bool column);

static bool
parse_rules(struct tctx *c, const struct jnode *arr, const struct expr_scope *sc,
	    struct rule **out, size_t *nout)
{
	char where[sizeof c->where];
	bool ok = true;
	if (arr == NULL)
		return true;
	if (arr->type != J_ARRAY)
		return bad(c, "%s", "rules must be an array");
	memcpy(where, c->where, sizeof where);
	*out = xcalloc(arr->nkids, sizeof **out);
	for (size_t i = 0; i < arr->nkids && ok; i++) {
		const struct jnode *r = arr->kids[i];
		struct rule *rule = &(*out)[i];
		const char *id = get_text(c, r, "id", true), *field, *level;
		int lv;
		(*nout)++;
		if (id == NULL)
			return false;
		rule->id = xstrdup(id);
		snprintf(c->where, sizeof c->where, "%.100s%srule %.100s", where, where[0] ? ", " : "",
			 id);
		if ((field = get_text(c, r, "field", true)) == NULL ||
		    (level = get_text(c, r, "level", true)) == NULL)
			return false;
		rule->field = sc->table ? field_column(sc->table, field)
					: template_field(sc->t, field);
		if (rule->field < 0)
			return bad(c, "unknown field \"%s\"", field);
		if ((lv = level_parse(level)) < 0)
			return bad(c, "level must be \"error\" or \"warning\", not \"%s\"", level);
		rule->level = (enum level)lv;
		if (json_get(r, "when") == NULL)
			return bad(c, "%s", "missing \"when\"");
		ok = parse_expr(c, r, "when", sc, &rule->when) &&
		     get_tr(c, r, "message", true, &rule->message) &&
		     check_placeholders(c, rule->message.vi, sc) &&
		     check_placeholders(c, rule->message.en, sc);
	}
	if (ok)
		memcpy(c->where, where, sizeof where);
	return ok;
}

static bool
parse_options(struct tctx *c, const struct jnode *n, struct field *f)
{
	const struct jnode *opts = json_get(n, "options");
	if (f->type != F_CHOICE)
		return opts == NULL || bad(c, "%s", "\"options\" only for choice fields");
	if (opts == NULL || opts->type != J_ARRAY || opts->nkids == 0)
		return bad(c, "%s", "a choice field needs a non-empty \"options\" array");
	f->options = xcalloc(opts->nkids, sizeof *f->options);
	for (size_t i = 0; i < opts->nkids; i++) {
		const char *v = get_text(c, opts->kids[i], "value", true);
		if (v == NULL)
			return false;
		f->options[i].value = xstrdup(v);
		f->noptions++;
		if (!get_tr(c, opts->kids[i], "label", true, &f->options[i].label))
			return false;
		for (size_t j = 0; j < i; j++)
			if (strcmp(f->options[j].value, v) == 0)
				return bad(c, "option \"%s\" given twice", v);
	}
	return true;
}

static const char *const prefill_names[] = {
	NULL,
#define PREFILL_HOW_NAME(id, name) name,
	PREFILL_HOWS(PREFILL_HOW_NAME)
#undef PREFILL_HOW_NAME
};

const char *
prefill_name(enum prefill_how how)
{
	return prefill_names[how];
}

/* Whether a field of type t can hold what a way of filling gives. */
static bool
prefill_fits(enum prefill_how how, enum ftype t)
{
	switch (how) {
	case PF_SUM:
		return t == F_INT || t == F_MONEY;
	case PF_COUNT:
		return t == F_INT;
	case PF_ROWS:
		return t == F_TABLE;
	case PF_LAST:
		return t != F_TABLE;
	case PF_YEARS:
		return t == F_TEXT || t == F_LONGTEXT;
	case PF_NONE:
		break;
	}
	return false;
}

/* "prefill": {"how": ..., "from": FIELD_ID [, "year_column": COLUMN_ID]}, in a phase review. */
static bool
parse_prefill(struct tctx *c, const struct jnode *n, struct field *f, bool column)
{
	const struct jnode *p = json_get(n, "prefill");
	f->prefill_year_column = -1;
	if (p == NULL)
		return true;
	if (column || c->t->phase_first == 0)
		return bad(c, "%s", "\"prefill\" only on a field of a phase review (\"phase\")");
	const char *how = get_text(c, p, "how", true), *from = get_text(c, p, "from", true);
	const char *ycol = get_text(c, p, "year_column", false);
	if (how == NULL || from == NULL)
		return false;
	for (size_t i = 1; i < ARRAY_LEN(prefill_names); i++)
		if (strcmp(how, prefill_names[i]) == 0)
			f->prefill = (enum prefill_how)i;
	if (f->prefill == PF_NONE)
		return bad(c, "unknown \"prefill\" way \"%s\"", how);
	if (!prefill_fits(f->prefill, f->type))
		return bad(c, "\"prefill\" \"%s\" does not fit this type of field", how);
	if (!valid_id(from, true))
		return bad(c, "bad \"prefill\" source field \"%s\"", from);
	f->prefill_from = xstrdup(from);
	if (ycol != NULL) {
		f->prefill_year_column = f->prefill == PF_ROWS ? field_column(f, ycol) : -1;
		if (f->prefill_year_column < 0 || f->columns[f->prefill_year_column].type != F_INT)
			return bad(
			    c, "\"year_column\" must name an int column of the table, not \"%s\"",
			    ycol);
	}
	return true;
}

static bool
parse_field(struct tctx *c, const struct jnode *n, struct field *f, bool column)
{
	const char *type = get_text(c, n, "type", true), *fmt;
	size_t ti;
	int64_t v;

	if (type == NULL)
		return false;
	for (ti = 0; ti < ARRAY_LEN(type_names); ti++)
		if (strcmp(type, type_names[ti]) == 0)
			break;
	if (ti == ARRAY_LEN(type_names) || (column && ti == F_TABLE))
		return bad(c, "unknown type \"%s\"", type);
	f->type = (enum ftype)ti;
	if (!get_tr(c, n, "label", true, &f->label) || !get_tr(c, n, "help", false, &f->help) ||
	    !get_bool(c, n, "required", &f->required) ||
	    !get_bool(c, n, "not_after_today", &f->not_after_today))
		return false;
	if (f->not_after_today && f->type != F_DATE)
		return bad(c, "%s", "\"not_after_today\" only for dates");
	f->min = 0;
	f->max = f->type == F_MONEY ? 1000000000000000LL : 1000000000LL;
	if (!get_int(c, n, "min", &f->min) || !get_int(c, n, "max", &f->max))
		return false;
	if ((json_get(n, "min") || json_get(n, "max")) && f->type != F_INT && f->type != F_MONEY)
		return bad(c, "%s", "\"min\"/\"max\" only for int and money");
	if (!get_bool(c, n, "plain_digits", &f->plain_digits))
		return false;
	if (f->plain_digits && f->type != F_INT)
		return bad(c, "%s", "\"plain_digits\" only for int");
	if (f->min > f->max)
		return bad(c, "%s", "\"min\" is larger than \"max\"");
	v = f->type == F_LONGTEXT ? 8000 : 200;
	if (!get_int(c, n, "max_length", &v))
		return false;
	if (v < 1 || v > 100000)
		return bad(c, "%s", "\"max_length\" must be 1..100000");
	f->max_length = (size_t)v;
	fmt = get_text(c, n, "format", false);
	if (fmt != NULL) {
		if (f->type != F_TEXT)
			return bad(c, "%s", "\"format\" only for text fields");
		if (strcmp(fmt, "phone") == 0)
			f->format = FMT_PHONE;
		else if (strcmp(fmt, "email") == 0)
			f->format = FMT_EMAIL;
		else
			return bad(c, "unknown format \"%s\"", fmt);
	}
	f->digits_min = 1;
	f->digits_max = 20;
	const struct jnode *d = json_get(n, "digits");
	if (d != NULL) {
		if (d->type != J_ARRAY || d->nkids != 2 || d->kids[0]->type != J_INT ||
		    d->kids[1]->type != J_INT || d->kids[0]->i < 1 || d->kids[1]->i > 50 ||
		    d->kids[0]->i > d->kids[1]->i || f->format != FMT_PHONE)
			return bad(c, "%s", "\"digits\" must be [min, max] on a phone field");
		f->digits_min = (int)d->kids[0]->i;
		f->digits_max = (int)d->kids[1]->i;
	}
	if (!parse_options(c, n, f))
		return false;
	if (!get_tr(c, n, "yes_label", false, &f->yes_label) ||
	    !get_tr(c, n, "no_label", false, &f->no_label))
		return false;
	if (f->yes_label.vi[0] == '\0') {
		free(f->yes_label.vi);
		free(f->yes_label.en);
		free(f->no_label.vi);
		free(f->no_label.en);
		f->yes_label = (struct tr){xstrdup("Có"), xstrdup("Yes")};
		f->no_label = (struct tr){xstrdup("Không"), xstrdup("No")};
	}
	if (f->type == F_TABLE) {
		const struct jnode *cols = json_get(n, "columns");
		int64_t lo = 0, hi = 1000;
		if (!get_int(c, n, "min_rows", &lo) || !get_int(c, n, "max_rows", &hi))
			return false;
		if (lo < 0 || hi < lo || hi > 100000)
			return bad(c, "%s", "rows must satisfy 0 <= min_rows <= max_rows <= 100000");
		f->min_rows = (size_t)lo;
		f->max_rows = (size_t)hi;
		if (cols == NULL || cols->type != J_ARRAY || cols->nkids == 0)
			return bad(c, "%s", "a table needs a non-empty \"columns\" array");
		f->columns = xcalloc(cols->nkids, sizeof *f->columns);
		char where[sizeof c->where];
		memcpy(where, c->where, sizeof where);
		for (size_t i = 0; i < cols->nkids; i++) {
			struct field *col = &f->columns[i];
			const char *id = get_text(c, cols->kids[i], "id", true);
			if (id == NULL)
				return false;
			col->id = xstrdup(id);
			f->ncolumns++;
			if (!valid_id(id, false))
				return bad(c, "bad column id \"%s\"", id);
			if (field_column(f, id) != (int)i)
				return bad(c, "column \"%s\" given twice", id);
			snprintf(c->where, sizeof c->where, "%.120s, column %.100s", where, id);
			col->section = f->section;
			if (!parse_field(c, cols->kids[i], col, true))
				return false;
		}
		memcpy(c->where, where, sizeof where);
		const struct jnode *g = json_get(n, "group_by");
		if (g != NULL) {
			if (g->type != J_ARRAY || g->nkids > f->ncolumns)
				return bad(c, "%s", "\"group_by\" must be an array of column ids");
			f->group_by = xcalloc(g->nkids ? g->nkids : 1, sizeof *f->group_by);
			for (size_t i = 0; i < g->nkids; i++) {
				int col = g->kids[i]->type == J_TEXT ? field_column(f, g->kids[i]->text) : -1;
				if (col < 0 || f->columns[col].type != F_CHOICE)
					return bad(c, "%s", "\"group_by\" names choice columns of the table");
				f->group_by[f->ngroup_by++] = col;
			}
		}
	} else if (json_get(n, "columns") || json_get(n, "row_rules") || json_get(n, "group_by"))
		return bad(c, "%s", "\"columns\" and \"row_rules\" only for tables");
	return parse_prefill(c, n, f, column);
}

/* Expressions may name any field, so they are parsed once every field is known. */
static bool
parse_field_exprs(struct tctx *c, const struct jnode *n, struct field *f)
{
	struct expr_scope sc = {c->t, NULL};
	if (!parse_expr(c, n, "required_if", &sc, &f->required_if))
		return false;
	if (f->type != F_TABLE)
		return true;
	const struct jnode *cols = json_get(n, "columns");
	char where[sizeof c->where];
	memcpy(where, c->where, sizeof where);
	sc.table = f;
	for (size_t i = 0; i < f->ncolumns; i++) {
		snprintf(c->where, sizeof c->where, "%.120s, column %.100s", where, f->columns[i].id);
		if (!parse_expr(c, cols->kids[i], "required_if", &sc, &f->columns[i].required_if))
			return false;
	}
	memcpy(c->where, where, sizeof where);
	return parse_rules(c, json_get(n, "row_rules"), &sc, &f->row_rules, &f->nrow_rules);
}

/* "phase": {"first": 2023, "last": 2025, "source": "bao-cao-nam"}: a phase review. */
static bool
parse_phase(struct tctx *c, const struct jnode *root)
{
	const struct jnode *p = json_get(root, "phase");
	int64_t first = 0, last = 0;
	if (p == NULL)
		return true;
	const char *src = get_text(c, p, "source", true);
	if (src == NULL || !get_int(c, p, "first", &first) || !get_int(c, p, "last", &last))
		return false;
	if (first < 2000 || last > 2100 || first >= last)
		return bad(c, "%s", "\"phase\" needs years 2000 <= \"first\" < \"last\" <= 2100");
	for (const char *q = src; *q; q++)
		if (!islower((unsigned char)*q) && !isdigit((unsigned char)*q) && *q != '-')
			return bad(c, "bad \"phase\" source template id \"%s\"", src);
	c->t->phase_first = (int)first;
	c->t->phase_last = (int)last;
	c->t->phase_source = xstrdup(src);
	return true;
}

/* format, id, version, title and due date. */
static bool
parse_head(struct tctx *c, const struct jnode *root)
{
	struct template *t = c->t;
	int64_t fmt = 0, version = 0;
	const char *id, *due;
	if (root->type != J_OBJECT)
		return bad(c, "%s", "must be a JSON object");
	if (!get_int(c, root, "format", &fmt) || fmt != 1)
		return bad(c, "%s", "\"format\" must be 1");
	if ((id = get_text(c, root, "id", true)) == NULL)
		return false;
	t->id = xstrdup(id);
	for (const char *p = id; *p; p++)
		if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) && *p != '-')
			return bad(c, "bad id \"%s\"", id);
	snprintf(c->where, sizeof c->where, "%.100s", id);
	if (!get_int(c, root, "version", &version) || version < 1 || version > 100000)
		return bad(c, "%s", "\"version\" must be a positive integer");
	t->version = (int)version;
	if (!get_tr(c, root, "title", true, &t->title))
		return false;
	if ((due = get_text(c, root, "due", true)) == NULL)
		return false;
	if (sscanf(due, "%2d-%2d", &t->due_month, &t->due_day) != 2 || t->due_month < 1 ||
	    t->due_month > 12 || t->due_day < 1 || t->due_day > 31)
		return bad(c, "\"due\" must be MM-DD, not \"%s\"", due);
	return parse_phase(c, root);
}

/* Section i and its fields (their expressions wait until every field is known). */
static bool
parse_section(struct tctx *c, const struct jnode *sn, size_t i)
{
	struct template *t = c->t;
	struct section *s = &t->sections[i];
	const char *sid = get_text(c, sn, "id", true);
	if (sid == NULL)
		return false;
	s->id = xstrdup(sid);
	t->nsections++;
	snprintf(c->where, sizeof c->where, "%.60s, section %.100s", t->id, sid);
	if (!valid_id(sid, false))
		return bad(c, "%s", "bad section id");
	for (size_t j = 0; j < i; j++)
		if (strcmp(t->sections[j].id, sid) == 0)
			return bad(c, "%s", "section given twice");
	if (!get_tr(c, sn, "title", true, &s->title) || !get_tr(c, sn, "help", false, &s->help))
		return false;
	const struct jnode *n = json_get(sn, "fields");
	s->first = t->nfields;
	for (size_t j = 0; j < n->nkids; j++) {
		struct field *f = &t->fields[t->nfields];
		const char *fid = get_text(c, n->kids[j], "id", true);
		if (fid == NULL)
			return false;
		f->id = xstrdup(fid);
		f->section = (int)i;
		t->nfields++;
		snprintf(c->where, sizeof c->where, "%.60s, field %.100s", t->id, fid);
		if (!valid_id(fid, true) || strncmp(fid, sid, strlen(sid)) != 0 ||
		    fid[strlen(sid)] != '.')
			return bad(c, "%s", "a field id must be <section id>.<name>");
		if (template_field(t, fid) != (int)t->nfields - 1)
			return bad(c, "%s", "field given twice");
		if (!parse_field(c, n->kids[j], f, false))
			return false;
	}
	s->count = t->nfields - s->first;
	return true;
}

/* The sections, each with a non-empty list of fields; then the fields' expressions, which may
 * name any field. */
static bool
parse_sections(struct tctx *c, const struct jnode *secs)
{
	struct template *t = c->t;
	const struct jnode *n;
	size_t total = 0;
	if (secs == NULL || secs->type != J_ARRAY || secs->nkids == 0)
		return bad(c, "%s", "needs a non-empty \"sections\" array");
	for (size_t i = 0; i < secs->nkids; i++) {
		n = json_get(secs->kids[i], "fields");
		if (n == NULL || n->type != J_ARRAY || n->nkids == 0)
			return bad(c, "%s", "every section needs a non-empty \"fields\" array");
		total += n->nkids;
	}
	t->sections = xcalloc(secs->nkids, sizeof *t->sections);
	t->fields = xcalloc(total, sizeof *t->fields);
	for (size_t i = 0; i < secs->nkids; i++)
		if (!parse_section(c, secs->kids[i], i))
			return false;
	for (size_t i = 0, k = 0; i < secs->nkids; i++) {
		n = json_get(secs->kids[i], "fields");
		for (size_t j = 0; j < n->nkids; j++, k++) {
			snprintf(c->where, sizeof c->where, "%.60s, field %.100s", t->id,
				 t->fields[k].id);
			if (!parse_field_exprs(c, n->kids[j], &t->fields[k]))
				return false;
		}
	}
	return true;
}

/* The template's cross-field rules, each id once. */
static bool
parse_template_rules(struct tctx *c, const struct jnode *root)
{
	struct template *t = c->t;
	struct expr_scope sc = {t, NULL};
	snprintf(c->where, sizeof c->where, "%.100s", t->id);
	if (!parse_rules(c, json_get(root, "rules"), &sc, &t->rules, &t->nrules))
		return false;
	for (size_t i = 0; i < t->nrules; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(t->rules[i].id, t->rules[j].id) == 0)
				return bad(c, "rule \"%s\" given twice", t->rules[i].id);
	return true;
}

enum status
template_parse(const char *json, struct template **out, struct err *e)
{
	struct jnode *root = NULL;
	struct template *t = xcalloc(1, sizeof *t);
	struct tctx c = {.t = t, .e = e};
	enum status st;

	*out = NULL;
	if (!utf8_valid(json, strlen(json))) {
		err_set(e, "template: not valid UTF-8");
		template_free(t);
		return ST_REFUSED;
	}
	if ((st = json_parse(json, &root, e)) != ST_OK) {
		err_prefix(e, "template: ");
		template_free(t);
		return st;
	}
	t->source = xstrdup(json);
	t->refs = 1;
	if (!parse_head(&c, root) || !parse_sections(&c, json_get(root, "sections")) ||
	    !parse_template_rules(&c, root)) {
		json_free(root);
		template_free(t);
		return ST_REFUSED;
	}
	json_free(root);
	*out = t;
	return ST_OK;
}

static void
tr_free(struct tr *t)
{
	free(t->vi);
	free(t->en);
}

static void
rules_free(struct rule *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(r[i].id);
		expr_free(r[i].when);
		tr_free(&r[i].message);
	}
	free(r);
}

static void
field_free(struct field *f)
{
	free(f->id);
	tr_free(&f->label);
	tr_free(&f->help);
	tr_free(&f->yes_label);
	tr_free(&f->no_label);
	expr_free(f->required_if);
	for (size_t i = 0; i < f->noptions; i++) {
		free(f->options[i].value);
		tr_free(&f->options[i].label);
	}
	free(f->options);
	for (size_t i = 0; i < f->ncolumns; i++)
		field_free(&f->columns[i]);
	free(f->columns);
	rules_free(f->row_rules, f->nrow_rules);
	free(f->group_by);
	free(f->prefill_from);
}

void
template_free(struct template *t)
{
	if (t == NULL || --t->refs > 0)
		return;
	free(t->id);
	tr_free(&t->title);
	for (size_t i = 0; i < t->nsections; i++) {
		free(t->sections[i].id);
		tr_free(&t->sections[i].title);
		tr_free(&t->sections[i].help);
	}
	free(t->sections);
	for (size_t i = 0; i < t->nfields; i++)
		field_free(&t->fields[i]);
	free(t->fields);
	rules_free(t->rules, t->nrules);
	free(t->source);
	free(t->phase_source);
	free(t);
}

/* Whether source field s fills field f the way f says (choices: every option of s is one of f). */
static bool
prefill_source_fits(const struct field *f, const struct field *s)
{
	switch (f->prefill) {
	case PF_SUM:
		return s->type == f->type;
	case PF_COUNT:
		return s->type == F_YESNO;
	case PF_YEARS:
		return s->type != F_TABLE;
	case PF_ROWS:
		return s->type == F_TABLE;
	case PF_LAST:
		break;
	case PF_NONE:
		return true;
	}
	if (s->type != f->type)
		return false;
	for (size_t i = 0; i < s->noptions; i++)
		if (field_option_label(f, s->options[i].value) == s->options[i].value)
			return false;
	return true;
}

int
template_prefill_source(const struct field *f, const struct template *src)
{
	int k = template_field(src, f->prefill_from);
	if (k < 0)
		return -1;
	if (!prefill_source_fits(f, &src->fields[k]))
		return -2;
	for (size_t j = 0; f->prefill == PF_ROWS && j < f->ncolumns; j++) {
		const struct field *sf = &src->fields[k];
		int sc = field_column(sf, f->columns[j].id);
		struct field want = f->columns[j];
		want.prefill = PF_LAST;
		if ((int)j != f->prefill_year_column && sc >= 0 &&
		    !prefill_source_fits(&want, &sf->columns[sc]))
			return -2;
	}
	return k;
}

enum status
template_check_prefill(const struct template *t, const struct template *src, struct err *e)
{
	return template_check_prefill_any(t, &src, 1, e);
}

enum status
template_check_prefill_any(const struct template *t, const struct template *const *src, size_t n,
			   struct err *e)
{
	for (size_t i = 0; i < t->nfields; i++) {
		const struct field *f = &t->fields[i];
		int k = f->prefill ? -1 : 0;
		for (size_t v = 0; k < 0 && v < n; v++) {
			int kv = template_prefill_source(f, src[v]);
			/* The first source's misfit is the one said. */
			k = kv >= 0 || v == 0 ? kv : k;
		}
		if (k < 0) {
			err_set(e,
				L("mẫu %s: mục %s: \"prefill\" %s từ %s: %s %s %d",
				  "template %s: field %s: \"prefill\" %s from %s: %s %s %d"),
				t->id, f->id, prefill_name(f->prefill), f->prefill_from,
				k == -1 ? L("không có mục này trong mẫu", "no such field in")
					: L("một mục (hoặc cột) khác kiểu trong mẫu",
					    "a field (or column) of another type in"),
				src[0]->id, src[0]->version);
			return ST_REFUSED;
		}
	}
	return ST_OK;
}

int
template_field(const struct template *t, const char *id)
{
	for (size_t i = 0; i < t->nfields; i++)
		if (t->fields[i].id && strcmp(t->fields[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* What a field is found by: its labels in both languages and its id, folded, the id also with
 * its "." and "_" read as spaces ("chung.nguoi_ky" is found by "nguoi ky"). */
static char *
field_haystack(const struct field *f)
{
	char *vi = text_fold(f->label.vi ? f->label.vi : ""), *en = text_fold(f->label.en ? f->label.en : "");
	char *id = text_fold(f->id ? f->id : "");
	char *words = xstrdup(id);
	for (char *p = words; *p; p++)
		if (*p == '.' || *p == '_')
			*p = ' ';
	char *all = xasprintf("%s\n%s\n%s\n%s", vi, en, id, words);
	free(vi);
	free(en);
	free(id);
	free(words);
	return all;
}

size_t
template_find(const struct template *t, const char *query, int *out, size_t max)
{
	char *q = text_fold(query ? query : ""), *save = NULL;
	size_t nwords = 0, n = 0;
	char **words = xcalloc(strlen(q) / 2 + 1, sizeof *words);
	for (char *w = strtok_r(q, " \t", &save); w; w = strtok_r(NULL, " \t", &save))
		words[nwords++] = w;
	for (size_t i = 0; nwords > 0 && i < t->nfields && n < max; i++) {
		char *hay = field_haystack(&t->fields[i]);
		size_t k = 0;
		while (k < nwords && strstr(hay, words[k]) != NULL)
			k++;
		if (k == nwords)
			out[n++] = (int)i;
		free(hay);
	}
	free(words);
	free(q);
	return n;
}

int
field_column(const struct field *table, const char *id)
{
	for (size_t i = 0; i < table->ncolumns; i++)
		if (table->columns[i].id && strcmp(table->columns[i].id, id) == 0)
			return (int)i;
	return -1;
}

bool
field_grouped_column(const struct field *table, size_t k)
{
	for (size_t g = 0; g < table->ngroup_by; g++)
		if (table->group_by[g] == (int)k)
			return true;
	return false;
}

const char *
field_option_label(const struct field *f, const char *value)
{
	for (size_t i = 0; i < f->noptions; i++)
		if (strcmp(f->options[i].value, value) == 0)
			return TR(f->options[i].label);
	return value;
}

/* Tests only (compiled with the test clock, -DXHHT_TEST_CLOCK, never into an installed
 * program): $XHHT_TEST_TEMPLATE names a template file taken as one more built-in one, so that
 * a command-line or full-screen test can give a data folder a newer version of a template
 * (docs/template-format.md, "Moving a draft to a new version"). */
static const char *
test_template(void)
{
#ifdef XHHT_TEST_CLOCK
	static char *text;
	static bool read;
	const char *path = getenv("XHHT_TEST_TEMPLATE");
	struct err e = {0};
	size_t len;
	if (!read && path != NULL && path[0] != '\0' &&
	    file_read(path, 1u << 20, &text, &len, &e) != ST_OK)
		text = NULL;
	read = true;
	return text;
#else
	return NULL;
#endif
}

size_t
template_builtin_count(void)
{
	size_t n = test_template() != NULL;
	for (const struct embedded_file *f = embedded_files; f->name; f++)
		if (strncmp(f->name, "templates/", 10) == 0)
			n++;
	return n;
}

const char *
template_builtin_source(size_t i)
{
	for (const struct embedded_file *f = embedded_files; f->name; f++)
		if (strncmp(f->name, "templates/", 10) == 0 && i-- == 0)
			return f->data;
	return i == 0 ? test_template() : NULL;
}

enum status
template_install(struct store *db, const char *json, struct err *e)
{
	bool already;
	return template_store(db, json, &already, e);
}

enum status
template_store(struct store *db, const char *json, bool *already, struct err *e)
{
	struct template *t;
	sqlite3_stmt *st;
	enum status rc;

	*already = false;
	if ((rc = template_parse(json, &t, e)) != ST_OK)
		return rc;
	if (sqlite3_prepare_v2(db->sql,
			       "INSERT INTO template(id, version, source, installed_at) "
			       "VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ','now')) "
			       "ON CONFLICT(id, version) DO NOTHING",
			       -1, &st, NULL) != SQLITE_OK)
		goto sqlerr;
	sqlite3_bind_text(st, 1, t->id, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, t->version);
	sqlite3_bind_text(st, 3, json, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_finalize(st);
		goto sqlerr;
	}
	sqlite3_finalize(st);
	if (sqlite3_changes(db->sql) == 0) {
		/* Same id and version must mean the same template, or stored reports would be read
		 * against rules they were not written for. */
		if (sqlite3_prepare_v2(
			db->sql, "SELECT source = ?3 FROM template WHERE id=?1 AND version=?2", -1,
			&st, NULL) != SQLITE_OK)
			goto sqlerr;
		sqlite3_bind_text(st, 1, t->id, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, t->version);
		sqlite3_bind_text(st, 3, json, -1, SQLITE_STATIC);
		bool same = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1;
		sqlite3_finalize(st);
		if (!same) {
			err_set(
			    e,
			    L("mẫu định nghĩa lại phiên bản %d của mẫu %s (đã có phiên bản này với"
			      " nội dung khác; mọi thay đổi phải là một phiên bản mới)",
			      "the template redefines version %d of %s (that version is known with"
			      " another text; any change must be a new version)"),
			    t->version, t->id);
			template_free(t);
			return ST_REFUSED;
		}
		*already = true;
	}
	template_free(t);
	return ST_OK;
sqlerr:
	err_set(e, "SQLite: %s", sqlite3_errmsg(db->sql));
	template_free(t);
	return ST_ENV;
}

/* Parsed templates, keyed by the hash of the text, not by id and version: two databases (tests,
 * a restored backup) may hold different texts under one id and version. Process-wide, unlike
 * what each connection was asked for (struct store's seen): a text's hash names its content
 * wherever it was read, so sharing the parse between connections can never hand one of them
 * another's template. */
static struct {
	unsigned char hash[HASH_BYTES];
	struct template *t;
} template_cache[16];

/* What a connection has already been asked for (struct store's seen): a stored template never
 * changes (template_install refuses a new text under an old id and version), so the second
 * time a connection asks, not even its text is read. Forgotten when the connection closes. */
struct seen_template {
	int version;
	char *id;
	struct template *t;
};

void
template_forget(struct store *db)
{
	for (size_t i = 0; i < db->nseen; i++) {
		template_free(db->seen[i].t);
		free(db->seen[i].id);
	}
	free(db->seen);
	db->seen = NULL;
	db->nseen = 0;
}

static void
template_remember(struct store *db, const char *id, int version, struct template *t)
{
	if ((db->nseen & (db->nseen - 1)) == 0)
		db->seen = xreallocarray(db->seen, db->nseen ? db->nseen * 2 : 4, sizeof *db->seen);
	db->seen[db->nseen++] = (struct seen_template){version, xstrdup(id), t};
	t->refs++;
}

enum status
template_get(struct store *db, const char *id, int version, struct template **out, struct err *e)
{
	sqlite3_stmt *st;
	enum status rc;

	*out = NULL;
	for (size_t i = 0; i < db->nseen; i++)
		if (db->seen[i].version == version && strcmp(db->seen[i].id, id) == 0) {
			db->seen[i].t->refs++;
			*out = db->seen[i].t;
			return ST_OK;
		}
	if (sqlite3_prepare_v2(db->sql, "SELECT source FROM template WHERE id=?1 AND version=?2",
			       -1, &st, NULL) != SQLITE_OK) {
		err_set(e, "SQLite: %s", sqlite3_errmsg(db->sql));
		return ST_ENV;
	}
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, version);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		err_set(e, L("chưa có mẫu báo cáo \"%s\" phiên bản %d", "no template \"%s\" version %d"),
			id, version);
		return ST_REFUSED;
	}
	const char *src = (const char *)sqlite3_column_text(st, 0);
	unsigned char h[HASH_BYTES];
	hash_bytes(src, strlen(src), h);
	for (size_t i = 0; i < ARRAY_LEN(template_cache) && template_cache[i].t; i++)
		if (memcmp(template_cache[i].hash, h, HASH_BYTES) == 0) {
			template_cache[i].t->refs++;
			*out = template_cache[i].t;
			sqlite3_finalize(st);
			template_remember(db, id, version, *out);
			return ST_OK;
		}
	rc = template_parse(src, out, e);
	sqlite3_finalize(st);
	/* The cache keeps its own reference; a full cache simply stops caching. */
	for (size_t i = 0; rc == ST_OK && i < ARRAY_LEN(template_cache); i++)
		if (template_cache[i].t == NULL) {
			memcpy(template_cache[i].hash, h, HASH_BYTES);
			template_cache[i].t = *out;
			(*out)->refs++;
			break;
		}
	if (rc == ST_OK)
		template_remember(db, id, version, *out);
	return rc;
}
