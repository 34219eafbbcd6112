/* mail.c: a small, strict-where-it-matters MIME walker that only looks for bundles. */
#include "mail.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "bundle.h"
#include "platform.h"

struct walk {
	mail_found_fn found;
	void *ctx;
	char message_id[256];
	char received[32]; /* the topmost Received: header's time (UTC), or empty */
	int parts;
	size_t candidates;         /* found so far (to tell a named part that held none) */
	bool told_deep, told_many; /* a limit is reported once a message, not once a part */
	enum status st;
	struct err *e;
};

static const char *
memfind(const char *hay, size_t n, const char *needle)
{
	size_t m = strlen(needle);
	if (m == 0 || n < m)
		return NULL;
	for (const char *p = hay; (p = memchr(p, needle[0], n - (size_t)(p - hay) - m + 1)) != NULL;
	     p++) {
		if (memcmp(p, needle, m) == 0)
			return p;
		if ((size_t)(p - hay) + m >= n)
			break;
	}
	return NULL;
}

bool
mail_bundle_name(const char *name)
{
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	size_t n = strlen(base);
	if (n >= 5 && strcasecmp(base + n - 5, ".xhht") == 0)
		return true;
	return strncasecmp(base, "XHHT-", 5) == 0 && strstr(base, ".receipt") == NULL;
}

bool
mail_looks_like_mbox(const char *text, size_t len)
{
	return len > 5 && memcmp(text, "From ", 5) == 0;
}

bool
mail_looks_like_message(const char *text, size_t len)
{
	/* Header lines "Name: value" (or continuation lines) up to a blank line, with at least
	 * one field that only mail has. */
	size_t i = 0;
	int fields = 0;
	bool mailish = false;
	while (i < len && fields < 200) {
		size_t start = i;
		while (i < len && text[i] != '\n')
			i++;
		size_t l = i - start;
		if (l > 0 && text[start + l - 1] == '\r')
			l--;
		i++;
		if (l == 0)
			return fields > 0 && mailish;
		if (text[start] == ' ' || text[start] == '\t') {
			if (fields == 0)
				return false;
			continue;
		}
		size_t k = 0;
		while (k < l && text[start + k] != ':' && text[start + k] > ' ' && text[start + k] < 127)
			k++;
		if (k == 0 || k == l || text[start + k] != ':')
			return false;
		fields++;
		if ((k == 4 && strncasecmp(text + start, "From", 4) == 0) ||
		    (k == 10 && strncasecmp(text + start, "Message-ID", 10) == 0) ||
		    (k == 12 && strncasecmp(text + start, "Content-Type", 12) == 0) ||
		    (k == 12 && strncasecmp(text + start, "MIME-Version", 12) == 0) ||
		    (k == 7 && strncasecmp(text + start, "Subject", 7) == 0))
			mailish = true;
	}
	return false;
}

/* The value of a header field (unfolded), or NULL. */
static char *
header_get(const char *hdr, size_t n, const char *name)
{
	size_t nl = strlen(name), i = 0;
	while (i < n) {
		size_t start = i;
		while (i < n && hdr[i] != '\n')
			i++;
		i++;
		if (start + nl < n && hdr[start + nl] == ':' && strncasecmp(hdr + start, name, nl) == 0) {
			struct buf b;
			buf_init(&b);
			size_t p = start + nl + 1;
			for (;;) {
				while (p < n && hdr[p] != '\n') {
					if (hdr[p] != '\r')
						buf_addc(&b, hdr[p]);
					p++;
				}
				p++;
				if (p < n && (hdr[p] == ' ' || hdr[p] == '\t'))
					continue; /* folded line */
				break;
			}
			if (b.len > 4096)
				b.data[4096] = '\0';
			return buf_steal(&b);
		}
	}
	return NULL;
}

