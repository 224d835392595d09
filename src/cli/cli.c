/* SPDX-License-Identifier: EUPL-1.2 */
/* cli: global options, the data directory and the command table. */
#include "config.h"

#include "cli/cli.h"

#include "util/data_dir.h"
#include "util/path.h"
#include "local/local.h"
#include "local/local_guard.h"
#include "util/i18n.h"
#include "util/journal.h"
#include "store/store.h"
#include "sync/sync_run.h"
#include "util/text.h"
#include "util/timefmt.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct command {
	const char *name;
	int (*run)(struct cli *c, int argc, char **argv);
	const char *usage;
};

static const struct command commands[] = {
    {"sync", cmd_sync, N_("fetch every configured source once")},
    {"check", cmd_check,
     N_("[--format F] [--dates] FILE...  validate feed files; print every problem with its "
	"JSON path or row (--dates: each activity's dates in the window and each "
	"announcement, as JSON)")},
    {"list", cmd_list,
     N_("[--when today|week|all] [--category ID] [--search WORDS] [--json]  list activities")},
    {"board", cmd_board, N_("[--json]  announcements valid now (feed and local, by priority)")},
    {"status", cmd_status,
     N_("[--json]  per source: last try, last success, sequence, error; the kiosk's screen")},
    {"screen", cmd_screen,
     N_("[--json]  the screen the running kiosk shows, and since when (its text only while "
	"nobody uses it)")},
    {"demo-feed", cmd_demo_feed, N_("print the bundled demo feed, dated relative to now")},
    {"announce", cmd_announce, N_("add|list|edit|remove  local announcements")},
    {"hide", cmd_hide,
     N_("[--source NAME] [ID]  hide an activity on this terminal (without ID: list)")},
    {"unhide", cmd_hide, N_("[--source NAME] ID  show a hidden activity again")},
    {"pin", cmd_pin, N_("set  read a new admin PIN from standard input")},
    {"audit", cmd_audit, N_("[--json]  every change by the liaison person")},
    {"reset-source", cmd_reset_source,
     N_("NAME  forget a source's last version (a feed numbered far ahead)")},
    {"font", cmd_font,
     N_("foot|console [--zoom STEP] [--json]  the font a kiosk session starts its terminal "
	"with: 11 mm lines where the display allows, never under 80x24 cells")},
    {"say", cmd_say,
     N_("[--source NAME] ID [--text | --wav FILE]  read an activity aloud as the kiosk's Listen "
	"button does (--text: the words only; --wav: into a sound file)")},
    {"print", cmd_print,
     N_("[--source NAME] ID | --notice ID [--to FILE]  print an activity's or an "
	"announcement's slip as the kiosk's Print button does (--to: the bytes into a file, "
	"ESC/POS or a PDF page)")},
    {"doctor", cmd_doctor, N_("check configuration, data, sources and clock")},
    {"metrics", cmd_metrics,
     N_("write the metrics file (metrics_file) now; the kiosk's unit runs it when the kiosk "
	"stops")},
    {"stats", cmd_stats,
     N_("[--from DAY] [--to DAY] [--by activity|organization|topic|audience|day] [--csv|--json]  "
	"anonymous counts of what was looked at")},
    {"publish", cmd_publish,
     N_("[--dry-run] | approve ID...|--all | status [--json]  build, check and sign a "
	"wellbeing area's feed (--config publish.conf)")},
};

void cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("aulataulu: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

bool cli_print_json(struct json_t *doc)
{
	bool ok = doc && json_dumpf(doc, stdout, JSON_INDENT(2)) == 0;
	json_decref(doc);
	return ok && fputc('\n', stdout) != EOF && fflush(stdout) == 0;
}

void cli_report_time(double start)
{
	if (getenv("AULATAULU_TIMING"))
		fprintf(stderr, "timing: query %.3f ms\n", timefmt_monotonic_ms() - start);
}

json_t *cli_json_time(int64_t t)
{
	char buf[TIMEFMT_BUFSIZE];
	if (!t)
		return json_null();
	timefmt_format(t, buf);
	return json_string(buf);
}

static void usage(FILE *out)
{
	fprintf(
	    out, "%s\n  aulataulu [%s] [%s]\n\n%s\n", _("Usage:"), _("OPTIONS"), _("COMMAND"),
	    _("Options: --config FILE, --data-dir DIR, --now RFC3339, --lang fi|sv|en, --demo"));
	fprintf(out, "\n%s\n", _("Commands (without one: the kiosk):"));
	for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, _(commands[i].usage));
	fprintf(out, "  %-10s %s\n", "config-help",
		_("print every configuration key with its default"));
}

