/* totals.c: the year's totals over the units' merged reports: the aggregates of
 * report-template.md with the units behind each, and the nominations grouped by award and
 * kind, each with the template's rules it breaks (the plan's rules are the template's row
 * rules, checked by the one validation engine: nothing here knows a particular award). */
#include "totals.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "json.h"
#include "merged.h"
#include "template.h"
#include "text.h"
#include "validate.h"

static bool
aggregated(const struct field *f)
{
	return f->type == F_INT || f->type == F_MONEY || f->type == F_YESNO;
}

/* A unit's answer to aggregate x, from its report r (whose template may be another version:
 * fields are matched by id and type). */
static void
total_add(struct total *x, const char *unit, const char *name, const struct report *r)
{
	int i = template_field(r->t, x->f->id);
	struct total_unit *u;
	x->units = xreallocarray(x->units, x->nunits + 1, sizeof *x->units);
	u = &x->units[x->nunits++];
	*u = (struct total_unit){xstrdup(unit), xstrdup(name), false, 0, 0};
	if (i < 0 || r->t->fields[i].type != x->f->type) {
		/* Absent from the unit's version: shown so, never counted as 0 or as no answer. */
		u->lacks = r->t->version;
		if (x->lacking++ == 0 || r->t->version > x->lacking_version)
			x->lacking_version = r->t->version;
		return;
	}
	if (r->values[i].k == V_NULL)
		return;
	u->answered = true;
	u->value = r->values[i].i;
	x->sum += u->value;
	if (x->answered == 0 || u->value < x->min)
		x->min = u->value;
	if (x->answered == 0 || u->value > x->max)
		x->max = u->value;
	x->answered++;
}

/* The first sentence of a rule's message: the breach; what follows tells the clerk what to do. */
static char *
first_sentence(const char *s)
{
	const char *end = strstr(s, ". ");
	return end ? xasprintf("%.*s", (int)(end - s + 1), s) : xstrdup(s);
}

/* The template's rules the findings f hold on row (1-based) of table field tf. */
static void
breaches_of(struct nomination *n, const struct findings *f, int tf, int row)
{
	for (size_t i = 0; i < f->n; i++) {
		const struct finding *x = &f->items[i];
		if (x->field != tf || x->row != row || x->rule_id == NULL || x->kind != FK_RULE)
			continue;
		n->breaches = xreallocarray(n->breaches, n->nbreaches + 1, sizeof *n->breaches);
		n->breaches[n->nbreaches++] =
		    (struct breach){x->rule_id, x->level, first_sentence(x->message + x->body)};
	}
}

static int
option_rank(const struct field *col, const struct value *v)
{
	for (size_t o = 0; v->k == V_TEXT && o < col->noptions; o++)
		if (strcmp(col->options[o].value, v->s) == 0)
			return (int)o;
	return (int)col->noptions; /* not an option, or empty: last */
}

/* The rows of the grouped table tf (of the year's template) in unit's report r. */
static void
nominations_add(struct year_totals *y, const struct field *tf, const char *unit, const char *name,
		const struct report *r, const struct findings *f)
{
	int ri = template_field(r->t, tf->id);
	if (ri < 0 || r->t->fields[ri].type != F_TABLE)
		return;
	const struct field *rf = &r->t->fields[ri];
	for (size_t j = 0; j < r->tables[ri].n; j++) {
		y->noms = xreallocarray(y->noms, y->nnoms + 1, sizeof *y->noms);
		struct nomination *n = &y->noms[y->nnoms++];
		*n = (struct nomination){.unit_code = xstrdup(unit),
					 .unit_name = xstrdup(name),
					 .table = tf,
					 .row = (int)j + 1};
		n->cells = xcalloc(tf->ncolumns + 1, sizeof *n->cells);
		for (size_t k = 0; k < tf->ncolumns; k++) {
			int c = field_column(rf, tf->columns[k].id);
			const struct value *v = c >= 0 ? &r->tables[ri].rows[j].cells[c] : NULL;
			if (v && v->k != V_NULL)
				n->cells[k] =
				    (struct value){v->k, v->i, v->s ? xstrdup(v->s) : NULL};
		}
		n->rank = xcalloc(tf->ngroup_by + 1, sizeof *n->rank);
		for (size_t g = 0; g < tf->ngroup_by; g++)
			n->rank[g] =
			    option_rank(&tf->columns[tf->group_by[g]], &n->cells[tf->group_by[g]]);
		breaches_of(n, f, ri, (int)j + 1);
		y->breaching += n->nbreaches > 0;
	}
}

