/* SPDX-License-Identifier: EUPL-1.2 */
/* Screens drawn into an off-screen ncurses terminal (newterm writing to
 * /dev/null) at 80x24 and 132x43, driven through the real dispatcher, and
 * checked by reading back what the screen holds. */
#include "config.h"

#include "feed/feed_json.h"
#include "helpers.h"
#include "util/i18n.h"
#include "feed/recur.h"
#include "sync/status_file.h"
#include "sync/sync.h"
#include "util/settings.h"
#include "app/app.h"
#include "app/stats.h"
#include "local/local.h"
#include "local/pin.h"
#include "store/store.h"
#include "util/text.h"
#include "ui.h"
#include "keyboard.h"

#include <criterion/criterion.h>
#include <curses.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

static char *dir;
static struct store *st;
static struct settings cfg;
static struct ui ui;
static SCREEN *term;
static FILE *term_out, *term_in;

static void sync_demo(void)
{
	test_apply_demo(dir);
	char *err = NULL;
	struct source_status ok = {.last_attempt = TEST_NOW, .last_success = TEST_NOW};
	cr_assert(status_file_write(dir, "demo", &ok, &err));
}

/* A terminal of rows x cols of type term_name, and the UI on it. */
static void open_terminal(const char *term_name, int rows, int cols)
{
	char size[16];
	snprintf(size, sizeof(size), "%d", rows);
	setenv("LINES", size, 1);
	snprintf(size, sizeof(size), "%d", cols);
	setenv("COLUMNS", size, 1);
	term_out = fopen("/dev/null", "w");
	int p[2];
	cr_assert_eq(pipe(p), 0);
	term_in = fdopen(p[0], "r");
	term = newterm(term_name, term_out, term_in);
	cr_assert_not_null(term, "no terminfo for %s", term_name);
	set_term(term);
	ui_init(&ui, st, &cfg, dir, NULL, TEST_NOW);
	ui_draw(&ui);
}

static void setup(void)
{
	cr_assert(text_init());
	setenv("TZ", "Europe/Helsinki", 1);
	i18n_set_language("fi");
	dir = test_tmpdir();
	sync_demo();
	char *err = NULL;
	st = store_open(dir, STORE_READ, &err);
	cr_assert_not_null(st, "%s", err);
	settings_defaults(&cfg);
}

static void teardown(void)
{
	if (term) {
		ui_done(&ui);
		endwin();
		delscreen(term);
		fclose(term_out);
		fclose(term_in);
		term = NULL;
	}
	store_close(st);
	settings_free(&cfg);
	test_rmdir(dir);
	free(dir);
}

TestSuite(screens, .init = setup, .fini = teardown);

/* What the screen shows, rows joined with newlines (caller frees); every
 * row is checked to fit the width and to hold only whole characters. */
static char *shown(void)
{
	size_t cap = (size_t)(ui.rows * (ui.cols * 4 + 1) + 1), len = 0;
	char *out = malloc(cap);
	for (int y = 0; y < ui.rows; y++) {
		wchar_t row[512];
		mvinnwstr(y, 0, row, ui.cols < 511 ? ui.cols : 511);
		int width = wcswidth(row, wcslen(row));
		cr_assert_leq(width, ui.cols, "row %d is wider than the screen", y);
		cr_assert_geq(width, 0, "row %d holds a character that cannot be shown", y);
		for (const wchar_t *w = row; *w; w++)
			cr_assert_neq(*w, 0xFFFD, "a cut or broken character on row %d", y);
		size_t n = wcstombs(out + len, row, cap - len - 2);
		cr_assert_neq(n, (size_t)-1);
		len += n;
		out[len++] = '\n';
	}
	out[len] = '\0';
	return out;
}

#define assert_shows(text)                                                                         \
	do {                                                                                       \
		char *s_ = shown();                                                                \
		cr_assert(strstr(s_, text), "\"%s\" is not on the screen:\n%s", text, s_);         \
		free(s_);                                                                          \
	} while (0)

#define assert_not_shown(text)                                                                     \
	do {                                                                                       \
		char *s_ = shown();                                                                \
		cr_assert_null(strstr(s_, text), "\"%s\" is on the screen:\n%s", text, s_);        \
		free(s_);                                                                          \
	} while (0)

static void press(int key)
{
	ui_key(&ui, key);
	ui_draw(&ui);
}

/* Types keys, a character (not a byte) at a time. */
static void type(const char *keys)
{
	size_t len = strlen(keys);
	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t n = text_decode(keys + i, len - i, &cp);
		cr_assert_gt(n, 0);
		press(cp == '\n' ? UI_ENTER : (int)cp);
		i += n;
	}
}

/* Clicks `offset` columns right of the first place where text shows. */
static void click_on_at(const char *text, int offset)
{
	char *s = shown(), *at = strstr(s, text);
	cr_assert_not_null(at, "\"%s\" is not on the screen:\n%s", text, s);
	int y = 0;
	const char *line = s;
	for (const char *p = s; p < at; p++)
		if (*p == '\n')
			y++, line = p + 1;
	char *prefix = strndup(line, (size_t)(at - line));
	int x = text_display_width(prefix);
	free(prefix);
	free(s);
	ui_click(&ui, y, x + offset);
	ui_draw(&ui);
}

static void click_on(const char *text)
{
	click_on_at(text, 0);
}

static int count_blocks(void)
{
	char *s = shown();
	int n = 0;
	for (char *p = s; (p = strpbrk(p, "\xe2")); p++)
		n += !strncmp(p, "█", 3) || !strncmp(p, "▀", 3) || !strncmp(p, "▄", 3);
	free(s);
	return n;
}

