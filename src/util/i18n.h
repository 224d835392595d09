/* SPDX-License-Identifier: EUPL-1.2 */
/* i18n: gettext for the user interface. Messages are written in English in
 * the code and translated to Finnish (the default), Swedish and English. */
#ifndef AULATAULU_I18N_H
#define AULATAULU_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Sets up the message catalogues (from localedir, or the build tree's po/
 * via AULATAULU_LOCALEDIR) and the UI language: "fi", "sv" or "en".
 * Can be called again to switch the language at run time. */
void i18n_set_language(const char *lang);

/* Short weekday name in the UI language, 0 = Monday ("ti", "tis", "Tue"). */
const char *i18n_weekday(int weekday);

/* "CANCELLED", "POSTPONED", "RESCHEDULED" for an event_status, in the UI
 * language; NULL for a scheduled (or unknown) one. */
const char *i18n_event_status(const char *status);

/* "by phone", "chat", "online" for an attendance_mode without a place;
 * NULL for the others. */
const char *i18n_attendance(const char *mode);

/* The UI language now in use. */
const char *i18n_language(void);

#endif
