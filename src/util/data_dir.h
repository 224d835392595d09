/* SPDX-License-Identifier: EUPL-1.2 */
/* data_dir: the directory that holds cache.db, local.db (the liaison
 * person's data and the PIN's hash), backups/ and status.json. It is
 * private to the program's user: the directory 0700, every file 0600. */
#ifndef AULATAULU_DATA_DIR_H
#define AULATAULU_DATA_DIR_H

#include <stdbool.h>

/* $XDG_DATA_HOME/aulataulu or ~/.local/share/aulataulu (caller frees). */
char *data_dir_default(void);

/* Creates dir (and its parents) as needed, mode 0700. An existing dir, or
 * a file of the program's in it (by name) or in backups/, that others may
 * read or write is made private, and *warning (caller frees; NULL when
 * nothing was changed) says so; nothing else in it is touched, and nothing
 * through a symlink. False and *err (caller frees) when dir cannot be made,
 * or when it holds other directories and nothing of the program's (it is
 * someone else's). */
bool data_dir_prepare(const char *dir, char **warning, char **err);

/* Run as root on an existing dir that another user owns (the kiosk's
 * /var/lib/aulataulu, the publisher's /var/lib/aulataulu-publish), the
 * process becomes that user, with its groups, for good: every file it
 * makes then has the directory's owner, and the service finds them
 * as its own. Otherwise nothing changes. False and *err (caller frees)
 * when the owner has no user or the change fails; then nothing has been
 * written. */
bool data_dir_become_owner(const char *dir, char **err);

#endif
