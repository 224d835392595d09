/* SPDX-License-Identifier: EUPL-1.2 */
/* kiosk: the app loop driving the screens. */
#include "config.h"

#include "kiosk.h"

#include "app/app.h"
#include "cli/cli.h"
#include "util/i18n.h"
#include "local/local.h"
#include "app/metrics.h"
#include "app/printjob.h"
#include "app/speaker.h"
#include "model/model.h"
#include "model/model_memo.h"
#include "app/screen_report.h"
#include "app/stats.h"
#include "app/terminal_input.h"
#include "util/timefmt.h"
#include "ui.h"

#include <curses.h>
#include <malloc.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <syslog.h>
#include <unistd.h>

struct kiosk {
	struct app app;
	struct ui ui;
	struct speaker speaker;	  /* Listen */
	struct printjob printjob; /* Print */
	int64_t maintained, metrics_at;
	bool pressed; /* a finger is down, at press_row, press_col */
	int press_row, press_col;
	/* make bench (AULATAULU_TIMING): each input answered and drawn, in ms
	 * from its reading to the screen's update, by its kind and the screen
	 * it left drawn: "timing: input KIND SCREEN MS". */
	bool timing;
	const char *timed_kind; /* NULL: nothing waits to be drawn */
	double timed_from;
};

/* An input of kind came (or the idle reset, or new data): timed until the
 * next drawing. The first of a batch read at once is its start. */
static void time_input(struct kiosk *k, const char *kind)
{
	if (!k->timing)
		return;
	if (!k->timed_kind)
		k->timed_from = timefmt_monotonic_ms();
	k->timed_kind = kind;
}

/* A finger that moves this many rows between press and release swipes
 * (scrolls a row for each); one that stays this near taps; between, or
 * slid sideways off what it pressed, nothing: a tap can be taken back. */
#define SWIPE_ROWS 2
#define TAP_COLS 3

/* A press, a release or the wheel, decoded by ncurses or by us. A tap
 * acts when the finger lifts where it pressed, as on a phone; a swipe
 * scrolls as the wheel does. */
static void on_mouse(struct kiosk *k, enum terminal_input what, int row, int col)
{
	static const char *const kinds[] = {[TERMINAL_PRESS] = "press",
					    [TERMINAL_RELEASE] = "tap",
					    [TERMINAL_WHEEL_UP] = "wheel",
					    [TERMINAL_WHEEL_DOWN] = "wheel"};
	if (what < sizeof(kinds) / sizeof(*kinds) && kinds[what])
		time_input(k, kinds[what]);
	if (what == TERMINAL_PRESS) {
		k->pressed = true;
		k->press_row = row, k->press_col = col;
	} else if (what == TERMINAL_RELEASE && k->pressed) {
		k->pressed = false;
		int rows = row - k->press_row, cols = abs(col - k->press_col);
		if (abs(rows) >= SWIPE_ROWS)
			for (int i = 0; i < abs(rows); i++) /* a swipe down shows what is above */
				ui_key(&k->ui, UI_KEY(rows > 0 ? KEY_UP : KEY_DOWN));
		else if (rows == 0 && cols < TAP_COLS)
			ui_click(&k->ui, k->press_row, k->press_col);
	} else if (what == TERMINAL_WHEEL_UP) {
		ui_key(&k->ui, UI_KEY(KEY_UP));
	} else if (what == TERMINAL_WHEEL_DOWN) {
		ui_key(&k->ui, UI_KEY(KEY_DOWN));
	}
}

/* An ESC that ncurses matched to no key: the rest of its sequence, read
 * as it comes (a terminal writes one at once; a short wait covers a split
 * write), decoded whole: a tap in the other mouse encoding than TERM
 * names, or a sequence to drop; ESC alone is the Escape key. */
static void read_escape(struct kiosk *k)
{
	unsigned seq[TERMINAL_INPUT_MAX + 2] = {27};
	size_t len = 1;
	int row, col, rc = OK;
	wint_t ch = 0;
	enum terminal_input what;
	timeout(30);
	while ((what = terminal_input_decode(seq, len, &row, &col)) == TERMINAL_MORE) {
		rc = get_wch(&ch);
		if (rc == ERR || rc == KEY_CODE_YES) {
			what = len == 1 ? TERMINAL_ESCAPE : TERMINAL_DROP;
			break;
		}
		seq[len++] = (unsigned)ch;
	}
	nodelay(stdscr, TRUE);
	if (what == TERMINAL_ESCAPE) {
		ui_key(&k->ui, 27);
		if (len > 1) /* the key after it is a key of its own */
			ui_key(&k->ui, (int)seq[len - 1]);
	} else {
		on_mouse(k, what, row, col);
	}
	if (rc == KEY_CODE_YES) /* a key that cut the sequence short */
		ui_key(&k->ui, UI_KEY((int)ch));
}

