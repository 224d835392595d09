/* SPDX-License-Identifier: EUPL-1.2 */
/* fetch: one guarded GET with libcurl. */
#include "config.h"

#include "sync/fetch.h"

#include "util/lazy.h"
#include "util/prefault.h"
#include "util/text.h"
#include "util/timefmt.h"
#include "util/i18n.h"

#include <ctype.h>
/* Called through the table below, not by name: no type-checking macros. */
#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

struct sink {
	struct fetch_result *r;
	size_t cap, max;
	bool over_cap;
};

/* libcurl, opened on first use (lazy.h). */
#define CURL_FUNCTIONS(F)                                                                          \
	F(global_init, "curl_global_init", CURLcode, (long))                                       \
	F(easy_init, "curl_easy_init", CURL *, (void))                                             \
	F(easy_setopt, "curl_easy_setopt", CURLcode, (CURL *, CURLoption, ...))                    \
	F(easy_perform, "curl_easy_perform", CURLcode, (CURL *))                                   \
	F(easy_getinfo, "curl_easy_getinfo", CURLcode, (CURL *, CURLINFO, ...))                    \
	F(easy_cleanup, "curl_easy_cleanup", void, (CURL *))                                       \
	F(easy_strerror, "curl_easy_strerror", const char *, (CURLcode))                           \
	F(slist_append, "curl_slist_append", struct curl_slist *,                                  \
	  (struct curl_slist *, const char *))                                                     \
	F(slist_free_all, "curl_slist_free_all", void, (struct curl_slist *))                      \
	F(getdate, "curl_getdate", time_t, (const char *, const time_t *))                         \
	F(url, "curl_url", CURLU *, (void))                                                        \
	F(url_set, "curl_url_set", CURLUcode, (CURLU *, CURLUPart, const char *, unsigned int))    \
	F(url_get, "curl_url_get", CURLUcode, (const CURLU *, CURLUPart, char **, unsigned int))   \
	F(url_cleanup, "curl_url_cleanup", void, (CURLU *))                                        \
	F(free, "curl_free", void, (void *))

static struct {
	CURL_FUNCTIONS(LAZY_MEMBER)
} C;

static bool loaded;
static char load_error[256];

static void load_curl(void)
{
	static const char *const names[] = {CURL_FUNCTIONS(LAZY_NAME)};
#define SLOT(member, symbol, ret, params) (void **)&C.member,
	void **const slots[] = {CURL_FUNCTIONS(SLOT)};
#undef SLOT
	loaded = lazy_resolve("libcurl.so.4", names, slots, sizeof(names) / sizeof(*names),
			      load_error, sizeof(load_error)) &&
		 C.global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
	if (!loaded && !*load_error)
		snprintf(load_error, sizeof(load_error), _("libcurl could not be initialised"));
}

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

/* Loads and initialises libcurl once; false (and load_error) without it. */
static bool fetch_global_init(void)
{
	pthread_once(&curl_once, load_curl);
	return loaded;
}

static void *preload(void *unused)
{
	(void)unused;
	pthread_once(&curl_once, load_curl);
	return NULL;
}

static pthread_t preloader;
static bool preloading, preloaded;

void fetch_preload(void)
{
	/* Without a thread the first fetch loads libcurl itself. */
	if (!preloaded)
		preloading = pthread_create(&preloader, NULL, preload, NULL) == 0;
	preloaded = true;
}

void fetch_preload_wait(void)
{
	if (preloading)
		pthread_join(preloader, NULL);
	preloading = false;
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *user)
{
	struct sink *k = user;
	size_t n = size * nmemb;
	struct fetch_result *r = k->r;
	if (n > k->max - r->len) {
		k->over_cap = true;
		return 0; /* aborts the transfer */
	}
	if (r->len + n + 1 > k->cap) {
		size_t cap = k->cap ? k->cap : 65536;
		while (cap < r->len + n + 1)
			cap *= 2;
		char *grown = realloc(r->body, cap);
		if (!grown)
			return 0;
		if (cap >= PREFAULT_MIN) /* a large body: its new part at once */
			prefault(grown + k->cap, cap - k->cap);
		r->body = grown;
		k->cap = cap;
	}
	memcpy(r->body + r->len, data, n);
	r->len += n;
	r->body[r->len] = '\0';
	return n;
}

