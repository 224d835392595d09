/* SPDX-License-Identifier: EUPL-1.2 */
/* local_guard: who may use local.db, and its repair. */
#include "config.h"

#include "local/local_guard.h"

#include "util/err.h"
#include "util/atomic_file.h"
#include "local/backup.h"
#include "util/i18n.h"
#include "util/path.h"
#include "store/store.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* How long a command waits for other processes to close local.db before a
 * restore, in steps of 100 ms: a kiosk holds it for good. */
#define EXCLUSIVE_TRIES 30

enum local_health local_guard_check(const char *path, int *version, char **err)
{
	struct stat sb;
	if (stat(path, &sb) != 0 ? errno == ENOENT : sb.st_size == 0)
		return LOCAL_ABSENT;
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(db, 10000);
		rc = sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, NULL);
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	enum local_health h = LOCAL_HEALTHY;
	if (rc == SQLITE_ROW) {
		const unsigned char *verdict = sqlite3_column_text(st, 0);
		if (!verdict || strcmp((const char *)verdict, "ok") != 0)
			h = LOCAL_DAMAGED;
	} else if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB) {
		h = LOCAL_DAMAGED;
	} else {
		h = LOCAL_UNREADABLE;
		err_give(err, store_explain(db, path));
	}
	sqlite3_finalize(st);
	st = NULL;
	if (h == LOCAL_HEALTHY && version) {
		*version = 0;
		if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
		    sqlite3_step(st) == SQLITE_ROW)
			*version = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return h;
}

