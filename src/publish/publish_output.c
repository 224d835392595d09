/* SPDX-License-Identifier: EUPL-1.2 */
/* publish_output: feed.json and feed.json.minisig of the publisher. */
#include "config.h"

#include "publish/publish_output.h"

#include "util/atomic_file.h"
#include "feed/feed_json.h"
#include "util/i18n.h"
#include "feed/markup.h"
#include "util/minisign.h"
#include "util/path.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool is_language(const char *key)
{
	return !strcmp(key, "fi") || !strcmp(key, "sv") || !strcmp(key, "en");
}

void publish_output_make_text(json_t *doc)
{
	const char *key;
	json_t *child;
	size_t i;
	if (json_is_array(doc)) {
		json_array_foreach(doc, i, child) publish_output_make_text(child);
		return;
	}
	json_object_foreach(doc, key, child)
	{
		const char *raw = json_string_value(child);
		if (!raw || !is_language(key)) {
			publish_output_make_text(child);
			continue;
		}
		char why[160];
		char *plain = html_is_markup(raw, json_string_length(child))
				  ? markup_clean(raw, TEXT_PARAGRAPHS, why, sizeof(why))
				  : NULL;
		if (plain)
			json_string_set(child, plain);
		free(plain);
	}
}

bool publish_output_valid(const char *text, size_t len, long max_size, struct diag *warnings,
			  char **err)
{
	*warnings = (struct diag){0};
	struct feed *f = feed_json_parse(text, len, warnings);
	bool ok = f && len <= (size_t)max_size;
	if (!f)
		*err = path_format(_("the built feed is refused by the terminals' checks: %s"),
				   warnings->error ? warnings->error : "?");
	else if (!ok)
		*err = path_format(_("the built feed is %zu bytes, more than max_size (%ld) that "
				     "terminals accept"),
				   len, max_size);
	feed_free(f);
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

/* Calls fn(path, name, ctx) for each entry of dir but . and .. */
static void each_entry(const char *dir, void (*fn)(const char *, const char *, void *), void *ctx)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char *path = path_join(dir, e->d_name);
		if (path)
			fn(path, e->d_name, ctx);
		free(path);
	}
	if (d)
		closedir(d);
}

static void unlink_entry(const char *path, const char *name, void *ctx)
{
	(void)name, (void)ctx;
	unlink(path);
}

/* rm -r of a release directory (two files, or a half-written one). */
static void remove_release(const char *dir)
{
	each_entry(dir, unlink_entry, NULL);
	rmdir(dir);
}

/* A release directory half written by a killed run (releases/N.tmp-PID). */
static void remove_half_release(const char *path, const char *name, void *ctx)
{
	(void)ctx;
	if (strstr(name, ".tmp-"))
		remove_release(path);
}

/* A symlink not yet swapped in, or a temporary file of the versions that
 * wrote feed.json in place (feed.json.XXXXXX, feed.json.minisig.XXXXXX). */
static void remove_temporary(const char *path, const char *n, void *ctx)
{
	(void)ctx;
	bool old_temp = (strncmp(n, "feed.json.", 10) == 0 && strcmp(n, "feed.json.minisig") &&
			 strlen(n) == 16) ||
			(strncmp(n, "feed.json.minisig.", 18) == 0 && strlen(n) == 24);
	if (old_temp || strncmp(n, "current.tmp-", 12) == 0)
		unlink(path);
}

/* What a killed run leaves. */
static void remove_leftovers(const char *out, const char *releases)
{
	each_entry(releases, remove_half_release, NULL);
	each_entry(out, remove_temporary, NULL);
}

/* Replaces out/name with a symlink to target, atomically. */
static bool swap_link(const char *out, const char *name, const char *target, char **err)
{
	char *tmp = path_format("%s/%s.tmp-%ld", out, name, (long)getpid()),
	     *path = path_join(out, name);
	bool ok = tmp && path;
	if (ok) {
		unlink(tmp);
		ok = symlink(target, tmp) == 0 && rename(tmp, path) == 0;
		if (!ok)
			*err = path_format(_("%s cannot be switched to the new feed: %s"), path,
					   strerror(errno));
		unlink(tmp);
	} else {
		*err = strdup(_("out of memory"));
	}
	free(tmp);
	free(path);
	return ok;
}

