/* history.c: a unit's revisions of a year as the central received them, the differences between
 * two of them (fields and table rows, in template order), and conflicts settled by staff. */
#include "history.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "i18n.h"
#include "json.h"
#include "merged.h"
#include "report.h"
#include "staff.h"
#include "summary.h"
#include "text.h"

static const struct {
	const char *name, *vi, *en;
} history_states[HS_COUNT] = {
#define HISTORY_STATE_ROW(id, name, vi, en) [id] = {name, vi, en},
    HISTORY_STATES(HISTORY_STATE_ROW)
#undef HISTORY_STATE_ROW
};

const char *
history_state_name(enum history_state s)
{
	return history_states[s].name;
}

const char *
history_state_word(enum history_state s)
{
	return L(history_states[s].vi, history_states[s].en);
}

static enum history_state
state_parse(const char *name, bool set_aside)
{
	if (set_aside)
		return HS_SET_ASIDE;
	for (int s = 0; s < HS_COUNT; s++)
		if (strcmp(history_states[s].name, name) == 0)
			return (enum history_state)s;
	return HS_OLDER;
}

/* A column of a row as a new string, "" when NULL. */
static char *
column_dup(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	return xstrdup(s ? s : "");
}

static void
history_entry_read(sqlite3_stmt *st, const char *deadline, struct history_entry *h)
{
	snprintf(h->hash, sizeof h->hash, "%s", sqlite3_column_text(st, 0));
	h->revision = sqlite3_column_int(st, 1);
	h->state =
	    state_parse((const char *)sqlite3_column_text(st, 2), sqlite3_column_int(st, 7) != 0);
	snprintf(h->packed_at, sizeof h->packed_at, "%s", sqlite3_column_text(st, 3));
	snprintf(h->observed_at, sizeof h->observed_at, "%s", sqlite3_column_text(st, 4));
	h->by_mail = strcmp((const char *)sqlite3_column_text(st, 5), "mail") == 0;
	h->source = column_dup(st, 6);
	h->late = summary_late(h->observed_at, deadline);
}

enum status
history_read(struct store *db, const char *unit, int period, struct history *out, struct err *e)
{
	char deadline[32];
	enum status rc;
	memset(out, 0, sizeof *out);
	out->merged = -1;
	out->period = period;
	out->unit = xstrdup(unit);
	if ((out->unit_name = store_text(db, "SELECT name FROM unit WHERE code = ?1", "t", unit)) ==
	    NULL) {
		err_set(e, L("không có đơn vị %s ở Bộ", "there is no unit %s here"), unit);
		return ST_REFUSED;
	}
	if ((rc = summary_deadline_utc(db, period, deadline, e)) != ST_OK)
		return rc;
	sqlite3_stmt *st = store_query(
	    db,
	    "SELECT lower(hex(b.hash)), b.revision, b.state, b.packed_at,"
	    " coalesce(b.observed_at, b.imported_at), coalesce(b.observed_by, 'import'), b.source,"
	    " EXISTS (SELECT 1 FROM bundle_set_aside s WHERE s.bundle_hash = b.hash)"
	    " FROM bundle b WHERE b.unit_code = ?1 AND b.year = ?2 AND b.phase_first = ?3"
	    " ORDER BY b.revision DESC, b.rowid DESC",
	    e, "tp", unit, period);
	while (store_next(db, st, &rc, e)) {
		out->v = xreallocarray(out->v, out->n + 1, sizeof *out->v);
		struct history_entry *h = &out->v[out->n];
		history_entry_read(st, deadline, h);
		if (h->state == HS_MERGED)
			out->merged = (int)out->n;
		if (h->state == HS_CONFLICT && h->revision > out->conflict_revision)
			out->conflict_revision = h->revision;
		out->n++;
	}
	return rc;
}

void
history_free(struct history *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->v[i].source);
	free(h->v);
	free(h->unit);
	free(h->unit_name);
	memset(h, 0, sizeof *h);
	h->merged = -1;
}