Test(screens, attract_says_what_this_is_at_both_sizes)
{
	static const int sizes[][2] = {{24, 80}, {43, 132}};
	for (int i = 0; i < 2; i++) {
		open_terminal("xterm-256color", sizes[i][0], sizes[i][1]);
		assert_shows("Tervetuloa · Välkommen · Welcome");
		assert_shows("Tänään täällä");
		assert_shows("Omaishoitajien vertaisryhmä");
		assert_shows("Paina mitä tahansa näppäintä tai kosketa näyttöä");
		assert_shows("KIIREELLINEN: Sairaanhoitajan vastaanotto suljettu perjantaina");
		assert_shows("ti 24.11. 9.00  FI");
		teardown();
		setup();
	}
}

Test(screens, todays_listing_shows_dates_and_times)
{
	open_terminal("xterm-256color", 24, 80);
	press('x');
	assert_shows("Mitä haluat löytää?");
	press('1');
	assert_shows("· Tänään");
	assert_shows("ti 24.11. 9.00–15.00");
	assert_shows("Klubitalo: avoin päivätoiminta");
	press(UI_KEY(KEY_NPAGE));
	assert_shows("ti 24.11. 18.00–19.30");
	assert_shows("Omaishoitajien vertaisryhmä");
	assert_shows("Oulun seudun omaishoitajat ry");
}

Test(screens, cancelled_is_marked)
{
	open_terminal("xterm-256color", 43, 132);
	type("x6elokuva");
	assert_shows("PERUTTU");
	assert_shows("Elokuvailta ikäihmisille");
	press(UI_ENTER);
	assert_shows(" PERUTTU ");
}

/* A date with something of its own (its place that evening) says so
 * under the date; the other date does not. */
Test(screens, a_dates_own_note_is_shown_under_it)
{
	open_terminal("xterm-256color", 43, 132);
	type("x6ystävätoiminnan\n");
	assert_shows("Ystävätoiminnan peruskurssi");
	assert_shows("Tänä päivänä: Toinen ilta: seurakuntakeskuksen sali");
	char *s = shown();
	const char *first = strstr(s, "Tänä päivänä:");
	cr_assert_null(strstr(first + 1, "Tänä päivänä:"), "a note under both dates:\n%s", s);
	free(s);
}

/* A postponed event without a new date (a real Linked Events record of
 * Helsinki's, tests/data/corpus/linkedevents) says so where its time
 * would be, not "ongoing: contact the organiser". */
Test(screens, a_postponed_event_without_a_date_says_so)
{
	struct settings le;
	struct store *s = test_open_file_source(
	    dir,
	    TOP_SRCDIR "/tests/data/corpus/linkedevents/palvelutarjotin_event_with_location.json",
	    "linkedevents", &le);
	struct sync_result r;
	cr_assert_eq(sync_source(s, &le, &le.sources[0], TEST_NOW, &r), SYNC_APPLIED, "%s",
		     r.diag.error);
	sync_result_free(&r);
	store_close(s);
	settings_free(&le);
	open_terminal("xterm-256color", 43, 132);
	type("x6blick\n");
	assert_shows("Raija Malka & Kaija Saariaho: Blick");
	assert_shows("Siirretty: uutta aikaa ei ole vielä ilmoitettu.");
	char *shown_text = shown();
	cr_assert_null(strstr(shown_text, "Jatkuvaa toimintaa"), "%s", shown_text);
	free(shown_text);
}

/* At 80x24 beside its code a long name does not fit one row: it goes on
 * in the free row under it, never cut. */
Test(screens, a_long_name_takes_the_free_row_under_it)
{
	open_terminal("xterm-256color", 24, 80);
	type("x6asiointiapu\n");
	cr_assert_gt(count_blocks(), 150, "no QR code beside the text: the test shows nothing");
	char *s = shown();
	char *lines[24] = {0};
	int n = 0;
	for (char *line = strtok(s, "\n"); line && n < 24; line = strtok(NULL, "\n"))
		lines[n++] = line;
	/* Rows 0 and 1 are the header and the urgent notice; the name is on
	 * rows 2 and 3, whole. */
	cr_assert(n > 4);
	cr_assert(strstr(lines[2], "Asiointiapu:"), "%s", lines[2]);
	cr_assert_null(strstr(lines[2], "…"), "the name was cut: %s", lines[2]);
	cr_assert(strstr(lines[3], "palvelut"), "the name's end is not under it: %s", lines[3]);
	free(s);
}

Test(screens, detail_has_a_qr_code_and_every_section)
{
	static const int sizes[][2] = {{24, 80}, {43, 132}};
	for (int i = 0; i < 2; i++) {
		open_terminal("xterm-256color", sizes[i][0], sizes[i][1]);
		type("x6omaishoitajien vertais\n");
		assert_shows("Omaishoitajien vertaisryhmä");
		assert_shows("Skannaa puhelimella: lisätietoja");
		int blocks = count_blocks();
		cr_assert_gt(blocks, 150, "no QR code on the detail screen");
		press(UI_KEY(KEY_DOWN)); /* drawn again: the text stays beside the code */
		cr_assert_eq(count_blocks(), blocks,
			     "the text ran over the QR code when drawn again");
		press(UI_KEY(KEY_UP));
		assert_shows("Milloin");
		assert_shows("ti 24.11. 18.00–19.30");
		for (int k = 0; k < 40; k++)
			press(UI_KEY(KEY_DOWN));
		assert_shows("Yhdistyksen jäseneksi ei");
		assert_shows("Ei ennakkoilmoittautumista.");
		assert_shows("Kielet: suomi, ruotsi");
		teardown();
		setup();
	}
}

