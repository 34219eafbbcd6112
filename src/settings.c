/* settings.c: the list of settings the programs keep, and reading and writing them. */
#include "settings.h"

#include <stddef.h>
#include <string.h>

#include "i18n.h"
#include "store.h"

/* Every key the programs keep in their setting table, with the values it takes (separated by
 * '|', the default first; NULL: one line of free text) and what it is for. Only the unit's
 * program keeps settings today; the central's table is there for its own, when it has some. */
static const struct setting_key {
	const char *key, *values, *what;
} setting_keys[] = {
	{"ui.lang", "vi|en", "the full-screen program's language (--lang overrides it)"},
	{"typing.method", "telex|vni|off", "the Vietnamese typing method of the text fields"},
	{"typing.style", "old|new", "where the tone mark goes: old hòa, thủy; new hoà, thuỷ"},
	{"typing.restore", "on|off", "a word that is not Vietnamese gets its typed keys back"},
	{"unit.place", NULL, "the place name on the printed report's date line (Hà Nội)"},
	{"folder.pack", NULL, "the folder last chosen for a bundle (the chooser opens there)"},
	{"folder.attach", NULL, "the folder of the last attachment chosen (the chooser opens there)"},
	{"folder.save", NULL, "the folder the printable report was last saved into (the chooser opens there)"},
	{"folder.desk_attachments", NULL, "the folder a report's attachments were last saved into at the central's desk"},
	{"folder.desk_reminders", NULL, "the folder the reminders (list and letters) were last written into at the central's desk"},
	{"folder.desk_reviews", NULL, "the folder a signed review file was last written into at the central's desk"},
	{"folder.desk_export", NULL, "the folder the year's exports were last written into at the central's desk"},
	{"folder.desk_import", NULL, "the folder bundles were last imported from at the central's desk"},
	{"folder.desk_receipts", NULL, "the folder the desk's import last wrote receipts into"},
	{"folder.desk_units", NULL, "the folder of the last CSV list of units imported at the central's desk"},
	{"folder.desk_enroll", NULL, "the folder the last enrollment file was written into at the central's desk"},
	{"desk.enroll_email", NULL, "the Ministry's e-mail address last written into an enrollment file at the central's desk"},
};

static const struct setting_key *
key_find(const char *key)
{
	for (size_t i = 0; i < ARRAY_LEN(setting_keys); i++)
		if (strcmp(setting_keys[i].key, key) == 0)
			return &setting_keys[i];
	return NULL;
}

/* value is one of "a|b|c". */
static bool
value_listed(const char *values, const char *value)
{
	size_t n = strlen(value);
	for (const char *p = values;; p++) {
		size_t len = strcspn(p, "|");
		if (len == n && strncmp(p, value, n) == 0)
			return true;
		if (p[len] == '\0')
			return false;
		p += len;
	}
}

char *
setting_get(struct store *db, const char *key)
{
	if (key_find(key) == NULL)
		return NULL;
	return store_text(db, "SELECT value FROM setting WHERE key = ?1", "t", key);
}

enum status
setting_set(struct store *db, const char *key, const char *value, struct err *e)
{
	const struct setting_key *k = key_find(key);
	if (k == NULL) {
		err_set(e, L("không có thiết lập %s", "no setting %s"), key);
		return ST_REFUSED;
	}
	if (value == NULL || (k->values != NULL && !value_listed(k->values, value))) {
		err_set(e,
			L("thiết lập %s nhận %s, không nhận \"%s\"",
			  "the setting %s takes %s, not \"%s\""),
			key, k->values ? k->values : L("một dòng chữ", "one line of text"),
			value ? value : "");
		return ST_REFUSED;
	}
	return store_do(db,
			"INSERT INTO setting(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE"
			" SET value = ?2",
			e, "tt", key, value);
}
