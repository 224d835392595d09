/* SPDX-License-Identifier: EUPL-1.2 */
/* feed_linkedevents: Linked Events API pages into struct feed (jansson). */
#include "config.h"

#include "feed/feed_linkedevents.h"

#include "feed/feed_json.h"
#include "util/i18n.h"
#include "feed/markup.h"
#include "util/strset.h"
#include "util/text.h"
#include "util/timefmt.h"
#include "feed/vocabulary.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct parse {
	struct feed *f;
	struct diag *d;
	const struct linkedevents_options *o;
	struct strset present;	 /* every event id of the document */
	struct strset umbrellas; /* those that gather other events */
	struct strset added;	 /* the ids of the activities made */
	size_t cap_activities;
	struct feed_lookup places, organizations, activities_by_id;
	bool unknown_topic_said;
	const char *event; /* the event at hand, for warnings */
};

static const char *keep(struct parse *p, const char *s)
{
	return s ? arena_strndup(&p->f->arena, s, strlen(s)) : NULL;
}

/* The last segment of an API address: ".../keyword/yso:p2433/" is
 * "yso:p2433". */
static const char *id_of_address(struct parse *p, const char *url)
{
	if (!url)
		return NULL;
	size_t n = strlen(url);
	while (n && url[n - 1] == '/')
		n--;
	size_t start = n;
	while (start && url[start - 1] != '/')
		start--;
	return n > start ? arena_strndup(&p->f->arena, url + start, n - start) : NULL;
}

/* The id of a reference: {"@id": address} or, when included, {"id": ...}. */
static const char *id_of(struct parse *p, json_t *ref)
{
	const char *id = json_string_value(json_object_get(ref, "id"));
	return id ? keep(p, id) : id_of_address(p, json_string_value(json_object_get(ref, "@id")));
}

/* A text of the API, cleaned, HTML made text, at most cap characters
 * (longer: left out with a warning). */
static const char *clean_text(struct parse *p, const char *raw, enum text_mode mode, size_t cap)
{
	if (!raw || !*raw)
		return NULL;
	char why[160];
	char *clean = markup_clean(raw, mode, why, sizeof(why));
	if (*why)
		diag_warn(p->d, _("event %s: its HTML could not be read (%s)"), p->event, why);
	const char *out = NULL;
	if (clean && *clean && text_char_count(clean) <= cap)
		out = keep(p, clean);
	else if (clean && *clean)
		diag_warn(p->d, _("event %s: a text longer than %zu characters (left out)"),
			  p->event, cap);
	free(clean);
	return out;
}

static struct ml ml_of(struct parse *p, json_t *v, enum text_mode mode, size_t cap)
{
	return (struct ml){clean_text(p, json_string_value(json_object_get(v, "fi")), mode, cap),
			   clean_text(p, json_string_value(json_object_get(v, "sv")), mode, cap),
			   clean_text(p, json_string_value(json_object_get(v, "en")), mode, cap)};
}

/* Finnish is every text's fallback: the first language there is. */
static void fill_fallback(struct ml *m)
{
	if (!m->fi)
		m->fi = m->sv ? m->sv : m->en;
}

static const char *web_address(struct parse *p, json_t *v)
{
	struct ml m = ml_of(p, v, TEXT_LINE, FEED_MAX_FIELD);
	fill_fallback(&m);
	return m.fi && (!strncmp(m.fi, "https://", 8) || !strncmp(m.fi, "http://", 7)) ? m.fi
										       : NULL;
}

static int64_t time_of(json_t *v)
{
	const char *s = json_string_value(v);
	int64_t t = 0;
	if (s && !timefmt_parse(s, &t) && !timefmt_parse_local(s, false, &t))
		t = 0;
	return t;
}