/* A parameter of a structured header value (boundary="..."), or NULL. */
static char *
header_param(const char *value, const char *name)
{
	size_t nl = strlen(name);
	for (const char *p = strchr(value, ';'); p; p = strchr(p + 1, ';')) {
		const char *q = p + 1;
		while (*q == ' ' || *q == '\t')
			q++;
		if (strncasecmp(q, name, nl) != 0 || q[nl] != '=')
			continue;
		q += nl + 1;
		if (*q == '"') {
			const char *end = strchr(q + 1, '"');
			return end ? xstrndup(q + 1, (size_t)(end - q - 1)) : NULL;
		}
		size_t k = strcspn(q, "; \t");
		return xstrndup(q, k);
	}
	return NULL;
}

static int
b64val(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* Transfer decodings. Mail software folds and wraps freely, so these are lenient about
 * white space; what they produce is checked by the bundle reader anyway. */
static unsigned char *
decode_base64(const char *s, size_t n, size_t *outlen)
{
	unsigned char *out = xmalloc(n / 4 * 3 + 3);
	size_t o = 0;
	unsigned acc = 0;
	int bits = 0;
	for (size_t i = 0; i < n; i++) {
		int v = b64val((unsigned char)s[i]);
		if (s[i] == '=')
			break;
		if (v < 0)
			continue;
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (unsigned char)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	*outlen = o;
	return out;
}

static unsigned char *
decode_qp(const char *s, size_t n, size_t *outlen)
{
	unsigned char *out = xmalloc(n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '=') {
			out[o++] = (unsigned char)s[i];
			continue;
		}
		if (i + 1 < n && s[i + 1] == '\n') { /* soft line break */
			i++;
			continue;
		}
		if (i + 2 < n && s[i + 1] == '\r' && s[i + 2] == '\n') {
			i += 2;
			continue;
		}
		if (i + 2 < n && isxdigit((unsigned char)s[i + 1]) && isxdigit((unsigned char)s[i + 2])) {
			char hex[3] = {s[i + 1], s[i + 2], 0};
			out[o++] = (unsigned char)strtol(hex, NULL, 16);
			i += 2;
			continue;
		}
		out[o++] = '=';
	}
	*outlen = o;
	return out;
}

/* Skips blanks and (nested) comments: the CFWS around the tokens of a date. */
static const char *
skip_cfws(const char *p)
{
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '(')
			return p;
		int depth = 0;
		do {
			if (*p == '\\' && p[1] != '\0')
				p++;
			else if (*p == '(')
				depth++;
			else if (*p == ')')
				depth--;
			p++;
		} while (*p != '\0' && depth > 0);
		if (depth > 0)
			return p; /* an unclosed comment runs to the end */
	}
}

static int
digits(const char **pp, int min, int max)
{
	const char *p = *pp;
	int v = 0, n = 0;
	while (*p >= '0' && *p <= '9' && n < max) {
		v = v * 10 + (*p - '0');
		p++;
		n++;
	}
	if (n < min || (*p >= '0' && *p <= '9'))
		return -1;
	*pp = p;
	return v;
}

