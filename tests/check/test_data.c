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

/* ---- every other failing call, with and without an error record ---- */

static slate_tzdb *db_;
static slate_policy *itsm_, *amc_, *no_slas_;
static const slate_zone *ny_;

static void fixtures(void) {
    const char *root = getenv("SLATE_SOURCE_DIR") ? getenv("SLATE_SOURCE_DIR") : ".";
    char path[1024];
    ck_assert_int_eq(slate_tzdb_open(test_tzdir(), &db_, NULL), SLATE_OK);
    snprintf(path, sizeof path, "%s/examples/policies/itsm-desk.json", root);
    ck_assert_int_eq(slate_policy_from_file(db_, path, &itsm_, NULL), SLATE_OK);
    snprintf(path, sizeof path, "%s/examples/policies/amc-vendor.json", root);
    ck_assert_int_eq(slate_policy_from_file(db_, path, &amc_, NULL), SLATE_OK);
    const char *bare = "{\"calendars\": {\"c\": \"24x7\"}}";
    ck_assert_int_eq(slate_policy_from_json(db_, bare, strlen(bare), &no_slas_, NULL), SLATE_OK);
    ck_assert_int_eq(slate_tzdb_zone(db_, "America/New_York", &ny_, NULL), SLATE_OK);
}

static void release(void) {
    slate_policy_free(itsm_);
    slate_policy_free(amc_);
    slate_policy_free(no_slas_);
    slate_tzdb_free(db_);
}

/* Two contracts and none named; the status used to depend on the record. */
static slate_status two_contracts(slate_error *err) {
    const char *text =
        "{\"calendars\": {\"w\": \"24x7\"}, \"slas\": [{\"id\": \"s\", \"calendar\":"
        " \"w\", \"targets\": [{\"name\": \"r\", \"durations\": {\"*\": \"PT4H\"}}]}],"
        " \"contracts\": [{\"id\": \"a\", \"sla\": \"s\", \"fee\": {\"monthly\": 1}},"
        " {\"id\": \"b\", \"sla\": \"s\", \"fee\": {\"monthly\": 1}}]}";
    slate_policy *p;
    slate_report *r = NULL;
    slate_status st = slate_policy_from_json(db_, text, strlen(text), &p, NULL);
    ck_assert_int_eq(st, SLATE_OK);
    st = slate_report_new(p, NULL, 0, 86400, &r, err);
    slate_report_free(r);
    slate_policy_free(p);
    return st;
}

static slate_status events_out_of_order(slate_error *err) {
    slate_clock *c;
    ck_assert_int_eq(slate_clock_new(itsm_, &c, NULL), SLATE_OK);
    slate_event a = {T("2026-03-02T10:00:00Z"), "created", NULL, 0};
    slate_event b = {T("2026-03-02T09:00:00Z"), NULL, NULL, 0};
    slate_status st = slate_clock_apply(c, &a, err);
    if (st == SLATE_OK) st = slate_clock_apply(c, &b, err);
    slate_clock_free(c);
    return st;
}

static slate_status results_before_last_event(slate_error *err) {
    slate_clock *c;
    const slate_sla_result *r;
    size_t n;
    ck_assert_int_eq(slate_clock_new(itsm_, &c, NULL), SLATE_OK);
    slate_event a = {T("2026-03-02T10:00:00Z"), "created", NULL, 0};
    slate_status st = slate_clock_apply(c, &a, err);
    if (st == SLATE_OK) st = slate_clock_results(c, T("2026-03-02T09:00:00Z"), &r, &n, err);
    slate_clock_free(c);
    return st;
}

static slate_status escalations_out_of_range(slate_error *err) {
    slate_clock *c;
    slate_escalation_status s;
    ck_assert_int_eq(slate_clock_new(itsm_, &c, NULL), SLATE_OK);
    slate_status st = slate_clock_escalations(c, SLATE_TIME_MAX + 1, &s, err);
    slate_clock_free(c);
    return st;
}