static bool
all_digits(const char *s, size_t min)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (!isdigit((unsigned char)s[n]))
			return false;
	return n >= min;
}

static bool
hex_prefix_ok(const char *s)
{
	size_t n = strspn(s, "0123456789abcdefABCDEF");
	return s[n] == '\0' && n >= HISTORY_HASH_MIN && n <= 64;
}

/* The entries whose revision is rev (by number) or whose hash starts with prefix. */
static size_t
find_matches(const struct history *h, const char *what, bool by_revision, int *first)
{
	size_t found = 0;
	size_t len = strlen(what);
	for (size_t i = 0; i < h->n; i++) {
		bool m = by_revision ? h->v[i].revision == atoi(what)
				     : strncasecmp(h->v[i].hash, what, len) == 0;
		if (m && found++ == 0)
			*first = (int)i;
	}
	return found;
}

enum status
history_find(const struct history *h, const char *what, int *index, struct err *e)
{
	/* A short number is a revision; anything else is the start of a hash. */
	bool by_revision = all_digits(what, 1) && strlen(what) < HISTORY_HASH_MIN;
	if (!by_revision && !hex_prefix_ok(what)) {
		err_set(e,
			L("\"%s\" không phải số lần gửi hay đầu mã gói (ít nhất %d chữ số hex)",
			  "\"%s\" is neither a revision nor the start of a bundle hash (at least %d"
			  " hex digits)"),
			what, HISTORY_HASH_MIN);
		return ST_REFUSED;
	}
	size_t found = find_matches(h, what, by_revision, index);
	char period[PERIOD_WORDS_SIZE];
	if (found == 1)
		return ST_OK;
	period_key_words(h->period, period);
	if (found == 0)
		err_set(e,
			by_revision ? L("đơn vị %s không có lần gửi %s cho %s",
					"unit %s has no revision %s for %s")
				    : L("đơn vị %s không có gói nào bắt đầu bằng %s cho %s",
					"unit %s has no bundle starting with %s for %s"),
			h->unit, what, period);
	else if (by_revision)
		err_set(
		    e,
		    L("lần gửi %s có %zu gói khác nhau: hãy ghi đầu mã gói",
		      "revision %s has %zu different bundles: give the start of the bundle's hash"),
		    what, found);
	else
		err_set(e,
			L("có %zu gói bắt đầu bằng %s: hãy ghi thêm chữ số",
			  "%zu bundles start with %s: give more digits"),
			found, what);
	return ST_REFUSED;
}

size_t
history_candidates(const struct history *h, int *out, size_t max)
{
	size_t n = 0;
	if (h->conflict_revision == 0)
		return 0;
	/* The one in use (merged, or the first of its revision to arrive) comes first. */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < h->n; i++) {
			const struct history_entry *x = &h->v[i];
			if (x->revision != h->conflict_revision || x->state == HS_SET_ASIDE ||
			    (x->state == HS_CONFLICT) != (pass == 1))
				continue;
			if (n < max)
				out[n] = (int)i;
			n++;
		}
	return n;
}

enum status
history_default_pair(const struct history *h, int *older, int *newer, struct err *e)
{
	int c[2];
	char period[PERIOD_WORDS_SIZE];
	period_key_words(h->period, period);
	if (history_candidates(h, c, 2) >= 2) {
		*older = c[0];
		*newer = c[1];
		return ST_OK;
	}
	if (h->merged < 0) {
		err_set(e, L("đơn vị %s chưa có báo cáo %s ở Bộ", "unit %s has no %s report here"),
			h->unit, period);
		return ST_REFUSED;
	}
	for (size_t i = (size_t)h->merged + 1; i < h->n; i++)
		if (h->v[i].revision < h->v[h->merged].revision) {
			*older = (int)i;
			*newer = h->merged;
			return ST_OK;
		}
	err_set(e,
		L("báo cáo %s của đơn vị %s chỉ có một lần gửi: không có gì để so sánh",
		  "the %s report of unit %s has one revision only: nothing to compare"),
		period, h->unit);
	return ST_REFUSED;
}

