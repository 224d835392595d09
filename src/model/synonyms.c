/* SPDX-License-Identifier: EUPL-1.2 */
/* synonyms: data/search-words.txt, read once per process. */
#include "config.h"

#include "model/synonyms.h"

#include "util/fold.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

extern const char synonyms_text[]; /* synonyms_text.S */

/* Typed words shorter than this match only a whole word of a group. */
#define PREFIX_MIN 4

static struct synonym_group *groups;
static size_t n_groups;

/* A word of at most 63 bytes, folded, as a new string (NULL: none). */
static const char *folded(const char *w, size_t len)
{
	char out[64];
	fold_lower(w, len, out, sizeof(out));
	return *out ? strdup(out) : NULL;
}

/* Adds one line's group; false when out of memory. */
static bool add_group(const char *line, size_t len)
{
	bool free_group = len >= 5 && !strncmp(line, "free:", 5);
	if (free_group)
		line += 5, len -= 5;
	struct synonym_group g = {.free = free_group};
	for (size_t i = 0; i < len;) {
		while (i < len && line[i] == ' ')
			i++;
		size_t start = i;
		while (i < len && line[i] != ' ')
			i++;
		if (i == start)
			continue;
		const char **grown = realloc(g.words, (g.n + 1) * sizeof(*g.words));
		const char *w = grown ? folded(line + start, i - start) : NULL;
		if (!grown || !w) {
			free(grown ? grown : g.words);
			return false;
		}
		g.words = grown;
		g.words[g.n++] = w;
	}
	struct synonym_group *more = realloc(groups, (n_groups + 1) * sizeof(*groups));
	if (!more)
		return false;
	groups = more;
	groups[n_groups++] = g;
	return true;
}

static void load(void)
{
	for (const char *line = synonyms_text; *line;) {
		size_t len = strcspn(line, "\n");
		if (len && *line != '#' && !add_group(line, len))
			return; /* out of memory: the groups read so far */
		line += len + (line[len] == '\n');
	}
}

const struct synonym_group *synonyms_find(const char *word, size_t len)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, load);
	char typed[64];
	fold_lower(word, len, typed, sizeof(typed));
	size_t n = strlen(typed);
	if (!n)
		return NULL;
	for (size_t g = 0; g < n_groups; g++)
		for (size_t i = 0; i < groups[g].n; i++)
			if (!strcmp(groups[g].words[i], typed) ||
			    (n >= PREFIX_MIN && !strncmp(groups[g].words[i], typed, n)))
				return &groups[g];
	return NULL;
}
