/* expr.c: parser, type checker and evaluator for template rule expressions. */
#include "expr.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum op {
	X_LIT, X_FIELD, X_COLUMN, X_REPORT_YEAR, X_TODAY, X_NOT, X_NEG, X_AND, X_OR,
	X_EQ, X_NE, X_LT, X_LE, X_GT, X_GE, X_ADD, X_SUB, X_MUL, X_IN, X_NOTIN,
	X_YEAR, X_PRESENT, X_ROWS,
};

struct expr {
	enum op op;
	enum vkind type;
	struct value lit;
	int ref;
	struct expr **args;
	size_t nargs;
};

struct parser {
	const char *src, *p;
	const struct expr_scope *scope;
	struct err *e;
	int depth;
	bool failed;
};

#define MAX_DEPTH 64

static struct expr *parse_or(struct parser *ps);

static const char *
kind_name(enum vkind k)
{
	switch (k) {
	case V_NULL:
		return "null";
	case V_INT:
		return "integer";
	case V_BOOL:
		return "boolean";
	case V_TEXT:
		return "text";
	case V_DATE:
		return "date";
	}
	return "?";
}

enum vkind
ftype_vkind(enum ftype t)
{
	switch (t) {
	case F_INT:
	case F_MONEY:
		return V_INT;
	case F_YESNO:
		return V_BOOL;
	case F_DATE:
		return V_DATE;
	case F_TABLE:
		return V_NULL;
	default:
		return V_TEXT;
	}
}

static void
fail(struct parser *ps, const char *fmt, const char *arg)
{
	char what[256];
	int n = (int)strlen(ps->src);
	if (ps->failed)
		return;
	ps->failed = true;
	snprintf(what, sizeof what, fmt, arg);
	/* Quote only the start of a long expression, so that the reason stays in the message;
	 * cut on a character boundary. */
	if (n > 200)
		for (n = 200; n > 0 && ((unsigned char)ps->src[n] & 0xc0) == 0x80; n--)
			;
	err_set(ps->e, "expression \"%.*s%s\": %s (at column %d)", n, ps->src,
		ps->src[n] ? "…" : "", what, (int)(ps->p - ps->src) + 1);
}

static struct expr *
node(enum op op, enum vkind type, size_t nargs)
{
	struct expr *x = xcalloc(1, sizeof *x);
	x->op = op;
	x->type = type;
	x->nargs = nargs;
	x->args = nargs ? xcalloc(nargs, sizeof *x->args) : NULL;
	return x;
}

void
expr_free(struct expr *x)
{
	if (x == NULL)
		return;
	for (size_t i = 0; i < x->nargs; i++)
		expr_free(x->args[i]);
	free(x->args);
	free(x->lit.s);
	free(x);
}

static void
skip_space(struct parser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n')
		ps->p++;
}

/* Matches a punctuation token or a keyword (a keyword must not run into a name). */
static bool
accept(struct parser *ps, const char *tok)
{
	size_t n = strlen(tok);
	skip_space(ps);
	if (strncmp(ps->p, tok, n) != 0)
		return false;
	if (isalpha((unsigned char)tok[0]) &&
	    (isalnum((unsigned char)ps->p[n]) || ps->p[n] == '_' || ps->p[n] == '.'))
		return false;
	ps->p += n;
	return true;
}

static void
expect(struct parser *ps, const char *tok)
{
	if (!accept(ps, tok))
		fail(ps, "expected \"%s\"", tok);
}

static bool
comparable(const struct expr *a, const struct expr *b)
{
	if (a->type == b->type)
		return true;
	/* A date compares with a literal written as text ('2025-01-01'). */
	if (a->type == V_DATE && b->op == X_LIT && b->type == V_TEXT)
		return true;
	if (b->type == V_DATE && a->op == X_LIT && a->type == V_TEXT)
		return true;
	return false;
}

/* A choice field compared with a literal must name one of its options: a typo in a template
 * would otherwise make a rule that never fires. */
static void
check_option(struct parser *ps, const struct expr *a, const struct expr *b)
{
	const struct field *f = NULL;
	if (b->op != X_LIT || b->type != V_TEXT)
		return;
	if (a->op == X_FIELD)
		f = &ps->scope->t->fields[a->ref];
	else if (a->op == X_COLUMN)
		f = &ps->scope->table->columns[a->ref];
	if (f == NULL || f->type != F_CHOICE)
		return;
	for (size_t i = 0; i < f->noptions; i++)
		if (strcmp(f->options[i].value, b->lit.s) == 0)
			return;
	fail(ps, "'%s' is not an option of that field", b->lit.s);
}