/* The place of an event, when the query included locations. */
static const char *place_of(struct parse *p, json_t *location)
{
	const char *id = json_is_object(location) ? id_of(p, location) : NULL;
	struct ml name = ml_of(p, json_object_get(location, "name"), TEXT_LINE, FEED_MAX_NAME);
	fill_fallback(&name);
	if (!id || !name.fi)
		return NULL; /* only an address of it: nothing to show */
	bool added;
	struct feed_place *x = feed_place_for(p->f, &p->places, id, &added);
	if (!x || !added)
		return x ? id : NULL;
	x->name = name;
	x->street_address =
	    ml_of(p, json_object_get(location, "street_address"), TEXT_LINE, FEED_MAX_FIELD);
	x->address_locality =
	    ml_of(p, json_object_get(location, "address_locality"), TEXT_LINE, FEED_MAX_FIELD);
	x->postal_code = clean_text(p, json_string_value(json_object_get(location, "postal_code")),
				    TEXT_LINE, 16);
	return id;
}

/* The organiser: the event's provider, the source's, or the source. */
static const char *organizer_of(struct parse *p, json_t *event)
{
	struct ml provider = ml_of(p, json_object_get(event, "provider"), TEXT_LINE, FEED_MAX_NAME);
	fill_fallback(&provider);
	const char *name = provider.fi	     ? provider.fi
			   : p->o->organizer ? keep(p, p->o->organizer)
					     : keep(p, p->o->name ? p->o->name : "?");
	return name && feed_org_for(p->f, &p->organizations, name, name) ? name : NULL;
}

/* Keywords and audiences that name a topic or life situation. */
static void add_keywords(struct parse *p, struct feed_activity *a, json_t *list)
{
	size_t i;
	json_t *ref;
	json_array_foreach(list, i, ref)
	{
		const char *id = id_of(p, ref);
		/* Most keywords name no topic: only those that do count. */
		if (id)
			vocabulary_add_one(p->f, a, id, p->o->categories);
	}
}

static void unknown_topic(void *arg, const char *word)
{
	struct parse *p = arg;
	if (!p->unknown_topic_said)
		diag_summary(p->d,
			     _("topics = names \"%s\", no topic or life situation of "
			       "Aulataulu"),
			     word);
	p->unknown_topic_said = true;
}

/* An event's span: times, or dates alone ("2022-05-23": an exhibition, a
 * course, a work placement, as the API gives an event without a time),
 * which last from the first day's midnight to the midnight after the last
 * (the first's, without an end). start 0: none. */
static void span_of(json_t *event, int64_t *start, int64_t *end)
{
	const char *s = json_string_value(json_object_get(event, "start_time"));
	const char *e = json_string_value(json_object_get(event, "end_time"));
	int64_t day;
	bool whole_days = s && timefmt_parse_date(s, start);
	if (!whole_days)
		*start = time_of(json_object_get(event, "start_time"));
	if (e && timefmt_parse_date(e, &day))
		*end = timefmt_add_days(day, 1);
	else if (e)
		*end = time_of(json_object_get(event, "end_time"));
	else
		*end = whole_days ? timefmt_add_days(*start, 1) : 0;
}

static bool add_occurrence(struct parse *p, struct feed_activity *a, json_t *event)
{
	int64_t start, end;
	span_of(event, &start, &end);
	if (!start)
		return true;
	struct feed_occurrence *v =
	    arena_resize(&p->f->arena, a->occurrences, a->n_occurrences * sizeof(*v),
			 (a->n_occurrences + 1) * sizeof(*v));
	if (!v)
		return false;
	const char *status = json_string_value(json_object_get(event, "event_status"));
	v[a->n_occurrences++] = (struct feed_occurrence){
	    .start = start,
	    .end = end,
	    .status = status && strcmp(status, "EventScheduled") ? keep(p, status) : NULL};
	a->occurrences = v;
	return true;
}

static const char *type_of(json_t *event)
{
	const char *type = json_string_value(json_object_get(event, "type_id"));
	return !type			       ? "event"
	       : !strcmp(type, "Volunteering") ? "volunteering"
	       : !strcmp(type, "Course")       ? "hobby"
					       : "event";
}

/* The id of the recurring super event of event that is in the document,
 * or NULL. An umbrella event (a festival) gathers events of their own
 * names and places: its sub events are listed each as itself. */
static const char *present_super(struct parse *p, json_t *event)
{
	json_t *super = json_object_get(event, "super_event");
	const char *id = json_is_object(super) ? id_of(p, super) : NULL;
	return id && strset_has(&p->present, id) && !strset_has(&p->umbrellas, id) ? id : NULL;
}

