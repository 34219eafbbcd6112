/* places.h: the mounted places a file chooser offers, and which of them are removable media
 * (USB sticks, memory cards), read from sysfs and the mount table (on Windows, the drives). */
#ifndef XHHT_PLACES_H
#define XHHT_PLACES_H

#include <stdbool.h>
#include <stddef.h>

struct place {
	char *path;     /* the mount point; on Windows the drive's root, "E:\\" */
	bool removable; /* a removable device, or one on USB, is mounted there */
	char *label;    /* a removable medium's volume name on Windows ("USB DISK"), else NULL */
};

/* The places mounted (as mountinfo, /proc/self/mountinfo, lists them) that a clerk may save to
 * or open from: every removable medium wherever it is mounted, and any other mount under
 * /media, /run/media or /mnt. Removable is decided by sysfs (sysfs_root, "/sys"): a disk of
 * block/NAME whose "removable" holds 1 or whose "device" is on a USB bus, and its partitions,
 * matched with the mounts' sources (/dev/NAME). Removable places come first, then by path.
 * Returns how many; free them with places_free. A missing table or sysfs gives fewer places,
 * never an error: the chooser still has the folders. */
size_t places_list(const char *sysfs_root, const char *mountinfo, struct place **out);
/* On Windows (sysfs_root and mountinfo unused): every drive with a file system in it, the
 * removable ones first (GetDriveTypeW's DRIVE_REMOVABLE, and a USB disk that says it is fixed:
 * its bus, IOCTL_STORAGE_QUERY_PROPERTY) with their volume labels, then the fixed and network
 * drives, by letter; a removable drive without a medium (an empty card reader) is left out. */
void places_free(struct place *p, size_t n);

#endif
