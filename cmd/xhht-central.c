/* xhht-central.c: the central office's program (importer and dashboard; commands arrive with
 * the trust and importer work). */
#include <locale.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "cli.h"
#include "i18n.h"

static void
usage(void)
{
	printf(L("xhht-central %s: nhận, kiểm tra và tổng hợp báo cáo xã hội học tập của các đơn vị\n"
		 "\n"
		 "Tùy chọn:\n"
		 "  --data THƯ_MỤC    thư mục dữ liệu (mặc định $XHHT_DATA, rồi\n"
		 "                    $XDG_DATA_HOME/xhht-central, rồi ~/.local/share/xhht-central)\n"
		 "  --lang vi|en      ngôn ngữ giao diện\n"
		 "  --help, --version\n"
		 "\n"
		 "Các lệnh (init, unit, enroll, import, status, export) có trong các phiên bản tới.\n",
		 "xhht-central %s: receive, verify and consolidate units' learning-society reports\n"
		 "\n"
		 "Options:\n"
		 "  --data DIR        data folder (default $XHHT_DATA, then\n"
		 "                    $XDG_DATA_HOME/xhht-central, then ~/.local/share/xhht-central)\n"
		 "  --lang vi|en      interface language\n"
		 "  --help, --version\n"
		 "\n"
		 "The commands (init, unit, enroll, import, status, export) come in later versions.\n"),
	       XHHT_VERSION);
}

int
main(int argc, char **argv)
{
	struct cli c = {.prog = "xhht-central"};
	const struct rlimit no_core = {0, 0};
	int rc = 0;

	setlocale(LC_ALL, "");
	setrlimit(RLIMIT_CORE, &no_core);
	if (cli_parse(&c, argc, argv) != ST_OK) {
		free(c.args);
		return ST_ENV;
	}
	if (sodium_init() < 0) {
		fprintf(stderr, "xhht-central: libsodium\n");
		return ST_ENV;
	}
	if (c.version)
		printf("xhht-central %s\n", XHHT_VERSION);
	else if (c.help)
		usage();
	else if (c.nargs == 0)
		rc = cli_usage_error(&c, L("cần một lệnh (xem xhht-central --help)",
					   "a command is needed (see xhht-central --help)"));
	else
		rc = cli_usage_error(&c, L("không có lệnh \"%s\" (xem xhht-central --help)",
					   "unknown command \"%s\" (see xhht-central --help)"),
				     c.args[0]);
	free(c.args);
	return rc;
}
