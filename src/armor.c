/* armor.c: ASCII armor: "-----BEGIN XHHT <LABEL>-----", base64 in 76-column lines, END line. */
#include "armor.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

char *
armor_encode(const char *label, const unsigned char *data, size_t len, size_t *outlen)
{
	size_t n = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = xmalloc(n);
	struct buf b;
	size_t blen;

	sodium_bin2base64(b64, n, data, len, sodium_base64_VARIANT_ORIGINAL);
	blen = strlen(b64);
	buf_init(&b);
	buf_printf(&b, "-----BEGIN XHHT %s-----\n", label);
	for (size_t i = 0; i < blen; i += ARMOR_LINE) {
		buf_add(&b, b64 + i, blen - i < ARMOR_LINE ? blen - i : ARMOR_LINE);
		buf_addc(&b, '\n');
	}
	buf_printf(&b, "-----END XHHT %s-----\n", label);
	free(b64);
	*outlen = b.len;
	return buf_steal(&b);
}

static bool
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool
armor_detect(const char *text, size_t len)
{
	size_t i = 0;
	while (i < len && blank(text[i]))
		i++;
	return len - i >= 16 && memcmp(text + i, "-----BEGIN XHHT ", 16) == 0;
}

/* Next line of text without its LF or CRLF; false at the end. */
static bool
next_line(const char *text, size_t len, size_t *pos, const char **line, size_t *linelen)
{
	size_t start = *pos, end;
	if (start >= len)
		return false;
	end = start;
	while (end < len && text[end] != '\n')
		end++;
	*line = text + start;
	*linelen = end - start;
	if (*linelen > 0 && text[end - 1] == '\r')
		(*linelen)--;
	*pos = end < len ? end + 1 : end;
	return true;
}

enum status
armor_decode(const char *text, size_t len, const char *label, unsigned char **out, size_t *outlen,
	     struct err *e)
{
	char begin[64], end[64];
	size_t pos = 0, linelen, blen = 0, cap;
	const char *line;
	char *b64 = NULL;
	bool last = false, ended = false;

	*out = NULL;
	snprintf(begin, sizeof begin, "-----BEGIN XHHT %s-----", label);
	snprintf(end, sizeof end, "-----END XHHT %s-----", label);
	while (pos < len && blank(text[pos]))
		pos++;
	/* Back up to the start of the line holding the first non-blank character. */
	while (pos > 0 && text[pos - 1] != '\n')
		pos--;
	if (!next_line(text, len, &pos, &line, &linelen) || linelen != strlen(begin) ||
	    memcmp(line, begin, linelen) != 0) {
		err_set(e, L("không phải khối văn bản XHHT %s", "not an XHHT %s armor block"), label);
		return ST_REFUSED;
	}
	cap = len;
	b64 = xmalloc(cap + 1);
	while (next_line(text, len, &pos, &line, &linelen)) {
		if (linelen == strlen(end) && memcmp(line, end, linelen) == 0) {
			ended = true;
			break;
		}
		/* Every line but the last is exactly 76 columns: one encoding per content. */
		if (last || linelen == 0 || linelen > ARMOR_LINE)
			goto bad;
		if (linelen < ARMOR_LINE)
			last = true;
		memcpy(b64 + blen, line, linelen);
		blen += linelen;
	}
	if (!ended || blen == 0)
		goto bad;
	for (size_t i = pos; i < len; i++)
		if (!blank(text[i]))
			goto bad;
	b64[blen] = '\0';
	*out = xmalloc(blen / 4 * 3 + 1);
	const char *stop;
	if (sodium_base642bin(*out, blen / 4 * 3 + 1, b64, blen, NULL, outlen, &stop,
			      sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    stop != b64 + blen ||
	    /* sodium accepts some non-zero padding bits; re-encoding must give the same text */
	    sodium_base64_ENCODED_LEN(*outlen, sodium_base64_VARIANT_ORIGINAL) != blen + 1)
		goto bad;
	char *again = xmalloc(blen + 1);
	sodium_bin2base64(again, blen + 1, *out, *outlen, sodium_base64_VARIANT_ORIGINAL);
	bool same = memcmp(again, b64, blen) == 0;
	free(again);
	if (!same)
		goto bad;
	free(b64);
	return ST_OK;
bad:
	free(b64);
	free(*out);
	*out = NULL;
	/* Most often a block copied out of an e-mail with more, or less, than its own lines. */
	err_set(e, L("khối văn bản XHHT %s bị hỏng hoặc không đúng chuẩn: tệp chỉ được chứa đúng "
		     "các dòng từ -----BEGIN đến -----END như trong thư, không thêm, không bớt, "
		     "không sửa (dòng dài %d ký tự)",
		     "the XHHT %s armor block is damaged or not canonical: the file must hold "
		     "exactly the lines from -----BEGIN to -----END as in the message, nothing "
		     "added, left out or changed (%d-column lines)"),
		label, ARMOR_LINE);
	return ST_REFUSED;
}

enum status
container_read(const char *path, const char *label, size_t max, unsigned char **out,
	       size_t *outlen, struct err *e)
{
	char *text;
	size_t len;
	/* Armor takes 4/3 of the binary size plus line ends. */
	enum status st = file_read(path, max / 3 * 4 + max / 38 + 4096, &text, &len, e);
	if (st != ST_OK)
		return st;
	if (armor_detect(text, len)) {
		st = armor_decode(text, len, label, out, outlen, e);
		free(text);
		if (st == ST_OK && *outlen > max) {
			free(*out);
			*out = NULL;
			err_set(e, L("tệp quá lớn", "file too large"));
			st = ST_REFUSED;
		}
		if (st != ST_OK)
			err_prefix(e, "%s: ", path);
		return st;
	}
	if (len > max) {
		free(text);
		err_set(e, L("%s: tệp quá lớn", "%s: file too large"), path);
		return ST_REFUSED;
	}
	*out = (unsigned char *)text;
	*outlen = len;
	return ST_OK;
}
