/* SPDX-License-Identifier: EUPL-1.2 */
/* cli: the command line contract (docs/admin.md, the man page). main() hands over argv;
 * each command is a function in the table in cli.c. */
#ifndef AULATAULU_CLI_H
#define AULATAULU_CLI_H

#include "util/settings.h"

#include <stdbool.h>
#include <stdint.h>

/* Exit statuses: success, a failure the message explains, bad usage; and
 * the kiosk's ask to its session to start it again at another text size
 * (A+ or A-, the session's "zoom" file says which step). */
enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2, EXIT_RESTART = 3 };

/* What every command gets: the options given before it. */
struct cli {
	struct settings cfg;
	const char *config_path; /* NULL: the bundled demo configuration */
	char *data_dir;		 /* owned */
	int64_t now;		 /* --now, or the clock */
	bool demo;		 /* --demo: data in a temporary directory */
	const char *lang;
	const char *program; /* argv[0] */
	bool bench_startup;  /* draw the first screen off-screen and exit (make bench) */
};

/* The full-screen kiosk, when the program has one (main.c sets it); run
 * when standard input and output are a terminal, on store s (opened for
 * reading; the caller closes it). */
struct store;
extern int (*cli_kiosk)(struct cli *c, struct store *s);

/* Runs the program; returns the exit status. */
int cli_main(int argc, char **argv);

/* Commands (cli_*.c); argv[0] is the command's name. */
int cmd_sync(struct cli *c, int argc, char **argv);
int cmd_reset_source(struct cli *c, int argc, char **argv);
int cmd_doctor(struct cli *c, int argc, char **argv);
int cmd_check(struct cli *c, int argc, char **argv);
int cmd_list(struct cli *c, int argc, char **argv);
int cmd_board(struct cli *c, int argc, char **argv);
int cmd_status(struct cli *c, int argc, char **argv);
int cmd_demo_feed(struct cli *c, int argc, char **argv);
int cmd_announce(struct cli *c, int argc, char **argv);
int cmd_hide(struct cli *c, int argc, char **argv); /* hide and unhide */
int cmd_pin(struct cli *c, int argc, char **argv);
int cmd_audit(struct cli *c, int argc, char **argv);
int cmd_publish(struct cli *c, int argc, char **argv);
int cmd_stats(struct cli *c, int argc, char **argv);
int cmd_metrics(struct cli *c, int argc, char **argv);
int cmd_screen(struct cli *c, int argc, char **argv);
int cmd_font(struct cli *c, int argc, char **argv);
int cmd_say(struct cli *c, int argc, char **argv);
int cmd_print(struct cli *c, int argc, char **argv);

/* Opens the store of c's data directory; prints the reason and returns
 * NULL on failure. */
struct store *cli_open_store(struct cli *c, int mode);

/* The source of activity id: given (--source), else the only source that
 * has it (hidden: among the hidden ones); false with *err otherwise. */
bool cli_pick_source(struct store *s, const char *id, bool hidden, const char *given, char **source,
		     char **err);

/* Prints "aulataulu: <message>" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints one JSON document (and frees it); false if stdout failed. */
struct json_t;
bool cli_print_json(struct json_t *doc);

/* Time t as an RFC 3339 JSON string in local time, or null when t is 0. */
struct json_t *cli_json_time(int64_t t);

/* make bench: with AULATAULU_TIMING set, prints "timing: query N ms", the
 * time inside the process since start (timefmt_monotonic_ms). */
void cli_report_time(double start);

#endif
