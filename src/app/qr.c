/* SPDX-License-Identifier: EUPL-1.2 */
/* qr: QR codes with libqrencode. */
#include "config.h"

#include "app/qr.h"

#include "feed/phone.h"

#include <qrencode.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool is_web_address(const char *text)
{
	return (strncasecmp(text, "https://", 8) == 0 && text[8]) ||
	       (strncasecmp(text, "http://", 7) == 0 && text[7]);
}

bool qr_make(const char *text, enum qr_kind kind, struct qr *out)
{
	*out = (struct qr){0};
	if (!text || !*text)
		return false;
	char *tel = kind == QR_PHONE ? phone_tel_uri(text) : NULL;
	const char *content = kind == QR_PHONE ? tel : is_web_address(text) ? text : NULL;
	QRcode *code = content ? QRcode_encodeString(content, 0, QR_ECLEVEL_M, QR_MODE_8, 1) : NULL;
	free(tel);
	if (!code)
		return false;
	out->size = code->width;
	out->dark = malloc((size_t)code->width * (size_t)code->width);
	if (out->dark)
		for (int i = 0; i < code->width * code->width; i++)
			out->dark[i] = code->data[i] & 1;
	QRcode_free(code);
	return out->dark != NULL;
}

void qr_free(struct qr *q)
{
	free(q->dark);
	*q = (struct qr){0};
}

bool qr_dark(const struct qr *q, int x, int y)
{
	return x >= 0 && y >= 0 && x < q->size && y < q->size && q->dark[y * q->size + x];
}
