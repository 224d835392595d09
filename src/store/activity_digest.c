/* SPDX-License-Identifier: EUPL-1.2 */
/* activity_digest: an activity's rows and dates summed up in 2 x 16 bytes. */
#include "config.h"

#include "store/activity_digest.h"

#include "store/feed_index.h"
#include "util/textbuf.h"

#include <sodium.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Raise when the rows an activity is written as change without a cache
 * migration: every stored digest then differs and is written afresh. */
#define ROWS_VERSION "aulataulu activity rows 3"

/* The fields of one thing, one after another, each told from the next: a
 * string by its length (NULL apart from ""), a number by its 8 bytes. */
static void put_int(struct textbuf *b, int64_t v)
{
	textbuf_add(b, &v, sizeof(v));
}

static void put_str(struct textbuf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	put_int(b, s ? (int64_t)n : -1);
	if (s)
		textbuf_add(b, s, n);
}

static void put_ml(struct textbuf *b, const struct ml *m)
{
	put_str(b, m->fi);
	put_str(b, m->sv);
	put_str(b, m->en);
}

static void put_list(struct textbuf *b, const struct strlist *l)
{
	put_int(b, (int64_t)l->n);
	for (size_t i = 0; i < l->n; i++)
		put_str(b, l->v[i]);
}

/* The digest of what was put. SipHash-2-4 with 128 bits: twice as fast
 * as BLAKE2b here, and a digest only has to tell versions of an activity
 * apart (who could make two collide could as well publish either). */
_Static_assert(ACTIVITY_DIGEST_PART == crypto_shorthash_siphashx24_BYTES, "digest size");

static void digest_of(unsigned char out[ACTIVITY_DIGEST_PART], const struct textbuf *b)
{
	static const unsigned char key[crypto_shorthash_siphashx24_KEYBYTES] = "aulataulu rows";
	crypto_shorthash_siphashx24(out, (unsigned char *)b->s, b->len, key);
}

/* The digests of the rows of n things, each put by put_row(b, things, i),
 * in their order. */
static unsigned char *digest_rows(size_t n, const void *things,
				  void (*put_row)(struct textbuf *, const void *, size_t),
				  struct textbuf *b)
{
	unsigned char *out = malloc((n ? n : 1) * ACTIVITY_DIGEST_PART);
	for (size_t i = 0; out && i < n && !b->failed; i++) {
		b->len = 0;
		put_row(b, things, i);
		if (!b->failed)
			digest_of(out + i * ACTIVITY_DIGEST_PART, b);
	}
	if (out && b->failed) {
		free(out);
		out = NULL;
	}
	return out;
}

static void put_org(struct textbuf *b, const void *things, size_t i)
{
	const struct feed_org *o = (const struct feed_org *)things + i;
	put_str(b, o->id);
	put_str(b, o->kind);
	put_ml(b, &o->name);
	put_ml(b, &o->description);
	put_str(b, o->url);
	put_str(b, o->phone);
	put_str(b, o->email);
}

static void put_place(struct textbuf *b, const void *things, size_t i)
{
	const struct feed_place *p = (const struct feed_place *)things + i;
	put_str(b, p->id);
	put_ml(b, &p->name);
	put_ml(b, &p->street_address);
	put_ml(b, &p->address_locality);
	put_str(b, p->postal_code);
	put_str(b, p->municipality_code);
	put_int(b, p->accessibility);
	put_ml(b, &p->extra_info);
}

static void put_category(struct textbuf *b, const void *things, size_t i)
{
	const struct feed_category *c = (const struct feed_category *)things + i;
	put_str(b, c->id);
	put_str(b, c->parent);
	put_int(b, c->usage);
	put_ml(b, &c->name);
}

/* The row at pos (-1: none) of digests, or a mark that there is none. */
static void put_dependency(struct textbuf *b, const unsigned char *digests, long pos)
{
	put_int(b, pos >= 0);
	if (pos >= 0)
		textbuf_add(b, digests + (size_t)pos * ACTIVITY_DIGEST_PART, ACTIVITY_DIGEST_PART);
}

