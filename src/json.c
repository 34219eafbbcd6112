/* json.c: reads JSON text into a tree (strict RFC 8259) and writes JSON strings. */
#include "json.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "i18n.h"
#include "text.h"

/* A tree's nodes, names, strings and child lists live in one arena, freed at once: a report
 * has hundreds of nodes, and allocating and freeing each was a tenth of the importer's time. */
struct jarena {
	struct jarena *next;
	size_t used, cap;
	max_align_t data[];
};

static void *
arena_alloc(struct jarena **a, size_t size)
{
	size = (size + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
	if (*a == NULL || (*a)->cap - (*a)->used < size) {
		size_t cap = size > 16384 ? size : 16384;
		struct jarena *b = xmalloc(sizeof *b + cap);
		b->next = *a;
		b->used = 0;
		b->cap = cap;
		*a = b;
	}
	void *p = (char *)(*a)->data + (*a)->used;
	(*a)->used += size;
	return p;
}

static void
arena_free(struct jarena *a)
{
	while (a != NULL) {
		struct jarena *next = a->next;
		free(a);
		a = next;
	}
}

static struct jnode *
node_new(struct jarena **a, enum jtype type)
{
	struct jnode *n = arena_alloc(a, sizeof *n);
	memset(n, 0, sizeof *n);
	n->type = type;
	return n;
}

static char *
arena_strndup(struct jarena **a, const char *s, size_t len)
{
	char *d = arena_alloc(a, len + 1);
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

static void
add_kid(struct jarena **a, struct jnode *parent, struct jnode *kid)
{
	/* Grown at powers of two; the old list stays in the arena unused. */
	if ((parent->nkids & (parent->nkids - 1)) == 0) {
		size_t cap = parent->nkids ? parent->nkids * 2 : 4;
		struct jnode **kids;
		if (parent->nkids >= 4 || parent->nkids == 0) {
			if (cap > SIZE_MAX / sizeof *kids)
				abort();
			kids = arena_alloc(a, cap * sizeof *kids);
			if (parent->nkids)
				memcpy(kids, parent->kids, parent->nkids * sizeof *kids);
			parent->kids = kids;
		}
	}
	parent->kids[parent->nkids++] = kid;
}

/* Strict RFC 8259 JSON, read in one pass into a tree. Not SQLite's json_tree: it took a fifth
 * of the importer's time, building rows to be turned into this tree, and from SQLite 3.42 on it
 * also takes JSON5 (comments, trailing commas, unquoted keys), which none of our files may hold;
 * this reader takes the same texts whatever SQLite the program runs with. */

#define JSON_MAX_DEPTH 512

struct jreader {
	const char *start, *p;
	int depth;
	struct err *e;
	struct jarena *arena;
};

/* Refuses the text, saying where (line and column, counted in characters) and why. */
static struct jnode *
jfail(struct jreader *r, const char *vi, const char *en)
{
	int line = 1, col = 1;
	for (const char *q = r->start; q < r->p && *q; q++) {
		if (*q == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)*q & 0xc0) != 0x80)
			col++;
	}
	err_set(r->e, L("không phải JSON hợp lệ (dòng %d, cột %d): %s",
			"not valid JSON (line %d, column %d): %s"),
		line, col, L(vi, en));
	return NULL;
}

