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
#include <windows.h>
#include <winioctl.h>
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
/* Whether the drive (root "E:\\") is a disk on a USB bus: USB hard disks and some sticks say
 * they are fixed. Asking the device needs no rights beyond opening it without access. */
static bool
drive_on_usb(const wchar_t *root)
{
	wchar_t device[] = {L'\\', L'\\', L'.', L'\\', root[0], L':', 0};
	HANDLE h = CreateFileW(device, 0, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING,
			       0, NULL);
	if (h == INVALID_HANDLE_VALUE)
		return false;
	STORAGE_PROPERTY_QUERY query = {StorageDeviceProperty, PropertyStandardQuery, {0}};
	union {
		STORAGE_DEVICE_DESCRIPTOR d;
		char bytes[1024];
	} out;
	DWORD got = 0;
	bool usb = DeviceIoControl(h, IOCTL_STORAGE_QUERY_PROPERTY, &query, sizeof query, &out,
				   sizeof out, &got, NULL) &&
		   got >= offsetof(STORAGE_DEVICE_DESCRIPTOR, BusType) + sizeof out.d.BusType &&
		   out.d.BusType == BusTypeUsb;
	CloseHandle(h);
	return usb;
}

/* The volume's name in UTF-8, NULL when it has none; false when the drive has no medium. */
static bool
drive_label(const wchar_t *root, char **label)
{
	wchar_t name[MAX_PATH + 1];
	*label = NULL;
	/* No "insert a disk" box for an empty drive: the error comes back instead. */
	UINT old = SetErrorMode(SEM_FAILCRITICALERRORS);
	BOOL ok = GetVolumeInformationW(root, name, MAX_PATH + 1, NULL, NULL, NULL, NULL, 0);
	SetErrorMode(old);
	if (!ok)
		return false;
	int n = WideCharToMultiByte(CP_UTF8, 0, name, -1, NULL, 0, NULL, NULL);
	if (name[0] != L'\0' && n > 0) {
		*label = xmalloc((size_t)n);
		WideCharToMultiByte(CP_UTF8, 0, name, -1, *label, n, NULL, NULL);
	}
	return true;
}

size_t
places_list(const char *sysfs_root, const char *mountinfo, struct place **out)
{
	struct place *p = NULL;
	size_t n = 0;
	DWORD drives = GetLogicalDrives();
	(void)sysfs_root, (void)mountinfo;
	for (int i = 0; i < 26; i++) {
		wchar_t root[] = {(wchar_t)(L'A' + i), L':', L'\\', 0};
		char *label;
		if (!(drives & (1UL << i)))
			continue;
		UINT type = GetDriveTypeW(root);
		if (type != DRIVE_REMOVABLE && type != DRIVE_FIXED && type != DRIVE_REMOTE)
			continue;
		bool removable =
		    type == DRIVE_REMOVABLE || (type == DRIVE_FIXED && drive_on_usb(root));
		/* Only a medium the clerk plugs in is named by its label: asking a network drive
		 * can wait on the network at each key of the chooser (and Wine prints a line on
		 * the screen for each fixed drive it cannot read the label of). */
		label = NULL;
		if (removable && !drive_label(root, &label))
			continue;
		p = xreallocarray(p, n + 1, sizeof *p);
		p[n++] = (struct place){xasprintf("%c:\\", 'A' + i), removable, label};
	}
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
