/* SPDX-License-Identifier: EUPL-1.2 */
/* cli_local: the liaison person's commands, for remote use over SSH:
 * announce add|list|edit|remove, hide, unhide, pin set, audit. */
#include "config.h"

#include "cli/cli.h"

#include "util/i18n.h"
#include "local/local.h"
#include "local/pin.h"
#include "store/store.h"
#include "util/timefmt.h"

#include <getopt.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* Reads the announcement options into *a (which holds the old values when
 * editing). Returns EXIT_OK, EXIT_USAGE, or EXIT_FAILED for a value that is
 * not a time or a number (with a message). */
static int parse_announcement(int argc, char **argv, struct local_announcement *a, bool *json)
{
	static const struct option opts[] = {{"title", required_argument, NULL, 't'},
					     {"body", required_argument, NULL, 'b'},
					     {"from", required_argument, NULL, 'f'},
					     {"until", required_argument, NULL, 'u'},
					     {"priority", required_argument, NULL, 'p'},
					     {"url", required_argument, NULL, 'l'},
					     {"lang", required_argument, NULL, 'L'},
					     {"json", no_argument, NULL, 'j'},
					     {NULL, 0, NULL, 0}};
	int opt;
	char *end;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 't':
			a->title = optarg;
			break;
		case 'b':
			a->body = *optarg ? optarg : NULL;
			break;
		case 'l':
			a->url = *optarg ? optarg : NULL;
			break;
		case 'L':
			a->lang = *optarg ? optarg : NULL;
			break;
		case 'j':
			*json = true;
			break;
		case 'p': {
			long priority = strtol(optarg, &end, 10);
			if (*end || end == optarg || priority < 0 || priority > 3) {
				cli_error(_("--priority must be 0, 1, 2 or 3"));
				return EXIT_FAILED;
			}
			a->priority = (int)priority;
			break;
		}
		case 'f':
		case 'u': {
			int64_t *t = opt == 'f' ? &a->valid_from : &a->valid_until;
			if (!*optarg) {
				*t = 0;
			} else if (!timefmt_parse_local(optarg, opt == 'u', t)) {
				cli_error(_("%s is not a time: write 24.11.2026 10:00 or an RFC "
					    "3339 time"),
					  optarg);
				return EXIT_FAILED;
			}
			break;
		}
		default:
			return EXIT_USAGE;
		}
	}
	return optind == argc ? EXIT_OK : EXIT_USAGE;
}

static int done(bool ok, char *err)
{
	if (!ok)
		cli_error("%s", err ? err : "?");
	free(err);
	return ok ? EXIT_OK : EXIT_FAILED;
}

static int announce_list(struct store *s, bool json)
{
	struct local_announcement_list l;
	char *err = NULL;
	if (!local_announcement_list(s, &l, &err))
		return done(false, err);
	json_t *arr = json_array();
	for (size_t i = 0; i < l.n; i++) {
		const struct local_announcement *a = &l.v[i];
		if (json) {
			json_array_append_new(
			    arr, json_pack("{s:I, s:s, s:s?, s:i, s:o, s:o, s:s?, s:s?}", "id",
					   (json_int_t)a->id, "title", a->title, "body", a->body,
					   "priority", a->priority, "valid_from",
					   cli_json_time(a->valid_from), "valid_until",
					   cli_json_time(a->valid_until), "url", a->url, "lang",
					   a->lang));
			continue;
		}
		char from[TIMEFMT_BUFSIZE] = "", until[TIMEFMT_BUFSIZE] = "";
		if (a->valid_from)
			timefmt_local(a->valid_from, from);
		if (a->valid_until)
			timefmt_local(a->valid_until, until);
		printf("%lld  [%d] %s\n     %s – %s\n", (long long)a->id, a->priority, a->title,
		       *from ? from : "…", *until ? until : "…");
	}
	bool ok = true;
	if (json)
		ok = cli_print_json(json_pack("{s:o}", "announcements", arr));
	else
		json_decref(arr);
	if (!json && l.n == 0)
		printf("%s\n", _("No local announcements."));
	local_announcement_list_free(&l);
	return ok ? EXIT_OK : EXIT_FAILED;
}

static bool parse_id(const char *text, int64_t *id)
{
	char *end;
	*id = strtoll(text, &end, 10);
	return *text && !*end && *id > 0;
}

