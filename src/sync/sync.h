/* SPDX-License-Identifier: EUPL-1.2 */
/* sync: fetch -> verify -> parse -> check -> store, for one source.
 *
 * Nothing but a whole, valid, newer feed changes the cache: every refusal
 * (network, size, signature, syntax, rollback, wrong feed, a future
 * generated_at) leaves cache.db as it was. Local data is never opened. */
#ifndef AULATAULU_SYNC_H
#define AULATAULU_SYNC_H

#include "util/diag.h"
#include "sync/fetch.h"
#include "util/settings.h"
#include "store/store.h"

#include <stdint.h>

enum sync_outcome { SYNC_APPLIED, SYNC_UNCHANGED, SYNC_FAILED };

/* What a feed's signature check said, for the back-off and the metrics. */
struct sync_signature {
	bool refused;	 /* missing, unreadable or not valid: the feed was refused */
	bool retry_soon; /* a good signature of other data: the publisher was replacing
			    the feed; worth trying again in seconds */
};

struct sync_result {
	enum sync_outcome outcome;
	struct diag diag;		  /* item warnings; diag.error says why a sync failed */
	int64_t sequence;		  /* of the feed now in the cache */
	size_t activities, announcements; /* applied, when SYNC_APPLIED */
	size_t written, removed;	  /* activities new or changed, and gone */
	long retry_after;		  /* seconds the server asked to wait, or 0 */
	struct sync_signature signature;  /* what its check said */
};

/* Syncs source src into store s (opened with STORE_SYNC) as at time now.
 * Fills *r (the caller frees it with sync_result_free) and returns r->outcome. */
enum sync_outcome sync_source(struct store *s, const struct settings *cfg,
			      const struct source_config *src, int64_t now, struct sync_result *r);

/* Fetches source src's document (for the demo's bundled: sources, makes
 * it as at now) and, when the source has a public_key, checks its
 * signature. etag and last_modified (may be NULL) make the GET
 * conditional. FETCH_FAILED with d->error, and *sig says whether (and
 * how) the signature refused it. *fr is the caller's to free
 * (fetch_result_free). */
enum fetch_status sync_fetch(const struct settings *cfg, const struct source_config *src,
			     const char *etag, const char *last_modified, int64_t now,
			     struct fetch_result *fr, struct sync_signature *sig, struct diag *d);

/* What reading one document may spend, whatever its format: processor
 * time, and memory in proportion to its size with a floor for small ones
 * (an honest document takes a few times its size; a 432-byte calendar
 * whose time zone changed every minute took gigabytes). A document over it
 * is refused as a whole, with the reason. */
#define SYNC_PARSE_CPU_MS 20000.0
#define SYNC_PARSE_MEMORY_FACTOR 16
#define SYNC_PARSE_MEMORY_MIN ((size_t)64 << 20)

/* Checks a document in format ("aulataulu", "csv", "ical"; NULL:
 * aulataulu) as sync would at time now for source src (its options; NULL:
 * none), without storing it: the parsed feed (caller frees) or NULL with
 * d->error. Within d->budget, or SYNC_PARSE_*'s when it has none. */
struct feed *sync_parse(const char *format, const char *buf, size_t len, int64_t now,
			const struct source_config *src, struct diag *d);

/* Whether documents in format carry a feed id and sequence of their own
 * (format 1); the others are versioned by their content. */
bool sync_format_versioned(const char *format);

/* A hash of len bytes of data, in hex: equal hashes, equal documents. */
#define SYNC_HASH_HEX 65
void sync_content_hash(const char *data, size_t len, char out[SYNC_HASH_HEX]);

/* The window a sync writes dates for at time now: from the start of
 * yesterday, cfg->window_days and a day on. */
void sync_window(const struct settings *cfg, int64_t now, int64_t *from, int64_t *until);

/* Whether a document of n items, from a source that held had of them
 * before (0 or less: none), looks emptied by mistake: most of them gone
 * while d holds warnings of items that had problems, and not allowed by
 * the source's allow_empty. Sync keeps the cache then, the publisher the
 * input's last good items. */
bool sync_looks_emptied(size_t n, long had, const struct diag *d, bool allow_empty);

/* Whether this version reads documents in format. */
bool sync_format_known(const char *format);

void sync_result_free(struct sync_result *r);

#endif