static void
skip_blank(struct jreader *r)
{
	while (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r')
		r->p++;
}

static int
hex4(const char *s)
{
	int v = 0;
	for (int i = 0; i < 4; i++) {
		int c = (unsigned char)s[i], d = c >= '0' && c <= '9'   ? c - '0'
					      : c >= 'a' && c <= 'f' ? c - 'a' + 10
					      : c >= 'A' && c <= 'F' ? c - 'A' + 10
								     : -1;
		if (d < 0)
			return -1;
		v = v << 4 | d;
	}
	return v;
}

static void
put_utf8(struct buf *b, uint32_t cp)
{
	char u[4];
	size_t n;
	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | cp >> 18);
		u[1] = (char)(0x80 | (cp >> 12 & 0x3f));
		u[2] = (char)(0x80 | (cp >> 6 & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	buf_add(b, u, n);
}

/* A string, r->p on its opening quote; a new string, or NULL when refused. */
static char *
read_string(struct jreader *r)
{
	struct buf b;
	const char *q = ++r->p;
	/* Most strings have no escape: checked as UTF-8 and copied in one piece. */
	for (;;) {
		unsigned char c = (unsigned char)*q;
		if (c < 0x80) {
			if (c < 0x20 || c == '"' || c == '\\')
				break;
			q++;
			continue;
		}
		size_t n = utf8_seq_len(q);
		if (n == 0) {
			r->p = q;
			jfail(r, "chuỗi có byte không phải UTF-8 hợp lệ", "a string holds bytes that are not valid UTF-8");
			return NULL;
		}
		q += n;
	}
	if (*q == '"') {
		char *s = arena_strndup(&r->arena, r->p, (size_t)(q - r->p));
		r->p = q + 1;
		return s;
	}
	/* An escape or a bad byte at q: what came before it is already checked. */
	buf_init(&b);
	buf_add(&b, r->p, (size_t)(q - r->p));
	r->p = q;
	for (;;) {
		const char *run = r->p;
		while ((unsigned char)*r->p >= 0x20 && *r->p != '"' && *r->p != '\\') {
			size_t n = (unsigned char)*r->p < 0x80 ? 1 : utf8_seq_len(r->p);
			if (n == 0)
				break;
			r->p += n;
		}
		buf_add(&b, run, (size_t)(r->p - run));
		if ((unsigned char)*r->p >= 0x80) {
			jfail(r, "chuỗi có byte không phải UTF-8 hợp lệ", "a string holds bytes that are not valid UTF-8");
			break;
		}
		if (*r->p == '"') {
			r->p++;
			char *s = arena_strndup(&r->arena, b.data, b.len);
			buf_free(&b);
			return s;
		}
		if (*r->p == '\0') {
			jfail(r, "chuỗi không có dấu nháy đóng", "a string is not closed");
			break;
		}
		if ((unsigned char)*r->p < 0x20) {
			jfail(r, "ký tự điều khiển trong chuỗi (phải viết dạng \\n, \\t...)",
			      "a control character inside a string (write it as \\n, \\t...)");
			break;
		}
		/* A backslash. */
		char c = r->p[1];
		const char *simple = strchr("\"\\/bfnrt", c);
		if (c != '\0' && simple != NULL) {
			buf_addc(&b, "\"\\/\b\f\n\r\t"[simple - "\"\\/bfnrt"]);
			r->p += 2;
			continue;
		}
		if (c != 'u') {
			jfail(r, "ký tự thoát không hợp lệ sau \\", "an invalid escape after \\");
			break;
		}
		int u = hex4(r->p + 2);
		uint32_t cp = (uint32_t)u;
		if (u < 0) {
			jfail(r, "\\u phải có đúng bốn chữ số hệ mười sáu",
			      "\\u needs exactly four hexadecimal digits");
			break;
		}
		if (u == 0) {
			err_set(r->e, L("chuỗi JSON chứa ký tự NUL (\\u0000)",
					"a JSON string contains NUL (\\u0000)"));
			break;
		}
		r->p += 6;
		if (u >= 0xd800 && u <= 0xdbff && r->p[0] == '\\' && r->p[1] == 'u') {
			int lo = hex4(r->p + 2);
			if (lo >= 0xdc00 && lo <= 0xdfff) {
				cp = 0x10000 + (((uint32_t)u - 0xd800) << 10) + ((uint32_t)lo - 0xdc00);
				r->p += 6;
			}
		}
		if (cp >= 0xd800 && cp <= 0xdfff) {
			jfail(r, "nửa cặp thay thế UTF-16 đứng một mình", "a lone UTF-16 surrogate");
			break;
		}
		put_utf8(&b, cp);
	}
	buf_free(&b);
	return NULL;
}

static struct jnode *read_value(struct jreader *r);

static struct jnode *
read_number(struct jreader *r)
{
	const char *s = r->p, *q = s;
	bool whole = true;
	if (*q == '-')
		q++;
	if (*q == '0')
		q++;
	else if (*q >= '1' && *q <= '9')
		while (*q >= '0' && *q <= '9')
			q++;
	else
		return jfail(r, "số viết sai", "a malformed number");
	if (*q == '.') {
		whole = false;
		if (!(*++q >= '0' && *q <= '9'))
			return jfail(r, "số viết sai", "a malformed number");
		while (*q >= '0' && *q <= '9')
			q++;
	}
	if (*q == 'e' || *q == 'E') {
		whole = false;
		q++;
		if (*q == '+' || *q == '-')
			q++;
		if (!(*q >= '0' && *q <= '9'))
			return jfail(r, "số viết sai", "a malformed number");
		while (*q >= '0' && *q <= '9')
			q++;
	}
	struct jnode *n = node_new(&r->arena, J_INT);
	n->text = arena_strndup(&r->arena, s, (size_t)(q - s));
	r->p = q;
	if (!whole) {
		n->type = J_REAL;
		return n;
	}
	/* Digits accumulated as a negative number: the most negative int64 fits, and any
	 * overflow is seen before it happens. */
	n->type = J_INT;
	bool neg = *s == '-';
	int64_t v = 0;
	for (const char *d = s + neg; d < q; d++) {
		int digit = *d - '0';
		if (v < (INT64_MIN + digit) / 10) {
			n->big = true;
			return n;
		}
		v = v * 10 - digit;
	}
	if (!neg && v == INT64_MIN)
		n->big = true;
	else
		n->i = neg ? v : -v;
	return n;
}

/* An array or object, r->p on its opening bracket. */
static struct jnode *
read_container(struct jreader *r, bool object)
{
	struct jnode *n = node_new(&r->arena, object ? J_OBJECT : J_ARRAY);
	char close = object ? '}' : ']';
	if (++r->depth > JSON_MAX_DEPTH) {
		jfail(r, "lồng nhau quá sâu", "nested too deeply");
		goto fail;
	}
	r->p++;
	skip_blank(r);
	if (*r->p == close) {
		r->p++;
		r->depth--;
		return n;
	}
	for (;;) {
		char *key = NULL;
		uint32_t keyhash = 0;
		if (object) {
			if (*r->p != '"') {
				jfail(r, "cần tên mục trong dấu nháy kép", "expected a member name in double quotes");
				goto fail;
			}
			if ((key = read_string(r)) == NULL)
				goto fail;
			/* Names are compared by a hash first: the values object of a report has
			 * dozens of members, and each is checked against all before it. */
			uint32_t h = 2166136261u;
			for (const unsigned char *k = (const unsigned char *)key; *k; k++)
				h = (h ^ *k) * 16777619u;
			bool twice = false;
			for (size_t i = 0; i < n->nkids && !twice; i++)
				twice = n->kids[i]->keyhash == h && strcmp(n->kids[i]->key, key) == 0;
			keyhash = h;
			if (twice) {
				err_set(r->e, L("khóa \"%s\" xuất hiện hai lần trong cùng một đối tượng JSON",
						"key \"%s\" appears twice in one JSON object"),
					key);
				goto fail;
			}
			skip_blank(r);
			if (*r->p != ':') {
				jfail(r, "cần dấu hai chấm sau tên mục", "expected ':' after a member name");
				goto fail;
			}
			r->p++;
			skip_blank(r);
		}
		struct jnode *kid = read_value(r);
		if (kid == NULL)
			goto fail;
		kid->key = key;
		kid->keyhash = keyhash;
		add_kid(&r->arena, n, kid);
		skip_blank(r);
		if (*r->p == ',') {
			r->p++;
			skip_blank(r);
			continue;
		}
		if (*r->p == close) {
			r->p++;
			r->depth--;
			return n;
		}
		jfail(r, object ? "cần dấu phẩy hoặc dấu }" : "cần dấu phẩy hoặc dấu ]",
		      object ? "expected ',' or '}'" : "expected ',' or ']'");
		goto fail;
	}
fail:
	return NULL; /* the arena goes with the whole parse */
}

static struct jnode *
read_value(struct jreader *r)
{
	struct jnode *n;
	switch (*r->p) {
	case '{':
	case '[':
		return read_container(r, *r->p == '{');
	case '"': {
		char *s = read_string(r);
		if (s == NULL)
			return NULL;
		n = node_new(&r->arena, J_TEXT);
		n->text = s;
		return n;
	}
	case 't':
	case 'f':
	case 'n': {
		static const char *const words[] = {"true", "false", "null"};
		static const enum jtype types[] = {J_TRUE, J_FALSE, J_NULL};
		int w = *r->p == 't' ? 0 : *r->p == 'f' ? 1 : 2;
		size_t len = strlen(words[w]);
		if (strncmp(r->p, words[w], len) != 0)
			break;
		r->p += len;
		n = node_new(&r->arena, types[w]);
		return n;
	}
	case '\0':
		return jfail(r, "văn bản kết thúc giữa chừng", "the text ends too early");
	default:
		if (*r->p == '-' || (*r->p >= '0' && *r->p <= '9'))
			return read_number(r);
	}
	return jfail(r, "ký tự không mong đợi", "an unexpected character");
}

enum status
json_parse(const char *text, struct jnode **out, struct err *e)
{
	struct jreader r = {text, text, 0, e, NULL};
	struct jnode *root;
	*out = NULL;
	skip_blank(&r);
	if ((root = read_value(&r)) != NULL) {
		skip_blank(&r);
		if (*r.p == '\0') {
			root->arena = r.arena;
			*out = root;
			return ST_OK;
		}
		jfail(&r, "còn chữ sau khi giá trị JSON đã kết thúc",
		      "text follows the end of the JSON value");
	}
	arena_free(r.arena);
	return ST_REFUSED;
}

void
json_free(struct jnode *root)
{
	if (root != NULL)
		arena_free(root->arena);
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

bool
json_get_text(const struct jnode *obj, const char *key, char *out, size_t outlen)
{
	const struct jnode *n = json_get(obj, key);
	if (n == NULL || n->type != J_TEXT || strlen(n->text) >= outlen)
		return false;
	memcpy(out, n->text, strlen(n->text) + 1);
	return true;
}

bool
json_get_int(const struct jnode *obj, const char *key, int64_t lo, int64_t hi, int64_t *out)
{
	const struct jnode *n = json_get(obj, key);
	if (n == NULL || n->type != J_INT || n->big || n->i < lo || n->i > hi)
		return false;
	*out = n->i;
	return true;
}

bool
json_get_b64(const struct jnode *obj, const char *key, unsigned char *out, size_t len)
{
	const struct jnode *n = json_get(obj, key);
	return n != NULL && n->type == J_TEXT && b64_decode_exact(n->text, out, len);
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
