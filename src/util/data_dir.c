/* SPDX-License-Identifier: EUPL-1.2 */
/* data_dir: the program's private data directory. */
#include "config.h"

#include "util/data_dir.h"

#include "util/i18n.h"
#include "util/path.h"

#include <dirent.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *data_dir_default(void)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	return xdg && *xdg ? path_join(xdg, "aulataulu")
			   : path_join(home ? home : ".", ".local/share/aulataulu");
}

/* mkdir -p, the last part 0700. */
static bool make_dirs(const char *path)
{
	char *buf = strdup(path);
	if (!buf)
		return false;
	bool ok = true;
	for (char *p = buf + 1; ok && *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		ok = mkdir(buf, 0755) == 0 || errno == EEXIST;
		*p = '/';
	}
	ok = ok && (mkdir(buf, 0700) == 0 || errno == EEXIST);
	int saved = errno;
	free(buf);
	errno = saved;
	return ok;
}

/* Takes away group and other permissions from path; true when it had any.
 * Never through a symlink: its target is not ours to change. */
static bool make_private(const char *path, mode_t keep)
{
	struct stat sb;
	if (lstat(path, &sb) != 0 || S_ISLNK(sb.st_mode) || !(sb.st_mode & 077))
		return false;
	return chmod(path, sb.st_mode & keep) == 0;
}

/* What the program makes in its data directory, by the start of the name
 * (a database's -wal and -shm, a file's temporary twin, a damaged copy set
 * aside). Everything else there is someone else's and is left alone. */
static bool owned(const char *name)
{
	static const char *const prefixes[] = {
	    "cache.db",	   "local.db",	  "local.lock",	 "sync.lock",  "kiosk.lock",
	    "status.json", "stats.db",	  "screen.json", "publish.db", "publish.lock"};
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(*prefixes); i++)
		if (strncmp(name, prefixes[i], strlen(prefixes[i])) == 0)
			return true;
	return false;
}

/* What dir holds: whether any of the program's files, and the first
 * directory of someone else's (caller frees; NULL when none). */
static bool survey(const char *dir, char **foreign)
{
	bool ours = false;
	*foreign = NULL;
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		const char *n = e->d_name;
		/* A service user's home is its data directory: what programs it
		 * runs keep there (foot's and fontconfig's .cache) is no sign of
		 * someone else's directory. */
		if (n[0] == '.')
			continue;
		if (owned(n) || strcmp(n, "backups") == 0) {
			ours = true;
			continue;
		}
		char *path = *foreign ? NULL : path_join(dir, n);
		struct stat sb;
		if (path && lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
			*foreign = path;
		else
			free(path);
	}
	if (d)
		closedir(d);
	return ours;
}

/* make_private for each file of dir that name_ok accepts (NULL: every
 * one), not descending; how many changed. */
static int make_files_private(const char *dir, bool (*name_ok)(const char *))
{
	int changed = 0;
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.' || (name_ok && !name_ok(e->d_name)))
			continue;
		char *path = path_join(dir, e->d_name);
		if (path)
			changed += make_private(path, 0700);
		free(path);
	}
	if (d)
		closedir(d);
	return changed;
}

bool data_dir_prepare(const char *dir, char **warning, char **err)
{
	*warning = NULL;
	*err = NULL;
	if (!make_dirs(dir)) {
		if (asprintf(err, _("cannot create the data directory %s: %s"), dir,
			     strerror(errno)) < 0)
			*err = NULL;
		return false;
	}
	/* A directory that holds other directories and nothing of ours is not
	 * a data directory (a web root, a home directory given by mistake):
	 * nothing in it is touched. */
	char *foreign;
	bool ours = survey(dir, &foreign);
	if (foreign && !ours) {
		if (asprintf(err,
			     _("%s holds other things (such as %s) and no Aulataulu data: it is "
			       "not used as a data directory, and nothing in it was changed; give "
			       "a directory of its own, e.g. /var/lib/aulataulu"),
			     dir, foreign) < 0)
			*err = NULL;
		free(foreign);
		return false;
	}
	free(foreign);
	/* Only what the program made, by name, and never through a symlink. */
	int changed = make_private(dir, 0700) + make_files_private(dir, owned);
	char *backups = path_join(dir, "backups");
	struct stat sb;
	if (backups && lstat(backups, &sb) == 0 && S_ISDIR(sb.st_mode))
		changed += make_private(backups, 0700) + make_files_private(backups, NULL);
	free(backups);
	if (changed > 0 &&
	    asprintf(warning,
		     _("%s and its files were readable by other users; they are now private "
		       "to this user (the directory 0700, the files 0600)"),
		     dir) < 0)
		*warning = NULL;
	return true;
}

bool data_dir_become_owner(const char *dir, char **err)
{
	*err = NULL;
	struct stat sb;
	if (geteuid() != 0 || stat(dir, &sb) != 0 || sb.st_uid == 0)
		return true;
	struct passwd *pw = getpwuid(sb.st_uid);
	if (!pw) {
		if (asprintf(err,
			     _("the data directory %s belongs to user %u, who does not exist: "
			       "chown it to the kiosk's user, or run this as that user"),
			     dir, (unsigned)sb.st_uid) < 0)
			*err = NULL;
		return false;
	}
	/* Groups first, the user last: after setuid there is no way back. */
	if (initgroups(pw->pw_name, pw->pw_gid) != 0 || setgid(pw->pw_gid) != 0 ||
	    setuid(pw->pw_uid) != 0 || setuid(0) == 0) {
		if (asprintf(err, _("cannot run as %s, the owner of the data directory %s: %s"),
			     pw->pw_name, dir, strerror(errno)) < 0)
			*err = NULL;
		return false;
	}
	/* Paths such as ~/.cache are the user's, not root's. */
	setenv("HOME", pw->pw_dir, 1);
	return true;
}
