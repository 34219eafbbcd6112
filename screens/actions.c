/* actions.c: the action table (actions.h) made into data: labels, key names, the action of a
 * key, and the yes/no keys of every question. */
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "tui.h"

#define KEY_ENTRY(code, name) {code, name}
#define ACTION_ENTRY(name, svi, sen, lvi, len, ...)                                               \
	[ACT_##name] = {ACT_##name, svi, sen, lvi, len, (const struct key_name[]){__VA_ARGS__, {0, NULL}}},

static const struct action_info table[ACT_COUNT] = {TUI_ACTIONS(ACTION_ENTRY, KEY_ENTRY)};

const struct action_info *
action_info(const struct screen *s, enum action a)
{
	if (a <= ACT_NONE || a >= ACT_COUNT || table[a].keys == NULL)
		return NULL;
	for (const struct action_info *o = s ? s->overrides : NULL; o && o->action != ACT_NONE; o++)
		if (o->action == a)
			return o;
	return &table[a];
}

const char *
action_label(const struct screen *s, enum action a)
{
	const struct action_info *i = action_info(s, a);
	return i ? L(i->label_vi, i->label_en) : "";
}

const char *
action_short(const struct screen *s, enum action a)
{
	const struct action_info *i = action_info(s, a);
	return i ? L(i->short_vi, i->short_en) : "";
}

const char *
action_keys(enum action a)
{
	static char keys[64];
	const struct action_info *i = action_info(NULL, a);
	keys[0] = '\0';
	for (const struct key_name *k = i ? i->keys : NULL; k && k->name; k++)
		if (!strstr(keys, k->name)) {
			size_t n = strlen(keys);
			snprintf(keys + n, sizeof keys - n, "%s%s", n ? ", " : "", k->name);
		}
	return keys;
}

const char *
action_first_key(enum action a)
{
	const struct action_info *i = action_info(NULL, a);
	return i ? i->keys[0].name : "";
}

enum action
action_of(int r, wint_t ch)
{
	/* A typed character is text, whatever its code (U+0109 is KEY_F(1)'s); Backspace too. */
	if (r != OK && r != KEY_CODE_YES)
		return ACT_NONE;
	if (r == OK && (ch >= 32 || ch == 8))
		return ACT_NONE;
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++)
		for (const struct key_name *k = table[a].keys; k && k->name; k++)
			if (k->code == (int)ch)
				return (enum action)a;
	return ACT_NONE;
}

int
key_yes_no(wint_t ch)
{
	if (ch == 'c' || ch == 'C' || ch == 'y' || ch == 'Y' || ch == 'd' || ch == 'D')
		return 1;
	if (ch == 'k' || ch == 'K' || ch == 'n' || ch == 'N')
		return 0;
	return -1;
}
