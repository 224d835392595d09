/* SPDX-License-Identifier: EUPL-1.2 */
/* i18n: gettext set-up and run-time language switching. */
#include "config.h"

#include "util/i18n.h"

#include <limits.h>
#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char current[3] = "fi";

/* Where the catalogues are: AULATAULU_LOCALEDIR; else the installed ones;
 * else, for the program run from its build tree before `make install`,
 * the build tree's (po/locale beside the binary), so that it speaks the
 * configured language there too. In buf (size PATH_MAX). */
static const char *catalogue_dir(char *buf, size_t size)
{
	const char *dir = getenv("AULATAULU_LOCALEDIR");
	if (dir && *dir)
		return dir;
	if (access(LOCALEDIR "/fi/LC_MESSAGES/" PACKAGE ".mo", R_OK) == 0)
		return LOCALEDIR;
	ssize_t n = readlink("/proc/self/exe", buf, size - 1);
	if (n <= 0)
		return LOCALEDIR;
	buf[n] = '\0';
	char *slash = strrchr(buf, '/');
	if (!slash ||
	    (size_t)(slash - buf) + sizeof("/po/locale/fi/LC_MESSAGES/" PACKAGE ".mo") > size)
		return LOCALEDIR;
	strcpy(slash, "/po/locale/fi/LC_MESSAGES/" PACKAGE ".mo");
	if (access(buf, R_OK) != 0)
		return LOCALEDIR;
	strcpy(slash, "/po/locale");
	return buf;
}

/* glibc's counter that makes gettext drop its cached translations. */
extern int _nl_msg_cat_cntr;

void i18n_set_language(const char *lang)
{
	static bool bound;
	if (!bound) {
		char buf[PATH_MAX];
		bindtextdomain(PACKAGE, catalogue_dir(buf, sizeof(buf)));
		bind_textdomain_codeset(PACKAGE, "UTF-8");
		textdomain(PACKAGE);
		bound = true;
	}
	if (!lang || (strcmp(lang, "fi") && strcmp(lang, "sv") && strcmp(lang, "en")))
		lang = "fi";
	memcpy(current, lang, 3);
	/* LANGUAGE picks the catalogue whatever locales the system has
	 * generated; LC_MESSAGES must merely not be "C" for it to count. */
	setenv("LANGUAGE", lang, 1);
	if (!setlocale(LC_MESSAGES, "C.UTF-8"))
		setlocale(LC_MESSAGES, "");
	++_nl_msg_cat_cntr;
}

const char *i18n_language(void)
{
	return current;
}

const char *i18n_weekday(int weekday)
{
	static const char *const names[] = {N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"),
					    N_("Fri"), N_("Sat"), N_("Sun")};
	return _(names[((weekday % 7) + 7) % 7]);
}

const char *i18n_event_status(const char *status)
{
	if (!status)
		return NULL;
	if (strcmp(status, "EventCancelled") == 0)
		return _("CANCELLED");
	if (strcmp(status, "EventPostponed") == 0)
		return _("POSTPONED");
	if (strcmp(status, "EventRescheduled") == 0)
		return _("RESCHEDULED");
	return NULL;
}

const char *i18n_attendance(const char *mode)
{
	if (!mode)
		return NULL;
	if (strcmp(mode, "phone") == 0)
		return _("by phone");
	if (strcmp(mode, "chat") == 0)
		return _("chat");
	if (strcmp(mode, "online") == 0)
		return _("online");
	return NULL;
}