int cmd_announce(struct cli *c, int argc, char **argv)
{
	const char *usage = _("usage: aulataulu announce add --title T [--body B] [--from TIME] "
			      "[--until TIME] [--priority 0-3] [--url URL] [--lang fi|sv|en]\n"
			      "       aulataulu announce list [--json]\n"
			      "       aulataulu announce edit ID [options as for add]\n"
			      "       aulataulu announce remove ID");
	const char *verb = argc > 1 ? argv[1] : "";
	struct local_announcement a = {.priority = 1};
	bool json = false;
	int64_t id = 0;
	bool needs_id = !strcmp(verb, "edit") || !strcmp(verb, "remove");
	if (needs_id && (argc < 3 || !parse_id(argv[2], &id))) {
		cli_error("%s", usage);
		return EXIT_USAGE;
	}
	struct store *s = NULL;
	struct local_announcement_list old = {0};
	char *err = NULL;
	int rc = EXIT_USAGE;
	if (strcmp(verb, "add") && strcmp(verb, "list") && !needs_id) {
		cli_error("%s", usage);
		return EXIT_USAGE;
	}
	if (!(s = cli_open_store(c, STORE_READ)))
		return EXIT_FAILED;
	local_maintain(s, c->data_dir, c->now);
	if (!strcmp(verb, "edit")) {
		/* Start from what it says now: only the given options change. */
		if (!local_announcement_get(s, id, &old, &err) || old.n == 0) {
			rc = done(false,
				  err ? err
				      : strdup(_("there is no local announcement with that id")));
			goto out;
		}
		a = old.v[0];
	}
	/* Options follow the verb (and the id): parse from there on. */
	int skip = needs_id ? 2 : 1;
	optind = 0;
	rc = parse_announcement(argc - skip, argv + skip, &a, &json);
	if (rc == EXIT_USAGE)
		cli_error("%s", usage);
	if (rc != EXIT_OK)
		goto out;
	rc = EXIT_USAGE;
	if (!strcmp(verb, "list")) {
		rc = announce_list(s, json);
	} else if (!strcmp(verb, "remove")) {
		bool ok = local_announcement_remove(s, id, "cli", c->now, &err);
		rc = done(ok, err);
	} else if (!strcmp(verb, "edit")) {
		a.id = id;
		bool ok = local_announcement_edit(s, &a, "cli", c->now, &err);
		rc = done(ok, err);
	} else if (!a.title) {
		cli_error(_("--title is needed"));
	} else {
		bool ok = local_announcement_add(s, &a, &id, "cli", c->now, &err);
		rc = done(ok, err);
		if (rc == EXIT_OK && json)
			cli_print_json(json_pack("{s:I}", "id", (json_int_t)id));
		else if (rc == EXIT_OK)
			printf(_("Added as %lld.\n"), (long long)id);
	}
out:
	local_announcement_list_free(&old);
	store_close(s);
	return rc;
}

bool cli_pick_source(struct store *s, const char *id, bool hidden, const char *given, char **source,
		     char **err)
{
	*source = NULL;
	if (given) {
		*source = strdup(given);
		return *source || (*err = strdup(_("out of memory"))) == NULL;
	}
	struct source_names l;
	if (!local_sources_of(s, id, hidden, &l, err))
		return false;
	if (l.n == 1) {
		*source = strdup(l.v[0]);
	} else if (l.n == 0) {
		*err = strdup(hidden ? _("that activity is not hidden")
				     : _("there is no such activity in the listings"));
	} else {
		size_t len = 1;
		for (size_t i = 0; i < l.n; i++)
			len += strlen(l.v[i]) + 2;
		char *names = calloc(1, len);
		for (size_t i = 0; names && i < l.n; i++)
			strcat(strcat(names, i ? ", " : ""), l.v[i]);
		if (asprintf(
			err,
			_("an activity with that id is in several sources (%s): say which with "
			  "--source NAME"),
			names ? names : "?") < 0)
			*err = NULL;
		free(names);
	}
	source_names_free(&l);
	return *source != NULL;
}

