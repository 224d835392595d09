/* SPDX-License-Identifier: EUPL-1.2 */
/* feed_csv: the coordinator's spreadsheet (CSV) into struct feed. */
#include "config.h"

#include "feed/feed_csv.h"

#include "feed/csv_rows.h"
#include "feed/feed_json.h"
#include "util/i18n.h"
#include "feed/markup.h"
#include "util/fold.h"
#include "util/strset.h"
#include "util/text.h"
#include "util/timefmt.h"
#include "feed/vocabulary.h"
#include "feed/when_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum column {
	COL_ID,
	COL_NAME_FI,
	COL_NAME_SV,
	COL_NAME_EN,
	COL_DESCRIPTION_FI,
	COL_DESCRIPTION_SV,
	COL_DESCRIPTION_EN,
	COL_TYPE,
	COL_ORGANIZER,
	COL_PLACE,
	COL_ADDRESS,
	COL_LOCALITY,
	COL_WEEKDAY,
	COL_START,
	COL_END,
	COL_REPEAT,
	COL_DATE,
	COL_FROM,
	COL_UNTIL,
	COL_EXCEPT,
	COL_TOPICS,
	COL_LIFE_SITUATIONS,
	COL_FREE,
	COL_PRICE,
	COL_PHONE,
	COL_URL,
	N_COLUMNS
};

/* Each column's name in the first row: English, or Finnish as in the
 * template (compared without case and accents). */
static const char *const column_names[N_COLUMNS][2] = {
    [COL_ID] = {"id", "tunnus"},
    [COL_NAME_FI] = {"name_fi", "nimi"},
    [COL_NAME_SV] = {"name_sv", "nimi_sv"},
    [COL_NAME_EN] = {"name_en", "nimi_en"},
    [COL_DESCRIPTION_FI] = {"description_fi", "kuvaus"},
    [COL_DESCRIPTION_SV] = {"description_sv", "kuvaus_sv"},
    [COL_DESCRIPTION_EN] = {"description_en", "kuvaus_en"},
    [COL_TYPE] = {"type", "tyyppi"},
    [COL_ORGANIZER] = {"organizer", "jarjestaja"},
    [COL_PLACE] = {"place", "paikka"},
    [COL_ADDRESS] = {"address", "osoite"},
    [COL_LOCALITY] = {"locality", "paikkakunta"},
    [COL_WEEKDAY] = {"weekday", "viikonpaiva"},
    [COL_START] = {"start", "alkaa"},
    [COL_END] = {"end", "paattyy"},
    [COL_REPEAT] = {"repeat", "toistuu"},
    [COL_DATE] = {"date", "paivamaara"},
    [COL_FROM] = {"from", "alkaen"},
    [COL_UNTIL] = {"until", "asti"},
    [COL_EXCEPT] = {"except", "ei_pideta"},
    [COL_TOPICS] = {"topics", "aiheet"},
    [COL_LIFE_SITUATIONS] = {"life_situations", "elamantilanteet"},
    [COL_FREE] = {"free", "maksuton"},
    [COL_PRICE] = {"price", "hinta"},
    [COL_PHONE] = {"phone", "puhelin"},
    [COL_URL] = {"url", "verkkosivu"},
};

/* Rows and ids at most: a spreadsheet of activities has hundreds. */
#define CSV_MAX_ROWS 20000

struct parse {
	struct feed *f;
	struct diag *d;
	int64_t now;
	int col[N_COLUMNS];	     /* the column's index in a row, or -1 */
	const char *name[N_COLUMNS]; /* its name as the first row writes it */
	size_t cap_activities;
	struct feed_lookup organizations, places;
	struct strset ids;
	/* The row at hand: its number (the header is row 1) and cells. */
	size_t row;
	const char *const *cells;
	size_t n_cells;
	bool bad;
};

static void row_warning(struct parse *p, enum column c, const char *why)
{
	diag_warn(p->d, _("row %zu, column %s: %s (row skipped)"), p->row,
		  p->name[c] ? p->name[c] : column_names[c][0], why);
	p->bad = true;
}

static void field_warning(struct parse *p, enum column c, const char *why)
{
	diag_warn(p->d, _("row %zu, column %s: %s (ignored)"), p->row,
		  p->name[c] ? p->name[c] : column_names[c][0], why);
}

/* The cell of column c, cleaned and in the arena; NULL when empty, absent
 * or over cap characters (then the row is skipped). */
