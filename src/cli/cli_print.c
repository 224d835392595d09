/* SPDX-License-Identifier: EUPL-1.2 */
/* cli_print: `aulataulu print`, an activity's or an announcement's slip on
 * the terminal's printer (printer = QUEUE in [kiosk]), as the kiosk's
 * Print button prints it (in a process of its own): ESC/POS on a receipt
 * printer, a PDF page on any other; or those bytes into a file (--to) for
 * a look without paper. */
#include "config.h"

#include "cli/cli.h"

#include "model/model.h"
#include "print/escpos.h"
#include "print/pdf.h"
#include "print/printer.h"
#include "print/slip.h"
#include "store/store.h"
#include "util/atomic_file.h"
#include "util/err.h"
#include "util/i18n.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char print_usage[] =
    N_("usage: aulataulu print [--source NAME] ID [--to FILE] | --notice ID [--to FILE]");

/* The announcement id on the board now: as the board names it, or a
 * local one by the number `announce list` gives it. */
static bool find_announcement(struct cli *c, struct store *s, const char *id,
			      struct announcement_list *board, const struct announcement **out,
			      char **err)
{
	*out = NULL;
	if (!model_board(s, c->now, c->cfg.municipality, i18n_language(), board, err))
		return false;
	char local[64] = "";
	if (*id && strspn(id, "0123456789") == strlen(id) && strlen(id) < 20)
		snprintf(local, sizeof(local), "local:%s", id);
	for (size_t i = 0; i < board->n && !*out; i++)
		if (!strcmp(board->v[i].id, id) || !strcmp(board->v[i].id, local))
			*out = &board->v[i];
	return *out || err_say(err, _("there is no such announcement on the board"));
}

/* The slip as its printer takes it: ESC/POS for a receipt printer, else a
 * PDF page; *format its MIME type. */
static bool render(struct cli *c, const struct slip *slip, const char *title, bool receipt,
		   struct textbuf *bytes, const char **format, char **err)
{
	if (!receipt) {
		*format = "application/pdf";
		return pdf_render(slip, title, bytes, err);
	}
	*format = "application/vnd.cups-raw";
	return escpos_render(slip, c->cfg.printer_width == 80 ? ESCPOS_80MM_DOTS : ESCPOS_58MM_DOTS,
			     bytes) ||
	       err_say(err, _("out of memory"));
}

/* Is the slip for a receipt printer? --to FILE.pdf is a page. */
static bool receipt_wanted(struct cli *c, const char *to, bool *receipt, char **err)
{
	const char *type = c->cfg.printer_type ? c->cfg.printer_type : "auto";
	if (to && !strcmp(type, "auto")) {
		size_t n = strlen(to);
		*receipt = !(n > 4 && !strcasecmp(to + n - 4, ".pdf"));
		return true;
	}
	*receipt = strcmp(type, "page") != 0;
	return strcmp(type, "auto") != 0 || printer_is_raw(c->cfg.printer, receipt, err);
}

int cmd_print(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {{"source", required_argument, NULL, 's'},
					     {"to", required_argument, NULL, 't'},
					     {"notice", no_argument, NULL, 'n'},
					     {NULL, 0, NULL, 0}};
	const char *given = NULL, *to = NULL;
	bool bad = false, notice = false;
	int opt;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt == 's')
			given = optarg;
		else if (opt == 't')
			to = optarg;
		else if (opt == 'n')
			notice = true;
		else
			bad = true;
	}
	if (bad || argc - optind != 1 || (notice && given)) {
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
	struct activity_detail d = {0};
	struct announcement_list board = {0};
	const struct announcement *a = NULL;
	struct slip slip = {0};
	struct textbuf bytes = {0};
	const char *format = NULL, *title = NULL;
	bool ok, receipt = true, have_detail = false;
	if (notice) {
		ok = find_announcement(c, s, id, &board, &a, &err);
		ok = ok && (slip_of_announcement(a, c->cfg.site, &slip) ||
			    err_say(&err, _("out of memory")));
		title = a ? a->title : NULL;
	} else {
		ok = cli_pick_source(s, id, false, given, &source, &err) &&
		     (have_detail =
			  model_activity(s, source, id, i18n_language(), c->now, &d, &err));
		if (ok && !have_detail && !err)
			err = strdup(_("there is no such activity in the listings"));
		ok =
		    ok && have_detail &&
		    (slip_of_activity(&d, c->cfg.site, &slip) || err_say(&err, _("out of memory")));
		title = d.name;
	}
	ok = ok && receipt_wanted(c, to, &receipt, &err) &&
	     render(c, &slip, title, receipt, &bytes, &format, &err);
	if (ok && to)
		ok = atomic_file_write_mode(to, bytes.s, bytes.len, 0644, &err);
	else if (ok)
		ok = printer_send(c->cfg.printer, title, format, bytes.s, bytes.len,
				  (int)c->cfg.printer_wait, &err);
	if (!ok)
		cli_error("%s", err ? err : _("out of memory"));
	if (have_detail)
		activity_detail_free(&d);
	announcement_list_free(&board);
	slip_free(&slip);
	free(bytes.s);
	free(err);
	free(source);
	store_close(s);
	return ok ? EXIT_OK : EXIT_FAILED;
}