/* cli_open_store, but the reason of a failure in *err (caller frees). */
static struct store *open_store(struct cli *c, int mode, char **err)
{
	char *note = NULL;
	int lock = -1;
	*err = NULL;
	if (mode != STORE_SYNC) {
		/* Held while local.db is open: no restore can replace it meanwhile. */
		lock = local_guard_open(c->data_dir, store_local_version(), c->now, &note, err);
		if (lock < 0) {
			if (!*err)
				*err = strdup(_("out of memory"));
			free(note);
			return NULL;
		}
	}
	struct store *s = store_open(c->data_dir, (enum store_mode)mode, err);
	if (!s) {
		if (!*err)
			*err = strdup(_("out of memory"));
		if (lock >= 0)
			close(lock);
	} else if (mode != STORE_SYNC) {
		store_hold_lock(s, lock);
		if (note) { /* the status and about screens say so */
			cli_error("%s", note);
			local_set_setting(s, "restored_note", note);
			local_audit(s, "system", N_("local.db restored"), note, c->now);
		}
	}
	free(note);
	return s;
}

struct store *cli_open_store(struct cli *c, int mode)
{
	char *err = NULL;
	struct store *s = open_store(c, mode, &err);
	if (!s)
		cli_error("%s", err ? err : _("out of memory"));
	free(err);
	return s;
}

/* The kiosk's store. When local.db cannot be used (a directory, unreadable,
 * another program's file), the patients' side still runs, from the cache
 * with a stand-in for local.db; the liaison side says why. */
static struct store *open_kiosk_store(struct cli *c)
{
	char *why = NULL, *err = NULL;
	struct store *s = open_store(c, STORE_UI, &why);
	if (!s)
		s = store_open_without_local(c->data_dir, STORE_UI, why ? why : "?", &err);
	if (!s) {
		cli_error("%s", err ? err : why ? why : _("out of memory"));
	} else if (why) {
		journal_log(LOG_ERR,
			    _("local.db cannot be used, so the kiosk shows the cache alone (no "
			      "local announcements, hidden activities or PIN): %s"),
			    why);
		cli_error(_("local.db cannot be used, so the kiosk shows the cache alone (no local "
			    "announcements, hidden activities or PIN): %s"),
			  why);
	}
	free(why);
	free(err);
	return s;
}

/* --demo keeps its data in a temporary directory, removed at the end
 * (with its backups/ directory). */
static void remove_demo_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char *path = path_join(dir, e->d_name);
		if (path && e->d_type == DT_DIR)
			remove_demo_dir(path);
		else if (path)
			unlink(path);
		free(path);
	}
	closedir(d);
	rmdir(dir);
}

int (*cli_kiosk)(struct cli *c, struct store *s);

/* The kiosk on a terminal; elsewhere (a pipe, a log) sync and show today. */
static int run_kiosk(struct cli *c)
{
	if (cli_kiosk && (c->bench_startup || (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)))) {
		if (c->demo && !c->bench_startup) /* the bundled feed is local: full at once */
			sync_run(&c->cfg, c->data_dir, c->now, SYNC_ALL, NULL, NULL);
		struct store *s = open_kiosk_store(c);
		if (!s)
			return EXIT_FAILED;
		int rc = cli_kiosk(c, s);
		store_close(s);
		return rc;
	}
	char sync[] = "sync", list[] = "list", when[] = "--when", today[] = "today";
	char *sync_argv[] = {sync, NULL};
	char *list_argv[] = {list, when, today, NULL};
	optind = 0;
	int rc = cmd_sync(c, 1, sync_argv);
	optind = 0;
	int list_rc = cmd_list(c, 3, list_argv);
	return rc ? rc : list_rc;
}

static const char *config_candidate(void)
{
	const char *env = getenv("AULATAULU_CONFIG");
	if (env && *env)
		return env;
	if (access(SYSCONFDIR "/aulataulu/aulataulu.conf", R_OK) == 0)
		return SYSCONFDIR "/aulataulu/aulataulu.conf";
	return NULL;
}