/* The value of header `name` in line, trimmed, or NULL. */
static char *header_value(const char *line, size_t len, const char *name)
{
	size_t nl = strlen(name);
	if (len <= nl || strncasecmp(line, name, nl) != 0 || line[nl] != ':')
		return NULL;
	const char *v = line + nl + 1, *end = line + len;
	while (v < end && isspace((unsigned char)*v))
		v++;
	while (end > v && isspace((unsigned char)end[-1]))
		end--;
	return strndup(v, (size_t)(end - v));
}

/* A validator is sent back to the server and stored: one with anything
 * text_clean would change (controls, bidi) or too long is not kept; the
 * next request is then simply unconditional. Takes v. */
static char *plain_or_null(char *v)
{
	char *clean = v ? text_clean(v, strlen(v), TEXT_LINE) : NULL;
	bool plain = clean && strcmp(clean, v) == 0 && strlen(v) < 400;
	free(clean);
	if (!plain) {
		free(v);
		v = NULL;
	}
	return v;
}

static size_t on_header(char *line, size_t size, size_t nmemb, void *user)
{
	struct fetch_result *r = user;
	size_t n = size * nmemb;
	char *v;
	if (n > 7 && strncmp(line, "HTTP/", 5) == 0) {
		/* A new response (after a redirect): forget the last one's headers. */
		free(r->etag);
		free(r->last_modified);
		r->etag = r->last_modified = NULL;
		r->retry_after = 0;
	} else if ((v = header_value(line, n, "ETag"))) {
		free(r->etag);
		r->etag = plain_or_null(v);
	} else if ((v = header_value(line, n, "Last-Modified"))) {
		free(r->last_modified);
		r->last_modified = plain_or_null(v);
	} else if ((v = header_value(line, n, "Retry-After"))) {
		char *end;
		long secs = strtol(v, &end, 10);
		if (end != v && *end == '\0') {
			r->retry_after = secs > 0 ? secs : 0;
		} else {
			time_t when = C.getdate(v, NULL);
			time_t now = time(NULL);
			r->retry_after = when > now ? (long)(when - now) : 0;
		}
		free(v);
	}
	return n;
}

static char *describe(CURLcode rc, const struct fetch_options *opt, const struct sink *k,
		      const char *detail)
{
	char *msg = NULL;
	int ok;
	switch (rc) {
	case CURLE_OPERATION_TIMEDOUT:
		ok = asprintf(&msg, _("the server did not deliver the feed in time (limit %ld s)"),
			      opt->timeout);
		break;
	case CURLE_COULDNT_RESOLVE_HOST:
		ok = asprintf(&msg, _("the server's name could not be found (%s)"), detail);
		break;
	case CURLE_COULDNT_CONNECT:
		ok = asprintf(&msg, _("could not connect to the server (%s)"), detail);
		break;
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
		ok = asprintf(&msg, _("the server's certificate could not be verified (%s)"),
			      detail);
		break;
	case CURLE_UNSUPPORTED_PROTOCOL:
		ok = asprintf(&msg, _("the address uses a protocol that is not allowed (%s)"),
			      detail);
		break;
	case CURLE_FILESIZE_EXCEEDED:
		ok = asprintf(&msg, _("the feed is larger than the cap of %zu bytes"),
			      opt->max_bytes);
		break;
	case CURLE_OUT_OF_MEMORY:
		/* libcurl's answer to response headers over its 100 KB limit */
		if (strstr(detail, "header")) {
			ok = asprintf(&msg, _("the server sent response headers larger than "
					      "allowed: it is not serving a feed"));
			break;
		}
		/* fall through */
	case CURLE_WRITE_ERROR:
		if (k->over_cap) {
			ok = asprintf(&msg, _("the feed is larger than the cap of %zu bytes"),
				      opt->max_bytes);
			break;
		}
		/* fall through */
	default:
		ok = asprintf(&msg, _("download failed: %s (%s)"), C.easy_strerror(rc), detail);
	}
	return ok < 0 ? NULL : msg;
}

