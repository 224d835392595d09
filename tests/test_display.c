/* SPDX-License-Identifier: EUPL-1.2 */
/* The text size from a panel's pixels and millimetres (src/app/display.c):
 * a real monitor's EDID, 11 mm lines, 80x24 just kept and just lost. */
#include "config.h"

#include "app/display.h"

#include <criterion/criterion.h>
#include <string.h>

/* The base EDID block of a Dell E2219HN, a 21.5-inch 1080p monitor, as
 * the kernel gives it in /sys/class/drm/CONNECTOR/edid (linuxhw/EDID,
 * Digital/Dell/DEL2009/02A6C64B840C, CC BY 4.0: tests/data/samples/SOURCES.md). */
static const unsigned char dell_e2219hn[128] = {
    0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x10, 0xac, 0x09, 0x20, 0x01, 0x01, 0x01, 0x01,
    0x29, 0x1b, 0x01, 0x03, 0x80, 0x30, 0x1b, 0x78, 0x2a, 0x69, 0x25, 0xa3, 0x5b, 0x50, 0xa3, 0x27,
    0x11, 0x50, 0x54, 0xa5, 0x4b, 0x00, 0x71, 0x4f, 0x81, 0x80, 0xa9, 0xc0, 0xd1, 0xc0, 0x01, 0x01,
    0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x02, 0x3a, 0x80, 0x18, 0x71, 0x38, 0x2d, 0x40, 0x58, 0x2c,
    0x45, 0x00, 0xdc, 0x0c, 0x11, 0x00, 0x00, 0x1e, 0x00, 0x00, 0x00, 0xff, 0x00, 0x30, 0x54, 0x59,
    0x54, 0x38, 0x37, 0x41, 0x44, 0x30, 0x31, 0x58, 0x42, 0x0a, 0x00, 0x00, 0x00, 0xfc, 0x00, 0x45,
    0x32, 0x32, 0x31, 0x39, 0x48, 0x4e, 0x0a, 0x20, 0x20, 0x20, 0x20, 0x20, 0x00, 0x00, 0x00, 0xfd,
    0x00, 0x38, 0x4c, 0x1e, 0x53, 0x11, 0x00, 0x0a, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x01, 0x4a};

Test(display, a_real_monitors_edid_gives_its_image_size)
{
	int w = 0, h = 0;
	cr_assert(display_edid_size(dell_e2219hn, sizeof(dell_e2219hn), &w, &h));
	cr_assert_eq(w, 476);
	cr_assert_eq(h, 268);
	/* Cut short or not an EDID: no size, never a guess. */
	cr_assert_not(display_edid_size(dell_e2219hn, 127, &w, &h));
	unsigned char broken[128];
	memcpy(broken, dell_e2219hn, sizeof(broken));
	broken[0] = 0xff;
	cr_assert_not(display_edid_size(broken, sizeof(broken), &w, &h));
}

/* foot's cells, as foot 1.13 reported them for DejaVu Sans Mono
 * (tests/screenshots.sh checks two of them on real pixels). */
Test(display, foots_cells_are_foots)
{
	static const int seen[][3] = {{12, 7, 15},  {16, 10, 19}, {26, 16, 32}, {27, 16, 33},
				      {28, 17, 33}, {34, 20, 41}, {35, 21, 42}, {38, 23, 45},
				      {48, 29, 57}, {56, 34, 66}};
	for (size_t i = 0; i < sizeof(seen) / sizeof(*seen); i++) {
		int w, h;
		display_foot_cell(seen[i][0], &w, &h);
		cr_assert_eq(w, seen[i][1], "pixelsize %d: width %d", seen[i][0], w);
		cr_assert_eq(h, seen[i][2], "pixelsize %d: height %d", seen[i][0], h);
	}
}

static struct display_font foot(const char *panel, int zoom)
{
	struct display_output o;
	struct display_font f;
	cr_assert(display_output_parse(panel, &o), "%s", panel);
	cr_assert(display_foot_font(&o, zoom, &f), "%s", panel);
	return f;
}

Test(display, a_24_inch_1080p_panel_gets_11_mm_lines_and_one_step_up)
{
	struct display_font f = foot("1920x1080@527x296", 0);
	/* 11 mm is 40.1 px there: 41 px lines, 96x26 cells. */
	cr_assert_eq(f.cell_h, 41);
	cr_assert_eq(f.cols, 96);
	cr_assert_eq(f.rows, 26);
	cr_assert_eq(f.zoom_max, 1);
	cr_assert_eq(f.zoom_min, -2);
	struct display_font up = foot("1920x1080@527x296", 1);
	cr_assert_eq(up.cell_h, 45);
	cr_assert_eq(up.rows, 24);
	/* Past the largest step: clamped, never under 80x24. */
	struct display_font past = foot("1920x1080@527x296", 5);
	cr_assert_eq(past.px, up.px);
}

Test(display, a_smaller_panel_keeps_80x24_before_11_mm)
{
	/* The 21.5-inch Dell: 11 mm is 45 px, just what 24 rows allow. */
	struct display_font f = foot("1920x1080@476x268", 0);
	cr_assert_eq(f.cell_h, 45);
	cr_assert_eq(f.rows, 24);
	cr_assert_eq(f.zoom_max, 0);
	/* A 12-inch 1280x800 panel would want 54 px: 80x24 allows 33. */
	struct display_font small = foot("1280x800@261x163", 0);
	cr_assert_eq(small.cols, 80);
	cr_assert_eq(small.rows, 24);
	cr_assert_eq(small.cell_h, 33);
}

Test(display, the_grid_boundary_is_exact)
{
	/* 33 px lines (pixelsize 27) fit 24 rows in 792 px, not in 791. */
	cr_assert_eq(foot("1280x792@261x163", 0).cell_h, 33);
	cr_assert_lt(foot("1280x791@261x163", 0).cell_h, 33);
	/* 16 px cells fit 80 columns in 1280 px, not in 1279. */
	cr_assert_eq(foot("1280x800@261x163", 0).cell_w, 16);
	cr_assert_lt(foot("1279x800@261x163", 0).cell_w, 16);
	/* Where nothing readable fits 80x24, no font is chosen. */
	struct display_output tiny;
	struct display_font f;
	cr_assert(display_output_parse("560x250", &tiny));
	cr_assert_not(display_foot_font(&tiny, 0, &f));
}

Test(display, the_console_gets_the_largest_terminus_that_keeps_80x24)
{
	struct display_output o;
	struct display_font f;
	cr_assert(display_output_parse("1280x800", &o));
	cr_assert(display_console_font(&o, 0, &f));
	cr_assert_str_eq(f.console, "/usr/share/consolefonts/Uni2-TerminusBold32x16.psf.gz");
	cr_assert_eq(f.cols, 80);
	cr_assert(display_output_parse("1279x800", &o));
	cr_assert(display_console_font(&o, 0, &f));
	cr_assert_str_eq(f.console, "/usr/share/consolefonts/Uni2-TerminusBold28x14.psf.gz");
}

Test(display, a_given_size_is_read_strictly)
{
	struct display_output o;
	cr_assert(display_output_parse("1920x1080@527x296", &o));
	cr_assert_eq(o.height_mm, 296);
	cr_assert_not(display_output_parse("1920x1080@", &o));
	cr_assert_not(display_output_parse("1920 x 1080", &o));
	cr_assert_not(display_output_parse("0x1080", &o));
	cr_assert_not(display_output_parse("1920x1080@527x296mm", &o));
}
