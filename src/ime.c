/* ime.c: Telex and VNI typing: keys become a word's letters, marks and tone, checked against
 * Vietnamese spelling; a word that is not Vietnamese can get its keys back. */
#include "ime.h"

#include <string.h>

#include "text.h"
#include "util.h"

/* Marks a letter can carry; the tone belongs to the word and is placed when it is shown, so
 * that it moves to the right vowel as the word grows (hoa + n: hòa → hoàn). */
enum { MK_NONE, MK_HAT, MK_BREVE, MK_HORN, MK_BAR };

enum {
	LF_UPPER = 1,
	LF_LONE_W = 2, /* ư typed as a lone w: undoing it gives the w back */
	LF_DD = 4,     /* đ typed as two adjacent keys, as in abbreviations: never restored */
};

/* Tones in VNI's order: 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng. */
enum { TONE_ACUTE = 1, TONE_DOT = 5 };

/* Vowel nuclei of Vietnamese syllables. OPEN: may end a syllable; CLOSED: may take a final
 * consonant. Those that need a final are still accepted at the end of a word, because that is
 * how a word looks while it is typed (ươ before ng) and how Unikey's spell check takes it. */
enum { OPEN = 1, CLOSED = 2 };

static const struct {
	const char *v;
	uint8_t flags;
} nuclei[] = {
	{"a", OPEN | CLOSED},
	{"e", OPEN | CLOSED},
	{"ê", OPEN | CLOSED},
	{"i", OPEN | CLOSED},
	{"o", OPEN | CLOSED},
	{"ô", OPEN | CLOSED},
	{"ơ", OPEN | CLOSED},
	{"u", OPEN | CLOSED},
	{"ư", OPEN | CLOSED},
	{"oa", OPEN | CLOSED},
	{"oe", OPEN | CLOSED},
	{"uê", OPEN | CLOSED},
	{"uy", OPEN | CLOSED},
	{"ă", CLOSED},
	{"â", CLOSED},
	{"iê", CLOSED},
	{"yê", CLOSED},
	{"oă", CLOSED},
	{"uâ", CLOSED},
	{"uô", CLOSED},
	{"ươ", CLOSED},
	{"uyê", CLOSED},
	{"oo", CLOSED},
	{"y", OPEN},
	{"ai", OPEN},
	{"ao", OPEN},
	{"au", OPEN},
	{"ay", OPEN},
	{"âu", OPEN},
	{"ây", OPEN},
	{"eo", OPEN},
	{"êu", OPEN},
	{"ia", OPEN},
	{"iu", OPEN},
	{"oi", OPEN},
	{"ôi", OPEN},
	{"ơi", OPEN},
	{"ua", OPEN},
	{"ui", OPEN},
	{"ưa", OPEN},
	{"ưi", OPEN},
	{"ưu", OPEN},
	{"uơ", OPEN},
	{"oai", OPEN},
	{"oay", OPEN},
	{"oao", OPEN},
	{"oeo", OPEN},
	{"uây", OPEN},
	{"uôi", OPEN},
	{"ươi", OPEN},
	{"ươu", OPEN},
	{"iêu", OPEN},
	{"yêu", OPEN},
	{"uya", OPEN},
	{"uyu", OPEN},
};

/* Initial consonants, đ written as "D"; "gi" and "qu" are consonants (giá, quý). */
static const char *const initials[] = {
	"",   "b",  "c",  "ch", "d",  "D",  "g",  "gh", "gi", "h",  "k",  "kh", "l",  "m",
	"n",  "ng", "ngh", "nh", "p", "ph", "qu", "r",  "s",  "t",  "th", "tr", "v",  "x",
};

/* Final consonants; k for the names of the Central Highlands (Đắk Lắk). */
static const char *const finals[] = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t", "k"};

/* Precomposed lower-case vowels by form and tone (none, sắc, huyền, hỏi, ngã, nặng). */
enum { V_A, V_A_BREVE, V_A_HAT, V_E, V_E_HAT, V_I, V_O, V_O_HAT, V_O_HORN, V_U, V_U_HORN, V_Y };

