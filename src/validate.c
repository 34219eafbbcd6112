/* validate.c: built-in checks from field types plus the template's rules, over one report. */
#include "validate.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

struct vctx {
	const struct report *r;
	const char *today;
	struct findings *out;
	int table;            /* field index of the table being checked, or -1 */
	const struct row *row; /* the row being checked */
	int rowno;
};

static const struct value *
env_field(void *p, int f)
{
	struct vctx *c = p;
	return &c->r->values[f];
}

static const struct value *
env_column(void *p, int col)
{
	struct vctx *c = p;
	return c->row ? &c->row->cells[col] : NULL;
}

static int64_t
env_rows(void *p, int f)
{
	struct vctx *c = p;
	return (int64_t)c->r->tables[f].n;
}

static struct expr_env
env_of(struct vctx *c)
{
	return (struct expr_env){env_field, env_column, env_rows, c, c->r->year, c->today};
}

static bool
holds(struct vctx *c, const struct expr *x)
{
	struct expr_env env = env_of(c);
	struct value v = expr_eval(x, &env);
	return v.k == V_BOOL && v.i;
}

static const struct field *
target(struct vctx *c, int column, int field)
{
	return column >= 0 ? &c->r->t->fields[c->table].columns[column] : &c->r->t->fields[field];
}

/* Adds a finding; body is the message after the "label: " or "table, row N: " head. */
static void
add(struct vctx *c, enum level lv, enum finding_kind kind, int field, int column,
    const char *rule_id, const char *body)
{
	struct findings *o = c->out;
	struct finding *f;
	struct buf m;
	const struct template *t = c->r->t;

	o->items = xreallocarray(o->items, o->n + 1, sizeof *o->items);
	f = &o->items[o->n++];
	*f = (struct finding){lv, kind, field, column, column >= 0 ? c->rowno : 0, rule_id, NULL, NULL, 0};
	if (column >= 0)
		f->path = xasprintf("%s[%d].%s", t->fields[field].id, c->rowno,
				    t->fields[field].columns[column].id);
	else
		f->path = xstrdup(t->fields[field].id);
	buf_init(&m);
	if (column >= 0)
		buf_printf(&m, L("%s, dòng %d: ", "%s, row %d: "), TR(t->fields[field].label),
			   c->rowno);
	f->body = m.len;
	buf_adds(&m, body);
	f->message = buf_steal(&m);
	if (lv == LV_ERROR)
		o->errors++;
	else
		o->warnings++;
}

static void addf(struct vctx *c, enum level lv, enum finding_kind kind, int field, int column,
		 const char *fmt, ...) PRINTF_LIKE(6, 7);

static void
addf(struct vctx *c, enum level lv, enum finding_kind kind, int field, int column,
     const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *body = xvasprintf(fmt, ap);
	va_end(ap);
	add(c, lv, kind, field, column, NULL, body);
	free(body);
}

static bool
phone_ok(const struct field *f, const char *s)
{
	int digits = 0;
	for (; *s; s++) {
		if (isdigit((unsigned char)*s))
			digits++;
		else if (!strchr(" +.-", *s))
			return false;
	}
	return digits >= f->digits_min && digits <= f->digits_max;
}

static bool
email_ok(const char *s)
{
	const char *at = strchr(s, '@'), *p, *label;
	if (at == NULL || at == s || strchr(at + 1, '@') || strlen(s) > 254)
		return false;
	for (p = s; p < at; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f || strchr("()<>[]\\,;:\"", *p))
			return false;
	if (s[0] == '.' || at[-1] == '.' || strstr(s, ".."))
		return false;
	/* Domain: labels of letters, digits and '-', at least two, the last alphabetic. */
	label = at + 1;
	int labels = 0;
	for (p = label;; p++) {
		if (*p == '.' || *p == '\0') {
			if (p == label || label[0] == '-' || p[-1] == '-')
				return false;
			labels++;
			if (*p == '\0')
				break;
			label = p + 1;
		} else if (!isalnum((unsigned char)*p) && *p != '-')
			return false;
	}
	if (labels < 2 || strlen(label) < 2)
		return false;
	for (p = label; *p; p++)
		if (!isalpha((unsigned char)*p))
			return false;
	return true;
}

