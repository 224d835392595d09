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

/* Encodes text; false when it cannot be encoded (empty, too long). A
 * phone number becomes a "tel:" code so that the phone offers to call. */
bool qr_make(const char *text, struct qr *out);
void qr_free(struct qr *q);

/* Is the module at (x, y) dark? Outside the code (the quiet zone): no. */
bool qr_dark(const struct qr *q, int x, int y);

#endif
