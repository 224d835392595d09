/* SPDX-License-Identifier: EUPL-1.2 */
/* publish_output: feed.json and feed.json.minisig of the publisher. */
#include "config.h"

#include "publish_output.h"

#include "atomic_file.h"
#include "feed_json.h"
#include "i18n.h"
#include "minisign.h"
#include "path.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

bool publish_output_valid(const char *text, size_t len, long max_size, char **err)
{
	struct diag d = {0};
	struct feed *f = feed_json_parse(text, len, &d);
	bool ok = f && !d.n_warnings && len <= (size_t)max_size;
	if (!f)
		*err = path_format(_("the built feed is refused by the terminals' checks: %s"),
				   d.error ? d.error : "?");
	else if (d.n_warnings)
		*err = path_format(_("the built feed has %zu problems the terminals would warn "
				     "of; the first: %s"),
				   d.n_warnings, d.warnings[0]);
	else if (!ok)
		*err = path_format(_("the built feed is %zu bytes, more than max_size (%ld) that "
				     "terminals accept"),
				   len, max_size);
	feed_free(f);
	diag_clear(&d);
	return ok;
}

/* Reads dir/name whole (at most max bytes); NULL when absent or larger. */
static char *read_small_file(const char *dir, const char *name, size_t max, size_t *len)
{
	char *path = path_join(dir, name);
	FILE *f = path ? fopen(path, "rb") : NULL;
	free(path);
	if (!f)
		return NULL;
	char *buf = malloc(max + 1);
	*len = buf ? fread(buf, 1, max + 1, f) : 0;
	fclose(f);
	if (buf && *len <= max) {
		buf[*len] = '\0';
		return buf;
	}
	free(buf);
	return NULL;
}

int64_t publish_output_sequence(const struct settings *cfg, const char *public_key, bool *valid)
{
	size_t len = 0, sig_len = 0;
	const char *dir = cfg->publish.output;
	char *text = read_small_file(dir, "feed.json", (size_t)cfg->max_size, &len);
	char *sig = read_small_file(dir, "feed.json.minisig", 8192, &sig_len);
	char why[160];
	*valid = text && sig && public_key &&
		 minisign_verify(public_key, text, len, sig, sig_len, why, sizeof(why));
	json_t *doc = text ? json_loadb(text, len, 0, NULL) : NULL;
	json_int_t seq =
	    json_integer_value(json_object_get(json_object_get(doc, "feed"), "sequence"));
	json_decref(doc);
	free(text);
	free(sig);
	return seq;
}

bool publish_output_write(const struct settings *cfg, const struct minisign_secret *key,
			  const char *public_key, const char *text, int64_t now, int64_t sequence,
			  char **err)
{
	char comment[256];
	snprintf(comment, sizeof(comment), "timestamp:%lld\tfile:feed.json\tfeed:%s\tsequence:%lld",
		 (long long)now, cfg->publish.feed_id, (long long)sequence);
	size_t len = strlen(text);
	char *sig = minisign_sign(key, text, len, comment);
	char why[160] = "";
	if (!sig || !minisign_verify(public_key, text, len, sig, strlen(sig), why, sizeof(why))) {
		*err = path_format(_("the signature made does not verify (%s); nothing was "
				     "published"),
				   sig ? why : _("out of memory"));
		free(sig);
		return false;
	}
	const char *out = cfg->publish.output;
	char *feed_path = path_join(out, "feed.json"),
	     *sig_path = path_join(out, "feed.json.minisig");
	*err = NULL;
	/* A new output directory is the web server's to read (not the umask's). */
	if (mkdir(out, 0755) == 0)
		chmod(out, 0755);
	else if (errno != EEXIST)
		*err = path_format(_("the output directory %s cannot be made: %s"), out,
				   strerror(errno));
	/* A terminal that fetches between the two renames sees a signature of
	 * other data, and tries again in seconds (sync_run.c). */
	bool ok = !*err && feed_path && sig_path &&
		  atomic_file_write_mode(feed_path, text, len, 0644, err) &&
		  atomic_file_write_mode(sig_path, sig, strlen(sig), 0644, err);
	if (!ok && !*err)
		*err = strdup(_("out of memory"));
	atomic_file_sync_dir(out);
	free(feed_path);
	free(sig_path);
	free(sig);
	return ok;
}