Test(screens, caregivers_this_week_by_mouse_alone)
{
	open_terminal("xterm-256color", 24, 80);
	click_on("Tervetuloa");
	click_on("Kenelle: elämäntilanteet");
	assert_shows("Valitse elämäntilanne:");
	click_on("Omaishoitajat");
	assert_shows("· Omaishoitajat");
	click_on("Näytä vain tämä viikko");
	click_on("Omaishoitajien vertaisryhmä");
	assert_shows("Skannaa puhelimella");
	click_on("Takaisin");
	assert_shows("· Omaishoitajat");
	click_on("Valikko");
	assert_shows("Mitä haluat löytää?");
}

Test(screens, search_finds_as_you_type_and_reset_forgets)
{
	open_terminal("xterm-256color", 43, 132);
	type("x6omais");
	assert_shows("Haku: omais▏");
	assert_shows("Omaishoitajien vertaisryhmä");
	type("q");
	/* "omaisq" finds nothing, but its first letters do: say which. */
	assert_shows("Ei löytynyt. Kokeile lyhyempää sanaa: ”omai”.");
	press(127); /* Backspace erases */
	assert_shows("Omaishoitajien vertaisryhmä");
	/* What the idle timeout does: everything forgotten. */
	ui_reset(&ui);
	ui_draw(&ui);
	assert_shows("Paina mitä tahansa");
	type("x6");
	assert_shows("Haku: ▏");
	assert_not_shown("Haku: omais");
	assert_not_shown("Omaishoitajien vertaisryhmä");
	/* Where no shorter word helps, none is suggested. */
	type("zzzxq");
	assert_shows("Ei löytynyt.");
	assert_not_shown("Kokeile");
}

/* The hint before typing gives examples in the visitor's language. */
Test(screens, the_search_hint_speaks_the_visitors_language)
{
	open_terminal("xterm-256color", 43, 132);
	i18n_set_language("en");
	ui_set_language(&ui, "en");
	type("x6");
	assert_shows("e.g. \"carer\", \"choir\" or \"food\"");
	type("choir");
	assert_not_shown("Nothing found");
	press(UI_ESC);
	ui_set_language(&ui, "fi");
	type("6");
	assert_shows("esim. \"omais\", \"kuoro\" tai \"ruoka\"");
}

Test(screens, language_stays_back_from_the_menu_and_the_idle_reset_restores_it)
{
	open_terminal("xterm-256color", 24, 80);
	type("x72");
	assert_shows("Vad vill du hitta?");
	assert_shows("SV");
	press('1');
	assert_shows("Gymgrupp för äldre");
	/* Back past the menu to the attract screen: still the visitor's. */
	press(UI_ESC);
	press(UI_ESC);
	cr_assert_eq(ui.depth, 1);
	assert_shows("SV");
	press('x');
	assert_shows("Vad vill du hitta?");
	/* Only the idle reset forgets it. */
	ui_reset(&ui);
	ui_draw(&ui);
	assert_shows("ti 24.11. 9.00  FI");
	press('x');
	assert_shows("Mitä haluat löytää?");
}

Test(screens, keys_back_and_home)
{
	open_terminal("xterm-256color", 24, 80);
	type("x4");
	press(UI_ENTER);
	assert_shows("Näytä vain tämä viikko");
	press(UI_ESC);
	assert_shows("Valitse elämäntilanne:");
	press(UI_ENTER);
	press(UI_KEY(KEY_HOME));
	assert_shows("Mitä haluat löytää?");
	press(UI_ESC);
	assert_shows("Paina mitä tahansa");
	/* Ctrl-C, Ctrl-Z and Ctrl-\ are keys like any other here. */
	press(3);
	press(26);
	press(28);
	assert_shows("Mitä haluat löytää?");
}

Test(screens, resizing_relays_out_never_garbled)
{
	open_terminal("xterm-256color", 43, 132);
	type("x6omaishoitajien vertais\n");
	resizeterm(24, 80);
	press(UI_KEY(KEY_RESIZE));
	assert_shows("Omaishoitajien vertaisryhmä");
	resizeterm(20, 60);
	press(UI_KEY(KEY_RESIZE));
	assert_shows("Ikkuna on liian pieni");
	resizeterm(30, 100);
	press(UI_KEY(KEY_RESIZE));
	assert_shows("Milloin");
}

Test(screens, board_in_priority_order_with_qr)
{
	open_terminal("xterm-256color", 43, 132);
	type("x5");
	assert_shows("! Sairaanhoitajan vastaanotto suljettu perjantaina");
	/* A finger on an announcement's text, not only its title, opens it. */
	click_on("Kiireellisissä asioissa soita");
	cr_assert_str_eq(ui_top(&ui)->name, "notice", "its body did not open it");
	press(UI_ESC);
	assert_shows("! Sairaanhoitajan vastaanotto suljettu perjantaina");
	assert_not_shown("Raahen kulttuuritalon"); /* another municipality's notice */
	press(UI_KEY(KEY_DOWN));
	assert_shows("Influenssarokotukset alkavat");
	cr_assert_gt(count_blocks(), 150, "the flu notice's address has no QR code");
}

/* The code points Debian's default console font has (tests/data). */
static bool in_console_font(wchar_t c, const char *table)
{
	char hex[16];
	snprintf(hex, sizeof(hex), "\n%04x\n", (unsigned)c);
	return c < 0x7F || strstr(table, hex);
}

/* Every character on the screen is one the console font has. */
static void assert_console_glyphs(const char *table, const char *where)
{
	for (int y = 0; y < ui.rows; y++) {
		wchar_t row[512];
		mvinnwstr(y, 0, row, ui.cols < 511 ? ui.cols : 511);
		for (const wchar_t *w = row; *w; w++)
			cr_assert(in_console_font(*w, table),
				  "%s, row %d: U+%04X is not in the console font", where, y,
				  (unsigned)*w);
	}
}

