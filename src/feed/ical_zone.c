/* SPDX-License-Identifier: EUPL-1.2 */
/* ical_zone: a calendar's own VTIMEZONE matched to an IANA zone. */
#include "config.h"

#include "feed/ical_zone.h"

#include "util/lazy.h"

#include <stdbool.h>
#include <string.h>
#include <time.h>
#include <unicode/ucal.h>
#include <unicode/uenum.h>
#include <unicode/uvernum.h>

#define ZONE_FUNCTIONS(F)                                                                          \
	F(builtin, "icaltimezone_get_builtin_timezone", icaltimezone *, (const char *))            \
	F(utc, "icaltimezone_get_utc_timezone", icaltimezone *, (void))                            \
	F(from_timet, "icaltime_from_timet_with_zone", struct icaltimetype,                        \
	  (const time_t, const int, const icaltimezone *))                                         \
	F(offset_at, "icaltimezone_get_utc_offset_of_utc_time", int,                               \
	  (icaltimezone *, struct icaltimetype *, int *))

static struct {
	ZONE_FUNCTIONS(LAZY_MEMBER)
} Z;

/* ICU's symbols carry its version. */
#define SYMBOL_NAME(f) #f
#define SYMBOL(f) SYMBOL_NAME(f)
static UEnumeration *(*zones_with_offset)(USystemTimeZoneType, const char *, const int32_t *,
					  UErrorCode *);
static const char *(*next_zone)(UEnumeration *, int32_t *, UErrorCode *);
static void (*close_zones)(UEnumeration *);

/* libical's part and ICU's, each resolved once. */
static bool load_ical(void)
{
	static struct lazy_lib lib;
	static const char *const names[] = {ZONE_FUNCTIONS(LAZY_NAME)};
#define SLOT(member, symbol, ret, params) (void **)&Z.member,
	void **const slots[] = {ZONE_FUNCTIONS(SLOT)};
#undef SLOT
	return lazy_load(&lib, "libical.so.3", names, slots, LAZY_COUNT(names));
}

static bool load_icu(void)
{
	static bool tried, loaded;
	if (!tried) {
		char why[256];
		static const char *const names[] = {SYMBOL(ucal_openTimeZoneIDEnumeration),
						    SYMBOL(uenum_next), SYMBOL(uenum_close)};
		void **const slots[] = {(void **)&zones_with_offset, (void **)&next_zone,
					(void **)&close_zones};
		tried = true;
		loaded = lazy_resolve("libicui18n.so." U_ICU_VERSION_SHORT, names, slots, 3, why,
				      sizeof(why));
	}
	return loaded;
}

#define SAMPLE_SECONDS (12 * 3600)
#define YEAR_SECONDS (365 * 86400)

static int offset_of(icaltimezone *zone, time_t t, int *dst)
{
	struct icaltimetype u = Z.from_timet(t, 0, Z.utc());
	return Z.offset_at(zone, &u, dst);
}

/* Does zone have custom's offset at every sample? */
static bool agrees(icaltimezone *zone, icaltimezone *custom, time_t from, time_t until)
{
	int dst;
	for (time_t t = from; t < until; t += SAMPLE_SECONDS)
		if (offset_of(zone, t, &dst) != offset_of(custom, t, &dst))
			return false;
	return true;
}

bool ical_zone_match(icaltimezone *custom, time_t around, char *out, size_t size)
{
	if (!custom || !load_ical() || !load_icu())
		return false;
	time_t from = around - ICAL_ZONE_YEARS_BEFORE * YEAR_SECONDS,
	       until = around + ICAL_ZONE_YEARS_AFTER * YEAR_SECONDS;
	/* The standard offset: the offset at a sample outside daylight time. */
	int standard = 0, dst = 1;
	for (time_t t = from; t < until && dst; t += 30 * 86400)
		standard = offset_of(custom, t, &dst);
	if (dst)
		return false; /* daylight time all year: no zone to match */
	UErrorCode status = U_ZERO_ERROR;
	int32_t raw_ms = standard * 1000;
	UEnumeration *ids =
	    zones_with_offset(UCAL_ZONE_TYPE_CANONICAL_LOCATION, NULL, &raw_ms, &status);
	bool found = false;
	const char *id;
	int32_t len;
	while (U_SUCCESS(status) && !found && (id = next_zone(ids, &len, &status))) {
		icaltimezone *zone = Z.builtin(id);
		if (zone && agrees(zone, custom, from, until) && (size_t)len < size) {
			memcpy(out, id, (size_t)len + 1);
			found = true;
		}
	}
	if (ids)
		close_zones(ids);
	return found;
}

time_t ical_zone_time(struct icaltimetype wall, icaltimezone *tz)
{
	struct tm tm = {.tm_year = wall.year - 1900,
			.tm_mon = wall.month - 1,
			.tm_mday = wall.day,
			.tm_hour = wall.is_date ? 0 : wall.hour,
			.tm_min = wall.is_date ? 0 : wall.minute,
			.tm_sec = wall.is_date ? 0 : wall.second};
	time_t naive = timegm(&tm); /* the wall time read as UTC */
	if (!tz || !load_ical())
		return naive;
	int dst, before = offset_of(tz, naive - 86400, &dst),
		 after = offset_of(tz, naive + 86400, &dst);
	if (offset_of(tz, naive - before, &dst) == before)
		return naive - before; /* also the first of a time that occurs twice */
	if (offset_of(tz, naive - after, &dst) == after)
		return naive - after;
	return naive - before; /* in the gap */
}