static slate_status escalations_backwards(slate_error *err) {
    slate_clock *c;
    const slate_escalation *f;
    size_t n;
    ck_assert_int_eq(slate_clock_new(itsm_, &c, NULL), SLATE_OK);
    slate_status st = slate_clock_escalations_between(c, 100, 50, &f, &n, err);
    slate_clock_free(c);
    return st;
}

static slate_status set_policy_without_slas(slate_error *err) {
    slate_clock *c;
    ck_assert_int_eq(slate_clock_new(itsm_, &c, NULL), SLATE_OK);
    slate_status st = slate_clock_set_policy(c, no_slas_, 0, err);
    slate_clock_free(c);
    return st;
}

static slate_status report_events_out_of_order(slate_error *err) {
    slate_report *r;
    ck_assert_int_eq(slate_report_new(amc_, NULL, T("2026-03-01T00:00:00Z"),
                                      T("2026-04-01T00:00:00Z"), &r, NULL),
                     SLATE_OK);
    slate_event e[2] = {{T("2026-03-09T04:30:00Z"), "created", NULL, 0},
                        {T("2026-03-09T04:00:00Z"), NULL, NULL, 0}};
    slate_status st = slate_report_add(r, "X", e, 2, err);
    slate_report_free(r);
    return st;
}

static slate_status classifier_without_priorities(slate_error *err) {
    slate_classifier *c = NULL;
    slate_status st = slate_classifier_new(no_slas_, &c, err);
    slate_classifier_free(c);
    return st;
}

static slate_status clock_without_slas(slate_error *err) {
    slate_clock *c = NULL;
    slate_status st = slate_clock_new(no_slas_, &c, err);
    slate_clock_free(c);
    return st;
}

static slate_status no_such_contract(slate_error *err) {
    slate_report *r = NULL;
    slate_status st = slate_report_new(amc_, "nope", 0, 86400, &r, err);
    slate_report_free(r);
    return st;
}

static slate_status report_period_backwards(slate_error *err) {
    slate_report *r = NULL;
    return slate_report_new(amc_, NULL, 86400, 0, &r, err);
}

static slate_status bad_ticket(slate_error *err) {
    slate_ticket *t = NULL;
    return slate_ticket_from_json("{\"a\": [1]}", 10, &t, err);
}

static slate_status bad_history(slate_error *err) {
    slate_history *h = NULL;
    const char *text = "{\"events\": [{\"at\": \"yesterday\"}]}";
    return slate_history_from_json(text, strlen(text), &h, err);
}

static slate_status missing_policy_file(slate_error *err) {
    slate_policy *p = NULL;
    return slate_policy_from_file(db_, "/nonexistent/policy.json", &p, err);
}

static slate_status unknown_zone(slate_error *err) {
    const slate_zone *z;
    return slate_tzdb_zone(db_, "Mars/Olympus_Mons", &z, err);
}

static slate_status hostile_zone_name(slate_error *err) {
    const slate_zone *z;
    return slate_tzdb_zone(db_, "../../etc/passwd", &z, err);
}

static slate_status missing_tzdir(slate_error *err) {
    slate_tzdb *db = NULL;
    return slate_tzdb_open("/nonexistent/zoneinfo", &db, err);
}

static slate_status gap_rejected(slate_error *err) {
    slate_civil c = {2026, 3, 8, 2, 30, 0};
    slate_time t;
    return slate_zone_from_civil(ny_, &c, SLATE_DISAMBIGUATE_REJECT, &t, err);
}

static slate_status overlap_rejected(slate_error *err) {
    slate_civil c = {2026, 11, 1, 1, 30, 0};
    slate_time t;
    return slate_zone_from_civil(ny_, &c, SLATE_DISAMBIGUATE_REJECT, &t, err);
}

static slate_status bad_civil(slate_error *err) {
    slate_civil c = {2026, 2, 30, 0, 0, 0};
    return slate_civil_check(&c, err);
}

static slate_status bad_instant(slate_error *err) {
    slate_time t;
    return slate_time_parse("2026-03-08T25:30:00Z", &t, err);
}