Test(screens, monochrome_and_linux_console)
{
	open_terminal("vt100", 24, 80);
	type("x1");
	assert_shows("ti 24.11. 9.00–15.00");
	press(UI_ESC);
	type("6omaishoitajien vertais\n");
	cr_assert_gt(count_blocks(), 150, "no QR code on a monochrome terminal");
	teardown();
	setup();
	/* The Linux console (tty1): only what its font has, everywhere. */
	char *path = test_path(getenv("top_srcdir") ? getenv("top_srcdir") : TOP_SRCDIR,
			       "tests/data/console-font-lat15-fixed16.txt");
	char *table = test_read_file(path, NULL);
	cr_assert_not_null(table, "%s is missing", path);
	static const int sizes[][2] = {{24, 80}, {43, 132}};
	for (int i = 0; i < 2; i++) {
		open_terminal("linux", sizes[i][0], sizes[i][1]);
		cr_assert(ui.console, "TERM=linux did not choose the console's glyphs");
		assert_console_glyphs(table, "attract");
		type("x");
		assert_console_glyphs(table, "menu");
		type("1");
		assert_shows("ti 24.11. 9.00–15.00");
		assert_console_glyphs(table, "today");
		press(UI_ESC);
		type("6omaishoitajien vertais\n");
		assert_shows("Omaishoitajien vertaisryhmä");
		assert_console_glyphs(table, "detail");
		if (sizes[i][0] >= 43) /* full blocks: the code needs the rows */
			cr_assert_gt(count_blocks(), 150, "no QR code on a %dx%d console",
				     sizes[i][1], sizes[i][0]);
		while (ui.depth > 2)
			press(UI_ESC);
		type("5");
		assert_console_glyphs(table, "board");
		press(UI_ESC);
		type("6");
		assert_console_glyphs(table, "search");
		press(UI_ADMIN_KEY);
		assert_shows("Syötä PIN-koodi:");
		assert_console_glyphs(table, "PIN pad");
		teardown();
		setup();
	}
	free(table);
	free(path);
}

Test(screens, says_when_the_data_may_be_old)
{
	struct source_status failing = {
	    .last_attempt = TEST_NOW, .last_success = TEST_NOW - 7200, .failures = 3};
	char error[] = "could not connect to the server";
	failing.error = error;
	char *err = NULL;
	cr_assert(status_file_write(dir, "demo", &failing, &err));
	open_terminal("xterm-256color", 24, 80);
	assert_shows("Tiedot päivitetty viimeksi ti 24.11. 7.00 – ei yhteyttä tietolähteeseen");
	press('x');
	assert_shows("· Valikko");
	press('8');
	assert_shows("could not connect to the server");
}

static void log_in(void)
{
	char *err = NULL;
	cr_assert(pin_set(st, "246824", "cli", TEST_NOW, &err), "%s", err);
	press(UI_ADMIN_KEY);
	assert_shows("Syötä PIN-koodi:");
	type("246824\n");
	assert_shows("YLLÄPITO · Ylläpito");
}

Test(screens, admin_hides_an_activity_from_its_detail)
{
	open_terminal("xterm-256color", 30, 100);
	log_in();
	press(UI_KEY(KEY_HOME));
	type("6kyläkahvila\n");
	assert_shows("H: piilota tältä päätteeltä");
	/* Asked first: Esc keeps it, a tap on Cancel too. */
	press('h');
	assert_shows("Piilotetaanko tämä toiminta tältä päätteeltä?");
	press(UI_ESC);
	assert_not_shown("Piilotetaanko");
	assert_shows("Pullakahvit ja kuulumisten vaihtoa.");
	click_on("Piilota tältä päätteeltä");
	click_on("Peruuta (Esc)");
	assert_not_shown("Piilotetaanko");
	assert_shows("Pullakahvit ja kuulumisten vaihtoa.");
	/* By touch alone: the button, then yes. */
	click_on("Piilota tältä päätteeltä");
	click_on("Kyllä, piilota (H)");
	assert_not_shown("Kyläkahvila");
	struct hidden_list l;
	char *err = NULL;
	cr_assert(local_hidden_list(st, "fi", &l, &err));
	cr_assert_eq(l.n, 1);
	cr_assert_str_eq(l.v[0].id, "demo:kylakahvila-liminka");
	hidden_list_free(&l);
	/* Back in the admin menu (no PIN while logged in): shown again. */
	press(UI_ADMIN_KEY);
	assert_shows("YLLÄPITO · Ylläpito");
	press('3');
	assert_shows("Kyläkahvila");
	press(UI_ENTER);
	assert_shows("Näkyy taas.");
}

/* The liaison person's "What was looked at": per organiser, the openings
 * of 7 and 30 days and the slips printed of its activities in 30. */
Test(screens, what_was_looked_at_counts_openings_and_slips)
{
	open_terminal("xterm-256color", 30, 100);
	ui.stats = stats_begin(dir, 60);
	cr_assert_not_null(ui.stats);
	const char *id = "demo:omaishoitajien-vertaisryhma";
	for (int i = 0; i < 3; i++)
		stats_activity(ui.stats, TEST_NOW, STATS_OPENED, "demo", id);
	for (int i = 0; i < 2; i++) {
		stats_activity(ui.stats, TEST_NOW, STATS_PRINTED, "demo", id);
		stats_slip(ui.stats, TEST_NOW);
	}
	/* A month ago: in the 30 days, not in the 7. */
	stats_activity(ui.stats, TEST_NOW - 20 * 86400, STATS_OPENED, "demo", id);
	log_in();
	press('5');
	assert_shows("  7 päivää 30 päivää  Lappuja  Järjestäjä");
	assert_shows("       3        4        2  Oulun seudun omaishoitajat ry");
	stats_end(ui.stats, st, TEST_NOW);
	ui.stats = NULL;
}