static const char *cell(struct parse *p, enum column c, enum text_mode mode, size_t cap)
{
	int i = p->col[c];
	if (i < 0 || (size_t)i >= p->n_cells || !p->cells[i])
		return NULL;
	/* Names and descriptions pasted from a web page keep their text. */
	bool text = c >= COL_NAME_FI && c <= COL_DESCRIPTION_EN;
	char why[160] = "";
	bool html = text && html_is_markup(p->cells[i], strlen(p->cells[i]));
	char *clean = html ? markup_clean(p->cells[i], mode, why, sizeof(why))
			   : text_clean(p->cells[i], strlen(p->cells[i]), mode);
	if (!clean) {
		row_warning(p, c, _("out of memory"));
		return NULL;
	}
	if (html)
		diag_warn(p->d, _("row %zu, column %s: HTML made plain text%s%s"), p->row,
			  p->name[c] ? p->name[c] : column_names[c][0], *why ? ": " : "", why);
	/* Spreadsheets pad cells with spaces. */
	char *start = clean;
	while (*start == ' ')
		start++;
	size_t n = strlen(start);
	while (n && start[n - 1] == ' ')
		n--;
	start[n] = '\0';
	const char *out = NULL;
	if (text_char_count(start) > cap) {
		char longer[64];
		snprintf(longer, sizeof(longer), _("longer than %zu characters"), cap);
		row_warning(p, c, longer);
	} else if (*start) {
		out = arena_strndup(&p->f->arena, start, n);
	}
	free(clean);
	return out;
}

static const char *line_cell(struct parse *p, enum column c)
{
	return cell(p, c, TEXT_LINE, FEED_MAX_FIELD);
}

/* Grows *v (n items of size bytes, room for *cap) for one more. */
/* Appends the words of text to out (at *n, up to max bytes), folded and
 * joined by '-', never cutting a character. */