bool
mail_date_utc(const char *s, char out[32])
{
	static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	static const struct { const char *name; int minutes; } zones[] = {
		{"UT", 0}, {"GMT", 0}, {"Z", 0}, {"EST", -300}, {"EDT", -240}, {"CST", -360},
		{"CDT", -300}, {"MST", -420}, {"MDT", -360}, {"PST", -480}, {"PDT", -420}};
	const char *p = skip_cfws(s);
	int day, month = -1, year, hour, min, sec = 0, zone = 0;

	/* [day-of-week ","] day month year hour ":" minute [":" second] zone (RFC 5322 3.3, with
	 * its obsolete two-digit years and zone names). */
	if ((p[0] | 0x20) >= 'a' && (p[0] | 0x20) <= 'z') {
		while ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')
			p++;
		p = skip_cfws(p);
		if (*p++ != ',')
			return false;
		p = skip_cfws(p);
	}
	if ((day = digits(&p, 1, 2)) < 1)
		return false;
	p = skip_cfws(p);
	for (int i = 0; i < 12; i++)
		if (strncasecmp(p, months + 3 * i, 3) == 0)
			month = i + 1;
	if (month < 0 || ((p[3] | 0x20) >= 'a' && (p[3] | 0x20) <= 'z'))
		return false;
	p = skip_cfws(p + 3);
	const char *y = p;
	if ((year = digits(&p, 2, 4)) < 0)
		return false;
	if (p - y == 2)
		year += year < 50 ? 2000 : 1900;
	else if (p - y == 3)
		year += 1900;
	p = skip_cfws(p);
	if ((hour = digits(&p, 2, 2)) < 0 || *(p = skip_cfws(p)) != ':')
		return false;
	p = skip_cfws(p + 1);
	if ((min = digits(&p, 2, 2)) < 0)
		return false;
	p = skip_cfws(p);
	if (*p == ':') {
		p = skip_cfws(p + 1);
		if ((sec = digits(&p, 2, 2)) < 0)
			return false;
		p = skip_cfws(p);
	}
	if (*p == '+' || *p == '-') {
		int sign = *p == '-' ? -1 : 1;
		p++;
		int z = digits(&p, 4, 4);
		if (z < 0 || z % 100 > 59)
			return false;
		zone = sign * (z / 100 * 60 + z % 100);
	} else {
		size_t i, n = 0;
		while ((p[n] | 0x20) >= 'a' && (p[n] | 0x20) <= 'z')
			n++;
		for (i = 0; i < sizeof zones / sizeof zones[0]; i++)
			if (strlen(zones[i].name) == n && strncasecmp(p, zones[i].name, n) == 0)
				break;
		if (n == 0 || i == sizeof zones / sizeof zones[0])
			return false;
		zone = zones[i].minutes;
		p += n;
	}
	if (*skip_cfws(p) != '\0')
		return false;
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	if (year < 1970 || year > 9999 || day > mdays[month - 1] || (month == 2 && day == 29 && !leap) ||
	    hour > 23 || min > 59 || sec > 60)
		return false;
	struct tm tm = {.tm_year = year - 1900, .tm_mon = month - 1, .tm_mday = day,
			.tm_hour = hour, .tm_min = min, .tm_sec = sec > 59 ? 59 : sec};
	time_t t = plat_timegm(&tm) - (time_t)zone * 60;
	if (plat_gmtime(&t, &tm) == NULL || tm.tm_year + 1900 > 9999 || tm.tm_year + 1900 < 1970)
		return false;
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return true;
}

static enum status scan_text(const char *text, size_t len, const char *part, const char *message_id,
			     const char *received, mail_found_fn found, void *ctx);
static void walk_entity(struct walk *w, const char *text, size_t len, int depth, const char *part);

static enum status
tell_found(struct walk *w, const void *data, size_t len, enum mail_found kind, const char *part)
{
	if (kind <= MAIL_NAMED)
		w->candidates++;
	return w->found(w->ctx, data, len, kind, part, w->message_id[0] ? w->message_id : NULL,
			w->received[0] ? w->received : NULL);
}

/* scan_text's candidates, counted on their way to the caller (with the message's own id and
 * time, which tell_found adds). */
static enum status
tell_armor(void *ctx, const unsigned char *data, size_t len, enum mail_found kind,
	   const char *part, const char *message_id, const char *received)
{
	(void)message_id;
	(void)received;
	return tell_found(ctx, data, len, kind, part);
}

/* name: the attachment's file name, or NULL. */
static void
leaf(struct walk *w, const unsigned char *data, size_t len, const char *part, const char *name)
{
	size_t before = w->candidates;
	if (w->st != ST_OK)
		return;
	if (len >= 7 && memcmp(data, "XHHTBDL", 7) == 0)
		w->st = tell_found(w, data, len, MAIL_BINARY, part);
	else if (memfind((const char *)data, len, "-----BEGIN XHHT BUNDLE-----") != NULL)
		w->st = scan_text((const char *)data, len, part, NULL, NULL, tell_armor, w);
	if (w->st == ST_OK && w->candidates == before && name != NULL && mail_bundle_name(name))
		w->st = tell_found(w, data, len, MAIL_NAMED, part);
}