static char *
fmt_value(const struct field *f, const struct value *v)
{
	struct buf b;
	buf_init(&b);
	value_format(f, v, &b);
	return buf_steal(&b);
}

static char *
fmt_int(const struct field *f, int64_t i)
{
	struct value v = {V_INT, i, NULL};
	return fmt_value(f, &v);
}

/* Checks one value against what its field allows. */
static void
check_value(struct vctx *c, int field, int column, const struct value *v, bool required)
{
	const struct field *f = target(c, column, field);
	const char *label = TR(f->label);
	char *a, *b;

	if (v->k == V_NULL) {
		if (required)
			addf(c, LV_ERROR, FK_MISSING, field, column,
			     L("chưa điền “%s” (bắt buộc)", "“%s” is required"), label);
		return;
	}
	switch (f->type) {
	case F_INT:
	case F_MONEY:
		if (v->i < f->min || v->i > f->max) {
			a = fmt_int(f, f->min);
			b = fmt_int(f, f->max);
			char *val = fmt_value(f, v);
			addf(c, LV_ERROR, FK_INVALID, field, column,
			     L("“%s” phải từ %s đến %s (đang là %s)",
			       "“%s” must be from %s to %s (it is %s)"),
			     label, a, b, val);
			free(a);
			free(b);
			free(val);
		}
		break;
	case F_TEXT:
	case F_LONGTEXT: {
		size_t n = utf8_chars(v->s);
		if (n > f->max_length) {
			addf(c, LV_ERROR, FK_INVALID, field, column,
			     L("“%s” dài %zu ký tự, tối đa %zu", "“%s” is %zu characters long, at most %zu"),
			     label, n, f->max_length);
			break;
		}
		if (f->format == FMT_PHONE && !phone_ok(f, v->s))
			addf(c, LV_ERROR, FK_RULE, field, column,
			     L("“%s” chỉ gồm chữ số, dấu cách, dấu + . - và có từ %d đến %d chữ số "
			       "(đang là “%s”)",
			       "“%s” may hold only digits, spaces and + . -, with %d to %d digits "
			       "(it is “%s”)"),
			     label, f->digits_min, f->digits_max, v->s);
		if (f->format == FMT_EMAIL && !email_ok(v->s))
			addf(c, LV_ERROR, FK_RULE, field, column,
			     L("“%s” không đúng dạng địa chỉ thư điện tử, ví dụ tccb@donvi.gov.vn "
			       "(đang là “%s”)",
			       "“%s” is not an e-mail address such as hr@unit.gov.vn (it is “%s”)"),
			     label, v->s);
		break;
	}
	case F_CHOICE: {
		bool found = false;
		for (size_t i = 0; i < f->noptions && !found; i++)
			found = strcmp(f->options[i].value, v->s) == 0;
		if (!found) {
			struct buf opts;
			buf_init(&opts);
			for (size_t i = 0; i < f->noptions; i++)
				buf_printf(&opts, "%s%s", i ? ", " : "", f->options[i].value);
			addf(c, LV_ERROR, FK_INVALID, field, column,
			     L("“%s”: “%.80s” không phải lựa chọn hợp lệ (chọn một trong: %s)",
			       "“%s”: “%.80s” is not a valid choice (one of: %s)"),
			     label, v->s, opts.data);
			buf_free(&opts);
		}
		break;
	}
	case F_DATE:
		if (f->not_after_today && strcmp(v->s, c->today) > 0) {
			struct value today = {V_DATE, 0, (char *)c->today};
			a = fmt_value(f, v);
			b = fmt_value(f, &today);
			addf(c, LV_ERROR, FK_RULE, field, column,
			     L("“%s” (%s) ở sau ngày hôm nay (%s)", "“%s” (%s) is after today (%s)"),
			     label, a, b);
			free(a);
			free(b);
		}
		break;
	default:
		break;
	}
}