static bool
has_nominations(const struct year_totals *y, const struct report *r)
{
	for (size_t i = 0; i < y->t->nfields; i++) {
		const struct field *tf = &y->t->fields[i];
		int ri = tf->type == F_TABLE && tf->ngroup_by ? template_field(r->t, tf->id) : -1;
		if (ri >= 0 && r->t->fields[ri].type == F_TABLE && r->tables[ri].n > 0)
			return true;
	}
	return false;
}

/* One unit's merged report counted into every aggregate and its nominations listed. */
static enum status
totals_one(void *ctx, const char *unit, const char *name, const struct report *r, struct err *e)
{
	struct year_totals *y = ctx;
	struct findings f = {0};
	char today[16];
	(void)e;
	y->units++;
	for (size_t i = 0; i < y->n; i++)
		total_add(&y->items[i], unit, name, r);
	if (!has_nominations(y, r))
		return ST_OK;
	/* The plan's rules on nominations are the template's row rules: the engine that checked
	 * the report at the unit says which a row breaks. */
	store_today(today);
	validate_report(r, today, &f);
	for (size_t i = 0; i < y->t->nfields; i++)
		if (y->t->fields[i].type == F_TABLE && y->t->fields[i].ngroup_by)
			nominations_add(y, &y->t->fields[i], unit, name, r, &f);
	findings_free(&f);
	return ST_OK;
}

static int
nomination_order(const void *pa, const void *pb)
{
	const struct nomination *a = pa, *b = pb;
	int d = a->table < b->table ? -1 : a->table > b->table;
	for (size_t g = 0; d == 0 && g < a->table->ngroup_by; g++) {
		d = a->rank[g] - b->rank[g];
		if (d == 0 &&
		    a->rank[g] == (int)a->table->columns[a->table->group_by[g]].noptions) {
			const struct value *x = &a->cells[a->table->group_by[g]],
					   *z = &b->cells[b->table->group_by[g]];
			d = strcmp(x->s ? x->s : "", z->s ? z->s : "");
		}
	}
	if (d == 0)
		d = strcmp(a->unit_code, b->unit_code);
	return d ? d : a->row - b->row;
}

/* The aggregates of t's fields not counted yet (same id: the same figure in every version). */
static void
items_add(struct year_totals *y, const struct template *t)
{
	for (size_t i = 0; i < t->nfields; i++) {
		const struct field *f = &t->fields[i];
		bool known = false;
		for (size_t k = 0; k < y->n && !known; k++)
			known = strcmp(y->items[k].f->id, f->id) == 0;
		if (!aggregated(f) || known)
			continue;
		y->items = xreallocarray(y->items, y->n + 1, sizeof *y->items);
		memset(&y->items[y->n], 0, sizeof *y->items);
		y->items[y->n++].f = f;
	}
}

enum status
totals_year(struct store *db, int year, struct year_totals *out, struct err *e)
{
	enum status rc;
	memset(out, 0, sizeof *out);
	out->year = year;
	if ((rc = summary_year_template(db, year, &out->t, e)) != ST_OK)
		return rc;
	items_add(out, out->t);
	/* Units may answer different versions in one year (a new version published during it):
	 * the fields of the others, newest first, follow the year's template's own. */
	rc = summary_year_versions(db, year, out->t, &out->others, &out->nothers, e);
	for (size_t i = 0; i < out->nothers; i++)
		items_add(out, out->others[i]);
	if (rc != ST_OK ||
	    (rc = merged_reports_each(db, year, totals_one, out, e)) != ST_OK)
		return rc;
	if (out->nnoms)
		qsort(out->noms, out->nnoms, sizeof *out->noms, nomination_order);
	return ST_OK;
}

void
totals_free(struct year_totals *y)
{
	for (size_t i = 0; i < y->n; i++) {
		for (size_t u = 0; u < y->items[i].nunits; u++) {
			free(y->items[i].units[u].code);
			free(y->items[i].units[u].name);
		}
		free(y->items[i].units);
	}
	free(y->items);
	for (size_t i = 0; i < y->nnoms; i++) {
		struct nomination *n = &y->noms[i];
		for (size_t k = 0; k < n->table->ncolumns; k++)
			value_clear(&n->cells[k]);
		for (size_t b = 0; b < n->nbreaches; b++)
			free(n->breaches[b].message);
		free(n->cells);
		free(n->breaches);
		free(n->rank);
		free(n->unit_code);
		free(n->unit_name);
	}
	free(y->noms);
	if (y->t)
		template_free(y->t);
	for (size_t i = 0; i < y->nothers; i++)
		template_free(y->others[i]);
	free(y->others);
	memset(y, 0, sizeof *y);
}

