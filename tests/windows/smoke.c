/* smoke.c: proves the Windows libraries (packaging/windows/build-libs.sh) link and work. */
/*
 * smoke.exe: SQLite in memory, a libsodium hash, utf8proc's NFC of a decomposed Vietnamese
 * string, each printed as one line of ASCII (the console's code page cannot spoil it).
 * smoke.exe curses FILE: full-screen through ncurses' Windows console driver (TERM=#win32con,
 * set here before initscr as the programs will), shows a Vietnamese line with the wide calls,
 * reads keys with get_wch until Esc and writes their code points to FILE.
 * tests/windows/smoke.sh builds it and runs both under Wine.
 */
#include <curses.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static int
check_sqlite(void)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int ok;

	if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
		return 0;
	ok = sqlite3_exec(db, "CREATE TABLE t(x TEXT); VACUUM;", NULL, NULL, NULL) == SQLITE_OK &&
	     sqlite3_prepare_v2(db, "INSERT INTO t VALUES ('Đào') RETURNING length(x), sqlite_version()",
				-1, &st, NULL) == SQLITE_OK;
	if (ok && sqlite3_step(st) == SQLITE_ROW)
		printf("sqlite %s length %d\n", sqlite3_column_text(st, 1), sqlite3_column_int(st, 0));
	else
		ok = 0;
	if (ok)
		sqlite3_finalize(st);
	sqlite3_close(db);
	return ok;
}

static int
check_sodium(void)
{
	unsigned char h[crypto_generichash_BYTES];
	char hex[2 * sizeof h + 1];

	if (sodium_init() < 0)
		return 0;
	crypto_generichash(h, sizeof h, (const unsigned char *)"abc", 3, NULL, 0);
	printf("sodium %s blake2b %s\n", sodium_version_string(), sodium_bin2hex(hex, sizeof hex, h, sizeof h));
	return 1;
}

static int
check_utf8proc(void)
{
	/* "Tiếng Việt" decomposed: e + circumflex + acute, e + dot below + circumflex. */
	static const char nfd[] = "Tie\xcc\x82\xcc\x81ng Vie\xcc\xa3\xcc\x82t";
	unsigned char *nfc = utf8proc_NFC((const unsigned char *)nfd);
	size_t i;

	if (nfc == NULL)
		return 0;
	printf("utf8proc %s nfc", utf8proc_version());
	for (i = 0; nfc[i] != '\0'; i++)
		printf(" %02x", nfc[i]);
	printf("\n");
	free(nfc);
	return 1;
}

static int
run_curses(const char *out_path)
{
	FILE *out = fopen(out_path, "w");
	wint_t ch;
	int rc;

	if (out == NULL)
		return 1;
	_putenv("TERM=#win32con");
	initscr();
	raw();
	noecho();
	keypad(stdscr, TRUE);
	mvaddwstr(0, 0, L"Xin chào: gõ Tiếng Việt, Esc để thoát");
	mvaddwstr(1, 0, L"smoke ready");
	refresh();
	while ((rc = get_wch(&ch)) != ERR && !(rc == OK && ch == 27)) {
		fprintf(out, "%s U+%04X\n", rc == KEY_CODE_YES ? "key" : "char", (unsigned)ch);
		fflush(out);
		mvprintw(2, 0, "last U+%04X ", (unsigned)ch);
		refresh();
	}
	fprintf(out, "esc\n");
	endwin();
	fclose(out);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "curses") == 0)
		return run_curses(argv[2]);
	if (!check_sqlite() || !check_sodium() || !check_utf8proc()) {
		printf("smoke: FAILED\n");
		return 1;
	}
	printf("smoke: ok\n");
	return 0;
}
