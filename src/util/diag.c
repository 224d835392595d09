/* SPDX-License-Identifier: EUPL-1.2 */
/* diag: warnings and the one fatal error of an operation. */
#include "config.h"

#include "util/diag.h"

#include "util/i18n.h"
#include "util/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The message, cleaned: it may quote a feed's or a server's bytes (a JSON
 * error's context, a redirect's host), and it is printed on terminals and
 * stored in status.json. */
static char *vformat(const char *fmt, va_list ap)
{
	char *s = NULL;
	if (vasprintf(&s, fmt, ap) < 0)
		return NULL;
	char *clean = text_clean(s, strlen(s), TEXT_LINE);
	free(s);
	return clean;
}

static void keep(struct diag *d, bool always, const char *fmt, va_list ap)
{
	d->n_warnings++;
	if (d->n_kept >= DIAG_MAX_KEPT && !always)
		return;
	char **grown = realloc(d->warnings, (d->n_kept + 1) * sizeof(*grown));
	if (!grown)
		return;
	d->warnings = grown;
	char *msg = vformat(fmt, ap);
	if (msg)
		d->warnings[d->n_kept++] = msg;
}

void diag_warn(struct diag *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	keep(d, false, fmt, ap);
	va_end(ap);
}

void diag_summary(struct diag *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	keep(d, true, fmt, ap);
	va_end(ap);
}

bool diag_fail(struct diag *d, const char *fmt, ...)
{
	if (d->error)
		return false;
	va_list ap;
	va_start(ap, fmt);
	d->error = vformat(fmt, ap);
	va_end(ap);
	return false;
}

void diag_note(struct diag *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	free(d->note);
	d->note = vformat(fmt, ap);
	va_end(ap);
}

bool diag_within_budget(struct diag *d, bool exact)
{
	struct budget *b = d->budget;
	if (!b || budget_left(b, exact))
		return true;
	if (b->state == BUDGET_CPU_SPENT)
		return diag_fail(d,
				 _("reading it took more than %.0f seconds of processor time, more "
				   "than a document may take here: is it this large on purpose?"),
				 b->cpu_max_ms / 1000);
	return diag_fail(d,
			 _("reading it needed more than %zu MiB of memory, more than a "
			   "document of its size may take here: is it this large on purpose?"),
			 (b->memory_max + (1 << 19)) >> 20);
}

void diag_clear(struct diag *d)
{
	free(d->note);
	for (size_t i = 0; i < d->n_kept; i++)
		free(d->warnings[i]);
	free(d->warnings);
	free(d->error);
	*d = (struct diag){0};
}
