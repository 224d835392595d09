/* SPDX-License-Identifier: EUPL-1.2 */
/* diag: the warnings one operation collects ("activities[12].name.fi:
 * missing") and its one fatal error, each a message a person can act on;
 * and what the operation may spend (util/budget.h).
 *
 * The rule every parser keeps: once d holds an error, nothing it returns
 * is used. A parser returns NULL when d->error is set, whoever set it and
 * when (a signature refused before the parse, the budget spent during it),
 * and its caller checks d->error as well as the result. */
#ifndef AULATAULU_DIAG_H
#define AULATAULU_DIAG_H

#include "util/budget.h"

#include <stdbool.h>
#include <stddef.h>

/* Warnings kept in memory; further ones are only counted. */
#define DIAG_MAX_KEPT 1000

struct diag {
	char **warnings; /* owned; n_kept of them */
	size_t n_kept, n_warnings;
	char *error;	       /* owned; NULL while all is well */
	char *note;	       /* owned; what was done that is worth saying but no
				* problem (the encoding a file was read in), or NULL */
	struct budget *budget; /* not owned; NULL: no bound */
};

void diag_warn(struct diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A warning that is kept even past DIAG_MAX_KEPT: one that sums up many
 * (a few of them per operation, or memory is not bounded). */
void diag_summary(struct diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Sets the error (the first one wins) and returns false, for `return diag_fail(...)`. */
bool diag_fail(struct diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Sets the note (the last one wins). */
void diag_note(struct diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Whether the operation is still within d->budget (always, without one).
 * Once it is not, d's error says what was spent, and false stays false:
 * a parser checks it for each item it reads and stops at the first false.
 * exact: measure now (at the end of a parse), not every BUDGET_EVERY'th call. */
bool diag_within_budget(struct diag *d, bool exact);
void diag_clear(struct diag *d);

#endif
