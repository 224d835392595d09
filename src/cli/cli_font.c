/* SPDX-License-Identifier: EUPL-1.2 */
/* cli_font: `aulataulu font foot|console`, the font a kiosk session starts
 * its terminal with: foot's font for the panel's pixels and millimetres,
 * or the Terminus console font for tty1. The session script asks again at
 * each A+ or A- (--zoom). */
#include "config.h"

#include "cli/cli.h"

#include "app/display.h"
#include "util/i18n.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char font_usage[] =
    N_("usage: aulataulu font foot|console [--zoom STEP] [--sysfs DIR] [--json]");

int cmd_font(struct cli *c, int argc, char **argv)
{
	(void)c;
	static const struct option opts[] = {{"zoom", required_argument, NULL, 'z'},
					     {"sysfs", required_argument, NULL, 's'},
					     {"json", no_argument, NULL, 'j'},
					     {NULL, 0, NULL, 0}};
	const char *sysfs = "/sys";
	long zoom = 0;
	bool json = false;
	int opt;
	char *end;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt == 'z') {
			zoom = strtol(optarg, &end, 10);
			if (*end || end == optarg || zoom < -9 || zoom > 9)
				opt = '?';
		} else if (opt == 's') {
			sysfs = optarg;
		} else if (opt == 'j') {
			json = true;
		}
		if (opt == '?') {
			cli_error("%s", _(font_usage));
			return EXIT_USAGE;
		}
	}
	bool foot = optind + 1 == argc && strcmp(argv[optind], "foot") == 0;
	if (!foot && !(optind + 1 == argc && strcmp(argv[optind], "console") == 0)) {
		cli_error("%s", _(font_usage));
		return EXIT_USAGE;
	}
	struct display_output out;
	struct display_font f;
	char *err = NULL;
	const char *given = getenv("AULATAULU_OUTPUT");
	bool ok = foot ? display_output_read(sysfs, given, &out, &err)
		       : display_framebuffer_read(sysfs, given, &out, &err);
	if (!ok) {
		cli_error("%s", err ? err : "?");
		free(err);
		return EXIT_FAILED;
	}
	if (!(foot ? display_foot_font(&out, (int)zoom, &f)
		   : display_console_font(&out, (int)zoom, &f))) {
		cli_error(_("a %dx%d display has no room for %dx%d cells of readable text"),
			  out.width_px, out.height_px, DISPLAY_MIN_COLS, DISPLAY_MIN_ROWS);
		return EXIT_FAILED;
	}
	char spec[64];
	if (foot)
		snprintf(spec, sizeof(spec), "%s:pixelsize=%d", DISPLAY_FOOT_FONT, f.px);
	if (!json) {
		printf("%s\n", foot ? spec : f.console);
		return fflush(stdout) == 0 ? EXIT_OK : EXIT_FAILED;
	}
	json_t *doc =
	    json_pack("{s:s, s:{s:i, s:i, s:i, s:i, s:s}, s:i, s:i, s:i, s:i, s:i, s:i, s:i}",
		      "font", foot ? spec : f.console, "output", "width_px", out.width_px,
		      "height_px", out.height_px, "width_mm", out.width_mm, "height_mm",
		      out.height_mm, "connector", out.connector, "cell_width_px", f.cell_w,
		      "cell_height_px", f.cell_h, "cols", f.cols, "rows", f.rows, "zoom",
		      (int)(zoom < f.zoom_min	? f.zoom_min
			    : zoom > f.zoom_max ? f.zoom_max
						: zoom),
		      "zoom_min", f.zoom_min, "zoom_max", f.zoom_max);
	return cli_print_json(doc) ? EXIT_OK : EXIT_FAILED;
}
