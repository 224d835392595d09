/* SPDX-License-Identifier: EUPL-1.2 */
/* json_members: a top-level JSON object read one member at a time. */
#include "config.h"

#include "util/json_members.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Memory is given back in steps of at least this. */
#define RELEASE_STEP (1u << 20)

static void skip_space(struct json_members *r)
{
	while (r->pos < r->len && strchr(" \t\n\r", r->buf[r->pos]) && r->buf[r->pos])
		r->pos++;
}

/* Line and column (1-based, in bytes) of offset at. */
static void locate(const struct json_members *r, size_t at, int *line, int *column)
{
	size_t line_start = r->released_line_start, from = r->released;
	*line = 1 + (int)r->released_lines;
	if (at < from) /* not asked for: errors are ahead of what is released */
		from = at;
	for (size_t i = from; i < at && i < r->len; i++)
		if (r->buf[i] == '\n')
			(*line)++, line_start = i + 1;
	*column = (int)(at - line_start) + 1;
}

static enum json_step fail_at(struct json_members *r, const char *text)
{
	locate(r, r->pos, &r->error.line, &r->error.column);
	r->error.position = (int)r->pos;
	snprintf(r->error.text, sizeof(r->error.text), "%s", text);
	return JSON_STEP_ERROR;
}

/* The value at r->pos, decoded by jansson; r->pos moves past it. */
static json_t *decode(struct json_members *r)
{
	json_error_t e;
	json_t *v = json_loadb(r->buf + r->pos, r->len - r->pos,
			       JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK, &e);
	if (!v) {
		int line, column;
		locate(r, r->pos, &line, &column);
		r->error = e;
		r->error.line = line + e.line - 1;
		r->error.column = e.line == 1 ? column + e.column - 1 : e.column;
		r->error.position = (int)r->pos + e.position;
		return NULL;
	}
	r->pos += (size_t)e.position;
	return v;
}

bool json_members_open(struct json_members *r, const char *buf, size_t len)
{
	*r = (struct json_members){.buf = buf, .len = len, .first = true};
	skip_space(r);
	if (r->pos < len && buf[r->pos] == '{') {
		r->pos++;
		return true;
	}
	fail_at(r, "'{' expected");
	return false;
}

bool json_members_open_consuming(struct json_members *r, char *buf, size_t len)
{
	bool ok = json_members_open(r, buf, len);
	r->owned = buf;
	return ok;
}

void json_members_release_behind(struct json_members *r)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE), base = (uintptr_t)r->owned;
	uintptr_t from = (base + r->released + page - 1) & ~(page - 1);
	uintptr_t to = (base + r->pos) & ~(page - 1);
	if (!r->owned || to <= from || to - from < RELEASE_STEP)
		return;
	size_t end = to - base;
	for (const char *p = r->buf + r->released;
	     (p = memchr(p, '\n', end - (size_t)(p - r->buf))) != NULL; p++) {
		r->released_lines++;
		r->released_line_start = (size_t)(p - r->buf) + 1;
	}
	/* Whole pages strictly inside the document: malloc's own bookkeeping
	 * before and after it is never touched. */
	madvise((void *)from, to - from, MADV_DONTNEED);
	r->released = end;
}

enum json_step json_members_key(struct json_members *r, json_t **key)
{
	*key = NULL;
	skip_space(r);
	char c = r->pos < r->len ? r->buf[r->pos] : '\0';
	if (c == '}') {
		r->pos++;
		skip_space(r);
		return r->pos == r->len ? JSON_STEP_END : fail_at(r, "end of file expected");
	}
	if (!r->first) {
		if (c != ',')
			return fail_at(r, "',' or '}' expected");
		r->pos++;
		skip_space(r);
	}
	r->first = false;
	if (r->pos >= r->len || r->buf[r->pos] != '"')
		return fail_at(r, "string expected");
	json_t *k = decode(r);
	if (!k)
		return JSON_STEP_ERROR;
	skip_space(r);
	if (r->pos >= r->len || r->buf[r->pos] != ':') {
		json_decref(k);
		return fail_at(r, "':' expected");
	}
	r->pos++;
	*key = k;
	return JSON_STEP_ITEM;
}

json_t *json_members_value(struct json_members *r)
{
	return decode(r);
}

bool json_members_enter_array(struct json_members *r)
{
	skip_space(r);
	if (r->pos >= r->len || r->buf[r->pos] != '[')
		return false;
	r->pos++;
	r->first = true;
	return true;
}

enum json_step json_members_item(struct json_members *r, json_t **item)
{
	*item = NULL;
	skip_space(r);
	char c = r->pos < r->len ? r->buf[r->pos] : '\0';
	if (c == ']') {
		r->pos++;
		r->first = false;
		return JSON_STEP_END;
	}
	if (!r->first) {
		if (c != ',')
			return fail_at(r, "',' or ']' expected");
		r->pos++;
	}
	r->first = false;
	*item = decode(r);
	return *item ? JSON_STEP_ITEM : JSON_STEP_ERROR;
}

size_t json_members_tell(const struct json_members *r)
{
	return r->pos;
}

void json_members_seek(struct json_members *r, size_t pos)
{
	r->pos = pos;
	r->first = false; /* a member's key was read there */
}
