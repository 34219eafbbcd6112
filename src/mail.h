/* mail.h: finding bundles inside e-mail: mbox files, single messages, MIME parts of any
 * nesting (base64, quoted-printable), armor pasted in a body. E-mail is only a carrier: names
 * in it are never used as paths, nothing in it is run or rendered. */
#ifndef XHHT_MAIL_H
#define XHHT_MAIL_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/* The walker's limits: a message nested deeper, or with more parts, is not walked further. */
#define MAIL_MAX_DEPTH 16
#define MAIL_MAX_PARTS 1000

enum mail_found {
	MAIL_BINARY,   /* starts with the bundle magic */
	MAIL_ARMOR,    /* armor text, from its BEGIN line */
	MAIL_NAMED,    /* an attachment named like a bundle (*.xhht, XHHT-...) holding neither:
			* a bundle damaged on the way, which must be reported, not skipped */
	MAIL_TOO_DEEP, /* a part past MAIL_MAX_DEPTH, not looked into (once per message) */
	MAIL_TOO_MANY, /* parts past MAIL_MAX_PARTS, not looked into (once per message) */
};

/* Called for every candidate bundle found, and for what the walk leaves unread (the last two
 * kinds; data is then the part not looked into). part names where it was found ("2.1").
 * received is the time (ISO 8601 UTC) in the message's topmost Received: header field, the one
 * its last mail server wrote, or NULL when it has none that parses; the Date: field and the
 * Received: fields below are the sender's word and are not passed on. */
typedef enum status (*mail_found_fn)(void *ctx, const unsigned char *data, size_t len,
				     enum mail_found kind, const char *part,
				     const char *message_id, const char *received);
/* True for a file or attachment name that xhht pack could have written: *.xhht, or XHHT-...
 * but not a receipt (XHHT-....receipt). */
bool mail_bundle_name(const char *name);

/* True when text starts like an RFC 5322 message (header fields, then a blank line). */
bool mail_looks_like_message(const char *text, size_t len);
/* True when text starts like an mbox file ("From " line). */
bool mail_looks_like_mbox(const char *text, size_t len);

enum status mail_scan_message(const char *text, size_t len, mail_found_fn found, void *ctx,
			      struct err *e);
enum status mail_scan_mbox(const char *text, size_t len, mail_found_fn found, void *ctx,
			   struct err *e);
/* An RFC 5322 date-time ("Tue, 3 Dec 2024 10:00:00 +0700", obsolete forms and comments
 * included) as ISO 8601 UTC ("2024-12-03T03:00:00Z"); false when it does not parse or is not
 * a real time between 1970 and 9999. */
bool mail_date_utc(const char *s, char out[32]);
/* Finds every armored bundle block in plain text; found gets each block's text. */
enum status mail_scan_text(const char *text, size_t len, const char *part, const char *message_id,
			   mail_found_fn found, void *ctx, struct err *e);

#endif
