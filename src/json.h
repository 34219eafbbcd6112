/* json.h: a small JSON tree reader (strict RFC 8259), and a JSON string writer. */
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
	uint32_t keyhash; /* of key, for finding duplicates while reading */
	char *text;  /* J_TEXT: the unescaped string; J_INT/J_REAL: the number as written */
	int64_t i;   /* J_INT */
	bool big;    /* J_INT that does not fit in 64 bits */
	struct jnode **kids;
	size_t nkids;
	struct jarena *arena; /* the root's: where the whole tree lives */
};

/* Parses text: one JSON value, nothing after it but blanks. Refuses invalid UTF-8 (so every
 * string of the tree is valid UTF-8), duplicate member names, \u0000, lone surrogates and
 * nesting deeper than 512, saying where (line, column) and why. */
enum status json_parse(const char *text, struct jnode **out, struct err *e);
/* Frees a whole tree (given its root). */
void json_free(struct jnode *root);
/* Member of an object, or NULL. */
const struct jnode *json_get(const struct jnode *obj, const char *key);
const char *json_type_name(enum jtype t);
/* Members of a given type, false when missing, of another type or out of bounds: a string that
 * fits in outlen bytes with its NUL; an integer from lo to hi; base64 of exactly len bytes. */
bool json_get_text(const struct jnode *obj, const char *key, char *out, size_t outlen);
bool json_get_int(const struct jnode *obj, const char *key, int64_t lo, int64_t hi, int64_t *out);
bool json_get_b64(const struct jnode *obj, const char *key, unsigned char *out, size_t len);

/* Appends s as a JSON string literal. */
void json_write_string(struct buf *b, const char *s);

#endif
