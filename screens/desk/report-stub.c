/* report-stub.c: STUB, to be deleted when the report view's branch (screens/desk/report.c) is
 * merged: it only lets xhht-central link, saying the view is not there yet. */
#include "desk.h"
#include "i18n.h"

void
unit_report_open(struct tui *t, const char *unit, int year)
{
	tui_message(t, false,
		    L("Xem báo cáo của %s năm %d: chưa có trong bản này.",
		      "The report view of %s for %d is not in this build yet."),
		    unit, year);
}
