/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of src/model/model_memo.c: what is read ahead is what the screens
 * would read, of the generation asked for and no other. */
#include "config.h"

#include "helpers.h"
#include "local/local.h"
#include "model/model.h"
#include "model/model_memo.h"
#include "store/store.h"
#include "util/text.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *dir;
static struct store *st;
static struct memo *memo;

static void setup(void)
{
	cr_assert(text_init());
	dir = test_tmpdir();
	test_apply_demo(dir);
	char *err = NULL;
	st = store_open(dir, STORE_UI, &err);
	cr_assert_not_null(st, "%s", err);
	memo = memo_start(dir);
	cr_assert_not_null(memo);
}

static void teardown(void)
{
	memo_stop(memo);
	store_close(st);
	test_rmdir(dir);
	free(dir);
}

TestSuite(memo, .init = setup, .fini = teardown);

/* Sets taken to whether taking succeeds within 10 s (the thread reads
 * meanwhile). */
#define WAIT_FOR(taken, taking)                                                                    \
	for (int i_ = 0; i_ < 1000 && !((taken) = (taking)); i_++)                                 \
	usleep(10000)

static bool wait_list(long generation, const struct list_query *q, struct activity_list *out)
{
	bool taken;
	WAIT_FOR(taken, memo_take_list(memo, generation, q, out));
	return taken;
}

/* a and b list the same activities in the same order with the same texts. */
static void assert_same_list(const struct activity_list *a, const struct activity_list *b,
			     const char *what)
{
	cr_assert_eq(a->n, b->n, "%s: %zu read ahead, %zu read", what, a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		cr_assert_str_eq(a->v[i].id, b->v[i].id, "%s: row %zu", what, i);
		cr_assert_str_eq(a->v[i].name, b->v[i].name, "%s: row %zu", what, i);
		cr_assert_eq(a->v[i].next_start, b->v[i].next_start, "%s: row %zu", what, i);
	}
}

static void assert_as_read(const struct list_query *q, const struct activity_list *ahead,
			   const char *what)
{
	struct activity_list read;
	char *err = NULL;
	cr_assert(model_list_activities(st, q, &read, &err), "%s", err);
	assert_same_list(ahead, &read, what);
	activity_list_free(&read);
}

Test(memo, reads_ahead_what_each_menu_screen_reads)
{
	memo_want(memo, 1, "sv", TEST_NOW);
	static const struct {
		enum model_when when;
		const char *what;
	} periods[] = {{WHEN_TODAY, "today"}, {WHEN_WEEK, "this week"}};
	for (size_t i = 0; i < 2; i++) {
		struct list_query q = {.when = periods[i].when, .lang = "sv", .now = TEST_NOW};
		struct activity_list l;
		cr_assert(wait_list(1, &q, &l), "%s was not read ahead", periods[i].what);
		cr_assert_gt(l.n, 0, "%s: the demo feed has activities", periods[i].what);
		assert_as_read(&q, &l, periods[i].what);
		activity_list_free(&l);
	}
	size_t category_lists = 0;
	for (int usage = USAGE_TOPIC; usage <= USAGE_AUDIENCE; usage++) {
		struct category_list ahead, read;
		char *err = NULL;
		bool taken;
		WAIT_FOR(taken,
			 memo_take_categories(memo, 1, (enum category_usage)usage, "sv", &ahead));
		cr_assert(taken, "the categories were not read ahead");
		cr_assert(
		    model_categories(st, (enum category_usage)usage, "sv", TEST_NOW, &read, &err),
		    "%s", err);
		cr_assert_eq(ahead.n, read.n);
		cr_assert_gt(ahead.n, 0);
		for (size_t i = 0; i < read.n; i++) {
			cr_assert_str_eq(ahead.v[i].id, read.v[i].id);
			cr_assert_str_eq(ahead.v[i].name, read.v[i].name);
			cr_assert_eq(ahead.v[i].upcoming, read.v[i].upcoming);
			/* Each one's list: what the category's screen shows. */
			struct list_query q = {.when = WHEN_ALL,
					       .category = read.v[i].id,
					       .lang = "sv",
					       .now = TEST_NOW};
			struct activity_list l;
			cr_assert(wait_list(1, &q, &l), "%s was not read ahead", read.v[i].id);
			assert_as_read(&q, &l, read.v[i].id);
			activity_list_free(&l);
			category_lists++;
		}
		category_list_free(&ahead);
		category_list_free(&read);
	}
	struct search_base base;
	bool taken;
	WAIT_FOR(taken, memo_take_search(memo, 1, "sv", &base));
	cr_assert(taken, "what the search searches was not read ahead");
	struct list_query all = {.when = WHEN_ALL, .lang = "sv", .now = TEST_NOW};
	assert_as_read(&all, &base.all, "what the search searches");
	search_base_free(&base);
	cr_log_info("read ahead: 2 periods, %zu category lists, the search", category_lists);
}

