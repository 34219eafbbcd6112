/* platform_path.c: the folders in a path on both systems: '/' separates them, and on Windows
 * '\\' too, after a drive's "E:" (a root: "/", "E:\\"); one place for the file choosers. */
#include "platform.h"

#include <string.h>

#include "util.h"

bool
plat_is_separator(char c)
{
#ifdef _WIN32
	if (c == '\\')
		return true;
#endif
	return c == '/';
}

/* The length of path's root: "/" 1, and on Windows "E:\\" 3, "E:" 2, "\\" 1; else 0. */
static size_t
root_len(const char *path)
{
#ifdef _WIN32
	if (((path[0] >= 'A' && path[0] <= 'Z') || (path[0] >= 'a' && path[0] <= 'z')) &&
	    path[1] == ':')
		return plat_is_separator(path[2]) ? 3 : 2;
#endif
	return plat_is_separator(path[0]) ? 1 : 0;
}

/* path's length without the separators at its end, its root kept whole. */
static size_t
trimmed_len(const char *path, size_t root)
{
	size_t n = strlen(path);
	while (n > root && plat_is_separator(path[n - 1]))
		n--;
	return n;
}

char *
plat_dir_name(const char *path)
{
	size_t root = root_len(path), n = trimmed_len(path, root);
	while (n > root && !plat_is_separator(path[n - 1]))
		n--;
	while (n > root && plat_is_separator(path[n - 1]))
		n--;
	return n == 0 ? xstrdup(".") : xasprintf("%.*s", (int)n, path);
}

char *
plat_parent_dir(const char *dir)
{
	size_t root = root_len(dir);
	return trimmed_len(dir, root) <= root ? NULL : plat_dir_name(dir);
}
