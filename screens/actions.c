/* actions.c: the action table (actions.h) made into data: labels, key names, the action of a
 * key, and the yes/no keys of every question. */
#include <stdarg.h>
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

/* Every key of a, each named once, joined with sep, in keys. */
static const char *
keys_joined(enum action a, const char *sep, char *keys, size_t size)
{
	const struct action_info *i = action_info(NULL, a);
	keys[0] = '\0';
	for (const struct key_name *k = i ? i->keys : NULL; k && k->name; k++)
		if (!strstr(keys, k->name)) {
			size_t n = strlen(keys);
			snprintf(keys + n, size - n, "%s%s", n ? sep : "", k->name);
		}
	return keys;
}

const char *
action_keys(enum action a)
{
	static char keys[64];
	return keys_joined(a, ", ", keys, sizeof keys);
}

const char *
action_keys_or(enum action a)
{
	static char keys[64];
	return keys_joined(a, L(" hoặc ", " or "), keys, sizeof keys);
}

const char *
action_key_name(enum action a, int code)
{
	const struct action_info *i = action_info(NULL, a);
	for (const struct key_name *k = i ? i->keys : NULL; k && k->name; k++)
		if (k->code == code)
			return k->name;
	return action_first_key(a);
}

void
action_key_line(char *out, size_t size, const char *sep, const char *gap, ...)
{
	va_list ap;
	size_t n = 0;
	out[0] = '\0';
	va_start(ap, gap);
	for (int a = va_arg(ap, int); a != ACT_NONE && n < size; a = va_arg(ap, int)) {
		const char *label = va_arg(ap, const char *);
		int w = snprintf(out + n, size - n, "%s%s%s%s", n ? gap : "", action_first_key((enum action)a),
				 sep, label);
		n += w > 0 ? (size_t)w : 0;
	}
	va_end(ap);
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