/* ---- the difference between two reports ------------------------------------------------ */

static void
add_change(struct history_diff *d, const struct template *t, const struct field *f,
	   enum change_kind kind, int old_row, int new_row, char *label, const char *old_text,
	   const char *new_text)
{
	d->v = xreallocarray(d->v, d->n + 1, sizeof *d->v);
	d->v[d->n++] = (struct history_change){
	    .section = f->section,
	    .section_title = xstrdup(TR(t->sections[f->section].title)),
	    .label = label,
	    .kind = kind,
	    .old_row = old_row,
	    .new_row = new_row,
	    .old_text = xstrdup(old_text),
	    .new_text = xstrdup(new_text),
	};
}

/* A value as a clerk reads it; "" for none. */
static void
value_text(const struct field *f, const struct value *v, struct buf *b)
{
	buf_reset(b);
	if (v != NULL && v->k != V_NULL)
		value_format(f, v, b);
	buf_addc(b, '\0');
}

static enum change_kind
kind_of(const char *old_text, const char *new_text)
{
	return *old_text == '\0' ? CH_ADDED : *new_text == '\0' ? CH_REMOVED : CH_CHANGED;
}

/* One side of a table: each row's cells as text, in the newer template's columns. */
struct side {
	char ***cells; /* [row][column] */
	char **whole;  /* [row]: every cell, for matching by content */
	size_t n, ncols;
	size_t key; /* the column that names a row: the first text column (a model's, a person's
		     * name), else the first */
	int *match; /* [row]: the other side's row, -1 */
};

static void
side_read(struct side *s, const struct field *f, const struct rows *rows, const struct field *nf)
{
	struct buf b;
	buf_init(&b);
	s->n = rows != NULL ? rows->n : 0;
	s->ncols = nf->ncolumns;
	s->key = 0;
	for (size_t k = nf->ncolumns; k-- > 0;)
		if (nf->columns[k].type == F_TEXT)
			s->key = k;
	s->cells = xcalloc(s->n + 1, sizeof *s->cells);
	s->whole = xcalloc(s->n + 1, sizeof *s->whole);
	s->match = xcalloc(s->n + 1, sizeof *s->match);
	/* The older side may be on another template version: its columns found by id. */
	int *col = xcalloc(nf->ncolumns + 1, sizeof *col);
	for (size_t k = 0; k < nf->ncolumns; k++)
		col[k] = f == nf ? (int)k : f != NULL ? field_column(f, nf->columns[k].id) : -1;
	for (size_t r = 0; r < s->n; r++) {
		struct buf w;
		buf_init(&w);
		s->match[r] = -1;
		s->cells[r] = xcalloc(nf->ncolumns + 1, sizeof **s->cells);
		for (size_t k = 0; k < nf->ncolumns; k++) {
			value_text(col[k] >= 0 ? &f->columns[col[k]] : &nf->columns[k],
				   col[k] >= 0 ? &rows->rows[r].cells[col[k]] : NULL, &b);
			s->cells[r][k] = xstrdup(b.data);
			buf_adds(&w, b.data);
			buf_addc(&w, '\x1f');
		}
		buf_addc(&w, '\0');
		s->whole[r] = buf_steal(&w);
	}
	free(col);
	buf_free(&b);
}

static void
side_free(struct side *s)
{
	for (size_t r = 0; r < s->n; r++) {
		for (size_t k = 0; k < s->ncols; k++)
			free(s->cells[r][k]);
		free(s->cells[r]);
		free(s->whole[r]);
	}
	free(s->cells);
	free(s->whole);
	free(s->match);
}

