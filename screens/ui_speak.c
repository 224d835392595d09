/* SPDX-License-Identifier: EUPL-1.2 */
/* ui_speak: Listen. The footer's button (and F5) reads the top screen
 * aloud in the visitor's language, or stops it; any other input, the
 * idle reset and the end of the kiosk stop it too (ui.c). */
#include "config.h"

#include "ui.h"

#include "app/speaker.h"
#include "util/i18n.h"
#include "util/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ui_speak(struct ui *ui)
{
	if (!speaker_available(ui->speaker))
		return;
	if (speaker_speaking(ui->speaker)) {
		speaker_stop(ui->speaker);
	} else {
		const struct screen *top = ui_top(ui);
		char *text = top->speak ? top->speak(ui) : strdup(ui->title);
		speaker_say(ui->speaker, text, ui->lang);
		free(text);
	}
	ui->dirty = true;
}

int ui_listen_button(struct ui *ui, int y)
{
	if (!speaker_available(ui->speaker))
		return 0;
	bool speaking = speaker_speaking(ui->speaker);
	char label[64];
	snprintf(label, sizeof(label), ui->console ? " %s " : " %s %s ", speaking ? "■" : "🔊",
		 speaking ? _("Stop") : _("Listen"));
	if (ui->console) /* the console's fonts have neither sign */
		snprintf(label, sizeof(label), " %s ", speaking ? _("Stop") : _("Listen"));
	int w = text_display_width(label), x = ui->cols - w;
	if (x < 0)
		return 0;
	ui_text(ui, y, x, w, UIC_BUTTON, label);
	ui_hit(ui, y, x, 1, w, TAG_SPEAK);
	return w + 1;
}
