/* SPDX-License-Identifier: EUPL-1.2 */
/* model_typing: search as you type. The listing a search looks in is read
 * once; each key then costs the full-text match and a ranking in memory.
 * Reading the listing of every match again at each key was 80 ms when the
 * first letter matched all of 10,000 activities. */
#include "config.h"

#include "model/model.h"

#include "util/i18n.h"
#include "store/model_sql.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

static int compare_by_row(const void *pa, const void *pb, void *arg)
{
	const struct activity_list *l = arg;
	int64_t a = l->v[*(const size_t *)pa].row, b = l->v[*(const size_t *)pb].row;
	return a < b ? -1 : a > b;
}

bool model_search_begin(struct store *s, const struct list_query *q, struct search_base *out,
			char **err)
{
	*out = (struct search_base){0};
	struct list_query all = *q;
	all.search = NULL;
	if (!model_list_activities(s, &all, &out->all, err))
		return false;
	out->folded = arena_alloc(&out->all.arena, out->all.n * sizeof(*out->folded) + 1);
	for (size_t i = 0; out->folded && i < out->all.n; i++) {
		char folded[1024];
		model_search_fold(out->all.v[i].name, folded, sizeof(folded));
		if (!(out->folded[i] = arena_strndup(&out->all.arena, folded, strlen(folded))))
			out->folded = NULL;
	}
	/* The listing by row, to meet the search's rows (sorted) in one pass. */
	out->by_row = arena_alloc(&out->all.arena, out->all.n * sizeof(*out->by_row) + 1);
	for (size_t i = 0; out->by_row && i < out->all.n; i++)
		out->by_row[i] = i;
	if (out->by_row)
		qsort_r(out->by_row, out->all.n, sizeof(*out->by_row), compare_by_row, &out->all);
	if (!out->folded || !out->by_row) {
		search_base_free(out);
		*err = strdup(_("out of memory"));
		return false;
	}
	/* Read now, not at the first typo: reading it is most of a key's time. */
	out->vocab = malloc(sizeof(*out->vocab));
	if (!out->vocab || !model_search_vocab(s, out->vocab)) {
		free(out->vocab);
		out->vocab = NULL;
		search_base_free(out);
		return store_error(s, _("searching activities"), err);
	}
	return true;
}

void search_base_free(struct search_base *b)
{
	if (b->vocab)
		search_vocab_free(b->vocab);
	free(b->vocab);
	activity_list_free(&b->all);
	*b = (struct search_base){0};
}

struct pick {
	double score;
	size_t i;	/* in the listing: its order after the score */
	bool cancelled; /* after every one that takes place */
};

static int compare_picks(const void *pa, const void *pb)
{
	const struct pick *a = pa, *b = pb;
	if (a->cancelled != b->cancelled)
		return a->cancelled ? 1 : -1;
	if (a->score != b->score)
		return a->score < b->score ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/* Sets bit in marks[i] for each activity i of b among rows; how many. */
static size_t mark(const struct search_base *b, const struct search_rows *rows,
		   unsigned char *marks, unsigned char bit)
{
	size_t n = 0;
	for (size_t i = 0, r = 0; i < b->all.n && r < rows->n;) {
		int64_t row = b->all.v[b->by_row[i]].row;
		if (row < rows->v[r]) {
			i++;
		} else if (row > rows->v[r]) {
			r++;
		} else {
			marks[b->by_row[i++]] |= bit;
			n++;
		}
	}
	return n;
}

enum { FOUND = 1, BY_CATEGORY = 2 };

/* The activities marked FOUND, ranked, into out. */
static bool rank_found(struct store *s, const struct search_base *b, unsigned char *marks,
		       size_t n_found, const char *words_typed, const char *match,
		       struct activity_list *out)
{
	struct search_rows by_category = {0};
	if (*match && model_search_rows(s, match, true, &by_category))
		mark(b, &by_category, marks, BY_CATEGORY);
	search_rows_free(&by_category);
	struct search_words *words = model_search_words(s, words_typed);
	struct pick *picks = malloc((n_found + 1) * sizeof(*picks));
	size_t n = 0;
	for (size_t i = 0; picks && i < b->all.n; i++)
		if (marks[i] & FOUND)
			picks[n++] = (struct pick){
			    model_search_score(words, b->folded[i], marks[i] & BY_CATEGORY), i,
			    model_summary_cancelled(&b->all.v[i])};
	free(words);
	if (picks)
		qsort(picks, n, sizeof(*picks), compare_picks);
	out->v = picks ? arena_alloc(&out->arena, (n + 1) * sizeof(*out->v)) : NULL;
	for (size_t k = 0; out->v && k < n; k++) {
		out->v[k] = b->all.v[picks[k].i];
		out->v[k].score = picks[k].score;
	}
	out->n = out->v ? n : 0;
	free(picks);
	return out->v != NULL;
}

bool model_search_typed(struct store *s, const struct search_base *b, const char *typed,
			struct activity_list *out, char **err)
{
	*out = (struct activity_list){0};
	*err = NULL;
	if (!typed || !*typed)
		return true;	/* nothing typed finds nothing */
	bool free_only = false; /* a word typed for "free of charge" */
	char *match = model_search_query(s, typed, &free_only), *words = NULL;
	bool text = match && *match; /* "maksuton" alone: every free one */
	struct search_rows rows = {0};
	unsigned char *marks = calloc(b->all.n + 1, 1);
	bool ok = match && marks && (!text || model_search_rows(s, match, false, &rows));
	size_t n_found = 0;
	if (ok && text)
		n_found = mark(b, &rows, marks, FOUND);
	for (size_t i = 0; ok && !text && i < b->all.n; i++, n_found++)
		marks[i] |= FOUND;
	if (ok && text) {
		/* Nothing as typed: a typo, an inflection, part of a compound?
		 * Something: also the compounds that contain a typed word. */
		bool found = n_found > 0;
		char *wide = model_search_widen(s, b->vocab, typed, found, &words);
		if (wide) {
			free(match);
			match = wide;
			search_rows_free(&rows);
			ok = model_search_rows(s, match, false, &rows);
			n_found = ok ? mark(b, &rows, marks, FOUND) : 0;
		}
		if (found) { /* ranked by the words as typed: they come first */
			free(words);
			words = NULL;
		}
	}
	for (size_t i = 0; ok && free_only && i < b->all.n; i++)
		if ((marks[i] & FOUND) && !b->all.v[i].is_free) {
			marks[i] &= (unsigned char)~FOUND;
			n_found--;
		}
	if (!match || !marks ||
	    (ok && !rank_found(s, b, marks, n_found, words ? words : typed, match, out)))
		*err = strdup(_("out of memory"));
	else if (!ok)
		store_error(s, _("searching activities"), err);
	search_rows_free(&rows);
	free(marks);
	free(words);
	free(match);
	return *err == NULL;
}
