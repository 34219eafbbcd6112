/* text.c: UTF-8 checks, NFC normalisation (utf8proc), character counts and folding. */
#include "text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "i18n.h"
#include "util.h"

bool
utf8_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str, *end = s + len;
	while (s < end) {
		if (*s != 0 && *s < 0x80) {
			s++;
			continue;
		}
		size_t n = utf8_seq(s, (size_t)(end - s));
		if (n == 0)
			return false;
		s += n;
	}
	return true;
}

size_t
utf8_prev(const char *s, size_t pos)
{
	if (pos == 0)
		return 0;
	pos--;
	while (pos > 0 && ((unsigned char)s[pos] & 0xc0) == 0x80)
		pos--;
	return pos;
}

size_t
utf8_next(const char *s, size_t len, size_t pos)
{
	if (pos >= len)
		return len;
	pos++;
	while (pos < len && ((unsigned char)s[pos] & 0xc0) == 0x80)
		pos++;
	return pos;
}

size_t
utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

char *
text_nfc(const char *s)
{
	utf8proc_uint8_t *out = utf8proc_NFC((const utf8proc_uint8_t *)s);
	char *copy;
	if (out == NULL) /* only on allocation failure for valid input */
		return xstrdup(s);
	copy = xstrdup((char *)out);
	free(out);
	return copy;
}

/* s decomposed with its marks stripped (and more, as options say), or NULL when utf8proc
 * refuses it; the caller frees the result. */
static utf8proc_uint8_t *
strip_marks(const char *s, utf8proc_option_t options)
{
	utf8proc_uint8_t *out = NULL;
	if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
			 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
			     options) < 0)
		return NULL;
	return out;
}

char *
text_fold(const char *s)
{
	utf8proc_uint8_t *out = strip_marks(s, UTF8PROC_CASEFOLD);
	struct buf b;
	if (out == NULL)
		return xstrdup(s);
	/* đ/Đ is a letter of its own, not d with a mark, so no decomposition strips it. */
	buf_init(&b);
	for (const char *p = (const char *)out; *p; p++) {
		if ((unsigned char)p[0] == 0xc4 && ((unsigned char)p[1] == 0x91 ||
						    (unsigned char)p[1] == 0x90)) {
			buf_addc(&b, 'd');
			p++;
		} else
			buf_addc(&b, *p);
	}
	free(out);
	return buf_steal(&b);
}

static bool
is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029;
}

bool
text_bidi_override_cp(uint32_t cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

bool
text_hostile_cp(uint32_t cp)
{
	return is_control(cp) || text_bidi_override_cp(cp) || cp == 0x200e || cp == 0x200f ||
	       cp == 0x061c;
}

size_t
text_escape_cp(uint32_t cp, char out[12])
{
	if (cp == '\t' || cp == '\n' || cp == '\r') {
		out[0] = '\\';
		out[1] = cp == '\t' ? 't' : cp == '\n' ? 'n' : 'r';
		out[2] = '\0';
		return 2;
	}
	if (cp < 0x80)
		return (size_t)snprintf(out, 12, "\\x%02x", (unsigned)cp);
	return (size_t)snprintf(out, 12, cp > 0xffff ? "\\U%08x" : "\\u%04x", (unsigned)cp);
}

uint32_t
utf8_decode(const char *s, size_t *len)
{
	utf8proc_int32_t cp = 0;
	/* A negative length: utf8proc reads up to the sequence's end, stopping at a NUL. */
	utf8proc_ssize_t n = *s ? utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp) : 0;
	*len = n > 0 ? (size_t)n : 0;
	return n > 0 ? (uint32_t)cp : 0;
}

size_t
utf8_encode(uint32_t cp, char out[4])
{
	if (cp > 0x10ffff || !utf8proc_codepoint_valid((utf8proc_int32_t)cp))
		return 0;
	return (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)out);
}

/* Code points after which no NFC work is needed: below U+0300 (no combining marks), the
 * precomposed Vietnamese letters, general punctuation and currency signs. None of them
 * decomposes canonically, has a combining class, or combines with what precedes it, so text
 * made only of them is already NFC. Reports are nearly all such text, and normalizing it
 * anyway cost the importer a fifth of its time. */
bool
text_nfc_stable(uint32_t cp)
{
	return cp < 0x300 || (cp >= 0x1ea0 && cp <= 0x1ef9) || (cp >= 0x2010 && cp <= 0x205e) ||
	       (cp >= 0x20a0 && cp <= 0x20bf);
}

/* The description of a refused bidirectional character, with its code point so that the clerk
 * can find it (it shows as nothing). */
static const char *
bidi_why(uint32_t cp)
{
	static char why[160];
	snprintf(why, sizeof why,
		 L("có ký tự điều khiển hướng chữ U+%04X (đảo chiều hoặc nhúng hướng viết)",
		   "contains a bidirectional control character U+%04X (an override, embedding or "
		   "isolate)"),
		 (unsigned)cp);
	return why;
}

