/* SPDX-License-Identifier: EUPL-1.2 */
/* model_search: what a search looks for. The words typed become an FTS5
 * query of prefixes (the tokenizer adds stems and unaccented forms); when
 * that finds nothing, the search's own vocabulary widens it with words one
 * edit away (a typo, an inflection the stemmer keeps apart) and compounds
 * that contain the word. */
#include "config.h"

#include "model/model.h"

#include "store/model_sql.h"
#include "model/synonyms.h"
#include "store/search_tokenizer.h"
#include "util/fold.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Words shorter than these are not widened: too many near neighbours. */
#define NEAR_MIN 5
#define INSIDE_MIN 4
/* Words added to one typed word at the most. */
#define WIDEN_MAX 16

/* Appends text to the growing string *q (NULL on failure). */
static void append(char **q, size_t *len, const char *text)
{
	if (!*q)
		return;
	size_t n = strlen(text);
	char *grown = realloc(*q, *len + n + 1);
	if (!grown) {
		free(*q);
		*q = NULL;
		return;
	}
	memcpy(grown + *len, text, n + 1);
	*q = grown;
	*len += n;
}

/* Calls word(ctx, start, len) for each word of typed, as the index splits
 * words; false when it cannot be split (no FTS5). */
static bool each_word(struct store *s, const char *typed,
		      void (*word)(void *, const char *, size_t), void *ctx)
{
	return !typed || search_split(store_db(s), typed, word, ctx);
}

struct plain {
	char *q;
	size_t len;
	bool free_only;
};

static void add_prefix(void *arg, const char *w, size_t n)
{
	struct plain *p = arg;
	const struct synonym_group *g = synonyms_find(w, n);
	if (g && g->free) {
		p->free_only = true;
		return;
	}
	char buf[SEARCH_WORD_MAX * 4 + 8];
	if (n > SEARCH_WORD_MAX * 4)
		n = SEARCH_WORD_MAX * 4; /* the closing quote stays */
	/* FTS5 takes no implicit AND beside a parenthesis: said aloud. */
	snprintf(buf, sizeof(buf), "%s%s\"%.*s\"*", p->len ? " AND " : "", g ? "(" : "", (int)n, w);
	append(&p->q, &p->len, buf);
	for (size_t i = 0; g && i < g->n; i++) {
		snprintf(buf, sizeof(buf), " OR \"%s\"*", g->words[i]);
		append(&p->q, &p->len, buf);
	}
	if (g)
		append(&p->q, &p->len, ")");
}

char *model_search_query(struct store *s, const char *typed, bool *free_only)
{
	struct plain p = {.q = calloc(1, 1)};
	if (p.q && !each_word(s, typed, add_prefix, &p)) {
		free(p.q);
		return NULL;
	}
	*free_only = p.free_only;
	/* Nothing to look for matches nothing (an impossible phrase), but
	 * "maksuton" alone: every free one. */
	if (p.q && !*p.q && !p.free_only)
		append(&p.q, &p.len, "\"\x01\"");
	return p.q;
}

/* Whether a and b are at most one insertion, deletion or change apart. */
static bool one_edit(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > lb + 1 || lb > la + 1)
		return false;
	while (*a && *a == *b)
		a++, b++;
	if (!*a || !*b)
		return true; /* equal, or one more at the end */
	if (la == lb)
		return strcmp(a + 1, b + 1) == 0;
	return la > lb ? strcmp(a + 1, b) == 0 : strcmp(a, b + 1) == 0;
}

