/* i18n.c: the interface language setting. */
#include "i18n.h"

#include <string.h>

enum lang ui_lang = LANG_VI;
bool ui_lang_fixed;

int
lang_parse(const char *s)
{
	if (strcmp(s, "vi") == 0)
		return LANG_VI;
	if (strcmp(s, "en") == 0)
		return LANG_EN;
	return -1;
}
