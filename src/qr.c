/* qr: QR codes with libqrencode. */
#include "config.h"

#include "qr.h"

#include <ctype.h>
#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

/* "040 123 4567" -> "tel:0401234567"; NULL when text is no phone number. */
static char *tel_uri(const char *text)
{
	size_t digits = 0;
	for (const char *p = text; *p; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (!strchr(" +-()", *p))
			return NULL;
	}
	if (digits < 3)
		return NULL;
	char *uri = malloc(strlen(text) + 5), *o = uri;
	if (!uri)
		return NULL;
	o += sizeof("tel:") - 1;
	memcpy(uri, "tel:", 4);
	for (const char *p = text; *p; p++)
		if (isdigit((unsigned char)*p) || (*p == '+' && o == uri + 4))
			*o++ = *p;
	*o = '\0';
	return uri;
}

bool qr_make(const char *text, struct qr *out)
{
	*out = (struct qr){0};
	if (!text || !*text)
		return false;
	char *tel = tel_uri(text);
	QRcode *code = QRcode_encodeString(tel ? tel : text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
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