static bool is_status(const char *s)
{
	return !strcmp(s, "EventScheduled") || !strcmp(s, "EventCancelled") ||
	       !strcmp(s, "EventPostponed") || !strcmp(s, "EventRescheduled");
}

static void add_event(struct parse *p, json_t *event, const char *id)
{
	struct feed_activity a = {.id = id, .type = type_of(event)};
	a.name = ml_of(p, json_object_get(event, "name"), TEXT_LINE, FEED_MAX_NAME);
	fill_fallback(&a.name);
	if (!a.name.fi) {
		diag_warn(p->d, _("event %s: no name (left out)"), id);
		return;
	}
	a.short_description =
	    ml_of(p, json_object_get(event, "short_description"), TEXT_PARAGRAPHS, FEED_MAX_SHORT);
	a.description =
	    ml_of(p, json_object_get(event, "description"), TEXT_PARAGRAPHS, FEED_MAX_DESCRIPTION);
	a.organizer_id = organizer_of(p, event);
	a.place_id = place_of(p, json_object_get(event, "location"));
	a.attendance_mode = a.place_id ? "offline" : NULL;
	a.info_url = web_address(p, json_object_get(event, "info_url"));
	const char *status = json_string_value(json_object_get(event, "event_status"));
	if (status && !is_status(status))
		diag_warn(p->d, _("event %s: unknown status \"%s\" (ignored)"), id, status);
	else if (status && strcmp(status, "EventScheduled"))
		a.event_status = keep(p, status);
	json_t *offer = json_array_get(json_object_get(event, "offers"), 0);
	if (json_is_object(offer)) {
		a.has_offers = true;
		a.is_free = json_is_true(json_object_get(offer, "is_free"));
		a.price = ml_of(p, json_object_get(offer, "price"), TEXT_LINE, FEED_MAX_FIELD);
		a.offers_info_url = web_address(p, json_object_get(offer, "info_url"));
	}
	if (p->o->topics)
		vocabulary_add_named(p->f, &a, p->o->topics, NULL, unknown_topic, p);
	add_keywords(p, &a, json_object_get(event, "keywords"));
	add_keywords(p, &a, json_object_get(event, "audience"));
	/* A recurring super event's dates are its sub events' (added later);
	 * an umbrella event lasts its own span. */
	json_t *subs = json_object_get(event, "sub_events");
	bool dated_by_subs =
	    json_is_array(subs) && json_array_size(subs) && !strset_has(&p->umbrellas, id);
	if (!dated_by_subs && !add_occurrence(p, &a, event))
		return;
	if (!arena_room(&p->f->arena, (void **)&p->f->activities, p->f->n_activities,
			&p->cap_activities, sizeof(*p->f->activities)) ||
	    !feed_lookup_add(&p->activities_by_id, &p->f->arena, a.id, p->f->n_activities)) {
		diag_warn(p->d, _("event %s: out of memory (left out)"), id);
		return;
	}
	p->f->activities[p->f->n_activities++] = a;
	strset_add(&p->added, id);
}

static struct feed_activity *find_activity(struct parse *p, const char *id)
{
	long at = feed_lookup_find(&p->activities_by_id, id);
	return at < 0 ? NULL : &p->f->activities[at];
}

/* A draft is not public yet: an API key of its publisher shows it, the
 * lobby must not. */
static bool is_draft(json_t *event)
{
	const char *status = json_string_value(json_object_get(event, "publication_status"));
	return status && !strcmp(status, "draft");
}

/* Calls each(p, event, id) for every usable event of every page; what is
 * left out is said in the first pass (say) only. */