Test(screens, admin_edits_and_removes_with_confirmation)
{
	char *err = NULL;
	struct local_announcement a = {.title = "Kahvila peruttu", .priority = 1};
	cr_assert(local_announcement_add(st, &a, NULL, "cli", TEST_NOW, &err), "%s", err);
	open_terminal("xterm-256color", 30, 100);
	log_in();
	press('1');
	assert_shows("[1] Kahvila peruttu");
	press(UI_ENTER);
	assert_shows("Muokkaa tiedotetta");
	assert_shows("Kahvila peruttu");
	type(" tällä viikolla");
	press(UI_KEY(KEY_F(2)));
	assert_shows("[1] Kahvila peruttu tällä viikolla");
	press('d');
	assert_shows("Poistetaanko \"Kahvila peruttu tällä viikolla\"?");
	press(UI_ESC); /* asked, not removed */
	assert_not_shown("Poistetaanko");
	assert_shows("[1] Kahvila peruttu tällä viikolla");
	press('d');
	assert_shows("Poistetaanko \"Kahvila peruttu tällä viikolla\"?");
	press('d');
	assert_shows("Poistettu.");
	assert_shows("Ei paikallisia tiedotteita.");
	/* By touch: the row's Remove, then yes. */
	cr_assert(local_announcement_add(st, &a, NULL, "cli", TEST_NOW, &err), "%s", err);
	press(UI_ESC);
	press('1');
	assert_shows("[1] Kahvila peruttu");
	click_on("Poista");
	assert_shows("Poistetaanko \"Kahvila peruttu\"?");
	click_on("Kyllä, poista (D)");
	assert_shows("Poistettu.");
	assert_shows("Ei paikallisia tiedotteita.");
	/* Esc in the admin menu logs out. */
	press(UI_ESC);
	cr_assert(ui.admin);
	press(UI_ESC);
	cr_assert_not(ui.admin);
	assert_shows("Paina mitä tahansa");
}

Test(screens, admin_mode_lasts_two_minutes_idle)
{
	struct app app;
	cr_assert(app_init(&app, &cfg, dir, NULL, "aulataulu", TEST_NOW, -1));
	open_terminal("xterm-256color", 24, 80);
	ui.app = &app;
	cr_assert_eq(app.idle_timeout, 90);
	ui_set_admin(&ui, true);
	cr_assert_eq(app.idle_timeout, 120);
	ui_reset(&ui); /* what the idle hook does */
	cr_assert_not(ui.admin);
	cr_assert_eq(app.idle_timeout, 90);
	ui.app = NULL;
	app_cleanup(&app);
}

Test(screens, the_pin_prompt_takes_taps)
{
	char *err = NULL;
	cr_assert(pin_set(st, "246824", "cli", TEST_NOW, &err), "%s", err);
	open_terminal("xterm-256color", 30, 100);
	press('x');
	for (int i = 0; i < 5; i++) /* five taps on the clock */
		click_on("ti 24.11. 9.00");
	assert_shows("Syötä PIN-koodi:");
	/* The keypad's rows: "1   2   3" and so on. */
	click_on("2             3");
	click_on("4             5");
	click_on_at("5             6", 14);
	click_on("8             9");
	click_on("2             3");
	click_on("4             5");
	assert_shows("● ● ● ● ● ●");
	click_on("OK");
	assert_shows("YLLÄPITO · Ylläpito");
}

Test(screens, an_expired_feed_stays_on_screen_with_a_warning)
{
	/* A week and a day on: the demo feed's expires_at has passed. */
	int64_t later = TEST_NOW + 8 * 86400;
	struct source_status ok = {.last_attempt = later, .last_success = later};
	char *err = NULL;
	cr_assert(status_file_write(dir, "demo", &ok, &err));
	open_terminal("xterm-256color", 24, 80);
	ui_refresh_state(&ui, later);
	ui.dirty = true;
	ui_draw(&ui);
	assert_shows("Tiedot voivat olla vanhentuneita.");
	press('x');
	press('2');
	assert_shows("Klubitalo: avoin päivätoiminta"); /* the data is still shown */
}