static uint32_t
fnv1a(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Pairs the rows not paired yet whose key (key(side, row), NULL: none) is the same, each
 * older row with the first newer row of its key, through a hash table: O(rows). */
static void
match_by(struct side *o, struct side *n, const char *(*key)(const struct side *, size_t))
{
	size_t size = 1;
	while (size < 2 * n->n + 1)
		size <<= 1;
	int *head = xmalloc(size * sizeof *head), *next = xcalloc(n->n + 1, sizeof *next);
	for (size_t i = 0; i < size; i++)
		head[i] = -1;
	/* Chains in row order: the newer rows inserted from the last. */
	for (size_t j = n->n; j-- > 0;) {
		const char *k = key(n, j);
		if (n->match[j] >= 0 || k == NULL)
			continue;
		uint32_t h = fnv1a(k) & (uint32_t)(size - 1);
		next[j] = head[h];
		head[h] = (int)j;
	}
	for (size_t i = 0; i < o->n; i++) {
		const char *k = key(o, i);
		if (o->match[i] >= 0 || k == NULL)
			continue;
		for (int j = head[fnv1a(k) & (uint32_t)(size - 1)]; j >= 0; j = next[j])
			if (n->match[j] < 0 && strcmp(key(n, (size_t)j), k) == 0) {
				o->match[i] = j;
				n->match[j] = (int)i;
				break;
			}
	}
	free(head);
	free(next);
}

static const char *
key_whole(const struct side *s, size_t r)
{
	return s->whole[r];
}

static const char *
key_name(const struct side *s, size_t r)
{
	return s->ncols > 0 && s->cells[r][s->key][0] != '\0' ? s->cells[r][s->key] : NULL;
}

/* The cells of a row added (old_row 0) or removed (new_row 0), or those changed. */
static void
row_changes(struct history_diff *d, const struct template *t, const struct field *nf,
	    const struct side *o, const struct side *n, int oi, int nj)
{
	for (size_t k = 0; k < nf->ncolumns; k++) {
		const char *a = oi >= 0 ? o->cells[oi][k] : "", *b = nj >= 0 ? n->cells[nj][k] : "";
		if (strcmp(a, b) == 0)
			continue;
		int row = nj >= 0 ? nj + 1 : oi + 1;
		char *label = xasprintf(L("%s, dòng %d: %s", "%s, row %d: %s"), TR(nf->label), row,
					TR(nf->columns[k].label));
		enum change_kind kind = oi < 0 ? CH_ADDED : nj < 0 ? CH_REMOVED : CH_CHANGED;
		add_change(d, t, nf, kind, oi + 1, nj + 1, label, a, b);
	}
}

/* A table's rows: matched by content, then by their name (key_name), then in order; each pair's
 * changed cells, each row added or removed, in the newer report's order (a removed row before
 * what took its place). */
static void
table_changes(struct history_diff *d, const struct template *t, const struct field *of,
	      const struct rows *orows, const struct field *nf, const struct rows *nrows)
{
	struct side o, n;
	side_read(&o, of, orows, nf);
	side_read(&n, nf, nrows, nf);
	match_by(&o, &n, key_whole);
	match_by(&o, &n, key_name);
	/* Rows with a name and no partner are another row, added or removed; rows without one
	 * are paired in order. */
	for (size_t i = 0, j = 0; i < o.n; i++) {
		if (o.match[i] >= 0 || key_name(&o, i) != NULL)
			continue;
		while (j < n.n && (n.match[j] >= 0 || key_name(&n, j) != NULL))
			j++;
		if (j == n.n)
			break;
		o.match[i] = (int)j;
		n.match[j] = (int)i;
	}
	size_t oi = 0;
	for (size_t j = 0; j < n.n; j++) {
		/* Rows removed before this one's partner, or by its place when it has none. */
		int m = n.match[j];
		size_t upto = m >= 0 ? (size_t)m : j + 1;
		for (; oi < upto && oi < o.n; oi++)
			if (o.match[oi] < 0)
				row_changes(d, t, nf, &o, &n, (int)oi, -1);
		row_changes(d, t, nf, &o, &n, m, (int)j);
	}
	for (; oi < o.n; oi++)
		if (o.match[oi] < 0)
			row_changes(d, t, nf, &o, &n, (int)oi, -1);
	side_free(&o);
	side_free(&n);
}

/* Field nf of the newer report against field of (NULL: the older template has none). */
static void
field_changes(struct history_diff *d, const struct report *older, const struct report *newer,
	      int oi, int ni, struct buf *a, struct buf *b)
{
	const struct template *t = ni >= 0 ? newer->t : older->t;
	const struct field *of = oi >= 0 ? &older->t->fields[oi] : NULL;
	const struct field *nf = ni >= 0 ? &newer->t->fields[ni] : NULL;
	if ((nf != NULL ? nf : of)->type == F_TABLE) {
		if (nf == NULL) /* a table the newer template has not: every row removed */
			table_changes(d, t, of, &older->tables[oi], of, NULL);
		else
			table_changes(d, t, of != NULL && of->type == F_TABLE ? of : NULL,
				      of != NULL ? &older->tables[oi] : NULL, nf,
				      &newer->tables[ni]);
		return;
	}
	value_text(of != NULL ? of : nf, of != NULL ? &older->values[oi] : NULL, a);
	value_text(nf != NULL ? nf : of, nf != NULL ? &newer->values[ni] : NULL, b);
	if (strcmp(a->data, b->data) != 0)
		add_change(d, t, nf != NULL ? nf : of, kind_of(a->data, b->data), 0, 0,
			   xstrdup(TR((nf != NULL ? nf : of)->label)), a->data, b->data);
}

static void
report_changes(struct history_diff *d, const struct report *older, const struct report *newer)
{
	struct buf a, b;
	buf_init(&a);
	buf_init(&b);
	bool same = older->t == newer->t;
	for (size_t i = 0; i < newer->t->nfields; i++)
		field_changes(d, older, newer,
			      same ? (int)i : template_field(older->t, newer->t->fields[i].id),
			      (int)i, &a, &b);
	/* Fields only the older template has: their values are gone. */
	for (size_t i = 0; !same && i < older->t->nfields; i++)
		if (template_field(newer->t, older->t->fields[i].id) < 0)
			field_changes(d, older, newer, (int)i, -1, &a, &b);
	buf_free(&a);
	buf_free(&b);
}

/* The report of a bundle of unit and period (a key), by its hash in hex, and its revision. */
static enum status
bundle_report(struct store *db, const char *unit, int period, const char *hex, struct report **out,
	      int *revision, struct err *e)
{
	unsigned char hash[HASH_BYTES];
	enum status rc;
	bool found = false;
	*out = NULL;
	if (strlen(hex) != 2 * HASH_BYTES || !hex_decode(hex, hash, HASH_BYTES)) {
		err_set(e,
			L("\"%s\" không phải mã gói đầy đủ", "\"%s\" is not a whole bundle hash"),
			hex);
		return ST_REFUSED;
	}
	sqlite3_stmt *st = store_query(db,
				       "SELECT report, revision FROM bundle WHERE hash = ?1"
				       " AND unit_code = ?2 AND year = ?3 AND phase_first = ?4",
				       e, "btp", hash, HASH_BYTES, unit, period);
	while (store_next(db, st, &rc, e)) {
		found = true;
		*revision = sqlite3_column_int(st, 1);
		if ((rc = merged_report_parse(db, unit, (const char *)sqlite3_column_text(st, 0),
					      (size_t)sqlite3_column_bytes(st, 0), period, out,
					      e)) != ST_OK) {
			store_done(db, st);
			return rc;
		}
	}
	if (rc == ST_OK && !found) {
		char words[PERIOD_WORDS_SIZE];
		period_key_words(period, words);
		err_set(
		    e,
		    L("đơn vị %s không có gói %.12s cho %s", "unit %s has no bundle %.12s for %s"),
		    unit, hex, words);
		rc = ST_REFUSED;
	}
	return rc;
}

enum status
history_diff(struct store *db, const char *unit, int year, const char *old_hash,
	     const char *new_hash, struct history_diff *out, struct err *e)
{
	struct report *older = NULL, *newer = NULL;
	enum status rc;
	memset(out, 0, sizeof *out);
	if ((rc = bundle_report(db, unit, year, old_hash, &older, &out->old_revision, e)) ==
		ST_OK &&
	    (rc = bundle_report(db, unit, year, new_hash, &newer, &out->new_revision, e)) ==
		ST_OK) {
		snprintf(out->old_hash, sizeof out->old_hash, "%s", old_hash);
		snprintf(out->new_hash, sizeof out->new_hash, "%s", new_hash);
		report_changes(out, older, newer);
	}
	report_free(older);
	report_free(newer);
	return rc;
}

void
history_diff_free(struct history_diff *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].section_title);
		free(d->v[i].label);
		free(d->v[i].old_text);
		free(d->v[i].new_text);
	}
	free(d->v);
	memset(d, 0, sizeof *d);
}

