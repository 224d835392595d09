/* SPDX-License-Identifier: EUPL-1.2 */
/* pdf: a slip as an A4 page in PDF, for any printer CUPS drives other than
 * a receipt printer (an office laser, a label printer with A4 paper): the
 * name and dates in large type, headings bold, the QR code drawn as
 * squares (sharp at any resolution), with cairo, opened on first use so
 * that no start of the program pays for it. */
#ifndef AULATAULU_PDF_H
#define AULATAULU_PDF_H

#include "print/slip.h"
#include "util/textbuf.h"

#include <stdbool.h>

/* Appends slip s as a PDF document of A4 pages titled title to out; false
 * and *err when cairo is missing or fails. */
bool pdf_render(const struct slip *s, const char *title, struct textbuf *out, char **err);

#endif
