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
 * kinds; data is then the part not looked into). part names where it was found ("2.1"). */
typedef enum status (*mail_found_fn)(void *ctx, const unsigned char *data, size_t len,
				     enum mail_found kind, const char *part,
				     const char *message_id);
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
/* Finds every armored bundle block in plain text; found gets each block's text. */
enum status mail_scan_text(const char *text, size_t len, const char *part, const char *message_id,
			   mail_found_fn found, void *ctx, struct err *e);

#endif