static const uint16_t vowel_cp[12][6] = {
	[V_A] = {0x61, 0xe1, 0xe0, 0x1ea3, 0xe3, 0x1ea1},
	[V_A_BREVE] = {0x103, 0x1eaf, 0x1eb1, 0x1eb3, 0x1eb5, 0x1eb7},
	[V_A_HAT] = {0xe2, 0x1ea5, 0x1ea7, 0x1ea9, 0x1eab, 0x1ead},
	[V_E] = {0x65, 0xe9, 0xe8, 0x1ebb, 0x1ebd, 0x1eb9},
	[V_E_HAT] = {0xea, 0x1ebf, 0x1ec1, 0x1ec3, 0x1ec5, 0x1ec7},
	[V_I] = {0x69, 0xed, 0xec, 0x1ec9, 0x129, 0x1ecb},
	[V_O] = {0x6f, 0xf3, 0xf2, 0x1ecf, 0xf5, 0x1ecd},
	[V_O_HAT] = {0xf4, 0x1ed1, 0x1ed3, 0x1ed5, 0x1ed7, 0x1ed9},
	[V_O_HORN] = {0x1a1, 0x1edb, 0x1edd, 0x1edf, 0x1ee1, 0x1ee3},
	[V_U] = {0x75, 0xfa, 0xf9, 0x1ee7, 0x169, 0x1ee5},
	[V_U_HORN] = {0x1b0, 0x1ee9, 0x1eeb, 0x1eed, 0x1eef, 0x1ef1},
	[V_Y] = {0x79, 0xfd, 0x1ef3, 0x1ef7, 0x1ef9, 0x1ef5},
};

/* Room for one letter or a word's vowels spelled in UTF-8 while checking them. */
#define WORD_BYTES (IME_WORD_MAX * 3 + 1)

_Static_assert(IME_KEYS_MAX >= 2 * IME_WORD_MAX + 1, "a spelled-out word fits in keys");
_Static_assert(IME_EDIT_MAX >= WORD_BYTES + 4 && IME_EDIT_MAX >= IME_KEYS_MAX + 5,
	       "an edit holds a composed word or the keys and a boundary character");
_Static_assert(IME_WORD_MAX < 255 && IME_KEYS_MAX < 255, "lengths fit in uint8_t");

/* A word read as one syllable: initial consonant [0, c1), vowels [v0, v1), final [v1, len). */
struct syl {
	int c1, v0, v1;
	bool ok; /* consonants, vowels, consonants: otherwise no key changes the word */
};

static bool
is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

