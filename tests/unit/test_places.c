/* test_places.c: which mounted places are USB media, read from a fake sysfs and mount table; on
 * Windows (under Wine, tests/windows/unit.sh) the drives, removable ones first. */
#include "testlib.h"

#include <sys/stat.h>
#include <unistd.h>

#include "places.h"

#ifndef _WIN32

static void
put(const char *root, const char *rel, const char *text)
{
	char *path = xasprintf("%s/%s", root, rel);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(path);
}

static void
folder(const char *root, const char *rel)
{
	char *path = xasprintf("%s/%s", root, rel);
	for (char *p = path + strlen(root) + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0755);
			*p = '/';
		}
	mkdir(path, 0755);
	free(path);
}

/* sda: the fixed disk (removable 0, on SATA); sdb: a stick saying removable 1; sdc: a USB disk
 * saying removable 0 but hanging from a USB bus; mmcblk0: a card reader's card. */
static void
fake_sysfs(const char *root)
{
	folder(root, "sys/block/sda/sda1");
	folder(root, "sys/block/sda/sda2");
	put(root, "sys/block/sda/removable", "0\n");
	folder(root, "sys/devices/pci0000:00/ata1/host0/target0:0:0/0:0:0:0");
	folder(root, "sys/block/sdb/sdb1");
	put(root, "sys/block/sdb/removable", "1\n");
	folder(root, "sys/block/sdc/sdc1");
	put(root, "sys/block/sdc/removable", "0\n");
	folder(root, "sys/devices/pci0000:00/usb2/2-1/2-1:1.0/host6/target6:0:0/6:0:0:0");
	char *target =
	    xasprintf("%s/sys/devices/pci0000:00/usb2/2-1/2-1:1.0/host6/target6:0:0/6:0:0:0", root);
	char *link = xasprintf("%s/sys/block/sdc/device", root);
	assert_int_equal(symlink(target, link), 0);
	free(target);
	free(link);
	target = xasprintf("%s/sys/devices/pci0000:00/ata1/host0/target0:0:0/0:0:0:0", root);
	link = xasprintf("%s/sys/block/sda/device", root);
	assert_int_equal(symlink(target, link), 0);
	free(target);
	free(link);
	folder(root, "sys/block/mmcblk0/mmcblk0p1");
	put(root, "sys/block/mmcblk0/removable", "1\n");
}

static const char mountinfo[] =
    "22 1 8:2 / / rw,relatime shared:1 - ext4 /dev/sda2 rw\n"
    "23 22 0:21 / /proc rw,nosuid shared:5 - proc proc rw\n"
    "40 22 8:1 / /mnt/data rw,relatime shared:30 - ext4 /dev/sda1 rw\n"
    "41 22 8:17 / /media/an/USB\\040DISK rw,nosuid shared:31 - vfat /dev/sdb1 rw,uid=1000\n"
    "42 22 8:33 / /srv/backup rw,relatime shared:32 - ext4 /dev/sdc1 rw\n"
    "43 22 0:50 / /mnt/share rw,relatime shared:33 - cifs //server/share rw\n"
    "44 22 179:1 / /run/media/an/CARD rw,nosuid shared:34 master:2 - exfat /dev/mmcblk0p1 rw\n"
    "45 22 8:2 /home /home rw,relatime shared:1 - ext4 /dev/sda2 rw\n";

static void
test_places_removable_by_sysfs(void **state)
{
	const char *root = *state;
	struct place *p;
	fake_sysfs(root);
	put(root, "mountinfo", mountinfo);
	char *sys = xasprintf("%s/sys", root), *mi = xasprintf("%s/mountinfo", root);
	size_t n = places_list(sys, mi, &p);
	/* USB media first (a stick, a USB disk mounted outside /media, a card), then the rest
	 * under /mnt by path; / , /proc, /home are not places. */
	assert_int_equal(n, 5);
	assert_string_equal(p[0].path, "/media/an/USB DISK");
	assert_true(p[0].removable);
	assert_string_equal(p[1].path, "/run/media/an/CARD");
	assert_true(p[1].removable);
	assert_string_equal(p[2].path, "/srv/backup");
	assert_true(p[2].removable);
	assert_string_equal(p[3].path, "/mnt/data");
	assert_false(p[3].removable); /* the fixed disk's partition under /mnt is no USB */
	assert_string_equal(p[4].path, "/mnt/share");
	assert_false(p[4].removable);
	places_free(p, n);
	free(sys);
	free(mi);
}

static void
test_places_missing(void **state)
{
	const char *root = *state;
	struct place *p;
	char *sys = xasprintf("%s/nothing", root), *mi = xasprintf("%s/mountinfo", root);
	/* No sysfs: mounts under /mnt are places, none is called USB. */
	put(root, "mountinfo", mountinfo);
	size_t n = places_list(sys, mi, &p);
	assert_int_equal(n, 4);
	for (size_t i = 0; i < n; i++)
		assert_false(p[i].removable);
	places_free(p, n);
	/* No mount table: nothing, and no error. */
	n = places_list(sys, sys, &p);
	assert_int_equal(n, 0);
	places_free(p, n);
	free(sys);
	free(mi);
}

#else
/* The drives: each "X:\\", the removable ones first; C: is a fixed disk with no label. When
 * tests/windows/unit.sh has made Wine's drive XHHT_TEST_USB_DRIVE a removable one labelled
 * "USB Hà Nội", it comes first with that label, in UTF-8. */
static void
test_places_drives(void **state)
{
	(void)state;
	struct place *p;
	size_t n = places_list(NULL, NULL, &p);
	const char *usb = getenv("XHHT_TEST_USB_DRIVE");
	bool seen_c = false;
	assert_true(n >= 1);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(strlen(p[i].path), 3);
		assert_true(p[i].path[0] >= 'A' && p[i].path[0] <= 'Z');
		assert_string_equal(p[i].path + 1, ":\\");
		if (i > 0 && p[i].removable)
			assert_true(p[i - 1].removable); /* removable ones first */
		if (p[i].path[0] == 'C') {
			seen_c = true;
			assert_false(p[i].removable);
		}
	}
	assert_true(seen_c);
	if (usb != NULL && usb[0] != '\0') {
		assert_int_equal(p[0].path[0], usb[0]);
		assert_true(p[0].removable);
		assert_non_null(p[0].label);
		assert_string_equal(p[0].label, "USB Hà Nội");
	}
	places_free(p, n);
}
#endif

int
main(void)
{
	const struct CMUnitTest tests[] = {
#ifndef _WIN32
	    cmocka_unit_test_setup_teardown(test_places_removable_by_sysfs, test_setup_tmp,
					    test_teardown_tmp),
	    cmocka_unit_test_setup_teardown(test_places_missing, test_setup_tmp, test_teardown_tmp),
#else
	    cmocka_unit_test(test_places_drives),
#endif
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
