/* replay.c: runs the fuzz target over corpus files without libFuzzer (any compiler, any
 * sanitizer): `replay FILE|DIR...`. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
run_file(const char *path)
{
	char *data = NULL;
	size_t len = 0;
	struct err e = {0};
	if (file_read(path, 64u << 20, &data, &len, &e) != ST_OK) {
		fprintf(stderr, "replay: %s\n", e.msg);
		return -1;
	}
	LLVMFuzzerTestOneInput((const uint8_t *)data, len);
	free(data);
	return 1;
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Returns the number of inputs run, or -1 after a file that could not be read. */
static int
run_path(const char *path)
{
	struct stat st;
	struct dirent **names;
	int n, total = 0;

	if (stat(path, &st) != 0) {
		fprintf(stderr, "replay: cannot read %s\n", path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(path);
	/* Sorted, so that a failure is found at the same input every time. */
	if ((n = scandir(path, &names, NULL, by_name)) < 0) {
		fprintf(stderr, "replay: cannot list %s\n", path);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		char *child = xasprintf("%s/%s", path, names[i]->d_name);
		int got = 0;
		if (names[i]->d_name[0] != '.' && stat(child, &st) == 0 && S_ISREG(st.st_mode))
			got = run_file(child);
		free(child);
		free(names[i]);
		if (got < 0 || total < 0)
			total = -1;
		else
			total += got;
	}
	free(names);
	return total;
}

int
main(int argc, char **argv)
{
	int total = 0;
	if (argc < 2) {
		fprintf(stderr, "usage: replay FILE|DIR...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		int n = run_path(argv[i]);
		if (n < 0)
			return 1;
		total += n;
	}
	if (total == 0) {
		fprintf(stderr, "replay: no inputs\n");
		return 1;
	}
	printf("fuzz replay %s%s: %d inputs, no failure\n", argv[1], argc > 2 ? " ..." : "", total);
	return 0;
}