static void put_occurrences(struct textbuf *b, const struct feed_activity *a)
{
	put_int(b, (int64_t)a->n_occurrences);
	for (size_t i = 0; i < a->n_occurrences; i++) {
		put_int(b, a->occurrences[i].start);
		put_int(b, a->occurrences[i].end);
		put_str(b, a->occurrences[i].status);
		put_ml(b, &a->occurrences[i].note);
	}
}

/* The schedule and what its expansion depends on: the window and the zone. */
static void put_schedule(struct textbuf *b, const struct feed *f, const struct feed_activity *a,
			 int64_t from, int64_t until)
{
	const struct feed_schedule *s = &a->schedule;
	put_str(b, s->rrule);
	if (!s->rrule)
		return;
	put_str(b, s->dtstart);
	put_str(b, s->duration);
	put_list(b, &s->exdates);
	put_int(b, (int64_t)s->n_shifts);
	for (size_t i = 0; i < s->n_shifts; i++) {
		put_int(b, s->shifts[i].from);
		put_int(b, s->shifts[i].by);
		put_int(b, s->shifts[i].duration);
	}
	put_str(b, s->tzid);
	put_str(b, f->header.timezone);
	put_int(b, from);
	put_int(b, until);
}

static void put_activity(struct textbuf *b, const struct feed_activity *a)
{
	put_str(b, ROWS_VERSION);
	put_str(b, a->id);
	put_str(b, a->type);
	put_ml(b, &a->name);
	put_ml(b, &a->short_description);
	put_ml(b, &a->description);
	put_ml(b, &a->schedule_text);
	put_str(b, a->organizer_id);
	put_str(b, a->place_id);
	put_str(b, a->attendance_mode);
	put_str(b, a->online_url);
	put_str(b, a->phone);
	put_str(b, a->info_url);
	put_str(b, a->event_status);
	put_list(b, &a->in_language);
	put_int(b, a->has_offers);
	put_int(b, a->is_free);
	put_ml(b, &a->price);
	put_str(b, a->offers_info_url);
	put_int(b, a->has_registration);
	put_int(b, a->registration_required);
	put_str(b, a->registration_url);
	put_str(b, a->registration_phone);
	put_str(b, a->registration_email);
	put_ml(b, &a->registration_info);
	put_int(b, a->membership_required);
	put_int(b, a->valid_from);
	put_int(b, a->valid_until);
	put_int(b, a->updated_at);
	put_list(b, &a->keywords);
	put_list(b, &a->audience);
}

unsigned char *activity_digests(const struct feed *f, int64_t from, int64_t until)
{
	struct textbuf b = {0};
	struct feed_index x;
	if (!feed_index_build(&x, f))
		return NULL;
	unsigned char *orgs = digest_rows(f->n_organizations, f->organizations, put_org, &b);
	unsigned char *places = digest_rows(f->n_places, f->places, put_place, &b);
	unsigned char *categories = digest_rows(f->n_categories, f->categories, put_category, &b);
	unsigned char *out = malloc(f->n_activities ? f->n_activities * ACTIVITY_DIGEST_BYTES : 1);
	bool ok = out && orgs && places && categories;
	for (size_t i = 0; ok && i < f->n_activities; i++) {
		const struct feed_activity *a = &f->activities[i];
		unsigned char *digest = out + i * ACTIVITY_DIGEST_BYTES;
		b.len = 0;
		put_activity(&b, a);
		put_dependency(&b, orgs, feed_index_org(&x, a->organizer_id));
		put_dependency(&b, places, feed_index_place(&x, a->place_id));
		const struct strlist *lists[] = {&a->keywords, &a->audience};
		for (int k = 0; k < 2; k++)
			for (size_t j = 0; j < lists[k]->n; j++)
				put_dependency(&b, categories,
					       feed_index_category(&x, lists[k]->v[j]));
		if (!b.failed)
			digest_of(digest + DIGEST_ROWS, &b);
		b.len = 0;
		put_str(&b, ROWS_VERSION);
		put_occurrences(&b, a);
		put_schedule(&b, f, a, from, until);
		ok = !b.failed;
		if (ok)
			digest_of(digest + DIGEST_DATES, &b);
	}
	feed_index_free(&x);
	free(orgs);
	free(places);
	free(categories);
	free(b.s);
	if (!ok) {
		free(out);
		return NULL;
	}
	return out;
}
