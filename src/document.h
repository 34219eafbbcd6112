/* document.h: the report as a printed administrative document (Decree 30/2020 layout): HTML
 * for printing on A4, and plain text lines for the on-screen preview. */
#ifndef XHHT_DOCUMENT_H
#define XHHT_DOCUMENT_H

#include "report.h"

/* A complete HTML page; place is the place name of the date line ("Hà Nội"), or NULL. */
void document_html(const struct report *r, const char *place, struct buf *out);
/* The same document as lines of at most width characters (newline-separated). */
void document_text(const struct report *r, const char *place, int width, struct buf *out);

#endif
