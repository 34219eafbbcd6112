/* i18n.h: the interface language (Vietnamese by default, English on request). */
#ifndef XHHT_I18N_H
#define XHHT_I18N_H

#include <stdbool.h>

enum lang { LANG_VI = 0, LANG_EN = 1 };

extern enum lang ui_lang;
/* True when --lang chose the language, so that a saved setting does not override it. */
extern bool ui_lang_fixed;

/* Every message is written in both languages where it is used, so that the two never drift
 * apart and a reader sees at once what the clerk sees. */
#define L(vi, en) (ui_lang == LANG_EN ? (en) : (vi))

/* Parses "vi" or "en"; returns -1 for anything else. */
int lang_parse(const char *s);

#endif