/* Expands a rule's message placeholders. */
static char *
expand(struct vctx *c, const struct rule *rule, const char *msg)
{
	const struct template *t = c->r->t;
	const struct field *table = c->table >= 0 ? &t->fields[c->table] : NULL;
	const struct field *self = table ? &table->columns[rule->field] : &t->fields[rule->field];
	struct buf b;
	buf_init(&b);
	for (const char *p = msg; *p;) {
		const char *end;
		if (*p != '{' || (end = strchr(p, '}')) == NULL) {
			buf_addc(&b, *p++);
			continue;
		}
		char name[128];
		size_t n = (size_t)(end - p - 1);
		snprintf(name, sizeof name, "%.*s", (int)n, p + 1);
		p = end + 1;
		bool want_label = strncmp(name, "label:", 6) == 0;
		const char *id = want_label ? name + 6 : name;
		const struct field *f = NULL;
		const struct value *v = NULL;
		int idx;
		if (strcmp(name, "row") == 0) {
			buf_printf(&b, "%d", c->rowno);
			continue;
		}
		if (strcmp(name, "value") == 0 || strcmp(name, "label") == 0) {
			f = self;
			v = table ? &c->row->cells[rule->field] : &c->r->values[rule->field];
			want_label = name[0] == 'l';
		} else if (table && (idx = field_column(table, id)) >= 0) {
			f = &table->columns[idx];
			v = &c->row->cells[idx];
		} else if ((idx = template_field(t, id)) >= 0) {
			f = &t->fields[idx];
			v = &c->r->values[idx];
		}
		if (f == NULL)
			buf_printf(&b, "{%s}", name);
		else if (want_label)
			buf_adds(&b, TR(f->label));
		else
			value_format(f, v, &b);
	}
	return buf_steal(&b);
}

static void
run_rules(struct vctx *c, const struct rule *rules, size_t n, int field_of_table)
{
	for (size_t i = 0; i < n; i++) {
		const struct rule *rule = &rules[i];
		if (!holds(c, rule->when))
			continue;
		char *msg = expand(c, rule, TR(rule->message));
		if (field_of_table >= 0)
			add(c, rule->level, FK_RULE, field_of_table, rule->field, rule->id, msg);
		else
			add(c, rule->level, FK_RULE, rule->field, -1, rule->id, msg);
		free(msg);
	}
}

static void
check_table(struct vctx *c, int field)
{
	const struct field *f = &c->r->t->fields[field];
	const struct rows *rs = &c->r->tables[field];
	if (rs->n > f->max_rows)
		addf(c, LV_ERROR, FK_INVALID, field, -1,
		     L("“%s” có %zu dòng, tối đa %zu", "“%s” has %zu rows, at most %zu"),
		     TR(f->label), rs->n, f->max_rows);
	else if (rs->n < f->min_rows)
		addf(c, LV_ERROR, FK_MISSING, field, -1,
		     L("“%s” cần ít nhất %zu dòng (đang có %zu)", "“%s” needs at least %zu rows (it has %zu)"),
		     TR(f->label), f->min_rows, rs->n);
	c->table = field;
	for (size_t j = 0; j < rs->n; j++) {
		c->row = &rs->rows[j];
		c->rowno = (int)j + 1;
		for (size_t k = 0; k < f->ncolumns; k++) {
			const struct field *col = &f->columns[k];
			bool req = col->required || (col->required_if && holds(c, col->required_if));
			check_value(c, field, (int)k, &c->row->cells[k], req);
		}
		run_rules(c, f->row_rules, f->nrow_rules, field);
	}
	c->table = -1;
	c->row = NULL;
	c->rowno = 0;
}

void
validate_field(const struct report *r, int field, int column, int row, const struct value *v,
	       const char *today, struct findings *out)
{
	struct vctx c = {r, today, out, column >= 0 ? field : -1, NULL, column >= 0 ? row : 0};
	*out = (struct findings){0};
	/* An empty value is never refused while the clerk types: a draft may have blanks, and
	 * the check of the whole report names the required ones. */
	check_value(&c, field, column, v, false);
}

bool
findings_refuse(const struct findings *f)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->items[i].kind == FK_INVALID)
			return true;
	return false;
}

const char *
findings_refusal(const struct findings *f)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->items[i].kind == FK_INVALID)
			return f->items[i].message;
	return "";
}