/* A delimiter line (RFC 2046 5.1.1): "--" boundary, "--" more for the closing one, then only
 * blanks before the line end. A line that merely starts with it ("--b1" before "--b10") is
 * part of the body. */
static bool
delimiter_line(const char *p, size_t ll, const char *delim, size_t dl, bool *closing)
{
	if (ll < dl || memcmp(p, delim, dl) != 0)
		return false;
	size_t i = dl;
	*closing = ll - i >= 2 && p[i] == '-' && p[i + 1] == '-';
	if (*closing)
		i += 2;
	while (i < ll && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r'))
		i++;
	return i == ll;
}

static void
walk_multipart(struct walk *w, const char *body, size_t len, const char *boundary, int depth,
	       const char *part)
{
	char *delim = xasprintf("--%s", boundary);
	size_t dl = strlen(delim);
	const char *p = body, *end = body + len, *start = NULL;
	int n = 0;
	/* A delimiter is a line starting with --boundary. When the closing one is missing (a
	 * message cut short), the end of the body closes the last part. */
	while (p <= end && w->st == ST_OK) {
		const char *nl = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
		const char *line_end = nl ? nl : end;
		size_t ll = (size_t)(line_end - p);
		bool closing = false;
		if (p == end || delimiter_line(p, ll, delim, dl, &closing)) {
			if (start != NULL && ++w->parts > MAIL_MAX_PARTS && !w->told_many) {
				char *sub = xasprintf("%s%s%d", part, part[0] ? "." : "", n + 1);
				w->told_many = true;
				w->st =
				    tell_found(w, start, (size_t)(end - start), MAIL_TOO_MANY, sub);
				free(sub);
			} else if (start != NULL && w->parts <= MAIL_MAX_PARTS) {
				const char *stop = p;
				if (stop > start && stop[-1] == '\n')
					stop--;
				if (stop > start && stop[-1] == '\r')
					stop--;
				char *sub = xasprintf("%s%s%d", part, part[0] ? "." : "", ++n);
				walk_entity(w, start, (size_t)(stop - start), depth + 1, sub);
				free(sub);
			}
			if (p == end || closing)
				break; /* closing delimiter */
			start = nl ? nl + 1 : end;
		}
		p = nl ? nl + 1 : end;
	}
	free(delim);
}

static void
walk_entity(struct walk *w, const char *text, size_t len, int depth, const char *part)
{
	const char *body = NULL;
	size_t hlen = 0;
	char *ctype, *cte, *cdisp, *name, *boundary = NULL;

	if (w->st != ST_OK)
		return;
	if (depth > MAIL_MAX_DEPTH) {
		if (!w->told_deep) {
			w->told_deep = true;
			w->st = tell_found(w, text, len, MAIL_TOO_DEEP, part);
		}
		return;
	}
	/* Headers end at the first empty line. */
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n' && i + 1 < len && text[i + 1] == '\n') {
			hlen = i + 1;
			body = text + i + 2;
			break;
		}
		if (text[i] == '\n' && i + 2 < len && text[i + 1] == '\r' && text[i + 2] == '\n') {
			hlen = i + 1;
			body = text + i + 3;
			break;
		}
	}
	if (body == NULL) { /* no header block: all body */
		body = text;
		hlen = 0;
	}
	size_t blen = len - (size_t)(body - text);
	if (depth == 0) {
		char *mid = header_get(text, hlen, "Message-ID");
		if (mid != NULL) {
			snprintf(w->message_id, sizeof w->message_id, "%s", mid + strspn(mid, " \t"));
			free(mid);
		}
		/* The topmost Received: field is the last hop's, the central's own mail server's;
		 * the ones below it, and Date:, are written by whoever sent the message. */
		char *rcv = header_get(text, hlen, "Received"), *semi;
		if (rcv != NULL && (semi = strrchr(rcv, ';')) != NULL &&
		    !mail_date_utc(semi + 1, w->received))
			w->received[0] = '\0';
		free(rcv);
	}
	ctype = header_get(text, hlen, "Content-Type");
	cte = header_get(text, hlen, "Content-Transfer-Encoding");
	const char *ct = ctype ? ctype + strspn(ctype, " \t") : "text/plain";
	const char *enc = cte ? cte + strspn(cte, " \t") : "7bit";
	cdisp = header_get(text, hlen, "Content-Disposition");
	name = cdisp ? header_param(cdisp, "filename") : NULL;
	if (name == NULL)
		name = header_param(ct, "name");
	if (strncasecmp(ct, "multipart/", 10) == 0 && (boundary = header_param(ct, "boundary")) != NULL &&
	    boundary[0] != '\0' && strlen(boundary) <= 200) {
		walk_multipart(w, body, blen, boundary, depth, part);
	} else if (strncasecmp(ct, "message/rfc822", 14) == 0) {
		walk_entity(w, body, blen, depth + 1, part);
	} else {
		unsigned char *dec = NULL;
		size_t dlen = 0;
		if (strncasecmp(enc, "base64", 6) == 0)
			dec = decode_base64(body, blen, &dlen);
		else if (strncasecmp(enc, "quoted-printable", 16) == 0)
			dec = decode_qp(body, blen, &dlen);
		if (dec != NULL) {
			leaf(w, dec, dlen, part, name);
			free(dec);
		} else
			leaf(w, (const unsigned char *)body, blen, part, name);
	}
	free(boundary);
	free(name);
	free(cdisp);
	free(ctype);
	free(cte);
}