static bool
is_consonant(char c)
{
	return c >= 'a' && c <= 'z' && !is_vowel(c);
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool
in_list(const char *const *list, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return true;
	return false;
}

/* Keys do nothing after consonants that cannot start a Vietnamese word, as with Unikey's spell
 * check: class stays class, flow stays flow. */
static bool
initial_ok(const struct ime *m, int c1)
{
	char c[4];
	if (c1 > 3)
		return false;
	for (int i = 0; i < c1; i++)
		c[i] = m->word[i].mark == MK_BAR ? 'D' : m->word[i].base;
	c[c1] = '\0';
	return in_list(initials, ARRAY_LEN(initials), c);
}

static struct syl
parse(const struct ime *m)
{
	const struct ime_letter *w = m->word;
	struct syl s = {0, 0, 0, false};
	int n = m->len, i = 0;

	while (i < n && is_consonant(w[i].base))
		i++;
	s.c1 = i;
	/* qu is always a consonant (qur stays qur); gi only before another vowel: gì is g + i. */
	if (i == 1 && w[0].base == 'q' && n > 1 && w[1].base == 'u' && w[1].mark == MK_NONE)
		s.c1 = 2;
	else if (i == 1 && w[0].base == 'g' && n > 2 && w[1].base == 'i' && is_vowel(w[2].base))
		s.c1 = 2;
	i = s.v0 = s.c1;
	while (i < n && is_vowel(w[i].base))
		i++;
	s.v1 = i;
	while (i < n && is_consonant(w[i].base))
		i++;
	s.ok = i == n && initial_ok(m, s.c1);
	return s;
}

static int
vowel_form(const struct ime_letter *l)
{
	switch (l->base) {
	case 'a':
		return l->mark == MK_BREVE ? V_A_BREVE : l->mark == MK_HAT ? V_A_HAT : V_A;
	case 'e':
		return l->mark == MK_HAT ? V_E_HAT : V_E;
	case 'i':
		return V_I;
	case 'o':
		return l->mark == MK_HAT ? V_O_HAT : l->mark == MK_HORN ? V_O_HORN : V_O;
	case 'u':
		return l->mark == MK_HORN ? V_U_HORN : V_U;
	case 'y':
		return V_Y;
	default:
		return -1;
	}
}

static uint32_t
letter_cp(const struct ime_letter *l, int tone)
{
	int form = vowel_form(l);
	uint32_t cp;

	if (form >= 0)
		cp = vowel_cp[form][tone];
	else if (l->base == 'd' && l->mark == MK_BAR)
		cp = 0x111;
	else
		cp = (unsigned char)l->base;
	if (!(l->flags & LF_UPPER))
		return cp;
	/* Latin-1 and ASCII capitals sit 0x20 below; in Latin Extended and the Vietnamese block
	 * each capital comes just before its small letter. */
	return cp < 0x100 ? cp - 0x20 : cp - 1;
}

/* Spells letters [from, to) in lower case without tone, for the tables. */
static void
spell_plain(const struct ime *m, int from, int to, char *out)
{
	size_t n = 0;
	for (int i = from; i < to; i++) {
		struct ime_letter l = m->word[i];
		l.flags &= (uint8_t)~LF_UPPER;
		if (l.base == 'd' && l.mark == MK_BAR)
			out[n++] = 'D';
		else
			n += utf8_encode(letter_cp(&l, 0), out + n);
	}
	out[n] = '\0';
}

static int
nucleus_flags(const struct ime *m, struct syl s)
{
	char v[WORD_BYTES];
	spell_plain(m, s.v0, s.v1, v);
	/* After qu the y is the uy of quýt, quýnh. */
	if (s.c1 == 2 && m->word[0].base == 'q' && strcmp(v, "y") == 0)
		return OPEN | CLOSED;
	for (size_t i = 0; i < ARRAY_LEN(nuclei); i++)
		if (strcmp(nuclei[i].v, v) == 0)
			return nuclei[i].flags;
	return 0;
}

/* The final consonant so far: a complete one, or the start of ch, ng, nh. */
static bool
final_ok(const struct ime *m, struct syl s)
{
	char f[WORD_BYTES];
	if (m->len - s.v1 > 2)
		return false;
	spell_plain(m, s.v1, m->len, f);
	return in_list(finals, ARRAY_LEN(finals), f);
}

/* After c, ch, p, t (and k) only sắc and nặng can be written; Unikey types other tones as
 * letters there (catr stays catr). */
static bool
stop_final(const struct ime *m, struct syl s)
{
	char c = s.v1 < m->len ? m->word[s.v1].base : 0;
	return c == 'c' || c == 'p' || c == 't' || c == 'k';
}

/* Whether the vowels, as marked now, can stand before the final consonant typed so far. */
static bool
nucleus_fits(const struct ime *m, struct syl s)
{
	int flags = nucleus_flags(m, s);
	if (!flags)
		return false;
	if (s.v1 == m->len)
		return true;
	if (!(flags & CLOSED))
		return false;
	if (m->len - s.v1 == 2 && m->word[s.v1 + 1].base == 'h') {
		/* ch and nh close only a, ê, i, y: sách, bệnh, kịch, huỳnh. */
		const struct ime_letter *last = &m->word[s.v1 - 1];
		int form = vowel_form(last);
		return form == V_A || form == V_E_HAT || form == V_I || form == V_Y;
	}
	return true;
}

/* Where the tone goes, by the placement rules Unikey follows; only open oa, oe, uy depend on the
 * style. */
static int
tone_place(const struct ime *m, struct syl s)
{
	int n = s.v1 - s.v0;
	char a, b;

	if (n <= 0)
		return -1;
	if (n == 1)
		return s.v0;
	/* A marked vowel takes it, the last one in ươ: tiếng, người, thuở. */
	for (int i = s.v1 - 1; i >= s.v0; i--)
		if (m->word[i].mark != MK_NONE)
			return i;
	if (n >= 3 || s.v1 < m->len)
		return s.v0 + 1; /* hoài, khuỷu; hoàng, suýt */
	a = m->word[s.v0].base;
	b = m->word[s.v0 + 1].base;
	if ((a == 'o' && (b == 'a' || b == 'e')) || (a == 'u' && b == 'y'))
		return m->style == IME_TONE_NEW ? s.v0 + 1 : s.v0;
	return s.v0; /* mùa, cái, màu */
}

/* The tone's letter as the word is shown now, or -1. */
static int
tone_shown(const struct ime *m)
{
	struct syl s;
	if (!m->tone)
		return -1;
	s = parse(m);
	if (s.ok && s.v0 < s.v1)
		return tone_place(m, s);
	/* A word that stopped being one syllable keeps the tone where it was. */
	if (m->tone_at < m->len && is_vowel(m->word[m->tone_at].base))
		return m->tone_at;
	return -1;
}

static size_t
render(const struct ime *m, char *out)
{
	int at = tone_shown(m);
	size_t n = 0;
	for (int i = 0; i < m->len; i++)
		n += utf8_encode(letter_cp(&m->word[i], i == at ? m->tone : 0), out + n);
	out[n] = '\0';
	return n;
}

/* Whether the word, as shown, is a Vietnamese syllable or the start of one. */
static bool
word_valid(const struct ime *m)
{
	struct syl s = parse(m);
	char c1[WORD_BYTES], fin[WORD_BYTES];
	int flags, first;

	if (!s.ok || s.v0 == s.v1)
		return false;
	spell_plain(m, 0, s.c1, c1); /* one of initials[]: parse saw to it */
	first = vowel_form(&m->word[s.v0]);
	/* The spelling rules of c/k, g/gh and ng/ngh. */
	if (strcmp(c1, "c") == 0 &&
	    (first == V_E || first == V_E_HAT || first == V_I || first == V_Y))
		return false;
	if ((strcmp(c1, "g") == 0 || strcmp(c1, "ng") == 0) && (first == V_E || first == V_E_HAT))
		return false;
	if ((strcmp(c1, "gh") == 0 || strcmp(c1, "ngh") == 0) &&
	    !(first == V_E || first == V_E_HAT || first == V_I))
		return false;
	if (strcmp(c1, "ng") == 0 && first == V_I)
		return false;
	flags = nucleus_flags(m, s);
	if (!flags)
		return false;
	spell_plain(m, s.v1, m->len, fin);
	if (!in_list(finals, ARRAY_LEN(finals), fin) || !nucleus_fits(m, s))
		return false;
	if (stop_final(m, s) && m->tone != 0 && m->tone != TONE_ACUTE && m->tone != TONE_DOT)
		return false;
	return true;
}

static bool
needs_restore(const struct ime *m)
{
	bool viet = m->tone != 0;
	if (!m->restore || m->stuck || m->len == 0)
		return false;
	for (int i = 0; i < m->len; i++) {
		if (m->word[i].flags & LF_DD)
			return false;
		if (m->word[i].mark != MK_NONE)
			viet = true;
	}
	return viet && !word_valid(m);
}

/* ươ is the only way uo carries a horn before a final or another vowel: ưon → ươn, uơi → ươi. */
static void
settle(struct ime *m)
{
	struct syl s = parse(m);
	int vowels = 0;

	/* A tone needs a vowel: ừ + w gives back the w, and takes the tone with it. */
	for (int i = 0; i < m->len; i++)
		vowels += is_vowel(m->word[i].base);
	if (!vowels)
		m->tone = 0;
	if (!s.ok)
		return;
	for (int i = s.v0; i + 1 < s.v1; i++) {
		struct ime_letter *u = &m->word[i], *o = &m->word[i + 1];
		if (u->base != 'u' || o->base != 'o' || i + 2 >= m->len)
			continue;
		if ((u->mark == MK_HORN && o->mark == MK_NONE) ||
		    (u->mark == MK_NONE && o->mark == MK_HORN))
			u->mark = o->mark = MK_HORN;
	}
	if (m->tone && s.v0 < s.v1)
		m->tone_at = (uint8_t)tone_place(m, s);
}

static void
append(struct ime *m, char key, uint8_t mark, uint8_t flags)
{
	struct ime_letter *l;
	/* ime_key stops composing before this; a replay after Backspace may still try. */
	if (m->len >= IME_WORD_MAX)
		return;
	l = &m->word[m->len++];
	l->base = flags & LF_LONE_W ? 'u' : lower(key);
	l->mark = mark;
	l->flags = flags | (key >= 'A' && key <= 'Z' ? LF_UPPER : 0);
}

/* The operations below return false when the key is to be typed as a letter (or digit) after
 * all: it does not apply, or it undoes what it did before (ass → as). */

static bool
op_tone(struct ime *m, int tone)
{
	struct syl s = parse(m);
	if (!s.ok || s.v0 == s.v1 || !final_ok(m, s))
		return false;
	if (tone == 0) {
		if (!m->tone)
			return false;
		m->tone = 0;
		return true;
	}
	if (m->tone == tone) {
		m->tone = 0;
		return false;
	}
	if (stop_final(m, s) && tone != TONE_ACUTE && tone != TONE_DOT)
		return false;
	m->tone = (uint8_t)tone;
	return true;
}

static bool
takes_hat(char base, char want)
{
	return want ? base == want : base == 'a' || base == 'e' || base == 'o';
}

/* Telex aa ee oo (want is the letter), VNI 6 (want is 0: any of a, e, o). */
static bool
op_hat(struct ime *m, char want)
{
	struct syl s = parse(m);
	struct ime_letter *w = m->word;

	if (!s.ok || s.v0 == s.v1 || !final_ok(m, s))
		return false;
	for (int i = s.v1 - 1; i >= s.v0; i--)
		if (takes_hat(w[i].base, want) && w[i].mark == MK_HAT) {
			w[i].mark = MK_NONE;
			return false;
		}
	for (int i = s.v1 - 1; i >= s.v0; i--) {
		uint8_t old = w[i].mark, before = i > s.v0 ? w[i - 1].mark : 0;
		if (!takes_hat(w[i].base, want))
			continue;
		w[i].mark = MK_HAT;
		/* ươ + o is uô: đươi + o → đuôi. */
		if (w[i].base == 'o' && i > s.v0 && w[i - 1].base == 'u')
			w[i - 1].mark = MK_NONE;
		if (nucleus_fits(m, s))
			return true;
		w[i].mark = old;
		if (i > s.v0)
			w[i - 1].mark = before;
	}
	return false;
}

/* Puts a horn (on u without a mark, or o) or a breve (on a), as allowed, on the first vowel of
 * the nucleus that takes it and still spells Vietnamese; false when none does. */
static bool
mark_first_fitting(struct ime *m, struct syl s, bool horn, bool breve)
{
	struct ime_letter *w = m->word;
	for (int i = s.v0; i < s.v1; i++) {
		uint8_t old = w[i].mark, mk;
		if (horn && w[i].base == 'u' && w[i].mark == MK_NONE)
			mk = MK_HORN;
		else if (horn && w[i].base == 'o')
			mk = MK_HORN;
		else if (breve && w[i].base == 'a')
			mk = MK_BREVE;
		else
			continue;
		w[i].mark = mk;
		if (nucleus_fits(m, s))
			return true;
		w[i].mark = old;
	}
	return false;
}

/* Telex w (horn or breve; a lone w is ư), VNI 7 (horn). */
static bool
op_horn(struct ime *m, char key)
{
	bool telex = m->method == IME_TELEX, undone = false, consumed = false;
	struct syl s = parse(m);
	struct ime_letter *w = m->word;

	if (!s.ok)
		return false;
	/* No vowel yet (gi alone counts as none: giw → giư): Unikey's w at the start gives ư. */
	if (s.v0 == s.v1 || (m->len == 2 && w[0].base == 'g' && w[1].base == 'i')) {
		if (!telex)
			return false;
		append(m, key, MK_HORN, LF_LONE_W);
		return true;
	}
	if (!final_ok(m, s))
		return false;
	for (int i = s.v0; i + 1 < s.v1; i++) {
		if (w[i].base != 'u' || w[i + 1].base != 'o')
			continue;
		/* uo takes both horns (ươ), but an open uơ after no consonant or one ending in h
		 * keeps its u: thuở, huơ, khuơ. */
		bool open = i + 2 == m->len && (s.c1 == 0 || w[s.c1 - 1].base == 'h');
		uint8_t um = open ? MK_NONE : MK_HORN;
		if (w[i].mark == um && w[i + 1].mark == MK_HORN) {
			w[i].mark = w[i + 1].mark = MK_NONE;
			return false;
		}
		w[i].mark = um;
		w[i + 1].mark = MK_HORN;
		return true;
	}
	for (int i = s.v0; i < s.v1; i++) {
		if (w[i].mark != MK_HORN && !(telex && w[i].mark == MK_BREVE))
			continue;
		undone = true;
		if (w[i].flags & LF_LONE_W) {
			/* ww → w: the ư goes back to the w it was typed as. */
			w[i].base = 'w';
			w[i].flags &= (uint8_t)~LF_LONE_W;
			consumed = true;
		}
		w[i].mark = MK_NONE;
	}
	if (undone)
		return consumed;
	/* The first vowel that can take it and still spell Vietnamese: ưa, oă, ơi, ưu. */
	return mark_first_fitting(m, s, true, telex);
}

/* VNI 8. */
static bool
op_breve(struct ime *m)
{
	struct syl s = parse(m);
	struct ime_letter *w = m->word;

	if (!s.ok || s.v0 == s.v1 || !final_ok(m, s))
		return false;
	for (int i = s.v0; i < s.v1; i++)
		if (w[i].mark == MK_BREVE) {
			w[i].mark = MK_NONE;
			return false;
		}
	return mark_first_fitting(m, s, false, true);
}

/* Telex dd, VNI 9: the d just typed among the first consonants (dd, SDD), or the word's initial
 * d once it has a vowel (Doongd → Đông). A d later in the word (address) is left alone. */
static bool
op_bar(struct ime *m)
{
	struct syl s = parse(m);
	struct ime_letter *w = m->word, *t = NULL;
	bool adjacent = false;
	int first_vowel = 0;

	while (first_vowel < m->len && !is_vowel(w[first_vowel].base))
		first_vowel++;
	if (m->len > 0 && w[m->len - 1].base == 'd' && first_vowel == m->len) {
		t = &w[m->len - 1];
		adjacent = true;
	} else if (s.ok && s.c1 == 1 && w[0].base == 'd' && s.v0 < s.v1) {
		t = &w[0];
	}
	if (!t)
		return false;
	if (t->mark == MK_BAR) {
		t->mark = MK_NONE;
		t->flags &= (uint8_t)~LF_DD;
		return false;
	}
	t->mark = MK_BAR;
	if (adjacent)
		t->flags |= LF_DD;
	return true;
}

static bool
is_key(const struct ime *m, uint32_t cp)
{
	if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
		return true;
	return m->method == IME_VNI && cp >= '0' && cp <= '9';
}

/* One key of the method, the word having room for one more letter. */
static void
apply_key(struct ime *m, char key)
{
	static const char telex_tones[] = "zsfrxj";
	char k = lower(key);
	const char *t;
	bool used = false;

	if (m->method == IME_TELEX) {
		if ((t = strchr(telex_tones, k)) != NULL)
			used = op_tone(m, (int)(t - telex_tones));
		else if (k == 'a' || k == 'e' || k == 'o')
			used = op_hat(m, k);
		else if (k == 'w')
			used = op_horn(m, key);
		else if (k == 'd')
			used = op_bar(m);
	} else if (k >= '0' && k <= '5') {
		used = op_tone(m, k - '0');
	} else if (k == '6') {
		used = op_hat(m, 0);
	} else if (k == '7') {
		used = op_horn(m, key);
	} else if (k == '8') {
		used = op_breve(m);
	} else if (k == '9') {
		used = op_bar(m);
	}
	if (!used)
		append(m, key, MK_NONE, 0);
	settle(m);
}

/* The keys that type the letters as they are now, marks after their letter, tone last. */
static void
spell_keys(struct ime *m)
{
	bool telex = m->method == IME_TELEX;
	size_t n = 0;

	for (int i = 0; i < m->len; i++) {
		const struct ime_letter *l = &m->word[i];
		char b = l->base;
		if ((l->flags & LF_UPPER) && b >= 'a')
			b = (char)(b - 'a' + 'A');
		if (l->flags & LF_LONE_W) {
			m->keys[n++] = (l->flags & LF_UPPER) ? 'W' : 'w';
			continue;
		}
		m->keys[n++] = b;
		switch (l->mark) {
		case MK_HAT:
			m->keys[n++] = telex ? b : '6';
			break;
		case MK_BREVE:
			m->keys[n++] = telex ? 'w' : '8';
			break;
		case MK_HORN:
			m->keys[n++] = telex ? 'w' : '7';
			break;
		case MK_BAR:
			m->keys[n++] = telex ? b : '9';
			break;
		}
	}
	if (m->tone)
		m->keys[n++] = telex ? "zsfrxj"[m->tone] : (char)('0' + m->tone);
	m->keys_len = (uint8_t)n;
}

static void
edit_clear(struct ime_edit *e)
{
	e->del = 0;
	e->len = 0;
	e->text[0] = '\0';
}

static void
edit_put(struct ime_edit *e, const char *s, size_t n)
{
	memcpy(e->text + e->len, s, n);
	e->len += n;
	e->text[e->len] = '\0';
}

static void
edit_put_cp(struct ime_edit *e, uint32_t cp)
{
	e->len += utf8_encode(cp, e->text + e->len);
	e->text[e->len] = '\0';
}

static size_t
count_cps(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

/* Turns the word shown before into the one shown after, touching only what changed. */
static void
edit_diff(struct ime_edit *e, const char *before, size_t blen, const char *after, size_t alen)
{
	size_t p = 0;
	while (p < blen && p < alen && before[p] == after[p])
		p++;
	while (p > 0 && ((unsigned char)after[p] & 0xc0) == 0x80)
		p--; /* back to the start of a character both share */
	e->del = count_cps(before + p, blen - p);
	edit_put(e, after + p, alen - p);
}

void
ime_reset(struct ime *m)
{
	m->len = 0;
	m->tone = 0;
	m->tone_at = 0;
	m->stuck = false;
	m->keys_len = 0;
}

void
ime_init(struct ime *m, enum ime_method method, enum ime_tone_style style, bool restore)
{
	memset(m, 0, sizeof(*m));
	m->method = method;
	m->style = style;
	m->restore = restore;
}

/* Ends the word: puts its keys back into the edit when it is not Vietnamese. */
static void
finish(struct ime *m, struct ime_edit *e)
{
	if (needs_restore(m)) {
		e->del = m->len;
		edit_put(e, m->keys, m->keys_len);
	}
	ime_reset(m);
}

void
ime_commit(struct ime *m, struct ime_edit *out)
{
	edit_clear(out);
	finish(m, out);
}

bool
ime_key(struct ime *m, uint32_t cp, struct ime_edit *out)
{
	char before[WORD_BYTES], after[WORD_BYTES];
	size_t blen, alen;

	edit_clear(out);
	if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return false;
	if (m->method == IME_OFF) {
		edit_put_cp(out, cp);
		return true;
	}
	if (!is_key(m, cp)) {
		finish(m, out);
		edit_put_cp(out, cp);
		return true;
	}
	if (m->stuck || m->len >= IME_WORD_MAX || m->keys_len >= IME_KEYS_MAX) {
		m->stuck = true;
		edit_put_cp(out, cp);
		return true;
	}
	blen = render(m, before);
	m->keys[m->keys_len++] = (char)cp;
	apply_key(m, (char)cp);
	alen = render(m, after);
	edit_diff(out, before, blen, after, alen);
	return true;
}

bool
ime_backspace(struct ime *m, struct ime_edit *out)
{
	char before[WORD_BYTES], after[WORD_BYTES], again[WORD_BYTES];
	size_t blen, alen;
	struct ime t;

	edit_clear(out);
	if (m->method == IME_OFF || m->stuck || m->len == 0)
		return false;
	blen = render(m, before);
	if (tone_shown(m) == m->len - 1)
		m->tone = 0;
	m->len--;
	settle(m);
	alen = render(m, after);
	edit_diff(out, before, blen, after, alen);
	/* Keep the keys as typed when dropping the last one gives this word (viet + bs: vie),
	 * else spell the word out, so that a restore gives back what the clerk sees typed. */
	ime_init(&t, m->method, m->style, m->restore);
	for (int i = 0; i + 1 < m->keys_len; i++)
		apply_key(&t, m->keys[i]);
	render(&t, again);
	if (m->keys_len > 0 && strcmp(again, after) == 0)
		m->keys_len--;
	else
		spell_keys(m);
	if (m->len == 0)
		ime_reset(m);
	return true;
}

/* Reads one character of UTF-8; a stray byte reads as U+FFFD. */
static size_t
get_utf8(const unsigned char *p, uint32_t *cp)
{
	int n = p[0] < 0x80 ? 1 : (p[0] & 0xe0) == 0xc0 ? 2 : (p[0] & 0xf0) == 0xe0 ? 3
				: (p[0] & 0xf8) == 0xf0 ? 4 : 0;
	uint32_t v = n == 1 ? p[0] : n == 2 ? p[0] & 0x1fu : n == 3 ? p[0] & 0x0fu : p[0] & 0x07u;

	for (int i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			n = 0;
		else
			v = v << 6 | (p[i] & 0x3fu);
		if (n == 0)
			break;
	}
	if (n == 0) {
		*cp = 0xfffd;
		return 1;
	}
	*cp = v;
	return (size_t)n;
}

static void
buf_apply(struct buf *b, const struct ime_edit *e)
{
	for (size_t d = e->del; d > 0 && b->len > 0; d--) {
		b->len--;
		while (b->len > 0 && ((unsigned char)b->data[b->len] & 0xc0) == 0x80)
			b->len--;
	}
	b->data[b->len] = '\0';
	buf_add(b, e->text, e->len);
}

char *
ime_compose(enum ime_method method, enum ime_tone_style style, bool restore, const char *keys)
{
	const unsigned char *p = (const unsigned char *)keys;
	struct ime m;
	struct ime_edit e;
	struct buf b;

	ime_init(&m, method, style, restore);
	buf_init(&b);
	while (*p) {
		uint32_t cp;
		p += get_utf8(p, &cp);
		if (cp == '\b') {
			if (!ime_backspace(&m, &e)) {
				edit_clear(&e);
				e.del = 1;
			}
		} else {
			ime_key(&m, cp, &e);
		}
		buf_apply(&b, &e);
	}
	ime_commit(&m, &e);
	buf_apply(&b, &e);
	return buf_steal(&b);
}