static void each_event(struct parse *p, json_t *pages,
		       void (*each)(struct parse *, json_t *, const char *), bool say)
{
	size_t i, k;
	json_t *page, *event;
	json_array_foreach(pages, i, page)
	{
		json_array_foreach(json_object_get(page, "data"), k, event)
		{
			if (!diag_within_budget(p->d, false))
				return;
			const char *raw = json_string_value(json_object_get(event, "id"));
			char *id = raw ? text_clean(raw, strlen(raw), TEXT_LINE) : NULL;
			bool gone = json_is_true(json_object_get(event, "deleted"));
			if (!id || !*id || strlen(id) > FEED_MAX_FIELD) {
				if (say)
					diag_warn(p->d, _("page %zu, event %zu: no id (left out)"),
						  i + 1, k + 1);
			} else if (is_draft(event) && !gone) {
				if (say)
					diag_warn(
					    p->d,
					    _("event %s: a draft, not published yet (left out)"),
					    id);
			} else if (!gone) {
				each(p, event, p->event = keep(p, id));
			}
			free(id);
		}
	}
}

static void note_present(struct parse *p, json_t *event, const char *id)
{
	const char *type = json_string_value(json_object_get(event, "super_event_type"));
	strset_add(&p->present, id);
	if (type && !strcmp(type, "umbrella"))
		strset_add(&p->umbrellas, id);
}

static void add_if_own(struct parse *p, json_t *event, const char *id)
{
	if (strset_has(&p->added, id))
		diag_warn(p->d, _("event %s: twice in the list (the second left out)"), id);
	else if (!present_super(p, event))
		add_event(p, event, id);
}

/* A sub event is a date of its super event, with its own status. */
static void add_if_sub(struct parse *p, json_t *event, const char *id)
{
	(void)id;
	const char *super = present_super(p, event);
	struct feed_activity *a = super ? find_activity(p, super) : NULL;
	if (a && !add_occurrence(p, a, event))
		diag_warn(p->d, _("event %s: out of memory (left out)"), id);
}

struct feed *feed_linkedevents_parse(const char *buf, size_t len,
				     const struct linkedevents_options *o, struct diag *d)
{
	json_error_t e;
	json_t *root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &e);
	if (!root) {
		diag_fail(d, _("not a valid JSON document (line %d: %s)"), e.line, e.text);
		return NULL;
	}
	/* One page, or the pages the sync gathered. */
	json_t *pages = json_is_array(root) ? json_incref(root) : json_pack("[O]", root);
	size_t i, n_events = 0;
	json_t *page;
	bool list = pages && json_array_size(pages) > 0;
	json_array_foreach(pages, i, page)
	{
		list = list && json_is_array(json_object_get(page, "data"));
		n_events += json_array_size(json_object_get(page, "data"));
	}
	struct arena arena = {0};
	struct feed *f = list ? arena_alloc(&arena, sizeof(*f)) : NULL;
	if (!f) {
		if (list)
			diag_fail(d, _("out of memory"));
		else
			diag_fail(d, _("not a Linked Events event list (no \"data\" array of "
				       "events)"));
		arena_free(&arena);
		json_decref(pages);
		json_decref(root);
		return NULL;
	}
	*f = (struct feed){.arena = arena};
	f->header.timezone = "Europe/Helsinki";
	struct parse p = {.f = f, .d = d, .o = o};
	if (!vocabulary_add_to(f) || !strset_init(&p.present, &f->arena, n_events + 16) ||
	    !strset_init(&p.added, &f->arena, n_events + 16) ||
	    !strset_init(&p.umbrellas, &f->arena, n_events + 16)) {
		diag_fail(d, _("out of memory"));
	} else {
		each_event(&p, pages, note_present, true);
		each_event(&p, pages, add_if_own, false);
		each_event(&p, pages, add_if_sub, false);
		/* A super event none of whose dates came: its own span. */
		json_array_foreach(pages, i, page)
		{
			size_t k;
			json_t *event;
			json_array_foreach(json_object_get(page, "data"), k, event)
			{
				const char *id = json_string_value(json_object_get(event, "id"));
				bool super = json_array_size(json_object_get(event, "sub_events"));
				struct feed_activity *a =
				    super && id ? find_activity(&p, id) : NULL;
				if (a && !a->n_occurrences)
					add_occurrence(&p, a, event);
			}
		}
	}
	json_decref(pages);
	json_decref(root);
	if (d->error) {
		feed_free(f);
		return NULL;
	}
	return f;
}
