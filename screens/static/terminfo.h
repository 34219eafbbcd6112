/* terminfo.h: the terminal descriptions the static programs carry (make static), handed to
 * ncurses on a machine whose terminfo database lacks the terminal (or has none). */
#ifndef XHHT_TERMINFO_H
#define XHHT_TERMINFO_H

#include <stdbool.h>
#include <stddef.h>

struct terminfo_entry {
	const char *name;          /* the terminal's name, as in TERM */
	const unsigned char *data; /* the description as the host's tic compiled it */
	size_t len;
};

/* Ended by an entry whose name is NULL (tools/embed-terminfo.sh writes it). */
extern const struct terminfo_entry terminfo_entries[];

/* Writes TERM's carried description into a new folder only this user can read, and points
 * $TERMINFO at it; *dir (PATH_MAX bytes) receives the folder, for terminfo_forget once ncurses
 * has read it. False when the description is not carried or cannot be written. */
bool terminfo_carried(const char *term, char *dir);

/* Removes the folder terminfo_carried wrote and puts $TERMINFO back as it was. */
void terminfo_forget(const char *dir);

#endif