int cmd_hide(struct cli *c, int argc, char **argv)
{
	bool hide = strcmp(argv[0], "hide") == 0;
	static const struct option opts[] = {{"source", required_argument, NULL, 's'},
					     {NULL, 0, NULL, 0}};
	const char *given = NULL;
	int opt;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt != 's') {
			optind = argc + 1;
			break;
		}
		given = optarg;
	}
	int ids = argc - optind;
	if (ids > 1 || ids < 0 || (!hide && ids != 1) || (given && ids != 1)) {
		cli_error(_("usage: aulataulu hide [[--source NAME] ID], aulataulu unhide "
			    "[--source NAME] ID"));
		return EXIT_USAGE;
	}
	struct store *s = cli_open_store(c, STORE_READ);
	if (!s)
		return EXIT_FAILED;
	char *err = NULL, *source = NULL;
	int rc;
	if (ids == 1) {
		const char *id = argv[optind];
		bool ok = cli_pick_source(s, id, !hide, given, &source, &err) &&
			  (hide ? local_hide(s, source, id, "cli", c->now, &err)
				: local_unhide(s, source, id, "cli", c->now, &err));
		rc = done(ok, err);
		free(source);
	} else { /* without an id: what is hidden */
		struct hidden_list l;
		bool ok = local_hidden_list(s, c->lang, &l, &err);
		rc = done(ok, err);
		for (size_t i = 0; rc == EXIT_OK && i < l.n; i++)
			printf("%s%s%s  %s\n", l.v[i].source, *l.v[i].source ? "/" : "", l.v[i].id,
			       l.v[i].name ? l.v[i].name : _("(no longer in the feed)"));
		if (rc == EXIT_OK)
			hidden_list_free(&l);
	}
	store_close(s);
	return rc;
}

/* One line from standard input, without echo on a terminal. */
static bool read_secret(char *buf, size_t size)
{
	struct termios old, quiet;
	bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
	if (tty) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
		fprintf(stderr, "%s ", _("New PIN (4-12 digits):"));
	}
	bool ok = fgets(buf, (int)size, stdin) != NULL;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (ok)
		buf[strcspn(buf, "\r\n")] = '\0';
	return ok;
}

int cmd_pin(struct cli *c, int argc, char **argv)
{
	if (argc != 2 || strcmp(argv[1], "set") != 0) {
		cli_error(_("usage: aulataulu pin set   (the PIN is read from standard input)"));
		return EXIT_USAGE;
	}
	char pin[64];
	if (!read_secret(pin, sizeof(pin))) {
		cli_error(_("no PIN was given on standard input"));
		return EXIT_FAILED;
	}
	struct store *s = cli_open_store(c, STORE_READ);
	char *err = NULL;
	bool ok = s && pin_set(s, pin, "cli", c->now, &err);
	/* sodium_memzero: a plain memset of a dying buffer may be optimised away. */
	sodium_memzero(pin, sizeof(pin));
	if (!s)
		return EXIT_FAILED;
	int rc = done(ok, err);
	if (rc == EXIT_OK)
		printf("%s\n", _("The PIN was changed."));
	store_close(s);
	return rc;
}

int cmd_audit(struct cli *c, int argc, char **argv)
{
	bool json = argc == 2 && strcmp(argv[1], "--json") == 0;
	if (argc > 2 || (argc == 2 && !json)) {
		cli_error(_("usage: aulataulu audit [--json]"));
		return EXIT_USAGE;
	}
	struct store *s = cli_open_store(c, STORE_READ);
	if (!s)
		return EXIT_FAILED;
	struct audit_list l;
	char *err = NULL;
	bool listed = local_audit_list(s, 1000, &l, &err);
	int rc = done(listed, err);
	if (rc == EXIT_OK) {
		json_t *arr = json_array();
		for (size_t i = 0; i < l.n; i++) {
			const struct audit_entry *e = &l.v[i];
			char at[TIMEFMT_BUFSIZE];
			timefmt_format(e->at, at);
			if (json) /* actions as stored, in English: a key for machines */
				json_array_append_new(arr,
						      json_pack("{s:s, s:s, s:s, s:s?}", "at", at,
								"origin", e->origin, "action",
								e->action, "detail", e->detail));
			else
				printf("%s  %-6s %s%s%s\n", at, e->origin, _(e->action),
				       e->detail ? ": " : "", e->detail ? e->detail : "");
		}
		if (json)
			rc = cli_print_json(json_pack("{s:o}", "audit", arr)) ? EXIT_OK
									      : EXIT_FAILED;
		else
			json_decref(arr);
		audit_list_free(&l);
	}
	store_close(s);
	return rc;
}
