/* SPDX-License-Identifier: EUPL-1.2 */
/* display: how large the kiosk's text is on the panel it drives. The
 * output's pixels and millimetres come from the kernel's DRM connectors
 * (the preferred mode and the EDID); from them, the font size that makes
 * a line of text 11 mm tall, kept to a grid of at least 80x24 cells, for
 * foot (DejaVu Sans Mono, whose cell size follows from its metrics) and
 * for the Linux console (Terminus, whose sizes are fixed). A visitor's
 * A+ and A- are zoom steps from there. */
#ifndef AULATAULU_DISPLAY_H
#define AULATAULU_DISPLAY_H

#include <stdbool.h>

struct display_output {
	int width_px, height_px;
	int width_mm, height_mm; /* 0 when the panel does not say */
	char connector[64];	 /* "card0-HDMI-A-1", or "" when given */
};

/* The first connected DRM connector under sysfs_root (normally "/sys"):
 * its preferred mode and the image size from its EDID. A geometry given
 * in `given` ("1920x1080" or "1920x1080@476x268", pixels @ millimetres:
 * AULATAULU_OUTPUT, for a panel whose EDID lies and for tests) wins.
 * false with a message when neither says. */
bool display_output_read(const char *sysfs_root, const char *given, struct display_output *out,
			 char **err);

/* Parses "WxH" or "WxH@WMMxHMM"; false when it is neither. */
bool display_output_parse(const char *text, struct display_output *out);

/* The image size an EDID block gives (its first detailed timing, else
 * the basic size in centimetres); false when it gives none. */
bool display_edid_size(const unsigned char *edid, int len, int *width_mm, int *height_mm);

/* The smallest grid the kiosk is laid out for. */
#define DISPLAY_MIN_COLS 80
#define DISPLAY_MIN_ROWS 24
/* A line of text this tall where the grid allows it (0.1 mm). */
#define DISPLAY_LINE_TENTHS_MM 110
/* Zoom steps a visitor can take below the chosen size. */
#define DISPLAY_ZOOM_OUT_STEPS 2

/* The font foot is started with (fonts-dejavu-core). */
#define DISPLAY_FOOT_FONT "DejaVu Sans Mono"

/* foot's cell for DejaVu Sans Mono at pixelsize px, as FreeType rounds
 * its metrics (checked against foot itself in tests/screenshots.sh). */
void display_foot_cell(int px, int *cell_w, int *cell_h);

struct display_font {
	int px;			/* foot: pixelsize */
	const char *console;	/* console: the font file */
	int cell_w, cell_h;	/* pixels */
	int cols, rows;		/* the grid it gives */
	int zoom_min, zoom_max; /* the steps that exist around 0 */
};

/* foot's font for output o at zoom step `zoom` (0: the chosen size; each
 * step a fifth larger or smaller), clamped to the steps that keep 80x24. */
bool display_foot_font(const struct display_output *o, int zoom, struct display_font *f);

/* The Terminus console font for a framebuffer of o's pixels: the largest
 * that keeps 80x24, zoom steps to the sizes below it. */
bool display_console_font(const struct display_output *o, int zoom, struct display_font *f);

/* The framebuffer's size (sysfs_root/class/graphics/fb0/virtual_size). */
bool display_framebuffer_read(const char *sysfs_root, const char *given, struct display_output *out,
			      char **err);

#endif
