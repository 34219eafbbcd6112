/* mail.h: finding bundles inside e-mail: mbox files, single messages, MIME parts of any
 * nesting (base64, quoted-printable), armor pasted in a body. E-mail is only a carrier: names
 * in it are never used as paths, nothing in it is run or rendered. */
#ifndef XHHT_MAIL_H
#define XHHT_MAIL_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/* Called for every candidate bundle found (binary form, or armor text when armored is true).
 * part names where it was found ("phần 2.1"). */
typedef enum status (*mail_found_fn)(void *ctx, const unsigned char *data, size_t len,
				     bool armored, const char *part, const char *message_id);

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
