/* Bad policies as files: every tests/data/policy/fail/NAME.json must fail
 * to load with exactly what NAME.expected says (status, JSON Pointer,
 * line, column, message). Each is loaded twice, with an error record and
 * without one, and must give the same status both ways.
 * SLATE_WRITE_EXPECTED=1 writes the .expected files from the library's
 * answers instead (read them before committing). */
#include <dirent.h>

#include "testutil.h"

#define MAX_CASES 1000

static char *read_all(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    size_t cap = 1 << 16;
    char *text = malloc(cap);
    *len = fread(text, 1, cap - 1, f);
    text[*len] = '\0';
    ck_assert_msg(feof(f), "%s is larger than the %zu bytes a case may have", path, cap - 1);
    fclose(f);
    return text;
}

static void describe(const slate_status st, const slate_error *err, char *out, size_t cap) {
    snprintf(out, cap, "status: %s\npointer: %s\nline: %d\ncolumn: %d\nmessage: %s\n",
             slate_status_name(st), err->pointer, err->line, err->column, err->message);
}

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The case files, sorted. */
static size_t list_cases(const char *dir, char **names) {
    DIR *d = opendir(dir);
    ck_assert_msg(d != NULL, "cannot open %s (set SLATE_SOURCE_DIR)", dir);
    size_t n = 0;
    for (struct dirent *e = readdir(d); e != NULL; e = readdir(d)) {
        size_t len = strlen(e->d_name);
        if (len > 5 && strcmp(e->d_name + len - 5, ".json") == 0 && n < MAX_CASES)
            names[n++] = strndup(e->d_name, len - 5);
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    return n;
}

static void check_case(slate_tzdb *db, const char *dir, const char *name, int write) {
    char path[2048], got[2048];
    size_t len, expected_len;
    snprintf(path, sizeof path, "%s/%s.json", dir, name);
    char *text = read_all(path, &len);
    slate_policy *p = (slate_policy *)1;
    slate_error err;
    slate_status st = slate_policy_from_json(db, text, len, &p, &err);
    ck_assert_msg(st != SLATE_OK, "%s loaded", name);
    ck_assert_ptr_null(p);
    ck_assert_msg(err.code == st, "%s: the record says %d, the call %d", name, err.code, st);
    slate_status bare = slate_policy_from_json(db, text, len, &p, NULL);
    ck_assert_msg(bare == st, "%s: %d with a record, %d without", name, st, bare);
    describe(st, &err, got, sizeof got);
    snprintf(path, sizeof path, "%s/%s.expected", dir, name);
    if (write) {
        FILE *f = fopen(path, "wb");
        fputs(got, f);
        fclose(f);
    } else {
        char *expected = read_all(path, &expected_len);
        ck_assert_msg(strcmp(got, expected) == 0, "%s:\n-- expected --\n%s-- got --\n%s", name,
                      expected, got);
        free(expected);
    }
    free(text);
}

START_TEST(bad_policies) {
    const char *root = getenv("SLATE_SOURCE_DIR") ? getenv("SLATE_SOURCE_DIR") : ".";
    const char *write = getenv("SLATE_WRITE_EXPECTED");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/tests/data/policy/fail", root);
    char *names[MAX_CASES];
    size_t n = list_cases(dir, names);
    ck_assert_msg(n >= 100, "only %zu cases in %s", n, dir);
    slate_tzdb *db;
    ck_assert_int_eq(slate_tzdb_open(test_tzdir(), &db, NULL), SLATE_OK);
    for (size_t i = 0; i < n; i++) {
        check_case(db, dir, names[i], write != NULL && *write == '1');
        free(names[i]);
    }
    slate_tzdb_free(db);
    printf("data: %zu bad policies fail as tests/data/policy/fail expects, with and without a "
           "record\n",
           n);
}
END_TEST

int main(void) {
    Suite *s = suite_create("data");
    TCase *tc = tcase_create("policy");
    tcase_add_test(tc, bad_policies);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