/* The release a symlink out/current names ("releases/N"), or NULL. */
static char *current_release(const char *out)
{
	char *path = path_join(out, "current"), buf[256];
	ssize_t n = path ? readlink(path, buf, sizeof(buf) - 1) : -1;
	free(path);
	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	return strdup(buf);
}

/* Every release but the new one and the one before it (a terminal may be
 * reading it still) goes. */
struct keep {
	const char *a, *b;
};

static void remove_unkept(const char *path, const char *name, void *ctx)
{
	const struct keep *k = ctx;
	if (name[0] != '.' && !(k->a && strcmp(name, k->a) == 0) &&
	    !(k->b && strcmp(name, k->b) == 0))
		remove_release(path);
}

static void prune_releases(const char *releases, const char *keep1, const char *keep2)
{
	struct keep k = {keep1, keep2};
	each_entry(releases, remove_unkept, &k);
}

/* A directory a web server may read (not the umask's). */
static bool make_public_dir(const char *path, char **err)
{
	if (mkdir(path, 0755) == 0) {
		chmod(path, 0755); /* the umask may be 077 (a command run by hand) */
		return true;
	}
	if (errno == EEXIST)
		return true;
	*err = path_format(_("the output directory %s cannot be made: %s"), path, strerror(errno));
	return false;
}

/* releases/SEQ with the feed and its signature, whole: written under a
 * temporary name, synced, renamed. */
static bool write_release(const char *releases, const char *name, const char *text, const char *sig,
			  char **err)
{
	char *tmp = path_format("%s/%s.tmp-%ld", releases, name, (long)getpid()),
	     *final = path_join(releases, name);
	char *feed = tmp ? path_join(tmp, "feed.json") : NULL,
	     *sig_path = tmp ? path_join(tmp, "feed.json.minisig") : NULL;
	bool ok = tmp && final && feed && sig_path;
	if (!ok)
		*err = strdup(_("out of memory"));
	if (ok) {
		remove_release(tmp);
		remove_release(final); /* a run killed after its rename, before its switch */
		ok = make_public_dir(tmp, err) &&
		     atomic_file_write_mode(feed, text, strlen(text), 0644, err) &&
		     atomic_file_write_mode(sig_path, sig, strlen(sig), 0644, err);
	}
	if (ok && rename(tmp, final) != 0) {
		*err = path_format(_("%s cannot be written: %s"), final, strerror(errno));
		ok = false;
	}
	if (!ok && tmp)
		remove_release(tmp);
	if (ok)
		atomic_file_sync_dir(releases);
	free(tmp);
	free(final);
	free(feed);
	free(sig_path);
	return ok;
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
	/* out/feed.json and out/feed.json.minisig are symlinks through
	 * out/current to releases/SEQ: one rename of current switches the
	 * pair, so a crash at any moment leaves the old pair or the new one,
	 * never one of each. (A terminal that fetches the two between the
	 * switch still sees a signature of other data, and tries again in
	 * seconds: sync_run.c.) */
	const char *out = cfg->publish.output;
	char *releases = path_join(out, "releases"), name[32], target[48];
	snprintf(name, sizeof(name), "%lld", (long long)sequence);
	snprintf(target, sizeof(target), "releases/%s", name);
	*err = NULL;
	char *before = current_release(out);
	bool ok = releases && make_public_dir(out, err) && make_public_dir(releases, err);
	if (ok) {
		remove_leftovers(out, releases);
		ok = write_release(releases, name, text, sig, err) &&
		     swap_link(out, "current", target, err);
	}
	/* Once, on an output of the versions that wrote the files in place. */
	struct stat sb;
	char *feed_path = ok ? path_join(out, "feed.json") : NULL;
	if (ok && (!feed_path || lstat(feed_path, &sb) != 0 || !S_ISLNK(sb.st_mode)))
		ok = swap_link(out, "feed.json", "current/feed.json", err) &&
		     swap_link(out, "feed.json.minisig", "current/feed.json.minisig", err);
	free(feed_path);
	if (ok) {
		atomic_file_sync_dir(out);
		const char *prev =
		    before && strncmp(before, "releases/", 9) == 0 ? before + 9 : NULL;
		prune_releases(releases, name, prev);
	}
	if (!ok && !*err)
		*err = strdup(_("out of memory"));
	free(before);
	free(releases);
	free(sig);
	return ok;
}
