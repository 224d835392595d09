/* SPDX-License-Identifier: EUPL-1.2 */
/* model_sql: SQL helpers shared by the model's files (model*.c) only. */
#ifndef AULATAULU_MODEL_SQL_H
#define AULATAULU_MODEL_SQL_H

#include "util/arena.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct store;

/* Text of a multilingual JSON column in language :lang, else Finnish. */
#define ML(col)                                                                                    \
	"coalesce(nullif(json_extract(" col ", '$.' || :lang), ''), json_extract(" col ", "        \
	"'$.fi'))"

/* True when the activity of source `src` and id `id` (SQL expressions) is
 * not hidden on this terminal. A row hidden before hiding was per source
 * has source '' and hides the id in every source. */
#define NOT_HIDDEN(src, id)                                                                        \
	"NOT EXISTS (SELECT 1 FROM local.hidden_activities h"                                      \
	" WHERE h.activity_id = " id " AND h.source IN (" src ", ''))"

/* Column i as a string in the arena, or NULL. */
const char *sql_dup_column(struct arena *a, sqlite3_stmt *st, int i);

/* Bind a named parameter if the statement has it (true when it has not). */
bool sql_bind_int(sqlite3_stmt *st, const char *name, int64_t v);
bool sql_bind_text(sqlite3_stmt *st, const char *name, const char *v);

/* The FTS5 query for the words the user typed, each as a prefix ("omais"
 * finds "omaishoitajat"; the tokenizer adds stems and unaccented forms),
 * or any word of its group in data/search-words.txt ("vanhukset" finds
 * "ikääntyneet"); quotes and operators typed are plain text. A word that
 * means free of charge ("maksuton") is no text to find: *free_only is set
 * instead, and when no other word was typed the query is "" (find every
 * free one). A new string (caller frees), or NULL when out of memory.
 * (model_search.c) */
char *model_search_query(struct store *s, const char *typed, bool *free_only);

/* The search's vocabulary: each word of the index (stems and unaccented
 * forms too), and its form lower case without accents. */
struct search_term {
	const char *term, *folded;
};
struct search_vocab {
	struct arena arena;
	struct search_term *v;
	size_t n;
};
bool model_search_vocab(struct store *s, struct search_vocab *out);
void search_vocab_free(struct search_vocab *v);

/* When that query found nothing: the same, each word widened with the
 * vocabulary's words one edit away from it or from one of its stems (a
 * typo, an inflection) and with compounds containing it ("jumppa":
 * "tuolijumppa"); with compounds_only, when it found something, with the
 * compounds alone ("promenad" beside "Promenadgrupp": "Strandpromenad").
 * A new string, or NULL when nothing was added; *words (caller frees) then
 * lists the words found, for ranking. */
char *model_search_widen(struct store *s, const struct search_vocab *vocab, const char *typed,
			 bool compounds_only, char **words);

/* The typed words, each with its stems, lower case without accents: for
 * ranking what the search found (which heeded the accents). Free with
 * free(); NULL when out of memory. */
struct search_words;
struct search_words *model_search_words(struct store *s, const char *typed);

/* name lower case without accents, in out (size bytes): as the ranking
 * compares it. */
void model_search_fold(const char *name, char *out, size_t size);

/* A found activity's rank, lower first: every typed word (or one of its
 * stems) that begins a word of its name (folded) puts it ahead of any
 * with one fewer; then those found by topic, life situation or organiser. */
double model_search_score(const struct search_words *x, const char *folded_name, bool by_category);

/* The rows of the activities the FTS5 query match finds (in_categories:
 * in their topics, life situations and organiser only), sorted. */
struct search_rows {
	int64_t *v;
	size_t n;
};
bool model_search_rows(struct store *s, const char *match, bool in_categories,
		       struct search_rows *out);
bool search_rows_has(const struct search_rows *r, int64_t row);
void search_rows_free(struct search_rows *r);

/* Steps st to the end, turning each row into one item of *v (an arena
 * array of items of `size` bytes, grown as needed) with fill. */
typedef void sql_row_filler(sqlite3_stmt *st, struct arena *a, void *item);
bool sql_collect(sqlite3_stmt *st, struct arena *a, void **v, size_t *n, size_t size,
		 sql_row_filler *fill);

/* The first column of the first row of sql, or -1. */
int64_t model_count(struct store *s, const char *sql);

#endif
