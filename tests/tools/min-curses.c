/* min-curses.c: the baseline of the start-up benchmark: a minimal ncursesw program that draws
 * one full screen of Vietnamese text and waits for a key. */
#include <locale.h>
#define NCURSES_WIDECHAR 1
#include <curses.h>

int
main(void)
{
	setlocale(LC_ALL, "");
	initscr();
	raw();
	noecho();
	keypad(stdscr, TRUE);
	for (int y = 0; y < LINES; y++)
		mvaddstr(y, 0, "Báo cáo xã hội học tập — đã điền đủ các mục bắt buộc");
	refresh();
	getch();
	endwin();
	return 0;
}