void
validate_expected(const struct field *f, struct buf *out)
{
	/* Bounds are written as plain numbers, without the unit of money after each. */
	const struct field plain = {.type = F_INT};
	char *lo = fmt_int(&plain, f->min), *hi = fmt_int(&plain, f->max);
	if (f->type == F_DATE)
		buf_adds(out, f->not_after_today ? L("dd/mm/yyyy, không sau hôm nay",
						     "dd/mm/yyyy, not after today")
						 : "dd/mm/yyyy");
	else if (f->type == F_MONEY && f->min == 0)
		buf_printf(out, L("số tiền (đồng), tối đa %s", "amount in đồng, at most %s"), hi);
	else if (f->type == F_MONEY)
		buf_printf(out, L("số tiền (đồng), từ %s đến %s", "amount in đồng, from %s to %s"),
			   lo, hi);
	else if (f->type == F_INT)
		buf_printf(out, L("số từ %s đến %s", "a number from %s to %s"), lo, hi);
	else if (f->type == F_TEXT && f->format == FMT_PHONE)
		buf_printf(out,
			   L("%d đến %d chữ số, ví dụ 024 3869 3731",
			     "%d to %d digits, e.g. 024 3869 3731"),
			   f->digits_min, f->digits_max);
	else if (f->type == F_TEXT && f->format == FMT_EMAIL)
		buf_adds(out, L("ví dụ tccb@donvi.gov.vn", "e.g. hr@unit.gov.vn"));
	free(lo);
	free(hi);
}

static int
by_template_order(const void *pa, const void *pb)
{
	const struct finding *a = pa, *b = pb;
	if (a->field != b->field)
		return a->field - b->field;
	if (a->row != b->row)
		return a->row - b->row;
	return a->column - b->column;
}

void
validate_report(const struct report *r, const char *today, struct findings *out)
{
	struct vctx c = {r, today, out, -1, NULL, 0};
	const struct template *t = r->t;

	*out = (struct findings){0};
	for (size_t i = 0; i < t->nfields; i++) {
		const struct field *f = &t->fields[i];
		if (f->type == F_TABLE) {
			check_table(&c, (int)i);
			continue;
		}
		bool req = f->required || (f->required_if && holds(&c, f->required_if));
		check_value(&c, (int)i, -1, &r->values[i], req);
	}
	run_rules(&c, t->rules, t->nrules, -1);
	/* Template order for the clerk: by field, then row. An insertion sort keeps findings of
	 * one place in the order they were made (built-in checks before rules); qsort would not. */
	for (size_t i = 1; i < out->n; i++) {
		struct finding tmp = out->items[i];
		size_t j = i;
		while (j > 0 && by_template_order(&out->items[j - 1], &tmp) > 0) {
			out->items[j] = out->items[j - 1];
			j--;
		}
		out->items[j] = tmp;
	}
}

void
validate_printed(const char *place, struct findings *out)
{
	if (place != NULL && place[0] != '\0')
		return;
	out->items = xreallocarray(out->items, out->n + 1, sizeof *out->items);
	out->items[out->n++] = (struct finding){
	    .level = LV_WARNING,
	    .kind = FK_SETTING,
	    .field = -1,
	    .column = -1,
	    .path = xstrdup("unit.place"),
	    .message = xstrdup(L("chưa đặt địa danh: dòng ngày tháng của bản in sẽ là “.........., "
				 "ngày … tháng … năm …” thay cho tên nơi ban hành (ví dụ “Hà Nội, "
				 "ngày …”)",
				 "no place name is set: the printed date line will read “.........., "
				 "ngày …” instead of the place (e.g. “Hà Nội, ngày …”)")),
	};
	out->warnings++;
}

const char *
finding_heading(const struct report *r, const struct finding *x)
{
	if (x->field < 0)
		return L("Cài đặt", "Settings");
	return TR(r->t->sections[r->t->fields[x->field].section].title);
}

void
findings_free(struct findings *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->items[i].path);
		free(f->items[i].message);
	}
	free(f->items);
	*f = (struct findings){0};
}
