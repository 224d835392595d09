/* SPDX-License-Identifier: EUPL-1.2 */
/* ui_print: the Print button of an activity's and an announcement's
 * screen (F6 there too), and what became of the slip under it. The slip
 * is printed in a process of its own (app/printjob.h). */
#include "config.h"

#include "ui.h"

#include "app/printjob.h"
#include "util/i18n.h"

#include <stdio.h>

int ui_print_button(struct ui *ui, int y, int x, int w, int bottom, const char *source,
		    const char *id, int tag)
{
	if (!printjob_available(ui->printjob) || y + 2 >= bottom)
		return 0;
	static const char *const said[] = {
	    [PRINTJOB_PRINTING] = N_("Printing…"),
	    [PRINTJOB_PRINTED] = N_("Printed: take the slip with you."),
	    [PRINTJOB_FAILED] = N_("The printer is not available."),
	    [PRINTJOB_AGAIN] = N_("This slip was printed already."),
	    [PRINTJOB_RESTING] = N_("The printer is resting: try again later."),
	};
	enum printjob_state state = printjob_state_of(ui->printjob, source, id);
	char label[64];
	snprintf(label, sizeof(label), ui->console ? "%s" : "🖨 %s", _("Print"));
	ui_button(ui, y, x, w < 24 ? w : 24, 2, label, false, tag);
	int rows = 2;
	if (state != PRINTJOB_IDLE) {
		int room = bottom - y - 2 < 2 ? bottom - y - 2 : 2;
		rows +=
		    ui_wrap(ui, y + 2, x, w, 0, room,
			    state == PRINTJOB_FAILED ? UIC_WARNING : UIC_NORMAL, _(said[state]));
	}
	return rows;
}

int ui_print(struct ui *ui, const char *source, const char *id)
{
	if (!printjob_available(ui->printjob) || !id)
		return UI_NONE;
	printjob_start(ui->printjob, source, id, ui->lang, ui_clock(ui));
	return UI_REDRAW;
}