enum status
mail_scan_message(const char *text, size_t len, mail_found_fn found, void *ctx, struct err *e)
{
	struct walk w = {.found = found, .ctx = ctx, .st = ST_OK, .e = e};
	walk_entity(&w, text, len, 0, "");
	return w.st;
}

enum status
mail_scan_mbox(const char *text, size_t len, mail_found_fn found, void *ctx, struct err *e)
{
	const char *p = text, *end = text + len, *start = NULL;
	enum status st = ST_OK;
	/* Messages start at lines beginning "From "; a body line that does is quoted ">From ". */
	while (p <= end && st == ST_OK) {
		const char *nl = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
		bool from_line = p == end || ((size_t)(end - p) >= 5 && memcmp(p, "From ", 5) == 0 &&
					      (p == text || p[-1] == '\n'));
		if (from_line) {
			if (start != NULL)
				st = mail_scan_message(start, (size_t)(p - start), found, ctx, e);
			if (p == end)
				break;
			start = nl ? nl + 1 : end;
		}
		p = nl ? nl + 1 : end;
	}
	return st;
}

enum status
mail_scan_text(const char *text, size_t len, const char *part, const char *message_id,
	       mail_found_fn found, void *ctx, struct err *e)
{
	(void)e;
	return scan_text(text, len, part, message_id, NULL, found, ctx);
}

static enum status
scan_text(const char *text, size_t len, const char *part, const char *message_id, const char *received,
	  mail_found_fn found, void *ctx)
{
	static const char begin[] = "-----BEGIN XHHT BUNDLE-----", endl[] = "-----END XHHT BUNDLE-----";
	const char *p = text, *end = text + len;
	enum status st = ST_OK;
	while (st == ST_OK && (p = memfind(p, (size_t)(end - p), begin)) != NULL) {
		/* A block starts a line (quoted in a reply: after "> "); the marker in the middle
		 * of a sentence (instructions that name it) is not a bundle. */
		const char *q = p;
		while (q > text && (q[-1] == ' ' || q[-1] == '\t' || q[-1] == '>'))
			q--;
		if (q > text && q[-1] != '\n') {
			p += sizeof begin - 1;
			continue;
		}
		const char *stop = memfind(p, (size_t)(end - p), endl);
		const char *block_end;
		if (stop == NULL)
			block_end = end; /* truncated: the reader will say so */
		else {
			block_end = stop + sizeof endl - 1;
			if (block_end < end && *block_end == '\r')
				block_end++;
			if (block_end < end && *block_end == '\n')
				block_end++;
		}
		st = found(ctx, (const unsigned char *)p, (size_t)(block_end - p), MAIL_ARMOR, part,
			   message_id, received);
		p = block_end;
	}
	return st;
}