void
total_format(const struct total *x, int64_t v, struct buf *out)
{
	struct value val = {x->f->type == F_YESNO ? V_BOOL : V_INT, v, NULL};
	value_format(x->f, &val, out);
}

const struct value *
nomination_cell(const struct nomination *n, const char *column)
{
	int k = field_column(n->table, column);
	return k >= 0 && n->cells[k].k != V_NULL ? &n->cells[k] : NULL;
}

void
nomination_group(const struct nomination *n, struct buf *out)
{
	for (size_t g = 0; g < n->table->ngroup_by; g++) {
		int k = n->table->group_by[g];
		if (g)
			buf_adds(out, " — ");
		if (n->cells[k].k == V_NULL)
			buf_adds(out, "—");
		else
			value_format(&n->table->columns[k], &n->cells[k], out);
	}
}

bool
nomination_same_group(const struct nomination *a, const struct nomination *b)
{
	if (a->table != b->table)
		return false;
	for (size_t g = 0; g < a->table->ngroup_by; g++) {
		const struct value *x = &a->cells[a->table->group_by[g]],
				   *z = &b->cells[b->table->group_by[g]];
		if (strcmp(x->s ? x->s : "", z->s ? z->s : "") != 0)
			return false;
	}
	return true;
}

void
nomination_line(const struct nomination *n, struct buf *out)
{
	size_t start = out->len;
	for (size_t k = 0; k < n->table->ncolumns; k++) {
		if (field_grouped_column(n->table, k) || n->cells[k].k == V_NULL)
			continue;
		if (out->len > start)
			buf_adds(out, " — ");
		value_format(&n->table->columns[k], &n->cells[k], out);
	}
	/* One line: a long text's line ends become spaces. */
	for (size_t i = start; i < out->len; i++)
		if (out->data[i] == '\n')
			out->data[i] = ' ';
}

/* ---- xhht-central proposals --------------------------------------------------------- */

static void
proposals_text(const struct year_totals *y, struct buf *out)
{
	size_t in_group = 0;
	struct buf line;
	buf_init(&line);
	buf_printf(out,
		   L("Đề nghị khen thưởng năm %d: %zu đề nghị, %zu đề nghị trái quy định của Kế "
		     "hoạch (⚠).\n",
		     "Nominations of %d: %zu, of which %zu break the plan's rules (⚠).\n"),
		   y->year, y->nnoms, y->breaching);
	for (size_t i = 0; i < y->nnoms; i++) {
		const struct nomination *n = &y->noms[i];
		if (i == 0 || !nomination_same_group(n, &y->noms[i - 1])) {
			size_t count = 0;
			for (size_t j = i; j < y->nnoms && nomination_same_group(n, &y->noms[j]);
			     j++)
				count++;
			buf_reset(&line);
			nomination_group(n, &line);
			buf_adds(out, "\n");
			buf_add_terminal(out, line.data);
			buf_printf(out, " (%zu)\n", count);
			in_group = 0;
		}
		buf_reset(&line);
		buf_printf(&line, "%s %s: ", n->unit_code, n->unit_name);
		nomination_line(n, &line);
		buf_printf(out, "%s%3zu. ", n->nbreaches ? "⚠" : " ", ++in_group);
		buf_add_terminal(out, line.data);
		buf_adds(out, "\n");
		/* A rule's sentence may quote what the unit wrote. */
		for (size_t b = 0; b < n->nbreaches; b++) {
			buf_printf(out, "       ⚠ %s ", level_heading(n->breaches[b].level));
			buf_add_terminal(out, n->breaches[b].message);
			buf_adds(out, "\n");
		}
	}
	buf_free(&line);
}

/* Excel reads UTF-8 only when the file starts with a byte-order mark. */
static const char bom[] = "\xef\xbb\xbf";

static void
csv_value(const struct field *f, const struct value *v, struct buf *out)
{
	struct buf b;
	buf_init(&b);
	if (v->k == V_INT || v->k == V_BOOL)
		buf_printf(out, "%lld", (long long)v->i);
	else if (v->k != V_NULL) {
		value_format(f, v, &b);
		buf_csv(out, b.data);
	}
	if (f->type == F_CHOICE) {
		buf_addc(out, ',');
		buf_csv(out, v->k == V_TEXT ? v->s : "");
	}
	buf_free(&b);
}

