/* SPDX-License-Identifier: EUPL-1.2 */
/* err: messages handed to the caller. */
#include "config.h"

#include "util/err.h"

#include <stdlib.h>
#include <string.h>

bool err_give(char **err, char *msg)
{
	if (err)
		*err = msg;
	else
		free(msg);
	return false;
}

bool err_say(char **err, const char *msg)
{
	return err_give(err, err ? strdup(msg) : NULL);
}
