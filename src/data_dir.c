/* SPDX-License-Identifier: EUPL-1.2 */
/* data_dir: the program's private data directory. */
#include "config.h"

#include "data_dir.h"

#include "i18n.h"
#include "path.h"

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

/* Takes away group and other permissions from path; true when it had any. */
static bool make_private(const char *path, mode_t keep)
{
	struct stat sb;
	if (lstat(path, &sb) != 0 || S_ISLNK(sb.st_mode) || !(sb.st_mode & 077))
		return false;
	return chmod(path, sb.st_mode & keep) == 0;
}

/* make_private for dir and the files directly in it; how many changed. */
static int make_tree_private(const char *dir)
{
	int changed = make_private(dir, 0700);
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.' && (!e->d_name[1] || !strcmp(e->d_name, "..")))
			continue;
		char *path = path_join(dir, e->d_name);
		if (path && e->d_type == DT_DIR)
			changed += make_tree_private(path);
		else if (path)
			changed += make_private(path, 0700);
		free(path);
	}
	if (d)
		closedir(d);
	return changed;
}

bool data_dir_prepare(const char *dir, char **warning)
{
	*warning = NULL;
	if (!make_dirs(dir))
		return false;
	if (make_tree_private(dir) > 0 &&
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
