/* json.h: a small JSON tree read with SQLite's JSON parser, and a JSON string writer. */
#ifndef XHHT_JSON_H
#define XHHT_JSON_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "util.h"

enum jtype { J_NULL, J_TRUE, J_FALSE, J_INT, J_REAL, J_TEXT, J_ARRAY, J_OBJECT };

struct jnode {
	enum jtype type;
	char *key;   /* member name when the parent is an object */
	char *text;  /* J_TEXT: the unescaped string; J_INT/J_REAL: the number as written */
	int64_t i;   /* J_INT */
	bool big;    /* J_INT that does not fit in 64 bits */
	struct jnode **kids;
	size_t nkids;
};

/* Parses text (which must already be checked as UTF-8) with SQLite's JSON functions on db.
 * Refuses duplicate member names. */
enum status json_parse(sqlite3 *db, const char *text, struct jnode **out, struct err *e);
void json_free(struct jnode *n);
/* Member of an object, or NULL. */
const struct jnode *json_get(const struct jnode *obj, const char *key);
const char *json_type_name(enum jtype t);

/* Appends s as a JSON string literal. */
void json_write_string(struct buf *b, const char *s);

#endif
