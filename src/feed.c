/* feed: the model shared by every feed parser and the store. */
#include "config.h"

#include "feed.h"

#include <stdlib.h>
#include <string.h>

const char *ml_get(const struct ml *m, const char *lang)
{
	const char *s = NULL;
	if (lang && strcmp(lang, "sv") == 0)
		s = m->sv;
	else if (lang && strcmp(lang, "en") == 0)
		s = m->en;
	return s && *s ? s : m->fi;
}

void feed_free(struct feed *f)
{
	if (!f)
		return;
	struct arena a = f->arena; /* f itself lives in its arena */
	arena_free(&a);
}
