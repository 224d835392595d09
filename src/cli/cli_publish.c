/* SPDX-License-Identifier: EUPL-1.2 */
/* cli_publish: `aulataulu publish [--dry-run]`, `publish approve ID...|--all`
 * and `publish status [--json]`, the wellbeing area's publisher. */
#include "config.h"

#include "cli/cli.h"

#include "util/i18n.h"
#include "publish/publish.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage_error(void)
{
	cli_error(_("usage: aulataulu --config publish.conf publish [--dry-run] | publish approve "
		    "ID...|--all | publish status [--json]"));
	return EXIT_USAGE;
}

/* A time of the status document, or the word for none. */
static const char *when(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : _("never");
}

static void print_input(json_t *in)
{
	const char *name = json_string_value(json_object_get(in, "name"));
	const char *error = json_string_value(json_object_get(in, "error"));
	json_int_t items = json_integer_value(json_object_get(in, "items"));
	printf("%s (%s%s): ", name, json_string_value(json_object_get(in, "format")),
	       json_is_true(json_object_get(in, "review")) ? _(", reviewed") : "");
	if (!error)
		printf(_("last success %s, %lld items\n"), when(in, "last_success"),
		       (long long)items);
	else if (json_is_true(json_object_get(in, "stale")))
		printf(_("FAILING since %s: %s; its %lld items are kept until %s\n"),
		       when(in, "last_success"), error, (long long)items, when(in, "dropped_at"));
	else
		printf(_("FAILING: %s; no items\n"), error);
}

static int status(struct cli *c, bool json)
{
	char *err = NULL;
	json_t *doc = publish_status(&c->cfg, c->data_dir, &err);
	if (!doc) {
		cli_error("%s", err ? err : _("out of memory"));
		free(err);
		return EXIT_FAILED;
	}
	if (json)
		return cli_print_json(doc) ? EXIT_OK : EXIT_FAILED;
	json_t *pub = json_object_get(doc, "publication");
	if (json_is_object(pub))
		printf(_("Published sequence %lld at %s; valid until %s.\n"),
		       (long long)json_integer_value(json_object_get(pub, "sequence")),
		       when(pub, "generated_at"), when(pub, "expires_at"));
	else
		printf("%s\n", _("Nothing has been published yet."));
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(doc, "inputs"), i, e)
	{
		print_input(e);
	}
	json_t *waiting = json_object_get(doc, "waiting");
	if (json_array_size(waiting))
		printf(_("Waiting for approval (aulataulu publish approve ID...|--all):\n"));
	json_array_foreach(waiting, i, e)
	{
		printf("  %s  %s (%s %s)\n", json_string_value(json_object_get(e, "id")),
		       json_string_value(json_object_get(e, "name")), _("since"), when(e, "since"));
	}
	json_decref(doc);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_FAILED;
}

int cmd_publish(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "status") == 0) {
		bool json = argc == 3 && strcmp(argv[2], "--json") == 0;
		if (argc > 3 || (argc == 3 && !json))
			return usage_error();
		return status(c, json);
	}
	int rc;
	if (argc >= 2 && strcmp(argv[1], "approve") == 0) {
		bool all = argc == 3 && strcmp(argv[2], "--all") == 0;
		if (argc < 3)
			return usage_error();
		for (int i = 2; i < argc && !all; i++)
			if (argv[i][0] == '-')
				return usage_error();
		rc = publish_approve(&c->cfg, c->data_dir, c->now, argv + 2,
				     all ? 0 : (size_t)argc - 2, all, stdout, stderr);
	} else {
		bool dry_run = argc == 2 && strcmp(argv[1], "--dry-run") == 0;
		if (argc > 2 || (argc == 2 && !dry_run))
			return usage_error();
		rc = publish_run(&c->cfg, c->data_dir, c->now,
				 dry_run ? PUBLISH_DRY_RUN : PUBLISH_FETCH, stdout, stderr);
	}
	if (fflush(stdout) != 0)
		rc = EXIT_FAILED;
	return rc;
}
