/* SPDX-License-Identifier: EUPL-1.2 */
/* lazy: libraries that only a sync needs (libcurl; libical, which brings
 * ICU) are opened on first use with dlopen, so that the kiosk and the
 * read-only commands start without them: about 24 ms of every start on a
 * 2-core machine (make bench). */
#ifndef AULATAULU_LAZY_H
#define AULATAULU_LAZY_H

#include <stdbool.h>
#include <stddef.h>

/* Opens soname (once) and resolves each names[i] into *slots[i] (function
 * pointers, as `void **`). False with why (for a person) when the library or
 * a function is missing; the slots are then unusable. */
bool lazy_resolve(const char *soname, const char *const *names, void **const *slots, size_t n,
		  char *why, size_t why_len);

/* What opening a library came to, kept for the next use: the first
 * lazy_load resolves, every later one repeats its outcome (and why). */
struct lazy_lib {
	bool tried, loaded;
	char why[256];
};
bool lazy_load(struct lazy_lib *lib, const char *soname, const char *const *names,
	       void **const *slots, size_t n);
#define LAZY_COUNT(names) (sizeof(names) / sizeof(*(names)))

/* A library's functions are listed once, as LIST(F) calling
 * F(member, "symbol", return type, (parameters)) for each: LIST(LAZY_MEMBER)
 * declares the function pointers of its table, LIST(LAZY_NAME) the symbols
 * to resolve, and a file's own SLOT macro the slots (&table.member). */
#define LAZY_MEMBER(member, symbol, ret, params) ret(*member) params;
#define LAZY_NAME(member, symbol, ret, params) symbol,

#endif
