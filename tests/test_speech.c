/* SPDX-License-Identifier: EUPL-1.2 */
/* The words the kiosk says (src/speech/speech_text.c): what espeak-ng
 * would misread is written as a person says it. */
#include "config.h"

#include "helpers.h"
#include "speech/speech_text.h"
#include "util/i18n.h"
#include "util/timefmt.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void setup(void)
{
	setenv("TZ", "Europe/Helsinki", 1);
	tzset();
}

TestSuite(speech, .init = setup);

static int64_t at(const char *rfc3339)
{
	int64_t t;
	cr_assert(timefmt_parse(rfc3339, &t), "%s", rfc3339);
	return t;
}

static void says(char *got, const char *want)
{
	cr_assert_not_null(got);
	cr_assert_str_eq(got, want);
	free(got);
}

Test(speech, dates_and_times_are_words_at_their_edges)
{
	i18n_set_language("fi");
	says(speech_when(at("2026-12-01T18:00:00+02:00"), at("2026-12-01T19:30:00+02:00"), "fi"),
	     "tiistaina ensimmäinen joulukuuta kello 18, päättyy 19 30");
	says(speech_when(at("2026-12-31T09:05:00+02:00"), 0, "fi"),
	     "torstaina kolmaskymmenesensimmäinen joulukuuta kello 9 05");
	i18n_set_language("sv");
	says(speech_when(at("2027-03-21T00:00:00+02:00"), 0, "sv"),
	     "på söndag den tjugoförsta mars klockan 0");
	i18n_set_language("en");
	/* Midnight and noon, as English says them. */
	says(speech_when(at("2027-03-22T00:00:00+02:00"), at("2027-03-22T12:00:00+02:00"), "en"),
	     "on Monday, March 22nd, at 12 am, until 12 pm");
	says(speech_when(at("2027-03-23T23:59:00+02:00"), 0, "en"),
	     "on Tuesday, March 23rd, at 11 59 pm");
}

Test(speech, telephone_numbers_are_read_digit_by_digit_in_their_groups)
{
	i18n_set_language("en");
	says(speech_phone("040 123 4567", "en"), "0 4 0, 1 2 3, 4 5 6 7");
	says(speech_phone("+358 (0)40-123 45", "en"), "plus 3 5 8, 0, 4 0, 1 2 3, 4 5");
	says(speech_phone("116117", "en"), "1 1 6 1 1 7");
	says(speech_phone("", "en"), "");
}

Test(speech, abbreviations_are_written_out_as_words_only)
{
	says(speech_expand("Oulun seudun omaishoitajat ry", "fi"),
	     "Oulun seudun omaishoitajat rekisteröity yhdistys");
	says(speech_expand("Avoinna klo 9, n. 20 hlöä (esim. kahvila).", "fi"),
	     "Avoinna kello 9, noin 20 hlöä (esimerkiksi kahvila).");
	/* Inside a word, or in another language's text: left alone. */
	says(speech_expand("Kryssi ja kloori", "fi"), "Kryssi ja kloori");
	says(speech_expand("Närståendevårdarna rf.", "sv"),
	     "Närståendevårdarna registrerad förening.");
	says(speech_expand("ry", "en"), "ry");
}
