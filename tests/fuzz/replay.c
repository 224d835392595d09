/* SPDX-License-Identifier: EUPL-1.2 */
/* Replays a fuzz target's seed corpus, and the public samples of other
 * formats that ship in tests/data/samples, through LLVMFuzzerTestOneInput
 * as part of make check, printing TAP. Each target aborts when one of its
 * properties is broken (fuzz_*.c), so a replay asserts them, not only
 * survival. A directory that is missing or empty fails the run: a replay
 * of nothing is no test. */
#include "config.h"

#include "util/path.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int count;

/* Replays every file of dir; how many, or -1 when dir cannot be read. */
static int replay_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	int replayed = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *path = path_join(dir, e->d_name);
		FILE *f = path ? fopen(path, "rb") : NULL;
		long size = -1;
		if (f && fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0)
			fseek(f, 0, SEEK_SET);
		uint8_t *buf = size >= 0 ? malloc((size_t)size + 1) : NULL;
		if (buf && fread(buf, 1, (size_t)size, f) == (size_t)size) {
			LLVMFuzzerTestOneInput(buf, (size_t)size);
			printf("ok %d - %s\n", ++count, path);
			replayed++;
		} else {
			printf("not ok %d - %s cannot be read\n", ++count, path ? path : dir);
		}
		free(buf);
		if (f)
			fclose(f);
		free(path);
	}
	closedir(d);
	return replayed;
}

int main(void)
{
	const char *top = getenv("top_srcdir") ? getenv("top_srcdir") : TOP_SRCDIR;
	static const char *const dirs[] = {"tests/fuzz/corpus/" FUZZ_NAME, "tests/data/samples"};
	int failed = 0;
	for (size_t i = 0; i < sizeof(dirs) / sizeof(*dirs); i++) {
		char *path = path_join(top, dirs[i]);
		int n = path ? replay_dir(path) : -1;
		if (n <= 0) {
			printf("not ok %d - %s is missing or empty\n", ++count, dirs[i]);
			failed++;
		}
		free(path);
	}
	printf("1..%d\n", count);
	return failed ? 1 : 0;
}
