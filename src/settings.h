/* settings.h: the clerk's choices kept in the database (the setting table), by documented key. */
#ifndef XHHT_SETTINGS_H
#define XHHT_SETTINGS_H

#include "store.h"
#include "util.h"

/* The keys the programs use, and the values each takes, are listed once in settings.c
 * (setting_keys): a key not listed there is neither read nor written. */

/* The value stored for key: a new string, or NULL when it was never set, the key is not one
 * of the list, or the database cannot be read (every caller then takes the default). */
char *setting_get(struct store *db, const char *key);
/* Stores value for key. Refused (ST_REFUSED, e filled) when the key is not in the list or the
 * value is not one the key takes; ST_ENV when the database cannot be written. */
enum status setting_set(struct store *db, const char *key, const char *value, struct err *e);

#endif
