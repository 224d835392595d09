/* SPDX-License-Identifier: EUPL-1.2 */
/* vocabulary: the demo feed's categories, for sources that bring none. */
#include "config.h"

#include "feed/vocabulary.h"

#include "feed/demo.h"
#include "feed/feed_json.h"
#include "util/fold.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *copy(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

/* The demo feed, parsed once per process (parsing it is most of a small
 * spreadsheet's time); kept for the process's life. */
static const struct feed *demo_categories(void)
{
	static struct feed *demo;
	if (demo)
		return demo;
	size_t len;
	/* Any day will do: only the categories are read, and they are dateless. */
	char *json = demo_feed_generate(INT64_C(1767225600), &len);
	struct diag d = {0};
	demo = json ? feed_json_parse(json, len, &d) : NULL;
	free(json);
	diag_clear(&d);
	return demo;
}

bool vocabulary_add_to(struct feed *f)
{
	const struct feed *demo = demo_categories();
	if (!demo)
		return false;
	f->categories = arena_alloc(&f->arena, demo->n_categories * sizeof(*f->categories) + 1);
	bool ok = f->categories != NULL;
	for (size_t i = 0; ok && i < demo->n_categories; i++) {
		const struct feed_category *c = &demo->categories[i];
		struct feed_category *x = &f->categories[i];
		*x = (struct feed_category){.id = copy(&f->arena, c->id),
					    .parent = copy(&f->arena, c->parent),
					    .usage = c->usage,
					    .name = {copy(&f->arena, c->name.fi),
						     copy(&f->arena, c->name.sv),
						     copy(&f->arena, c->name.en)}};
		ok = x->id && x->name.fi;
	}
	f->n_categories = ok ? demo->n_categories : 0;
	return ok;
}

const struct feed_category *vocabulary_find(const struct feed *f, const char *text)
{
	char want[512], name[512];
	fold_lower(text, strlen(text), want, sizeof(want));
	for (size_t i = 0; i < f->n_categories; i++) {
		const struct feed_category *c = &f->categories[i];
		const char *colon = strchr(c->id, ':');
		if (!strcmp(c->id, text) || (colon && !strcmp(colon + 1, want)))
			return c; /* "aulataulu:kulttuuri" or "kulttuuri" */
		const char *names[] = {c->name.fi, c->name.sv, c->name.en};
		for (size_t k = 0; k < 3; k++) {
			if (!names[k])
				continue;
			fold_lower(names[k], strlen(names[k]), name, sizeof(name));
			if (!strcmp(name, want))
				return c;
		}
	}
	return NULL;
}

/* The words of text between separators, trimmed, one at a time. */
static const char *next_word(const char *s, const char *separators, char *word, size_t size)
{
	size_t n = strcspn(s, separators);
	const char *start = s, *end = s + n;
	while (start < end && *start == ' ')
		start++;
	while (end > start && end[-1] == ' ')
		end--;
	snprintf(word, size, "%.*s", (int)(end - start), start);
	return s + n + (s[n] ? 1 : 0);
}

/* What mapping ("word: topic, word: topic") maps word to, or word. */
static const char *mapped(const char *mapping, const char *word, char *out, size_t size)
{
	char want[512], pair[512], name[512];
	fold_lower(word, strlen(word), want, sizeof(want));
	for (const char *s = mapping; s && *s;) {
		s = next_word(s, ",;", pair, sizeof(pair));
		/* "yso:p916: liikunta": ids have colons of their own. */
		char *colon = strstr(pair, ": ");
		if (!colon)
			colon = strrchr(pair, ':');
		if (!colon)
			continue;
		*colon = '\0';
		fold_lower(pair, strlen(pair), name, sizeof(name));
		if (!strcmp(name, want)) {
			next_word(colon + 1, "", out, size);
			return out;
		}
	}
	return word;
}

static bool has_id(const struct strlist *l, const char *id)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], id))
			return true;
	return false;
}

int vocabulary_add_one(struct feed *f, struct feed_activity *a, const char *word,
		       const char *mapping)
{
	char target[256];
	const struct feed_category *c =
	    vocabulary_find(f, mapped(mapping, word, target, sizeof(target)));
	if (!c)
		return 0;
	struct strlist *l = c->usage == USAGE_AUDIENCE ? &a->audience : &a->keywords;
	if (has_id(l, c->id))
		return 1;
	const char **v =
	    arena_resize(&f->arena, l->v, l->n * sizeof(*l->v), (l->n + 1) * sizeof(*l->v));
	if (!v)
		return -1;
	v[l->n++] = c->id;
	l->v = v;
	return 1;
}

bool vocabulary_add_named(struct feed *f, struct feed_activity *a, const char *text,
			  const char *mapping, void (*unknown)(void *, const char *), void *ctx)
{
	for (const char *s = text; *s;) {
		char word[256];
		s = next_word(s, ",;/", word, sizeof(word));
		int found = *word ? vocabulary_add_one(f, a, word, mapping) : 1;
		if (found < 0)
			return false;
		if (!found)
			unknown(ctx, word);
	}
	return true;
}
