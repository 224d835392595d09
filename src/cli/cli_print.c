/* SPDX-License-Identifier: EUPL-1.2 */
/* cli_print: `aulataulu print`, an activity's slip on the terminal's
 * receipt printer (printer = QUEUE in [kiosk]), as the kiosk's Print
 * button prints it (in a process of its own), or its ESC/POS bytes into
 * a file (--to) for a look without paper. */
#include "config.h"

#include "cli/cli.h"

#include "model/model.h"
#include "print/escpos.h"
#include "print/printer.h"
#include "print/slip.h"
#include "store/store.h"
#include "util/atomic_file.h"
#include "util/i18n.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char print_usage[] = N_("usage: aulataulu print [--source NAME] ID [--to FILE]");

int cmd_print(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {{"source", required_argument, NULL, 's'},
					     {"to", required_argument, NULL, 't'},
					     {NULL, 0, NULL, 0}};
	const char *given = NULL, *to = NULL;
	bool bad = false;
	int opt;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt == 's')
			given = optarg;
		else if (opt == 't')
			to = optarg;
		else
			bad = true;
	}
	if (bad || argc - optind != 1) {
		cli_error("%s", _(print_usage));
		return EXIT_USAGE;
	}
	if (!to && (!c->cfg.printer || !*c->cfg.printer)) {
		cli_error("%s", _("no printer is configured (printer = QUEUE in [kiosk])"));
		return EXIT_FAILED;
	}
	const char *id = argv[optind];
	struct store *s = cli_open_store(c, STORE_READ);
	if (!s)
		return EXIT_FAILED;
	char *err = NULL, *source = NULL;
	struct activity_detail d;
	struct slip slip = {0};
	struct textbuf bytes = {0};
	bool ok = cli_pick_source(s, id, false, given, &source, &err) &&
		  model_activity(s, source, id, i18n_language(), c->now, &d, &err);
	if (ok) {
		ok = slip_of_activity(&d, c->cfg.site, &slip) &&
		     escpos_render(&slip,
				   c->cfg.printer_width == 80 ? ESCPOS_80MM_DOTS : ESCPOS_58MM_DOTS,
				   &bytes);
		if (!ok)
			err = strdup(_("out of memory"));
		else if (to)
			ok = atomic_file_write_mode(to, bytes.s, bytes.len, 0644, &err);
		else
			ok = printer_send(c->cfg.printer, d.name, bytes.s, bytes.len,
					  (int)c->cfg.printer_wait, &err);
		activity_detail_free(&d);
	}
	if (!ok)
		cli_error("%s", err ? err : _("there is no such activity in the listings"));
	slip_free(&slip);
	free(bytes.s);
	free(err);
	free(source);
	store_close(s);
	return ok ? EXIT_OK : EXIT_FAILED;
}
