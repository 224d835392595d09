/* SPDX-License-Identifier: EUPL-1.2 */
/* search_tokenizer: the FTS5 tokenizer "aulataulu". */
#include "config.h"

#include "store/search_tokenizer.h"

#include "util/fold.h"

#include "util/text.h"

#include <libstemmer.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WORD_MAX SEARCH_WORD_MAX
#define N_STEMMERS 3
/* Stems remembered per tokenizer: words repeat across activities, and a
 * 10,000-activity import stems each common word once, not thousands of
 * times. */
#define CACHE_SLOTS 8192

static const char *const languages[N_STEMMERS] = {"finnish", "swedish", "english"};

struct cached {
	char word[WORD_MAX];
	char stems[N_STEMMERS][WORD_MAX]; /* "" where equal to the word */
};

struct tokenizer {
	fts5_tokenizer parent;
	Fts5Tokenizer *parent_instance;
	struct sb_stemmer *stemmers[N_STEMMERS];
	struct cached *cache; /* CACHE_SLOTS */
};

/* What one xTokenize call passes to the parent's callback. */
struct call {
	struct tokenizer *t;
	void *ctx;
	int (*token)(void *, int, const char *, int, int, int);
	bool query, prefix; /* a query; a prefix query's word ("word"*) */
};

static bool has_marks(const char *word, int len)
{
	char folded[WORD_MAX * 2];
	return fold_word(word, (size_t)len, folded, sizeof(folded));
}

