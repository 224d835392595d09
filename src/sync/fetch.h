/* SPDX-License-Identifier: EUPL-1.2 */
/* fetch: one HTTP(S) or file GET with libcurl, guarded for an unattended
 * terminal: a byte cap counted as data arrives (also after decompression),
 * connect and total timeouts, a low-speed limit, at most 3 redirects and
 * only on the feed's own host (http may become https), TLS verification
 * always on. */
#ifndef AULATAULU_FETCH_H
#define AULATAULU_FETCH_H

#include <stdbool.h>
#include <stddef.h>

struct fetch_options {
	long connect_timeout;	 /* seconds */
	long timeout;		 /* seconds, the whole transfer */
	size_t max_bytes;	 /* body cap */
	bool allow_file;	 /* accept file:// URLs */
	const char *ca_file;	 /* CA certificates to trust, or NULL: the system's */
	const char *terminal_id; /* sent in the User-Agent, or NULL */
};

struct fetch_request {
	const char *url;
	const char *etag, *last_modified; /* from the last success, or NULL */
};

enum fetch_status {
	FETCH_OK,	    /* body holds the document */
	FETCH_NOT_MODIFIED, /* 304: nothing to do */
	FETCH_FAILED,	    /* error says why */
};

struct fetch_result {
	enum fetch_status status;
	long http_code;
	char *body; /* NUL-terminated; len bytes */
	size_t len;
	char *etag, *last_modified;
	long retry_after; /* seconds the server asked us to wait, or 0 */
	char *error;
};

/* Performs the GET (loading libcurl the first time; without it, a failure
 * that says so). Always fills *out; the caller frees it with
 * fetch_result_free. Returns out->status. */
enum fetch_status fetch_get(const struct fetch_options *opt, const struct fetch_request *req,
			    struct fetch_result *out);
void fetch_result_free(struct fetch_result *r);

/* Starts loading libcurl (~10 ms of mapping some 30 libraries on a 2-core
 * machine) in a background thread, so that it overlaps opening the cache;
 * the first fetch_get waits for it. Only the first call does anything. */
void fetch_preload(void);

/* Waits for that thread, if it still runs: a library still loading while
 * exit() runs the destructors crashes the process. */
void fetch_preload_wait(void);

#endif