void
nomination_csv_heading(const struct field *table, struct buf *out)
{
	buf_adds(out, "unit_code,unit_name,year,table,row");
	for (size_t k = 0; k < table->ncolumns; k++) {
		buf_printf(out, ",%s", table->columns[k].id);
		if (table->columns[k].type == F_CHOICE)
			buf_printf(out, ",%s_code", table->columns[k].id);
	}
}

void
nomination_csv_cells(const struct nomination *n, int year, struct buf *out)
{
	buf_csv(out, n->unit_code);
	buf_addc(out, ',');
	buf_csv(out, n->unit_name);
	buf_printf(out, ",%d,%s,%d", year, n->table->id, n->row);
	for (size_t k = 0; k < n->table->ncolumns; k++) {
		buf_addc(out, ',');
		csv_value(&n->table->columns[k], &n->cells[k], out);
	}
}

static void
proposals_csv(const struct year_totals *y, struct buf *out)
{
	const struct field *table = NULL;
	buf_adds(out, bom);
	for (size_t i = 0; i < y->nnoms; i++) {
		const struct nomination *n = &y->noms[i];
		if (n->table != table) {
			table = n->table;
			nomination_csv_heading(table, out);
			buf_adds(out, ",breach,breach_rules,breach_messages\r\n");
		}
		nomination_csv_cells(n, y->year, out);
		struct buf ids, msgs;
		buf_init(&ids);
		buf_init(&msgs);
		for (size_t b = 0; b < n->nbreaches; b++) {
			buf_printf(&ids, "%s%s", b ? ";" : "", n->breaches[b].rule_id);
			buf_printf(&msgs, "%s%s", b ? " " : "", n->breaches[b].message);
		}
		buf_printf(out, ",%d,", n->nbreaches > 0);
		buf_csv(out, ids.len ? ids.data : "");
		buf_addc(out, ',');
		buf_csv(out, msgs.len ? msgs.data : "");
		buf_adds(out, "\r\n");
		buf_free(&ids);
		buf_free(&msgs);
	}
	if (table == NULL)
		buf_adds(
		    out,
		    "unit_code,unit_name,year,table,row,breach,breach_rules,breach_messages\r\n");
}

static void
json_value(const struct field *f, const struct value *v, struct buf *out)
{
	if (v->k == V_NULL)
		buf_adds(out, "null");
	else if (v->k == V_BOOL)
		buf_adds(out, v->i ? "true" : "false");
	else if (v->k == V_INT)
		buf_printf(out, "%lld", (long long)v->i);
	else
		json_write_string(out, v->s);
	(void)f;
}

static void
proposals_json(const struct year_totals *y, struct buf *out)
{
	buf_printf(out, "{\"year\":%d,\"nominations\":%zu,\"breaching\":%zu,\"rows\":[", y->year,
		   y->nnoms, y->breaching);
	for (size_t i = 0; i < y->nnoms; i++) {
		const struct nomination *n = &y->noms[i];
		buf_adds(out, i ? ",\n{\"unit\":" : "\n{\"unit\":");
		json_write_string(out, n->unit_code);
		buf_adds(out, ",\"unit_name\":");
		json_write_string(out, n->unit_name);
		buf_adds(out, ",\"table\":");
		json_write_string(out, n->table->id);
		buf_printf(out, ",\"row\":%d", n->row);
		for (size_t k = 0; k < n->table->ncolumns; k++) {
			buf_addc(out, ',');
			json_write_string(out, n->table->columns[k].id);
			buf_addc(out, ':');
			json_value(&n->table->columns[k], &n->cells[k], out);
		}
		buf_adds(out, ",\"breaches\":[");
		for (size_t b = 0; b < n->nbreaches; b++) {
			buf_adds(out, b ? ",{\"rule\":" : "{\"rule\":");
			json_write_string(out, n->breaches[b].rule_id);
			buf_printf(out, ",\"level\":\"%s\",\"message\":",
				   level_name(n->breaches[b].level));
			json_write_string(out, n->breaches[b].message);
			buf_adds(out, "}");
		}
		buf_adds(out, "]}");
	}
	buf_adds(out, "\n]}\n");
}

enum status
totals_proposals(struct store *db, int year, enum summary_format fmt, struct buf *out,
		 struct err *e)
{
	struct year_totals y;
	enum status rc = totals_year(db, year, &y, e);
	if (rc == ST_OK) {
		if (fmt == SF_CSV)
			proposals_csv(&y, out);
		else if (fmt == SF_JSON)
			proposals_json(&y, out);
		else
			proposals_text(&y, out);
	}
	totals_free(&y);
	return rc;
}
