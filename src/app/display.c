/* SPDX-License-Identifier: EUPL-1.2 */
/* display: the kiosk's text size from the panel's pixels and millimetres. */
#include "config.h"

#include "display.h"

#include "util/err.h"
#include "util/i18n.h"
#include "util/path.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool display_output_parse(const char *text, struct display_output *out)
{
	int w, h, wmm = 0, hmm = 0, end = 0;
	if (!text)
		return false;
	if (sscanf(text, "%dx%d%n", &w, &h, &end) != 2)
		return false;
	if (text[end] == '@') {
		int more = 0;
		if (sscanf(text + end + 1, "%dx%d%n", &wmm, &hmm, &more) != 2)
			return false;
		end += 1 + more;
	}
	if (text[end] != '\0' || w < 1 || h < 1 || w > 16384 || h > 16384 || wmm < 0 || hmm < 0 ||
	    wmm > 10000 || hmm > 10000)
		return false;
	*out = (struct display_output){
	    .width_px = w, .height_px = h, .width_mm = wmm, .height_mm = hmm};
	return true;
}

bool display_edid_size(const unsigned char *edid, int len, int *width_mm, int *height_mm)
{
	static const unsigned char header[8] = {0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0};
	if (len < 128 || memcmp(edid, header, sizeof(header)) != 0)
		return false;
	int basic_w = edid[21] * 10, basic_h = edid[22] * 10; /* centimetres */
	const unsigned char *dtd = edid + 54;
	int w = 0, h = 0;
	if (dtd[0] || dtd[1]) { /* a detailed timing, not a display descriptor */
		w = dtd[12] | (dtd[14] & 0xf0) << 4;
		h = dtd[13] | (dtd[14] & 0x0f) << 8;
	}
	/* Some panels write centimetres into the detailed timing too. */
	if (w * 5 < basic_w || h * 5 < basic_h)
		w = basic_w, h = basic_h;
	if (w <= 0 || h <= 0)
		return false;
	*width_mm = w, *height_mm = h;
	return true;
}

