/* SPDX-License-Identifier: EUPL-1.2 */
/* detail: one activity with everything a person needs to take part, and a
 * QR code of its web address (or phone number) to take along. */
#include "config.h"

#include "app/app.h"
#include "util/i18n.h"
#include "local/local.h"
#include "util/text.h"
#include "util/timefmt.h"
#include "ui.h"
#include "speech/speech_text.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BLOCKS 64
enum { TAG_HIDE = 1, TAG_PRINT };

struct block {
	bool contact; /* a phone number, e-mail or address to contact */
	enum ui_role role;
	char *text;
};

static struct {
	char *source, *id;
	struct activity_detail d;
	bool found;
	struct block blocks[MAX_BLOCKS];
	int n_blocks, scroll, lines, page;
	int qr_width;			/* columns of the code with its quiet zone, 0: none */
	const char *qr_text, *qr_label; /* in d; NULL: no code */
	enum qr_kind qr_kind;
	bool confirm_hide;		  /* admin mode: asked whether to hide it */
	bool adding_contact;		  /* add() marks contact blocks */
	bool counted_qr, counted_contact; /* this visit's counts (stats.h) */
} st;

static void add(enum ui_role role, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(enum ui_role role, const char *fmt, ...)
{
	if (st.n_blocks == MAX_BLOCKS)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *text = NULL;
	if (vasprintf(&text, fmt, ap) >= 0)
		st.blocks[st.n_blocks++] = (struct block){st.adding_contact, role, text};
	va_end(ap);
}

static const char *language_name(const char *code)
{
	static const struct {
		const char *code, *name;
	} names[] = {{"fi", N_("Finnish")},	  {"sv", N_("Swedish")},
		     {"en", N_("English")},	  {"fse", N_("Finnish Sign Language")},
		     {"se", N_("Northern Sami")}, {"ru", N_("Russian")},
		     {"et", N_("Estonian")},	  {"ar", N_("Arabic")},
		     {"so", N_("Somali")},	  {"uk", N_("Ukrainian")}};
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (strcmp(code, names[i].code) == 0)
			return _(names[i].name);
	return code;
}

static void add_when(struct ui *ui, const struct activity_detail *d)
{
	add(UIC_HEADING, "%s", _("When"));
	if (d->schedule_text)
		add(UIC_NORMAL, "%s", d->schedule_text);
	for (size_t i = 0; i < d->n_next && i < 5; i++) {
		char day[48], span[48];
		ui_format_day(ui, d->next[i].start, day, sizeof(day));
		ui_format_span(d->next[i].start, d->next[i].end, span, sizeof(span));
		bool cancelled = d->next[i].status && !strcmp(d->next[i].status, "EventCancelled");
		add(cancelled ? UIC_WARNING : UIC_NORMAL, "  %s %s%s%s", day, span,
		    cancelled ? " – " : "", cancelled ? _("CANCELLED") : "");
		/* What is different that day (a calendar's own name or place
		 * for one date). */
		if (d->next[i].note && !cancelled)
			add(UIC_WARNING, "    %s %s", _("That day:"), d->next[i].note);
	}
	if (!d->n_next && (d->valid_from || d->valid_until)) {
		char from[TIMEFMT_BUFSIZE] = "", until[TIMEFMT_BUFSIZE] = "";
		if (d->valid_from)
			timefmt_date(d->valid_from, from);
		if (d->valid_until)
			timefmt_date(d->valid_until, until);
		add(UIC_NORMAL, "%s %s–%s", _("Valid"), from, until);
	} else if (!d->n_next && d->event_status && !strcmp(d->event_status, "EventPostponed")) {
		/* Linked Events gives a postponed event no date until it has one. */
		add(UIC_WARNING, "%s", _("Postponed: the new time is not known yet."));
	} else if (!d->n_next && !d->schedule_text) {
		add(UIC_NORMAL, "%s", _("Ongoing: contact the organiser."));
	}
}

static void add_where(const struct activity_detail *d)
{
	static const char *const features[] = {N_("step-free access"), N_("induction loop"),
					       N_("accessible toilet"), N_("parking")};
	const char *mode = d->attendance_mode ? d->attendance_mode : "offline";
	add(UIC_HEADING, "%s", _("Where"));
	if (d->place) {
		add(UIC_NORMAL, "%s", d->place);
		if (d->street_address || d->locality)
			add(UIC_NORMAL, "%s%s%s%s%s", d->street_address ? d->street_address : "",
			    d->street_address ? ", " : "", d->postal_code ? d->postal_code : "",
			    d->postal_code ? " " : "", d->locality ? d->locality : "");
		if (d->place_extra)
			add(UIC_NORMAL, "%s", d->place_extra);
		char acc[256] = "";
		for (int i = 0; i < 4; i++)
			if (d->accessibility & (1u << i))
				snprintf(acc + strlen(acc), sizeof(acc) - strlen(acc), "%s%s",
					 *acc ? ", " : "", _(features[i]));
		if (*acc)
			add(UIC_NORMAL, "♿ %s", acc);
	}
	if (!strcmp(mode, "phone") || (d->phone && strcmp(mode, "offline")))
		add(UIC_NORMAL, "%s: %s", _("By phone"), d->phone ? d->phone : "");
	if (!strcmp(mode, "chat"))
		add(UIC_NORMAL, "%s: %s", _("Chat"), d->online_url ? d->online_url : "");
	else if (d->online_url)
		add(UIC_NORMAL, "%s: %s", _("Online"), d->online_url);
}

static void build(struct ui *ui)
{
	const struct activity_detail *d = &st.d;
	const char *status = i18n_event_status(d->event_status);
	if (status)
		add(UIC_WARNING, " %s ", status);
	if (d->short_description)
		add(UIC_NORMAL, "%s", d->short_description);
	if (d->description)
		add(UIC_NORMAL, "%s", d->description);
	add_when(ui, d);
	add_where(d);
	add(UIC_HEADING, "%s", _("Organiser"));
	add(UIC_NORMAL, "%s", d->organizer ? d->organizer : "");
	st.adding_contact = true;
	if (d->organizer_phone)
		add(UIC_NORMAL, "☎ %s", d->organizer_phone);
	if (d->organizer_email)
		add(UIC_NORMAL, "✉ %s", d->organizer_email);
	st.adding_contact = false;
	add(UIC_HEADING, "%s", _("Taking part"));
	if (d->has_offers)
		add(UIC_NORMAL, "%s",
		    d->is_free ? _("Free of charge")
		    : d->price ? d->price
			       : _("There is a fee"));
	if (d->price && d->is_free)
		add(UIC_NORMAL, "%s", d->price);
	if (d->has_registration && d->registration_required) {
		add(UIC_NORMAL, "%s", _("Registration required:"));
		st.adding_contact = true;
		if (d->registration_phone)
			add(UIC_NORMAL, "  ☎ %s", d->registration_phone);
		if (d->registration_url)
			add(UIC_NORMAL, "  %s", d->registration_url);
		if (d->registration_email)
			add(UIC_NORMAL, "  ✉ %s", d->registration_email);
		st.adding_contact = false;
	} else {
		add(UIC_NORMAL, "%s", _("No registration needed."));
	}
	if (d->registration_info)
		add(UIC_NORMAL, "%s", d->registration_info);
	add(UIC_NORMAL, "%s",
	    d->membership_required ? _("Membership of the association is required.")
				   : _("No need to join the association."));
	if (d->n_languages) {
		char langs[256] = "";
		for (size_t i = 0; i < d->n_languages; i++)
			snprintf(langs + strlen(langs), sizeof(langs) - strlen(langs), "%s%s",
				 i ? ", " : "", language_name(d->languages[i]));
		add(UIC_NORMAL, "%s: %s", _("Languages"), langs);
	}
	if (d->n_categories) {
		char cats[512] = "";
		for (size_t i = 0; i < d->n_categories; i++)
			snprintf(cats + strlen(cats), sizeof(cats) - strlen(cats), "%s%s",
				 i ? ", " : "", d->categories[i]);
		add(UIC_DIM, "%s", cats);
	}
	if (d->info_url)
		add(UIC_NORMAL, "%s: %s", _("More information"), d->info_url);
}

static void forget(void)
{
	for (int i = 0; i < st.n_blocks; i++)
		free(st.blocks[i].text);
	st.n_blocks = 0;
	activity_detail_free(&st.d);
	st.found = false;
}

/* What the QR code holds: the first web page that is one, else the first
 * phone number that is one. A field of the wrong kind ("javascript:" in a
 * phone field) is passed over, never encoded. */
static void choose_qr(const struct ui *ui)
{
	const struct activity_detail *d = &st.d;
	const struct {
		const char *text;
		enum qr_kind kind;
	} candidates[] = {{d->info_url, QR_WEB},
			  {d->registration_url, QR_WEB},
			  {d->online_url, QR_WEB},
			  {d->phone, QR_PHONE},
			  {d->registration_phone, QR_PHONE},
			  {d->organizer_phone, QR_PHONE}};
	st.qr_text = NULL;
	st.qr_width = 0;
	for (size_t i = 0; i < sizeof(candidates) / sizeof(*candidates) && !st.qr_text; i++) {
		st.qr_width = ui_qr_width(ui, candidates[i].text, candidates[i].kind);
		if (!st.qr_width)
			continue;
		st.qr_text = candidates[i].text;
		st.qr_kind = candidates[i].kind;
		st.qr_label = st.qr_kind == QR_WEB ? _("Scan with your phone: more information")
						   : _("Scan with your phone to call");
	}
}

static void load(struct ui *ui)
{
	forget();
	char *err = NULL;
	st.found = model_activity(ui->store, st.source, st.id, ui->lang, ui->now, &st.d, &err);
	free(err);
	if (!st.found)
		return;
	build(ui);
	choose_qr(ui);
}

/* Opens the activity; counted once a visit (as are its code and contact),
 * not again when A+ or A- opens it at the new size. */
static void open_activity(struct ui *ui, const struct detail_arg *a, bool count)
{
	free(st.source);
	free(st.id);
	st.source = strdup(a->source);
	st.id = strdup(a->id);
	st.scroll = 0;
	st.confirm_hide = false;
	st.counted_qr = st.counted_contact = !count;
	load(ui);
	if (st.found && count)
		stats_activity(ui->stats, ui_clock(ui), STATS_OPENED, st.source, st.id);
}

static void enter(struct ui *ui, const void *arg)
{
	open_activity(ui, arg, true);
}

static void leave(struct ui *ui)
{
	(void)ui;
	forget();
	free(st.source);
	free(st.id);
	st.source = st.id = NULL;
	st.scroll = 0;
	st.confirm_hide = false;
}

static int print_slip(struct ui *ui)
{
	return st.found ? ui_print(ui, st.source, st.id) : UI_NONE;
}

/* The lines the blocks take at width, as draw lays them out. */
static int count_lines(int width)
{
	int lines = 0;
	for (int i = 0; i < st.n_blocks; i++)
		lines += (st.blocks[i].role == UIC_HEADING && i > 0) +
			 (int)text_wrap(st.blocks[i].text, width, NULL, 0);
	return lines;
}

static void draw(struct ui *ui)
{
	if (!st.found) {
		ui_header(ui, _("Activity"));
		ui_text(ui, ui_body_top(ui) + 1, 2, ui->cols - 4, UIC_NORMAL,
			_("This activity is no longer in the listings."));
		ui_footer(ui, _("Esc back"));
		return;
	}
	ui_header(ui, st.d.name);
	int top = ui_body_top(ui), rows = ui_body_rows(ui) - (ui->admin ? 2 : 0);
	int bottom = top + rows;
	st.page = rows - 2;
	/* The code goes at the right when the text keeps 32 columns beside it
	 * (an 80-column screen holds a phone number's code, the text and the
	 * pager); the pager (touch) takes the right edge when the text does not
	 * fit. */
	int pager = 0, width = 0;
	bool qr_fits = false;
	for (int pass = 0; pass < 2; pass++) {
		qr_fits = st.qr_text && ui->cols - pager - st.qr_width - 3 >= 32;
		width = ui->cols - 3 - pager - (qr_fits ? st.qr_width + 2 : 0);
		if (pager || count_lines(width) <= st.page)
			break;
		pager = UI_PAGER_W;
	}
	int qr_w = 0, qr_h = 0, qr_x = ui->cols - pager - st.qr_width - 1;
	if (qr_fits)
		qr_w = ui_qr(ui, top, qr_x, st.qr_width, rows - 2, st.qr_text, st.qr_kind, &qr_h);
	if (qr_w) {
		ui_wrap(ui, top + qr_h, qr_x, qr_w, 0, 2, UIC_DIM, st.qr_label);
		ui_print_button(ui, top + qr_h + 2, qr_x, qr_w, bottom, st.source, st.id,
				TAG_PRINT);
	} else
		width = ui->cols - 3 - pager;
	if (qr_w && !st.counted_qr) {
		st.counted_qr = true;
		stats_activity(ui->stats, ui_clock(ui), STATS_QR, st.source, st.id);
	}
	/* A long name takes the free row under it rather than being cut. */
	ui_wrap(ui, top, 1, width, 0, 2, UIC_HEADING, st.d.name);
	/* The blocks, wrapped, from line st.scroll on; a blank line before each section. */
	int y = top + 2, line = 0;
	for (int i = 0; i < st.n_blocks; i++) {
		const struct block *b = &st.blocks[i];
		if (b->role == UIC_HEADING && i > 0) {
			if (line >= st.scroll && y < bottom)
				y++;
			line++;
		}
		int skip = st.scroll > line ? st.scroll - line : 0, room = bottom - y;
		int n = ui_wrap(ui, y, 2, width, skip, room > 0 ? room : 0, b->role, b->text);
		int visible = n - skip < 0 ? 0 : n - skip;
		if (b->contact && visible > 0 && room > 0 && !st.counted_contact) {
			st.counted_contact = true;
			stats_activity(ui->stats, ui_clock(ui), STATS_CONTACT, st.source, st.id);
		}
		y += visible < room ? visible : (room > 0 ? room : 0);
		line += n;
	}
	st.lines = line;
	ui_pager(ui, top, rows, st.scroll + 1, st.page, st.lines);
	if (ui->admin && st.confirm_hide)
		ui_confirm(ui, bottom + 1, _("Hide this activity on this terminal?"),
			   _("Yes, hide (H)"));
	else if (ui->admin)
		ui_button(ui, bottom + 1, 2, 32, 1, _("H  Hide on this terminal"), false, TAG_HIDE);
	ui_footer(ui, ui->admin ? _("↑↓ scroll   H: hide on this terminal   Esc back")
				: _("↑↓ PgUp PgDn scroll   Esc back"));
}

/* In admin mode, H (twice) or the buttons hide this activity on this
 * terminal. */
static int hide(struct ui *ui)
{
	st.confirm_hide = false;
	char *err = NULL;
	bool ok = local_hide(ui->store, st.source, st.id, "ui", ui_clock(ui), &err);
	free(err);
	return ok ? UI_POP : UI_HANDLED;
}

static int key(struct ui *ui, int k)
{
	bool confirming = st.confirm_hide;
	st.confirm_hide = false;
	if ((k == 'h' || k == 'H') && ui->admin && st.found) {
		st.confirm_hide = !confirming;
		return confirming ? hide(ui) : UI_REDRAW;
	}
	if (confirming && k == UI_ESC)
		return UI_REDRAW; /* not hidden; Esc stays here */
	if (k == UI_KEY(KEY_F(6)))
		return print_slip(ui);
	int before = st.scroll;
	if (k == UI_KEY(KEY_DOWN))
		st.scroll++;
	else if (k == UI_KEY(KEY_UP))
		st.scroll--;
	else if (k == UI_KEY(KEY_NPAGE) || k == ' ')
		st.scroll += st.page > 1 ? st.page - 1 : 1;
	else if (k == UI_KEY(KEY_PPAGE))
		st.scroll -= st.page > 1 ? st.page - 1 : 1;
	else
		return UI_NONE;
	if (st.scroll > st.lines - st.page)
		st.scroll = st.lines - st.page;
	if (st.scroll < 0)
		st.scroll = 0;
	return st.scroll != before ? UI_REDRAW : UI_HANDLED;
}

static int mouse(struct ui *ui, int tag)
{
	bool confirming = st.confirm_hide;
	st.confirm_hide = false;
	if (tag == TAG_PRINT)
		return print_slip(ui);
	if (!ui->admin || !st.found)
		return UI_NONE;
	if (tag == UI_TAG_YES && confirming)
		return hide(ui);
	if (tag == TAG_HIDE) {
		st.confirm_hide = true;
		return UI_REDRAW;
	}
	return tag == UI_TAG_NO ? UI_REDRAW : UI_NONE;
}

/* A+ and A-: the same detail again at the new size. */
static void save(struct ui *ui, struct resume_state *rs)
{
	(void)ui;
	snprintf(rs->text[0], sizeof(rs->text[0]), "%s", st.source ? st.source : "");
	snprintf(rs->text[1], sizeof(rs->text[1]), "%s", st.id ? st.id : "");
}

static void resume(struct ui *ui, const struct resume_state *rs)
{
	struct detail_arg a = {.source = rs->text[0], .id = rs->text[1]};
	open_activity(ui, &a, false);
}

/* Listen: the activity's name, next dates, place, organiser, price and
 * the number to call. */
static char *speak(struct ui *ui)
{
	return st.found ? speech_activity(&st.d, ui->lang) : strdup(ui->title);
}

const struct screen detail_screen = {
    .name = "detail",
    .enter = enter,
    .leave = leave,
    .draw = draw,
    .key = key,
    .mouse = mouse,
    .reload = load,
    .save = save,
    .resume = resume,
    .speak = speak,
};
