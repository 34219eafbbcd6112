/* publish.h: new versions of report templates: the central publishes one as a signed file,
 * units install it; both programs list the templates they know. */
#ifndef XHHT_PUBLISH_H
#define XHHT_PUBLISH_H

#include <stdbool.h>
#include <stddef.h>

#include "store.h"
#include "util.h"

/* One template a program knows. */
struct template_info {
	char *id;
	int version;
	char *title;        /* in the interface language */
	bool builtin;       /* the very text built into this program */
	char *stored_at;    /* when it was stored here (UTC) */
	char *published_by; /* the central: who published it (staff_name); NULL otherwise */
	char *years;        /* the unit: the years whose reports answer it ("2024, 2025"), or "" */
};
/* Every template of the database, by id then version. Free with template_infos_free. */
enum status template_infos(struct store *db, struct template_info **out, size_t *n, struct err *e);
void template_infos_free(struct template_info *a, size_t n);
void template_info_free(struct template_info *t);

/* Hands the signed file over (written under a temporary name) before the publication commits:
 * a file that could not be written publishes nothing. */
typedef enum status (*template_deliver_fn)(void *ctx, const unsigned char *doc, size_t len,
					   struct err *e);
/* The central publishes a template: type-checked as the built-in ones are (template_parse),
 * refused when its id and version are known here with another text, stored (the importer then
 * merges reports answering it, enrollment files carry it), logged in the staff log as
 * published by staff_name(), signed and delivered. Publishing the same text again writes the
 * file again. info (if not NULL) receives what was published. */
enum status template_publish(struct store *db, const unsigned char *central_sign_sk,
			     const char *json, const char *where, template_deliver_fn deliver,
			     void *deliver_ctx, struct template_info *info, struct err *e);

/* Whether the file at path is a template file, binary or armored (the clerk's screens that open
 * the Ministry's files tell it from an enrollment file or a receipt); false when unreadable. */
bool template_file_at(const char *path);
/* The unit's checks of a template file, without storing it: what it holds (info), whether it
 * is already there; refused as template_file_install would refuse it. */
enum status template_file_check(struct store *db, const unsigned char *data, size_t len,
				struct template_info *info, bool *already, struct err *e);
/* The unit installs a template file (binary form): its signature checked with the key of the
 * central the unit is enrolled with (not enrolled: refused, enrollment the step to take), the
 * template type-checked, refused when it redefines an id and version this unit knows, stored.
 * Drafts are not touched. *already is true when that very template was there (nothing done).
 * info receives what the file holds. */
enum status template_file_install(struct store *db, const unsigned char *data, size_t len,
				  struct template_info *info, bool *already, struct err *e);

#endif
