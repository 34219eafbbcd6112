/* places.c: the mounted places a file chooser offers, USB sticks told apart by what the kernel
 * says of the device (sysfs), not by where it is mounted. */
#include "places.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

#ifdef _WIN32
#include "platform.h"
#endif

#ifndef _WIN32
/* The names of the removable disks and their partitions ("sdb", "sdb1"), one list. */
struct names {
	char **v;
	size_t n;
};

static void
names_add(struct names *s, const char *name)
{
	s->v = xreallocarray(s->v, s->n + 1, sizeof *s->v);
	s->v[s->n++] = xstrdup(name);
}

/* A disk is removable when the kernel says so, or when it sits on a USB bus: USB disks and
 * many sticks report removable 0. */
static bool
disk_removable(const char *sysfs, const char *disk)
{
	char path[PATH_MAX], link[PATH_MAX], flag[8] = "";
	snprintf(path, sizeof path, "%s/block/%s/removable", sysfs, disk);
	FILE *f = fopen(path, "r");
	if (f != NULL) {
		if (fgets(flag, sizeof flag, f) == NULL)
			flag[0] = '\0';
		fclose(f);
	}
	if (flag[0] == '1')
		return true;
	snprintf(path, sizeof path, "%s/block/%s/device", sysfs, disk);
	/* The device's own path names the buses it hangs from (…/usb2/2-1/…/6:0:0:0). */
	if (realpath(path, link) == NULL) {
		ssize_t n = readlink(path, link, sizeof link - 1);
		if (n <= 0)
			return false;
		link[n] = '\0';
	}
	return strstr(link, "/usb") != NULL;
}

/* The partitions of a disk are the folders of block/DISK named after it (sdb1, mmcblk0p1). */
static void
add_disk(struct names *s, const char *sysfs, const char *disk)
{
	char path[PATH_MAX];
	names_add(s, disk);
	snprintf(path, sizeof path, "%s/block/%s", sysfs, disk);
	DIR *d = opendir(path);
	struct dirent *de;
	while (d && (de = readdir(d)) != NULL)
		if (strncmp(de->d_name, disk, strlen(disk)) == 0 &&
		    de->d_name[strlen(disk)] != '\0')
			names_add(s, de->d_name);
	if (d)
		closedir(d);
}

static struct names
removable_names(const char *sysfs)
{
	struct names s = {0};
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/block", sysfs);
	DIR *d = opendir(path);
	struct dirent *de;
	while (d && (de = readdir(d)) != NULL)
		if (de->d_name[0] != '.' && disk_removable(sysfs, de->d_name))
			add_disk(&s, sysfs, de->d_name);
	if (d)
		closedir(d);
	return s;
}

/* mountinfo writes a space, tab, newline and backslash in a path as \040, \011, \012, \134. */
static void
unescape(char *s)
{
	char *o = s;
	for (char *p = s; *p; p++) {
		if (p[0] == '\\' && p[1] >= '0' && p[1] <= '3' && p[2] >= '0' && p[2] <= '7' &&
		    p[3] >= '0' && p[3] <= '7') {
			*o++ = (char)((p[1] - '0') * 64 + (p[2] - '0') * 8 + (p[3] - '0'));
			p += 3;
		} else
			*o++ = *p;
	}
	*o = '\0';
}

/* The mount point (field 5) and source (after the " - " separator, the second field) of one
 * line of mountinfo; false for a line that is not one. */
static bool
mount_fields(char *line, char **point, char **source)
{
	char *save = NULL, *tok = strtok_r(line, " \n", &save);
	int field = 1;
	*point = *source = NULL;
	for (; tok != NULL; tok = strtok_r(NULL, " \n", &save), field++) {
		if (field == 5)
			*point = tok;
		else if (field > 6 && strcmp(tok, "-") == 0) {
			if (strtok_r(NULL, " \n", &save) == NULL) /* the file system type */
				return false;
			*source = strtok_r(NULL, " \n", &save);
			break;
		}
	}
	return *point != NULL && *source != NULL;
}

static bool
under_media(const char *p)
{
	return strncmp(p, "/media/", 7) == 0 || strncmp(p, "/run/media/", 11) == 0 ||
	       strncmp(p, "/mnt/", 5) == 0;
}

static bool
is_removable_source(const struct names *s, const char *source)
{
	if (strncmp(source, "/dev/", 5) != 0)
		return false;
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(source + 5, s->v[i]) == 0)
			return true;
	return false;
}

#endif

static int
by_kind_then_path(const void *a, const void *b)
{
	const struct place *x = a, *y = b;
	if (x->removable != y->removable)
		return x->removable ? -1 : 1;
	return strcmp(x->path, y->path);
}

#ifndef _WIN32
size_t
places_list(const char *sysfs_root, const char *mountinfo, struct place **out)
{
	struct names rem = removable_names(sysfs_root);
	struct place *p = NULL;
	size_t n = 0;
	char *line = NULL, *point, *source;
	size_t cap = 0;
	FILE *f = fopen(mountinfo, "r");
	while (f != NULL && getline(&line, &cap, f) > 0) {
		if (!mount_fields(line, &point, &source))
			continue;
		unescape(point);
		bool removable = is_removable_source(&rem, source);
		if (!removable && !under_media(point))
			continue;
		/* One medium mounted twice (a bind mount) is one place per path. */
		bool seen = false;
		for (size_t i = 0; i < n && !seen; i++)
			seen = strcmp(p[i].path, point) == 0;
		if (seen)
			continue;
		p = xreallocarray(p, n + 1, sizeof *p);
		p[n++] = (struct place){xstrdup(point), removable, NULL};
	}
	if (f != NULL)
		fclose(f);
	free(line);
	for (size_t i = 0; i < rem.n; i++)
		free(rem.v[i]);
	free(rem.v);
	if (n > 1)
		qsort(p, n, sizeof *p, by_kind_then_path);
	*out = p;
	return n;
}

#else
/* The drives as the platform layer finds them (plat_drives), removable first. */
size_t
places_list(const char *sysfs_root, const char *mountinfo, struct place **out)
{
	struct plat_drive *d;
	size_t n = plat_drives(&d);
	struct place *p = n ? xreallocarray(NULL, n, sizeof *p) : NULL;
	(void)sysfs_root, (void)mountinfo;
	for (size_t i = 0; i < n; i++)
		p[i] = (struct place){xstrdup(d[i].root), d[i].removable, d[i].label};
	free(d);
	if (n > 1)
		qsort(p, n, sizeof *p, by_kind_then_path);
	*out = p;
	return n;
}
#endif

void
places_free(struct place *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(p[i].path);
		free(p[i].label);
	}
	free(p);
}