char *
text_clean_valid(const char *s, enum text_kind kind, const char **why)
{
	size_t len = strlen(s), o = 0, start, end;
	char *out = xmalloc(len + 1), *nfc; /* never longer: CR LF becomes LF, a tab a space */
	const unsigned char *p = (const unsigned char *)s, *run = p;
	bool stable = true;

	/* Runs of bytes that stay as they are are copied whole; only CR LF and a one-line
	 * field's tab change what is kept. */
	while (*p) {
		unsigned c = *p;
		if (c >= 0x20 && c != 0x7f) {
			if (c < 0x80) {
				p++;
				continue;
			}
			size_t n;
			uint32_t cp = utf8_decode((const char *)p, &n);
			if (n == 0 || is_control(cp)) /* n: never, the text is valid */
				goto control;
			if (text_bidi_override_cp(cp)) {
				free(out);
				*why = bidi_why(cp);
				return NULL;
			}
			stable = stable && text_nfc_stable(cp);
			p += n;
			continue;
		}
		if (c == '\n' && kind == TEXT_MULTILINE) {
			p++;
			continue;
		}
		if (c == '\t' && kind == TEXT_MULTILINE) {
			p++;
			continue;
		}
		if (c == '\t' || (c == '\r' && p[1] == '\n')) {
			memcpy(out + o, run, (size_t)(p - run));
			o += (size_t)(p - run);
			if (c == '\t')
				out[o++] = ' ';
			run = ++p; /* a CR before LF is dropped; the LF starts the next run */
			continue;
		}
	control:
		free(out);
		*why = c == '\n' ? L("có xuống dòng trong mục chỉ cho phép một dòng",
				     "contains a line break in a one-line field")
				 : L("có ký tự điều khiển", "contains a control character");
		return NULL;
	}
	memcpy(out + o, run, (size_t)(p - run));
	o += (size_t)(p - run);
	out[o] = '\0';
	if (stable)
		nfc = out;
	else {
		nfc = text_nfc(out);
		free(out);
	}
	/* Trailing blanks are invisible on screen and in print; leading ones only in one-line
	 * text, where a clerk never means them. */
	end = strlen(nfc);
	while (end > 0 && (nfc[end - 1] == ' ' || nfc[end - 1] == '\n' || nfc[end - 1] == '\t'))
		end--;
	start = 0;
	if (kind == TEXT_LINE)
		while (start < end && nfc[start] == ' ')
			start++;
	else
		while (start < end && nfc[start] == '\n')
			start++;
	memmove(nfc, nfc + start, end - start);
	nfc[end - start] = '\0';
	return nfc;
}

char *
text_clean(const char *s, enum text_kind kind, const char **why)
{
	if (!utf8_valid(s, strlen(s))) {
		*why = L("không phải UTF-8 hợp lệ", "is not valid UTF-8");
		return NULL;
	}
	return text_clean_valid(s, kind, why);
}

char *
text_ascii(const char *s)
{
	utf8proc_uint8_t *out = strip_marks(s, 0);
	struct buf b;
	if (out == NULL)
		return xstrdup(s);
	buf_init(&b);
	for (const unsigned char *p = out; *p;) {
		if (*p < 0x80) {
			buf_addc(&b, (char)*p++);
			continue;
		}
		if (p[0] == 0xc4 && (p[1] == 0x91 || p[1] == 0x90)) {
			buf_addc(&b, p[1] == 0x91 ? 'd' : 'D');
			p += 2;
			continue;
		}
		/* Punctuation and symbols have an ASCII look-alike of one column; anything else is
		 * one '?', so columns still line up. */
		static const struct {
			const char *utf8;
			char ascii;
		} alike[] = {
			{"\xe2\x80\x94", '-'}, {"\xe2\x80\x93", '-'}, {"\xe2\x80\x9c", '"'},
			{"\xe2\x80\x9d", '"'}, {"\xe2\x80\x98", '\''}, {"\xe2\x80\x99", '\''},
			{"\xe2\x80\xa6", '.'}, {"\xc2\xb7", '-'},	   {"\xe2\x86\x91", '^'},
			{"\xe2\x86\x93", 'v'}, {"\xe2\x86\x90", '<'}, {"\xe2\x86\x92", '>'},
			{"\xe2\x9c\x93", '+'}, {"\xc3\x97", 'x'},	   {"\xe2\x80\xa2", '*'},
		};
		char c = '?';
		for (size_t k = 0; k < sizeof alike / sizeof alike[0]; k++)
			if (strncmp((const char *)p, alike[k].utf8, strlen(alike[k].utf8)) == 0) {
				c = alike[k].ascii;
				break;
			}
		buf_addc(&b, c);
		p++;
		while ((*p & 0xc0) == 0x80)
			p++;
	}
	free(out);
	return buf_steal(&b);
}