/* ---- settling a conflict ------------------------------------------------------------------ */

/* The reason staff give, cleaned as a clerk's one-line text; NULL after saying why. */
static char *
settle_reason(const char *reason, struct err *e)
{
	const char *why = NULL;
	char *r = reason != NULL ? text_clean(reason, TEXT_LINE, &why) : NULL;
	if (reason != NULL && r == NULL) {
		err_set(e, L("lý do: %s", "the reason: %s"), why);
		return NULL;
	}
	if (r == NULL || *r == '\0') {
		err_set(e,
			L("cần ghi lý do chọn bản này (để sau này còn giải thích được)",
			  "a reason for the choice is needed (so that it can be explained later)"));
		free(r);
		return NULL;
	}
	if (utf8_chars(r) > HISTORY_REASON_MAX) {
		err_set(e, L("lý do dài quá %d ký tự", "the reason is longer than %d characters"),
			HISTORY_REASON_MAX);
		free(r);
		return NULL;
	}
	return r;
}

/* The choice among the conflict's candidates (c, n of them); ST_REFUSED naming them when the
 * entry chosen is not one. */
static enum status
settle_choice(const struct history *h, const char *chosen, const int *c, size_t n, int *pick,
	      struct err *e)
{
	enum status rc = history_find(h, chosen, pick, e);
	for (size_t i = 0; rc == ST_OK && i < n; i++)
		if (c[i] == *pick)
			return ST_OK;
	if (rc == ST_OK) {
		struct buf b;
		buf_init(&b);
		for (size_t i = 0; i < n; i++)
			buf_printf(&b, "%s%.*s", i ? ", " : "", HISTORY_HASH_SHOWN,
				   h->v[c[i]].hash);
		err_set(e,
			L("gói %s không phải một trong các bản xung đột của lần gửi %d: %s",
			  "bundle %s is not one of the conflicting candidates of revision %d: %s"),
			chosen, h->conflict_revision, b.data);
		buf_free(&b);
	}
	return ST_REFUSED;
}

