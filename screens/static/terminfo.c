/* terminfo.c: hands ncurses a terminal description the static programs carry, through a
 * private folder read once at start-up: ncurses has no public call reading one from memory. */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "static/terminfo.h"
#include "util.h"

static char *old_terminfo;

static const struct terminfo_entry *
carried(const char *term)
{
	for (const struct terminfo_entry *t = terminfo_entries; t->name != NULL; t++)
		if (strcmp(t->name, term) == 0)
			return t;
	return NULL;
}

/* DIR/<first letter>/<name>, the layout ncurses reads on Linux. */
static bool
write_entry(const char *dir, const struct terminfo_entry *t)
{
	char sub[PATH_MAX], path[PATH_MAX];
	if (snprintf(sub, sizeof sub, "%s/%c", dir, t->name[0]) >= (int)sizeof sub ||
	    snprintf(path, sizeof path, "%s/%s", sub, t->name) >= (int)sizeof path)
		return false;
	if (mkdir(sub, 0700) != 0)
		return false;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return false;
	bool ok = write(fd, t->data, t->len) == (ssize_t)t->len;
	return close(fd) == 0 && ok;
}

bool
terminfo_carried(const char *term, char *dir)
{
	const struct terminfo_entry *t = term != NULL ? carried(term) : NULL;
	if (t == NULL || strchr(term, '/') != NULL)
		return false;
	const char *tmp = getenv("TMPDIR");
	if (tmp == NULL || *tmp != '/')
		tmp = "/tmp";
	if (snprintf(dir, PATH_MAX, "%s/xhht-terminfo.XXXXXX", tmp) >= PATH_MAX ||
	    mkdtemp(dir) == NULL)
		return false;
	const char *old = getenv("TERMINFO");
	old_terminfo = old != NULL ? xstrdup(old) : NULL;
	if (!write_entry(dir, t)) {
		terminfo_forget(dir);
		return false;
	}
	setenv("TERMINFO", dir, 1);
	return true;
}

void
terminfo_forget(const char *dir)
{
	char sub[PATH_MAX], path[PATH_MAX];
	for (const struct terminfo_entry *t = terminfo_entries; t->name != NULL; t++) {
		snprintf(sub, sizeof sub, "%s/%c", dir, t->name[0]);
		snprintf(path, sizeof path, "%s/%s", sub, t->name);
		unlink(path);
		rmdir(sub);
	}
	rmdir(dir);
	if (old_terminfo != NULL)
		setenv("TERMINFO", old_terminfo, 1);
	else
		unsetenv("TERMINFO");
	free(old_terminfo);
	old_terminfo = NULL;
}