static void on_input(void *ctx)
{
	struct kiosk *k = ctx;
	wint_t ch;
	int rc;
	while ((rc = get_wch(&ch)) != ERR) {
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
			ui_key(&k->ui, UI_KEY(KEY_RESIZE));
			continue;
		}
		app_note_input(&k->app);
		if (rc == KEY_CODE_YES && ch == KEY_MOUSE) {
			MEVENT ev;
			if (getmouse(&ev) != OK)
				continue;
			if (ev.bstate & BUTTON1_CLICKED) { /* both at once */
				on_mouse(k, TERMINAL_PRESS, ev.y, ev.x);
				on_mouse(k, TERMINAL_RELEASE, ev.y, ev.x);
				continue;
			}
			on_mouse(k,
				 ev.bstate & BUTTON1_PRESSED	? TERMINAL_PRESS
				 : ev.bstate & BUTTON1_RELEASED ? TERMINAL_RELEASE
				 : ev.bstate & BUTTON4_PRESSED	? TERMINAL_WHEEL_UP
				 : ev.bstate & BUTTON5_PRESSED	? TERMINAL_WHEEL_DOWN
								: TERMINAL_DROP,
				 ev.y, ev.x);
		} else if (rc == OK && ch == 27) {
			time_input(k, "key");
			read_escape(k);
		} else {
			time_input(k, "key");
			ui_key(&k->ui, rc == KEY_CODE_YES ? UI_KEY((int)ch) : (int)ch);
		}
	}
}

/* The metrics file (metrics_file), at start, every few minutes and at
 * the end, beside the one every sync writes. */
#define METRICS_EVERY (5 * 60)

/* screen.json: what is shown, for aulataulu screen and the metrics. */
static void write_report(struct kiosk *k)
{
	struct screen_report r;
	char *err = NULL;
	ui_report(&k->ui, &r);
	if (!screen_report_write(k->app.data_dir, &r, &err))
		syslog(LOG_WARNING, "%s", err ? err : "?");
	free(err);
	screen_report_free(&r);
}

static void on_report(void *ctx)
{
	write_report(ctx);
}

static void write_metrics(struct kiosk *k)
{
	char *err = NULL;
	if (k->app.cfg->metrics_file && metrics_kiosk_pid(k->app.data_dir) > 0)
		write_report(k);
	/* To the journal: nothing is printed onto the patients' screen. */
	if (!metrics_write(k->app.cfg, k->app.data_dir, k->ui.store, app_now(&k->app), &err))
		syslog(LOG_WARNING, "%s", err ? err : "?");
	free(err);
	k->metrics_at = app_now(&k->app);
}

static void on_tick(void *ctx)
{
	struct kiosk *k = ctx;
	/* A resize whose SIGWINCH came while the loop was not waiting in
	 * poll() is pending in ncurses until the next read: read now (the
	 * terminal is non-blocking), or the screen keeps the old size. */
	on_input(ctx);
	long version = k->ui.data_version;
	double tick_from = timefmt_monotonic_ms();
	ui_tick(&k->ui);
	if (k->timing && k->ui.data_version != version && !k->timed_kind) {
		k->timed_kind = "new-data"; /* a sync committed: the screen read again */
		k->timed_from = tick_from;
	}
	/* Housekeeping once an hour: purge old local announcements, daily backup. */
	int64_t now = app_now(&k->app);
	if (now - k->maintained >= 3600) {
		/* Never from a stand-in for a local.db that cannot be used. */
		if (!model_local_problem(k->ui.store))
			local_maintain(k->ui.store, k->app.data_dir, now);
		k->maintained = now;
	}
	if (now - k->metrics_at >= METRICS_EVERY)
		write_metrics(k);
	char *err = NULL; /* at most once a minute: flash storage is spared */
	if (!stats_flush(k->ui.stats, k->ui.store, now, false, &err))
		syslog(LOG_WARNING, "%s", err ? err : "?");
	free(err);
}

static void on_idle(void *ctx)
{
	struct kiosk *k = ctx;
	time_input(k, "idle-reset");
	ui_reset(&k->ui);
}

static void on_idle_soon(void *ctx)
{
	struct kiosk *k = ctx;
	ui_warn_idle(&k->ui);
}

static void on_sync_done(void *ctx)
{
	struct kiosk *k = ctx;
	ui_data_changed(&k->ui);
}

static void on_draw(void *ctx)
{
	struct kiosk *k = ctx;
	ui_draw(&k->ui);
	if (k->timed_kind) {
		fprintf(stderr, "timing: input %s %s %.3f\n", k->timed_kind, ui_top(&k->ui)->name,
			timefmt_monotonic_ms() - k->timed_from);
		k->timed_kind = NULL;
	}
}

/* Each search as you type builds its results in a few MB and frees them:
 * kept by malloc rather than returned to the kernel, they are reused
 * without faulting fresh pages in (a third of a search at 10,000
 * activities on the CI machine, where every fault traps). */
static void keep_freed_memory(void)
{
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
}

/* --bench-startup: the first screen drawn into an 80x24 terminal that
 * writes to /dev/null, then out: start-up as a patient would see it. */
