/* document.h: the report as a printed administrative document (Decree 30/2020 layout): HTML
 * for printing on A4, and plain text lines for the on-screen preview. */
#ifndef XHHT_DOCUMENT_H
#define XHHT_DOCUMENT_H

#include "report.h"

/* The page's style (A4, Decree 30 fonts and margins, bordered tables). */
extern const char document_css[];
/* Appends s with HTML's special characters escaped. */
void document_escape(struct buf *b, const char *s);
/* "Hà Nội, ngày 05 tháng 01 năm 2025" for an ISO date (dots for what is missing). */
void document_date_line(const char *place, const char *iso_date, struct buf *b);
/* Opens an HTML document: its head and style, then the header block: BỘ Y TẾ over the issuer
 * in capitals and the number line; the national heading over the date line. */
void document_begin(struct buf *out, const char *title, const char *issuer, const char *number,
		    const char *date_line);
/* The page's opening alone: its head, title and style, up to <body>. */
void document_page(struct buf *out, const char *title);
/* The header block alone (document_begin's), for a document of several letters, each on its
 * page; subject, when not NULL, is the letter's summary line under the number ("V/v …"). */
void document_header(struct buf *out, const char *issuer, const char *number, const char *subject,
		     const char *date_line);
/* A complete HTML page; place is the place name of the date line ("Hà Nội"), or NULL. */
void document_html(const struct report *r, const char *place, struct buf *out);
/* The same document as lines of at most width characters (newline-separated). */
void document_text(const struct report *r, const char *place, int width, struct buf *out);
/* Writes the printable report (HTML for A4) and the CSV for spreadsheets into folder dir as
 * bao-cao-YEAR-UNIT.html and .csv (UNIT the unit's code made safe for a file name), replacing
 * files of those names; both are written under temporary names before either takes its name.
 * *html and *csv (new strings) name the files written. */
enum status document_save(const struct report *r, const char *place, const char *dir, char **html,
			  char **csv, struct err *e);

#endif