#define FETCH_MAX_REDIRECTS 3

/* The scheme, host and port of url (the scheme's port if none is given);
 * missing parts are NULL or 0. Returns false when url cannot be parsed. */
static bool origin(const char *url, char **scheme, char **host, long *port)
{
	CURLU *u = C.url();
	char *p = NULL;
	*scheme = *host = NULL;
	*port = 0;
	bool ok = u && C.url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
		  C.url_get(u, CURLUPART_SCHEME, scheme, 0) == CURLUE_OK;
	if (ok) {
		C.url_get(u, CURLUPART_HOST, host, 0);
		if (C.url_get(u, CURLUPART_PORT, &p, CURLU_DEFAULT_PORT) == CURLUE_OK)
			*port = strtol(p, NULL, 10);
	}
	C.free(p);
	C.url_cleanup(u);
	return ok;
}

/* Where the redirect just received leads, if it may be followed: to the
 * same host and port, or from http to https on the same host. A feed must
 * not send a lobby terminal to other hosts, ports or protocols. On false,
 * *why says why. */
static bool redirect_target(CURL *c, const char *from, char **next, char **why)
{
	char *location = NULL;
	C.easy_getinfo(c, CURLINFO_REDIRECT_URL, &location);
	char *fs = NULL, *fh = NULL, *ts = NULL, *th = NULL;
	long fp, tp;
	bool ok = location && origin(from, &fs, &fh, &fp) && origin(location, &ts, &th, &tp);
	if (!ok) {
		*why = strdup(_("the server redirected to an address that cannot be read"));
	} else if (strcmp(ts, "http") && strcmp(ts, "https")) {
		ok = false;
		if (asprintf(why, _("the server redirected to a protocol that is not allowed (%s)"),
			     ts) < 0)
			*why = NULL;
	} else if (strcmp(fs, "https") == 0 && strcmp(ts, "https") != 0) {
		ok = false; /* the feed and its signature must not travel in clear */
		*why = strdup(_("the server redirected from https to http; a feed is never fetched "
				"without TLS once it was asked for with it"));
	} else if (!th || !fh || strcasecmp(fh, th) != 0 ||
		   (fp != tp && !(strcmp(fs, "http") == 0 && strcmp(ts, "https") == 0))) {
		ok = false;
		if (asprintf(why,
			     _("the server redirected to another host or port (%s:%ld); only "
			       "redirects on the feed's own host are followed"),
			     th ? th : "?", tp) < 0)
			*why = NULL;
	} else {
		*next = strdup(location);
	}
	C.free(fs);
	C.free(fh);
	C.free(ts);
	C.free(th);
	return ok;
}

static void fail(struct fetch_result *r, char *msg)
{
	r->status = FETCH_FAILED;
	free(r->error);
	r->error = msg ? msg : strdup(_("download failed"));
	free(r->body);
	r->body = NULL;
	r->len = 0;
}

/* A file:// source must be a regular file: libcurl reads a FIFO or a
 * device without any time limit. NULL when it may be read, else why. */
static char *file_refused(const char *url)
{
	CURLU *u = C.url();
	char *scheme = NULL, *path = NULL, *why = NULL;
	if (u && C.url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK &&
	    C.url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	    strcasecmp(scheme, "file") == 0 &&
	    C.url_get(u, CURLUPART_PATH, &path, CURLU_URLDECODE) == CURLUE_OK) {
		struct stat sb;
		if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode) &&
		    asprintf(&why, _("%s is not a regular file (a pipe or a device is never read)"),
			     path) < 0)
			why = NULL;
	}
	C.free(scheme);
	C.free(path);
	C.url_cleanup(u);
	return why;
}

