/* Replays a fuzz target's corpus (every file of the directories below)
 * through LLVMFuzzerTestOneInput, as part of make check, printing TAP. A
 * crash or abort fails the run. */
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int count;

static void replay_dir(const char dir[4096])
{
	DIR *d = opendir(dir);
	if (!d)
		return; /* ../shared is beside a checkout, not in a tarball */
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char path[4096 + 256];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		FILE *f = fopen(path, "rb");
		if (!f)
			continue;
		fseek(f, 0, SEEK_END);
		long size = ftell(f);
		fseek(f, 0, SEEK_SET);
		uint8_t *buf = malloc((size_t)size + 1);
		if (buf && size >= 0 && fread(buf, 1, (size_t)size, f) == (size_t)size) {
			LLVMFuzzerTestOneInput(buf, (size_t)size);
			printf("ok %d - %s\n", ++count, path);
		}
		free(buf);
		fclose(f);
	}
	closedir(d);
}

int main(void)
{
	const char *top = getenv("top_srcdir") ? getenv("top_srcdir") : TOP_SRCDIR;
	static const char *const dirs[] = {"tests/fuzz/corpus/" FUZZ_NAME, "tests/data", "data",
					   "../shared/samples"};
	for (size_t i = 0; i < sizeof(dirs) / sizeof(*dirs); i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", top, dirs[i]);
		replay_dir(path);
	}
	printf("1..%d\n", count);
	return count > 0 ? 0 : 1;
}
