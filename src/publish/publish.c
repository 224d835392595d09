/* SPDX-License-Identifier: EUPL-1.2 */
/* publish: many sources into one signed format 1 feed. */
#include "config.h"

#include "publish/publish.h"

#include "util/i18n.h"
#include "util/journal.h"
#include "publish/minisign_sign.h"
#include "util/path.h"
#include "publish/publish_build.h"
#include "publish/publish_input.h"
#include "publish/publish_output.h"
#include "publish/publish_state.h"
#include "sync/sync.h"
#include "sync/sync_run.h"
#include "util/timefmt.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/file.h>
#include <unistd.h>

/* Changes listed one by one per input; past this only counted. */
#define MAX_LISTED_CHANGES 40

struct run {
	const struct settings *cfg;
	const char *dir;
	int64_t now;
	enum publish_mode mode;
	FILE *out, *err;
	struct pstate *st;
	const char *input;			 /* whose changes are being listed */
	size_t added, removed, changed, waiting; /* of that input */
	size_t all_waiting;			 /* of every input read */
	bool nothing_to_publish;		 /* every item waits, or none came */
};

/* Says a problem on stderr and in the journal (a timer's run has no one
 * reading its output) with priority (LOG_WARNING, LOG_ERR). */
static void say(struct run *r, int priority, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void say(struct run *r, int priority, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = NULL;
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	fprintf(r->err, "aulataulu publish: %s\n", msg ? msg : _("out of memory"));
	if (msg)
		journal_log(priority, "%s", msg);
	free(msg);
}

#define say_error(r, ...) say(r, LOG_WARNING, __VA_ARGS__)

/* The [publish] keys without which nothing can be published. */
static bool config_complete(struct run *r)
{
	const struct publish_settings *p = &r->cfg->publish;
	const char *missing = !p->present	  ? "[publish]"
			      : !p->feed_id	  ? "feed_id"
			      : !p->publisher	  ? "publisher"
			      : !p->output	  ? "output"
			      : !p->secret_key	  ? "secret_key"
			      : !r->cfg->n_inputs ? "[input NAME]"
						  : NULL;
	if (missing)
		say_error(r,
			  _("the configuration has no %s: a publisher needs [publish] with "
			    "feed_id, publisher, output and secret_key, and at least one [input "
			    "NAME] (data/publish.conf.example)"),
			  missing);
	for (size_t i = 0; !missing && i < r->cfg->n_inputs; i++) {
		const struct source_config *in = &r->cfg->inputs[i];
		if (!strcmp(in->format, "demo") || !sync_format_known(in->format)) {
			say_error(r, _("[input %s]: format \"%s\" cannot be published"), in->name,
				  in->format);
			return false;
		}
	}
	return !missing;
}

/* The key's password: password_file's first line, or AULATAULU_KEY_PASSWORD. */
static char *read_password(struct run *r, bool *failed)
{
	*failed = false;
	const char *path = r->cfg->publish.password_file;
	if (!path) {
		const char *env = getenv("AULATAULU_KEY_PASSWORD");
		return env ? strdup(env) : NULL;
	}
	FILE *f = fopen(path, "r");
	struct stat sb;
	if (f && fstat(fileno(f), &sb) == 0 && (sb.st_mode & 077)) {
		say_error(r,
			  _("password_file %s may be read or changed by other users (mode %03o): "
			    "make it private with chmod 600 %s"),
			  path, (unsigned)(sb.st_mode & 0777), path);
		fclose(f);
		*failed = true;
		return NULL;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = f ? getline(&line, &cap, f) : -1;
	if (!f || n < 0) {
		say_error(r, _("password_file %s cannot be read: %s"), path,
			  f ? _("it is empty") : strerror(errno));
		*failed = true;
		free(line);
		line = NULL;
	} else {
		line[strcspn(line, "\r\n")] = '\0';
	}
	if (f)
		fclose(f);
	return line;
}

static struct minisign_secret *load_key(struct run *r)
{
	bool failed;
	char *password = read_password(r, &failed);
	if (failed)
		return NULL;
	char *why = NULL;
	struct minisign_secret *key =
	    minisign_secret_load(r->cfg->publish.secret_key, password, &why);
	if (password) {
		sodium_memzero(password, strlen(password));
		free(password);
	}
	if (!key) {
		say_error(r, "%s; %s", why ? why : _("out of memory"), _("nothing was published"));
		free(why);
		return NULL;
	}
	char *pub = minisign_secret_public(key);
	const char *want = r->cfg->publish.public_key;
	if (!pub || (want && strcmp(pub, want) != 0)) {
		say_error(r,
			  _("the secret key %s does not belong to public_key %s (terminals would "
			    "refuse its signatures); nothing was published"),
			  r->cfg->publish.secret_key, want ? want : "?");
		minisign_secret_free(key);
		key = NULL;
	}
	free(pub);
	return key;
}

static void on_change(void *ctx, char what, const char *id, const char *name)
{
	struct run *r = ctx;
	size_t *count = what == '+'   ? &r->added
			: what == '-' ? &r->removed
			: what == '~' ? &r->changed
				      : &r->waiting;
	(*count)++;
	if (what == '?')
		r->all_waiting++;
	if (r->added + r->removed + r->changed + r->waiting <= MAX_LISTED_CHANGES)
		fprintf(r->out, "  %c %s  %s\n", what, id, name ? name : "");
}

static void say_changes(struct run *r, const char *input)
{
	size_t listed = r->added + r->removed + r->changed + r->waiting;
	if (listed > MAX_LISTED_CHANGES)
		fprintf(r->out, _("  ... and %zu more\n"), listed - MAX_LISTED_CHANGES);
	if (!listed)
		fprintf(r->out, _("%s: unchanged\n"), input);
	else
		fprintf(r->out,
			_("%s: %zu added, %zu changed, %zu removed, %zu wait for approval\n"),
			input, r->added, r->changed, r->removed, r->waiting);
}

/* What an input that failed leaves in the feed, said loudly. */
static bool keep_or_drop(struct run *r, const struct source_config *in,
			 const struct pstate_input *prev, const char *why)
{
	char since[TIMEFMT_BUFSIZE], until[TIMEFMT_BUFSIZE];
	int64_t drop_at = prev->last_success + r->cfg->publish.max_stale;
	timefmt_local(prev->last_success, since);
	timefmt_local(drop_at, until);
	if (!prev->items) {
		say_error(r, _("input %s failed and has no items to keep: %s"), in->name, why);
		return true;
	}
	if (r->now < drop_at) {
		say_error(r,
			  _("input %s failed: %s; its %zu items read %s are kept until %s "
			    "(max_stale)"),
			  in->name, why, prev->items, since, until);
		return true;
	}
	say(r, LOG_ERR,
	    _("ERROR: input %s has failed since %s, longer than max_stale: its %zu items "
	      "are dropped from the feed. The last error: %s"),
	    in->name, since, prev->items, why);
	char *err = NULL;
	bool ok = pstate_drop_input(r->st, in->name, &err);
	if (!ok)
		say_error(r, "%s", err ? err : "?");
	free(err);
	return ok;
}

/* Reads input in into the database. False only when the database failed;
 * *failed when the input did. */
static bool read_one(struct run *r, const struct source_config *in, bool *failed)
{
	struct pstate_input prev, got;
	struct input_items items;
	struct diag d = {0};
	char *err = NULL;
	if (!pstate_input_get(r->st, in->name, &prev, &err)) {
		say_error(r, "%s", err ? err : "?");
		free(err);
		return false;
	}
	enum input_outcome o = publish_read_input(r->cfg, in, &prev, r->now, &items, &got, &d);
	sync_print_warnings(r->err, in->name, &d);
	r->added = r->removed = r->changed = r->waiting = 0;
	bool ok = true;
	*failed = o == INPUT_FAILED;
	if (o == INPUT_FAILED) {
		const char *why = d.error ? d.error : "?";
		ok = pstate_input_tried(r->st, in->name, r->now, why, NULL, &err) &&
		     keep_or_drop(r, in, &prev, why);
	} else {
		ok = (o == INPUT_UNCHANGED ||
		      pstate_replace_items(r->st, in->name, items.v, items.n, in->review, r->now,
					   on_change, r, &err)) &&
		     pstate_input_tried(r->st, in->name, r->now, NULL, &got, &err);
		if (ok)
			say_changes(r, in->name);
	}
	if (!ok && err)
		say_error(r, "%s", err);
	free(err);
	input_items_free(&items);
	pstate_input_free(&prev);
	diag_clear(&d);
	return ok;
}

/* Drops the items of inputs no longer in the configuration. */
static bool forget_old_inputs(struct run *r)
{
	char *err = NULL;
	char **names = pstate_known_inputs(r->st, &err);
	bool ok = names != NULL;
	for (size_t i = 0; names && names[i]; i++) {
		bool configured = false;
		for (size_t k = 0; k < r->cfg->n_inputs; k++)
			configured = configured || !strcmp(r->cfg->inputs[k].name, names[i]);
		if (!configured && ok)
			ok = pstate_drop_input(r->st, names[i], &err);
		free(names[i]);
	}
	free(names);
	if (!ok)
		say_error(r, "%s", err ? err : "?");
	free(err);
	return ok;
}

static void set_time(json_t *h, const char *key, int64_t t)
{
	char buf[TIMEFMT_BUFSIZE];
	timefmt_format(t, buf);
	json_object_set_new(h, key, json_string(buf));
}

/* Gives doc its header's sequence and times, checks it as the terminals
 * will, signs and writes it. */
static bool write_document(struct run *r, json_t *doc, const struct minisign_secret *key,
			   const char *public_key, int64_t sequence, char **err)
{
	json_t *h = json_object_get(doc, "feed");
	json_object_set_new(h, "sequence", json_integer(sequence));
	set_time(h, "generated_at", r->now);
	set_time(h, "expires_at", r->now + r->cfg->publish.expires_after);
	publish_output_make_text(doc);
	char *text = json_dumps(doc, JSON_COMPACT);
	char *with_newline = text ? path_format("%s\n", text) : NULL;
	free(text);
	if (!with_newline) {
		*err = strdup(_("out of memory"));
		return false;
	}
	struct diag warned;
	bool ok = publish_output_valid(with_newline, strlen(with_newline), r->cfg->max_size,
				       &warned, err);
	/* Listed, not fatal: every terminal applies such a feed, and one odd
	 * name must not hold the whole area's feed back run after run. */
	for (size_t i = 0; ok && i < warned.n_kept; i++)
		say(r, LOG_WARNING, _("the terminals will warn: %s"), warned.warnings[i]);
	if (ok && warned.n_warnings > warned.n_kept)
		say(r, LOG_WARNING, _("the terminals will warn of %zu more"),
		    warned.n_warnings - warned.n_kept);
	diag_clear(&warned);
	ok = ok && publish_output_write(r->cfg, key, public_key, with_newline, r->now, sequence, err);
	free(with_newline);
	return ok;
}

/* Publishes doc when its content changed, the output is not what was
 * published, or half of expires_after has passed. */
static bool publish_document(struct run *r, json_t *doc, const struct publish_counts *counts,
			     const struct minisign_secret *key, const char *public_key)
{
	char hash[PUBLISH_HASH_HEX];
	publish_content_hash(doc, hash);
	struct pstate_publication last;
	char *err = NULL;
	if (!pstate_publication_get(r->st, &last, &err)) {
		say_error(r, "%s", err ? err : "?");
		free(err);
		return false;
	}
	bool valid = false;
	int64_t out_seq = publish_output_sequence(r->cfg, public_key, &valid);
	int64_t expires_after = r->cfg->publish.expires_after;
	bool same = last.content_hash && !strcmp(last.content_hash, hash) &&
		    out_seq == last.sequence && (valid || !key) &&
		    last.expires_at - r->now > expires_after / 2;
	/* Never a number the terminals have seen with other content. */
	int64_t sequence = (out_seq > last.sequence ? out_seq : last.sequence) + 1;
	bool ok = true;
	if (!counts->activities && !counts->announcements) {
		/* Terminals would go blank: what they have is better. What the
		 * inputs gave is kept all the same, so that it can be approved. */
		r->nothing_to_publish = true;
		if (r->all_waiting > 0) {
			if (asprintf(&err,
				     ngettext("the feed would be empty: its %zu item waits for "
					      "approval (publish approve ID...|--all); nothing "
					      "was published",
					      "the feed would be empty: its %zu items wait for "
					      "approval (publish approve ID...|--all); nothing "
					      "was published",
					      r->all_waiting),
				     r->all_waiting) < 0)
				err = NULL;
		} else {
			err = strdup(_("the feed would be empty (no input has given any item "
				       "yet); nothing was published"));
		}
		ok = false;
	} else if (same) {
		fprintf(r->out, _("The feed is unchanged (sequence %lld).\n"),
			(long long)last.sequence);
	} else if (r->mode == PUBLISH_DRY_RUN) {
		fprintf(r->out,
			_("Would publish sequence %lld: %zu activities, %zu announcements.\n"),
			(long long)sequence, counts->activities, counts->announcements);
	} else {
		struct pstate_publication now = {sequence, r->now, r->now + expires_after, hash};
		ok = write_document(r, doc, key, public_key, sequence, &err) &&
		     pstate_publication_set(r->st, &now, &err);
		if (ok) {
			fprintf(r->out,
				_("Published sequence %lld: %zu activities, %zu announcements, in "
				  "%s/feed.json\n"),
				(long long)sequence, counts->activities, counts->announcements,
				r->cfg->publish.output);
			journal_log(LOG_INFO, _("published feed %s, sequence %lld"),
				    r->cfg->publish.feed_id, (long long)sequence);
		}
	}
	if (!ok)
		say_error(r, "%s", err ? err : _("out of memory"));
	free(err);
	pstate_publication_free(&last);
	return ok;
}

/* One publisher at a time works on a data directory. */
static int lock_dir(struct run *r)
{
	char *path = path_join(r->dir, "publish.lock");
	int fd = path ? open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600) : -1;
	if (fd >= 0 && flock(fd, LOCK_EX) != 0) {
		close(fd);
		fd = -1;
	}
	if (fd < 0)
		say_error(r, "%s: %s", path ? path : "publish.lock", strerror(errno));
	free(path);
	return fd;
}

/* The run under the lock, with the database open. */
static int run_locked(struct run *r, char *const *approve, size_t n_approve, bool approve_all)
{
	char *err = NULL;
	struct minisign_secret *key = NULL;
	char *public_key = NULL;
	if (r->mode != PUBLISH_DRY_RUN) {
		if (!(key = load_key(r)))
			return 1;
		public_key = minisign_secret_public(key);
	}
	int rc = 1;
	bool failed_input = false, ok = pstate_begin(r->st, &err);
	for (size_t i = 0; ok && i < n_approve + (approve_all ? 1 : 0); i++) {
		bool found = false;
		ok = pstate_approve(r->st, approve_all ? NULL : approve[i], &found, &err);
		if (ok && !found && !approve_all) {
			say_error(r,
				  _("nothing waits for approval as \"%s\" (publish status lists "
				    "what does); nothing was published"),
				  approve[i]);
			goto out;
		}
	}
	for (size_t i = 0; ok && r->mode != PUBLISH_STORED && i < r->cfg->n_inputs; i++) {
		bool failed = false;
		ok = read_one(r, &r->cfg->inputs[i], &failed);
		failed_input = failed_input || failed;
	}
	if (ok)
		ok = forget_old_inputs(r);
	if (!ok) {
		if (err)
			say_error(r, "%s", err);
		goto out;
	}
	struct publish_counts counts;
	json_t *doc = publish_build(r->cfg, r->st, &counts, &err);
	if (!doc)
		say_error(r, "%s", err ? err : _("out of memory"));
	ok = doc && publish_document(r, doc, &counts, key, public_key);
	json_decref(doc);
	bool keep = ok || r->nothing_to_publish;
	if (keep && r->mode != PUBLISH_DRY_RUN && !pstate_commit(r->st, &err)) {
		say_error(r, "%s", err ? err : "?");
		goto out;
	}
	rc = ok && !failed_input ? 0 : 1;
out:
	if (r->mode == PUBLISH_DRY_RUN || rc == 1)
		pstate_rollback(r->st); /* no-op after a commit */
	free(err);
	free(public_key);
	minisign_secret_free(key);
	return rc;
}

static int run_with_state(const struct settings *cfg, const char *data_dir, int64_t now,
			  enum publish_mode mode, FILE *out, FILE *err, char *const *approve,
			  size_t n_approve, bool approve_all)
{
	struct run r = {
	    .cfg = cfg, .dir = data_dir, .now = now, .mode = mode, .out = out, .err = err};
	if (!config_complete(&r))
		return 1;
	int lock = lock_dir(&r);
	if (lock < 0)
		return 1;
	char *why = NULL;
	r.st = pstate_open(data_dir, &why);
	int rc = 1;
	if (!r.st)
		say_error(&r, "%s", why ? why : "?");
	else
		rc = run_locked(&r, approve, n_approve, approve_all);
	free(why);
	pstate_close(r.st);
	close(lock);
	return rc;
}

int publish_run(const struct settings *cfg, const char *data_dir, int64_t now,
		enum publish_mode mode, FILE *out, FILE *err)
{
	return run_with_state(cfg, data_dir, now, mode, out, err, NULL, 0, false);
}

int publish_approve(const struct settings *cfg, const char *data_dir, int64_t now, char *const *ids,
		    size_t n, bool all, FILE *out, FILE *err)
{
	return run_with_state(cfg, data_dir, now, PUBLISH_STORED, out, err, ids, n, all);
}
