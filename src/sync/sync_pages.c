/* SPDX-License-Identifier: EUPL-1.2 */
/* sync_pages: following meta.next over an API's pages. */
#include "config.h"

#include "sync/sync_pages.h"

#include "util/i18n.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How long the origin of url ("https://host:port") is, or 0. */
static size_t origin_length(const char *url)
{
	const char *host = strstr(url, "://");
	if (!host)
		return 0;
	host += 3;
	return (size_t)(host - url) + strcspn(host, "/?#");
}

static enum fetch_status fail(struct fetch_result *out, size_t page, const char *why)
{
	free(out->body);
	out->body = NULL;
	out->len = 0;
	free(out->error);
	if (asprintf(&out->error, _("page %zu: %s"), page, why) < 0)
		out->error = NULL;
	out->status = FETCH_FAILED;
	return out->status;
}

/* Appends the page's bytes to the array in out. */
static bool append(struct fetch_result *out, const char *page, size_t len)
{
	char *grown = realloc(out->body, out->len + len + 3);
	if (!grown)
		return false;
	grown[out->len] = out->len ? ',' : '[';
	out->len++;
	memcpy(grown + out->len, page, len);
	out->len += len;
	grown[out->len] = ']';
	grown[out->len + 1] = '\0';
	out->body = grown;
	return true;
}

enum fetch_status sync_fetch_pages(const struct fetch_options *opt, const char *url,
				   struct fetch_result *out)
{
	*out = (struct fetch_result){.status = FETCH_OK};
	size_t origin = origin_length(url), total = 0;
	char *next = strdup(url);
	for (size_t page = 1; next; page++) {
		if (page > SYNC_MAX_PAGES) {
			free(next);
			char why[160];
			snprintf(why, sizeof(why),
				 _("more than %d pages: narrow the query (e.g. start=today)"),
				 SYNC_MAX_PAGES);
			return fail(out, page, why);
		}
		struct fetch_request req = {.url = next};
		struct fetch_result r;
		enum fetch_status s = fetch_get(opt, &req, &r);
		free(next);
		next = NULL;
		if (s != FETCH_OK) {
			out->retry_after = r.retry_after;
			fail(out, page, r.error ? r.error : _("not fetched"));
			fetch_result_free(&r);
			return out->status;
		}
		json_error_t e;
		json_t *doc = json_loadb(r.body, r.len, 0, &e);
		json_t *next_value = json_object_get(json_object_get(doc, "meta"), "next");
		const char *more = json_string_value(next_value);
		char why[256] = "";
		if (total + r.len > opt->max_bytes)
			snprintf(why, sizeof(why),
				 _("the pages together are larger than the cap of %zu bytes"),
				 opt->max_bytes);
		else if (!doc)
			snprintf(why, sizeof(why), _("not a valid JSON document (line %d: %s)"),
				 e.line, e.text);
		else if (next_value && !more && !json_is_null(next_value))
			/* Not the last page, nor a link to the next: the rest is unknown,
			 * and taking this as all would drop every later event. */
			snprintf(why, sizeof(why), "%s",
				 _("meta.next is neither an address nor null: the pages after this "
				   "one cannot be followed"));
		else if (more && (origin == 0 || strncmp(more, url, origin) != 0 ||
				  (more[origin] && more[origin] != '/' && more[origin] != '?')))
			snprintf(why, sizeof(why),
				 _("the next page is on another server (%.120s): not followed"),
				 more);
		else if (more && !(next = strdup(more)))
			snprintf(why, sizeof(why), "%s", _("out of memory"));
		else if (!append(out, r.body, r.len))
			snprintf(why, sizeof(why), "%s", _("out of memory"));
		total += r.len;
		json_decref(doc);
		fetch_result_free(&r);
		if (*why) {
			free(next);
			return fail(out, page, why);
		}
	}
	out->len++; /* the closing ']' */
	return out->status;
}
