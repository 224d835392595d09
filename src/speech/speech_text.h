/* SPDX-License-Identifier: EUPL-1.2 */
/* speech_text: what the kiosk says aloud, in the visitor's language, as a
 * person says it: dates and times in words espeak-ng reads right
 * ("tiistaina kahdeksas joulukuuta kello 18 30": it reads "18.30" as
 * "eighteen point thirty" and "9-15" as two numbers), telephone numbers
 * digit by digit, abbreviations written out (data/speech-words.txt).
 * Every result is a new string the caller frees, or NULL when out of
 * memory. */
#ifndef AULATAULU_SPEECH_TEXT_H
#define AULATAULU_SPEECH_TEXT_H

#include <stdint.h>

struct activity_detail;

/* Most dates an activity's speech names. */
#define SPEECH_DATES 2

/* An activity: its name, its next dates, where, who organises it, free
 * or its price, and the telephone number to call. */
char *speech_activity(const struct activity_detail *d, const char *lang);

/* An announcement: its title, then its text. */
char *speech_announcement(const char *title, const char *body, const char *lang);

/* A date and time as said: "tiistaina kahdeksas joulukuuta kello 18 30,
 * päättyy 19 30" (end 0: none). In the zone of the process (TZ). */
char *speech_when(int64_t start, int64_t end, const char *lang);

/* A telephone number digit by digit, its groups apart: "0 4 0, 1 2 3". */
char *speech_phone(const char *number, const char *lang);

/* text with its abbreviations written out in lang's words. */
char *speech_expand(const char *text, const char *lang);

#endif