static struct expr *
parse_name(struct parser *ps)
{
	const char *start = ps->p;
	char *name;
	struct expr *x = NULL;
	int idx;

	while (isalnum((unsigned char)*ps->p) || *ps->p == '_' || *ps->p == '.')
		ps->p++;
	name = xstrndup(start, (size_t)(ps->p - start));
	skip_space(ps);
	if (*ps->p == '(') {
		ps->p++;
		if (strcmp(name, "year") == 0 || strcmp(name, "present") == 0) {
			struct expr *arg = parse_or(ps);
			x = node(strcmp(name, "year") == 0 ? X_YEAR : X_PRESENT,
				 name[0] == 'y' ? V_INT : V_BOOL, 1);
			x->args[0] = arg;
			if (arg != NULL && x->op == X_YEAR && arg->type != V_DATE)
				fail(ps, "%s() takes a date", name);
		} else if (strcmp(name, "rows") == 0) {
			const char *id = (skip_space(ps), ps->p);
			while (isalnum((unsigned char)*ps->p) || *ps->p == '_' || *ps->p == '.')
				ps->p++;
			char *tid = xstrndup(id, (size_t)(ps->p - id));
			idx = template_field(ps->scope->t, tid);
			if (idx < 0 || ps->scope->t->fields[idx].type != F_TABLE)
				fail(ps, "rows() needs a table field, not '%s'", tid);
			free(tid);
			x = node(X_ROWS, V_INT, 0);
			x->ref = idx;
		} else
			fail(ps, "unknown function '%s'", name);
		expect(ps, ")");
		free(name);
		return x;
	}
	if (strcmp(name, "true") == 0 || strcmp(name, "false") == 0) {
		x = node(X_LIT, V_BOOL, 0);
		x->lit.k = V_BOOL;
		x->lit.i = name[0] == 't';
	} else if (strcmp(name, "report_year") == 0)
		x = node(X_REPORT_YEAR, V_INT, 0);
	else if (strcmp(name, "today") == 0)
		x = node(X_TODAY, V_DATE, 0);
	else if (ps->scope->table && (idx = field_column(ps->scope->table, name)) >= 0) {
		x = node(X_COLUMN, ftype_vkind(ps->scope->table->columns[idx].type), 0);
		x->ref = idx;
	} else if ((idx = template_field(ps->scope->t, name)) >= 0) {
		if (ps->scope->t->fields[idx].type == F_TABLE)
			fail(ps, "'%s' is a table: use rows(...)", name);
		x = node(X_FIELD, ftype_vkind(ps->scope->t->fields[idx].type), 0);
		x->ref = idx;
	} else
		fail(ps, "unknown field '%s'", name);
	free(name);
	return x;
}

static struct expr *
parse_primary(struct parser *ps)
{
	struct expr *x;
	skip_space(ps);
	if (++ps->depth > MAX_DEPTH) {
		fail(ps, "%s", "nested too deeply");
		return NULL;
	}
	if (isdigit((unsigned char)*ps->p)) {
		int64_t v = 0;
		while (isdigit((unsigned char)*ps->p)) {
			if (__builtin_mul_overflow(v, 10, &v) ||
			    __builtin_add_overflow(v, *ps->p - '0', &v)) {
				fail(ps, "%s", "number too large");
				return NULL;
			}
			ps->p++;
		}
		x = node(X_LIT, V_INT, 0);
		x->lit.k = V_INT;
		x->lit.i = v;
	} else if (*ps->p == '\'') {
		const char *start = ++ps->p;
		while (*ps->p && *ps->p != '\'')
			ps->p++;
		if (*ps->p != '\'') {
			fail(ps, "%s", "unterminated text");
			return NULL;
		}
		x = node(X_LIT, V_TEXT, 0);
		x->lit.k = V_TEXT;
		x->lit.s = xstrndup(start, (size_t)(ps->p - start));
		ps->p++;
	} else if (*ps->p == '(') {
		ps->p++;
		x = parse_or(ps);
		expect(ps, ")");
	} else if (isalpha((unsigned char)*ps->p) || *ps->p == '_')
		x = parse_name(ps);
	else {
		fail(ps, "%s", *ps->p ? "unexpected character" : "unexpected end");
		return NULL;
	}
	ps->depth--;
	return x;
}

