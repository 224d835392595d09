/* SPDX-License-Identifier: EUPL-1.2 */
/* search_tokenizer: the FTS5 tokenizer "aulataulu" of the activity search,
 * for Finnish, Swedish and English text.
 *
 * It wraps SQLite's unicode61 (case folded, accents kept) and puts beside
 * every word, at the same position (FTS5_TOKEN_COLOCATED):
 * - its Finnish, Swedish and English stems (Snowball, libstemmer), so that
 *   "omaishoitajat" finds "omaishoitajille";
 * - in a document, its form without accents, marked with SEARCH_FOLDED, so
 *   that "aiti" typed without accents finds "äiti". A query word typed
 *   with accents is looked up as typed: "kör" never finds "kort".
 * Every connection that reads or writes the search table registers it. */
#ifndef AULATAULU_SEARCH_TOKENIZER_H
#define AULATAULU_SEARCH_TOKENIZER_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

/* The mark before a folded form in the index ("~aiti"). */
#define SEARCH_FOLDED "~"

/* Registers the tokenizer on db; false (with SQLite's message in db) when
 * FTS5 or libstemmer cannot be had. */
bool search_tokenizer_register(sqlite3 *db);

/* Calls word(ctx, start, len) for each word of text, split where the index
 * splits words (unicode61): a typed word is then always one word of the
 * index, never a phrase. false when FTS5 cannot be had. */
bool search_split(sqlite3 *db, const char *text, void (*word)(void *, const char *, size_t),
		  void *ctx);

/* Words longer than this (bytes) are indexed as they are, not stemmed. */
#define SEARCH_WORD_MAX 64

/* The distinct Finnish, Swedish and English stems of word (lower case)
 * that differ from it, each NUL-terminated in out; how many (0 to 3). */
int search_stems(const char *word, size_t len, char out[3][SEARCH_WORD_MAX]);

#endif