/* Writes the choice: the chosen one takes the state the one in use held (merged: the merged
 * report now points at it), every other candidate is a conflict set aside. */
static enum status
settle_write(struct store *db, const struct history *h, const int *c, size_t n, int pick,
	     long long action, struct err *e)
{
	unsigned char hash[HASH_BYTES], other[HASH_BYTES];
	char now[32];
	enum status rc;
	/* c[0] is the one in use (history_candidates), unless all of them came as conflicts. */
	enum history_state win = h->v[c[0]].state == HS_CONFLICT ? HS_OLDER : h->v[c[0]].state;
	store_now(now);
	hex_decode(h->v[pick].hash, hash, HASH_BYTES);
	if ((rc = store_do(db, "UPDATE bundle SET state = ?2 WHERE hash = ?1", e, "bt", hash,
			   HASH_BYTES, history_state_name(win))) != ST_OK)
		return rc;
	if (win == HS_MERGED &&
	    (rc = store_do(db,
			   "UPDATE merged SET bundle_hash = ?4, merged_at = ?5"
			   " WHERE unit_code = ?1 AND year = ?2 AND phase_first = ?3"
			   " AND bundle_hash <> ?4",
			   e, "tpbt", h->unit, h->period, hash, HASH_BYTES, now)) != ST_OK)
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (c[i] == pick)
			continue;
		hex_decode(h->v[c[i]].hash, other, HASH_BYTES);
		if ((rc = store_do(db, "UPDATE bundle SET state = 'conflict' WHERE hash = ?1", e,
				   "b", other, HASH_BYTES)) != ST_OK ||
		    (rc = store_do(
			 db,
			 "INSERT INTO bundle_set_aside(bundle_hash, chosen_hash, action_id,"
			 " at) VALUES (?1, ?2, ?3, ?4)",
			 e, "bbIt", other, HASH_BYTES, hash, HASH_BYTES, (sqlite3_int64)action,
			 now)) != ST_OK)
			return rc;
	}
	return ST_OK;
}

