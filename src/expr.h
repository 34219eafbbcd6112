/* expr.h: the small expression language of template rules (docs/template-format.md). */
#ifndef XHHT_EXPR_H
#define XHHT_EXPR_H

#include <stdint.h>

#include "template.h"

enum vkind { V_NULL, V_INT, V_BOOL, V_TEXT, V_DATE };

/* One value of a report, or of an expression. Dates are ISO text (YYYY-MM-DD). */
struct value {
	enum vkind k;
	int64_t i;
	char *s;
};

/* What identifiers resolve to while parsing: the template, and the table of a row rule. */
struct expr_scope {
	const struct template *t;
	const struct field *table; /* NULL outside row rules */
};

/* What an expression reads while it is evaluated. */
struct expr_env {
	const struct value *(*field)(void *ctx, int field);
	const struct value *(*column)(void *ctx, int column);
	int64_t (*rows)(void *ctx, int field);
	void *ctx;
	int report_year;
	const char *today;
};

struct expr *expr_parse(const char *src, const struct expr_scope *scope, enum vkind *type,
			struct err *e);
void expr_free(struct expr *x);
/* The result is V_NULL, or of the type expr_parse gave. Text results point into the env. */
struct value expr_eval(const struct expr *x, const struct expr_env *env);

enum vkind ftype_vkind(enum ftype t);

#endif