bool model_search_vocab(struct store *s, struct search_vocab *out)
{
	*out = (struct search_vocab){0};
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st = NULL;
	/* The vocabulary of the search table, on this connection only. */
	if (sqlite3_exec(db,
			 "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab"
			 " USING fts5vocab(main, activity_search, row)",
			 NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT term FROM temp.search_vocab", -1, &st, NULL) !=
		SQLITE_OK)
		return false;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *term = (const char *)sqlite3_column_text(st, 0);
		if (!term || strlen(term) >= SEARCH_WORD_MAX * 2)
			continue; /* no typed word is near it, nor inside one */
		if (out->n == cap) {
			size_t grown = cap ? cap * 2 : 1024;
			struct search_term *v =
			    arena_resize(&out->arena, out->v, cap * sizeof(*v), grown * sizeof(*v));
			if (!v) {
				rc = SQLITE_NOMEM;
				break;
			}
			out->v = v, cap = grown;
		}
		const char *bare = term;
		if (!strncmp(bare, SEARCH_FOLDED, strlen(SEARCH_FOLDED)))
			bare += strlen(SEARCH_FOLDED);
		char t[SEARCH_WORD_MAX * 2];
		fold_lower(bare, strlen(bare), t, sizeof(t));
		struct search_term *x = &out->v[out->n];
		x->term = arena_strndup(&out->arena, term, strlen(term));
		x->folded = arena_strndup(&out->arena, t, strlen(t));
		if (!x->term || !x->folded) {
			rc = SQLITE_NOMEM;
			break;
		}
		out->n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		search_vocab_free(out);
		return false;
	}
	return true;
}

void search_vocab_free(struct search_vocab *v)
{
	arena_free(&v->arena);
	*v = (struct search_vocab){0};
}

struct widen {
	const struct search_vocab *vocab;
	char *q, *words; /* the query; the words found, for ranking */
	size_t len, words_len;
	bool widened;
	bool compounds_only; /* no words one edit away */
};

/* One typed word: its prefix, or the vocabulary's words near it; a word
 * for free of charge is the filter, not text. */
static void widen_word(void *arg, const char *w, size_t n)
{
	struct widen *x = arg;
	const struct synonym_group *g = synonyms_find(w, n);
	if (g && g->free)
		return;
	char forms[4][SEARCH_WORD_MAX * 2];
	int n_forms = 1;
	fold_lower(w, n, forms[0], sizeof(forms[0]));
	char stems[3][SEARCH_WORD_MAX];
	int n_stems = search_stems(forms[0], strlen(forms[0]), stems);
	for (int i = 0; i < n_stems; i++)
		fold_lower(stems[i], strlen(stems[i]), forms[n_forms++], sizeof(forms[0]));
	char buf[SEARCH_WORD_MAX * 4 + 16];
	if (n > SEARCH_WORD_MAX * 4)
		n = SEARCH_WORD_MAX * 4; /* the closing quote stays */
	snprintf(buf, sizeof(buf), "%s(\"%.*s\"*", x->len ? " AND " : "", (int)n, w);
	append(&x->q, &x->len, buf);
	for (size_t i = 0; g && i < g->n; i++) { /* the word's group, as model_search_query */
		snprintf(buf, sizeof(buf), " OR \"%s\"*", g->words[i]);
		append(&x->q, &x->len, buf);
	}
	size_t wlen = strlen(forms[0]);
	int added = 0;
	for (size_t k = 0; k < x->vocab->n && added < WIDEN_MAX; k++) {
		const char *t = x->vocab->v[k].folded;
		bool near = false;
		for (int i = 0; i < n_forms && !near && !x->compounds_only; i++)
			near = strlen(forms[i]) >= NEAR_MIN && one_edit(forms[i], t);
		bool inside = wlen >= INSIDE_MIN && strlen(t) > wlen && strstr(t + 1, forms[0]);
		if (!near && !inside)
			continue;
		snprintf(buf, sizeof(buf), " OR \"%s\"", x->vocab->v[k].term);
		append(&x->q, &x->len, buf);
		append(&x->words, &x->words_len, " ");
		append(&x->words, &x->words_len, x->vocab->v[k].term);
		added++;
		x->widened = true;
	}
	append(&x->q, &x->len, ")");
}

char *model_search_widen(struct store *s, const struct search_vocab *vocab, const char *typed,
			 bool compounds_only, char **words)
{
	*words = NULL;
	struct widen x = {.vocab = vocab,
			  .q = calloc(1, 1),
			  .words = calloc(1, 1),
			  .compounds_only = compounds_only};
	bool split = each_word(s, typed, widen_word, &x);
	if (!split || !x.widened || !x.q || !x.words) {
		free(x.q);
		free(x.words);
		return NULL;
	}
	*words = x.words;
	return x.q;
}