char *
text_upper(const char *s)
{
	struct buf b;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	buf_init(&b);
	while (*p) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
		utf8proc_uint8_t out[4];
		if (n <= 0)
			break;
		utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_toupper(cp), out);
		buf_add(&b, out, (size_t)m);
		p += n;
	}
	return buf_steal(&b);
}

void
buf_add_terminal(struct buf *b, const char *str)
{
	const unsigned char *s = (const unsigned char *)str, *run = s;
	char esc[12];
	while (*s) {
		size_t n;
		uint32_t cp;
		if (*s >= 0x20 && *s < 0x7f) {
			s++;
			continue;
		}
		buf_add(b, run, (size_t)(s - run));
		n = utf8_seq_len((const char *)s);
		if (n == 0) {
			snprintf(esc, sizeof esc, "\\x%02x", *s);
			buf_adds(b, esc);
			run = ++s;
			continue;
		}
		cp = utf8_decode((const char *)s, &n);
		if (text_hostile_cp(cp)) {
			text_escape_cp(cp, esc);
			buf_adds(b, esc);
		} else
			buf_add(b, s, n);
		run = s += n;
	}
	buf_add(b, run, (size_t)(s - run));
}

char *
text_terminal(const char *s)
{
	struct buf b;
	buf_init(&b);
	buf_add_terminal(&b, s);
	return buf_steal(&b);
}

void
text_filename_part(const char *s, char *out, size_t size)
{
	size_t i = 0;
	if (size < 2) {
		if (size)
			out[0] = '\0';
		return;
	}
	for (; s[i] && i + 1 < size; i++) {
		unsigned char c = (unsigned char)s[i];
		bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			    (c >= '0' && c <= '9') || c == '_' || (c == '-' && i > 0);
		out[i] = keep ? (char)c : '_';
	}
	if (i == 0)
		out[i++] = '_';
	out[i] = '\0';
}

bool
text_unit_code_ok(const char *code)
{
	size_t n = strlen(code);
	unsigned char c0 = (unsigned char)code[0];
	if (n == 0 || n > 32 ||
	    !((c0 >= 'A' && c0 <= 'Z') || (c0 >= 'a' && c0 <= 'z') || (c0 >= '0' && c0 <= '9')))
		return false;
	for (const unsigned char *p = (const unsigned char *)code; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_' || *p == '.'))
			return false;
	return true;
}

static bool
ascii_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* One DNS label of an address's domain: 1 to 63 letters, digits or '-', no '-' at an end. */
static bool
email_label_ok(const char *p, size_t n)
{
	if (n == 0 || n > 63 || p[0] == '-' || p[n - 1] == '-')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!ascii_alnum(p[i]) && p[i] != '-')
			return false;
	return true;
}

bool
text_email_ok(const char *address)
{
	const char *at = strchr(address, '@');
	size_t n = strlen(address);
	if (at == NULL || at == address || n > 254 || strchr(at + 1, '@') != NULL ||
	    at - address > 64)
		return false;
	for (const char *p = address; p < at; p++)
		if ((!ascii_alnum(*p) && strchr("!#$%&'*+-/=?^_`{|}~.", *p) == NULL) ||
		    (*p == '.' && (p == address || p[1] == '.' || p + 1 == at)))
			return false;
	if (strchr(at + 1, '.') == NULL)
		return false; /* a name alone reaches no one outside its own network */
	for (const char *p = at + 1;;) {
		size_t len = strcspn(p, ".");
		if (!email_label_ok(p, len))
			return false;
		if (p[len] == '\0')
			return true;
		p += len + 1;
	}
}

bool
text_attachment_name_ok(const char *name, const char **why)
{
	const char *w = NULL;
	size_t n = strlen(name);
	if (n == 0 || n > 200)
		w = L("tên tệp rỗng hoặc dài quá 200 byte", "the name is empty or over 200 bytes");
	else if (!utf8_valid(name, n))
		w = L("tên tệp không phải UTF-8 hợp lệ", "the name is not valid UTF-8");
	else if (name[0] == '-' || name[0] == ' ')
		w = L("tên tệp bắt đầu bằng dấu '-' hoặc dấu cách",
		      "the name starts with '-' or a space");
	else if (strspn(name, ".") == n)
		w = L("tên tệp chỉ gồm dấu chấm", "the name is only dots");
	else
		for (const unsigned char *p = (const unsigned char *)name; *p && w == NULL;) {
			size_t k;
			uint32_t cp = utf8_decode((const char *)p, &k);
			if (cp == '/' || cp == '\\')
				w = L("tên tệp có dấu '/' hoặc '\\'", "the name holds a '/' or '\\'");
			else if (text_hostile_cp(cp))
				w = L("tên tệp có ký tự điều khiển hoặc ký tự đổi hướng chữ",
				      "the name holds a control or bidirectional character");
			p += k;
		}
	if (why)
		*why = w;
	return w == NULL;
}