static int run(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {{"config", required_argument, NULL, 'c'},
					     {"data-dir", required_argument, NULL, 'd'},
					     {"now", required_argument, NULL, 'n'},
					     {"lang", required_argument, NULL, 'l'},
					     {"demo", no_argument, NULL, 'D'},
					     {"help", no_argument, NULL, 'h'},
					     {"version", no_argument, NULL, 'V'},
					     {"bench-startup", no_argument, NULL, 'B'},
					     {NULL, 0, NULL, 0}};
	const char *data_dir = NULL, *now_text = NULL;
	int opt;
	while ((opt = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (opt) {
		case 'c':
			c->config_path = optarg;
			break;
		case 'd':
			data_dir = optarg;
			break;
		case 'n':
			now_text = optarg;
			break;
		case 'l':
			c->lang = optarg;
			break;
		case 'D':
			c->demo = true;
			break;
		case 'B':
			c->bench_startup = true;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case 'V':
			printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
			return EXIT_OK;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (c->lang && strcmp(c->lang, "fi") && strcmp(c->lang, "sv") && strcmp(c->lang, "en")) {
		cli_error(_("--lang must be fi, sv or en"));
		return EXIT_USAGE;
	}
	if (now_text && !timefmt_parse(now_text, &c->now)) {
		cli_error(_("--now needs an RFC 3339 time such as 2026-11-24T10:00:00+02:00"));
		return EXIT_USAGE;
	}
	if (!now_text)
		c->now = (int64_t)time(NULL);
	const char *cmd = optind < argc ? argv[optind] : NULL;
	if (c->lang) /* before the configuration, whose errors it speaks */
		i18n_set_language(c->lang);
	if (cmd && strcmp(cmd, "config-help") == 0) {
		bool man = optind + 1 < argc && !strcmp(argv[optind + 1], "--man");
		if (man)
			settings_print_man(stdout);
		else
			settings_print_help(stdout);
		return EXIT_OK;
	}
	if (!c->config_path && !c->demo)
		c->config_path = config_candidate();
	char *err = NULL;
	if (c->config_path && !c->demo && !settings_load(&c->cfg, c->config_path, &err)) {
		cli_error("%s", err ? err : _("out of memory"));
		free(err);
		return EXIT_FAILED;
	}
	if (!c->lang)
		c->lang = c->cfg.language;
	i18n_set_language(c->lang);
	setenv("TZ", c->cfg.timezone, 1);
	tzset();

	/* The demo's data lives and dies in a directory of its own: removed
	 * at the end, it must never be one of the user's. */
	if (c->demo && data_dir) {
		cli_error(_("--demo keeps its data in a temporary directory of its own, removed at "
			    "the end: leave out --data-dir"));
		return EXIT_USAGE;
	}
	if (c->demo) {
		const char *tmp = getenv("TMPDIR");
		char *tmpl = path_join(tmp && *tmp ? tmp : "/tmp", "aulataulu-demo-XXXXXX");
		c->data_dir = tmpl && mkdtemp(tmpl) ? tmpl : NULL;
		if (!c->data_dir)
			free(tmpl);
	} else {
		c->data_dir = data_dir		? strdup(data_dir)
			      : c->cfg.data_dir ? strdup(c->cfg.data_dir)
						: data_dir_default();
	}
	/* Root's commands on a service's data act as the service: a file that
	 * root made there would be one the service cannot read or replace. */
	if (c->data_dir && !c->demo && !data_dir_become_owner(c->data_dir, &err)) {
		cli_error("%s", err ? err : _("out of memory"));
		free(err);
		return EXIT_FAILED;
	}
	char *warning = NULL;
	if (!c->data_dir || !data_dir_prepare(c->data_dir, &warning, &err)) {
		cli_error("%s", err ? err : _("out of memory"));
		free(err);
		return EXIT_FAILED;
	}
	if (warning)
		cli_error("%s", warning);
	free(warning);
	if (!cmd)
		return run_kiosk(c);
	/* `--demo list` and the like: the demo's data first (it is local). */
	if (c->demo && strcmp(cmd, "sync") && strcmp(cmd, "demo-feed"))
		sync_run(&c->cfg, c->data_dir, c->now, SYNC_ALL, NULL, NULL);
	for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++) {
		if (strcmp(cmd, commands[i].name) == 0) {
			int at = optind;
			optind = 0; /* each command parses its own options */
			return commands[i].run(c, argc - at, argv + at);
		}
	}
	cli_error(_("unknown command \"%s\""), cmd);
	usage(stderr);
	return EXIT_USAGE;
}

int cli_main(int argc, char **argv)
{
	struct cli c = {.program = argc > 0 ? argv[0] : "aulataulu"};
	store_library_init();
	if (!text_init()) {
		fprintf(stderr, "aulataulu: no UTF-8 locale is available (C.UTF-8 is needed)\n");
		return EXIT_FAILED;
	}
	/* Every file the program makes is private to its user: local.db holds
	 * the PIN's hash, and a copy of it could be attacked offline. */
	umask(077);
	settings_defaults(&c.cfg);
	i18n_set_language(getenv("AULATAULU_LANG"));
	int rc = run(&c, argc, argv);
	if (c.demo && c.data_dir)
		remove_demo_dir(c.data_dir);
	free(c.data_dir);
	settings_free(&c.cfg);
	return rc;
}
