/* embedded.h: data files of db/ compiled into the programs (tools/embed.c writes them). */
#ifndef XHHT_EMBEDDED_H
#define XHHT_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char *name; /* path under db/, e.g. "migrations/unit/0001-init.sql" */
	const char *data; /* NUL-terminated */
	size_t len;
};

/* Sorted by name, ended by an entry whose name is NULL. */
extern const struct embedded_file embedded_files[];

#endif
