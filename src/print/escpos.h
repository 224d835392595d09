/* SPDX-License-Identifier: EUPL-1.2 */
/* escpos: a slip as the commands of an ESC/POS receipt printer (Epson
 * TM-T20/T88 and the many that follow them) on a raw queue: text in code
 * page PC858 (ä, ö, å and €), the name and dates double size, headings
 * bold, the QR code as a raster image (every such printer prints one;
 * not all know the QR command), then a cut. */
#ifndef AULATAULU_ESCPOS_H
#define AULATAULU_ESCPOS_H

#include "print/slip.h"
#include "util/textbuf.h"

#include <stdbool.h>

/* Paper widths in dots at 203 dpi (8 dots a millimetre). */
#define ESCPOS_58MM_DOTS 384
#define ESCPOS_80MM_DOTS 576

/* Characters a line holds in the normal font (12 dots wide). */
#define ESCPOS_COLUMNS(dots) ((dots) / 12)

/* Appends slip s, for paper width_dots wide, to out; false when out of
 * memory or the text cannot be converted. */
bool escpos_render(const struct slip *s, int width_dots, struct textbuf *out);

#endif
