/* SPDX-License-Identifier: EUPL-1.2 */
/* qr: a QR code of a web address or phone number, as a matrix of modules
 * (libqrencode); the screens draw it. Error correction M, which a phone
 * camera reads off a terminal screen. */
#ifndef AULATAULU_QR_H
#define AULATAULU_QR_H

#include <stdbool.h>

struct qr {
	int size;	     /* modules per side, without the quiet zone */
	unsigned char *dark; /* size * size; 1 = dark module */
};

/* What a code holds; the caller says which, never the text's shape. */
enum qr_kind {
	QR_WEB,	  /* an http:// or https:// address, nothing else */
	QR_PHONE, /* digits, spaces, "+", "-" and "()": a "tel:" code */
};

/* Encodes text as kind; false when it is not one (a "phone number" of
 * "javascript:..." or "WIFI:...", an address of "file:..."), or cannot be
 * encoded (empty, too long). */
bool qr_make(const char *text, enum qr_kind kind, struct qr *out);

void qr_free(struct qr *q);

/* Is the module at (x, y) dark? Outside the code (the quiet zone): no. */
bool qr_dark(const struct qr *q, int x, int y);

#endif