/* A prefix operator (- or not) whose operand, read by operand, is of the operator's type. */
static struct expr *
prefix(struct parser *ps, enum op op, enum vkind type, struct expr *(*operand)(struct parser *),
       const char *needs)
{
	struct expr *x = node(op, type, 1);
	if (++ps->depth > MAX_DEPTH) {
		fail(ps, "%s", "nested too deeply");
		return x;
	}
	x->args[0] = operand(ps);
	ps->depth--;
	if (x->args[0] && x->args[0]->type != type)
		fail(ps, "%s", needs);
	return x;
}

static struct expr *
parse_unary(struct parser *ps)
{
	if (accept(ps, "-"))
		return prefix(ps, X_NEG, V_INT, parse_unary, "'-' needs a number");
	return parse_primary(ps);
}

static struct expr *
binary(struct parser *ps, enum op op, enum vkind type, struct expr *a, struct expr *b)
{
	struct expr *x = node(op, type, 2);
	x->args[0] = a;
	x->args[1] = b;
	if (a == NULL || b == NULL)
		return x;
	switch (op) {
	case X_ADD:
	case X_SUB:
	case X_MUL:
		if (a->type != V_INT || b->type != V_INT)
			fail(ps, "%s", "arithmetic needs numbers");
		break;
	case X_AND:
	case X_OR:
		if (a->type != V_BOOL || b->type != V_BOOL)
			fail(ps, "%s", "and/or need true/false on both sides");
		break;
	case X_EQ:
	case X_NE:
		if (!comparable(a, b))
			fail(ps, "cannot compare %s", kind_name(a->type));
		check_option(ps, a, b);
		check_option(ps, b, a);
		break;
	default:
		if (!comparable(a, b) || a->type == V_BOOL)
			fail(ps, "cannot order %s", kind_name(a->type));
	}
	return x;
}

static struct expr *
parse_prod(struct parser *ps)
{
	struct expr *x = parse_unary(ps);
	while (!ps->failed && accept(ps, "*"))
		x = binary(ps, X_MUL, V_INT, x, parse_unary(ps));
	return x;
}

static struct expr *
parse_sum(struct parser *ps)
{
	struct expr *x = parse_prod(ps);
	for (;;) {
		if (!ps->failed && accept(ps, "+"))
			x = binary(ps, X_ADD, V_INT, x, parse_prod(ps));
		else if (!ps->failed && accept(ps, "-"))
			x = binary(ps, X_SUB, V_INT, x, parse_prod(ps));
		else
			return x;
	}
}

static struct expr *
parse_cmp(struct parser *ps)
{
	static const struct {
		const char *tok;
		enum op op;
	} ops[] = {{"!=", X_NE}, {"<=", X_LE}, {">=", X_GE}, {"=", X_EQ}, {"<", X_LT}, {">", X_GT}};
	struct expr *x = parse_sum(ps);
	const char *save;

	if (ps->failed)
		return x;
	for (size_t i = 0; i < ARRAY_LEN(ops); i++)
		if (accept(ps, ops[i].tok))
			return binary(ps, ops[i].op, V_BOOL, x, parse_sum(ps));
	save = ps->p;
	bool negated = accept(ps, "not");
	if (!accept(ps, "in")) {
		ps->p = save;
		return x;
	}
	struct expr *in = node(negated ? X_NOTIN : X_IN, V_BOOL, 1);
	in->args[0] = x;
	expect(ps, "(");
	do {
		struct expr *item = parse_sum(ps);
		in->args = xreallocarray(in->args, in->nargs + 1, sizeof *in->args);
		in->args[in->nargs++] = item;
		if (item && x && !comparable(x, item))
			fail(ps, "%s", "list item of another type");
		if (item && x)
			check_option(ps, x, item);
	} while (!ps->failed && accept(ps, ","));
	expect(ps, ")");
	return in;
}

static struct expr *
parse_not(struct parser *ps)
{
	if (accept(ps, "not"))
		return prefix(ps, X_NOT, V_BOOL, parse_not, "'not' needs true/false");
	return parse_cmp(ps);
}

static struct expr *
parse_and(struct parser *ps)
{
	struct expr *x = parse_not(ps);
	while (!ps->failed && accept(ps, "and"))
		x = binary(ps, X_AND, V_BOOL, x, parse_not(ps));
	return x;
}

static struct expr *
parse_or(struct parser *ps)
{
	struct expr *x = parse_and(ps);
	while (!ps->failed && accept(ps, "or"))
		x = binary(ps, X_OR, V_BOOL, x, parse_and(ps));
	return x;
}

