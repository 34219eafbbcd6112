/* static-nodl.c: linked into the static programs only (make static), where the Makefile points
 * SQLite's extension loader (its one use of dlopen) at these: a static glibc's dlopen could only
 * work with the shared libraries of the glibc it was built with, and its link warns so. The
 * programs never load an extension; if one were asked for, SQLite would report this error. */
#include <stddef.h>

void *xhht_dlopen(const char *file, int mode);
void *xhht_dlsym(void *handle, const char *name);
int xhht_dlclose(void *handle);
char *xhht_dlerror(void);

void *
xhht_dlopen(const char *file, int mode)
{
	(void)file;
	(void)mode;
	return NULL;
}

void *
xhht_dlsym(void *handle, const char *name)
{
	(void)handle;
	(void)name;
	return NULL;
}

int
xhht_dlclose(void *handle)
{
	(void)handle;
	return 0;
}

char *
xhht_dlerror(void)
{
	static char no[] = "a static program loads no shared library";
	return no;
}
