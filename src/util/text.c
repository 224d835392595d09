/* SPDX-License-Identifier: EUPL-1.2 */
/* text: UTF-8 cleaning and display width, shared by every parser and screen. */
#include "config.h"

#include "util/text.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

bool text_init(void)
{
	const char *codeset = nl_langinfo(CODESET);
	if (codeset && strcmp(codeset, "UTF-8") == 0)
		return true;
	if (setlocale(LC_CTYPE, "C.UTF-8") || setlocale(LC_CTYPE, "en_US.UTF-8"))
		return true;
	return false;
}

size_t text_decode(const char *str, size_t len, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	size_t n;
	unsigned c, min;
	if ((s[0] & 0xE0) == 0xC0) {
		n = 2, c = s[0] & 0x1F, min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		n = 3, c = s[0] & 0x0F, min = 0x800;
	} else if ((s[0] & 0xF8) == 0xF0) {
		n = 4, c = s[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	/* Overlong forms, surrogates and values past Unicode are invalid. */
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

size_t text_encode(unsigned c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* Characters that are never shown: controls, bidi and invisible formatting. */
static bool is_removed(unsigned c)
{
	if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
		return true;
	switch (c) {
	case 0x00AD: /* soft hyphen: width differs between terminals */
	case 0x061C: /* Arabic letter mark */
	case 0x180E: /* Mongolian vowel separator */
	case 0x2028: /* line and paragraph separators */
	case 0x2029:
	case 0xFEFF: /* zero-width no-break space, BOM */
	case 0x034F: /* combining grapheme joiner */
	case 0x115F: /* Hangul fillers: blank letters that pass for names */
	case 0x1160:
	case 0x3164:
	case 0xFFA0:
	case 0x17B4: /* Khmer inherent vowels, invisible */
	case 0x17B5:
	case 0x06DD: /* prepended concatenation marks */
	case 0x070F:
	case 0x08E2:
	case 0x110BD:
	case 0x110CD:
		return true;
	}
	return (c >= 0x200B && c <= 0x200F) ||	 /* ZWSP, ZWNJ, ZWJ, LRM, RLM */
	       (c >= 0x202A && c <= 0x202E) ||	 /* LRE, RLE, PDF, LRO, RLO */
	       (c >= 0x2060 && c <= 0x206F) ||	 /* WJ, invisible ops, LRI..PDI */
	       (c >= 0x0600 && c <= 0x0605) ||	 /* Arabic number signs (format) */
	       (c >= 0x1D173 && c <= 0x1D17A) || /* musical formatting */
	       (c >= 0xFFF9 && c <= 0xFFFB) ||	 /* interlinear annotation */
	       (c >= 0xE0000 && c <= 0xE007F);	 /* tag characters */
}

static bool is_combining(unsigned c)
{
	/* Zero-width printable characters attach to the one before them. */
	return c >= 0x300 && wcwidth((wchar_t)c) == 0;
}

/* Before a base character: the pending space or paragraph break, unless
 * at the start (leading whitespace goes). */
static size_t put_pending(char *out, size_t o, int *newlines, bool *space)
{
	if (o > 0 && *newlines) {
		int keep = *newlines > 1 ? 2 : 1;
		for (int k = 0; k < keep; k++)
			out[o++] = '\n';
	} else if (o > 0 && *space) {
		out[o++] = ' ';
	}
	*newlines = 0;
	*space = false;
	return o;
}

char *text_clean(const char *in, size_t len, enum text_mode mode)
{
	/* Output never grows: each kept character is copied as it was. */
	char *out = malloc(len + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	int marks = 0;	    /* combining marks on the current base character */
	int newlines = 0;   /* pending newlines (TEXT_PARAGRAPHS) */
	bool space = false; /* a pending space */
	size_t i = 0;
	while (i < len) {
		unsigned char b = (unsigned char)in[i];
		if (b > ' ' && b < 0x7F) { /* printable ASCII, most of any text */
			o = put_pending(out, o, &newlines, &space);
			marks = 0;
			out[o++] = (char)b;
			i++;
			continue;
		}
		unsigned c;
		size_t n = text_decode(in + i, len - i, &c);
		if (n == 0) { /* invalid byte: dropped */
			i++;
			continue;
		}
		i += n;
		if (c == '\n' || c == '\v' || c == '\f' || c == 0x2028 || c == 0x2029) {
			if (mode == TEXT_PARAGRAPHS)
				newlines++;
			else
				space = true;
			continue;
		}
		if (c == '\t' || c == ' ' || c == 0xA0 || c == 0x3000 ||
		    (c >= 0x2000 && c <= 0x200A)) {
			space = true;
			continue;
		}
		if (is_removed(c))
			continue;
		if (is_combining(c)) {
			if (marks >= TEXT_MAX_COMBINING || o == 0 || space || newlines)
				continue; /* too many, or nothing to attach to */
			marks++;
		} else {
			marks = 0;
			o = put_pending(out, o, &newlines, &space);
		}
		o += text_encode(c, out + o);
	}
	out[o] = '\0';
	return out;
}

size_t text_char_count(const char *s)
{
	size_t count = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			count++;
	return count;
}

static int char_width(unsigned c)
{
	int w = wcwidth((wchar_t)c);
	return w < 0 ? 0 : w;
}

int text_display_width(const char *s)
{
	int cols = 0;
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		unsigned c;
		size_t n = text_decode(s + i, len - i, &c);
		if (n == 0) {
			i++;
			continue;
		}
		cols += char_width(c);
		i += n;
	}
	return cols;
}

size_t text_fit(const char *s, int max_cols, int *cols)
{
	size_t len = strlen(s), fit = 0;
	int used = 0;
	for (size_t i = 0; i < len && s[i] != '\n';) {
		unsigned c;
		size_t n = text_decode(s + i, len - i, &c);
		if (n == 0) {
			i++;
			fit = i;
			continue;
		}
		int w = char_width(c);
		if (used + w > max_cols)
			break;
		used += w;
		i += n;
		fit = i; /* combining marks (w == 0) stay with their base */
	}
	if (cols)
		*cols = used;
	return fit;
}

size_t text_wrap(const char *s, int width, struct text_line *lines, size_t max)
{
	size_t n = 0;
	if (width < 1)
		width = 1;
	while (*s) {
		int cols;
		size_t fit = text_fit(s, width, &cols);
		size_t take = fit;
		if (s[fit] != '\0' && s[fit] != '\n') {
			/* Break at the last space that fits, if there is one. */
			size_t space = fit;
			while (space > 0 && s[space] != ' ')
				space--;
			if (space > 0)
				take = space;
			else if (fit == 0) /* not even one character fits */
				take = text_decode(s, strlen(s), &(unsigned){0}) ?: 1;
		}
		if (n < max)
			lines[n] = (struct text_line){s, take};
		n++;
		s += take;
		if (*s == ' ')
			s++;
		else if (*s == '\n')
			s++;
	}
	return n;
}

char *text_shorten(const char *s, size_t max_chars)
{
	if (text_char_count(s) <= max_chars)
		return strdup(s);
	/* The first max_chars - 1 characters, back to the end of a word. */
	size_t end = 0, chars = 0, word_end = 0;
	while (s[end] && chars < max_chars - 1) {
		unsigned cp;
		size_t n = text_decode(s + end, strlen(s + end), &cp);
		if (!n)
			break;
		if (cp == ' ' || cp == '\n')
			word_end = end;
		end += n;
		chars++;
	}
	if (word_end > end / 2)
		end = word_end; /* a word is never shown half, unless it is most of it */
	while (end &&
	       (s[end - 1] == ' ' || s[end - 1] == '\n' || s[end - 1] == ',' || s[end - 1] == '.'))
		end--;
	char *out = malloc(end + sizeof("…"));
	if (out) {
		memcpy(out, s, end);
		memcpy(out + end, "…", sizeof("…"));
	}
	return out;
}