static int bench_startup(struct cli *c, struct store *s)
{
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	setenv("LINES", "24", 1);
	setenv("COLUMNS", "80", 1);
	SCREEN *term = out && in ? newterm("xterm-256color", out, in) : NULL;
	if (!term) {
		cli_error("--bench-startup: no off-screen terminal");
		return EXIT_FAILED;
	}
	set_term(term);
	struct ui *ui = calloc(1, sizeof(*ui));
	double start = timefmt_monotonic_ms();
	ui_init(ui, s, &c->cfg, c->data_dir, NULL, c->now);
	ui_draw(ui);
	cli_report_time(start);
	/* AULATAULU_BENCH_TYPE=WORD: then WORD typed into the search a letter
	 * at a time, each key answered and drawn, as in the running kiosk. */
	const char *word = getenv("AULATAULU_BENCH_TYPE");
	if (word) {
		keep_freed_memory(); /* as kiosk_run */
		ui_key(ui, ' ');     /* the attract screen: on to the menu */
		double opening = timefmt_monotonic_ms();
		ui_key(ui, '6'); /* the menu's search, which reads what it searches */
		ui_draw(ui);
		fprintf(stderr, "timing: search opens %.3f ms\n", timefmt_monotonic_ms() - opening);
		double slowest = 0;
		for (const unsigned char *p = (const unsigned char *)word; *p; p++) {
			double t0 = timefmt_monotonic_ms();
			ui_key(ui, *p);
			ui_draw(ui);
			double t = timefmt_monotonic_ms() - t0;
			slowest = t > slowest ? t : slowest;
		}
		fprintf(stderr, "timing: keystroke %.3f ms\n", slowest);
	}
	ui_done(ui);
	endwin();
	delscreen(term);
	fclose(out);
	fclose(in);
	free(ui);
	return EXIT_OK;
}

int kiosk_run(struct cli *c, struct store *s)
{
	if (c->bench_startup)
		return bench_startup(c, s);
	keep_freed_memory();
	/* The sync child runs this very program. */
	static char program[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", program, sizeof(program) - 1);
	if (n > 0)
		program[n] = '\0';
	else
		snprintf(program, sizeof(program), "%s", c->program);
	/* Held while it runs: the metrics say the kiosk is up, and a second
	 * kiosk on the same data is refused. */
	int lock = metrics_kiosk_lock(c->data_dir);
	if (lock < 0) {
		cli_error(_("another kiosk is already running on %s"), c->data_dir);
		return EXIT_FAILED;
	}
	struct kiosk *k = calloc(1, sizeof(*k));
	if (k)
		k->timing = getenv("AULATAULU_TIMING") != NULL;
	if (!k || !app_init(&k->app, &c->cfg, c->data_dir, c->demo ? NULL : c->config_path, program,
			    c->now, STDIN_FILENO)) {
		free(k);
		close(lock);
		cli_error(_("cannot start the event loop"));
		return EXIT_FAILED;
	}
	if (c->demo)
		k->app.next_sync = c->now + c->cfg.sources[0].interval;
	if (!model_local_problem(s))
		local_maintain(s, c->data_dir, c->now); /* then hourly, from the tick */
	k->maintained = c->now;
	initscr();
	ui_init(&k->ui, s, &c->cfg, c->data_dir, &k->app, c->now);
	speaker_init(&k->speaker, &c->cfg, program, c->demo ? NULL : c->config_path, c->data_dir);
	k->ui.speaker = &k->speaker;
	printjob_init(&k->printjob, &c->cfg, program, c->demo ? NULL : c->config_path, c->data_dir,
		      getenv("AULATAULU_SESSION_DIR"));
	k->ui.printjob = &k->printjob;
	/* The menu's screens read ahead, off the event loop. */
	k->ui.memo = memo_start(c->data_dir);
	memo_want(k->ui.memo, k->ui.generation, k->ui.lang, k->ui.now);
	ui_zoom_init(&k->ui); /* the visitor's place and slips, after A+ or A- */
	struct app_hooks hooks = {.ctx = k,
				  .input = on_input,
				  .tick = on_tick,
				  .idle = on_idle,
				  .idle_soon = on_idle_soon,
				  .sync_done = on_sync_done,
				  .draw = on_draw,
				  .report = on_report};
	if (c->cfg.statistics)
		k->ui.stats = stats_begin(c->data_dir, c->cfg.stats_interval);
	k->printjob.stats = k->ui.stats;
	write_metrics(k);
	app_run(&k->app, &hooks);
	stats_end(k->ui.stats, k->ui.store, app_now(&k->app));
	k->ui.stats = k->printjob.stats = NULL;
	close(lock); /* the kiosk is no longer up */
	write_metrics(k);
	speaker_stop(&k->speaker);
	bool restart = k->ui.zoom.restart;
	ui_done(&k->ui);
	memo_stop(k->ui.memo); /* after the screens gave back what they took */
	k->ui.memo = NULL;
	endwin();
	app_cleanup(&k->app);
	printjob_free(&k->printjob);
	free(k);
	return restart ? EXIT_RESTART : EXIT_OK;
}
