/* SPDX-License-Identifier: EUPL-1.2 */
/* settings_doc: the settings table as its reader sees it: config-help's
 * example file and the manual page aulataulu.conf(5). */
#include "config.h"

#include "util/i18n.h"
#include "util/settings.h"
#include "util/text.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* text as comment lines of at most 76 columns, broken between words. */
static void print_comment(FILE *out, const char *text)
{
	struct text_line lines[16];
	size_t n = text_wrap(text, 74, lines, sizeof(lines) / sizeof(*lines));
	for (size_t i = 0; i < n; i++)
		fprintf(out, "; %.*s\n", (int)lines[i].len, lines[i].start);
}

/* text for roff: a leading dot or quote escaped, backslashes doubled. */
static void print_roff(FILE *out, const char *text)
{
	if (*text == '.' || *text == '\'')
		fputs("\\&", out);
	for (; *text; text++)
		fputs(*text == '\\' ? "\\e" : (char[]){*text, 0}, out);
}

void settings_print_man(FILE *out)
{
	fputs(".TH AULATAULU.CONF 5 \"\" \"aulataulu " PACKAGE_VERSION "\"\n"
	      ".SH NAME\naulataulu.conf \\- configuration of an Aulataulu lobby terminal and "
	      "publisher\n"
	      ".SH DESCRIPTION\nAn INI file: sections in brackets, one \\fIkey\\fR = "
	      "\\fIvalue\\fR a line, comments after ; or #. A terminal's file has [kiosk], "
	      "[sync] and one [source NAME] a source; a wellbeing area's publisher "
	      "(\\fBaulataulu publish\\fR) its own file with [publish] and one [input NAME] an "
	      "input, which takes every key of [source NAME] too. Times are seconds or take "
	      "s, m, h or d (15m); sizes bytes or k, M or G (16M). "
	      "\\fBaulataulu config-help\\fR prints every key as an example file.\n",
	      out);
	const char *section;
	for (size_t s = 0; (section = settings_section(s)); s++) {
		fprintf(out, ".SH \"[%s]\"\n", section);
		for (size_t i = 0; i < settings_key_count(); i++) {
			struct settings_key_info k;
			settings_key_at(i, &k);
			if (k.section != section)
				continue;
			fprintf(out, ".TP\n.B %s\n", k.name);
			print_roff(out, k.help);
			if (k.unit)
				fprintf(out, " (%ld to %ld%s%s)", k.min, k.max, *k.unit ? " " : "",
					k.unit);
			if (k.dflt) {
				fputs(". Default: ", out);
				print_roff(out, k.dflt);
			}
			fputs(".\n", out);
		}
	}
	fputs(".SH FILES\n/etc/aulataulu/aulataulu.conf, /etc/aulataulu/publish/publish.conf\n"
	      ".SH SEE ALSO\n.BR aulataulu (1)\n",
	      out);
}

void settings_print_help(FILE *out)
{
	const char *section;
	for (size_t s = 0; (section = settings_section(s)); s++) {
		/* A terminal's file has no publisher's sections: shown commented. */
		bool publisher = !strcmp(section, "publish") || !strcmp(section, "input NAME");
		const char *off = publisher ? ";" : "";
		fprintf(out, "%s%s[%s]\n", s ? "\n" : "", off, section);
		if (!strcmp(section, "publish"))
			print_comment(out, _("A wellbeing area's publisher (aulataulu publish): "
					     "its own file, with [publish] and [input NAME] "
					     "sections; [sync] holds for its downloads."));
		if (!strcmp(section, "input NAME"))
			print_comment(out, _("Every key of [source NAME], and:"));
		for (size_t i = 0; i < settings_key_count(); i++) {
			struct settings_key_info k;
			settings_key_at(i, &k);
			if (k.section != section)
				continue;
			print_comment(out, _(k.help));
			fprintf(out, "%s%s = %s\n", k.dflt && !*off ? "" : ";", k.name,
				k.dflt ? k.dflt : "");
		}
	}
}
