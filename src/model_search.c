/* model_search: what a search looks for. The words typed become an FTS5
 * query of prefixes (the tokenizer adds stems and unaccented forms); when
 * that finds nothing, the search's own vocabulary widens it with words one
 * edit away (a typo, an inflection the stemmer keeps apart) and compounds
 * that contain the word. */
#include "config.h"

#include "model.h"

#include "model_sql.h"
#include "search_tokenizer.h"
#include "store.h"

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

/* Calls word(ctx, start, len) for each run of letters and digits of typed
 * (any byte of a UTF-8 character counts as a letter). */
static void each_word(const char *typed, void (*word)(void *, const char *, size_t), void *ctx)
{
	const char *start = NULL;
	for (const char *p = typed;; p++) {
		unsigned char c = (unsigned char)*p;
		bool letter =
		    c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
		if (letter && !start)
			start = p;
		if (!letter && start) {
			word(ctx, start, (size_t)(p - start));
			start = NULL;
		}
		if (!c)
			break;
	}
}

struct plain {
	char *q;
	size_t len;
};

static void add_prefix(void *arg, const char *w, size_t n)
{
	struct plain *p = arg;
	char buf[SEARCH_WORD_MAX * 4 + 8];
	snprintf(buf, sizeof(buf), "%s\"%.*s\"*", p->len ? " " : "", (int)n, w);
	append(&p->q, &p->len, buf);
}

char *model_search_query(const char *typed)
{
	struct plain p = {.q = calloc(1, 1)};
	if (typed)
		each_word(typed, add_prefix, &p);
	/* Nothing to look for matches nothing: an impossible phrase. */
	if (p.q && !*p.q)
		append(&p.q, &p.len, "\"\x01\"");
	return p.q;
}

/* Lower case without accents, in out (size bytes). */
static void normalise(const char *w, size_t n, char *out, size_t size)
{
	char lower[SEARCH_WORD_MAX * 4];
	if (n >= sizeof(lower))
		n = sizeof(lower) - 1;
	for (size_t i = 0; i < n; i++)
		lower[i] = w[i] >= 'A' && w[i] <= 'Z' ? (char)(w[i] | 0x20) : w[i];
	lower[n] = '\0';
	search_fold(lower, n, out, size);
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

struct widen {
	sqlite3_stmt *vocab;
	char *q, *words; /* the query; the words found, for ranking */
	size_t len, words_len;
	bool widened;
};

/* One typed word: its prefix, or the vocabulary's words near it. */
static void widen_word(void *arg, const char *w, size_t n)
{
	struct widen *x = arg;
	char forms[4][SEARCH_WORD_MAX * 2];
	int n_forms = 1;
	normalise(w, n, forms[0], sizeof(forms[0]));
	char stems[3][SEARCH_WORD_MAX];
	int n_stems = search_stems(forms[0], strlen(forms[0]), stems);
	for (int i = 0; i < n_stems; i++)
		normalise(stems[i], strlen(stems[i]), forms[n_forms++], sizeof(forms[0]));
	char buf[SEARCH_WORD_MAX * 4 + 16];
	snprintf(buf, sizeof(buf), "%s(\"%.*s\"*", x->len ? " AND " : "", (int)n, w);
	append(&x->q, &x->len, buf);
	size_t wlen = strlen(forms[0]);
	int added = 0;
	sqlite3_reset(x->vocab);
	while (added < WIDEN_MAX && sqlite3_step(x->vocab) == SQLITE_ROW) {
		const char *term = (const char *)sqlite3_column_text(x->vocab, 0);
		if (!term)
			continue;
		if (!strncmp(term, SEARCH_FOLDED, strlen(SEARCH_FOLDED)))
			term += strlen(SEARCH_FOLDED);
		char t[SEARCH_WORD_MAX * 2];
		normalise(term, strlen(term), t, sizeof(t));
		bool near = false;
		for (int i = 0; i < n_forms && !near; i++)
			near = strlen(forms[i]) >= NEAR_MIN && one_edit(forms[i], t);
		bool inside = wlen >= INSIDE_MIN && strlen(t) > wlen && strstr(t + 1, forms[0]);
		if (!near && !inside)
			continue;
		snprintf(buf, sizeof(buf), " OR \"%s\"", term);
		append(&x->q, &x->len, buf);
		append(&x->words, &x->words_len, " ");
		append(&x->words, &x->words_len, term);
		added++;
		x->widened = true;
	}
	append(&x->q, &x->len, ")");
}

char *model_search_widen(struct store *s, const char *typed, char **words)
{
	*words = NULL;
	sqlite3 *db = store_db(s);
	/* The vocabulary of the search table, on this connection only. */
	if (sqlite3_exec(db,
			 "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab"
			 " USING fts5vocab(main, activity_search, row)",
			 NULL, NULL, NULL) != SQLITE_OK)
		return NULL;
	struct widen x = {.q = calloc(1, 1), .words = calloc(1, 1)};
	if (sqlite3_prepare_v2(db, "SELECT term FROM temp.search_vocab", -1, &x.vocab, NULL) !=
	    SQLITE_OK) {
		free(x.q);
		free(x.words);
		return NULL;
	}
	if (typed)
		each_word(typed, widen_word, &x);
	sqlite3_finalize(x.vocab);
	if (!x.widened || !x.q || !x.words) {
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
	normalise(w, n, x->forms[k][f++], sizeof(x->forms[k][0]));
	char stems[3][SEARCH_WORD_MAX];
	int n_stems = search_stems(x->forms[k][0], strlen(x->forms[k][0]), stems);
	for (int i = 0; i < n_stems; i++)
		normalise(stems[i], strlen(stems[i]), x->forms[k][f++], sizeof(x->forms[k][0]));
	x->n_forms[k] = f;
}

struct search_words *model_search_words(const char *typed)
{
	struct search_words *x = calloc(1, sizeof(*x));
	if (x && typed)
		each_word(typed, add_forms, x);
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

int model_search_name_hits(const struct search_words *x, const char *name)
{
	char norm[1024];
	if (!x || !name)
		return 0;
	normalise(name, strlen(name), norm, sizeof(norm));
	int hits = 0;
	for (int k = 0; k < x->n; k++) {
		bool hit = false;
		for (int f = 0; f < x->n_forms[k] && !hit; f++)
			hit = begins_a_word(norm, x->forms[k][f]);
		hits += hit;
	}
	return hits;
}