/* The options that carry a security rule, each checked: a libcurl that
 * does not know one must not silently fetch without it. */
static bool set_rules(CURL *c, const struct fetch_options *opt, struct sink *k,
		      struct fetch_result *r, struct curl_slist *headers, char *errbuf)
{
	const char *protocols = opt->allow_file ? "http,https,file" : "http,https";
	bool ok =
	    C.easy_setopt(c, CURLOPT_PROTOCOLS_STR, protocols) == CURLE_OK &&
	    C.easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") == CURLE_OK &&
	    C.easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L) == CURLE_OK &&
	    C.easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L) == CURLE_OK &&
	    C.easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L) == CURLE_OK &&
	    C.easy_setopt(c, CURLOPT_CONNECTTIMEOUT, opt->connect_timeout) == CURLE_OK &&
	    C.easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 10L) == CURLE_OK &&
	    C.easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)opt->max_bytes) == CURLE_OK &&
	    C.easy_setopt(c, CURLOPT_NOSIGNAL, 1L) == CURLE_OK &&
	    C.easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body) == CURLE_OK &&
	    C.easy_setopt(c, CURLOPT_WRITEDATA, k) == CURLE_OK &&
	    C.easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header) == CURLE_OK &&
	    C.easy_setopt(c, CURLOPT_HEADERDATA, r) == CURLE_OK &&
	    (!opt->ca_file || C.easy_setopt(c, CURLOPT_CAINFO, opt->ca_file) == CURLE_OK);
	/* Conveniences: without them a fetch is slower or plainer, not unsafe. */
	C.easy_setopt(c, CURLOPT_ACCEPT_ENCODING, ""); /* the cap counts decoded bytes */
	/* The feed server's log shows each terminal's last fetch. */
	char agent[200];
	if (opt->terminal_id && *opt->terminal_id)
		snprintf(agent, sizeof(agent), "%s/%s (terminal %.120s)", PACKAGE_NAME,
			 PACKAGE_VERSION, opt->terminal_id);
	else
		snprintf(agent, sizeof(agent), "%s/%s", PACKAGE_NAME, PACKAGE_VERSION);
	C.easy_setopt(c, CURLOPT_USERAGENT, agent);
	C.easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	C.easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	return ok;
}

/* If-None-Match and If-Modified-Since from req's validators (*conditional
 * when there is either). */
static struct curl_slist *conditional_headers(const struct fetch_request *req, bool *conditional)
{
	struct curl_slist *headers = NULL;
	char line[512];
	*conditional = false;
	if (req->etag && strlen(req->etag) < 400) {
		snprintf(line, sizeof(line), "If-None-Match: %s", req->etag);
		headers = C.slist_append(headers, line);
		*conditional = true;
	}
	if (req->last_modified && strlen(req->last_modified) < 400) {
		snprintf(line, sizeof(line), "If-Modified-Since: %s", req->last_modified);
		headers = C.slist_append(headers, line);
		*conditional = true;
	}
	return headers;
}

/* Fetches url, following at most FETCH_MAX_REDIRECTS redirects that
 * redirect_target allows, all within opt->timeout. libcurl's result, or
 * CURLE_OK with r->error set when a redirect was refused. */