/* The log's words: the revision, the one chosen, those set aside, and the staff's reason. */
static char *
settle_detail(const struct history *h, const int *c, size_t n, int pick, const char *reason)
{
	struct buf b;
	buf_init(&b);
	buf_printf(&b, L("lần gửi %d: chọn %.*s, để riêng ", "revision %d: chose %.*s, set aside "),
		   h->conflict_revision, HISTORY_HASH_SHOWN, h->v[pick].hash);
	for (size_t i = 0, k = 0; i < n; i++)
		if (c[i] != pick)
			buf_printf(&b, "%s%.*s", k++ ? ", " : "", HISTORY_HASH_SHOWN,
				   h->v[c[i]].hash);
	buf_printf(&b, L("; lý do: %s", "; reason: %s"), reason);
	return buf_steal(&b);
}

#define SETTLE_MAX_CANDIDATES 64

enum status
history_settle(struct store *db, const char *unit, int year, const char *chosen, const char *reason,
	       char chosen_hash[65], size_t *set_aside, struct err *e)
{
	struct history h;
	int c[SETTLE_MAX_CANDIDATES], pick = -1;
	size_t n;
	enum status rc;
	char *why = settle_reason(reason, e), *detail = NULL;
	*set_aside = 0;
	chosen_hash[0] = '\0';
	if (why == NULL)
		return ST_REFUSED;
	if ((rc = store_begin(db, e)) != ST_OK) {
		free(why);
		return rc;
	}
	/* Read inside the transaction: an import between the reading and the writing cannot
	 * add a candidate staff did not see. */
	if ((rc = history_read(db, unit, year, &h, e)) != ST_OK)
		goto done;
	n = history_candidates(&h, c, SETTLE_MAX_CANDIDATES);
	if (n == 0 || n > SETTLE_MAX_CANDIDATES) {
		char period[PERIOD_WORDS_SIZE];
		period_key_words(year, period);
		err_set(e,
			L("báo cáo %s của đơn vị %s không có xung đột nào cần xử lý",
			  "the %s report of unit %s has no conflict to settle"),
			period, unit);
		rc = ST_REFUSED;
		goto done;
	}
	if ((rc = settle_choice(&h, chosen, c, n, &pick, e)) != ST_OK)
		goto done;
	detail = settle_detail(&h, c, n, pick, why);
	if ((rc = staff_log(db, SA_SETTLE, unit, year, detail, e)) != ST_OK ||
	    (rc = settle_write(db, &h, c, n, pick,
			       store_int(db, 0, "SELECT last_insert_rowid()", ""), e)) != ST_OK)
		goto done;
	rc = store_commit(db, e);
	if (rc == ST_OK) {
		snprintf(chosen_hash, 65, "%s", h.v[pick].hash);
		*set_aside = n - 1;
	}
done:
	if (rc != ST_OK)
		store_rollback(db);
	history_free(&h);
	free(detail);
	free(why);
	return rc;
}

/* ---- the history written out ----------------------------------------------------------- */