/* The typed words' forms, lower case without accents: each word and its
 * stems ("omaishoitajat", "omaishoitaj"). */
#define TYPED_MAX 8
struct search_words {
	char forms[TYPED_MAX][4][SEARCH_WORD_MAX * 2];
	int n_forms[TYPED_MAX], n;
};

static void add_forms(void *arg, const char *w, size_t n)
{
	struct search_words *x = arg;
	if (x->n == TYPED_MAX)
		return;
	int k = x->n++, f = 0;
	fold_lower(w, n, x->forms[k][f++], sizeof(x->forms[k][0]));
	char stems[3][SEARCH_WORD_MAX];
	int n_stems = search_stems(x->forms[k][0], strlen(x->forms[k][0]), stems);
	for (int i = 0; i < n_stems; i++)
		fold_lower(stems[i], strlen(stems[i]), x->forms[k][f++], sizeof(x->forms[k][0]));
	x->n_forms[k] = f;
}

struct search_words *model_search_words(struct store *s, const char *typed)
{
	struct search_words *x = calloc(1, sizeof(*x));
	if (x && !each_word(s, typed, add_forms, x)) {
		free(x);
		return NULL;
	}
	return x;
}

/* Whether word begins a word of name (both normalised). */
static bool begins_a_word(const char *name, const char *word)
{
	size_t len = strlen(word);
	for (const char *p = name; len && (p = strstr(p, word)); p++)
		if (p == name || p[-1] == ' ' || p[-1] == '-' || p[-1] == ':' || p[-1] == '(')
			return true;
	return false;
}

void model_search_fold(const char *name, char *out, size_t size)
{
	fold_lower(name ? name : "", name ? strlen(name) : 0, out, size);
}

double model_search_score(const struct search_words *x, const char *folded_name, bool by_category)
{
	int hits = 0;
	for (int k = 0; x && k < x->n; k++) {
		bool hit = false;
		for (int f = 0; f < x->n_forms[k] && !hit; f++)
			hit = begins_a_word(folded_name, x->forms[k][f]);
		hits += hit;
	}
	return -1000.0 * hits - (by_category ? 1 : 0);
}

static int compare_rows(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

bool model_search_rows(struct store *s, const char *match, bool in_categories,
		       struct search_rows *out)
{
	*out = (struct search_rows){0};
	char *query = NULL;
	sqlite3_stmt *st = NULL;
	bool ok =
	    (in_categories ? asprintf(&query, "{categories organizer} : (%s)", match)
			   : asprintf(&query, "%s", match)) >= 0 &&
	    sqlite3_prepare_v2(store_db(s),
			       "SELECT rowid FROM activity_search WHERE activity_search MATCH ?1",
			       -1, &st, NULL) == SQLITE_OK;
	size_t cap = 0;
	int rc = SQLITE_ERROR;
	if (ok) {
		sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			if (out->n == cap) {
				int64_t *grown =
				    realloc(out->v, (cap = cap ? cap * 2 : 256) * sizeof(*out->v));
				if (!grown) {
					rc = SQLITE_NOMEM;
					break;
				}
				out->v = grown;
			}
			out->v[out->n++] = sqlite3_column_int64(st, 0);
		}
	}
	sqlite3_finalize(st);
	free(query);
	if (rc != SQLITE_DONE) {
		search_rows_free(out);
		return false;
	}
	/* FTS5 gives rowids in order; sorted when not. */
	for (size_t i = 1; i < out->n; i++)
		if (out->v[i - 1] > out->v[i]) {
			qsort(out->v, out->n, sizeof(*out->v), compare_rows);
			break;
		}
	return true;
}

bool search_rows_has(const struct search_rows *r, int64_t row)
{
	return r->n && bsearch(&row, r->v, r->n, sizeof(*r->v), compare_rows);
}

void search_rows_free(struct search_rows *r)
{
	free(r->v);
	*r = (struct search_rows){0};
}