/* Copies from to a new file to (mode 0600), fsynced; false with errno. */
static bool copy_file(const char *from, const char *to)
{
	int in = open(from, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return false;
	int out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	bool ok = out >= 0;
	char buf[65536];
	ssize_t n = 0;
	while (ok && (n = read(in, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		for (ssize_t done = 0; ok && n > 0 && done < n;) {
			ssize_t w = write(out, buf + done, (size_t)(n - done));
			if (w < 0 && errno == EINTR)
				continue;
			ok = w > 0;
			done += w > 0 ? w : 0;
		}
		ok = ok && n > 0;
	}
	ok = ok && fsync(out) == 0;
	int saved = errno;
	if (out >= 0 && close(out) != 0 && ok) {
		ok = false;
		saved = errno;
	}
	close(in);
	errno = saved;
	return ok;
}

/* Moves path's -wal and -shm files out of the way of a restored file (the
 * write-ahead log is kept beside the damaged copy, for inspection). */
static void move_side_files(const char *path, const char *aside)
{
	char *wal = path_format("%s-wal", path), *shm = path_format("%s-shm", path),
	     *aside_wal = aside ? path_format("%s-wal", aside) : NULL;
	if (wal && aside_wal)
		rename(wal, aside_wal);
	if (wal)
		unlink(wal);
	if (shm)
		unlink(shm);
	free(wal);
	free(shm);
	free(aside_wal);
}

/* Under the exclusive lock: replaces local.db (damaged, empty or missing)
 * with a copy of the newest good backup. The copy is made first, under a
 * temporary name; only then is the old file moved aside, so a full disk
 * leaves everything as it was. */
static bool restore(const char *dir, enum local_health health, int64_t now, char **note, char **err)
{
	char *path = path_join(dir, "local.db"), *tmp = path_join(dir, "local.db.restoring"),
	     *aside = path_format("%s/local.db.corrupt-%lld", dir, (long long)now), *from = NULL;
	bool ok = (path && tmp && aside) || err_give(err, strdup(_("out of memory")));
	const char *used = NULL;
	char **names = NULL;
	size_t n = 0;
	if (ok)
		names = backup_list(dir, &n);
	/* latest.db (after the last change) first, then the dailies, newest first. */
	for (size_t i = n + 1; ok && !used && i-- > 0;) {
		const char *name = i == n ? BACKUP_LATEST : names[i];
		free(from);
		from = path_format("%s/" BACKUP_DIR "/%s", dir, name);
		int version = 0;
		if (!from || local_guard_check(from, &version, NULL) != LOCAL_HEALTHY ||
		    version < 1)
			continue;
		unlink(tmp);
		if (copy_file(from, tmp)) {
			used = name;
		} else if (errno == ENOSPC || errno == EDQUOT) {
			unlink(tmp);
			ok = err_give(err,
				      path_format(_("local.db needs to be restored from the "
						    "backup %s, but the disk is full: nothing "
						    "was changed. Free some space and try again."),
						  name));
		} else {
			unlink(tmp);
		}
	}
	if (ok && !used) {
		/* Nothing to restore from: a damaged file stays aside, and the store
		 * starts an empty one. */
		if (health == LOCAL_DAMAGED) {
			ok = rename(path, aside) == 0;
			if (ok) {
				move_side_files(path, aside);
				*note = path_format(_("local.db was damaged and no good backup was "
						      "found: local announcements start empty (the "
						      "old file is %s)"),
						    aside);
			} else {
				err_give(err, path_format(_("local.db is damaged and could not be "
							    "moved aside: %s"),
							  strerror(errno)));
			}
		}
	} else if (ok) {
		bool moved = health != LOCAL_DAMAGED || rename(path, aside) == 0;
		if (moved)
			move_side_files(path, health == LOCAL_DAMAGED ? aside : NULL);
		ok = moved && rename(tmp, path) == 0;
		if (!ok) {
			err_give(err, path_format(_("local.db could not be restored: %s"),
						  strerror(errno)));
			if (moved && health == LOCAL_DAMAGED)
				rename(aside, path);
			unlink(tmp);
		} else {
			atomic_file_sync_dir(dir);
			*note = health == LOCAL_DAMAGED
				    ? path_format(_("local.db was damaged and was restored from "
						    "the backup %s"),
						  used)
				    : path_format(_("local.db was empty or missing and was "
						    "restored from the backup %s"),
						  used);
		}
	}
	backup_list_free(names, n);
	free(path);
	free(tmp);
	free(aside);
	free(from);
	return ok;
}

/* The exclusive lock, waiting a little for others to close local.db. The
 * shared lock is given up meanwhile (flock converts by unlocking first). */
static bool lock_exclusive(int fd)
{
	for (int i = 0; i < EXCLUSIVE_TRIES; i++) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return true;
		flock(fd, LOCK_UN);
		nanosleep(&(struct timespec){.tv_nsec = 100 * 1000 * 1000}, NULL);
		flock(fd, LOCK_SH);
	}
	return false;
}

/* Whether any good backup exists, for an empty or missing local.db. */
static bool any_backup(const char *dir)
{
	char *latest = path_format("%s/" BACKUP_DIR "/" BACKUP_LATEST, dir);
	bool found = latest && access(latest, F_OK) == 0;
	free(latest);
	size_t n = 0;
	char **names = found ? NULL : backup_list(dir, &n);
	backup_list_free(names, n);
	return found || n > 0;
}

/* The schema version of the newest good backup (latest.db, then the
 * dailies, newest first: the one a restore would take), or 0. */
static int newest_backup_version(const char *dir)
{
	size_t n = 0;
	char **names = backup_list(dir, &n);
	int found = 0;
	for (size_t i = n + 1; !found && i-- > 0;) {
		char *from =
		    path_format("%s/" BACKUP_DIR "/%s", dir, i == n ? BACKUP_LATEST : names[i]);
		int version = 0;
		if (from && local_guard_check(from, &version, NULL) == LOCAL_HEALTHY && version > 0)
			found = version;
		free(from);
	}
	backup_list_free(names, n);
	return found;
}

/* SQLite finds no fault in it, yet it is not the liaison person's data any
 * more: no schema of the program's (a file cut to a few bytes, another
 * program's database) or an older one than its newest backup (an old copy
 * put back). That is damage when a backup can repair it; a new terminal
 * with no backup is simply new. */
static enum local_health check_with_backups(const char *dir, const char *path, int *version,
					    char **err)
{
	enum local_health h = local_guard_check(path, version, err);
	if (h == LOCAL_HEALTHY && *version < newest_backup_version(dir))
		h = LOCAL_DAMAGED;
	return h;
}

int local_guard_open(const char *dir, int latest, int64_t now, char **note, char **err)
{
	*note = NULL;
	*err = NULL;
	char *lock_path = path_join(dir, "local.lock"), *path = path_join(dir, "local.db");
	int fd = lock_path ? open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600) : -1;
	if (!lock_path || !path) {
		*err = strdup(_("out of memory"));
	} else if (fd < 0 && (errno == EROFS || errno == EACCES || errno == EPERM)) {
		*err = path_format(_("the data directory %s is read-only or not writable for this "
				     "user (%s): nothing was changed. Check its mount and owner."),
				   dir, strerror(errno));
	} else if (fd < 0 && (errno == ENOSPC || errno == EDQUOT)) {
		*err = path_format(_("%s: the disk is full: nothing was changed. Free some space "
				     "and try again."),
				   dir);
	} else if (fd < 0) {
		*err = path_format(_("%s cannot be opened: %s"), lock_path, strerror(errno));
	} else if (flock(fd, LOCK_SH) != 0) {
		*err = path_format(_("%s cannot be locked: %s"), lock_path, strerror(errno));
	} else {
		int version = 0;
		enum local_health h = check_with_backups(dir, path, &version, err);
		bool repair = h == LOCAL_DAMAGED || (h == LOCAL_ABSENT && any_backup(dir));
		if (repair && !lock_exclusive(fd)) {
			*err = strdup(
			    _("local.db must be restored from its backup, but another aulataulu "
			      "process (the kiosk?) has it open: stop it and try again"));
		} else if (repair) {
			/* Another process may have restored it while we waited. */
			h = check_with_backups(dir, path, &version, err);
			repair = h == LOCAL_DAMAGED || (h == LOCAL_ABSENT && any_backup(dir));
			if (repair && restore(dir, h, now, note, err))
				h = LOCAL_HEALTHY, version = 0;
			flock(fd, LOCK_SH);
		}
		if (h == LOCAL_HEALTHY && version > 0 && version < latest) {
			char *backup_err = NULL;
			if (!backup_local(dir, now, &backup_err))
				*err = path_format(_("local.db was not migrated because it could "
						     "not be backed up first: %s"),
						   backup_err ? backup_err : "?");
			free(backup_err);
		}
	}
	free(lock_path);
	free(path);
	if (*err && fd >= 0) {
		close(fd);
		fd = -1;
	}
	if (!*err && fd < 0)
		*err = strdup(_("out of memory"));
	return fd;
}