static void slug_append(char *out, size_t *n, size_t max, const char *text)
{
	char folded[1024];
	fold_lower(text, strlen(text), folded, sizeof(folded));
	for (const char *s = folded; *s;) {
		unsigned cp;
		size_t len = text_decode(s, strlen(s), &cp);
		if (!len) {
			s++;
			continue;
		}
		bool word = cp >= 0x80 || (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9');
		if (word && *n + len > max)
			break;
		if (word) {
			memcpy(out + *n, s, len);
			*n += len;
		} else if (*n && out[*n - 1] != '-' && *n < max) {
			out[(*n)++] = '-';
		}
		s += len;
	}
	while (*n && out[*n - 1] == '-')
		(*n)--;
}

/* "Oulun Omaishoitajat ry" -> "oulun-omaishoitajat-ry": an id from a name,
 * and b (when given) after it, whole however long the name. */
static const char *slug(struct parse *p, const char *a, const char *b)
{
	char out[128];
	size_t n = 0;
	slug_append(out, &n, 80, a ? a : "");
	if (!n && !b && a)
		return a; /* no letter nor digit in it: the text is its own id */
	if (b) {
		out[n++] = '-';
		slug_append(out, &n, n + 40, b);
	}
	return arena_strndup(&p->f->arena, out, n);
}

/* The organisation named name, added once. */
static const char *organizer_id(struct parse *p, const char *name)
{
	const char *id = slug(p, name, NULL);
	return id && feed_org_for(p->f, &p->organizations, id, name) ? id : NULL;
}

/* The place named by name, address and locality, added once. */
static const char *place_id(struct parse *p, const char *name, const char *address,
			    const char *locality)
{
	const char *id = slug(p, name ? name : address, name ? address : locality);
	bool added;
	struct feed_place *x = id ? feed_place_for(p->f, &p->places, id, &added) : NULL;
	if (x && added) {
		x->name.fi = name ? name : address;
		x->street_address.fi = name ? address : NULL;
		x->address_locality.fi = locality;
	}
	return x ? id : NULL;
}

/* Dates, times and repeats, by when_text. */
static bool read_when(struct parse *p, struct feed_activity *a)
{
	static const enum column columns[N_WHEN_FIELDS] = {
	    [WHEN_WEEKDAY] = COL_WEEKDAY, [WHEN_START] = COL_START,  [WHEN_END] = COL_END,
	    [WHEN_REPEAT] = COL_REPEAT,	  [WHEN_DATE] = COL_DATE,    [WHEN_FROM] = COL_FROM,
	    [WHEN_UNTIL] = COL_UNTIL,	  [WHEN_EXCEPT] = COL_EXCEPT};
	const char *text[N_WHEN_FIELDS];
	for (int i = 0; i < N_WHEN_FIELDS; i++)
		text[i] = line_cell(p, columns[i]);
	if (p->bad)
		return false;
	enum when_field bad;
	char why[256];
	if (when_text_read(&p->f->arena, text, p->now, a, &bad, why, sizeof(why)))
		return true;
	row_warning(p, columns[bad], why);
	return false;
}

/* Topics and life situations named in column c, into a's lists. */
struct unknown_in_cell {
	struct parse *p;
	enum column c;
};

static void unknown_category(void *arg, const char *word)
{
	struct unknown_in_cell *u = arg;
	char why[320];
	snprintf(why, sizeof(why), _("\"%s\" is not a topic or life situation of Aulataulu"), word);
	field_warning(u->p, u->c, why);
}

static void add_categories(struct parse *p, struct feed_activity *a, enum column c)
{
	const char *text = line_cell(p, c);
	struct unknown_in_cell u = {p, c};
	if (text && !vocabulary_add_named(p->f, a, text, NULL, unknown_category, &u))
		row_warning(p, c, _("out of memory"));
}

static bool yes_or_no(const char *text, bool *yes)
{
	static const char *const yes_words[] = {"x", "1",  "yes",      "true", "kylla",
						"k", "ja", "maksuton", "free", "gratis"};
	static const char *const no_words[] = {"0", "no", "false", "ei", "e", "nej", "maksullinen"};
	char w[64];
	fold_lower(text, strlen(text), w, sizeof(w));
	for (size_t i = 0; i < sizeof(yes_words) / sizeof(*yes_words); i++)
		if (!strcmp(w, yes_words[i]))
			return *yes = true;
	for (size_t i = 0; i < sizeof(no_words) / sizeof(*no_words); i++)
		if (!strcmp(w, no_words[i]))
			return !(*yes = false);
	return false;
}

static const char *activity_type(struct parse *p)
{
	static const char *const types[][3] = {
	    {"group", "ryhma", "grupp"},     {"event", "tapahtuma", "evenemang"},
	    {"support", "tuki", "stod"},     {"volunteering", "vapaaehtoistoiminta", "frivillig"},
	    {"hobby", "harrastus", "hobby"},
	};
	const char *text = line_cell(p, COL_TYPE);
	if (!text)
		return "group";
	char w[64];
	fold_lower(text, strlen(text), w, sizeof(w));
	for (size_t i = 0; i < sizeof(types) / sizeof(*types); i++)
		for (size_t k = 0; k < 3; k++)
			if (!strcmp(w, types[i][k]))
				return types[i][0];
	field_warning(p, COL_TYPE,
		      _("not one of group, event, support, volunteering, hobby (taken as group)"));
	return "group";
}

/* The activity of the row at hand, or a warning and nothing. */
static void add_row(struct parse *p)
{
	p->bad = false;
	struct feed_activity a = {.type = activity_type(p)};
	a.name = (struct ml){cell(p, COL_NAME_FI, TEXT_LINE, FEED_MAX_NAME),
			     cell(p, COL_NAME_SV, TEXT_LINE, FEED_MAX_NAME),
			     cell(p, COL_NAME_EN, TEXT_LINE, FEED_MAX_NAME)};
	a.description =
	    (struct ml){cell(p, COL_DESCRIPTION_FI, TEXT_PARAGRAPHS, FEED_MAX_DESCRIPTION),
			cell(p, COL_DESCRIPTION_SV, TEXT_PARAGRAPHS, FEED_MAX_DESCRIPTION),
			cell(p, COL_DESCRIPTION_EN, TEXT_PARAGRAPHS, FEED_MAX_DESCRIPTION)};
	if (p->bad)
		return;
	if (!a.name.fi)
		a.name.fi = a.name.sv ? a.name.sv : a.name.en;
	if (!a.name.fi)
		return row_warning(p, COL_NAME_FI, _("no name"));
	const char *organizer = cell(p, COL_ORGANIZER, TEXT_LINE, FEED_MAX_NAME);
	if (!organizer)
		return row_warning(p, COL_ORGANIZER, _("no organiser"));
	a.organizer_id = organizer_id(p, organizer);
	const char *place = cell(p, COL_PLACE, TEXT_LINE, FEED_MAX_NAME);
	const char *address = line_cell(p, COL_ADDRESS), *locality = line_cell(p, COL_LOCALITY);
	if (place || address)
		a.place_id = place_id(p, place, address, locality);
	a.attendance_mode = a.place_id ? "offline" : NULL;
	if (!read_when(p, &a) || p->bad)
		return;
	add_categories(p, &a, COL_TOPICS);
	add_categories(p, &a, COL_LIFE_SITUATIONS);
	const char *free_text = line_cell(p, COL_FREE);
	if (free_text && !yes_or_no(free_text, &a.is_free))
		field_warning(p, COL_FREE, _("not yes or no (kyllä, ei)"));
	else
		a.has_offers = free_text != NULL;
	a.price.fi = line_cell(p, COL_PRICE);
	a.has_offers = a.has_offers || a.price.fi;
	a.phone = line_cell(p, COL_PHONE);
	a.info_url = line_cell(p, COL_URL);
	if (a.info_url && strncmp(a.info_url, "https://", 8) && strncmp(a.info_url, "http://", 7)) {
		field_warning(p, COL_URL, _("not a web address (https://...)"));
		a.info_url = NULL;
	}
	/* The id: given, or made from the name (then made unique). */
	const char *id = line_cell(p, COL_ID);
	if (p->bad || (!a.organizer_id && organizer))
		return;
	if (id && strset_has(&p->ids, id))
		return row_warning(p, COL_ID, _("the same id as an earlier row"));
	if (!id) {
		/* A name taken by an earlier row gets this row's number. */
		id = slug(p, a.name.fi, NULL);
		if (id && strset_has(&p->ids, id)) {
			char n[24];
			snprintf(n, sizeof(n), "%zu", p->row);
			id = slug(p, a.name.fi, n);
		}
		if (id && strset_has(&p->ids, id))
			return row_warning(p, COL_ID, _("the same id as an earlier row"));
	}
	if (!id || !strset_add(&p->ids, id) ||
	    !arena_room(&p->f->arena, (void **)&p->f->activities, p->f->n_activities,
			&p->cap_activities, sizeof(*p->f->activities)))
		return row_warning(p, COL_ID, _("out of memory"));
	a.id = id;
	p->f->activities[p->f->n_activities++] = a;
}

/* The first row: which column is which. */
static bool read_header(struct parse *p)
{
	for (int c = 0; c < N_COLUMNS; c++)
		p->col[c] = -1;
	for (size_t i = 0; i < p->n_cells; i++) {
		char name[128];
		const char *cell_text = p->cells[i] ? p->cells[i] : "";
		fold_lower(cell_text, strlen(cell_text), name, sizeof(name));
		for (char *s = name; *s; s++)
			if (*s == ' ' || *s == '-')
				*s = '_';
		int found = -1;
		for (int c = 0; c < N_COLUMNS && found < 0; c++)
			if (!strcmp(name, column_names[c][0]) || !strcmp(name, column_names[c][1]))
				found = c;
		if (found >= 0 && p->col[found] < 0) {
			p->col[found] = (int)i;
			p->name[found] =
			    arena_strndup(&p->f->arena, p->cells[i], strcspn(p->cells[i], "\r\n"));
		} else if (*name)
			diag_warn(p->d, _("row 1: the column \"%s\" is not known (ignored)"),
				  p->cells[i]);
	}
	if (p->col[COL_NAME_FI] < 0 && p->col[COL_NAME_SV] < 0 && p->col[COL_NAME_EN] < 0)
		return diag_fail(p->d, _("the first row must name the columns, and one of them "
					 "the activity's name (nimi or name_fi); see "
					 "activities-template.csv"));
	return true;
}

static bool on_row(void *arg, size_t row, const char *const *cells, size_t n)
{
	struct parse *p = arg;
	p->row = row, p->cells = cells, p->n_cells = n;
	if (row == 1)
		return read_header(p);
	bool empty = true;
	for (size_t i = 0; i < n && empty; i++)
		empty = !cells[i] || !cells[i][strspn(cells[i], " \t")];
	if (!empty)
		add_row(p);
	return diag_within_budget(p->d, false);
}

struct feed *feed_csv_parse(const char *buf, size_t len, int64_t now, struct diag *d)
{
	struct arena arena = {0}; /* the feed lives in its own arena */
	struct feed *f = arena_alloc(&arena, sizeof(*f));
	if (!f) {
		arena_free(&arena);
		diag_fail(d, _("out of memory"));
		return NULL;
	}
	*f = (struct feed){.arena = arena};
	struct parse p = {.f = f, .d = d, .now = now};
	f->header = (struct feed_header){.timezone = "Europe/Helsinki", .generated_at = now};
	bool ok = vocabulary_add_to(f) && strset_init(&p.ids, &f->arena, CSV_MAX_ROWS);
	if (!ok)
		diag_fail(d, _("out of memory"));
	else
		ok = csv_rows_read(buf, len, CSV_MAX_ROWS, on_row, &p, d);
	if (!ok || d->error) {
		feed_free(f);
		return NULL;
	}
	return f;
}