static uint32_t hash(const char *s, int len)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (int i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* The stems of word (len < WORD_MAX), from the cache or the stemmers. */
static const struct cached *stems_of(struct tokenizer *t, const char *word, int len)
{
	struct cached *c = &t->cache[hash(word, len) % CACHE_SLOTS];
	if ((int)strlen(c->word) == len && memcmp(c->word, word, (size_t)len) == 0)
		return c;
	memcpy(c->word, word, (size_t)len);
	c->word[len] = '\0';
	for (int k = 0; k < N_STEMMERS; k++) {
		const sb_symbol *s = sb_stemmer_stem(t->stemmers[k], (const sb_symbol *)word, len);
		int n = s ? sb_stemmer_length(t->stemmers[k]) : 0;
		if (!s || n <= 0 || n >= WORD_MAX || (n == len && !memcmp(s, word, (size_t)len)))
			c->stems[k][0] = '\0';
		else
			memcpy(c->stems[k], s, (size_t)n), c->stems[k][n] = '\0';
	}
	return c;
}

/* A prefix query's forms: the word and its stems, less any that another
 * form is a prefix of ("kahvil*" finds all that "kahvila*" does). */
static int prefix_forms(const char *word, int len, const struct cached *stems,
			const char *out[N_STEMMERS + 1])
{
	const char *all[N_STEMMERS + 1];
	int lens[N_STEMMERS + 1], n_all = 0, n = 0;
	all[n_all] = word, lens[n_all++] = len;
	for (int k = 0; k < N_STEMMERS; k++)
		if (*stems->stems[k])
			all[n_all] = stems->stems[k], lens[n_all++] = (int)strlen(stems->stems[k]);
	for (int i = 0; i < n_all; i++) {
		bool covered = false;
		for (int j = 0; j < n_all && !covered; j++)
			covered = j != i && lens[j] <= lens[i] &&
				  !memcmp(all[j], all[i], (size_t)lens[j]) &&
				  (lens[j] < lens[i] || j < i);
		if (!covered)
			out[n++] = all[i];
	}
	return n;
}

static int on_token(void *arg, int flags, const char *word, int len, int start, int end)
{
	struct call *c = arg;
	if (len >= WORD_MAX)
		return c->token(c->ctx, flags, word, len, start, end);
	const struct cached *stems = stems_of(c->t, word, len);
	char folded[WORD_MAX * 2 + 2];
	strcpy(folded, SEARCH_FOLDED);
	bool changed = fold_word(word, (size_t)len, folded + 1, sizeof(folded) - 1);
	int rc;
	if (c->prefix) {
		/* A query word typed without accents also looks for the
		 * unaccented forms of documents; with accents, only as typed. */
		const char *forms[N_STEMMERS + 1];
		/* stems->word: the word NUL-terminated (the parent's is not). */
		int n = prefix_forms(stems->word, len, stems, forms);
		bool plain = !has_marks(word, len);
		rc = SQLITE_OK;
		for (int i = 0; rc == SQLITE_OK && i < n; i++) {
			rc = c->token(c->ctx, i ? FTS5_TOKEN_COLOCATED : flags, forms[i],
				      (int)strlen(forms[i]), start, end);
			char mark[WORD_MAX + 2];
			snprintf(mark, sizeof(mark), "%s%s", SEARCH_FOLDED, forms[i]);
			if (rc == SQLITE_OK && plain)
				rc = c->token(c->ctx, FTS5_TOKEN_COLOCATED, mark, (int)strlen(mark),
					      start, end);
		}
		return rc;
	}
	rc = c->token(c->ctx, flags, word, len, start, end);
	/* A document keeps its unaccented form; a whole query word typed
	 * without accents looks for it (typed with accents, only as typed). */
	if (rc == SQLITE_OK && (c->query ? !has_marks(word, len) : changed))
		rc =
		    c->token(c->ctx, FTS5_TOKEN_COLOCATED, folded, (int)strlen(folded), start, end);
	for (int k = 0; rc == SQLITE_OK && k < N_STEMMERS; k++) {
		const char *s = stems->stems[k];
		bool seen = !*s;
		for (int j = 0; j < k && !seen; j++)
			seen = strcmp(s, stems->stems[j]) == 0;
		if (!seen)
			rc = c->token(c->ctx, FTS5_TOKEN_COLOCATED, s, (int)strlen(s), start, end);
	}
	return rc;
}

int search_stems(const char *word, size_t len, char out[3][SEARCH_WORD_MAX])
{
	int n = 0;
	for (int k = 0; k < N_STEMMERS && len < WORD_MAX; k++) {
		struct sb_stemmer *stemmer = sb_stemmer_new(languages[k], "UTF_8");
		const sb_symbol *s =
		    stemmer ? sb_stemmer_stem(stemmer, (const sb_symbol *)word, (int)len) : NULL;
		int m = s ? sb_stemmer_length(stemmer) : 0;
		bool fresh = m > 0 && m < WORD_MAX && !((size_t)m == len && !memcmp(s, word, len));
		for (int j = 0; fresh && j < n; j++)
			fresh = strlen(out[j]) != (size_t)m || memcmp(out[j], s, (size_t)m);
		if (fresh) {
			memcpy(out[n], s, (size_t)m);
			out[n++][m] = '\0';
		}
		if (stemmer)
			sb_stemmer_delete(stemmer);
	}
	return n;
}

static void destroy(Fts5Tokenizer *instance)
{
	struct tokenizer *t = (struct tokenizer *)instance;
	if (!t)
		return;
	if (t->parent_instance)
		t->parent.xDelete(t->parent_instance);
	for (int k = 0; k < N_STEMMERS; k++)
		if (t->stemmers[k])
			sb_stemmer_delete(t->stemmers[k]);
	free(t->cache);
	free(t);
}

static int create(void *api_ptr, const char **args, int n_args, Fts5Tokenizer **out)
{
	(void)args;
	(void)n_args;
	fts5_api *api = api_ptr;
	struct tokenizer *t = calloc(1, sizeof(*t));
	*out = NULL;
	if (!t)
		return SQLITE_NOMEM;
	void *parent_ctx = NULL;
	/* Case folded, accents kept: the folded form is ours to add. */
	static const char *parent_args[] = {"remove_diacritics", "0"};
	int rc = api->xFindTokenizer(api, "unicode61", &parent_ctx, &t->parent);
	if (rc == SQLITE_OK)
		rc = t->parent.xCreate(parent_ctx, parent_args, 2, &t->parent_instance);
	t->cache = rc == SQLITE_OK ? calloc(CACHE_SLOTS, sizeof(*t->cache)) : NULL;
	for (int k = 0; rc == SQLITE_OK && k < N_STEMMERS; k++)
		if (!(t->stemmers[k] = sb_stemmer_new(languages[k], "UTF_8")))
			rc = SQLITE_ERROR;
	if (rc == SQLITE_OK && !t->cache)
		rc = SQLITE_NOMEM;
	if (rc != SQLITE_OK) {
		destroy((Fts5Tokenizer *)t);
		return rc;
	}
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static int tokenize(Fts5Tokenizer *instance, void *ctx, int flags, const char *text, int len,
		    int (*token)(void *, int, const char *, int, int, int))
{
	struct tokenizer *t = (struct tokenizer *)instance;
	struct call c = {.t = t,
			 .ctx = ctx,
			 .token = token,
			 .query = (flags & FTS5_TOKENIZE_QUERY) != 0,
			 .prefix = (flags & FTS5_TOKENIZE_PREFIX) != 0};
	return t->parent.xTokenize(t->parent_instance, &c, flags, text, len, on_token);
}

static fts5_api *fts5_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

bool search_tokenizer_register(sqlite3 *db)
{
	fts5_api *api = fts5_of(db);
	fts5_tokenizer tok = {create, destroy, tokenize};
	return api && api->xCreateTokenizer(api, "aulataulu", api, &tok, NULL) == SQLITE_OK;
}

struct split {
	const char *text;
	void (*word)(void *, const char *, size_t);
	void *ctx;
};

static int on_split(void *arg, int flags, const char *token, int len, int start, int end)
{
	(void)flags, (void)token, (void)len;
	struct split *x = arg;
	x->word(x->ctx, x->text + start, (size_t)(end - start));
	return SQLITE_OK;
}

bool search_split(sqlite3 *db, const char *text, void (*word)(void *, const char *, size_t),
		  void *ctx)
{
	fts5_api *api = fts5_of(db);
	fts5_tokenizer unicode61;
	void *parent_ctx = NULL;
	Fts5Tokenizer *instance = NULL;
	if (!api || api->xFindTokenizer(api, "unicode61", &parent_ctx, &unicode61) != SQLITE_OK ||
	    unicode61.xCreate(parent_ctx, NULL, 0, &instance) != SQLITE_OK)
		return false;
	struct split x = {text, word, ctx};
	int rc = unicode61.xTokenize(instance, &x, FTS5_TOKENIZE_DOCUMENT, text, (int)strlen(text),
				     on_split);
	unicode61.xDelete(instance);
	return rc == SQLITE_OK;
}