Test(memo, gives_nothing_of_another_generation_or_language)
{
	memo_want(memo, 1, "fi", TEST_NOW);
	struct list_query q = {.when = WHEN_WEEK, .lang = "fi", .now = TEST_NOW};
	struct activity_list l;
	cr_assert(wait_list(1, &q, &l));
	/* Another language is another question. */
	struct list_query en = q;
	en.lang = "en";
	struct activity_list none;
	cr_assert_not(memo_take_list(memo, 1, &en, &none));
	/* A list given back is the next visitor's... */
	memo_give_list(memo, 1, &q, &l);
	cr_assert_eq(l.n, 0, "what is given back is no longer the screen's");
	cr_assert(memo_take_list(memo, 1, &q, &l));
	/* ...until a new generation: then neither what was kept nor what a
	 * screen gives back of the old one is given out. */
	memo_want(memo, 2, "fi", TEST_NOW);
	memo_give_list(memo, 1, &q, &l);
	cr_assert_not(memo_take_list(memo, 1, &q, &none));
	struct search_base b;
	cr_assert_not(memo_take_search(memo, 1, "fi", &b));
	cr_assert(wait_list(2, &q, &l), "generation 2 was not read ahead");
	/* A screen of generation 1 (read before the change) is given none
	 * of generation 2's either: it reads for itself. */
	memo_give_list(memo, 2, &q, &l);
	cr_assert_not(memo_take_list(memo, 1, &q, &none));
	cr_assert(memo_take_list(memo, 2, &q, &l));
	activity_list_free(&l);
}

Test(memo, a_new_generation_reads_what_changed)
{
	struct list_query q = {.when = WHEN_WEEK, .lang = "fi", .now = TEST_NOW};
	memo_want(memo, 1, "fi", TEST_NOW);
	struct activity_list before;
	cr_assert(wait_list(1, &q, &before));
	cr_assert_gt(before.n, 0);
	/* The liaison person hides the week's first activity: this
	 * connection's write changes its stamp, and the kiosk asks anew. */
	long stamp = model_change_stamp(st);
	char *err = NULL;
	cr_assert(local_hide(st, before.v[0].source, before.v[0].id, "test", TEST_NOW, &err), "%s",
		  err);
	cr_assert_neq(model_change_stamp(st), stamp, "a hide leaves the stamp as it was");
	memo_want(memo, 2, "fi", TEST_NOW);
	struct activity_list after;
	cr_assert(wait_list(2, &q, &after));
	cr_assert_eq(after.n, before.n - 1);
	for (size_t i = 0; i < after.n; i++)
		cr_assert_str_neq(after.v[i].id, before.v[0].id, "the hidden one is listed");
	assert_as_read(&q, &after, "after the hide");
	activity_list_free(&before);
	activity_list_free(&after);
}

Test(memo, without_a_memo_every_call_finds_nothing_and_frees)
{
	struct activity_list l;
	struct list_query q = {.when = WHEN_WEEK, .lang = "fi", .now = TEST_NOW};
	char *err = NULL;
	cr_assert(model_list_activities(st, &q, &l, &err), "%s", err);
	memo_want(NULL, 1, "fi", TEST_NOW);
	memo_give_list(NULL, 1, &q, &l); /* freed: LeakSanitizer says if not */
	cr_assert_eq(l.n, 0);
	cr_assert_not(memo_take_list(NULL, 1, &q, &l));
}