static CURLcode transfer(CURL *c, const struct fetch_options *opt, struct sink *k,
			 struct fetch_result *r, const char *url)
{
	double t0 = timefmt_monotonic_ms();
	CURLcode rc = CURLE_OK;
	char *where = strdup(url);
	for (int hops = 0; !r->error; hops++) {
		long left_ms = opt->timeout * 1000 - (long)(timefmt_monotonic_ms() - t0);
		if (left_ms <= 0) {
			rc = CURLE_OPERATION_TIMEDOUT;
			break;
		}
		/* Below 10 bytes a second for 30 s (or what is left) is a stalled server. */
		long stall = left_ms / 1000 < 30 ? (left_ms + 999) / 1000 : 30L;
		if (!where || C.easy_setopt(c, CURLOPT_URL, where) != CURLE_OK ||
		    C.easy_setopt(c, CURLOPT_TIMEOUT_MS, left_ms) != CURLE_OK ||
		    C.easy_setopt(c, CURLOPT_LOW_SPEED_TIME, stall) != CURLE_OK) {
			fail(r, strdup(_("could not start the download (out of memory)")));
			break;
		}
		rc = C.easy_perform(c);
		C.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->http_code);
		if (rc != CURLE_OK || r->http_code < 300 || r->http_code > 399 ||
		    r->http_code == 304)
			break;
		char *next = NULL, *why = NULL;
		if (hops == FETCH_MAX_REDIRECTS)
			why = strdup(_("too many redirects (at most 3 are followed)"));
		else
			redirect_target(c, where, &next, &why);
		if (!next) {
			fail(r, why);
			break;
		}
		free(where);
		where = next;
		free(r->body); /* the redirect's own body */
		r->body = NULL;
		r->len = 0;
		k->cap = 0;
	}
	free(where);
	return rc;
}

/* What the transfer's end means: r's status, or its error. */
static void judge(CURL *c, CURLcode rc, const struct fetch_options *opt, const struct sink *k,
		  const char *detail, bool conditional, struct fetch_result *r)
{
	char *scheme = NULL; /* libcurl's own */
	C.easy_getinfo(c, CURLINFO_SCHEME, &scheme);
	bool from_file = scheme && strcasecmp(scheme, "file") == 0;
	if (r->error) {
		/* refused before or between transfers: fail() has said why */
	} else if (rc != CURLE_OK) {
		fail(r, describe(rc, opt, k, detail));
	} else if (r->http_code == 304 && !conditional) {
		fail(r, strdup(_("the server answered 304 Not Modified to a request that was not "
				 "conditional: there is no feed to keep")));
	} else if (r->http_code == 304) {
		r->status = FETCH_NOT_MODIFIED;
	} else if (r->http_code == 200 || (r->http_code == 0 && from_file)) {
		r->status = FETCH_OK;
		if (!r->body) {
			r->body = calloc(1, 1);
			if (!r->body)
				fail(r, strdup(_("out of memory")));
		}
	} else {
		char *msg = NULL;
		if (asprintf(&msg, _("the server answered HTTP %ld instead of the feed"),
			     r->http_code) < 0)
			msg = NULL;
		fail(r, msg);
	}
}

enum fetch_status fetch_get(const struct fetch_options *opt, const struct fetch_request *req,
			    struct fetch_result *r)
{
	*r = (struct fetch_result){.status = FETCH_FAILED};
	if (!fetch_global_init()) {
		fail(r, strdup(load_error));
		return r->status;
	}
	struct sink k = {.r = r, .max = opt->max_bytes};
	char errbuf[CURL_ERROR_SIZE] = "";
	CURL *c = C.easy_init();
	if (!c) {
		fail(r, strdup(_("could not start the download (out of memory)")));
		return r->status;
	}
	bool conditional;
	struct curl_slist *headers = conditional_headers(req, &conditional);
	char *refused = opt->allow_file ? file_refused(req->url) : NULL;
	if (refused) {
		fail(r, refused);
	} else if (!set_rules(c, opt, &k, r, headers, errbuf)) {
		fail(r,
		     strdup(_("this libcurl cannot enforce the download's safety rules (allowed "
			      "protocols, TLS verification, the size cap): libcurl 7.85 or newer "
			      "is needed")));
	}
	CURLcode rc = r->error ? CURLE_OK : transfer(c, opt, &k, r, req->url);
	judge(c, rc, opt, &k, *errbuf ? errbuf : req->url, conditional, r);
	C.slist_free_all(headers);
	C.easy_cleanup(c);
	return r->status;
}

void fetch_result_free(struct fetch_result *r)
{
	free(r->body);
	free(r->etag);
	free(r->last_modified);
	free(r->error);
	*r = (struct fetch_result){0};
}