static void
history_text(const struct history *h, struct buf *b)
{
	char packed[32], seen[32], period[PERIOD_WORDS_SIZE];
	period_key_words(h->period, period);
	buf_printf(b, L("Đơn vị %s (", "Unit %s ("), h->unit);
	buf_add_terminal(b, h->unit_name);
	buf_printf(b,
		   L("), báo cáo %s: %zu lần gửi, mới nhất trước\n",
		     "), %s report: %zu bundles, newest first\n"),
		   period, h->n);
	buf_adds(b, L("LẦN\tGÓI\tTRẠNG THÁI\tĐÓNG GÓI (giờ đơn vị)\tBỘ NHẬN\tNGUỒN\n",
		      "REV\tBUNDLE\tSTATE\tPACKED (unit's clock)\tRECEIVED\tSOURCE\n"));
	for (size_t i = 0; i < h->n; i++) {
		const struct history_entry *x = &h->v[i];
		time_vietnam(x->packed_at, packed);
		time_vietnam(x->observed_at, seen);
		buf_printf(b, "%d\t%.*s\t%s\t%s\t%s%s%s\t", x->revision, HISTORY_HASH_SHOWN,
			   x->hash, history_state_word(x->state), packed, seen,
			   x->by_mail ? L(" (máy chủ thư)", " (mail server)") : "",
			   x->late ? L(" MUỘN", " LATE") : "");
		buf_add_terminal(b, x->source);
		buf_addc(b, '\n');
	}
	if (h->conflict_revision > 0)
		buf_printf(b,
			   L("Lần gửi %d có các bản khác nhau (xung đột): cần chọn một bản.\n",
			     "Revision %d came with different contents (a conflict): one must be"
			     " chosen.\n"),
			   h->conflict_revision);
}

static void
history_csv(const struct history *h, struct buf *b)
{
	buf_adds(b, "\xEF\xBB\xBF"
		    "revision,hash,state,packed_at,observed_at,observed_by,late,source\r\n");
	for (size_t i = 0; i < h->n; i++) {
		const struct history_entry *x = &h->v[i];
		buf_printf(b, "%d,%s,%s,%s,%s,%s,%s,", x->revision, x->hash,
			   history_state_name(x->state), x->packed_at, x->observed_at,
			   x->by_mail ? "mail" : "import", x->late ? "true" : "false");
		buf_csv(b, x->source);
		buf_adds(b, "\r\n");
	}
}

static void
history_json(const struct history *h, struct buf *b)
{
	buf_adds(b, "{\"unit\":");
	json_write_string(b, h->unit);
	buf_printf(b, ",\"year\":%d,", PERIOD_YEAR(h->period));
	if (PERIOD_FIRST(h->period) != 0)
		buf_printf(b, "\"phase_first\":%d,", PERIOD_FIRST(h->period));
	buf_adds(b, "\"merged\":");
	if (h->merged >= 0)
		json_write_string(b, h->v[h->merged].hash);
	else
		buf_adds(b, "null");
	buf_printf(b, ",\"conflict_revision\":%d,\"revisions\":[", h->conflict_revision);
	for (size_t i = 0; i < h->n; i++) {
		const struct history_entry *x = &h->v[i];
		buf_printf(
		    b,
		    "%s{\"revision\":%d,\"hash\":\"%s\",\"state\":\"%s\",\"packed_at\":\"%s\","
		    "\"observed_at\":\"%s\",\"observed_by\":\"%s\",\"late\":%s,\"source\":",
		    i ? "," : "", x->revision, x->hash, history_state_name(x->state), x->packed_at,
		    x->observed_at, x->by_mail ? "mail" : "import", x->late ? "true" : "false");
		json_write_string(b, x->source);
		buf_addc(b, '}');
	}
	buf_adds(b, "]}\n");
}

void
history_format(const struct history *h, int fmt, struct buf *out)
{
	if (fmt == SF_CSV)
		history_csv(h, out);
	else if (fmt == SF_JSON)
		history_json(h, out);
	else
		history_text(h, out);
}