static slate_status instant_out_of_range(slate_error *err) {
    slate_time t;
    return slate_time_parse("2401-01-01T00:00:00Z", &t, err);
}

static slate_status bad_local_time(slate_error *err) {
    slate_civil c;
    return slate_civil_parse("2026-03-08T2:30", &c, err);
}

static slate_status bad_duration(slate_error *err) {
    slate_duration d;
    return slate_duration_parse("PT4X", &d, err);
}

static slate_status null_out(slate_error *err) {
    return slate_policy_from_json(db_, "{}", 2, NULL, err);
}

static slate_status null_clock(slate_error *err) { return slate_clock_apply(NULL, NULL, err); }

static const struct {
    const char *name;
    slate_status (*run)(slate_error *err);
    slate_status want;
} failing[] = {
    {"two_contracts", two_contracts, SLATE_EINVAL},
    {"events_out_of_order", events_out_of_order, SLATE_EINVAL},
    {"results_before_last_event", results_before_last_event, SLATE_EINVAL},
    {"escalations_out_of_range", escalations_out_of_range, SLATE_ERANGE},
    {"escalations_backwards", escalations_backwards, SLATE_EINVAL},
    {"set_policy_without_slas", set_policy_without_slas, SLATE_ENOENT},
    {"report_events_out_of_order", report_events_out_of_order, SLATE_EINVAL},
    {"classifier_without_priorities", classifier_without_priorities, SLATE_ENOENT},
    {"clock_without_slas", clock_without_slas, SLATE_ENOENT},
    {"no_such_contract", no_such_contract, SLATE_ENOENT},
    {"report_period_backwards", report_period_backwards, SLATE_EINVAL},
    {"bad_ticket", bad_ticket, SLATE_EPARSE},
    {"bad_history", bad_history, SLATE_EPARSE},
    {"missing_policy_file", missing_policy_file, SLATE_ENOENT},
    {"unknown_zone", unknown_zone, SLATE_ENOENT},
    {"hostile_zone_name", hostile_zone_name, SLATE_EINVAL},
    {"missing_tzdir", missing_tzdir, SLATE_ENOENT},
    {"gap_rejected", gap_rejected, SLATE_ENONEXISTENT},
    {"overlap_rejected", overlap_rejected, SLATE_EAMBIGUOUS},
    {"bad_civil", bad_civil, SLATE_EINVAL},
    {"bad_instant", bad_instant, SLATE_EINVAL},
    {"instant_out_of_range", instant_out_of_range, SLATE_ERANGE},
    {"bad_local_time", bad_local_time, SLATE_EPARSE},
    {"bad_duration", bad_duration, SLATE_EPARSE},
    {"null_out", null_out, SLATE_EMISUSE},
    {"null_clock", null_clock, SLATE_EMISUSE},
};

/* Each failing call gives the same status with a record and without one,
 * and the record then says that status, with a message. */
START_TEST(failing_calls) {
    slate_error err;
    memset(&err, 0, sizeof err);
    slate_status with = failing[_i].run(&err);
    slate_status without = failing[_i].run(NULL);
    ck_assert_msg(with == failing[_i].want, "%s: %s (%s), want %s", failing[_i].name,
                  slate_status_name(with), err.message, slate_status_name(failing[_i].want));
    ck_assert_msg(without == with, "%s: %s with a record, %s without", failing[_i].name,
                  slate_status_name(with), slate_status_name(without));
    ck_assert_int_eq(err.code, with);
    ck_assert_msg(err.message[0] != '\0', "%s: no message", failing[_i].name);
}
END_TEST

int main(void) {
    Suite *s = suite_create("data");
    TCase *tc = tcase_create("policy");
    tcase_add_test(tc, bad_policies);
    suite_add_tcase(s, tc);
    TCase *calls = tcase_create("calls");
    tcase_add_unchecked_fixture(calls, fixtures, release);
    tcase_add_loop_test(calls, failing_calls, 0, (int)(sizeof failing / sizeof failing[0]));
    suite_add_tcase(s, calls);
    return run_suite(s);
}