/* The first line of a small sysfs file dir/name, without its newline. */
static bool read_line(const char *dir, const char *name, char *buf, size_t size)
{
	char *path = path_join(dir, name);
	FILE *f = path ? fopen(path, "r") : NULL;
	free(path);
	if (!f)
		return false;
	bool ok = fgets(buf, (int)size, f) != NULL;
	fclose(f);
	if (ok)
		buf[strcspn(buf, "\n")] = '\0';
	return ok;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Connector directories are "cardN-TYPE-M"; cards themselves are "cardN". */
static int is_connector(const struct dirent *d)
{
	return strncmp(d->d_name, "card", 4) == 0 && strchr(d->d_name, '-') != NULL;
}

static bool read_connector(const char *dir, struct display_output *out)
{
	char line[64];
	if (!read_line(dir, "status", line, sizeof(line)) || strcmp(line, "connected") != 0)
		return false;
	/* The kernel lists the preferred mode first; "1920x1080i" is interlaced. */
	if (!read_line(dir, "modes", line, sizeof(line)))
		return false;
	line[strcspn(line, "i")] = '\0';
	if (!display_output_parse(line, out))
		return false;
	char *path = path_join(dir, "edid");
	unsigned char edid[512];
	FILE *f = path ? fopen(path, "rb") : NULL;
	free(path);
	int len = f ? (int)fread(edid, 1, sizeof(edid), f) : 0;
	if (f)
		fclose(f);
	if (!display_edid_size(edid, len, &out->width_mm, &out->height_mm))
		out->width_mm = out->height_mm = 0;
	return true;
}

bool display_output_read(const char *sysfs_root, const char *given, struct display_output *out,
			 char **err)
{
	if (given && *given) {
		if (display_output_parse(given, out))
			return true;
		return err_give(err, path_format(_("AULATAULU_OUTPUT=%s is not WIDTHxHEIGHT or "
						   "WIDTHxHEIGHT@WIDTH_MMxHEIGHT_MM"),
						 given));
	}
	char *dir = path_join(sysfs_root, "class/drm");
	struct dirent **names = NULL;
	int n = dir ? scandir(dir, &names, is_connector, by_name) : -1;
	bool found = false;
	for (int i = 0; i < n; i++) {
		char *path = path_join(dir, names[i]->d_name);
		if (!found && path && read_connector(path, out)) {
			snprintf(out->connector, sizeof(out->connector), "%.63s", names[i]->d_name);
			found = true;
		}
		free(path);
		free(names[i]);
	}
	free(names);
	if (!found)
		err_give(err, path_format(_("no connected display in %s: give its size in "
					    "AULATAULU_OUTPUT (for example 1920x1080@527x296)"),
					  dir ? dir : sysfs_root));
	free(dir);
	return found;
}

bool display_framebuffer_read(const char *sysfs_root, const char *given, struct display_output *out,
			      char **err)
{
	if (given && *given)
		return display_output_read(sysfs_root, given, out, err);
	char line[64];
	int w, h;
	char *dir = path_join(sysfs_root, "class/graphics/fb0");
	if (!dir || !read_line(dir, "virtual_size", line, sizeof(line)) ||
	    sscanf(line, "%d,%d", &w, &h) != 2 || w < 1 || h < 1) {
		err_give(err, path_format(_("cannot read the console's size from %s/virtual_size"),
					  dir ? dir : sysfs_root));
		free(dir);
		return false;
	}
	free(dir);
	*out = (struct display_output){.width_px = w, .height_px = h};
	return true;
}

/* DejaVu Sans Mono's metrics in font units: FreeType rounds the ascender
 * and descender up and the advance to the nearest pixel. */
enum { DEJAVU_EM = 2048, DEJAVU_ASCENDER = 1901, DEJAVU_DESCENDER = 483, DEJAVU_ADVANCE = 1233 };

static int ceil_units(int px, int units)
{
	return (px * units + DEJAVU_EM - 1) / DEJAVU_EM;
}

void display_foot_cell(int px, int *cell_w, int *cell_h)
{
	*cell_h = ceil_units(px, DEJAVU_ASCENDER) + ceil_units(px, DEJAVU_DESCENDER);
	*cell_w = (px * DEJAVU_ADVANCE + DEJAVU_EM / 2) / DEJAVU_EM;
}

static void grid_of(const struct display_output *o, struct display_font *f)
{
	f->cols = f->cell_w > 0 ? o->width_px / f->cell_w : 0;
	f->rows = f->cell_h > 0 ? o->height_px / f->cell_h : 0;
}

static bool fits(const struct display_font *f)
{
	return f->cols >= DISPLAY_MIN_COLS && f->rows >= DISPLAY_MIN_ROWS;
}

/* Below this, text is too small to be worth a step. */
#define FOOT_MIN_PX 10
#define FOOT_MAX_PX 400

static void foot_at(const struct display_output *o, int px, struct display_font *f)
{
	f->px = px;
	display_foot_cell(px, &f->cell_w, &f->cell_h);
	grid_of(o, f);
}

/* Pixels per millimetre: the panel's, or 96 dpi when it does not say
 * (or says something no panel is, as projectors do). */
static double px_per_mm(const struct display_output *o)
{
	double v = o->height_mm > 0 ? (double)o->height_px / o->height_mm : 0;
	return v >= 1.0 && v <= 40.0 ? v : 96 / 25.4;
}

/* The pixelsize at step z: a fifth larger per step up to the largest
 * that fits, a fifth smaller per step down. */
static int foot_step(int base, int largest, int z)
{
	int px = (int)lround(base * pow(1.2, z));
	if (px > largest)
		px = largest;
	return px < FOOT_MIN_PX ? FOOT_MIN_PX : px;
}

bool display_foot_font(const struct display_output *o, int zoom, struct display_font *f)
{
	struct display_font probe = {0};
	int largest = 0;
	for (int px = FOOT_MIN_PX; px <= FOOT_MAX_PX; px++) {
		foot_at(o, px, &probe);
		if (!fits(&probe))
			break;
		largest = px;
	}
	if (!largest)
		return false; /* not even the smallest text gives 80x24 */
	int target = (int)ceil(DISPLAY_LINE_TENTHS_MM / 10.0 * px_per_mm(o));
	int base = FOOT_MIN_PX;
	for (; base < largest; base++) {
		foot_at(o, base, &probe);
		if (probe.cell_h >= target)
			break;
	}
	int zmax = 0, zmin = 0;
	while (foot_step(base, largest, zmax) < largest)
		zmax++;
	while (zmin > -DISPLAY_ZOOM_OUT_STEPS &&
	       foot_step(base, largest, zmin - 1) < foot_step(base, largest, zmin))
		zmin--;
	zoom = zoom < zmin ? zmin : zoom > zmax ? zmax : zoom;
	*f = (struct display_font){0};
	foot_at(o, foot_step(base, largest, zoom), f);
	f->zoom_min = zmin, f->zoom_max = zmax;
	return true;
}

/* Debian's Terminus console fonts (console-setup-linux), largest first. */
static const struct {
	const char *name;
	int w, h;
} terminus[] = {
    {"32x16", 16, 32}, {"28x14", 14, 28}, {"24x12", 12, 24}, {"22x11", 11, 22},
    {"20x10", 10, 20}, {"16", 8, 16},	  {"14", 8, 14},
};
#define N_TERMINUS ((int)(sizeof(terminus) / sizeof(terminus[0])))
#define CONSOLE_FONTS "/usr/share/consolefonts/Uni2-TerminusBold"

bool display_console_font(const struct display_output *o, int zoom, struct display_font *f)
{
	static char path[128];
	int base = -1;
	for (int i = 0; i < N_TERMINUS && base < 0; i++) {
		struct display_font probe = {.cell_w = terminus[i].w, .cell_h = terminus[i].h};
		grid_of(o, &probe);
		if (fits(&probe))
			base = i;
	}
	if (base < 0)
		return false;
	int zmin = -(N_TERMINUS - 1 - base);
	if (zmin < -DISPLAY_ZOOM_OUT_STEPS)
		zmin = -DISPLAY_ZOOM_OUT_STEPS;
	zoom = zoom < zmin ? zmin : zoom > 0 ? 0 : zoom;
	int i = base - zoom;
	snprintf(path, sizeof(path), CONSOLE_FONTS "%s.psf.gz", terminus[i].name);
	*f = (struct display_font){
	    .console = path, .cell_w = terminus[i].w, .cell_h = terminus[i].h, .zoom_min = zmin};
	grid_of(o, f);
	return true;
}