Test(screens, no_escape_sequence_reaches_the_screen)
{
	/* A second source whose texts try every trick. */
	char *text = test_read_file(TOP_SRCDIR "/tests/data/minimal-feed.json", NULL);
	text = test_replace(text, "\"Vertaisryhmä\"",
			    "\"Evil\\u001b[2J\\u001b]8;;http://x\\u0007\\u009b31m\\u202e\\u200b"
			    "\\r\\n\\u0007ryhmä\"");
	text = test_replace(text, "\"Tervetuloa\"", "\"Hei\\u001bc\\u001b[12;2]\\u009dX\"");
	struct diag d = {0};
	struct feed *f = feed_json_parse(text, strlen(text), &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert(recur_expand_feed(f, TEST_NOW - 86400, TEST_NOW + 60 * 86400, NULL));
	char *err = NULL;
	store_close(st);
	struct store *w = store_open(dir, STORE_SYNC, &err);
	struct source_state state = {.fetched_at = TEST_NOW};
	cr_assert(store_apply_feed(w, "evil", f, &state, &err), "%s", err);
	store_close(w);
	st = store_open(dir, STORE_READ, &err);
	feed_free(f);
	diag_clear(&d);
	free(text);
	open_terminal("xterm-256color", 43, 132);
	type("x6evil");
	assert_shows("Evil[2J]8;;http://x31m ryhmä");
	press(UI_ENTER);
	assert_shows("Evil[2J]8;;http://x31m ryhmä");
	press(UI_ESC);
	press(UI_ESC);
	press('5');
	press(UI_KEY(KEY_DOWN)); /* the urgent notice and the flu one come first */
	press(UI_KEY(KEY_DOWN));
	assert_shows("Heic[12;2]X"); /* ESC and the C1 byte gone; the rest is text */
	char *s = shown();
	/* curses would show a control character as ^[ or ^G. */
	cr_assert_null(strstr(s, "^["), "%s", s);
	cr_assert_null(strstr(s, "^G"), "%s", s);
	cr_assert_null(strstr(s, "\u202e"));
	free(s);
}

/* What Listen says on each of the visitor's screens (screen.h speak):
 * what the screen shows, in its language. */
static char *said(void)
{
	const struct screen *top = ui_top(&ui);
	cr_assert_not_null(top->speak, "%s says nothing of its own", top->name);
	char *text = top->speak(&ui);
	cr_assert_not_null(text);
	return text;
}

Test(screens, listen_says_what_each_screen_shows)
{
	open_terminal("xterm-256color", 30, 100);
	type("x");
	char *t = said();
	cr_assert(strstr(t, "1, Tänään.") && strstr(t, "6, Haku."), "the menu: %s", t);
	free(t);
	type("7");
	assert_shows("Valitse kieli");
	t = said();
	cr_assert(strstr(t, "Valitse kieli.") && strstr(t, "1  Suomi.") && strstr(t, "3  English."),
		  "the languages: %s", t);
	free(t);
	press(UI_ESC);
	type("8");
	assert_shows("Tietoa tästä päätteestä");
	t = said();
	cr_assert(!strncmp(t, "Tietoa tästä päätteestä. ", 26) &&
		      strstr(t, "Päivitetty viimeksi: "),
		  "about: %s", t);
	free(t);
	press(UI_ESC);
	type("4");
	assert_shows("Valitse elämäntilanne:");
	t = said();
	cr_assert(strstr(t, "1, ") && strstr(t, "Omaishoitajat"), "life situations: %s", t);
	free(t);
	press(UI_ESC);
	type("6omaishoitajien vertais");
	assert_shows("Omaishoitajien vertaisryhmä");
	t = said();
	cr_assert(!strncmp(t, "Omaishoitajien vertaisryhmä.", 28) && strstr(t, "kello 18"),
		  "the search's result: %s", t);
	free(t);
	press(UI_ENTER);
	assert_shows("Skannaa puhelimella");
	t = said();
	cr_assert(strstr(t, "Puhelin: 0 4 0, 1 2 3, 4 5 0 1.") && strstr(t, "Järjestäjä:"),
		  "the activity: %s", t);
	free(t);
}

/* A touch-only terminal has only the on-screen keyboard to write with:
 * at 80x24 (an urgent notice in the header) its keys are 2 rows high and
 * at least 3 columns wide, as the search's are. */
Test(screens, the_editors_keys_are_for_fingers_at_80x24)
{
	open_terminal("xterm-256color", 24, 80);
	log_in();
	press('2');
	assert_shows("Uusi tiedote");
	int keys = 0;
	for (int i = 0; i < ui.n_hits; i++) {
		if (ui.hits[i].tag < KEYBOARD_TAGS || ui.hits[i].tag >= KEYBOARD_TAGS + 1000)
			continue;
		keys++;
		cr_assert_geq(ui.hits[i].h, 2, "a key %d row high at (%d, %d)", ui.hits[i].h,
			      ui.hits[i].y, ui.hits[i].x);
		cr_assert_geq(ui.hits[i].w, 3, "a key %d columns wide at (%d, %d)", ui.hits[i].w,
			      ui.hits[i].y, ui.hits[i].x);
	}
	cr_assert_gt(keys, 40, "no on-screen keyboard in the editor at 80x24");
}

/* Ctrl-A in the editor, then "New announcement", then back: the first
 * editor came back empty (both instances shared one state). */
Test(screens, a_second_instance_never_overwrites_a_draft)
{
	open_terminal("xterm-256color", 30, 100);
	log_in();
	press('2');
	assert_shows("Uusi tiedote");
	type("Luonnos jota ei saa kadottaa");
	press(UI_ADMIN_KEY); /* the admin menu is already open under the editor */
	assert_shows("Luonnos jota ei saa kadottaa");
	press('2');
	assert_shows("Luonnos jota ei saa kadottaa");
	press(UI_KEY(KEY_F(2)));
	press('1');
	assert_shows("Luonnos jota ei saa kadottaa");
}

/* Nothing cut silently: at 80 columns a list entry's second line that does
 * not fit ends with "…" after a whole word ("· ma" for "maksuton" read as
 * Monday), and no line ends in half a word of it. */
Test(screens, shortened_text_says_so_and_never_shows_half_a_word)
{
	open_terminal("xterm-256color", 24, 80);
	press('x');
	press('2'); /* this week: long organiser and place lines */
	assert_shows("· Tällä viikolla");
	char *s = shown();
	int cut = 0;
	for (char *line = strtok(s, "\n"); line; line = strtok(NULL, "\n")) {
		char *end = line + strlen(line);
		while (end > line && end[-1] == ' ')
			end--;
		*end = '\0';
		if (end - line >= 3 && !strcmp(end - 3, "…"))
			cut++;
		static const char *const halves[] = {"· m", "· ma", "· mak", "· maks", "· maksu"};
		for (size_t i = 0; i < sizeof(halves) / sizeof(*halves); i++) {
			size_t n = strlen(halves[i]);
			cr_assert((size_t)(end - line) < n || strcmp(end - n, halves[i]),
				  "a word cut in half: \"%s\"", line);
		}
	}
	cr_assert_gt(cut, 0, "no line at 80 columns was shortened: the test shows nothing");
	free(s);
}

/* "Tänään" was read once: past midnight it still showed yesterday. */
Test(screens, today_rolls_over_at_midnight)
{
	open_terminal("xterm-256color", 60, 120); /* the whole day on one page */
	type("x1");
	assert_shows("Omaishoitajien vertaisryhmä"); /* Tuesdays at 18 */
	/* Wednesday morning, the kiosk never touched. */
	ui_refresh_state(&ui, TEST_NOW + 86400);
	ui_draw(&ui);
	assert_not_shown("Omaishoitajien vertaisryhmä");
	assert_shows("ke 25.11.");
}

/* The pager's "last/total" of the list shown (its entries last-page+1 to
 * last of total), or "" when everything fits. */
static void pager_text(char *out, size_t size)
{
	char *s = shown(), *p = s;
	*out = '\0';
	for (char *line = strtok(s, "\n"); line; line = strtok(NULL, "\n")) {
		int last, total, end = 0;
		for (p = line; *p; p++)
			if (sscanf(p, "%d/%d%n", &last, &total, &end) == 2 && end > 0 &&
			    (p == line || p[-1] == ' '))
				break;
		if (*p) {
			snprintf(out, size, "%d/%d", last, total);
			break;
		}
	}
	free(s);
}

/* After midnight "Tänään" is another day's list: it starts at its top, as
 * it does when opened anew, not where the last day's list was scrolled. */
Test(screens, a_new_days_list_starts_at_its_top)
{
	open_terminal("xterm-256color", 24, 80);
	type("x1");
	char top[32], scrolled[32], after[32], fresh[32];
	pager_text(top, sizeof(top));
	cr_assert_neq(*top, '\0', "today's list fits one page: the test shows nothing");
	press(UI_KEY(KEY_NPAGE));
	press(UI_KEY(KEY_NPAGE));
	pager_text(scrolled, sizeof(scrolled));
	cr_assert_str_neq(scrolled, top, "PgDn did not scroll");
	/* Wednesday morning, nobody touched it. */
	ui_refresh_state(&ui, TEST_NOW + 86400);
	ui_draw(&ui);
	assert_shows(" 25.11. 9.00");
	pager_text(after, sizeof(after));
	press(UI_ESC);
	type("1");
	pager_text(fresh, sizeof(fresh));
	cr_assert_str_eq(after, fresh, "the new day's list was not at its top (%s, opened anew %s)",
			 after, fresh);
}

/* The 16 colours of a terminal, as 0xRRGGBB; bright: whether bold text in
 * colours 0-7 is drawn in 8-15. */
struct palette {
	const char *name;
	unsigned rgb[16];
	bool bold_is_bright;
};

/* The Linux console: the kernel's default palette (drivers/tty/vt/vt.c,
 * /sys/module/vt/parameters/default_{red,grn,blu}); bold is bright. xterm
 * 379: /etc/X11/app-defaults/XTerm-color (red3, green3, yellow3, blue2,
 * magenta3, cyan3, gray90; gray50 ...), boldColors true. foot 1.13.1:
 * /etc/xdg/foot/foot.ini's defaults, bold-text-in-bright=no. */
static const struct palette palettes[] = {
    {"linux",
     {0x000000, 0xaa0000, 0x00aa00, 0xaa5500, 0x0000aa, 0xaa00aa, 0x00aaaa, 0xaaaaaa, 0x555555,
      0xff5555, 0x55ff55, 0xffff55, 0x5555ff, 0xff55ff, 0x55ffff, 0xffffff},
     true},
    {"xterm",
     {0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5, 0x7f7f7f,
      0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff},
     true},
    {"foot",
     {0x222222, 0xcc9393, 0x7f9f7f, 0xd0bf8f, 0x6ca0a3, 0xdc8cc3, 0x93e0e3, 0xdcdccc, 0x666666,
      0xdca3a3, 0xbfebbf, 0xf0dfaf, 0x8cd0d3, 0xfcace3, 0xb3ffff, 0xffffff},
     false},
};

/* WCAG 2's relative luminance of 0xRRGGBB. */
static double luminance(unsigned rgb)
{
	double c[3];
	for (int i = 0; i < 3; i++) {
		double v = (double)((rgb >> (16 - 8 * i)) & 0xff) / 255.0;
		c[i] = v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
	}
	return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

static double contrast(unsigned a, unsigned b)
{
	double la = luminance(a), lb = luminance(b);
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* Every role of both themes, as curses really has it (its colour pair and
 * attributes), is at least 7:1 (WCAG AAA) on every palette: bold black on
 * yellow was dark grey on brown (1.4:1) on tty1. */
Test(screens, every_colour_pair_is_7_to_1_on_the_console_xterm_and_foot)
{
	static const char *const themes[] = {"normal", "high-contrast"};
	for (size_t t = 0; t < 2; t++) {
		free(cfg.theme);
		cfg.theme = strdup(themes[t]);
		open_terminal("xterm-256color", 24, 80);
		cr_assert(ui.colours);
		for (int role = 0; role < UIC_COUNT; role++) {
			attr_t attr = (attr_t)ui_attr((enum ui_role)role);
			short fg, bg;
			cr_assert_eq(pair_content((short)PAIR_NUMBER(attr), &fg, &bg), OK);
			cr_assert(fg >= 0 && fg < 8 && bg >= 0 && bg < 8, "role %d: %d on %d", role,
				  fg, bg);
			if (attr & A_REVERSE) {
				short swap = fg;
				fg = bg;
				bg = swap;
			}
			for (size_t p = 0; p < sizeof(palettes) / sizeof(*palettes); p++) {
				int shown =
				    fg + ((attr & A_BOLD) && palettes[p].bold_is_bright ? 8 : 0);
				double ratio =
				    contrast(palettes[p].rgb[shown], palettes[p].rgb[bg]);
				cr_assert_geq(ratio, 7.0, "%s theme, role %d on %s: %.2f:1",
					      themes[t], role, palettes[p].name, ratio);
			}
		}
		teardown();
		setup();
	}
}

/* The warning before the idle reset comes for every timeout: 10 s before
 * it from 30 s on, a third of a shorter one. */
Test(screens, the_idle_warning_comes_for_every_idle_timeout)
{
	cr_assert_eq(app_idle_warning_ms(5), 1666);
	cr_assert_eq(app_idle_warning_ms(29), 9666);
	cr_assert_eq(app_idle_warning_ms(30), 10000);
	cr_assert_eq(app_idle_warning_ms(31), 10000);
	cr_assert_eq(app_idle_warning_ms(3600), 10000);
}

/* The cell attributes at row y, column x (characters, not bytes). */
static attr_t attr_at(int y, int x)
{
	cchar_t c;
	cr_assert_eq(mvin_wch(y, x, &c), OK);
	attr_t attrs;
	short pair;
	wchar_t w[CCHARW_MAX + 1];
	cr_assert_eq(getcchar(&c, w, &attrs, &pair, NULL), OK);
	return (attrs & ~A_COLOR) | (attr_t)COLOR_PAIR(pair);
}

/* In the footer, the buttons (‹ Takaisin, ⌂ Valikko) look like buttons and
 * the key hints beside them do not: nothing looks like a button that is
 * not one. */
Test(screens, only_the_footers_buttons_look_like_buttons)
{
	open_terminal("xterm-256color", 24, 80);
	type("x6omaishoitajien vertais\n");
	assert_shows("Esc");
	char *s = shown();
	const char *last = strrchr(s, '\n');
	cr_assert_not_null(last);
	while (last > s && last[-1] != '\n')
		last--; /* the footer: the screen's last row */
	char *row = strndup(last, (size_t)(strchr(last, '\n') - last));
	const char *esc = strstr(row, "Esc"), *back = strstr(row, "Takaisin");
	cr_assert(esc && back, "footer: %s", row);
	char *before = strndup(row, (size_t)(esc - row));
	int esc_x = text_display_width(before);
	free(before);
	before = strndup(row, (size_t)(back - row));
	int back_x = text_display_width(before);
	free(before);
	attr_t button = (attr_t)ui_attr(UIC_BUTTON);
	cr_assert_eq(attr_at(ui.rows - 1, back_x) & (A_COLOR | A_REVERSE),
		     button & (A_COLOR | A_REVERSE), "the Back button does not look like one");
	cr_assert_neq(attr_at(ui.rows - 1, esc_x) & (A_COLOR | A_REVERSE),
		      button & (A_COLOR | A_REVERSE), "a key hint looks like a button: %s", row);
	free(row);
	free(s);
}

/* The search's keyboard is for fingers: at 80x24 every key is at least 3
 * columns by 2 rows, in three rows: the letters with å ä ö, the digits and
 * the dash, space, erase and clear; "ruoka-apua" is typed by taps alone,
 * and clear empties the search. */
Test(screens, the_search_keyboard_is_for_fingers)
{
	open_terminal("xterm-256color", 24, 80);
	type("x6");
	char *s = shown();
	static const char *const rows[] = {"a   b   c", "p   q   r", "1   2   3"};
	attr_t button = (attr_t)ui_attr(UIC_BUTTON) & (A_COLOR | A_REVERSE);
	for (size_t r = 0; r < 3; r++) {
		const char *at = strstr(s, rows[r]);
		cr_assert_not_null(at, "no keyboard row \"%s\":\n%s", rows[r], s);
		int y = 0;
		const char *line = s;
		for (const char *p = s; p < at; p++)
			if (*p == '\n')
				y++, line = p + 1;
		char *before = strndup(line, (size_t)(at - line));
		int x = text_display_width(before);
		free(before);
		/* The key of the row's first label: 3 columns, 2 rows. */
		for (int dy = -1; dy <= 0; dy++)
			for (int dx = -1; dx <= 1; dx++)
				cr_assert_eq(attr_at(y + dy, x + dx) & (A_COLOR | A_REVERSE),
					     button, "row \"%s\": the key is smaller than 3x2",
					     rows[r]);
	}
	cr_assert(strstr(s, "å   ä   ö"), "no å ä ö:\n%s", s);
	cr_assert(strstr(s, "Tyhjennä") && strstr(s, "Välilyönti") && strstr(s, "⌫"), "%s", s);
	cr_assert(strstr(s, "0   -"), "no dash beside the digits:\n%s", s);
	free(s);
	static const char *const word[] = {"r", "u", "o", "k", "a", "-", "a", "p", "u", "a"};
	for (size_t i = 0; i < sizeof(word) / sizeof(*word); i++) {
		char *now = shown();
		/* The key's label on the keyboard rows (the bottom seven). */
		const char *from = now;
		for (int y = 0; y < ui.rows - 8; y++)
			from = strchr(from, '\n') + 1;
		char pattern[8];
		snprintf(pattern, sizeof(pattern), " %s ", word[i]);
		const char *at = strstr(from, pattern);
		cr_assert_not_null(at, "no key %s", word[i]);
		free(now);
		click_on_at(pattern, 1);
	}
	assert_shows("Haku: ruoka-apua▏");
	assert_shows("Ruoka-apu");
	click_on("Tyhjennä");
	assert_shows("Haku: ▏");
}
