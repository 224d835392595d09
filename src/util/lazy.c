/* SPDX-License-Identifier: EUPL-1.2 */
/* lazy: libraries opened on first use. */
#include "config.h"

#include "util/lazy.h"
#include "util/i18n.h"

#include <dlfcn.h>
#include <stdio.h>

bool lazy_resolve(const char *soname, const char *const *names, void **const *slots, size_t n,
		  char *why, size_t why_len)
{
	void *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		snprintf(why, why_len,
			 _("%s could not be loaded (is its Debian package installed?): %s"), soname,
			 dlerror());
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		*slots[i] = dlsym(lib, names[i]);
		if (!*slots[i]) {
			snprintf(why, why_len, _("%s has no %s: a version too old"), soname,
				 names[i]);
			return false;
		}
	}
	return true; /* the library stays loaded for the process's life */
}

bool lazy_load(struct lazy_lib *lib, const char *soname, const char *const *names,
	       void **const *slots, size_t n)
{
	if (!lib->tried) {
		lib->tried = true;
		lib->loaded = lazy_resolve(soname, names, slots, n, lib->why, sizeof(lib->why));
	}
	return lib->loaded;
}
