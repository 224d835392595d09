/* vocabulary: the demo feed's categories, for sources that bring none. */
#include "config.h"

#include "vocabulary.h"

#include "demo.h"
#include "feed_json.h"
#include "search_tokenizer.h"

#include <stdint.h>
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
	search_fold_lower(text, strlen(text), want, sizeof(want));
	for (size_t i = 0; i < f->n_categories; i++) {
		const struct feed_category *c = &f->categories[i];
		const char *colon = strchr(c->id, ':');
		if (!strcmp(c->id, text) || (colon && !strcmp(colon + 1, want)))
			return c; /* "aulataulu:kulttuuri" or "kulttuuri" */
		const char *names[] = {c->name.fi, c->name.sv, c->name.en};
		for (size_t k = 0; k < 3; k++) {
			if (!names[k])
				continue;
			search_fold_lower(names[k], strlen(names[k]), name, sizeof(name));
			if (!strcmp(name, want))
				return c;
		}
	}
	return NULL;
}