struct expr *
expr_parse(const char *src, const struct expr_scope *scope, enum vkind *type, struct err *e)
{
	struct parser ps = {.src = src, .p = src, .scope = scope, .e = e};
	/* A rule is a line or two; a cap keeps long flat chains from exhausting the stack when
	 * they are evaluated or freed. */
	if (strlen(src) > 4096) {
		err_set(e, "expression longer than 4096 characters");
		return NULL;
	}
	struct expr *x = parse_or(&ps);
	skip_space(&ps);
	if (!ps.failed && *ps.p != '\0')
		fail(&ps, "%s", "unexpected text after the end");
	if (ps.failed || x == NULL) {
		if (!ps.failed)
			fail(&ps, "%s", "empty");
		expr_free(x);
		return NULL;
	}
	*type = x->type;
	return x;
}

static const struct value null_value = {V_NULL, 0, NULL};

static struct value
vint(int64_t i)
{
	return (struct value){V_INT, i, NULL};
}

static struct value
vbool(bool b)
{
	return (struct value){V_BOOL, b, NULL};
}

static int
compare(const struct value *a, const struct value *b)
{
	if (a->k == V_INT || a->k == V_BOOL)
		return (a->i > b->i) - (a->i < b->i);
	return strcmp(a->s, b->s);
}

struct value
expr_eval(const struct expr *x, const struct expr_env *env)
{
	struct value a, b;
	const struct value *ref;
	int64_t r;

	switch (x->op) {
	case X_LIT:
		return x->lit;
	case X_FIELD:
		ref = env->field(env->ctx, x->ref);
		return ref ? *ref : null_value;
	case X_COLUMN:
		ref = env->column ? env->column(env->ctx, x->ref) : NULL;
		return ref ? *ref : null_value;
	case X_REPORT_YEAR:
		return vint(env->report_year);
	case X_TODAY:
		return (struct value){V_DATE, 0, (char *)env->today};
	case X_ROWS:
		return vint(env->rows(env->ctx, x->ref));
	case X_PRESENT:
		a = expr_eval(x->args[0], env);
		return vbool(a.k != V_NULL);
	case X_YEAR:
		a = expr_eval(x->args[0], env);
		if (a.k == V_NULL || strlen(a.s) < 4)
			return null_value;
		return vint(strtol(a.s, NULL, 10));
	case X_NOT:
		a = expr_eval(x->args[0], env);
		return a.k == V_NULL ? a : vbool(!a.i);
	case X_NEG:
		a = expr_eval(x->args[0], env);
		if (a.k == V_NULL || a.i == INT64_MIN)
			return null_value;
		return vint(-a.i);
	case X_AND:
		a = expr_eval(x->args[0], env);
		if (a.k != V_NULL && !a.i)
			return vbool(false);
		b = expr_eval(x->args[1], env);
		if (b.k != V_NULL && !b.i)
			return vbool(false);
		return a.k == V_NULL || b.k == V_NULL ? null_value : vbool(true);
	case X_OR:
		a = expr_eval(x->args[0], env);
		if (a.k != V_NULL && a.i)
			return vbool(true);
		b = expr_eval(x->args[1], env);
		if (b.k != V_NULL && b.i)
			return vbool(true);
		return a.k == V_NULL || b.k == V_NULL ? null_value : vbool(false);
	case X_IN:
	case X_NOTIN: {
		bool found = false;
		a = expr_eval(x->args[0], env);
		if (a.k == V_NULL)
			return null_value;
		for (size_t i = 1; i < x->nargs && !found; i++) {
			b = expr_eval(x->args[i], env);
			if (b.k == V_NULL)
				return null_value;
			found = compare(&a, &b) == 0;
		}
		return vbool(x->op == X_IN ? found : !found);
	}
	default:
		break;
	}
	a = expr_eval(x->args[0], env);
	b = expr_eval(x->args[1], env);
	if (a.k == V_NULL || b.k == V_NULL)
		return null_value;
	switch (x->op) {
	case X_ADD:
		return __builtin_add_overflow(a.i, b.i, &r) ? null_value : vint(r);
	case X_SUB:
		return __builtin_sub_overflow(a.i, b.i, &r) ? null_value : vint(r);
	case X_MUL:
		return __builtin_mul_overflow(a.i, b.i, &r) ? null_value : vint(r);
	case X_EQ:
		return vbool(compare(&a, &b) == 0);
	case X_NE:
		return vbool(compare(&a, &b) != 0);
	case X_LT:
		return vbool(compare(&a, &b) < 0);
	case X_LE:
		return vbool(compare(&a, &b) <= 0);
	case X_GT:
		return vbool(compare(&a, &b) > 0);
	case X_GE:
		return vbool(compare(&a, &b) >= 0);
	default:
		return null_value;
	}
}
